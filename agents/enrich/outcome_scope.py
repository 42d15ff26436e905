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

# "since <a time or an event>, when <the earlier event>": the clause after "when" tells that earlier event ("first
# launch since September 15, when it successfully fired an IRBM"; "the first test conducted by Pyongyang since
# September, when the North fired a ballistic missile over Japan"). "since" places its object before the news by
# itself, so no date needs resolving; the clause runs to the end of its sentence.
_SINCE_WHEN = re.compile(r"\bsince\b[^.;!?\n]{1,80}?,?\s+(?P<when>when\b[^.;!?\n]*)", re.IGNORECASE)


def without_earlier_events(text: str) -> str:
    """``text`` with each "when" clause that tells the event a "since" names cut out (the rest kept as it was)."""
    if "since" not in text.lower():
        return text  # (cheap pre-test: most texts have none)
    return _SINCE_WHEN.sub(lambda m: m.group(0)[:m.start("when") - m.start()], text)


# a failure counted or told as a run: "after two consecutive launch failures", "twin failures in 2010", "three straight
# failures" (the event an alert is about is one launch; failures counted are a series of earlier ones)
_COUNTED_BEFORE = re.compile(r" (?:two|three|four|five|six|seven|eight|nine|ten|\d+|twin|consecutive|successive|"
                             r"back to back|back-to-back|straight|repeated|previous|prior|earlier|past|recent)"
                             r"(?: [^ ]+){0,2} $")
_PLURAL_FAILURES = frozenset({"failures", "mishaps", "anomalies", "malfunctions", "explosions", "crashes"})
# "its first launch since a Falcon 9 exploded on the pad": a failure after "since" is the earlier one (not across a
# new clause: "since ..., when" is the earlier clause's, read by without_earlier_events)
_SINCE_BEFORE = re.compile(r" since(?: (?!when |and |but )[^ ]+){0,5} $")


def told_since(before: str) -> bool:
    """Does ``before`` (the padded key up to an outcome word) end in a "since" phrase ("its first launch since a similar
    rocket recently ...")? What follows is the earlier event the news is counted from."""
    return _SINCE_BEFORE.search(before[-60:]) is not None


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
                           r"smoke|trails?|flashes|footage|videos?)(?: [^ ]+){0,3} $")


def interception_traces(padded: str) -> Iterator[re.Match[str]]:
    """The interception nouns of ``padded`` told after a trace of them ("shrapnel from the intercepts")."""
    for m in INTERCEPTION_NOUN.finditer(padded):
        if _TRACE_BEFORE.search(padded, max(0, m.start() - 60), m.start() + 1):
            yield m
