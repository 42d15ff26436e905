"""Names found from the article's other names and from a name's shape (agents/enrich/coreference.py):
surnames alone, "X-led", East Asian hyphened names, firm-shaped names, places after a place cue.
Sentences written for the tests; the measurement is the real dev set (evaluation.py)."""

import pytest

from agents.enrich.coreference import census_surnames, name_spans
from agents.enrich.entities import Extractor, load_extractor


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return load_extractor(())


def _found(ex, text, label):
    return [e.text for e in ex.extract(text) if e.label == label]


def test_a_surname_alone_is_the_person_named_in_full_earlier():
    text = ("Chief Cabinet Secretary Yoshimasa Hayashi spoke on Monday. Officials met later. "
            "The delay was regrettable, Hayashi later told reporters in a session.")
    ex = load_extractor(())
    people = [e for e in ex.extract(text) if e.label == "PERSON"]
    assert [p.text for p in people] == ["Yoshimasa Hayashi", "Hayashi"]
    assert people[1].start == text.rindex("Hayashi")


def test_a_surname_alone_takes_the_persons_id():
    ents = load_extractor(()).extract("President Donald Trump spoke. Later in the day, Trump signed the order.")
    ids = [(e.text, e.id) for e in ents if e.label == "PERSON"]
    assert ids and all(i == ids[0][1] for _, i in ids)


def test_another_person_of_the_surname_is_not_the_same_mention(ex):
    spans = name_spans("Analyst Mary Hayashi wrote. Kenji Hayashi disagreed.", 200,
                       ex.extract("Analyst Mary Hayashi wrote."))
    assert not [s for s in spans if s[0] == len("Analyst Mary Hayashi wrote. Kenji ")]


def test_a_census_surname_before_a_verb_of_saying_is_a_person(ex):
    assert "Hayashi" in census_surnames()
    assert "Hayashi" in _found(ex, "“It is extremely regrettable,” Hayashi told a session of parliament.", "PERSON")
    assert not _found(ex, "“It is regrettable,” Officials told a session.", "PERSON")


@pytest.mark.parametrize("text, person", [
    ("reinforcing the Elon Musk-led company’s growing foothold in the region", "Elon Musk"),
    ("Elon Musk's SpaceX keeps launching satellites into orbit.", "Elon Musk"),
    ("South Korea’s Minister of Defense Lee Jong-sup warned on Thursday that", "Lee Jong-sup"),
])
def test_people_by_led_possessive_and_hyphened_given_name(ex, text, person):
    assert person in _found(ex, text, "PERSON")


@pytest.mark.parametrize("text, firm", [
    ("MediaTek is the latest company to join the rush.", "MediaTek"),
    ("A company called TerreStar is launching its initial telecom satellite.", "TerreStar"),
    ("The phone will be sold by AT&T in the autumn.", "AT&T"),
    ("The collaboration between T-Mobile and SpaceX was announced in 2022.", "T-Mobile"),
    ("The blast destroyed PanAmSat's Galaxy 10 communications satellite.", "PanAmSat"),
])
def test_firms_by_the_shape_of_their_name(ex, text, firm):
    assert firm in _found(ex, text, "ORG")


def test_people_with_inner_capitals_are_no_firm(ex):
    assert not _found(ex, "Senator Bill McDonald and Ron DeSantis spoke.", "ORG")


@pytest.mark.parametrize("text, places", [
    ("near an air base in the northwestern city of Kusong. Such launches are common.", ["Kusong"]),
    ("a failed launch attempt in the vicinity of Kalma, a spokesman said", ["Kalma"]),
    ("fired a missile from an area near Pukchang, according to the military", ["Pukchang"]),
    ("sirens sounded in the cities of Nahariya and Kiryat Shmona, and residents reported", ["Nahariya", "Kiryat Shmona"]),
])
def test_small_places_after_a_place_cue(ex, text, places):
    assert set(places) <= set(_found(ex, text, "GPE"))


def test_a_place_cue_before_a_longer_name_adds_nothing(ex):
    assert not _found(ex, "The plant near Pukchang Thermal Power Station was hit.", "GPE")


@pytest.mark.parametrize("text, person", [
    ("Announcing the postponement, S. Somanath, Chairman of the Indian Space Research Organisation, said", "S. Somanath"),
    ("according to a Weibo post from Yu Chengdong, CEO of Huawei’s Consumer Business Group", "Yu Chengdong"),
    ("At the command of Li Shangfu, commander-in-chief of China's manned space program, it lifted off", "Li Shangfu"),
])
def test_a_name_before_a_comma_and_a_role_of_a_body(ex, text, person):
    assert person in _found(ex, text, "PERSON")


def test_a_place_before_a_comma_and_a_role_is_no_person(ex):
    assert not _found(ex, "The United States, President of the council, said.", "PERSON")
