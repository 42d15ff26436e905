"""Time expressions in one sentence, resolved against the article's publication date.

An alert needs to know when its event happened: "on Monday" in an article of Thursday
2023-03-16 is 2023-03-13 (recent), "in 2006" or "last month" is history, "next week" or
"tomorrow" is a plan. :func:`time_mentions` finds the expressions (English, the forms news
uses), :func:`resolve` turns each into a date or a span relative to the reference date.

Without a reference date (a feed that gives none) weekdays and "yesterday" still read as
recent, a year before the current one as history, and a day of a month stays unresolved:
nothing is vetoed on a guess.

Contract: pure, no I/O; ``ref`` is a ``date``; ages are whole days before ``ref`` (negative:
after it, a plan).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from agents.enrich.patterns import finditer_at

#: an event this many days or fewer before publication is news (the convention: about a week)
RECENT_DAYS = 8
#: after this day of the month, "earlier this month" is further back than the week
EARLIER_THIS_MONTH_DAY = 10

_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUMBERS.update({w: i for i, w in enumerate("thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(), 13)})
_NUMBERS.update({"a": 1, "an": 1, "a few": 3, "several": 4, "few": 3})
_NUMBERS.update({w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)})

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
#: the words a span or an age is counted in ("sixteen days after", "a few weeks ago"); "zero" counts no time
_COUNT_WORDS = [w for w in _NUMBERS if w != "zero"]
# the longest first: "sixteen days after" is not "six", "a few days ago" not "a"
_NUM = r"(?P<n>\d+|" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True)) + ")"

# one alternation, tried in this order at each position (longest forms first)
_PATTERNS: list[tuple[str, str]] = [
    ("future", r"\b(?:(?:as soon as|as early as|no earlier than|no sooner than) (?:this |next )?"
               r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tonight|today)|tomorrow|by the end of (?:this|the|next) (?:week|month|year)|next (?:week|month|year|decade|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
               r"later (?:this|next) (?:week|month|year)|in the coming (?:days|weeks|months)|in the (?:near|foreseeable) future|"
               r"(?:in|within) (?:the next )?(?:\d+|a few|several|two|three) (?:days|weeks|months))\b"),
    ("ago", rf"\b(?P<more>(?:more than|over|upwards of) )?{_NUM} (?P<unit>hour|day|week|month|year|decade)s? "
            rf"(?:ago|earlier|before|since)\b"),
    ("after", rf"\b{_NUM.replace('<n>', '<an>')} (?P<aunit>hour|day|week|month|year|decade)s? after\b"),
    ("date", rf"\b(?:{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,? (?P<year>(?:19|20)\d\d))?|"
             # a day before its month is a day of a month (not "Launch Complex 40 July 25, 2019": a pad's number, then
             # a month with its own day)
             rf"(?P<day2>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)? (?:of )?(?P<month2>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|"
             rf"apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
             rf"(?! \d{{1,2}}\b)(?:,? (?P<year2>(?:19|20)\d\d))?)\b"),
    ("iso", r"\b(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)\b"),
    # a fixed-date holiday is a day of a month: "Three days before Christmas, an Alpha rocket lifted
    # off" in an April article is December's
    ("holiday", r"\b(?:christmas(?: day| eve)?|new year['’]s (?:day|eve)|halloween|valentine['’]s day)\b"),
    ("since", r"\bsince (?:(?:early|late|mid) )?(?:the )?(?:[A-Za-z]+\.? )?(?:\d{1,2},? )?(?:(?:19|20)\d\d)s?\b"),
    # not a month with its day ("the early hours of Jan. 2", "the morning of December 29"): a date
    ("month", rf"\b(?:in|during|of|last|early|late|mid|earlier in) (?:(?:early|late|mid) )?{_MONTH.replace('<month>', '<mmonth>')}"
              rf"(?!\s*\d{{1,2}}(?:st|nd|rd|th)?\b)(?: (?P<myear>(?:19|20)\d\d))?\b"),
    ("year", r"\b(?:in|of|during|from|by|until|between|back in|year|summer|winter|spring|autumn|fall)"
             r" (?P<y>(?:19|20)\d\d)s?\b|\b(?P<y2>(?:19|20)\d\d)s?\b"),
    ("last", r"\b(?:last|past|previous) (?P<lunit>night|week|month|year|decade|weekend)\b"),
    ("this", r"\b(?:(?:earlier |later )?this|earlier in the) (?P<tunit>morning|afternoon|evening|week|weekend|month|year)\b|"
             r"\b(?:earlier|later) (?:today|tonight)\b"),
    ("weekday", r"\b(?:on |last |this |early |late )?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                r"(?:'s)?\b"),
    # "on this day in 1998", "launched Sputnik 1 - today in 1957": a year or more back
    ("anniversary", r"\bon this (?:day|date)\b|\b(?:today|this day|this date) in (?:19|20)\d\d\b"),
    # "used to test nuclear weapons on two occasions in the past": earlier than the news, however far
    # (not "in the past 24 hours", "in the past week": a span up to now)
    ("past", r"\b(?:in|over) the (?:distant |recent )?past\b(?!\s+(?:\d+|few|several|couple|two|three|four|five|six|seven|"
             r"eight|nine|ten|hour|hours|day|days|week|weeks|month|months|year|years|decade|decades)\b)"),
    ("today", r"\b(?:today|tonight|overnight|at dawn|early hours|hours earlier|hours after|hours before|"
              r"the day before|a day after|a day earlier|the previous day|the other day|this morning)\b"),
    ("yesterday", r"\b(?:yesterday|last night)\b"),
    # "the four most recent nuclear tests" ranks a series, however far back: no time
    # "just prior to", "just before": "just" measures the gap to another event, not to today
    # ("just" before an amount is "only": "just 73 seconds after liftoff on Jan. 28, 1986", c31)
    ("recent", r"\b(?<!most )(?:recent|recently|latest|just(?! (?:prior|before|after|ahead|short|over|under|about|"
               r"around|a few|a couple|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|"
               r"sixty|seventy|eighty|ninety|hundreds?|thousands?|minutes|seconds|hours|days|weeks|months|years)\b| \d))\b"),
]
_PART_OF = re.compile(r"\s+(?:(?:of|on)\s+(?:the\s+)?)?", re.IGNORECASE)
_TIME = re.compile("|".join(f"(?P<k_{k}>{p})" for k, p in _PATTERNS), re.IGNORECASE)
# every expression above starts a word (its first character is a letter or digit, \w, after
# "\b"), so trying _TIME at word starts only finds what finditer finds, ~2.5x faster
_WORD = re.compile(r"\w+")
_NUM_WORDS = " ".join(_COUNT_WORDS)
_MONTH_WORDS = ("jan january feb february mar march apr april may jun june jul july aug august sep sept september oct "
                "october nov november dec december")
#: the whole first word of every expression above, lower case (those that start with a digit aside): a word
#: start whose word is none of these, in ASCII, cannot start a match, and trying _TIME there (its ~17 branches,
#: case aside) was most of time_mentions' cost. Non-ASCII words are still tried (re's case-insensitive "ſ" is
#: "s"). tests/agents/enrich/test_matching_speed.py checks the matches against every word start's.
_FIRST_WORDS = frozenset(f"""{_NUM_WORDS} {_MONTH_WORDS}
    as no tomorrow by next later in within more over upwards christmas new halloween valentine since during of last
    early late mid earlier from until between back year summer winter spring autumn fall past previous this on
    monday tuesday wednesday thursday friday saturday sunday today tonight overnight at hours the yesterday recent
    recently latest just""".split())


#: the words after those first words that are also common words elsewhere, in every expression they open
#: ("the day before", "a few days ago", "an hour earlier")
_SECOND_WORDS = {
    "the": frozenset("day other previous".split()),
    "a": frozenset("few hour hours day days week weeks month months year years decade decades".split()),
}
_SECOND_WORDS["an"] = _SECOND_WORDS["a"]  # ("an" before any unit: the number word "an?")


def _may_start(word: str, following: str = "") -> bool:
    """Can a time expression start at ``word`` (``following``: the word after it, if any)?"""
    if word[0].isdigit() or not word.isascii():
        return True
    low = word.lower()
    if low not in _FIRST_WORDS:
        return False
    seconds = _SECOND_WORDS.get(low)
    return seconds is None or not following.isascii() or following.lower() in seconds


def _starts(sentence: str) -> list[int]:
    """The word starts where _TIME may match (see _FIRST_WORDS)."""
    words = _WORD.findall(sentence)
    out, pos = [], 0
    for i, w in enumerate(words):
        pos = sentence.index(w, pos)
        if _may_start(w, words[i + 1] if i + 1 < len(words) else ""):
            out.append(pos)
        pos += len(w)
    return out
_HOLIDAYS = {"christmas": (12, 25), "new": (1, 1), "halloween": (10, 31), "valentine's": (2, 14)}
_UNIT_DAYS = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365, "decade": 3650}


@dataclass(frozen=True, slots=True)
class TimeMention:
    text: str
    start: int  # offset in the sentence
    end: int
    when: date | None  # the day it names, where it names one
    age: int | None  # days before the reference date (negative: after); None: unknown
    span: int | None = None  # "two weeks after": days between two events, not an age
    kind: str = ""  # which pattern: today, weekday, date, year, recent...

    @property
    def history(self) -> bool:
        return self.age is not None and self.age > RECENT_DAYS

    @property
    def future(self) -> bool:
        return self.age is not None and self.age < 0


def time_mentions(sentence: str, ref: date | None, today: date) -> list[TimeMention]:
    """Every time expression in ``sentence``, resolved against ``ref`` (publication date);
    ``today`` stands in for an unknown ``ref`` where only the year matters."""
    return list(_mentions(sentence, ref, today))


# the rules ask about one sentence again for each rule and candidate it holds, and about the lead
# for each hit: half the calls on articles with a candidate are repeats (TimeMention is frozen)
@functools.lru_cache(maxsize=64)
def _mentions(sentence: str, ref: date | None, today: date) -> tuple[TimeMention, ...]:
    out = []
    for m in finditer_at(_TIME, sentence, _starts(sentence)):
        kind = next(k[2:] for k, v in m.groupdict().items() if k.startswith("k_") and v is not None)
        if kind == "weekday" and in_outlet_name(sentence, m.start("wd"), m.end("wd")):
            continue  # "The Sunday Times reported that ...": the paper's name dates nothing
        when, age = resolve(kind, m, ref, today)
        span = None
        if kind == "after":
            g = m.groupdict()
            span = _n(g["an"]) * _UNIT_DAYS[g["aunit"].lower()]
        out.append(TimeMention(m.group(), m.start(), m.end(), when, age, span, kind))
    if ref is not None:  # with no publication date a date cannot be aged: the weekday reads as before
        out = _dated_weekdays(sentence, out)
    # "in the early hours of Jan. 2", "at dawn on Tuesday", "overnight on Sunday": the part of
    # the day belongs to the day named right after it, not to the reference day
    return tuple(m for i, m in enumerate(out)
                 if not (m.kind == "today" and i + 1 < len(out) and out[i + 1].kind in ("weekday", "date")
                         and _PART_OF.fullmatch(sentence, m.end, out[i + 1].start))
                 and not (m.kind == "future" and _HOW_OFTEN.search(sentence, max(0, m.start - 40), m.start)))


#: between a weekday and the date that says which one it is: "Wednesday, Sept. 28, 2022", "on Friday (March 3)"
_APPOSED_DATE = re.compile(r"\s*(?:,|\()\s*")


def _dated_weekdays(sentence: str, out: list[TimeMention]) -> list[TimeMention]:
    """A weekday followed by its date is that date ("a file image of a launch ... Wednesday, Sept. 28, 2022" on a
    page of 1 November: 28 September, not the coming Wednesday): one mention over both, the date's day and age."""
    merged: list[TimeMention] = []
    i = 0
    while i < len(out):
        m = out[i]
        nxt = out[i + 1] if i + 1 < len(out) else None
        if m.kind == "weekday" and nxt is not None and nxt.kind == "date" and nxt.when is not None \
                and _APPOSED_DATE.fullmatch(sentence, m.end, nxt.start):
            merged.append(TimeMention(sentence[m.start:nxt.end], m.start, nxt.end, nxt.when, nxt.age, None, "date"))
            i += 2
            continue
        merged.append(m)
        i += 1
    return merged


# a weekday inside a newspaper's name, as the papers spell it (capitalised; case-sensitive, so "on Sunday morning" and
# "Sunday's launch" stay times): "The Sunday Times", "the Sunday Telegraph", "the Mail on Sunday", "Scotland on Sunday"
_OUTLET_AFTER_WEEKDAY = re.compile(
    r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Independent|People|Mail|World|Tribune|Observer|Business Post|"
    r"Age|Guardian|Nation|Standard|Sport|Sun|Star|Journal|Gleaner|Argus|Record|Mercury|Review|Edition)\b")
_OUTLET_BEFORE_WEEKDAY = re.compile(r"\b(?:Mail|Independent|Scotland|Wales|Observer|Express|Telegraph|Post) on\s+$")


def in_outlet_name(sentence: str, start: int, end: int) -> bool:
    """Is the weekday at ``start:end`` part of a newspaper's name ("The Sunday Times", "the Mail on Sunday")? Such a
    weekday names the paper, not the day of the event it reports."""
    if not sentence[start:start + 1].isupper():
        return False
    return _OUTLET_AFTER_WEEKDAY.match(sentence, end) is not None \
        or _OUTLET_BEFORE_WEEKDAY.search(sentence, max(0, start - 20), start) is not None


# "for the second time in three days", "the third launch in two weeks", "twice in three weeks": how often
# within a span, not a date ahead
_HOW_OFTEN = re.compile(r"\b(?:(?:time|times|twice|thrice)|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
                        r"tenth|\d+(?:st|nd|rd|th))(?:\s+[\w-]+){0,2})\s+$", re.IGNORECASE)


def _past_new_year(ref: date | None) -> bool:
    """Is ``ref`` (None: unknown) past the first days of its year, so that "earlier this year" is older than the week?
    Without a date, a page is in a year's first days once in thirty-odd: the phrase reads as older."""
    return ref is None or ref.timetuple().tm_yday > EARLIER_THIS_MONTH_DAY


def _n(text: str | None) -> int:
    if not text:
        return 1
    text = text.lower()
    return int(text) if text.isdigit() else _NUMBERS.get(text, 1)


def month_number(text: str) -> int:
    """1-12 for a month's name or abbreviation ("Dec.", "Sept", "october")."""
    return _MONTHS[text.lower().rstrip(".")[:4] if text.lower().startswith("sept") else text.lower().rstrip(".")[:3]]


def resolve(kind: str, m: re.Match[str], ref: date | None, today: date) -> tuple[date | None, int | None]:
    g = m.groupdict()
    if kind == "future":
        return None, -1
    if kind == "since":  # "the first since late December 2013": where a span starts, not the event
        return None, None
    if kind in ("anniversary", "past"):  # "on this day in 1998", "in the past": a year or more back
        return None, 365
    if kind in ("today", "recent", "this"):
        unit = (g.get("tunit") or "").lower()
        if unit == "month" and ref is not None and ref.day > EARLIER_THIS_MONTH_DAY and m.group().lower().startswith("earlier"):
            # "earlier this month" in a page of the 11th or later: an event of the past week
            # would have been "this week" or its weekday ("an Iranian missile attack on Erbil,
            # Iraq, earlier this month", told on March 30)
            return None, RECENT_DAYS + 1
        if unit == "year" and m.group().lower().startswith("earlier") and _past_new_year(ref):
            # "earlier this year" looks back past the weeks that "this week" and the weekdays tell: "As our
            # colleagues at The War Zone noted earlier this year, Ukraine used a Patriot missile" (an undated
            # contract story); only in a year's first days could it be the past week
            return None, RECENT_DAYS + 1
        if unit in ("month", "year"):
            return None, None  # "earlier this month" early in a month, "this year": could be a week or three
        return (ref if kind == "today" else None), 0
    if kind == "yesterday":
        return (ref - timedelta(days=1) if ref else None), 1
    if kind == "weekday":
        if m.group().lower().startswith("next"):
            return None, -1
        back = (ref.weekday() - _WEEKDAYS[g["wd"].lower()]) % 7 if ref else None
        if back is None:
            return None, 3
        if back == 0 and m.group().lower().startswith("last"):
            back = 7
        if back == 6 and not m.group().lower().startswith("last"):
            # the reference is the UTC date; an outlet east of Greenwich publishes its "Tuesday"
            # morning on Monday UTC: the day after the reference, not six days before it
            return ref + timedelta(days=1), 0
        return ref - timedelta(days=back), back
    if kind in ("ago", "after"):
        days = _n(g["n"] or g["an"]) * _UNIT_DAYS[(g["unit"] or g["aunit"]).lower()]
        if kind == "after":  # "two weeks after the test": the span, not its place in time
            return None, 0 if days <= RECENT_DAYS else None
        if g.get("more") and days >= 7:
            days = max(days + 1, RECENT_DAYS + 1)  # "more than a week ago": beyond the week
        return (ref - timedelta(days=days) if ref else None), days
    if kind == "last":
        unit = g["lunit"].lower()
        days = {"night": 1, "weekend": 3, "week": 7, "month": 30, "year": 365, "decade": 3650}[unit]
        return (ref - timedelta(days=days) if ref and unit in ("night", "weekend") else None), days
    if kind == "holiday":
        if ref is None:
            return None, None
        month, day = _HOLIDAYS[m.group().lower().replace("’", "'").split()[0]]
        if m.group().lower().endswith("eve"):
            month, day = (12, 31) if month == 1 else (month, day - 1)
        d = date(ref.year, month, day)
        if d > ref + timedelta(days=1):
            d = date(ref.year - 1, month, day)
        return d, (ref - d).days
    if kind in ("date", "iso"):
        if kind == "iso":
            try:
                d = date(int(g["iy"]), int(g["im"]), int(g["id"]))
            except ValueError:
                return None, None
            return d, (ref - d).days if ref else ((today - d).days if d.year < today.year else None)
        month = month_number(g["month"] or g["month2"])
        day = int(g["day"] or g["day2"])
        year = g["year"] or g["year2"]
        if year is None and ref is None:
            return None, None
        y = int(year) if year else ref.year  # type: ignore[union-attr]
        try:
            d = date(y, month, day)
        except ValueError:
            return None, None
        if year is None and ref is not None and d > ref + timedelta(days=1):
            d = date(y - 1, month, day) if (month, day) != (2, 29) else d  # "December 28" read in January
        if ref is None:
            return d, (today - d).days if d.year < today.year else None
        return d, (ref - d).days
    if kind == "month":
        month = month_number(g["mmonth"])
        year = int(g["myear"]) if g.get("myear") else None
        base = ref or today
        # "last August" is the August before the current month, whatever the date: a month or
        # more back, so it reads as history without a publication date too
        last = year is None and m.group().lower().startswith("last")
        y = year if year is not None else (base.year if month < base.month or (month == base.month and not last)
                                           else base.year - 1)
        first = date(y, month, 1)
        if ref is None and year is None and not last:
            return None, None
        if (first.year, first.month) == (base.year, base.month):
            return None, None  # the current month: could be this week
        last_day = (date(y + (month == 12), month % 12 + 1, 1) - timedelta(days=1))
        if "late" in m.group().lower().split():
            return None, (base - last_day).days  # "in late November" read on 3 December: its last days, the week's
        # an earlier month named whole (or its early or middle part) is beyond the week, however close its last day:
        # the week's news is told by its weekday or date ("launched a Minuteman III missile across the Pacific Ocean
        # in November 2025", on a page of 4 December 2025, of the launch "on November 5")
        return None, max((base - last_day).days, RECENT_DAYS + 1)
    if kind == "year":
        y = int(g["y"] or g["y2"])
        base = ref or today
        if y >= base.year:
            return None, None if y == base.year else -1
        return None, (base - date(y, 12, 31)).days
    return None, None
