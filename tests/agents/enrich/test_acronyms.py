"""agents/enrich/acronyms.py: "Long Form (ACRONYM)", read once for the name tier, the rules and the actor."""

import pytest

from agents.enrich.acronyms import definitions, in_long_form, long_form, long_form_start


@pytest.mark.parametrize("text, short, name", [
    ("said a representative for the National Space Development Agency (Nasda), minutes after", "Nasda",
     "National Space Development Agency"),
    ("The Missile Defense Agency (MDA) said the target was hit. MDA officials", "MDA", "Missile Defense Agency"),
    # c23-us-prsm-240-mile-washingtontimes-2021 (its stray dot)
    ("It was the fourth consecutive flight of the surface-to-surface Precision Strike Missile (PrSM.) It landed in the "
     "target area.", "PrSM", "Precision Strike Missile"),
    # c22-ir-sbig-sanctions-worldecr-2018: the first letter opens a capitalised word, not "of"; the acronym quoted
    ("The US Department of the Treasury’s Office of Foreign Assets Control (‘OFAC’) has designated five Iranian "
     "firms.",
     "OFAC", "Office of Foreign Assets Control"),
    # c22-kp-sanumdong-npr-kbs-2019: no space before the parenthesis
    ("U.S. radio network National Public Radio(NPR) reported Friday that commercial satellite images show activity.",
     "NPR", "National Public Radio"),
    # c24-lb-five-rockets-central-israel-ynet-2024: another body's letters, the same acronym as the US agency's
    ("The Magen David Adom (MDA) ambulance service said there were no immediate reports of injuries.", "MDA",
     "Magen David Adom"),
])
def test_an_acronym_defines_its_long_form(text, short, name):
    assert [(s, text[a:b]) for s, a, b in definitions(text)] == [(short, name)]


@pytest.mark.parametrize("text", [
    "VANDENBERG SPACE FORCE BASE, Calif. (AP) – A SpaceX rocket",
    "launched at 9.12am (IST) on Monday",
    "MOSCOW (AP) — A Russian cargo ship",  # a dateline's capitals spell no agency
])
def test_no_long_form_where_the_letters_spell_nothing(text):
    assert list(definitions(text)) == []


def test_the_long_form_starts_where_the_letters_begin():
    assert long_form_start("OFAC", "Office of Foreign Assets Control") == 0
    assert long_form_start("IDF", "The Israel Defense Forces") == len("The ")
    assert long_form_start("IDF", "Tzahal") is None  # one word spells no long form
    assert long_form_start("X", "X Ray") is None  # one letter is no acronym


def test_by_initials_only_the_capitals_count_each_opening_a_word():
    # the name tier reads a mixed-case acronym by all its letters; the rules read a verb inside a long form only by
    # its initials
    assert long_form_start("Nasda", "the National Space Development Agency") == len("the ")
    assert long_form_start("Nasda", "the National Space Development Agency", initials=True) is None
    assert long_form_start("PrSM", "surface-to-surface Precision Strike Missile", initials=True) == len(
        "surface-to-surface ")
    # energylivenews.com (dev us-treat-restart-energylivenews-2017): letters inside the words spell it, initials do not
    assert long_form_start("TREAT", "The Transient Reactor Test Facility") == len("The ")
    assert long_form_start("TREAT", "The Transient Reactor Test Facility", initials=True) is None


# menafn.com (dev houthi-hypersonic-menafn-2024): the state's own name, its possessive too
ISRAELS = ("However, Israel's Defense Forces (IDF) stated that the missile was intercepted before it could enter "
           "Israeli airspace, causing no casualties.")


def test_the_long_form_before_a_bracket_takes_in_a_possessive():
    a, b = long_form(ISRAELS, ISRAELS.index("(IDF)"), "IDF")
    assert ISRAELS[a:b] == "Israel's Defense Forces"


@pytest.mark.parametrize("text, word, inside", [
    # c23-us-prsm-vandenberg-today-newsminimalist
    ("This test follows other successful launches of the Precision Strike Missile (PrSM) by the Army.", "Strike", True),
    # c23-cn-lijian1-first-stlouisrocketry-2022: joining words inside the long form
    ("developed by China Rocket, a spin-off company from the China Academy of Launch Vehicle Technology (CALT).",
     "Launch", True),
    # pslv-c53-singapore-nationalherald-2022: a designation's number after the acronym
    ("India's Polar Satellite Launch Vehicle-C53 (PSLV-C53), with three Singaporean satellites aboard, lifted off from "
     "the rocket port in Andhra Pradesh on Thursday evening.", "Launch", True),
    # taiwannews.com.tw/en/news/4034407
    ("On Tuesday morning (Oct. 20), two Indigenous Defense Fighters (IDF) armed with Tian Chien-1 short-range "
     "air-to-air missiles took off from Tainan", "Indigenous", True),
    # chinadaily (dev ye-missile-tuesday-chinadaily-2025): a capitalised word before the long form is no part of it
    ("JERUSALEM/SANAA -- The Israel Defense Forces (IDF) said in a statement that it intercepted a missile fired from "
     "Yemen on Tuesday evening.", "The", False),
    # a name in brackets is no acronym
    ("The Lijian-1 has similar capabilities to the Jielong-3 (Smart Dragon-3) rocket set to be launched", "Smart",
     False),
])
def test_a_word_inside_a_long_form(text, word, inside):
    at = text.index(word)
    assert in_long_form(text, at, at + len(word)) is inside
