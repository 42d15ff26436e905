"""Other spellings of a transliterated name: the forms news copy writes for a name the gazetteer
holds in one romanisation.

Korean, Chinese, Persian and Arabic names reach English copy through several romanisations
and through writers' slips, so one place is written "Lop Nur" and "Lop Nor", "Punggye-ri" and
"Punggey-ri", "Musudan-ri" and "Musudan-ni", one satellite "Kayhan-2", "Keyhan-2" and "Kehan 2",
one spokesman "Saree", "Sarea" and "Sare'e". Listing every form by hand in the data files (as
they did for Punggye-ri) reaches only the forms someone has seen; :func:`variants` writes each
form one transliteration step away from a name, for the gazetteer to match
(:class:`agents.enrich.gazetteer.Gazetteer`), at build time, so matching costs nothing more.

The steps, each applied once, at one place in the name:
- a vowel the romanisations write either way: ``u``/``o`` ("Nur"/"Nor"), ``ay``/``ey``/``e``
  ("Kayhan"/"Keyhan"/"Kehan"), ``ye``/``ey`` ("Punggye"/"Punggey"), ``ee``/``ea`` ("Saree"/"Sarea");
- a long vowel split by the apostrophe written for a glottal stop ("Saree"/"Sare'e", "Sanaa"/
  "Sana'a") and an apostrophe dropped ("P'unggye"/"Punggye");
- a doubled consonant written single ("Sorayya"/"Soraya");
- Korean ``r`` read as ``n`` after ``n`` ("Musudan-ri"/"Musudan-ni");
- an initial ``Q`` written ``K`` ("Qaem"/"Kaem"), never in "Qu".

The guard that keeps ordinary words out is the caller's: the forms are matched in their own case
only (a capitalised name, or the name in capitals), never where the gazetteer already holds the
form, and only for names long enough that a step does not land on an English word
(:func:`eligible`).
"""

from __future__ import annotations

import re

#: each step: a pattern and what it becomes (one occurrence at a time)
_VOWEL_STEPS: tuple[tuple[str, str], ...] = (
    ("u", "o"), ("o", "u"),
    ("ay", "ey"), ("ey", "ay"), ("ay", "e"), ("ey", "e"),
    ("ye", "ey"), ("ey", "ye"),
    ("ee", "ea"), ("ea", "ee"),
)
_VOWELS = frozenset("aeiou")
#: a long vowel the glottal stop's apostrophe splits
_LONG_VOWEL = re.compile(r"(?<=[a-z])(aa|ee|ii|oo|uu)")
_DOUBLED_CONSONANT = re.compile(r"([bcdfghjklmnpqrstvwxyz])\1")
_KOREAN_NI = re.compile(r"(?<=n)-ri\b")
_IN_WORD_APOSTROPHE = re.compile(r"(?<=[A-Za-z])['’](?=[a-z])")
#: a single-word name shorter than this is left alone: one step from a short name is too often a
#: word ("Nur" -> "Nor", "Sari" -> "Sore")
MIN_SINGLE_WORD = 5


def eligible(name: str) -> bool:
    """Whether ``name`` is written in Latin letters, every word capitalised, and long enough to vary:
    several words or a hyphened or numbered part ("Lop Nur", "Kayhan-2"), or one word of at least
    :data:`MIN_SINGLE_WORD` letters ("Saree")."""
    if not name.isascii() or any(w[:1].islower() for w in name.split()):
        return False  # a name with a common word in it ("Qassam rocket") is left whole: the rules read that word
    letters = sum(c.isalpha() for c in name)
    several = any(c in name for c in " -") or any(c.isdigit() for c in name)
    return letters >= MIN_SINGLE_WORD or (several and letters >= 4)


def variants(name: str) -> set[str]:
    """The spellings one step from ``name`` (the name itself left out); empty for a name
    :func:`eligible` rejects."""
    if not eligible(name):
        return set()
    out: set[str] = set()
    low = name.lower()
    for old, new in _VOWEL_STEPS:
        start = low.find(old, 1)  # the first letter stays: it carries the capital
        while start >= 0:
            end = start + len(old)
            # a vowel beside another is part of a digraph the step does not mean ("Scout" is no "Scoot")
            if low[start - 1] not in _VOWELS and low[end:end + 1] not in _VOWELS:
                out.add(name[:start] + new + name[end:])
            start = low.find(old, start + 1)
    for m in _LONG_VOWEL.finditer(name):
        out.add(name[:m.start() + 1] + "'" + name[m.start() + 1:])
    for m in _DOUBLED_CONSONANT.finditer(name):
        out.add(name[:m.start()] + name[m.end() - 1:])
    for m in _KOREAN_NI.finditer(name):
        out.add(name[:m.start()] + "-ni" + name[m.end():])
    if _IN_WORD_APOSTROPHE.search(name):
        out.add(_IN_WORD_APOSTROPHE.sub("", name))
    if name.startswith("Q") and not name.startswith("Qu"):
        out.add("K" + name[1:])
    out.discard(name)
    return {v for v in out if v[:1].isupper()}
