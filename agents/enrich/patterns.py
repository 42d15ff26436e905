"""Regular expressions made cheaper to run, matching exactly what they matched before.

Python's ``re`` tries a pattern at every position of the text, and an alternation of many
words (the roles before a person's name: "Minister", "spokesperson", "Gen."...) alternative
by alternative. Two rewrites keep every match, span and group the same:

- :func:`by_first_letter`: the alternatives grouped under their first letter, so a position
  fails after one test per letter instead of one per word. Only alternatives that start with
  the same letter can match at the same position, and each group keeps their order, so the
  leftmost-first choice among them is unchanged.
- :func:`finditer_at`: ``pattern.finditer(text)`` when a match can only start at known
  positions (after a sentence end, say): ``pattern.match`` at each of them in order, skipping
  those inside the previous match. Lookbehinds, ``\\b`` and ``^`` still see the real text
  before a position (``^`` matches only at 0), as they do in ``finditer``.
- :class:`WordIndex`: where the words of a few closed lists occur in a text ("satellite",
  "air base"...), every list found in one Aho-Corasick pass, kept for the next caller that asks
  about the same text (a ``str.find`` loop per word cost ~0.5 us a word on a lede).
- :func:`literal_starts`: the literal start of each alternative of an alternation of words, in
  each case the pattern accepts (``[Mm]inister`` -> "Minister", "minister"): every match of a
  pattern opening with that alternation starts where one of them occurs (a superset of where a
  match starts, which is all ``finditer_at`` needs). :class:`WordIndex` finds them with the
  lede's other word lists in its one pass (the rule tier's roles before a person's name).
- :class:`LiteralStarts`: the same positions for a few literal words, found with ``str.find``
  (for long words few texts hold, far cheaper than re trying the pattern at every position
  holding one of their first letters).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import ahocorasick

_CASE_PAIR = re.compile(r"\[([A-Za-z])([A-Za-z])\]")


def alternatives(alternation: str) -> list[str]:
    """The top-level alternatives of ``(?:a|b|...)``."""
    if not (alternation.startswith("(?:") and alternation.endswith(")")):
        raise ValueError(f"not a (?:...) alternation: {alternation[:40]!r}")
    body, depth, out, cur, i = alternation[3:-1], 0, [], "", 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            cur, i = cur + body[i:i + 2], i + 2
            continue
        if c == "[":
            j = body.index("]", i + 2)
            cur, i = cur + body[i:j + 1], j + 1
            continue
        depth += (c == "(") - (c == ")")
        if c == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    if depth:
        raise ValueError(f"unbalanced parentheses in {alternation[:40]!r}")
    return out + [cur]


def by_first_letter(alternation: str, *, word_start: bool = False) -> str:
    """``(?:a|b|...)`` regrouped as ``(?:M(?:inister|ajor)|m(?:inister)|...)``. Every
    alternative must start with a letter or a ``[Xx]`` pair of letters.

    ``word_start``: the same as ``\\b`` before the alternation, written after each first letter
    (``m(?<!\\w.)(?:aker|anufacturer)``) so that the pattern starts with a letter and re skips
    to the positions holding one of the first letters; worth it when they are few."""
    boundary = r"(?<!\w.)" if word_start else ""
    groups: dict[str, list[str]] = {}
    for alt in alternatives(alternation):
        pair = _CASE_PAIR.match(alt)
        if pair:
            firsts, rest = pair.groups(), alt[pair.end():]
        elif alt[:1].isalpha():
            firsts, rest = (alt[0],), alt[1:]
        else:
            raise ValueError(f"alternative {alt!r} does not start with a letter")
        if rest[:1] in ("?", "*", "+", "{"):
            raise ValueError(f"alternative {alt!r}: its first letter is repeated or optional")
        for first in firsts:
            groups.setdefault(first, []).append(rest)
    return "(?:" + "|".join(f"{first}{boundary}(?:{'|'.join(rests)})" for first, rests in groups.items()) + ")"


def finditer_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` given every position where a match can start, in order
    (no pattern here matches the empty string)."""
    end = 0
    for pos in starts:
        if pos < end:
            continue
        m = pattern.match(text, pos)
        if m:
            yield m
            end = m.end()


class WordIndex:
    """Where each word of some closed lists occurs in a text, case as given, every occurrence
    (overlapping ones too, as a ``str.find`` loop per word finds them). The lists are registered
    with :meth:`add` when their modules load; the first :meth:`occurrences` builds one automaton
    for all of them, so one pass over a text answers every list, and the answer for the last two
    texts is kept (the rule tier asks about the same lede from several name finders)."""

    def __init__(self) -> None:
        self._lists: dict[tuple[str, ...], int] = {}
        self._automaton: ahocorasick.Automaton | None = None
        self._recent: dict[str, list[list[tuple[int, int]]]] = {}

    def add(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """Register ``words`` (before any lookup); returns them, to keep as the module's constant."""
        if self._automaton is not None:
            raise RuntimeError("WordIndex.add after the index was built")
        self._lists.setdefault(words, len(self._lists))
        return words

    def occurrences(self, text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
        """(i, start) for each occurrence of ``words[i]`` in ``text``, sorted (word by word, then
        by position: the order of a ``str.find`` loop over ``words``)."""
        hits = self._recent.get(text)
        if hits is None:
            hits = self._scan(text)
            if len(self._recent) >= 2:
                self._recent.clear()
            self._recent[text] = hits
        return hits[self._lists[words]]

    def _scan(self, text: str) -> list[list[tuple[int, int]]]:
        if self._automaton is None:
            self._automaton = self._build()
        hits: list[list[tuple[int, int]]] = [[] for _ in self._lists]
        for end, places in self._automaton.iter(text):
            for k, i, n in places:
                hits[k].append((i, end - n + 1))
        for h in hits:
            h.sort()
        return hits

    def _build(self) -> ahocorasick.Automaton:
        places: dict[str, list[tuple[int, int, int]]] = {}  # word -> (list, index in it, length)
        for words, k in self._lists.items():
            for i, w in enumerate(words):
                places.setdefault(w, []).append((k, i, len(w)))
        automaton = ahocorasick.Automaton()
        for w, where in places.items():
            automaton.add_word(w, tuple(where))
        automaton.make_automaton()
        return automaton


#: the closed word lists of the rule tier's name finders (name_spans, name_neighbours)
LEDE_WORDS = WordIndex()


_LITERAL_START = re.compile(r"(?:\[([A-Za-z])([A-Za-z])\])?([A-Za-z ]*)")


def literal_starts(alternation: str) -> frozenset[str]:
    """The literal start of each alternative of ``(?:a|b|...)``, in each case the alternative
    allows (``[Ss]pokes(?:man|woman)`` -> "Spokes", "spokes"; ``Lt\\.?`` -> "Lt"; ``[Tt]aikonauts?``
    -> "Taikonaut", "taikonaut"): every match of the alternation, in a pattern without the IGNORECASE
    flag, starts with one of them. An alternative that opens with anything but a letter (or a ``[Xx]``
    pair of one letter's two cases) has none: ValueError."""
    out = set()
    for alt in alternatives(alternation):
        m = _LITERAL_START.match(alt)
        first, second, rest = m.groups()
        if first is not None and first.lower() != second.lower():
            raise ValueError(f"alternative {alt!r}: [{first}{second}] is not one letter's two cases")
        literal = (first or "") + rest
        if alt[m.end():m.end() + 1] in ("?", "*", "{"):  # the last letter may be absent
            literal = literal[:-1]
        if not literal[:1].isalpha():
            raise ValueError(f"alternative {alt!r} has no literal start")
        out.add(literal)
        if first is not None:
            out.add(second + literal[1:])
    return frozenset(out)


class LiteralStarts:
    """``starts(text)``: every position where one of ``words`` occurs, case as given, sorted, for
    :func:`finditer_at` over a pattern each of whose matches opens with one of them (so every
    match start is among them). A ``str.find`` loop per word: ~0.5 us a word over a lede."""

    def __init__(self, words: Iterable[str]):
        self.words = tuple(dict.fromkeys(words))
        if not self.words or not all(self.words):
            raise ValueError("LiteralStarts needs non-empty words")

    def __call__(self, text: str) -> list[int]:
        found = _found_in(text)
        out: set[int] = set()
        for w in self.words:
            at = found.get(w)
            if at is None:
                at = found[w] = _find_all(text, w)
            out.update(at)
        return sorted(out)


# each word's positions in the last text asked about: the name finders ask about the same lede one
# after the other, and several ask for the same words (the verbs of saying)
_last_text: list[str] = [""]
_last_found: dict[str, list[int]] = {}


def _found_in(text: str) -> dict[str, list[int]]:
    if text != _last_text[0]:
        _last_text[0] = text
        _last_found.clear()
    return _last_found


def _find_all(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out
