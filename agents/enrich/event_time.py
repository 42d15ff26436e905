"""Placing a rule hit in the story's time, beyond its own sentence (see agents/enrich/rules.py,
step 6): the time of the sentences before it, the lead of a headline, follow-up articles, a
noun phrase that needs a time or a verb to be an event, and the simple present of body text;
whose day a time is when it is not the event's (a quotation's "today", an anniversary's).

``doc`` is the matcher's view of one article (:class:`agents.enrich.article_view.ArticleView`):
``text``, ``sentences``, ``ref``, ``today``, ``follow_up``; ``rule`` a compiled rule.
"""

from __future__ import annotations

import re
from typing import Any

from agents.enrich.text import boundary_text, lower_same_length
from agents.enrich.events import place_in_time
from agents.enrich.timex import RECENT_DAYS, TimeMention, time_mentions

_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\u2013\u2014]|\s-\s")
_PRESENT_3SG = re.compile(r"[a-z]+(?<!ss)(?<!ou)s\b")
# "from conducting", "of the North conducting": a gerund clause (with its subject) after a preposition
_GERUND_OBJECT = re.compile(r" (?:from|of|against|without|about) (?:[a-z]+ ){0,2}?[a-z]+ing ")


def _words(s: str) -> list[str]:
    return lower_same_length(boundary_text(s)).split()


_NOUN_OF = re.compile(r"\s+of\b", re.IGNORECASE)


def habitual(text: str, verb_start: int) -> bool:
    """Is the verb at ``verb_start`` a simple present ("launches", "fires")? Headlines use it
    for past events; body text for what is usual. Before "of" the form is a plural noun ("two
    flight tests of a missile"), no present tense."""
    m = _PRESENT_3SG.match(text, verb_start)
    return m is not None and _NOUN_OF.match(text, m.end()) is None


def supported(doc: Any, rule: Any, s0: int, s1: int, start: int, end: int) -> bool:
    """A support verb of the rule in the trigger's clause: at most six words before it, or
    three after it (a headline's "Underground nuclear test confirmed")."""
    if rule.support_re is None:
        return False
    before = doc.text[s0:start]
    cut = list(_CLAUSE_BREAK.finditer(before))
    words = _words(before[cut[-1].end():] if cut else before)[-6:]
    after = doc.text[end:s1]
    m = _CLAUSE_BREAK.search(after)
    later = _words(after[:m.start()] if m else after)[:3]
    # "ordered nuclear weapons tests to be conducted": an infinitive after the noun is what is
    # to be done, not what was done
    words += ["|"] + later[:later.index("to")] if "to" in later else ["|"] + later
    found = rule.support_re.search(f" {' '.join(words)} ")
    if not found:
        return False
    # "bans the country from conducting nuclear tests or carrying out missile launches": a
    # gerund after a preposition names what is banned or feared, not what was done
    clause = f" {' '.join(_words(before[cut[-1].end():] if cut else before))} "
    return not (found.group().split()[0].endswith("ing") and _GERUND_OBJECT.search(clause))


def lead_time(doc: Any, sent: int) -> TimeMention | None:
    """For a title hit, a time within the week in the first two body sentences; else None."""
    if sent != 0:
        return None
    for i in (1, 2):
        if i >= len(doc.sentences):
            break
        p0, p1 = doc.sentences[i]
        news, when = place_in_time(doc.text[p0:p1], (0, 0), doc.ref, doc.today)
        if news and when is not None and when.age is not None:
            return when
    return None


def follow_up(doc: Any, pack: Any) -> bool:
    if doc.follow_up is None:
        lead = doc.text[:doc.sentences[1][1]] if len(doc.sentences) > 1 else doc.text
        doc.follow_up = bool(pack.follow_up_re and pack.follow_up_re.search(f" {' '.join(_words(lead))} "))
    return doc.follow_up


# a launch, a test or its failure: the word a lead's time must date to be the story's time ("The first sign of a problem
# during last month's Electron launch", "On March 16, China launched the first Long March 7A")
_EVENT_WORD = re.compile(r"\b(?:launch\w*|lift(?:s|ed|ing)?[- ]?off|liftoff|blast(?:s|ed)?[- ]off|flights?|fired|fires|"
                         r"test(?:s|ed)?|failures?|failed|explo(?:ded|sion)|crash(?:ed)?)\b", re.IGNORECASE)


#: the story's lead: the headline and the first body sentences of this many words or more (a credit line, a dateline
#: or a byline is none: "Credit: Rocket Lab")
_LEAD_WORDS = 8
_LEAD_SENTENCES = 3


def _lead(doc: Any) -> list[tuple[int, int]]:
    """The headline (if any) and the first ``_LEAD_SENTENCES`` body sentences of ``_LEAD_WORDS`` words or more."""
    out = [doc.sentences[0]] if doc.title_end else []
    for p0, p1 in doc.sentences[1 if doc.title_end else 0:]:
        if len(out) > _LEAD_SENTENCES:
            break
        if len(doc.text[p0:p1].split()) >= _LEAD_WORDS:
            out.append((p0, p1))
    return out


#: the kinds of time that are older than the page whatever its date: "last month", "two years ago"
_RELATIVE_KINDS = frozenset({"last", "ago", "anniversary", "past"})


def story_time(doc: Any) -> TimeMention | None:
    """The time the lead gives the story's launch when that is history: the oldest time beyond the week in the headline
    or a lead sentence (:func:`_lead`) that tells a launch, a test or a failure, when none of them names a time
    within the week. Then the story retells a past launch ("last month's Electron launch", "On March 16, China
    launched ..."), and a later sentence that speaks of the launch or the rocket again, with no day of its own, is
    of that day. None when the lead tells this week's news or dates nothing."""
    if doc.story_time is not False:
        return doc.story_time
    oldest = None
    for p0, p1 in _lead(doc):
        sentence = doc.text[p0:p1]
        for m in time_mentions(sentence, doc.ref, doc.today):
            if m.age is not None and 0 <= m.age <= RECENT_DAYS and m.kind != "recent":
                doc.story_time = None
                return None  # "on Tuesday": the lead tells this week's news
            # (an undated page's dates are read against today: "as seen on October 7, 2018" under a caption is not
            # known to be older than the page; "last month's" is, whatever the page's date)
            if m.history and (doc.ref is not None or m.kind in _RELATIVE_KINDS) and _EVENT_WORD.search(sentence) \
                    and (oldest is None or m.age > oldest.age):
                oldest = m
    doc.story_time = oldest
    return oldest


# the frame of a calendar-history column: "On this day: Iraq attacks Israel", "On this day in history, the United States
# notably entered the space age", "Today in History", "This Week In Space History", "This Day in Spaceflight History",
# "45 Years Ago Today!", "A Blast From The Past", "What happened on August 26", an opening "Today is Dec. 24."
_HISTORY_COLUMN = re.compile(r"\bon this (?:day|date)\b|\b(?:today|this (?:day|date|week|month|year)) in (?:[\w'’-]+ ){0,2}"
                             r"history\b|\b(?:years?|decades?) ago (?:today|this (?:week|month))\b|\bblast from the past\b|"
                             r"#(?:onthisday|otd)\b|\bwhat happened on (?:this day|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
                             r"nov|dec)[a-z]*\.? \d{1,2})\b|^\W*today is (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                             r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2})\b",
                             re.IGNORECASE | re.MULTILINE)
# a heading line that dates its story with a full date: "HT This Day: October 17, 1964 -- China explodes its first
# a-bomb", "April 12th 1961: Yuri Gagarin becomes the first man in space", a body opening on "July 16, 1945" alone on its
# line; a column when the year is older than the page's (a live page's dateline is of its own year)
_DATED_HEADING = re.compile(r"^[^\w\n]*(?:[\w'’ ]{1,24}:[ \t]*)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? "
                            r"\d{1,2}(?:st|nd|rd|th)?,? (?P<year>(?:19|20)\d\d)[ \t]*(?::|--|\u2013|\u2014|$)",
                            re.IGNORECASE | re.MULTILINE)
# one of these words stands in every frame _HISTORY_COLUMN finds: the cheap look before it
_COLUMN_WORDS = ("this da", "today", "this week", "this month", "this year", " ago ", "blast from", "#", "happened on")
#: how far into the body a column's frame may stand (its heading line, a dateline or a credit before it)
_OPENING = 240
# a paragraph of the opening that starts on the column's frame and its year: "On this day, October 9, in 2006, North
# Korea detonated ..." (c31, after a paragraph of background)
_DAY_PARAGRAPH = re.compile(r"^\W*on this (?:day|date)\b[^.\n]{0,40}?\bin (?:19|20)\d\d\b", re.IGNORECASE | re.MULTILINE)
_PARAGRAPH_REACH = 1000  # the first paragraphs: deeper, a news story may recall its anniversary
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def history_column(doc: Any) -> bool:
    """Is the article a calendar-history column, by its headline or the opening of its body? A column retells the
    past day: its relative times ("hit in the early hours of the morning", "a few days ago") are that day's, and
    an event told with no time is the day's anniversary."""
    if doc.history_column is None:
        opening = doc.text[:doc.title_end + _OPENING] if doc.title_end else doc.text[:_OPENING]
        lower = opening.lower()
        doc.history_column = any(w in lower for w in _COLUMN_WORDS) and _HISTORY_COLUMN.search(opening) is not None \
            or any(int(m.group("year")) < (doc.ref or doc.today).year for m in _DATED_HEADING.finditer(opening)) \
            or _DAY_PARAGRAPH.search(doc.text, 0, _PARAGRAPH_REACH) is not None
    return doc.history_column


def dated_by_year(when: TimeMention | None) -> bool:
    """Is ``when`` a date that names its year ("on January 31, 1958", "2024-03-16")? The one kind of time a history
    column cannot mean of the past day, and so the one that can place a column's event in the current week."""
    return when is not None and when.age is not None and (when.kind == "iso" or when.kind == "date"
                                                          and _YEAR.search(when.text) is not None)


# "won't be turned on until 11 days after launch": a mission's own clock, counted from the launch
# the story tells; it places no other event in time
_MISSION_CLOCK = re.compile(r"\s+(?:launch|liftoff|lift-off|blastoff|blast-off|separation)\b", re.IGNORECASE)


# an anniversary of an event, or a remembrance of it: the time of such a sentence is the celebration's, and the event it
# remembers is older ("Nation celebrates silver jubilee of nuclear tests today", "Youm-e-Takbir, commemorating historic
# nuclear tests at Chaghi in 1998, was observed on Saturday", "to mark the day of nuclear tests carried by Pakistan")
_REMEMBERED_EVENT = re.compile(
    r"\b(?:(?:anniversar(?:y|ies)|jubilees?|centenar(?:y|ies)|centennials?|bicentenar(?:y|ies)|bicentennials?)\s+of|"
    r"commemorat\w*|mark(?:s|ed|ing)?\s+the\s+(?:historic\s+)?day\s+(?:of|when))"
    r"\s+(?:[\w'’-]+\s+){0,5}?(?:launch\w*|lift(?:s|ed|ing)?[- ]?off|liftoff|flights?|fired|firing|tests?|tested|explosions?|"
    r"blasts?|detonat\w+)\b", re.IGNORECASE)


def remembers_an_event(sentence: str) -> bool:
    """Does ``sentence`` tell an anniversary or a remembrance of a launch or a test, and no launch or test before it?
    Its time is the remembrance's. A launch told first is the sentence's own event, on the anniversary ("Sunday's
    launch came on the 60th anniversary of Sputnik's launch")."""
    m = _REMEMBERED_EVENT.search(sentence)
    return m is not None and _EVENT_WORD.search(sentence, 0, m.start()) is None


def narrative_time(doc: Any, sent: int, own: TimeMention | None) -> tuple[bool, TimeMention | None]:
    """A body sentence with no time of its own carries on the time of the story so far: the
    latest placed expression in the two body sentences before it ("Chagai-I is the name of
    tests conducted on 28 May 1998. ... Pakistan's first test of nuclear weapons"), else the
    headline's when it names one (a page headed "Nuclear tests 1998" tells of 1998 throughout)."""
    before = [p for p in (sent - 1, sent - 2) if p >= 1] + ([0] if doc.title_end else [])
    for prev in before:
        p0, p1 = doc.sentences[prev]
        news, when = place_in_time(doc.text[p0:p1], (p1 - p0, p1 - p0), doc.ref, doc.today)
        if news and when is not None and (quoted_day(doc, p0, p1, when) is not None
                                          or remembers_an_event(doc.text[p0:p1])):
            # the time before is another day's: a quoted speech of an older day ("Today, we have settled a score"), or
            # an anniversary's ("Nation celebrates silver jubilee of nuclear tests today")
            return False, own
        if not news and prev > 0 and (when is None or when.kind == "month" and when.age is None):
            return False, own  # an undated page's older date ("launched a long-range missile in July"): the story's time
        if when is not None and (when.age is not None or (when.span is not None
                                                          and not _MISSION_CLOCK.match(doc.text, p0 + when.end))):
            if prev == 0 and dates_another_event(doc.text, p0, when):
                break  # "H3 rocket lifts off after failed launch in 2023": the headline dates another event
            return news, own
    return True, own


# a time after these dates an earlier event than the sentence's own
_OTHER_EVENTS_TIME = re.compile(r"\b(?:after|since|following|before|than)\b(?:\s+[\w’'-]+){0,4}\s+$", re.IGNORECASE)


def dates_another_event(text: str, s0: int, when: TimeMention) -> bool:
    """Does ``when``, in the sentence that starts at ``s0``, follow "after", "since", "following", "before" or
    "than": the time of another, earlier event ("H3 rocket lifts off after failed launch in 2023", "for the first
    time since a humiliating failure 15 months ago")?"""
    at = s0 + when.start
    return _OTHER_EVENTS_TIME.search(text, max(s0, at - 40), at) is not None


# a count or an earlier-ness before an event noun makes it a tally or history ("has conducted
# five nuclear tests", "its previous nuclear test"), whatever verb carries it
_COUNTED = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|multiple|"
                      r"numerous|dozens of|hundreds of|a series of|a number of|a string of|"
                      # "its fourth and fifth nuclear tests": two of a series
                      r"(?:first|second|third|\w+th)(?:,\s*\w+)*,?\s+and\s+(?:second|third|\w+th))\s+(?:of\s+(?:[\w'’-]+\s+)?)?(?:[\w'’-]+\s+){0,2}$",
                      re.IGNORECASE)
_EARLIER = re.compile(r"\b(?:previous|prior|past|earlier|former)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_NOMINAL = re.compile(r"[\w-]+\s+of\b")


def tally(text: str, s0: int, start: int, end: int) -> bool:
    """Is the event noun at ``start:end`` counted ("five nuclear tests") or earlier ("its
    previous nuclear test")? Then it needs a time of its own; a support verb is not enough."""
    before = text[max(s0, start - 60):start]
    return bool(_EARLIER.search(before) or (text[start:end].rstrip().endswith("s") and _COUNTED.search(before)))


# a count of two or more, not a number that ends a name ("Falcon 9 rockets", "Soyuz-2 rockets")
_COUNT = (r"(?<![\w.,-])(?:[2-9]|[1-9]\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|"
          r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a dozen|dozens of|scores of|hundreds of|"
          r"a record(?: of)? \d[\d,]*)")
_COUNT_BEFORE = re.compile(rf"{_COUNT}\s+(?:[\w'’-]+\s+){{0,2}}$", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+$")
# the launches of a span counted by the events they came in: "16 missiles in 10 tests", "a record 11 missiles in seven
# rounds of testing"
_COUNTED_EVENTS = re.compile(rf"\b(?:in|during|across|over)\s+{_COUNT}\s+(?:[\w-]+\s+){{0,2}}?(?:tests|launches|rounds|"
                             r"events|flights|missions|firings)\b", re.IGNORECASE)
# one of these stands before every count _COUNTED_EVENTS finds: the cheap look before it
_COUNTED_EVENTS_WORDS = ("in ", "In ", "during ", "During ", "across ", "Across ", "over ", "Over ")
_MONTH_NAME = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# a span reaching back beyond the week to now, or to a point: what a count over it adds up ("this year", "through the
# end of February", "by the end of April", "as of June 13", "since January", "over the past six months", "in 2017")
_PERIOD = re.compile(rf"\b(?:so far|to date|year to date|this (?:year|month)|as of|"
                     rf"(?:through|thru|by|until|till|up to)\s+(?:the\s+)?(?:end|middle|close|start|beginning)\s+of|"
                     rf"(?:through|thru|until|till)\s+{_MONTH_NAME}|"
                     rf"since\s+(?:the\s+)?(?:start|beginning)\s+of|since\s+{_MONTH_NAME}|since\s+(?:19|20)\d\d|"
                     rf"(?:over|in|during)\s+the\s+(?:past|last|previous|first)\s+(?:[\w-]+\s+)?(?:months|years|decades|quarter|half)|"
                     rf"(?:in|during)\s+(?:all\s+of\s+)?(?:19|20)\d\d)\b", re.IGNORECASE)
#: the kinds of time that place one event within the week, not a span's bound
_POINT_KINDS = frozenset({"today", "yesterday", "weekday", "date", "iso", "ago"})


def counted_over_period(text: str, c0: int, c1: int, o0: int) -> list[tuple[int, int]]:
    """The period expressions of the clause ``c0:c1`` when it counts the trigger's launches over a span: two or more of
    what flew (the count right before the object at ``o0``: "has launched 16 missiles", "After 13 rockets lifted off")
    or of the events they came in ("in 10 tests"), and a span beyond the week ("this year alone", "through the end of
    February"). A tally, not a report: it needs a time of its own that places one launch. Else []."""
    count = _COUNT_BEFORE.search(text, max(c0, o0 - 40), o0)
    name = _NAME_BEFORE.search(text, max(c0, count.start() - 30), count.start()) if count is not None else None
    if name is not None and text[c0:name.start()].strip():
        count = None  # "has launched Falcon 9 rockets": the number ends a name (a clause's first word is no name: "After 13")
    if count is None and (not any(text.find(w, c0, c1) >= 0 for w in _COUNTED_EVENTS_WORDS)
                          or _COUNTED_EVENTS.search(text, c0, c1) is None):
        return []
    return [m.span() for m in _PERIOD.finditer(text, c0, c1)]


def places_one_launch(when: TimeMention | None, at: int, periods: list[tuple[int, int]]) -> bool:
    """Does ``when`` (its start at ``at`` in the text) place one launch within the week, outside the spans a tally counts
    over ("On Tuesday", not the "of February" of "through the end of February")?"""
    return when is not None and when.kind in _POINT_KINDS and when.age is not None and 0 <= when.age <= RECENT_DAYS \
        and not any(p0 <= at < p1 for p0, p1 in periods)


# how often, not when: "are currently launching every two days on average", "launches 60 rockets a year", "once a
# month", "on a regular basis", "at a rate of"
_FREQUENCY = re.compile(rf"\b(?:every|each)\s+(?:other\s+|few\s+|couple\s+of\s+|{_COUNT}\s+)?(?:hours?|days?|weeks?|"
                        rf"months?|years?|decades?)\b|(?:{_COUNT}|once|twice|thrice)\s+(?:[\w'’-]+\s+){{0,3}}?(?:a|per|each)\s+"
                        rf"(?:day|week|month|year)\b(?!\s+(?:ago|after|before|earlier|later|since)\b)|\bper\s+(?:day|week|"
                        rf"month|year)\b|\bon average\b|\bon a (?:regular|daily|weekly|monthly|yearly|routine) basis\b|"
                        rf"\bat a (?:rate|pace|cadence) of\b", re.IGNORECASE)


# one of these words stands in every expression _FREQUENCY finds: the cheap look before it
_FREQUENCY_WORDS = ("every", "each", " a day", " a week", " a month", " a year", "per ", "average", "basis", "rate of",
                    "pace of", "cadence of")


def how_often(lower: str, c0: int, c1: int) -> bool:
    """Does the clause ``c0:c1`` of the lower-cased text say how often launches happen ("every two days", "60
    launches a year")? Then it tells a habit, not one launch."""
    return any(lower.find(w, c0, c1) >= 0 for w in _FREQUENCY_WORDS) and _FREQUENCY.search(lower, c0, c1) is not None


# a bare plural opening the sentence, up to two modifiers before it: the subject of a generic statement ("Launches
# from remote launch sites come with little warning"); not a preposition, a determiner, a number or a pronoun first,
# nor a function word that ends in "s" as its head ("In his message")
_NOT_BARE = (r"the|a|an|this|these|those|its|their|his|her|our|my|your|some|all|both|two|three|four|five|several|many|"
             r"most|such|in|on|at|for|with|by|from|after|before|during|as|since|under|over|while|when|if|although|though|"
             r"despite|according|meanwhile|however|it|they|he|she|we|there")
_BARE_PLURAL_SUBJECT = re.compile(rf"\W*(?!(?:{_NOT_BARE})\b)(?:[A-Za-z-]+\s+){{0,2}}?(?!(?:his|its|this|was|is|has|does|"
                                  rf"as|us|thus|plus|yes|news|series|always|perhaps|towards)\b)[A-Za-z-]+(?<!s)(?<!')s\b",
                                  re.IGNORECASE)
# what a main clause in the past or the perfect, with a modal or an auxiliary of its own, would show
_NOT_SIMPLE_PRESENT = re.compile(r"\b(?:was|were|had|has|have|did|will|would|could|may|might|can|should|must|came|went|"
                                 r"took|flew|rose|sent|left|blew|broke|fell|began|brought|made|got|saw|gave|ran|threw|struck|"
                                 r"shot|lost|hit|put|set|led|\w+ed)\b|\d", re.IGNORECASE)
_COMMA_END = re.compile(r",\s*$")


def generic_participle(text: str, s0: int, vs: int) -> bool:
    """Is the trigger at ``vs`` an -ing participle right after a comma whose main clause, from the sentence's start,
    is a generic statement in the simple present ("Launches from remote launch sites come with little warning, or
    even sometimes none, sending civilian, science, and military satellites to a range of different orbits")? A
    participle has no tense of its own; it tells what its main clause tells, here what is usual."""
    if not re.match(r"[A-Za-z]+ing\b", text[vs:vs + 30]) or not _COMMA_END.search(text, s0, vs):
        return False
    subject = _BARE_PLURAL_SUBJECT.match(text, s0, vs)
    return subject is not None and _NOT_SIMPLE_PRESENT.search(text, subject.end(), vs) is None


# "oversees all commercial space launches", "any missile tests": a quantifier before a plural event
# noun names a kind of event, never one, whatever time the sentence states
_QUANTIFIED = re.compile(r"\b(?:all|any|every|most|such|no)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)


def quantified(text: str, s0: int, start: int, end: int) -> bool:
    """Is the event noun at ``start:end`` a plural after a quantifier ("all commercial space launches")?"""
    return text[start:end].rstrip().endswith("s") and bool(_QUANTIFIED.search(text[max(s0, start - 40):start]))


# a count or an earlier-ness right before a participle used as an adjective of a plural noun
_COUNT_END = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|numerous|"
                        r"a series of|a number of|a string of|a few|previous|prior|past|earlier)\s+$", re.IGNORECASE)
_PARTICIPLE_BEFORE_PLURAL = re.compile(r"[a-z]+ed\s+[a-z]+s\b", re.IGNORECASE)


def counted_participle(text: str, s0: int, vs: int) -> bool:
    """Is the verb trigger at ``vs`` a participle modifying a counted plural ("after three failed
    attempts", "a series of failed attempts to launch")? Then it tells a series of earlier events."""
    return (_PARTICIPLE_BEFORE_PLURAL.match(text, vs) is not None
            and _COUNT_END.search(text, max(s0, vs - 16), vs) is not None)


_A_OR_AN = frozenset(("a", "an"))
_IS_A = re.compile(r"\s+is\s+(?:a|an)\s", re.IGNORECASE)


def definition(text: str, s0: int, start: int, end: int, s1: int) -> bool:
    """Is the trigger the subject of a definition: the sentence opens "A"/"An" right before it and
    goes on "is a/an" right after it ("A nuclear weapons test is an experiment in which ...")? Or,
    told object first, is its verb in the definition's predicate ("An intercontinental ballistic missile
    (ICBM) is a long-range weapon used to deliver warheads")?"""
    if text[s0:start].strip().lower() in _A_OR_AN and _IS_A.match(text, end, s1) is not None:
        return True
    # (the object phrase may start on a word of the subject: "ballistic missile" in "An intercontinental ...")
    opening = text[s0:start]
    words = opening.split()
    return (bool(words) and words[0].lower() in _A_OR_AN and len(words) <= 6 and not any(c in opening for c in ",;:")
            and _IS_A.search(text, start, end) is not None)


# a bare plural after a preposition names a kind of event, not one: "debt to Polynesia over
# nuclear tests", "the consequences of nuclear tests"
_GENERIC_BEFORE = re.compile(r"\b(?:over|for|of|about|against|on|from|with|by)\s+$", re.IGNORECASE)


def generic(text: str, s0: int, start: int, end: int) -> bool:
    """Is the event noun at ``start:end`` a bare plural right after a preposition? Then a
    headline's noun takes no time from the lead: the lead's "Tuesday" is when someone spoke."""
    return text[start:end].rstrip().endswith("s") and bool(_GENERIC_BEFORE.search(text[max(s0, start - 12):start]))


def nominal(doc: Any, pack: Any, s0: int, s1: int, verb_start: int) -> bool:
    """Is the verb trigger at ``verb_start`` a noun ("the launch of the Chang'e-4 probe") with
    no ``context.nominal_support`` word before it in its clause ("announced the launch of")?"""
    if not _NOMINAL.match(doc.text, verb_start):
        return False
    if pack.nominal_support_re is None:
        return True
    before = doc.text[s0:verb_start]
    cut = list(_CLAUSE_BREAK.finditer(before))
    words = _words(before[cut[-1].end():] if cut else before)
    return not pack.nominal_support_re.search(f" {' '.join(words)} ")


# quotation marks: straight, curly and low
_OPENING_QUOTES = "\"“„"
_CLOSING_QUOTES = "\"”"


def inside_one_quotation(sentence: str, first: int, last: int) -> bool:
    """Do the offsets ``first`` and ``last`` of ``sentence`` stand inside one quotation (an opening mark before
    ``first`` left open, no mark between them)?"""
    marks = [i for i, ch in enumerate(sentence[:first]) if ch in _OPENING_QUOTES or ch in _CLOSING_QUOTES]
    if not marks:
        return False
    straight = sum(1 for i in marks if sentence[i] == '"')
    opened = straight % 2 == 1 if sentence[marks[-1]] == '"' else sentence[marks[-1]] in _OPENING_QUOTES
    return opened and not any(ch in _OPENING_QUOTES or ch in _CLOSING_QUOTES for ch in sentence[first:last])


def quoted_day(doc: Any, s0: int, s1: int, when: TimeMention | None) -> TimeMention | None:
    """On a page with no date of its own, the day a quotation's "today" (or "tonight", "this morning") in the sentence
    ``s0:s1`` means: the last time with its year the text names before the sentence ("On 28 May 1998", "in May 1974"),
    when that is beyond the week. A quotation speaks on its speaker's day, and the story gives that day ("On 28 May
    1998, at 3:16 pm Pakistan conducted its first nuclear test in Chaghi", then Nawaz Sharif's "Today, we have settled
    a score and have carried out 5 successful nuclear tests." on an undated blog post); the page's own day is unknown.
    None otherwise (a dated page's quoted "today" is its day; an undated page that names no older year tells the quote
    as news)."""
    if doc.ref is not None or when is None or when.kind != "today":
        return None
    if not inside_one_quotation(doc.text[s0:s1], when.start, when.end):
        return None
    told = [m for m in time_mentions(doc.text[:s0], None, doc.today) if m.age is not None and _YEAR.search(m.text)]
    return told[-1] if told and told[-1].history else None


def quoted_day_of_an_older_date(doc: Any, s0: int, s1: int, when: TimeMention | None, start: int) -> TimeMention | None:
    """:func:`quoted_day`, when the trigger at ``start`` stands in the same quotation as the "today"."""
    if when is None or not inside_one_quotation(doc.text[s0:s1], when.start, start - s0):
        return None
    return quoted_day(doc, s0, s1, when)
