"""An older event retold on its own day: whose day a time is that names the page's own day on a page that remembers.

An anniversary post, a remembrance day, a leader's tribute falls on the day of the event it remembers, and retells
that event in the words of its own time: the historic statement quoted verbatim ("In a press conference after the
tests, Prime Minister Atal Bihari Vajpayee said: "Today, at 15:45 hours, India conducted three underground nuclear
tests in the Pokhran range."" on a page of 12 May 2022), or the day without its year ("On May 28, Pakistan carried out
five nuclear tests" under "Youm-e-Takbir: Pakistan marks anniversary of nuclear tests", dated 28 May 2019). Such a
time names the page's day, and the event is the remembered one, years older.

A live report quotes its own day's statement the same way ("The U.S. Department of Defense detected and tracked a single
North Korea missile launch today"), so what decides is what the page says BEFORE the sentence: a remembrance of it
(:data:`_REMEMBRANCE`) with an older year, or the same day and month told with an older year.

``doc`` is the matcher's view of one article (:class:`agents.enrich.article_view.ArticleView`).
"""

from __future__ import annotations

import re
from typing import Any

from agents.enrich.event_time import inside_one_quotation, remembers_an_event
from agents.enrich.timex import RECENT_DAYS, TimeMention, time_mentions

# the words of a remembrance: an anniversary, a commemoration, a tribute, a recollection, a day of the calendar's past
# ("marked the first anniversary of the nuclear test", "the PM also remembered the exemplary leadership of Atal Bihari
# Vajpayee", "recalled the 1998 Pokhran nuclear test", "paid tribute to the nation's historic achievement", "on this
# day in 1998", "Twenty six years ago")
_REMEMBRANCE = re.compile(r"\b(?:anniversar(?:y|ies)|jubilees?|centenar(?:y|ies)|centennials?|commemorat\w*|"
                          r"remember(?:s|ed|ing)?|recall(?:s|ed|ing)?|recollect(?:s|ed|ing)?|"
                          r"(?:pay|pays|paid|paying) (?:rich |great )?(?:tributes?|homage)|"
                          r"on this (?:day|date)|this (?:day|date) in (?:19|20)\d\d|(?:years|decades) ago)\b",
                          re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _remembrance_before(doc: Any, s0: int) -> tuple[bool, bool]:
    """(does the text before ``s0`` (the headline included) hold a remembrance?, does one of its sentences tell the
    anniversary of a launch or a test?)"""
    told = False
    for p0, p1 in doc.sentences:
        if p0 >= s0:
            break
        sentence = doc.text[p0:p1]
        if _REMEMBRANCE.search(sentence):
            if remembers_an_event(sentence):
                return True, True
            told = True
    return told, False


def _older_years_before(doc: Any, s0: int) -> list[TimeMention]:
    """The times with their year the text names before ``s0``, beyond the week before the page's day."""
    return [m for m in time_mentions(doc.text[:s0], doc.ref, doc.today) if m.history and _YEAR.search(m.text)]


def _the_pages_day(doc: Any, s0: int, s1: int, when: TimeMention, start: int) -> bool:
    """Does ``when`` name the page's own day: a quotation's "today" (or "this morning") that holds the trigger at
    ``start`` too, or a day of a month with no year of its own within the week?"""
    if when.kind == "today":
        return inside_one_quotation(doc.text[s0:s1], when.start, start - s0)
    return when.kind == "date" and when.age is not None and 0 <= when.age <= RECENT_DAYS \
        and _YEAR.search(when.text) is None


def retold_on_its_day(doc: Any, s0: int, s1: int, when: TimeMention | None, start: int) -> bool:
    """Is the event of the trigger at ``start`` (in the sentence ``s0:s1`` of a dated page, placed by ``when``) an
    older one retold on its day? ``when`` names the page's own day (:func:`_the_pages_day`), and before the sentence
    the page either names that day and month with an older year ("conducted on 11 and 13 May 1998", then "The two
    nuclear devices detonated simultaneously on 13 May" on 14 May 2023), or remembers: a remembrance
    (:data:`_REMEMBRANCE`) and an older year ("remembered the exemplary leadership", "in May 1974", then Vajpayee's
    quoted "Today, ... India conducted three underground nuclear tests"), or the anniversary of a launch or a test
    ("Pakistan marks anniversary of nuclear tests", then "On May 28, Pakistan carried out five nuclear tests")."""
    if doc.ref is None or when is None or not _the_pages_day(doc, s0, s1, when, start):
        return False
    older = _older_years_before(doc, s0)
    if when.when is not None and when.kind == "date" and any(
            m.when is not None and (m.when.month, m.when.day) == (when.when.month, when.when.day) for m in older):
        return True  # the same date told again, its year left out
    told, anniversary = _remembrance_before(doc, s0)
    return anniversary or (told and bool(older))


def headline_over_an_anniversary(doc: Any, sent: int, when: TimeMention | None) -> bool:
    """Is the hit in the headline (``sent`` 0), with no time of its own, over a first body sentence that tells the
    anniversary of a launch or a test ("Unrepentant North Korea marks "miracle" nuclear test" over "North Korea on
    Tuesday marked the first anniversary of the nuclear test")? The headline then names the remembered event. A lead
    that tells its own launch first is news on the anniversary ("launched ... on the 50th anniversary of ..."): see
    :func:`agents.enrich.event_time.remembers_an_event`."""
    if sent != 0 or not doc.title_end or len(doc.sentences) < 2 or (when is not None and when.age is not None):
        return False
    p0, p1 = doc.sentences[1]
    return remembers_an_event(doc.text[p0:p1])
