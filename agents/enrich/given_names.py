"""Given names, for people the rule tier finds without a title before them ("Christopher
Nolan's film", "Rafael Grossi said"): :func:`given_names`.

The list is the US census's first names (1990: 1,219 male and 4,275 female names) that the
``names`` package ships (MIT licence, a declared dependency; read once, about 5,000 words in a
frozenset). Left out: names that are also everyday English words or title-case headline words
(``_COMMON``: "Will", "May", "Hope", "Major"), and, by :class:`agents.enrich.entities.Extractor`,
every name the gazetteer holds as a single word ("Jordan", "Georgia", "Israel"), where the place
or body wins. The list is Anglo-American; people it does not cover are found, as before, after a
title or a role word ("billionaire Elon Musk") or in an apposition.
"""

from __future__ import annotations

import functools

#: census first names that are common words in English news, or read as names of things
_COMMON = frozenset("""
Will May June April August Summer Autumn Winter Spring Hope Grace Joy Faith Mark Bill Rose Page Long Young King
Major General Chance Price Guy Dean Art Don Sun Star Sky Ray Rich Hunter Jack Miles Max Frank Glen Dale Wade Lane
Cliff Gene Sterling Royal Sandy Penny Ruby Pearl Crystal Amber Ivy Holly Iris Violet Lily Daisy Heather Dawn Eve
Ocean River Storm Rain Misty Honey Candy Sugar Brandy Cherry Melody Harmony Liberty Trinity Unity Destiny Justice
Love Precious Treasure Angel Christian Rock Stone Wood Field Forest Victor Lord Mercy Patience Prudence Constance
Charity Noble Press Post Early Free Good Best Golden Moon Sea Bay Lake Cole Chase Hall Reed Gray Grey Brown Green
White Black Bob Bud Pat Sue Kay Tex Cash Case Lee Read Park Kim Sung Young Song Long An Ha Ma Le Lo Mo Al Ali
Ed Jan Jean Van Von Del Della Dell Mac Sol Tom Tim Else Ester Delta Alpha Gamma Nova Vega Orion Apollo Mercury
Luna Stella Venus Juno Atlas Titan Sierra Echo Tango Victoria Georgia Virginia Carolina Dakota Florida Arizona
Nevada Montana Indiana Israel Jordan Chad Sydney Paris London Chelsea Madison Lincoln Jackson Houston Austin Dallas
Phoenix Denver Orlando Florence Marion Aurora Irving Lawrence Warren Clinton Franklin Hamilton Troy Washington
Kennedy Johnson Harris Carter Reagan Ford Wilson Sherman
China India Asia Africa America Europe Georgia Burma Cuba Iran Kenya Chile Peru Malta Asia Jersey Holland Ireland
Many Much Most Some Such Even Ever Else Only Same Just Love Lucky Happy Sunny Merry Honor Worth Bliss Gay
Tuesday Friday Sunday Monday January February March October November December September July
Press Mission Launch Rocket Missile Space Shuttle Soyuz Falcon Eagle Hawk Raven Robin Wren Dove Jay Lark Martin
""".split())


def census_names() -> frozenset[str]:
    """Every census given name and surname, capitalised ("Taylor", "Murray"): a town of that
    name is left out of the places (agents/enrich/places.py). Not cached: read once at load."""
    try:
        from importlib.resources import files

        base = files("names")
        return frozenset(line.split(maxsplit=1)[0].capitalize()
                         for name in ("dist.male.first", "dist.female.first", "dist.all.last")
                         for line in (base / name).read_text(encoding="ascii").splitlines() if line.strip())
    except (ModuleNotFoundError, FileNotFoundError, OSError):  # pragma: no cover - a declared dependency
        return frozenset()


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Capitalised given names ("Christopher"); empty when the ``names`` package is missing."""
    try:
        from importlib.resources import files

        base = files("names")
        out: set[str] = set()
        for name in ("dist.male.first", "dist.female.first"):
            for line in (base / name).read_text(encoding="ascii").splitlines():
                word = line.split(maxsplit=1)[0] if line.strip() else ""
                if len(word) > 2 and word.isalpha():
                    out.add(word.capitalize())
    except (ModuleNotFoundError, FileNotFoundError, OSError):  # pragma: no cover - a declared dependency
        return frozenset()
    return frozenset(out - _COMMON)
