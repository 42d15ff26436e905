"""Names a neighbouring word or name gives away (agents/enrich/name_neighbours.py), through the
default extractor (gazetteer + the model-free rule tier)."""

import pytest

from agents.enrich.entities import load_extractor


@pytest.fixture(scope="module")
def ex():
    return load_extractor()


def _found(ex, text):
    return {e.text: e for e in ex.extract(text)}


@pytest.mark.parametrize("text, place", [
    ("Sirens were activated in the southern city of Eilat and the Arava Valley.", "Arava Valley"),
    ("The tests were performed at Ras Koh Hills in the Chagai District.", "Ras Koh Hills"),
    ("The wildfire spread across Kern County on Monday.", "Kern County"),
    ("a target missile was launched from Alaska's Kodiak Island.", "Kodiak Island"),
    ("Several rockets scored direct hits in Kiryat Shmona, kindling fires.", "Kiryat Shmona"),
    ("Sirens sounded in Kfar Giladi as well.", "Kfar Giladi"),
    ("They launched barrages towards Beit Hillel on Monday.", "Beit Hillel"),
])
def test_a_place_by_its_head_or_first_word(ex, text, place):
    assert _found(ex, text)[place].label == "GPE"


@pytest.mark.parametrize("text, name", [
    ("The condition of the lander, named Odysseus, is uncertain.", "Odysseus"),
    ("It carried a Lockheed Martin demonstration satellite called Tantrum into orbit.", "Tantrum"),
    ("most recently a Liberian-flagged bulk carrier called the Tutor that went down in June.", "Tutor"),
    ("an uncrewed spacecraft, named Wentian, carrying the second module", "Wentian"),
])
def test_a_craft_named_or_called(ex, text, name):
    assert _found(ex, text)[name].label == "PRODUCT"


@pytest.mark.parametrize("text, names", [
    # a list closed by "and" takes the kind of a known item
    ("Kiryat Shmona, Metula and Tel Hai were among the communities.", ["Kiryat Shmona", "Metula", "Tel Hai"]),
    ("sirens sounded in Tel Aviv, Petah Tikva and Hod Hasharon.", ["Petah Tikva", "Hod Hasharon"]),
    ("panchayats, including Galwan Valley, Doklam, Leh, Tawang, and other areas.", ["Doklam", "Leh", "Tawang"]),
])
def test_places_in_a_list_with_a_known_place(ex, text, names):
    found = _found(ex, text)
    assert all(found[n].label in ("GPE", "CITY") for n in names)


def test_people_in_a_list_with_a_known_person(ex):
    found = _found(ex, "Anton Shkaplerov, Anatoly Ivanishin and Daniel Jones returned to Earth.")
    assert found["Anatoly Ivanishin"].label == "PERSON"


@pytest.mark.parametrize("text, absent", [
    ("In Tokyo, Kihara said the missile fell.", "Kihara"),  # no "and": no list
    ("the docking of American and Soviet spacecraft in 1975", "Soviet"),  # peoples, not places
    # (Scott Kelly himself is a person after a country's word since entities round 8: test_entities_round8.py)
    ("American Scott Kelly and Russians Alexander Kaleri launched.", "American Scott Kelly"),
    ("Governor Biswa Bhusan Harichandan and Chief Minister Y.S. Jagan Mohan Reddy congratulated ISRO.",
     "Chief Minister Y"),
    ("Indonesia and Elon Musk’s rocket company SpaceX launched it.", "Elon Musk’s"),
    ("Japan, South Korea and NATO met.", "NATO"),
])
def test_no_list_mate_without_a_list_of_one_kind(ex, text, absent):
    found = _found(ex, text)
    assert absent not in found or found[absent].label not in ("GPE", "PERSON")


@pytest.mark.parametrize("text, wide, eid", [
    ("barrages into the Upper Galilee area", "Upper Galilee", "place:galilee"),
    ("populated communities in North Africa were exposed to fallout", "North Africa", "place:africa"),
])
def test_a_direction_word_widens_a_place(ex, text, wide, eid):
    assert _found(ex, text)[wide].id == eid


def test_nothing_in_a_title_case_headline(ex):
    found = _found(ex, "Rockets Hit Kiryat Shmona And Metula As Sirens Sound Across North")
    assert "Metula" not in found


@pytest.mark.parametrize("text, name, label", [
    ("they fired naval missiles at two ships, Star Nasia and Morning Tide, in the Red Sea.", "Morning Tide", "PRODUCT"),
    ("The USS John Paul Jones destroyer tracked the target missile.", "USS John Paul Jones", "PRODUCT"),
    ("they struck the US-flagged Maersk Sentosa vessel in the Arabian Sea", "Maersk Sentosa", "PRODUCT"),
    ("lava spilling from the Cumbre Vieja volcano on Monday", "Cumbre Vieja", "GPE"),
    ("a missile at the Nevatim air base in the Negev", "Nevatim", "FAC"),
    # a city's name after an article is the end of a longer name, named by the place cue
    ("the Spanish island of La Palma as the eruption went on", "La Palma", "GPE"),
])
def test_ships_and_places_by_a_lower_case_head_or_prefix(ex, text, name, label):
    assert _found(ex, text)[name].label == label


def test_an_article_before_a_city_drops_the_city(ex):
    assert "city:2512989" not in {e.id for e in ex.extract("the island of La Palma erupted")}  # Palma, Mallorca


@pytest.mark.parametrize("text, acronym, eid", [
    ("said a representative for the National Space Development Agency (Nasda), minutes after", "Nasda", None),
    ("test-fired from the Integrated Test Range (ITR) on the island. The ITR lies off Odisha.", "ITR", None),
    ("The Missile Defense Agency (MDA) said the target was hit. MDA officials", "MDA", "agency:mda"),  # its id too
])
def test_an_acronym_its_long_form_defines(ex, text, acronym, eid):
    hits = [e for e in ex.extract(text) if e.text == acronym]
    assert hits and all(e.id == eid for e in hits)
    assert len(hits) == text.count(acronym)  # and every later mention


@pytest.mark.parametrize("text", [
    "satellites in Medium Earth Orbit (MEO) for broadband",  # a term, not a body
    "VANDENBERG SPACE FORCE BASE, Calif. (AP) – A SpaceX rocket",
    "launched at 9.12am (IST) on Monday",
])
def test_no_acronym_for_terms_or_datelines(ex, text):
    assert not [e for e in ex.extract(text) if e.source == "rules"]


def test_a_longer_body_is_not_the_body_it_ends_in(ex):
    ents = ex.extract("a representative for the National Space Development Agency said")
    assert "agency:sda" not in {e.id for e in ents}
    assert "agency:mda" in {e.id for e in ex.extract("the U.S. Missile Defense Agency said")}


@pytest.mark.parametrize("text, name, label", [
    ("Dozens of residents of Abu, a small coastal town on the Sea of Japan, took part.", "Abu", "GPE"),
    ("The Falcon 9 was to carry DSCOVR, a refrigerator-sized satellite intended to watch the sun.", "DSCOVR", "PRODUCT"),
    ("a drone alert sounded in Metula and other towns nearby", "Metula", "GPE"),
    ('China had launched "a new astronomical satellite" called the Einstein Probe on Tuesday', "Einstein Probe", "PRODUCT"),
])
def test_a_name_a_following_phrase_says_what_it_is(ex, text, name, label):
    assert _found(ex, text)[name].label == label


@pytest.mark.parametrize("text, place, gone", [
    ("followed by another test at Kharan Desert, Balochistan.", "Kharan Desert", "city:1174062"),
    ("It blasted off from Vandenberg in Santa Barbara County at 6:14 p.m.", "Santa Barbara County", "country:HN"),
])
def test_a_head_that_names_another_place_parts_it_from_the_town(ex, text, place, gone):
    ents = ex.extract(text)
    assert place in {e.text for e in ents} and gone not in {e.id for e in ents}


@pytest.mark.parametrize("text, kept", [
    ("the Tennessee Valley Authority said the reactor was critical", "region:US-TN"),  # a body holds the span
    ("in Sichuan Province on Monday", "region:CN-SC"),  # a province's own type word
])
def test_no_parting_where_the_place_is_the_province_or_a_body_holds_it(ex, text, kept):
    assert kept in {e.id for e in ex.extract(text)}


def test_a_holiday_before_an_apposition_is_no_craft(ex):
    assert "Christmas" not in _found(ex, "It flew just before Christmas, a Firefly Alpha rocket carrying a satellite.")
