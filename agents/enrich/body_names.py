"""The forms news copy gives a state body's name: its country as a noun, an adjective or a possessive,
its head before or after what it is for, British or American spelling.

One ministry is "the Russian Defence Ministry", "Russia's Ministry of Defense", "Russia’s Ministry of
Defence"; one army "the Israel Defense Forces" and "the Israeli Defense Forces". The data files list
a few of these by hand; :func:`body_forms` writes the whole set for a name from the country's forms the
gazetteer holds, for :class:`agents.enrich.gazetteer.Gazetteer` to match at build time (so matching
costs nothing more). A name that opens with no country's form gets none: without its country,
"the Defence Ministry" is no one ministry, and "Department of Defence" in British spelling is most
often another state's than the Pentagon.
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

#: British and American spellings of a body's words
_SPELLINGS = (("Defence", "Defense"), ("Organisation", "Organization"), ("Centre", "Center"),
              ("Programme", "Program"))
#: heads written before or after what the body is for: "Defence Ministry" = "Ministry of Defence"
_HEADS = ("Ministry", "Department")
_HEAD_LAST = re.compile(r"^((?:[A-Z][\w'’-]*)(?: (?:and )?[A-Z][\w'’-]*){0,2}) (" + "|".join(_HEADS) + r")$")
_HEAD_FIRST = re.compile(r"^(" + "|".join(_HEADS) + r") of (?:the )?((?:[A-Z][\w'’-]*)(?: (?:and )?[A-Z][\w'’-]*){0,2})$")


def body_forms(name: str, country_forms: Mapping[str, Sequence[str]]) -> set[str]:
    """Other forms of the body ``name``; ``country_forms`` maps each form of a country ("Russia",
    "Russian") to all that country's forms. The name itself left out."""
    country, rest = _country_prefix(name, country_forms)
    if country is None:
        return set()
    out = set()
    for c in country_forms[country]:
        for r in _rest_forms(rest):
            out.add(f"{c} {r}")
            if c[-1:].isalpha() and not c.isupper():
                out.add(f"{c}'s {r}")
    out.discard(name)
    return out


def _country_prefix(name: str, country_forms: Mapping[str, Sequence[str]]) -> tuple[str | None, str]:
    """The longest country form that opens ``name`` (a possessive allowed) and the rest of it."""
    for n in range(min(4, name.count(" ")), 0, -1):
        cand = " ".join(name.split(" ", n)[:n])
        bare = cand[:-2] if cand.endswith(("'s", "’s")) else cand
        if bare in country_forms:
            return bare, name.split(" ", n)[n]
    return None, name


def _rest_forms(rest: str) -> set[str]:
    forms = {rest}
    m = _HEAD_LAST.match(rest)
    if m:
        forms.add(f"{m.group(2)} of {m.group(1)}")
    m = _HEAD_FIRST.match(rest)
    if m:
        forms.add(f"{m.group(2)} {m.group(1)}")
    for brit, amer in _SPELLINGS:
        forms |= {f.replace(brit, amer) for f in forms} | {f.replace(amer, brit) for f in forms}
    return forms
