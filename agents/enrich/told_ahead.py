"""A launch the article tells as still to come: the day a headline previews, a launch under way today while the
article tells it ahead (its schedule, its window).

Pure functions over an :class:`agents.enrich.article_view.ArticleView` and offsets.
"""
from __future__ import annotations

import re

from agents.enrich.article_view import ArticleView, is_title, words_of
from agents.enrich.clauses import PRESENT_PROGRESSIVE


_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
# (up to four words between: "Great forecast for Atlas V launch Saturday")
_DAY_AHEAD = {d: re.compile(rf"\b(?:for|targeting|targets|until|before)\s+(?:[\w.'’-]+\s+){{0,4}}?{d}\b", re.IGNORECASE)
              for d in "monday tuesday wednesday thursday friday saturday sunday".split()}
_TITLE_LAUNCH_NOUN = re.compile(r"\b(?:launch|liftoff|lift-off|blastoff|flight)\b", re.IGNORECASE)


def weekday_ahead_in_title(doc: ArticleView, mention: str) -> bool:
    """Does the headline name the body's weekday as the day of a launch ahead ("Weather OK for Friday Atlas V rocket
    launch")? Then the body's "Friday's launch marks a return to flight" is that coming Friday, not the last one."""
    day = _WEEKDAY.search(mention)
    if day is None or not doc.title_end:
        return False
    title = doc.text[:doc.title_end]
    ahead = _DAY_AHEAD[day.group().lower()].search(title)
    return ahead is not None and _TITLE_LAUNCH_NOUN.search(title, ahead.start()) is not None


_TITLE_LAUNCH_AHEAD = re.compile(r"\b(?:for|targeting|targets)\s+(?:[\w.'’-]+\s+){0,4}?(?:launch|liftoff|lift-off|"
                                 r"blastoff)\b", re.IGNORECASE)
#: a launch or test the article tells in the future or by its schedule: "The launch will take place at Vandenberg",
#: "the launch window begins at 6:51 p.m.", "ULA is targeting 1:40 p.m. EDT for liftoff"
_AHEAD_TOLD = re.compile(r"\b(?:launch(?:es)?|liftoff|lift-off|tests?|test launch|test flight|flights?|missions?|firing)\s+"
                         r"(?:will|(?:is|are) (?:scheduled|slated|set|expected|due|planned|targeted|timed))\b|"
                         r"\b(?:launch|test) window\s+(?:begins|opens|extends|will)\b|"
                         r"\btarget(?:s|ing)\s+[^;\n]{0,40}?\bfor\s+(?:liftoff|lift-off|launch)\b", re.IGNORECASE)
#: words before a headline's bare participle that make it no predicate: "after testing", "the testing of"
_NOT_A_PREDICATE = frozenset("after before by for of in on from with while since without the a an its their".split())


def told_as_under_way(doc: ArticleView, sent: int, s0: int, s1: int, vs: int, end: int) -> bool:
    """Is the trigger verb told as under way rather than done: the present progressive ("The US Army is testing a new
    long-range missile today", "Today SpaceX is launching NASA's TESS"), or a headline's bare participle ("US Army
    testing next-generation missile in California today") or bare event noun ("Delta IV Heavy launch today")?"""
    word = doc.lower[vs:end].split(None, 1)[0] if end > vs else ""
    if word.endswith("ing") and PRESENT_PROGRESSIVE.search(doc.text, max(s0, vs - 12), vs):
        return True
    if not (doc.title_end and (sent == 0 or is_title(doc, s0, s1))) and not _is_heading(doc, s0, s1):
        return False
    before = words_of(doc.text[s0:vs])
    if before and before[-1] in _NOT_A_PREDICATE:
        return False
    return word.endswith("ing") or word in ("launch", "test", "liftoff", "lift-off")


def _is_heading(doc: ArticleView, s0: int, s1: int) -> bool:
    """Is this body sentence a heading in headline grammar: a short line of its own with no closing stop ("SpaceX
    launching four times and four astronauts" between a launch calendar and its paragraphs)?"""
    line = doc.text[s0:s1].strip()
    return bool(line) and line[-1] not in ".!?\"”’)" and len(line.split()) <= 12 \
        and doc.text[s1:s1 + 1] in ("\n", "") and (s0 == 0 or doc.text[s0 - 1] == "\n")


def ahead_told_in_article(doc: ArticleView) -> bool:
    """Does the article tell a launch or test ahead, in the future or by its schedule? Read only for a trigger told
    as under way, so the scan is rare."""
    return _AHEAD_TOLD.search(doc.text) is not None


def launch_ahead_in_title(doc: ArticleView) -> bool:
    """Is the headline a preview of one launch ("Weather looks excellent for SpaceX launch from Cape Canaveral")?"""
    return bool(doc.title_end) and _TITLE_LAUNCH_AHEAD.search(doc.text, 0, doc.title_end) is not None