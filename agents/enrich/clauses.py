"""Where a trigger's clause begins and ends: the clause breaks and word measures the matcher's modules share.

Pure functions over the article text and offsets (a sentence ``s0:s1``, a trigger ``start:end``).
"""
from __future__ import annotations

import re

from agents.enrich.timex import TimeMention
from agents.enrich.article_view import ArticleView, words_of


#: words inside a noun phrase before its head: skipped when counting the before window
NOUN_PHRASE_WORDS = frozenset("the a an its their his her this that these those first second third fourth fifth sixth "
                              "seventh eighth ninth tenth latest new another".split())
# a colon between digits is a clock time, no break: "Friday's planned 12:17 p.m. launch"
CLAUSE_BREAK = re.compile(r"[,;()\[\]\u2013\u2014]|:(?!\d)|(?<!\d):|\s-\s")
# a number is one word: "will see some 28,700 satellites launched" keeps "will" in reach
NUMBER_GROUPS = re.compile(r"(?<=\d)[,.](?=\d)")
# "is launching ... in August", "are firing ... on Friday": the present progressive with a time tells a plan
PRESENT_PROGRESSIVE = re.compile(r"\b(?:is|are|am)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def last_word_start(text: str, start: int, end: int) -> int:
    """Where the last word of the phrase at ``start:end`` begins ("rocket launches": "launches")."""
    return start + text[start:end].rstrip().rfind(" ") + 1


def clause_key(doc: ArticleView, s0: int, s1: int, start: int, end: int) -> str:
    """The trigger's clause (from the clause break before it to the one after it), space-padded
    and normalised as rule phrases are."""
    cut = list(CLAUSE_BREAK.finditer(doc.text, s0, start))
    brk = CLAUSE_BREAK.search(doc.text, end, s1)
    return f" {' '.join(words_of(doc.text[cut[-1].end() if cut else s0:brk.start() if brk else s1]))} "


def dated_in_clause(text: str, when: TimeMention | None, s0: int, vs: int, s1: int) -> bool:
    """Is ``when`` in the clause that the verb at ``vs`` opens (after it, before the next clause break)?"""
    if when is None or s0 + when.start < vs:
        return False
    brk = CLAUSE_BREAK.search(text, vs, s1)
    return s0 + when.start < (brk.start() if brk else s1)


def trigger_clause(doc: ArticleView, s0: int, s1: int, start: int, end: int) -> tuple[int, int]:
    """The trigger's clause: from the last clause break before it to the first after it."""
    # a number's group separator is no clause break: "Over 5,200 space satellites have been launched"
    before = NUMBER_GROUPS.sub("0", doc.text[s0:start])
    cut = list(CLAUSE_BREAK.finditer(before))
    c0 = s0 + (cut[-1].end() if cut else 0)
    rest = NUMBER_GROUPS.sub("0", doc.text[end:s1])
    m = CLAUSE_BREAK.search(rest)
    return c0, end + (m.start() if m else len(rest))