"""Reports and the events they tell: which reports are one real-world event.

Pure. A *report* is the compact record of one flagged article under one topic (a JSON dict:
see :func:`report`): the event the enrich stage read in it (actor, object, site, outcome,
date), when it was published, its feed and a text sketch. :func:`group` splits a set of reports
into events. It sorts them into a canonical order first, so the groups depend on the set
alone, never on the order of arrival nor on which worker saw which report first.

Time of a report (``t``): its publication time, or when the text dates the event to an
earlier day, the end of that day (UTC): a next-day "KCNA said on Wednesday the test of
Tuesday..." is placed on Tuesday, not on Wednesday. A stated day the text names only in a
clause that recalls an earlier event ("since", "again after", "two days after": "the first
since North Korea fired an IRBM over Japan on Tuesday") while it names another day outside one
is that event's day, not the report's: the report then has no stated day
(:func:`earlier_event_day`).

Contract of :func:`group`
-------------------------

Reports are taken in order of (``t``, id); the first report of a group is its *anchor* (the
earliest report is the best clock of the event: flashes come minutes after it). A report
joins a group when all of these hold:

1. Time: ``0 <= t - anchor <= SPREAD`` (a day and a half of coverage). Between ``VOLLEY``
   (three hours: a volley of launches on one morning is one event) and ``NEAR`` (twelve
   hours), a report that tells a repeat ("fires again", "second launch", "two more
   missiles"; not one launch told twice: "came hours after Japan said Pyongyang launched") is
   a different event, and so is one whose part of the day (the first its body
   names: "morning", "afternoon", "evening", or a local clock time "1:50 p.m.") differs from the
   one part the group's reports name. Later than ``NEAR`` each of these is a hint only (a day on,
   "afternoon" may be the day before's in the reader's time zone), and so are a stated day of the
   event other than the one day the group's reports state, and a range class ("short-range",
   "ICBM") the group's reports do not give; two hints at once make another event (North
   Korea's SRBM of a Sunday night and its ICBM of the Monday morning, reported by day-dated
   pages a day apart), and so does another stated day at a part of the day the group's reports
   name (no time zone moves an event a day; a late night - "late Monday night", "late on
   Saturday" - is a night: Iran's barrages of a Friday night and of "late on Saturday").
2. Actor: the report's actor is one of the group's actors (*strong*), or it has none, or it
   names one of the group's actors ("Japan says North Korea fired ...": the report was led
   by the neighbour that tracked it, or by a reaction), or the group's reports name it (the
   group was opened by such a report); within ``VOLLEY`` of the anchor, actors of different
   kinds also agree (a country, an agency, a company: NASA and Orbital Sciences, Japan and
   Space One; the gazetteer does not say whose an agency is).
3. Site, beyond ``VOLLEY`` of the anchor: the report names no site, the group has none, or one
   of the report's sites is one of the group's (a report naming Kennedy and Cape Canaveral
   makes them one place). Within it, sites differ in one launch's reports (the pad, the
   range, the control centre) more often than two launches happen at once.

4. Target: the countries its strikes landed in (:func:`targets`: "missile attacks on Erbil in
   Iraq", "strikes Balochistan") share one with the group's, or either names none: one actor's
   strikes in Iraq and in Pakistan are two attacks, its strikes in Iraq and Syria of one night
   one (a report naming Syria alone shares Syria). A "day after" report whose earlier event
   struck elsewhere ("came a day after Iran launched missiles toward Iraq and Syria") may be
   the event of a group that struck another country the day before its publication.

Objects never keep reports apart: "Yars" against "Sarmat", "1,000 km" against "800 km" are
readings of one event, kept with their sources (:mod:`agents.stories.facts`).

Among the groups it may join, a report goes to the one with (strong actor, text similarity
>= ``TEXT_THRESHOLD`` when several groups are left, the same part of the day, the same stated
day, an anchor within ``NEAR``, the earliest anchor - the latest for a report that tells a
repeat): late coverage that neither dates nor words itself apart follows the first event of
its own day (a second one is told as such: "again", "in the afternoon"). No group -> a group of its own.

Known limits: a report of the same actor's second event that neither dates nor words it apart
("North Korea fires missile", six hours after the first) joins the first; a date misread by
the time expressions (a weekday that names an earlier event) places a report on the wrong
event; two events of one actor a day apart, reported without dates or words that set them
apart, are one story.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable, Sequence

from agents.stories.sketches import sketch, sketch_similarity

VOLLEY = 3 * 3600.0
NEAR = 12 * 3600.0
SPREAD = 36 * 3600.0
RECAP = 7 * 86400.0  # a later account of an event, told by its exact count (see _Group.score)
TEXT_THRESHOLD = 0.5
OUTCOME_ORDER = ("unknown", "success", "failure", "intercepted")  # later wins in a story

_ACTOR_LABELS = ("COUNTRY", "ORG", "AGENCY")
_REPEAT = re.compile(r"\b(?:(?:fires?|fired|launch(?:es|ed)?|tests?|tested)\s+(?:\w+\s+){0,3}?again|"
                     r"(?:once\s+)?again\s+(?:fired|fires|launched|launches|tested|tests)|"
                     # "second launch" (of the day), not "the second such launch in two weeks" (a series)
                     r"(?:second|third|fourth|another|fresh)\s+(?:[\w-]+\s+){0,3}?(?:launch|launches|test|salvo|volley|flight|mission)"
                     r"(?!\s+(?:since|so\s+far)\b|\s+(?:in|within|of|this)\s+(?:just\s+|only\s+|over\s+|under\s+|about\s+|more\s+than\s+|less\s+than\s+|the\s+)*"
                     r"(?:\w+\s+)?(?:days|weeks?|months?|years?|decades?|\d{4}|period))|"
                     r"(?:two|three|four|several)\s+more|"
                     # "It came just hours after the North launched a short-range missile" (the launch
                     # is the later one; a reaction that "came hours after" the launch is not)
                     r"(?:it|launch|test|firing|missile|this)\s+(?:came|comes)\s+(?:just\s+|only\s+|barely\s+)?"
                     r"(?:hours|a\s+day|days)\s+after\s+(?:[\w’'-]+\s+){0,4}?(?:fired|launched|tested|test-fired))\b",
                     re.IGNORECASE)
# a repeat "40 minutes later" is the same volley ("About 40 minutes later, it announced the
# firing of two more missiles")
_MINUTES_LATER = re.compile(r"\bminutes\s+(?:later|after)", re.IGNORECASE)
# a launch told by someone: "hours after Japan said Pyongyang launched" is one launch told twice
_TOLD = re.compile(r"\b(?:said|says|reported|reports|announced|announces|warned|claimed|detected)\b", re.IGNORECASE)
# the event is a day after another of the actor's: "for a second night in a row", "A day earlier,
# Pyongyang fired more than 20 missiles", "As on the previous day": another event than the
# group of the day before, not than one of its own day
_DAY_AFTER = re.compile(r"\b(?:(?:second|third|fourth|fifth|2nd|3rd|4th|5th)\s+(?:straight\s+|consecutive\s+)?"
                        r"(?:night|day)(?:\s+in\s+a\s+row)?(?!\w)|"
                        r"(?:a|one)\s+day\s+(?:earlier|before)\s*,?\s+(?:[\w’'-]+\s+){0,3}?(?:fired|launched|tested)|"
                        r"as\s+on\s+the\s+previous\s+day|in\s+as\s+many\s+days|"
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


def _clock_part(hour: int, half: str) -> str:
    """A local clock time as a part of the day ("3:40 a.m." is told as early morning)."""
    h = hour % 12 + (12 if half.lower() == "p" else 0)
    return "night" if h < 5 or h >= 22 else "morning" if h < 12 else "afternoon" if h < 18 else "evening"


def parts_agree(a: str, b: str) -> bool:
    a, b = ("night" if x == "late night" else x for x in (a, b))
    return a == b or ("night" in (a, b) and "afternoon" not in (a, b))


def _late_and_early(a: str, b: str) -> bool:
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
_DESIGNATION = re.compile(r"\b[A-Z][A-Za-z]*-\d+[A-Za-z]*\b")
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
_RANGE = re.compile(r"\b(?:flew|flown|travell?ed|range of|distance of|covered)\D{0,20}?(\d[\d,.]*)\s*(?:km|kilomet)",
                    re.IGNORECASE)


def _get(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


def _ids(entities: Iterable[Any], labels: Sequence[str]) -> list[str]:
    out: dict[str, None] = {}
    for e in entities:
        if _get(e, "label") in labels and _get(e, "id"):
            out.setdefault(str(_get(e, "id")), None)
    return list(out)


def _shift(day: str, days: int) -> str:
    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=days)).isoformat()
    except ValueError:
        return day[:10]


def _utc_day(t: float) -> str:
    return datetime.fromtimestamp(t, timezone.utc).date().isoformat()


def _day_end(when: str | None, published: float) -> float:
    """``t``: the end of the stated day (UTC) when the text dates the event before the day it
    was published, else the publication time."""
    if not when:
        return published
    try:
        day = date.fromisoformat(when[:10])
    except ValueError:
        return published
    end = datetime(day.year, day.month, day.day, tzinfo=timezone.utc) + timedelta(days=1)
    return min(published, end.timestamp())


def day_part(text: str) -> str | None:
    """The part of the day ``text`` names first: the lead states when the event happened,
    later sentences tell what came before ("... six hours after the morning launch")."""
    found = [(m.start(), name) for name, rx in _DAY_PARTS.items() if (m := rx.search(text))]
    found += [(m.start(), _clock_part(int(m.group(1)), m.group(2))) for m in _CLOCK.finditer(text)][:1]
    return min(found)[1] if found else None


def range_class(object_text: str) -> str | None:
    """"short", "medium", "intermediate" or "intercontinental" as the object's words say, else None."""
    return next((name for name, rx in _RANGE_CLASSES if rx.search(object_text)), None)


def _body(article: Any) -> str:
    """The body without the headline: a headline may recall an earlier event ("fires two more
    missiles hours after morning launch") where the lead dates this one ("on Tuesday afternoon")."""
    content, summary = _get(article, "content", "") or "", _get(article, "summary", "") or ""
    return content if len(content) >= len(summary) else summary


def report(article: Any, entities: Sequence[Any], event: dict[str, Any] | None, *, now: float,
           sig: Sequence[int]) -> dict[str, Any]:
    """The compact record of one flagged article (what a story table keeps per report)."""
    ev = event or {}
    text = article.text()
    # a day the text gives only to an earlier event is not this report's: date it by publication
    when = None if earlier_event_day(text, ev.get("when_text")) else ev.get("when")
    published = _get(article, "published") or _get(article, "first_seen") or now
    actor = (ev.get("actor") or {})
    claimant = _claimant(text, entities)
    if claimant is not None:
        actor = claimant
    obj = ev.get("object") or {}
    site = (ev.get("site") or {}).get("id")
    ranges = sorted({m.group(1).replace(",", "") for m in _RANGE.finditer(text)})
    day_after = bool(_DAY_AFTER.search(text))
    struck = targets(text, entities, actor.get("id"))
    vehicles = _ids(entities, ("VEHICLE",))
    named = obj.get("id") or (vehicles[0] if vehicles else None)
    designation = _DESIGNATION.search(obj.get("text") or "")
    if named is None and designation:
        named = "name:" + designation.group().lower()
    return {
        "id": article.id, "type": ev.get("type"), "feed": article.feed_url, "source": _get(article, "source", "") or "",
        "link": _get(article, "link", "") or "", "title": _get(article, "title", "") or "",
        "published": published, "arrived": now, "t": _day_end(when, published),
        "when": when, "actor": actor.get("id"), "actor_text": actor.get("text"),
        "claimed": claimant is not None, "mentions": _ids(entities, _ACTOR_LABELS), "sites": _ids(entities, ("SITE",)), "site": site,
        "site_regions": _site_regions(text, entities, site),
        "site_text": (ev.get("site") or {}).get("text"),
        "object": named, "object_text": designation.group() if designation and not obj.get("id") else obj.get("text"),
        "object_class": obj.get("class"),
        "outcome": ev.get("outcome") or "unknown", "official": _official(text, actor.get("id"), actor.get("text")),
        # "As on the previous day, North Korea ... launched missiles again": again after that day's
        "repeat": not day_after and repeats(text), "day_after": day_after, "range_class": range_class(obj.get("text") or ""), "part": day_part(_body(article)) or day_part(_get(article, "title", "") or ""), "range_km": ranges[0] if len(ranges) == 1 else None,
        "counts": counts(text), "targets": struck[0], "earlier_targets": struck[1],
        "sketch": sketch(sig),
    }


def _in_earlier_clause(text: str, pos: int) -> bool:
    """Is the word at ``pos`` told in its sentence after "since", "again after", "two days after"?"""
    return _EARLIER_CLAUSE.search(text, _sentence_start(text, pos), pos) is not None


def earlier_event_day(text: str, when_text: str | None) -> bool:
    """Is the stated day the enrich stage read (``when_text``) the day of an earlier event the
    text recalls, while the text dates its own event by another day? "North Korea fired two
    short-range ballistic missiles ... on Thursday ... the first since North Korea fired an
    intermediate-range missile over Japan on Tuesday": Tuesday is the earlier launch's. Only
    when every mention of that day sits in such a clause and another day is named outside one."""
    if not when_text:
        return False
    mine = when_text.strip().lower()
    mentions = [m.start() for m in re.finditer(rf"\b{re.escape(mine)}\b", text, re.IGNORECASE)]
    if not mentions or not all(_in_earlier_clause(text, pos) for pos in mentions):
        return False
    return any(m.group().lower() not in mine and not _in_earlier_clause(text, m.start())
               for m in _DAY_NAME.finditer(text))


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
        if not _MINUTES_LATER.search(text, s0, s1 if s1 >= 0 else len(text)):
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
    places = [e for e in entities if _get(e, "label") in ("COUNTRY", "REGION") and _get(e, "id")]
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
            start = _get(e, "start")
            if not prev <= start < end:
                continue
            between = text[prev:start]
            # right after the strike word, after a preposition of place, or listed with /
            # owned by a place that is a target ("Pakistan's Balochistan", "Iraq and Syria")
            prev_target = (not between.strip() or _TARGET_PREP.search(between) is not None
                           or (prev_target and _LIST_LINK.fullmatch(between) is not None))
            code = str(_get(e, "id")).split(":", 1)[1].split("-", 1)[0]
            if prev_target and f"country:{code}" != actor:
                out.setdefault(code, None)
            prev = _get(e, "end")
    return sorted(now), sorted(earlier)


def _claimant(text: str, entities: Sequence[Any]) -> dict[str, Any] | None:
    """The party whose own word says it launched ("South Korea's presidential office said it
    conducted its first ... missile test"): the last country, organisation or agency named
    before the claim in its sentence; None when no claim names one. A report of two actors'
    launches ("The rival Koreas have test-launched ...") is the claimant's. A country that only
    qualifies the claimant ("The Iran-backed militant group said that it fired", "a US-led
    coalition") is its sponsor, not the claimant."""
    for m in _CLAIM.finditer(text):
        start = _sentence_start(text, m.start())
        named = [e for e in entities if _get(e, "label") in _ACTOR_LABELS and _get(e, "id")
                 and start <= _get(e, "start") and _get(e, "end") <= m.start()
                 and not text.startswith("-", _get(e, "end"))]
        if named:
            e = max(named, key=lambda e: _get(e, "end"))
            return {"id": str(_get(e, "id")), "text": _get(e, "text")}
    return None


def _site_regions(text: str, entities: Sequence[Any], site: str | None) -> list[str]:
    """The province or state of the event's site: the one the gazetteer implies for it, or the
    one named right after it ("Vandenberg Space Force Base in California", "Cape Canaveral,
    Florida"); not a state the article names elsewhere (the other launch of the day)."""
    if not site:
        return []
    at = [(_get(e, "start"), _get(e, "end")) for e in entities if _get(e, "id") == site]
    out: dict[str, None] = {}
    for e in entities:
        if _get(e, "label") != "REGION" or not _get(e, "id"):
            continue
        start = _get(e, "start")
        if any(start == s0 or 0 <= start - s1 <= 40 and not re.search(r"[.;\n]", text[s1:start]) for s0, s1 in at):
            out.setdefault(str(_get(e, "id")), None)
    return list(out)


def _official(text: str, actor_id: str | None, actor_text: str | None) -> bool:
    """The actor's own word: its state media or spokesman, "X said it fired", "SpaceX
    confirmed ...", or "the defence ministry said" (no other country's)."""
    if _OFFICIAL.search(text) or _OWN_MINISTRY.search(text):
        return True
    # a company or a group speaks for itself; a ministry or a country named as the actor is
    # as often the neighbour that tracked the launch ("Japan's Ministry of Defense said")
    return bool(actor_id and actor_id.startswith("org:") and actor_text
                and re.search(rf"\b{re.escape(actor_text)}{_SAYS}", text))


def order_key(r: dict[str, Any]) -> tuple[float, bool, str]:
    """Canonical order: by time; at one time, a report that dates or words itself (a stated
    day, a part of it, "a day after ...") before one that does not, so that the vague one
    finds the event of its day already there to join."""
    vague = not (r.get("when") or r.get("part") or r.get("day_after") or r.get("repeat"))
    return (r["t"], vague, r["id"])


class _Group:
    """A group being built: its reports and what they agree on."""

    def __init__(self, first: dict[str, Any]) -> None:
        self.members = [first]
        self.anchor = first["t"]
        self.actors = {first["actor"]} - {None}
        self.sites = {first["site"]} - {None}
        self.mentions = set(first["mentions"])
        self.parts = {first["part"]} - {None}
        self.whens = {first.get("when")} - {None}
        self.site_regions = set(first.get("site_regions") or ())
        self.classes = {first.get("range_class")} - {None}
        self.targets = set(first.get("targets") or ())

    def add(self, r: dict[str, Any]) -> None:
        self.members.append(r)
        # a report joined for naming the group's actor keeps its own actor out (the neighbour
        # that tracked the launch, read as the actor): else the neighbour's own launch that day
        # would join as the same actor's
        if not self.actors or r.get("claimed"):
            self.actors |= {r["actor"]} - {None}
        self.sites |= {r["site"]} - {None}
        self.mentions |= set(r["mentions"])
        self.parts |= {r["part"]} - {None}
        self.whens |= {r.get("when")} - {None}
        self.site_regions |= set(r.get("site_regions") or ())
        self.classes |= {r.get("range_class")} - {None}
        self.targets |= set(r.get("targets") or ())

    def score(self, r: dict[str, Any]) -> tuple[bool, bool, float] | None:
        """How well ``r`` fits (higher is better), or None when it is another event."""
        gap = r["t"] - self.anchor
        if gap < 0:
            return None
        if gap > SPREAD:
            return self._recap(r, gap)
        other_part = bool(r["part"] and len(self.parts) == 1 and not parts_agree(r["part"], next(iter(self.parts))))
        if r["part"] and r.get("when") and self.whens == {r["when"]} and any(_late_and_early(r["part"], p) for p in self.parts):
            other_part = True  # "late at night on Aug. 26" is not the morning of Aug. 26
        # a stated day outside the group's days (two adjacent days are one event told from two time zones)
        other_date = self._other_day(r)
        other_class = bool(r.get("range_class") and self.classes and r["range_class"] not in self.classes)
        # "a day after" another event: another than this group's, unless it states this group's day
        repeat = r["repeat"] or (r.get("day_after", False) and self._before(r) and not self._struck_elsewhere(r))
        signs = repeat + other_part + other_date + other_class
        if VOLLEY < gap <= NEAR and (repeat or other_part or signs >= 2):
            return None
        # a day on: two signs at once (the stated day and the part of it, the range class...), or
        # another stated day at the same part of the day (no time zone moves an event a day)
        # "a day after X launched ..." a day on: it is not the event of that earlier day
        if gap > NEAR and (signs >= 2 or (repeat and not r["repeat"]) or (other_date and self._same_part(r["part"]))):
            return None
        # sites in two provinces are two launches, however close (Florida and California)
        if r["site"] and self.sites and r["site"] not in self.sites and r.get("site_regions") and self.site_regions \
                and self.site_regions.isdisjoint(r["site_regions"]):
            return None
        if r.get("targets") and self.targets and self.targets.isdisjoint(r["targets"]):
            return None  # struck in another country: another attack (Iraq's, Pakistan's)
        strong = r["actor"] is not None and r["actor"] in self.actors
        if not strong and r.get("claimed") and self.actors and not (gap <= VOLLEY and _kinds_differ(r["actor"], self.actors)):
            return None  # its own word says it launched: no neighbour that tracked the group's launch
        if not strong and r["actor"] is not None and self.actors and self.actors.isdisjoint(r["mentions"]) \
                and r["actor"] not in self.mentions and not (gap <= VOLLEY and _kinds_differ(r["actor"], self.actors)):
            return None
        if gap > VOLLEY and r["site"] and self.sites and self.sites.isdisjoint(r["sites"]):
            return None
        # a day later, "afternoon" or "again" may be that day's or the day before's: a hint then
        # a day on, a report that words and dates itself apart from neither event is more
        # likely about the one of its own day; within that, the first event's (see above)
        return (strong, not other_part, not other_date, gap <= NEAR, self.anchor if repeat else -self.anchor)

    def _same_part(self, part: str | None) -> bool:
        """Is ``part`` one the group's reports name? A late night is a night: a stated day
        other than the group's at the same part of the day is another event a day on."""
        night = {"night" if p == "late night" else p for p in self.parts}
        return part is not None and ("night" if part == "late night" else part) in night

    def _recap(self, r: dict[str, Any], gap: float) -> tuple | None:
        """Beyond ``SPREAD``, only a later account that dates itself nowhere ("Ukrainian officials
        have reported that Russia launched a staggering 122 missiles and 36 drones", three days
        on) and repeats an exact count of the group's, by the same actor, is this event: else,
        undated, it reads as news of its own day and opens a story that the next event's
        reports would join."""
        if gap > RECAP or r.get("when") or r["part"] or r["actor"] is None or r["actor"] not in self.actors:
            return None
        mine = set(r.get("counts") or ())
        if not mine or not any(mine & set(m.get("counts") or ()) for m in self.members):
            return None
        return (True, True, True, False, -self.anchor)

    def _before(self, r: dict[str, Any]) -> bool:
        """Is every day the group states (else its first report's) before ``r``'s own (the one it
        states, else the day it was published)? A "second night in a row" is not of that group."""
        mine = r.get("when") or _utc_day(r["published"])
        days = self.whens or {_utc_day(self.anchor)}
        # a night told by the day before midnight ("late at night on Aug. 26") is the next day's too
        late = 1 if self.parts and self.parts <= {"night", "late night"} else 0
        return all(_shift(d, late) < mine[:10] for d in days)

    def _struck_elsewhere(self, r: dict[str, Any]) -> bool:
        """The earlier event a "a day after" report names struck another country than this
        group: this group is not that event ("came a day after Iran launched missiles toward
        Iraq and Syria", against a group of strikes in Pakistan)."""
        return bool(r.get("earlier_targets") and self.targets and self.targets.isdisjoint(r["earlier_targets"]))

    def _other_day(self, r: dict[str, Any]) -> bool:
        """A stated day outside the group's days. Two adjacent days are one event told from two
        time zones (the range holds both); a night is dated by the day before or after midnight
        ("overnight", said Tuesday, against "the early hours of Jan. 2"), so a night a day off
        a group told only as a night is no other day (a group with a morning too has its day)."""
        when = r.get("when")
        if not when or not self.whens:
            return False
        lo, hi = min(self.whens), max(self.whens)
        if lo <= when <= hi:
            return False
        if r["part"] in ("night", "late night") and self.parts <= {"night", "late night"}:
            try:
                day, lo_d, hi_d = (date.fromisoformat(x[:10]) for x in (when, lo, hi))
            except ValueError:
                return True
            return not (lo_d - timedelta(days=1) <= day <= hi_d + timedelta(days=1))
        return True

    def similar(self, r: dict[str, Any]) -> bool:
        """A near-identical text among the group's reports (a syndicated or rewritten copy)."""
        return any(sketch_similarity(r["sketch"], m["sketch"]) >= TEXT_THRESHOLD for m in self.members)


def _kinds_differ(actor: str, actors: set[str]) -> bool:
    """A country against an agency or a company, an agency against a company: maybe one
    party (its space agency, its contractor); the gazetteer does not say whose an agency is."""
    kind = actor.split(":", 1)[0]
    return all(a.split(":", 1)[0] != kind for a in actors)


def group(reports: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The events among ``reports`` (all of one topic): lists of reports, each in canonical
    order, the groups in order of their anchors. Depends on the set, not on its order."""
    groups: list[_Group] = []
    for r in sorted(reports, key=order_key):
        fits = [(s, g) for g in groups if (s := g.score(r)) is not None]
        if not fits:
            groups.append(_Group(r))
            continue
        if len(fits) > 1:  # text decides between events only when the rules leave several
            fits = [((s[0], g.similar(r)) + s[1:], g) for s, g in fits]
        max(fits, key=lambda f: f[0])[1].add(r)
    return [g.members for g in groups]
