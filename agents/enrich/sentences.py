"""Sentences of an article: where one ends, so that rules and events read one at a time.

A sentence ends at ".", "!" or "?" (with closing quotes or brackets) before a space, at a full
stop glued to the next sentence's capitalised word after a lower-case one (copy that lost its
spaces: "toward the East Sea on Thursday.Intelligence authorities ..."), and at a line
break, unless the copy is hard-wrapped there: a line that ends in a lower-case word or a comma and a next line
that opens with a lower-case word are one sentence ("Israel’s aerial protection system intercepted a rocket
launched\nfrom the Gaza Strip on Monday"), and so are a line that ends in a word no sentence ends in and the next
("amid simmering tensions between the\nIsraelis and Palestinians"); an abbreviation ("U.S.", "Gen.", "Jan.") does not end one, nor does a full
stop inside brackets that close later on the line ("Dong Fang Hong 1 (lit. "The East is Red
1"), into Earth orbit").
"""

from __future__ import annotations

import re

# Each branch checks its own first character behind it, so that the pattern opens with one character class and
# re skips ahead to the few positions holding a stop or a line break (~6x faster than trying every position, as
# the same three branches written "[.!?]+...|(?<=[a-z]{2})\.(?=...)|\n" did; the matches are the same)
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"'”’)\]]*(?=\s|$)|(?<=[a-z]{2}\.)(?=[A-Z][a-z])|(?<=\n))")
_ABBREVIATIONS = frozenset("Mr Mrs Ms Dr Gen Lt Col Capt Adm Sgt Gov Sen Rep St No vs Jan Feb Mar Apr Aug Sept Sep Oct "
                           "Nov Dec Corp Inc Co Ltd approx est Prof Maj Cmdr".split())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; abbreviations such as "U.S." and "Gen." do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if text[m.start()] == "." and text[end:end + 1] != "\n" and (
                _abbreviation(text, start, m.start()) or _inside_brackets(text, start, m.start())):
            continue
        if text[m.start()] == "\n" and _wrapped(text, m.start()):
            continue
        if not text[start:end].isspace():
            spans.append((start, end))
        start = end
    if text[start:] and not text[start:].isspace():
        spans.append((start, len(text)))
    return spans


# how far a bracket opened before a full stop may close after it and still hold it
_BRACKET_REACH = 80


def _inside_brackets(text: str, start: int, dot: int) -> bool:
    """Is the full stop at ``dot`` inside a bracket opened in this sentence and closed later on
    the same line, within ``_BRACKET_REACH`` characters?"""
    opened = text.rfind("(", start, dot)
    if opened < 0 or text.find(")", opened, dot) >= 0:
        return False
    close = text.find(")", dot, dot + _BRACKET_REACH)
    return close >= 0 and "\n" not in text[dot:close]


def _abbreviation(text: str, start: int, dot: int) -> bool:
    before = text[max(start, dot - 12):dot].split()
    word = before[-1].lstrip("(\"'“‘") if before else ""
    return (len(word) == 1 and word.isalpha()) or ("." in word and len(word.replace(".", "")) <= 3) or word in _ABBREVIATIONS


# a line broken inside a sentence: a lower-case word or a comma before the break, one line break (no blank line), a
# lower-case word after it; or, whatever follows, a word that cannot end a sentence or a headline before the break (an
# article, a preposition, a conjunction: "amid simmering tensions between the\nIsraelis and Palestinians")
_WRAP_BEFORE = re.compile(r"[a-z,][ \t]*$")
_WRAP_AFTER = re.compile(r"[ \t]*[a-z]")
_OPEN_WORD_BEFORE = re.compile(r"\b(?:the|a|an|of|to|in|on|at|by|for|from|with|between|and|or|but|than|into|onto|its|"
                               r"their|his|her|that|which|who|whose)[ \t]*$")


def _wrapped(text: str, newline: int) -> bool:
    """Is the line break at ``newline`` a hard wrap inside a sentence (see the module docstring)?"""
    if _WRAP_BEFORE.search(text, max(0, newline - 3), newline) is None:
        return False
    return _WRAP_AFTER.match(text, newline + 1) is not None or \
        _OPEN_WORD_BEFORE.search(text, max(0, newline - 9), newline) is not None
