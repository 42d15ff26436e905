"""Places from the packages (agents/enrich/places.py): which of a town and a subdivision keeps a shared name,
and North Korea's provinces in the romanisation news writes. Real sentences; each failed on 8b09fe4."""

from __future__ import annotations

import pytest


def ids(extractor, text: str, name: str) -> set[str]:
    return {e.id for e in extractor.extract(text) if e.text == name and e.source != "implied"}


@pytest.mark.parametrize("text, name, want", [
    # a smaller country's town does not take a US state's name (Arizona, Honduras; Virginia, South Africa)
    # https://www.unexplained-mysteries.com/forum/topic/176960-in-memoriam/?page=9 (dev)
    ("Hale died January 5, 2018, in Phoenix, Arizona, from liver cancer.", "Arizona", {"region:US-AZ"}),
    # https://floridamedianow.com/2024/08/rocket-lab-reports-record-earnings-in-second-quarter-of-2024 (dev)
    ("It current launches out of Wallops Island, Virginia and in its native New Zealand.", "Virginia",
     {"region:US-VA"}),
    # a town of the same country in another state (Wyoming, Michigan) does not take the state's name
    # https://airforcetimes.com/news/your-air-force/2021/02/24/air-force-launches-unarmed-unarmed-minuteman-3-missile-from-vandenberg-afb
    ("the 90th Missile Wing based out of F.E. Warren Air Force Base in Wyoming", "Wyoming", {"region:US-WY"}),
])
def test_a_subdivision_keeps_its_name_from_a_town_elsewhere(extractor, text, name, want):
    assert ids(extractor, text, name) == want


def test_a_town_named_after_its_own_province_keeps_the_name(extractor):
    # guard (right on 8b09fe4 too): "Aomori" alone is the city of Aomori Prefecture
    # https://ca.movies.yahoo.com/japans-chief-cabinet-secretary-condemns-044543549.html (dev)
    assert ids(extractor, "Matsuno said there were no reports of damage in Aomori City as of Tuesday morning.",
               "Aomori") == {"city:2130658"}


def test_north_korean_provinces_in_the_romanisation_news_writes(extractor):
    # ISO gives "Phyeonganpukto": news writes "North Pyong'an" / "North Pyongan"
    # https://www.fox13now.com/2017/07/03/north-korea-fires-unidentified-missile-into-japan-waters (dev)
    text = ("North Korea has fired an unidentified ballistic missile from North Pyong'an Province that flew into "
            "waters east of the Korean Peninsula")
    assert {e.id for e in extractor.extract(text) if e.label == "REGION"} == {"region:KP-03"}
