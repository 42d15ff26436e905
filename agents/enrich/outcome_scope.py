"""Whose outcome an outcome word tells: the event's, or another time's or another thing's.

A report of today's launch often names how an earlier one went, in the same sentence: "The missile test represents
Pyongyang's first launch since September 15, when it successfully fired an Intermediate Range Ballistic Missile"
(nknews.org, c27), "Japan successfully launched its next-generation H3 rocket on Saturday, marking a triumphant return
to form after two consecutive launch failures" (miragenews.com, c27). A war report tells the day's toll of every
attack beside one barrage: "Various Russian attacks in this region killed one person and injured 13 more over the past
day" (swissinfo.ch, c27). And a defence's work is told by what it leaves behind, not by a verb: "shrapnel from the
intercepts fell near his home" (ynetnews.com, c27). This module reads those forms for
:func:`agents.enrich.events.outcome_of`; each reader is a pure function over text or the padded lowercase key the
outcome reader matches its cue words in (words between single spaces, no punctuation).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from agents.enrich.timex import time_mentions

# a clause "when ..." hung on an older time tells the event of that time: "first launch since September 15, when it
# successfully fired an IRBM" (nknews.org, c27), "the first test conducted by Pyongyang since September, when the North
# fired a ballistic missile over Japan", "North Korea's last test was on Jan. 30, when it fired a Hwasong-12"
# (aayubo.com), "suffering a major setback in September, when one of its rockets spontaneously erupted into flames"
# (fox43.com, a story of July). The time is older when "since" counts from it, when "last" dates the last such act, or
# when timex places it before the week; the clause runs to the end of its sentence.
# (nor a comma before a finite verb of the main clause: "Dish Network, who suffered a serious setback earlier in the year
# when its satellite failed to reach orbit, has successfully launched its EchoStar XI", c25)
_WHEN_CLAUSE = re.compile(r",?\s+when\b(?:[^.;!?\n,]|\.(?=\s*(?-i:[a-z0-9]))|,(?!\s+(?:has|have|had|was|were|is|are|will|"
                          r"would)\b))*", re.IGNORECASE)
# (a full stop of an abbreviation, "Sept. 15", "Jan. 30", ends no clause)
_CLAUSE_CHARS = r"(?:[^.;!?\n]|\.(?=\s*(?-i:[a-z0-9])))"
_SINCE_TAIL = re.compile(rf"\bsince\b{_CLAUSE_CHARS}{{1,80}}$", re.IGNORECASE)
_LAST_TAIL = re.compile(rf"\blast\s+(?:[\w-]+\s+){{0,5}}?(?:on|in)\s+{_CLAUSE_CHARS}{{1,25}}$", re.IGNORECASE)
# how far before "when" the older time may start
_TIME_REACH = 40


def _older_anchor(before: str, ref: date | None, today: date | None) -> bool:
    if _SINCE_TAIL.search(before) or _LAST_TAIL.search(before):
        return True
    if today is None:
        return False
    tail = before[-_TIME_REACH:]
    return any(t.history and t.end >= len(tail.rstrip(" ,")) for t in time_mentions(tail, ref, today))


def without_earlier_events(text: str, ref: date | None = None, today: date | None = None) -> str:
    """``text`` with each "when" clause hung on an older time cut out (the rest kept as it was). ``ref`` (the publication
    date) and ``today`` let :mod:`agents.enrich.timex` date the time; without them only "since" and "last" do."""
    if "when" not in text.lower():
        return text  # (cheap pre-test: most texts have none)
    out, kept = [], 0
    for m in _WHEN_CLAUSE.finditer(text):
        if _older_anchor(text[max(kept, m.start() - 100):m.start()], ref, today):
            out.append(text[kept:m.start()])
            kept = m.end()
    return "".join(out) + text[kept:] if out else text


# a failure counted or told as a run: "after two consecutive launch failures", "twin failures in 2010", "three straight
# failures" (the event an alert is about is one launch; failures counted are a series of earlier ones)
_COUNTED_BEFORE = re.compile(r" (?:two|three|four|five|six|seven|eight|nine|ten|\d+|twin|consecutive|successive|"
                             r"back to back|back-to-back|straight|repeated|previous|prior|earlier|past|recent)"
                             r"(?: [^ ]+){0,2} $")
_PLURAL_FAILURES = frozenset({"failures", "mishaps", "anomalies", "malfunctions", "explosions", "crashes"})
# "its first launch since a Falcon 9 exploded on the pad": a failure after "since" is the earlier one (not across a
# new clause: "since ..., when" is the earlier clause's, read by without_earlier_events)
_SINCE_BEFORE = re.compile(r" since(?: (?!when |and |but )[^ ]+){0,5} $")
# an "after" that a count runs from is a "since": "two successful missions have taken place after the failure of GSLV
# F10" (c30), "its first launch after the failure" (not a time: "Around 40 minutes after launch, ... the second stage
# burn failed")
_COUNTED_AFTER = re.compile(r" (?:first|second|third|two|three|four|five|six|several|\d+)"
                            r"(?! (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|stages?)\b)"
                            r"(?: (?!when |and |but )[^ ]+){0,6}"
                            r" (?:after|following)(?: [^ ]+){0,3} $")


def told_since(before: str) -> bool:
    """Does ``before`` (the padded key up to an outcome word) end in a "since" phrase ("its first launch since a similar
    rocket recently ...")? What follows is the earlier event the news is counted from."""
    return _SINCE_BEFORE.search(before[-60:]) is not None or _COUNTED_AFTER.search(before[-110:]) is not None


# how far after a failure word the day it names may start: "exploded on the launch pad in September"
_DATED_REACH = 40


def earlier_failure(padded: str, start: int, end: int, ref: date | None = None, today: date | None = None) -> bool:
    """Is the failure word at ``padded[start:end]`` (its padding spaces included) an earlier flight's: a plural failure
    counted or run ("after two consecutive launch failures"), one after "since" ("since a Falcon 9 exploded"), or one
    dated right after it to a day :mod:`agents.enrich.timex` places before the week ("an explosion in September" in a
    story of a January launch; needs ``ref``, the publication date, for a month or a day without a year)?"""
    counted = padded[start:end].strip() in _PLURAL_FAILURES \
        and _COUNTED_BEFORE.search(padded, max(0, start - 50), start + 1) is not None
    if counted or told_since(padded[:start + 1]):
        return True
    if today is None:
        return False
    after = padded[end - 1:end - 1 + _DATED_REACH + 25]
    return any(t.history for t in time_mentions(after, ref, today) if t.start <= _DATED_REACH)


# the toll of a period is every attack's: "Various Russian attacks in this region killed one person and injured 13
# more over the past day", "Russian shelling killed two civilians in the past 24 hours"
_PERIOD_TOLL = re.compile(r"(?: [^ ]+){0,8}? (?:over|in|during|within) the (?:past|last|previous) (?:day|days|24 hours|"
                          r"\w+ days|\w+ hours|week|weekend) ")
_PERIOD_BEFORE = re.compile(r" (?:over|in|during|within) the (?:past|last|previous) (?:day|days|24 hours|\w+ days|\w+ hours|"
                            r"week|weekend)(?: [^ ]+){0,8} $")


def period_toll(padded: str, start: int, end: int) -> bool:
    """Is the success word at ``padded[start:end]`` (a death or a hit) counted over a period ("killed one person ...
    over the past day"), the toll of every attack in it rather than this launch's outcome?"""
    return _PERIOD_TOLL.match(padded, end - 1) is not None \
        or _PERIOD_BEFORE.search(padded, max(0, start - 70), start + 1) is not None


# an interception told by what it leaves, its noun after a trace of it: "shrapnel from the intercepts fell near his
# home", "dozens of explosions and intercepts", "debris from a rocket interception", "footage of the Iron Dome
# interceptions" (not "intercepts" of signals: "radio intercepts", "intercepts of Russian communications" name no trace)
INTERCEPTION_NOUN = re.compile(r" (?:intercepts|interceptions|interception)(?! (?:system|systems|rate|attempts?|missiles?|"
                               r"batter(?:y|ies)|capabilit(?:y|ies)|of (?:communications|calls|messages|signals)))")
_TRACE_BEFORE = re.compile(r" (?:shrapnel|debris|fragments|fragment|remnants|pieces|booms?|sounds?|noise|explosions?|blasts?|"
                           r"smoke|trails?|flashes|footage|videos?)(?: [^ ]+){0,4} $")


def interception_traces(padded: str) -> Iterator[re.Match[str]]:
    """The interception nouns of ``padded`` told after a trace of them ("shrapnel from the intercepts")."""
    for m in INTERCEPTION_NOUN.finditer(padded):
        if _TRACE_BEFORE.search(padded, max(0, m.start() - 60), m.start() + 1):
            yield m
