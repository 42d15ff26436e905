"""The launch line of live coverage: a launch told as it happens, placed on the page's own day.

Live blogs, update blocks and captions tell the moment of a launch in lines of their own, often with no verb and no
day: "Update: Liftoff of Falcon 9 at 12:30 a.m. EDT!", "And liftoff of the Falcon 9 rocket!", "We have booster
ignition and liftoff of the United Launch Alliance Atlas V rocket at 5:34 a.m. EDT", or, under an update's stamp, in
the present: "Update 8:37 p.m. EDT: Falcon 9 lifts off from Launch Complex 40". Such a line is the page's news of its
own day. A schedule is told otherwise and stays one: "Liftoff is scheduled for 5:48 p.m." (a verb and a plan cue),
"Liftoff time: 11:12 a.m." (a compound), "00:00:00: Falcon 9 liftoff" (a countdown's timeline: the launch noun after
its object, under a T-minus stamp), "Now T-minus 15 minutes to liftoff of Falcon 9" (an infinitive ahead).

Pure functions over the article's text and offsets; :mod:`agents.enrich.rules` asks :func:`live_line_time` for a
candidate that has no time of its own.
"""
from __future__ import annotations

import re
from datetime import date

from agents.enrich.timex import TimeMention


# a clock time, with its zone: "12:30 a.m. EDT", "5:34 a.m. ET", "2 p.m.", "1115 GMT"
_CLOCK = r"\d{1,2}(?::\d\d)?\s*(?:[ap]\.?\s?m\.?|[AP]M)(?:\s+(?:[ECMP][SD]?T|UTC|GMT))?|\d{4}\s+(?:UTC|GMT)"
# the stamp that opens an update block: "Update:", "UPDATE, 11:00 p.m. March 1:", "Update 8:37 p.m. EDT:",
# "LIVE UPDATES:", "5:48 p.m.:", "3:28 p.m. update" (a clock time, not a countdown's "00:35:00")
_STAMP = re.compile(rf"(?:(?:live\s+)?updates?\b(?:[\s,]+(?:{_CLOCK})[^:\n]{{0,24}})?\s*:|(?:{_CLOCK})\s*"
                    rf"(?:update\b\s*:?|:))\s*", re.IGNORECASE)
# what may open a verbless launch line after the stamp: "And", "We have (booster ignition and)"
_OPENER = re.compile(r"(?:and\s+|we\s+have\s+(?:[\w-]+\s+){0,3}?(?:and\s+)?)?", re.IGNORECASE)
_WE_HAVE_OR_AND = re.compile(r"(?:and|we\s+have)\b", re.IGNORECASE)
# the launch noun of such a line, then what it may hold before the line's "!": its object, its clock time, its pad
_LAUNCH_NOUN = re.compile(r"(?:liftoff|lift-off|lift\s+off|blastoff|blast-off)\b", re.IGNORECASE)
_VERBLESS_REST = re.compile(rf"(?:\s+of\s+[^!?.;:\n]*?|(?:\s+(?:at\s+(?:{_CLOCK})|from\s+[^!?.;:\n]*?))+)*\s*(?P<end>!|$)",
                            re.IGNORECASE)
# a subject of a few words between the stamp and a present-tense trigger: "Falcon 9", "The Atlas V rocket"
_SUBJECT = re.compile(r"(?:[\w.'’-]+\s+){1,6}")
_PRESENT_3SG = re.compile(r"[a-z]+(?<!ss)s\b")
_CLOCK_RE = re.compile(_CLOCK, re.IGNORECASE)


def _verbless_launch_line(line: str, at: int) -> bool:
    """Is the launch noun at ``at`` in ``line`` the whole line, verbless ("Liftoff of Falcon 9 at 12:30 a.m. EDT!"),
    after an optional stamp and an optional "And" or "We have ..."? Without an opener the line must end in "!" (a
    bare "Liftoff at 6:30 p.m." is a preview's schedule)."""
    stamp = _STAMP.match(line)
    pos = stamp.end() if stamp else 0
    opener = _OPENER.match(line, pos)
    if opener.end() != at or not _LAUNCH_NOUN.match(line, at):
        return False
    rest = _VERBLESS_REST.match(line, _LAUNCH_NOUN.match(line, at).end())
    if rest is None:
        return False
    return rest.group("end") == "!" or _WE_HAVE_OR_AND.match(line, opener.start()) is not None


def _stamped_present(line: str, at: int) -> bool:
    """Is the trigger at ``at`` a present-tense verb right after an update stamp and its subject ("Update 8:37 p.m.
    EDT: Falcon 9 lifts off from Launch Complex 40")? The present under a stamp is the live report, not a habit."""
    stamp = _STAMP.match(line)
    if stamp is None:
        return False
    subject = _SUBJECT.fullmatch(line, stamp.end(), at)
    return subject is not None and _PRESENT_3SG.match(line, at) is not None


def live_line_time(text: str, s0: int, s1: int, vs: int, ref: date | None) -> TimeMention | None:
    """The page's own day for a trigger at ``vs`` that is the launch line of live coverage (a verbless launch line, or
    the present under an update's stamp), in the sentence ``text[s0:s1]``; else None. Its text is the line's clock
    time where it gives one."""
    line = text[s0:s1].strip()
    lead = len(text[s0:s1]) - len(text[s0:s1].lstrip())
    at = vs - s0 - lead
    if at < 0 or not (_verbless_launch_line(line, at) or _stamped_present(line, at)):
        return None
    clock = _CLOCK_RE.search(line, at)
    return TimeMention(clock.group() if clock else "", 0, 0, ref, 0, kind="today")


# a countdown's timeline opens its line with a T-minus stamp: "00:00:00: Falcon 9 liftoff", "T-00:01:00: ..."
_COUNTDOWN_STAMP = re.compile(r"\s*(?:T\s*-\s*(?:minus\s*)?)?\d\d:\d\d:\d\d\s*:", re.IGNORECASE)
# the launch noun before a noun of time names that time, the schedule's: "Liftoff time: 6:30 p.m.", "Launch date is
# May 26", "Launch Day has arrived for GSLV-F16 and NISAR"
_FIELD_AFTER = re.compile(r"(?:launch|liftoff|lift-off|blastoff|blast-off)\s+(?:time|date|day)s?\b", re.IGNORECASE)


def schedule_line(text: str, s0: int, vs: int) -> bool:
    """Is the launch word at ``vs`` a schedule's, not an event: in a line of a countdown's timeline ("00:00:00: Falcon
    9 liftoff"), or the first part of a noun of time ("Liftoff time: 6:30 p.m. for the Falcon 9 rocket", "Launch Day has
    arrived for GSLV-F16")?"""
    return _COUNTDOWN_STAMP.match(text, s0) is not None or _FIELD_AFTER.match(text, vs) is not None
