"""Readings: what a report's own words say about its event, beyond what the enrich stage read.

Pure. :func:`agents.stories.reports.report` builds a report from these: the part of the day
("morning", a local clock time), a repeat ("fires again") or a day-after marker ("for a second
night in a row"), the range class, exact counts of what was fired, the countries a strike landed
in (or whose air defences intercepted it), the party whose own word claims the launch, the
parties named as the launch's subject, a stated day that only dates the telling, the province of
the launch site, and whether the actor itself speaks. :mod:`agents.stories.reports` decides with them which reports are one
event (its docstring holds the contract).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any, Iterable, Sequence

ACTOR_LABELS = ("COUNTRY", "ORG", "AGENCY")
_REPEAT = re.compile(r"\b(?:(?:fires?|fired|launch(?:es|ed)?|tests?|tested)\s+(?:\w+\s+){0,3}?again|"
                     r"(?:once\s+)?again\s+(?:fired|fires|launched|launches|tested|tests)|"
                     # "another launch", not "the second such launch in two weeks" (a series)
                     r"(?:another|fresh)\s+(?:[\w-]+\s+){0,3}?(?:launch|launches|test|salvo|volley|flight|mission)"
                     r"(?!\s+(?:since|so\s+far)\b|\s+(?:in|within|of|this)\s+(?:just\s+|only\s+|over\s+|under\s+|about\s+|more\s+than\s+|less\s+than\s+|the\s+)*"
                     r"(?:\w+\s+)?(?:days|weeks?|months?|years?|decades?|\d{4}|period))|"
                     # an ordinal counts a series ("its third nuclear test", "the second H3 launch
                     # vehicle") unless the day is named with it ("the second launch of the day")
                     r"(?:second|third|fourth)\s+(?:[\w-]+\s+){0,3}?(?:launch|launches|test|salvo|volley|flight|mission)\s+"
                     r"(?:(?:of|in|on)\s+(?:the\s+|a\s+|one\s+|that\s+)?(?:same\s+)?(?:day|morning|afternoon|evening|night)|"
                     r"today|that\s+day|(?:in|within)\s+(?:just\s+|only\s+|under\s+|less\s+than\s+|about\s+)*(?:[\w-]+\s+)?hours|"
                     r"(?:just\s+|only\s+)?(?:hours|minutes)\s+(?:after|later))|"
                     r"(?:two|three|four|several)\s+more|"
                     # "It came just hours after the North launched a short-range missile" (the launch
                     # is the later one; a reaction that "came hours after" the launch is not)
                     r"(?:it|launch|test|firing|missile|this)\s+(?:came|comes)\s+(?:just\s+|only\s+|barely\s+)?"
                     r"(?:hours|a\s+day|days)\s+after\s+(?:[\w’'-]+\s+){0,4}?(?:fired|launched|tested|test-fired))\b",
                     re.IGNORECASE)
# a repeat "40 minutes later" is the same volley ("About 40 minutes later, it announced the
# firing of two more missiles")
_MINUTES_LATER = re.compile(r"\bminutes\s+(?:later|after)|\bshortly\s+(?:thereafter|afterwards?|after\s+that)\b", re.IGNORECASE)
# "again", "another", "fresh" say a later launch, of the same day only where the text names the
# day's earlier one ("hours after", "second launch of the day", "earlier in the day")
_SERIES_WORD = re.compile(r"\b(?:again|another|fresh)\b", re.IGNORECASE)
_SAME_DAY = re.compile(r"\b(?:of|in|on)\s+the\s+(?:same\s+)?day\b|\bthe\s+same\s+day\b|\bin\s+a\s+(?:single\s+)?day\b|"
                       r"\b(?:hours|minutes)\s+(?:after|later|before|earlier)\b|\bearlier\s+(?:in\s+the|that)\s+day\b|"
                       r"\bearlier\s+(?:today|this\s+morning)\b|\b(?:morning|afternoon)(?:'s|’s)?\s+launch\b", re.IGNORECASE)
# a launch told in a sentence before a repeat (see ``repeats``)
_LAUNCH_TOLD = re.compile(r"\b(?:fired|launched|test-fired|test-launched)\b", re.IGNORECASE)
# a launch told by someone: "hours after Japan said Pyongyang launched" is one launch told twice
_TOLD = re.compile(r"\b(?:said|says|reported|reports|announced|announces|warned|claimed|detected)\b", re.IGNORECASE)
# the event is a day after another of the actor's: "for a second night in a row", "A day earlier,
# Pyongyang fired more than 20 missiles", "As on the previous day": another event than the
# group of the day before, not than one of its own day
DAY_AFTER = re.compile(r"\b(?:(?:second|third|fourth|fifth|2nd|3rd|4th|5th)\s+(?:straight\s+|consecutive\s+)?"
                        r"(?:night|day)(?:\s+in\s+a\s+row)?(?!\w)|"
                        r"(?:(?:a|one)\s+day|(?:two|three|four|\d)\s+days)\s+(?:earlier|before|ago)\s*,?\s+(?:[\w’'-]+\s+){0,3}?"
                        r"(?:fired|launched|tested)|"
                        r"as\s+on\s+the\s+previous\s+day|in\s+as\s+many\s+days|"
                        # "Pyongyang's second launch in three days", "for the second time in a few days"
                        r"(?:second|third|2nd|3rd)\s+(?:[\w-]+\s+){0,2}?in\s+(?:a\s+few|two|three|four|\d)\s+days|"
                        # "The strike yesterday came a day after Iran launched missiles toward Iraq"
                        r"(?:it|strikes?|attacks?|launch(?:es)?|tests?|barrage|salvo)\s+(?:\w+\s+){0,2}?(?:came|comes)\s+"
                        r"(?:just\s+|only\s+)?a\s+day\s+after\s+(?:[\w’'-]+\s+){0,4}?(?:fired|launched|tested|test-fired|struck))\b",
                        re.IGNORECASE)
# the range class a report gives the object: an ICBM and a short-range missile are two launches
_RANGE_CLASSES = (("short", re.compile(r"\b(?:short|close)[- ]range|\bSRBMs?\b", re.IGNORECASE)),
                  ("medium", re.compile(r"\bmedium[- ]range|\bMRBMs?\b", re.IGNORECASE)),
                  ("intermediate", re.compile(r"\bintermediate[- ]range|\bIRBMs?\b", re.IGNORECASE)),
                  ("intercontinental", re.compile(r"\bintercontinental|\bICBMs?\b", re.IGNORECASE)))
# "night" sits on both sides of midnight: one launch is "late Monday night" in New York and
# "early Tuesday morning" in Tel Aviv, so it agrees with the evening and the morning
# "late at night on Aug. 26" ends that day: the next morning's, not that morning's; so does
# "late Saturday" / "late on Saturday" with no other part named after the day
_DAY_PARTS = {"late night": re.compile(r"\blate(?:\s+at|\s+on)?\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+)?night\b|"
                                      r"\blate-night\b|\blate(?:\s+on)?\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
                                      r"(?!\s+(?:morning|afternoon|evening|night)\b)", re.IGNORECASE),
              "morning": re.compile(r"\b(?:morning|dawn)\b", re.IGNORECASE),
              "afternoon": re.compile(r"\b(?:afternoon|midday|noon)\b", re.IGNORECASE),
              "evening": re.compile(r"\bevening\b", re.IGNORECASE),
              "night": re.compile(r"\b(?:night|overnight|midnight|early hours|small hours|pre-?dawn|before dawn)\b",
                                  re.IGNORECASE)}
# a clock time as the event's local time: "3:40 a.m. PDT" at Vandenberg, "6:57 a.m. (2157 GMT)";
# not one in GMT, nor a writer's own zone converted for the reader ("5:00 p.m. CDT/2200 GMT");
# a dot may part the hour and minutes ("at 6.14am on May 30": six, not "14am")
_CLOCK = re.compile(r"(?<![\d.])(\d{1,2})(?:[:.]\d\d)?\s*([aApP])\.?[mM]\b(?![.\s(]*(?:GMT|UTC)\b|\.?\s*[A-Z]{2,4}\s*[/(]\s*\d)")


# a part of the day that dates the telling: "In an address to the Russians on the evening of
# November 21, Putin stated that Russia struck the Dnipro" (the strike was that morning), "All
# networks reported at noon that ... North Korea test-fired what appeared to be a ballistic
# missile this morning"
_TELLING_BEFORE = re.compile(r"(?:\b(?:address|speech|statement|interview|briefing|press\s+conference|remarks|"
                             r"broadcast|post)\s+(?:[\w’'-]+\s+){0,5}?(?:on|in|that|this|late|early)|"
                             r"\b(?:reported|said|announced)\s+(?:at|in|on|this))\s+(?:the\s+)?"
                             r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+)?$",
                             re.IGNORECASE)


def _clock_part(hour: int, half: str) -> str:
    """A local clock time as a part of the day ("3:40 a.m." is told as early morning)."""
    h = hour % 12 + (12 if half.lower() == "p" else 0)
    return "night" if h < 5 or h >= 22 else "morning" if h < 12 else "afternoon" if h < 18 else "evening"


def parts_agree(a: str, b: str) -> bool:
    """May two parts of the day be one moment told from two time zones? A night borders every
    part but the afternoon; an afternoon and an evening border too ("1:15 p.m. EDT" in Florida is
    "Sunday evening" in London)."""
    a, b = ("night" if x == "late night" else x for x in (a, b))
    return a == b or ("night" in (a, b) and "afternoon" not in (a, b)) or {a, b} == {"afternoon", "evening"}


def late_and_early(a: str, b: str) -> bool:
    """A late night and a morning: one event only across midnight, never on one stated day."""
    return {a, b} == {"late night", "morning"}


# the actor's own word: its state media, its spokesman, or "X said it fired"
_OFFICIAL = re.compile(r"\b(?:KCNA|Korean Central News Agency|state media|state news agency|state TV|"
                       r"state television|official news agency|Xinhua|IRNA|TASS|spokes(?:man|woman|person)|"
                       r"(?:said|says|claimed|claims|announced|confirmed)\s+(?:that\s+)?(?:it|they)\s+(?:had\s+|has\s+)?"
                       r"(?:fired|launched|tested|conducted|test-fired|carried out))\b")
_OWN_MINISTRY = re.compile(r"\b(?:the|its)\s+(?:defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e)\s+(?:said|says|announced)",
                           re.IGNORECASE)
_SAYS = r"\s+(?:said|says|confirmed|confirms|announced|announces)\b"
# "South Korea's presidential office said it conducted its first underwater-launched ballistic
# missile test": the claimant launched (a neighbour that tracked a launch says it "detected" it)
_CLAIM = re.compile(r"\b(?:said|says|announced|announces|confirmed|confirms|claimed|claims)\s+(?:that\s+)?"
                    r"(?:it|they)\s+(?:had\s+|has\s+|have\s+)?(?:successfully\s+)?"
                    r"(?:fired|launched|tested|test-fired|test-launched|conducted|carried\s+out)\s+"
                    r"(?:[\w-]+\s+){0,5}?(?:missiles?|rockets?|test|launch|satellites?)\b", re.IGNORECASE)
# a system named by its designation ("Palestine-2", "Hwasong-11D", "KN-25") though the gazetteer lacks it
DESIGNATION = re.compile(r"\b[A-Z][A-Za-z]*-\d+[A-Za-z]*\b")
# an exact count of what was fired ("122 missiles and 36 drones"), not a rough one ("about 100")
_COUNT = re.compile(r"(?<!about )(?<!around )(?<!some )(?<!over )(?<!than )(?<!to )(?<!nearly )(?<!almost )"
                    r"\b(\d{2,4})\s+(?:[a-z-]+\s+){0,2}?(missiles?|rockets?|drones?|projectiles?)\b", re.IGNORECASE)
# where a strike landed: "missile attacks on Erbil in Iraq", "strikes Balochistan", "launched
# missiles toward Iraq and Syria", "drone strikes to target strongholds ... in Pakistan's
# Balochistan province"; the places named up to the end of the clause
_STRIKE = re.compile(r"\b(?:(?:air|missile|drone)?strikes?|struck|attacks?|attacked|bombed|bombing|shelled|targeted|"
                     r"(?:fired|fires|launched|launches)\s+(?:[\w-]+\s+){0,3}?(?:missiles?|rockets?))\b", re.IGNORECASE)
# a strike told as the earlier event: "came a day after Iran launched missiles toward Iraq",
# "has previously attacked Iranian troops", "past attacks against Iranian forces"
_EARLIER_STRIKE = re.compile(r"\b(?:after|since|following|previously|before)\s+(?:[\w’'-]+\s+){0,3}?$|"
                             r"\b(?:past|previous|earlier)\s+$", re.IGNORECASE)
_LIST_LINK = re.compile(r"\s*(?:,|and|or|, and)\s*(?:\w+\s+)?|[’']s\s+")
_TARGET_PREP = re.compile(r"\b(?:on|in|at|against|toward|towards|inside|into)\s+(?:[\w’'-]+\s+){0,2}?$", re.IGNORECASE)
# a clause that tells an earlier event: "the first since North Korea fired ... on Tuesday",
# "hit again after dozens of missiles ... rained down across Ukraine on Monday", "two days
# after"; not a plain "after", which as often leads to the event itself ("told civilians they
# could leave their shelters after Iran fired nearly 150 missiles ... late Friday night")
_EARLIER_CLAUSE = re.compile(r"\b(?:since|again\s+after|(?:a|one|two|three|\d+)\s+(?:days?|weeks?)\s+after)\b",
                             re.IGNORECASE)
# a day named in the text: a weekday, or a month and its day ("Oct. 6", "June 15")
_DAY_NAME = re.compile(r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                       r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?!\d))\b",
                       re.IGNORECASE)
# a launcher named as the subject of its launch, with those listed beside it: "South Korea and the
# United States fired eight surface-to-surface missiles", "North Korea's military launched ...",
# "Houthi rebels fired a medium-range ballistic missile"; not one that only says so ("Japan says
# North Korea fired": "says" parts them)
_LAUNCHED = re.compile(r"\b(?:fired|fires|launched|launches|test-fired|test-fires)\s+(?:[\w,-]+\s+){0,4}?"
                       r"(?:missiles?|rockets?|projectiles)\b", re.IGNORECASE)
_SUBJECT_LINK = re.compile(r"(?:[’']s)?(?:[^\S\n]+(?:and|the|has|have|had|also|early|late|on|forces|military|army|"
                           r"troops|rebels|militants|[A-Z][\w.]*))*[^\S\n]+")
# air defences, whose country the strike was aimed at
_AIR_DEFENCE = re.compile(r"\b(?:air|aerial)[- ]defen[cs]es?\b", re.IGNORECASE)
_DEFENCE_OWNER = re.compile(r"(?:[’']s)?(?:\s+[\w“”\"'-]+){0,2}?\s+$")
_INTERCEPTED = re.compile(r"\b(?:intercept(?:ed|s)?|shot\s+down|shoots?\s+down|downed|destroyed)\b", re.IGNORECASE)
RANGE_KM = re.compile(r"\b(?:flew|flown|travell?ed|range of|distance of|covered)\D{0,20}?(\d[\d,.]*)\s*(?:km|kilomet)",
                    re.IGNORECASE)


def get(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


def ids(entities: Iterable[Any], labels: Sequence[str]) -> list[str]:
    out: dict[str, None] = {}
    for e in entities:
        if get(e, "label") in labels and get(e, "id"):
            out.setdefault(str(get(e, "id")), None)
    return list(out)


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_LATE_WEEKDAY = re.compile(r"\blate(?:\s+on)?\s+((?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|"
                           r"\bon\s+late\s+((?:mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.IGNORECASE)


def late_weekday(text: str, published: date) -> str | None:
    """The day a late night the text names by its weekday ("another wave of deadly attacks on late
    Saturday", "Late on Saturday") falls on: that weekday on or before the day of publication
    (ISO), when the text names one such weekday; else None."""
    days = {(m.group(1) or m.group(2)).lower() for m in _LATE_WEEKDAY.finditer(text)}
    if len(days) != 1:
        return None
    back = (published.weekday() - _WEEKDAYS.index(days.pop())) % 7
    return (published - timedelta(days=back)).isoformat()


def day_part(text: str) -> str | None:
    """The part of the day ``text`` names first: the lead states when the event happened,
    later sentences tell what came before ("... six hours after the morning launch")."""
    found = [(m.start(), name) for name, rx in _DAY_PARTS.items()
             for m in rx.finditer(text) if not _TELLING_BEFORE.search(text, _sentence_start(text, m.start()), m.start())]
    found += [(m.start(), _clock_part(int(m.group(1)), m.group(2))) for m in _CLOCK.finditer(text)][:1]
    return min(found)[1] if found else None


def range_class(object_text: str) -> str | None:
    """"short", "medium", "intermediate" or "intercontinental" as the object's words say, else None."""
    return next((name for name, rx in _RANGE_CLASSES if rx.search(object_text)), None)


# a sentence that tells an earlier launch: "Two days ago, North Korea fired ...", "The country
# announced yesterday that it had tested two submarine-launched nuclear missiles"
_RECALLED = re.compile(r"\b(?:days?|weeks?)\s+(?:ago|earlier|before)\b|"
                       r"\bhad\s+(?:\w+\s+)?(?:tested|fired|launched|test-fired|conducted)\b", re.IGNORECASE)


def _sentence(text: str, pos: int) -> str:
    """The sentence holding ``pos``."""
    end = re.search(r"[.!?\n]", text[pos:])
    return text[_sentence_start(text, pos):pos + (end.start() if end else len(text) - pos)]


def _in_earlier_clause(text: str, pos: int) -> bool:
    """Is the word at ``pos`` told in its sentence after "since", "again after", "two days after"?"""
    return _EARLIER_CLAUSE.search(text, _sentence_start(text, pos), pos) is not None


def earlier_event_day(text: str, when_text: str | None) -> bool:
    """Is the stated day the enrich stage read (``when_text``) the day of an earlier event the
    text recalls, while the text dates its own event by another day? "North Korea fired two
    short-range ballistic missiles ... on Thursday ... the first since North Korea fired an
    intermediate-range missile over Japan on Tuesday": Tuesday is the earlier launch's. Only
    when every mention of that day sits in such a clause and another day is named outside one;
    or, in a text that tells its event as following another day's (:data:`DAY_AFTER`: "for the
    second time in a few days"), when every mention sits in a sentence that tells the earlier
    launch ("Two days ago, North Korea fired ...", "announced yesterday that it had tested ...")."""
    if not when_text:
        return False
    mine = when_text.strip().lower()
    mentions = [m.start() for m in re.finditer(rf"\b{re.escape(mine)}\b", text, re.IGNORECASE)]
    if mentions and DAY_AFTER.search(text) and all(_RECALLED.search(_sentence(text, pos)) for pos in mentions):
        return True
    if not mentions or not all(_in_earlier_clause(text, pos) for pos in mentions):
        return False
    return any(m.group().lower() not in mine and not _in_earlier_clause(text, m.start())
               for m in _DAY_NAME.finditer(text))


# a day that dates the telling: "North Korea said Friday it has successfully test-launched ...",
# "Bloomberg reported on Wednesday"
_TELL = r"(?:said|says|reported|reports|announced|announces|confirmed|confirms|claimed|claims|told|condemned|condemns|" \
        r"denounced|denounces|warned|warns|urged|urges)"
_TOLD_ON = re.compile(rf"\b{_TELL}\s+(?:on\s+|late\s+|early\s+)?$", re.IGNORECASE)
# "The UN Security Council on Saturday strongly condemned North Korea's ... launch"
_TOLD_AFTER = re.compile(rf"\s*(?:\w+ly\s+)?{_TELL}\b", re.IGNORECASE)


def told_day(text: str, when_text: str | None) -> bool:
    """Is the stated day the enrich stage read (``when_text``) named only as the day something
    was said ("North Korea said Friday it has successfully test-launched a new ... missile", "The
    UN Security Council on Saturday strongly condemned North Korea's ... launch")? A launch told
    a day on is dated by its telling, not by its own day."""
    if not when_text:
        return False
    mentions = list(re.finditer(rf"\b{re.escape(when_text.strip())}\b", text, re.IGNORECASE))
    return bool(mentions) and all(_TOLD_ON.search(text, max(0, m.start() - 30), m.start())
                                  or _TOLD_AFTER.match(text, m.end()) for m in mentions)


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (after the last full stop or line break)."""
    return max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos)) + 1


def repeats(text: str) -> bool:
    """Does the text tell a later launch of the same day ("fires again", "two more missiles
    hours after the morning launch"), not more missiles of one volley ("40 minutes later"), nor
    one launch told twice ("This came hours after Japan said Pyongyang launched a suspected
    ballistic missile": the state media's word after the neighbour's)?"""
    for m in _REPEAT.finditer(text):
        if _TOLD.search(m.group()):
            continue
        s0 = _sentence_start(text, m.start())
        s1 = text.find(".", m.end())
        s1 = s1 if s1 >= 0 else len(text)
        if _MINUTES_LATER.search(text, s0, s1):
            continue
        if _SERIES_WORD.search(m.group()) and not _SAME_DAY.search(text):
            continue  # "North Korea fires missile again" with no day named: again after days, a series
        if _LAUNCH_TOLD.search(text, 0, s0):
            # told only after a sentence that tells a launch: "Iran fired dozens of ballistic
            # missiles ... A second round of missiles targeted Israel a few hours later", "sirens
            # sound due to another missile launch": the report is the first's, with the next added
            continue
        return True
    return False


def counts(text: str) -> list[str]:
    """The exact counts of weapons fired that identify one attack ("122 missiles", "36
    drones"): two or more digits and no round ten (a round figure is an estimate, and repeats
    from one night's barrage to the next)."""
    out = {f"{int(m.group(1))} {m.group(2).lower().rstrip('s')}" for m in _COUNT.finditer(text)
           if int(m.group(1)) % 10}
    return sorted(out)


def targets(text: str, entities: Sequence[Any], actor: str | None = None) -> tuple[list[str], list[str]]:
    """The countries a strike landed in, as the text names them after a strike word ("missile
    attacks on Erbil in Iraq and Idlib in Syria": IQ and SY; "strikes Balochistan": PK), by
    country or province, never the report's actor itself: (this event's, an earlier event's).
    A strike told after "a day after", "since", "previously" is the earlier event's ("came a
    day after Iran launched missiles toward Iraq and Syria"). Two reports of one actor whose
    strikes landed in different countries tell two attacks (Iran's on Iraq and on Pakistan)."""
    places = [e for e in entities if get(e, "label") in ("COUNTRY", "REGION") and get(e, "id")]
    now: dict[str, None] = {}
    earlier: dict[str, None] = {}
    cues = list(_STRIKE.finditer(text))
    for i, m in enumerate(cues):
        out = earlier if _EARLIER_STRIKE.search(text, max(0, m.start() - 60), m.start()) else now
        stop = re.search(r"[.;!?\n]", text[m.end():m.end() + 120])
        # up to the clause's end or the next strike word (whose places are its own)
        end = min(m.end() + (stop.start() if stop else 120), cues[i + 1].start() if i + 1 < len(cues) else len(text))
        prev, prev_target = m.end(), False
        for e in places:
            start = get(e, "start")
            if not prev <= start < end:
                continue
            between = text[prev:start]
            # right after the strike word, after a preposition of place, or listed with /
            # owned by a place that is a target ("Pakistan's Balochistan", "Iraq and Syria")
            prev_target = (not between.strip() or _TARGET_PREP.search(between) is not None
                           or (prev_target and _LIST_LINK.fullmatch(between) is not None))
            code = str(get(e, "id")).split(":", 1)[1].split("-", 1)[0]
            if prev_target and f"country:{code}" != actor:
                out.setdefault(code, None)
            prev = get(e, "end")
    for pos, country in _defended(text, places):
        code = country.split(":", 1)[1].split("-", 1)[0]
        if country != actor:
            (earlier if _EARLIER_STRIKE.search(text, max(0, pos - 60), pos) else now).setdefault(code, None)
    return sorted(now), sorted(earlier)


def launchers(text: str, entities: Sequence[Any]) -> list[str]:
    """The countries, organisations and agencies the text names as the subject of a launch
    ("South Korea and the United States fired eight surface-to-surface missiles": KR and US),
    not the neighbour that reports another's ("Japan says North Korea fired ...": KP only)."""
    actors = sorted((e for e in entities if get(e, "label") in ACTOR_LABELS and get(e, "id")),
                    key=lambda e: get(e, "start"))
    out: dict[str, None] = {}
    for m in _LAUNCHED.finditer(text):
        end, named = m.start(), []
        # from the verb back over the subject: names joined by "and", "the", a possessive, a weekday
        for e in reversed([e for e in actors if get(e, "end") <= m.start()]):
            if get(e, "end") > end or not _SUBJECT_LINK.fullmatch(text, get(e, "end"), end):
                break
            named.append(str(get(e, "id")))
            end = get(e, "start")
        # "comes a day after North Korea launched eight ...": the earlier event's launcher
        if named and not _EARLIER_STRIKE.search(text, max(0, end - 60), end):
            out.update(dict.fromkeys(reversed(named)))
    return list(out)


def _defended(text: str, places: Sequence[Any]) -> list[tuple[int, str]]:
    """(where, country) of the air defences that intercepted a strike: "Russia's Defence Ministry
    announced that its air defence forces successfully intercepted ...", "Russian air defense
    systems intercepted two Ukrainian missiles": the strike was aimed at that country."""
    out = []
    countries = [e for e in places if get(e, "label") == "COUNTRY"]
    for m in _AIR_DEFENCE.finditer(text):
        s0 = _sentence_start(text, m.start())
        s1 = text.find(".", m.end())
        if not _INTERCEPTED.search(text, s0, s1 if s1 >= 0 else len(text)):
            continue
        before = [e for e in countries if s0 <= get(e, "start") and get(e, "end") <= m.start()
                  and not text.startswith("-", get(e, "end"))]
        if re.search(r"\bits\s+$", text[s0:m.start()]) and before:  # "its air defence": the country before
            out.append((m.start(), str(get(before[-1], "id"))))
        elif before and _DEFENCE_OWNER.fullmatch(text, get(before[-1], "end"), m.start()):
            out.append((m.start(), str(get(before[-1], "id"))))
    return out


def claimant(text: str, entities: Sequence[Any]) -> dict[str, Any] | None:
    """The party whose own word says it launched ("South Korea's presidential office said it
    conducted its first ... missile test"): the last country, organisation or agency named
    before the claim in its sentence; None when no claim names one. A report of two actors'
    launches ("The rival Koreas have test-launched ...") is the claimant's. A country that only
    qualifies the claimant ("The Iran-backed militant group said that it fired", "a US-led
    coalition") is its sponsor, not the claimant."""
    for m in _CLAIM.finditer(text):
        start = _sentence_start(text, m.start())
        named = [e for e in entities if get(e, "label") in ACTOR_LABELS and get(e, "id")
                 and start <= get(e, "start") and get(e, "end") <= m.start()
                 and not text.startswith("-", get(e, "end"))]
        if named:
            e = max(named, key=lambda e: get(e, "end"))
            return {"id": str(get(e, "id")), "text": get(e, "text")}
    return None


def site_regions(text: str, entities: Sequence[Any], site: str | None) -> list[str]:
    """The province or state of the event's site: the one the gazetteer implies for it, or the
    one named right after it ("Vandenberg Space Force Base in California", "Cape Canaveral,
    Florida"); not a state the article names elsewhere (the other launch of the day)."""
    if not site:
        return []
    at = [(get(e, "start"), get(e, "end")) for e in entities if get(e, "id") == site]
    out: dict[str, None] = {}
    for e in entities:
        if get(e, "label") != "REGION" or not get(e, "id"):
            continue
        start = get(e, "start")
        if any(start == s0 or 0 <= start - s1 <= 40 and not re.search(r"[.;\n]", text[s1:start]) for s0, s1 in at):
            out.setdefault(str(get(e, "id")), None)
    return list(out)


def official(text: str, actor_id: str | None, actor_text: str | None) -> bool:
    """The actor's own word: its state media or spokesman, "X said it fired", "SpaceX
    confirmed ...", or "the defence ministry said" (no other country's)."""
    if _OFFICIAL.search(text) or _OWN_MINISTRY.search(text):
        return True
    # a company or a group speaks for itself; a ministry or a country named as the actor is
    # as often the neighbour that tracked the launch ("Japan's Ministry of Defense said")
    return bool(actor_id and actor_id.startswith("org:") and actor_text
                and re.search(rf"\b{re.escape(actor_text)}{_SAYS}", text))
