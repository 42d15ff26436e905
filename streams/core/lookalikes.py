"""Latin letters written with their Cyrillic or Greek look-alikes.

Spun copies of news stories swap Latin letters for identical-looking Cyrillic ones ("thе", "hаѕ", "а") to pass
duplicate filters; read as written, "hаѕ threatened" is no English word and "Thе North test-fired" names nobody. A
word that mixes Latin with such letters, or that is made of look-alikes alone in a text mostly in Latin letters, is
read with the Latin letters. Russian or Greek text, and a Cyrillic name in an English story that holds any letter
with no Latin twin, stays as written. One character for one, so every offset into the text still holds.
"""

from __future__ import annotations

import re

_TWINS = {
    # Cyrillic
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "һ": "h", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ɡ": "g",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X",
    "І": "I", "Ј": "J", "Ѕ": "S", "Ү": "Y", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W",
    # Greek
    "ο": "o", "ν": "v", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}
_TO_LATIN = str.maketrans(_TWINS)
_FOREIGN = re.compile("[\u0370-\u03ff\u0400-\u052f\u0261]")
_LATIN = re.compile("[A-Za-z]")
_WORD = re.compile(r"\w+")


def latin_lookalikes(text: str) -> str:
    """``text`` with each look-alike letter of a spun word written in Latin (see the module's docstring)."""
    if text.isascii() or _FOREIGN.search(text) is None:
        return text
    mostly_latin = len(_LATIN.findall(text)) > 2 * len(_FOREIGN.findall(text))

    def read(m: re.Match[str]) -> str:
        word = m.group()
        if _FOREIGN.search(word) is None:
            return word
        spun = _LATIN.search(word) is not None or mostly_latin
        if spun and all(c in _TWINS or not _FOREIGN.match(c) for c in word):
            return word.translate(_TO_LATIN)
        return word

    return _WORD.sub(read, text)
