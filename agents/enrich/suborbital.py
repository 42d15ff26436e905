"""A flight that stays below space: what tells a hop from an orbital launch (issue 11's convention lists suborbital
hops as no satellite launch).

The rule packs name the kind by its words ("suborbital", New Shepard, SpaceShipTwo). Pages about a prototype's hop
or a sounding-class rocket often write none of them; they tell the flight by its top ("flew as high as 10
kilometers", "reached the peak altitude of 90 kilometres") or call it a hop. Such a page is a hop only where it tells
no orbit at all: a launch story may mention a prototype's hop beside its own orbital flight ("SN10 ... soared 6.2
miles (10 kilometers) in the sky" beside "60 Starlink internet satellites into orbit")."""

from __future__ import annotations

import re

#: the edge of space by the usual convention (the Kármán line)
KARMAN_KM = 100.0

#: an orbit told anywhere: then the page is no hop story, whatever else it tells; nor is a page of weapons (missiles
#: fly below orbit by their nature, and their tests are launches)
_ORBIT = re.compile(r"\b(?:orbit(?:s|al|ed|ing)?|missiles?|ICBMs?|warheads?)\b", re.IGNORECASE)
#: a hop named: "a test \"hop\"", "Stoke Space's Hopper2 rocket vehicle", a prototype's serial ("Starship SN9")
_HOP = re.compile(r"\b(?:hops?|hopper\d*|SN\d{1,2})\b", re.IGNORECASE)
#: the top of a flight and its height: "flew as high as 10 kilometers", "the peak altitude of 90 kilometres",
#: "an apogee of 89.5 km", "topped out at 32,800 feet"
_PEAK = re.compile(r"\b(?:as high as|peak(?:ed)?(?: altitude| height)?(?: of| at)?|maximum (?:altitude|height)(?: of)?|"
                   r"apogee(?: of)?|topped out at)\s+(?:about |around |roughly |nearly |some |approximately |almost |"
                   r"just over |over |more than |up to )?(\d[\d,]*(?:\.\d+)?)\s*(km|kilomet(?:er|re)s?|miles?|feet|ft|"
                   r"met(?:er|re)s?|m)\b", re.IGNORECASE)
_KM_PER_UNIT = {"km": 1.0, "kilometer": 1.0, "kilometre": 1.0, "mile": 1.609, "feet": 0.0003048, "ft": 0.0003048,
                "meter": 0.001, "metre": 0.001, "m": 0.001}


def _km(value: str, unit: str) -> float:
    unit = unit.lower().rstrip("s") if unit.lower() not in ("feet",) else "feet"
    return float(value.replace(",", "")) * _KM_PER_UNIT.get(unit, 1.0)


def peak_below_space(text: str) -> bool:
    """Does ``text`` give the top of a flight below the edge of space ("flew as high as 10 kilometers")?"""
    return any(_km(m.group(1), m.group(2)) < KARMAN_KM for m in _PEAK.finditer(text))


def told_suborbital(text: str) -> bool:
    """Is the page about a rocket's flight that stays below space: a hop named or a top below space, and no orbit or
    weapon told?"""
    if _ORBIT.search(text):
        return False
    return _HOP.search(text) is not None or peak_below_space(text)
