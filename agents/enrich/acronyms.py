"""An acronym and its long form: "Long Form (ACRONYM)", read once.

Copy spells a name out once and then writes its acronym: "Missile Defense Agency (MDA)", "Precision Strike
Missile (PrSM)", "two Indigenous Defense Fighters (IDF)". The long form is the run of capitalised and joining words
right before the bracket that the acronym's letters and digits spell: read from the end, they occur in it in order,
the first one opening a capitalised word (Schwartz and Hearst, 2003). "Office of Foreign Assets Control (OFAC)"
starts at "Office"; a dateline's "MOSCOW (AP)" defines nothing.

Three readers ask it one question each:

- :mod:`agents.enrich.name_neighbours` names the long form and every mention of the acronym
  (:func:`definitions`);
- :mod:`agents.enrich.rules` takes a capitalised verb inside a long form for no verb: "Space Launch System (SLS)"
  (:func:`in_long_form`). It reads the acronym by its ``initials`` only, each capital opening a word: there a wrong
  long form costs a real alert, and a title-case headline's "(Video)" or "(VIDEO)" finds its letters inside many
  words. The other two read every letter, as mixed-case acronyms need ("National Space Development Agency
  (Nasda)");
- :mod:`agents.enrich.events` takes a state body's acronym that the article spells out as other words for no state
  body: "two Indigenous Defense Fighters (IDF)" (:func:`long_form`).

Pure functions of the text.
"""

from __future__ import annotations

import re
from typing import Iterator

# an acronym in brackets, quoted or closed by a stray dot as some copy writes it ("(‘OFAC’)", "(PrSM.)"), with no
# space before the bracket in some ("Radio(NPR)")
_IN_BRACKETS = re.compile(r"\(['‘’\"“]?([A-Z][A-Za-z0-9]{1,8}(?:-[A-Z0-9]{1,4})?)\.?['’\"”]?\)")
_LONG_FORM_WORD = r"(?:[A-Z][\w'’-]*|of|for|to|and|the|de|on|in|a|an)"
# the words a long form may hold, two to ten of them, ending right before the bracket
_LONG_FORM = re.compile(rf"(?<![\w'’.-])({_LONG_FORM_WORD}(?: {_LONG_FORM_WORD}){{1,9}}) ?$")
# the rest of a long form after one of its words, up to the bracket
_REST_OF_LONG_FORM = re.compile(rf"(?: {_LONG_FORM_WORD}){{0,9}} ?(?=\()")
#: how far before the bracket a long form may start, in characters
_REACH = 100


def long_form_start(short: str, long: str, initials: bool = False) -> int | None:
    """Where in ``long`` the long form of ``short`` starts: the letters and digits of ``short``
    occur in it in order, read from the end, the first one opening a capitalised word; None when they
    do not, or the long form is one word. ``initials``: only the capitals of ``short`` count, and each
    opens a capitalised word ("Precision Strike Missile (PrSM)"; "(Video)" and "(VIDEO)" spell no name)."""
    if initials:
        s = [c.lower() for c in short if c.isupper()]
    else:
        s = [c for c in short.lower() if c.isalnum()]
    lf = long.lower()
    if len(s) < 2:
        return None
    i = len(lf) - 1
    for k in range(len(s) - 1, -1, -1):
        # the first letter opens a capitalised word: "Office of Foreign Assets Control (OFAC)" starts at
        # "Office", not at "of"
        while i >= 0 and (lf[i] != s[k] or ((k == 0 or initials) and ((i > 0 and lf[i - 1].isalnum()) or
                                                                      not long[i].isupper()))):
            i -= 1
        if i < 0:
            return None
        i -= 1
    start = i + 1
    return start if " " in lf[start:] else None


def long_form(text: str, bracket: int, short: str, initials: bool = False) -> tuple[int, int] | None:
    """The span of ``short``'s long form that ends right before the bracket at ``bracket``, or None."""
    lf = _LONG_FORM.search(text, max(0, bracket - _REACH), bracket)
    at = long_form_start(short, lf.group(1), initials) if lf else None
    return None if at is None else (lf.start(1) + at, lf.end(1))


def definitions(text: str) -> Iterator[tuple[str, int, int]]:
    """Each acronym in brackets that a long form defines: the acronym, and its long form's start and end."""
    for m in _IN_BRACKETS.finditer(text):
        span = long_form(text, m.start(), m.group(1))
        if span is not None:
            yield m.group(1), *span


def in_long_form(text: str, start: int, stop: int) -> bool:
    """Is the capitalised word at ``start:stop`` part of the long form of the acronym in brackets after it
    ("Precision Strike Missile (PrSM)", "Space Launch System (SLS)")? A word before the long form is not:
    "Taiwan Fires Indigenous Defense Fighters (IDF)". Read by the acronym's ``initials``: a verb taken for a name
    costs an alert, and a title-case headline's "Launches ... (Video)" holds the letters of many a word."""
    rest = _REST_OF_LONG_FORM.match(text, stop)
    short = _IN_BRACKETS.match(text, rest.end()) if rest else None
    span = long_form(text, rest.end(), short.group(1), initials=True) if short else None
    return span is not None and span[0] <= start
