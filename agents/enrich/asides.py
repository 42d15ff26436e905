"""Asides: words set off inside a sentence, which tell about something else than the sentence's event.

Two readings, each for the callers that need it:

- a comma aside (:func:`without_comma_asides`, :func:`outside_comma_asides`) is any stretch between two commas, a
  noun phrase too: between a verb and its later object, its words are no distance and no cue ("placed the IRNSS 1B,
  second of the seven planned satellites for the system, in precise orbit": "planned" is the other satellites'). The
  trigger's phrase reads it (:mod:`agents.enrich.trigger_pairs` for the window, :mod:`agents.enrich.context_cues`
  for the before cues). A list going on with "including" or "such as" is no aside.
- a clausal aside (:func:`clause_asides`) is a clause of its own between dashes, brackets, or relative commas: its
  words tell about a noun of the main clause (the booster, the rocket's history), not about the main clause's event.
  A stretch between commas that holds no clause tells no event of its own, so time
  (:func:`mentions_outside_asides`, called by :func:`agents.enrich.events.place_in_time`) and the words between a
  thing and its later verb (:func:`without_clause_asides`) read only clausal asides. A time inside one dates
  the aside's own event and never a trigger outside it: "Liftoff of the Falcon 9 rocket — using a first stage
  booster that previously launched and landed in December — occurred at 11:50 p.m. EST Friday" is Friday's launch.
  A bracket or dash pair holding only a time or a measure ("(0450:31 GMT Saturday)", "— on Friday —") is no clause,
  and its time still dates the sentence.

Pure functions of a sentence's text or a stretch of it.
"""

from __future__ import annotations

import re
from typing import Sequence, TypeVar

# a pair of dashes (em, en, or a typed double hyphen) with spaces or none, or a pair of round brackets
_DASH_PAIR = re.compile(r"\s(?:—|–|--)\s(?P<inner>[^—–()\n]{3,200}?)\s(?:—|–|--)\s|—(?P<inner2>[^—–()\n \d][^—–()\n]{2,200}?)—")
_BRACKETS = re.compile(r"\((?P<inner>[^()\n]{3,200})\)")
# a non-restrictive relative clause between commas, or ending the sentence: ", which flew in December,", ", whose
# booster ...,"; a comma before a time's preposition does not close it ("which had previously launched just under three
# months ago, in May 2018.")
_COMMA_RELATIVE = re.compile(r",\s+(?P<inner>(?:which|who|whose)\b(?:[^,;:()\n]|,(?=\s+(?:in|on|at|during|last|early|late)\b))"
                             r"{3,200}?)(?:,(?!\s+(?:in|on|at|during|last|early|late)\b)|[.!?]?[\s\"'”’]*$)")
# a clause of its own: a relative word, or a participle or finite past form ("using a booster", "landed in December")
_CLAUSE_WORD = re.compile(r"\b(?:which|who|whose|that|when|after|before|where)\b|\b[a-z]{3,}(?:ing|ed)\b")

# any stretch between two commas; a comma before "including" or "such as" does not close it, the list goes on with
# the aside's noun ("a busy summer that saw its share of historic missions, including launch of a new Mars rover")
_COMMA_ASIDE = re.compile(r",[^,;:()]+,(?!\s*(?:including|such as)\b)")

T = TypeVar("T")
_CLOSING_MARKS = frozenset(",)—–-")


def without_comma_asides(gap: str) -> str:
    """``gap`` with its comma asides taken out: "placed the IRNSS 1B, second of the seven planned satellites, in
    orbit"."""
    return _COMMA_ASIDE.sub(" ", gap)


def outside_comma_asides(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of ``text[start:end]`` outside comma asides."""
    out, at = [], start
    for m in _COMMA_ASIDE.finditer(text, start, end):
        out.append((at, m.start()))
        at = m.end()
    out.append((at, end))
    return out


def clause_asides(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence's clausal asides lie (start, end of the words between the marks)."""
    if "—" not in sentence and "–" not in sentence and "--" not in sentence and "(" not in sentence \
            and ", wh" not in sentence:
        return []  # cheap pre-test: most sentences have none
    spans = []
    for pattern in (_DASH_PAIR, _BRACKETS, _COMMA_RELATIVE):
        for m in pattern.finditer(sentence):
            group = "inner" if m.group("inner") is not None else "inner2"
            inner = m.group(group)
            if _CLAUSE_WORD.search(inner):
                spans.append((m.start(group), m.end(group)))
    return spans


def mentions_outside_asides(sentence: str, trigger: tuple[int, int], mentions: Sequence[T]) -> list[T]:
    """``mentions`` (anything with ``start`` and ``end``) less those inside an aside that does not hold the
    trigger: the aside's time is its own event's. For a trigger inside an aside that tells its own time, that time
    only. A trigger beginning or ending inside an aside ("the rocket,
    whose booster previously launched") is the aside's own, and keeps its time; one that spans it ("the Falcon 9
    rocket, whose booster flew in December, lifted off") is the main clause's."""
    t0, t1 = trigger
    asides = clause_asides(sentence)
    if not asides:
        return list(mentions)
    holding = [(a, b) for a, b in asides if a <= t0 < b or a < t1 <= b]
    own = [m for m in mentions if any(a <= m.start and m.end <= b for a, b in holding)]
    if own:
        return own  # "landed on Friday, which had launched ten satellites in January": the aside's time is its launch's
    others = [ab for ab in asides if ab not in holding]
    return [m for m in mentions if not any(a <= m.start and m.end <= b for a, b in others)]


def without_clause_asides(gap: str) -> str:
    """``gap`` (the words between a thing and its verb) with its clausal asides and their marks taken out: "The
    Falcon 9 rocket, whose first stage booster previously launched and landed in December, lifted off" is a rocket
    and its verb side by side."""
    # only an aside closed inside the gap: one running to the gap's end holds the verb ("a type of ballistic missile,
    # which are powered and guided toward a target but fall")
    spans = [(a, b) for a, b in clause_asides(gap) if gap[b:].lstrip()[:1] in _CLOSING_MARKS]
    for a, b in reversed(spans):
        gap = f"{gap[:max(0, a - 2)]} {gap[b + 1:]}"
    return gap
