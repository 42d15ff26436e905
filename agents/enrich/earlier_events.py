"""An event before the news, told again or counted: a headline whose lead dates the same thing outside the week,
a verb that retells an event an earlier sentence dated, a running total ("has launched more than 100 satellites to
date").

Pure functions over an :class:`agents.enrich.article_view.ArticleView` and offsets.
"""
from __future__ import annotations

import re

from agents.enrich.events import place_in_time
from agents.enrich.event_time import dates_another_event
from agents.enrich.rulepack import RulePack
from agents.enrich.article_view import ArticleView, words_of


_THE_END = re.compile(r"\bthe\s+$", re.IGNORECASE)


def retold(doc: ArticleView, sent: int, vs: int, o0: int) -> bool:
    """Is the verb at ``vs``, with an object the article has named before ("the missile"), the same verb an
    earlier body sentence placed outside the week? Then it tells that event again."""
    if not (o0 > vs and _THE_END.search(doc.text, max(0, o0 - 5), o0)):
        return False
    verb = doc.lower[vs:].split(None, 1)[0]
    for prev in range(1, sent):
        p0, p1 = doc.sentences[prev]
        at = doc.lower.find(f" {verb} ", p0, p1)
        if at >= 0:
            news, when = place_in_time(doc.text[p0:p1], (at + 1 - p0, at + 1 + len(verb) - p0), doc.ref, doc.today)
            return not news and when is not None and when.age is not None
    return False


def lead_dates_older(doc: ArticleView, o0: int, o1: int, start: int = 0, end: int = 0) -> bool:
    """For a headline hit with no time of its own: does the first body sentence name the same thing
    (the object's head word, "missile", or a vehicle the headline's phrase names) and place it
    outside the week ("China Tested Hypersonic Missile" over "believes that China launched a
    long-range missile in July"; "A moment of glory: testing the Minuteman III intercontinental
    ballistic missile" over "In the summer of 2018, ... charged with test launching the Minuteman
    III")? The headline then tells that older event."""
    head = words_of(doc.text[o0:o1])[-1:]
    if not head or len(doc.sentences) < 2:
        return False
    stem = head[0][:-1] if head[0].endswith("s") else head[0]
    p0, p1 = doc.sentences[1]
    m = re.search(rf"\b{re.escape(stem)}\w*", doc.lower[p0:p1])
    if m is None:
        names = [e.text.lower() for e in doc.entities if start <= e.start and e.end <= end and e.label == "VEHICLE"]
        m = next((x for x in (re.search(rf"\b{re.escape(n)}\b", doc.lower[p0:p1]) for n in names) if x), None)
    if m is None:
        return False
    news, when = place_in_time(doc.text[p0:p1], (m.start(), m.end()), doc.ref, doc.today)
    if news or when is None or when.future:
        return False
    # "for the first time since a humiliating failure 15 months ago": that time dates the earlier event
    return not dates_another_event(doc.text, p0, when)


# "has launched more than 2,950 satellites": a perfect verb with a rough count is a total so far
_PERFECT_ROUGH_COUNT = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+|now\s+|already\s+|so far\s+)?\w+\s+"
                                  r"(?:more than|over|nearly|almost|about|around|some|upwards of|at least|close to|"
                                  r"roughly|approximately)\s+\d", re.IGNORECASE)

# "Over 5,200 space satellites have been launched since October 4, 1957": a rough count as the subject of a
# perfect passive is a total so far
_COUNTED_SUBJECT = re.compile(r"\b(?:more than|over|nearly|almost|about|around|some|upwards of|at least|close to|roughly|"
                              r"approximately)\s+\d[\d,.]*\s+(?:[\w-]+\s+){0,3}?(?:has|have|had)\s+(?:now\s+|so far\s+|"
                              r"already\s+)?been\b", re.IGNORECASE)
# "have only been tested a handful of times", "has fired missiles 20 times": how often, over a span
_PERFECT_TIMES = re.compile(r"\b(?:has|have|had)\s+(?:[\w’'-]+\s+){1,5}?(?:a handful of|a few|a number of|several|many|"
                            r"numerous|countless|dozens of|hundreds of|scores of|\d+|two|three|four|five|six|seven|"
                            r"eight|nine|ten|eleven|twelve|\w+ty)\s+times\b", re.IGNORECASE)


def running_total(doc: ArticleView, pack: RulePack, s0: int, s1: int, c0: int, c1: int) -> tuple[int, int] | None:
    """The trigger's clause ``c0:c1`` (:func:`trigger_clause`), when it tells a running total ("has launched more
    than 100 satellites to orbit to date"): a ``context.tally`` cue in it, or a perfect verb before a rough count;
    else None."""
    if pack.tally_re is not None:
        if pack.tally_re.search(f" {' '.join(words_of(doc.text[c0:c1]))} "):
            return c0, c1
        if pack.tally_re.search(f" {' '.join(words_of(doc.text[s0:s1])[:3])} "):
            return s0, s1  # a sentence that opens with one ("In all, three rockets ... have been launched")
    counted = _PERFECT_ROUGH_COUNT.search(doc.text, c0, c1) or _PERFECT_TIMES.search(doc.text, c0, c1) \
        or _COUNTED_SUBJECT.search(doc.text, c0, c1)
    return (c0, c1) if counted else None