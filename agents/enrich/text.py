"""Text as the matchers read it: punctuation as spaces, lowercase, every offset kept.

The gazetteer (:mod:`agents.enrich.gazetteer`) and the rules (:mod:`agents.enrich.rules`)
both match words on boundaries over the same normalised text, so they share these helpers.
"""

from __future__ import annotations

import functools

# Punctuation read as a word boundary. Replacing one character by a space keeps every offset,
# which a regex tokeniser would too but at several times the cost.
_PUNCT = tuple(".,;:!?'\"()[]{}<>/\\|-+*=&#@%$^~`_\n\t\r\xa0\u00ab\u00bb\u00b7\u2010\u2011\u2012"
               "\u2013\u2014\u2015\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u2022\u2026\u2032\u2033"
               "\u2212\u3001\u3002\uff0c\u00b4")  # (the acute accent: "Yemen´s", typed for an apostrophe)


def boundary_text(text: str) -> str:
    """``text`` with punctuation and whitespace made plain spaces; same length, same offsets."""
    for ch in _PUNCT:
        if ch in text:
            text = text.replace(ch, " ")
    return text


def lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):  # a few characters (e.g. "İ") grow when lowercased
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


@functools.lru_cache(maxsize=8)
def plain_lower(text: str) -> tuple[str, str]:
    """``boundary_text(text)`` and its lowercase; cached because the entity and rule stages
    read the same article text one after the other."""
    plain = boundary_text(text)
    return plain, lower_same_length(plain)
