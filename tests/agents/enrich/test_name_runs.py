"""Names read off capitals inside a sentence (agents/enrich/name_runs.py), and the AP state
abbreviations (agents/enrich/places.py). Sentences written for the tests, in the forms real
pages use; the measurement is the real dev set and check batch 29 (real.yaml's header)."""

import pytest

from agents.enrich.entities import Extractor, load_extractor
from agents.enrich.given_names import given_names
from agents.enrich.name_runs import capital_runs, dictionary


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return load_extractor(())


def _names(ex, text):
    return {e.text: e.label for e in ex.extract(text)}


def _runs(text):
    return [text[s:e] for s, e, _, _ in capital_runs(text, given_names())]


def test_the_dictionary_tells_common_words_from_proper_ones():
    common, proper = dictionary()
    assert {"cell", "standard", "launch", "palace"} <= common
    assert "opta" not in common and "kotaku" not in common
    assert {"Paris", "Korean"} <= proper


@pytest.mark.parametrize("text, name, label", [
    ("a 2-0 win against Standard Liege in the Europa League, according to Opta.", "Europa League", "ORG"),
    ("a 2-0 win against Standard Liege in the Europa League, according to Opta.", "Opta", "MISC"),
    # a package city the name wraps is the club's, not the place
    ("a 2-0 win against Standard Liege in the Europa League, according to Opta.", "Standard Liege", "MISC"),
    ("Goalkeeper saves aside, he told Rangers TV it was the best goal he had seen.", "Rangers TV", "MISC"),
    ("Newton was picked by the Carolina Panthers in the draft.", "Carolina Panthers", "MISC"),
    ("the team lost 49-0 against the second-ranked University of Alabama on Saturday", "University of Alabama", "ORG"),
    ("the story was first reported by The Guardian on Monday", "The Guardian", "MISC"),
    # a sentence's first word stays when it is no common word
    ("Glasgow Rangers striker Kemar Roofe sent fans into meltdown.\nKemar Roofe scored again.", "Kemar Roofe", "MISC"),
    ("Shelling hit the bridge over the Dnipro River overnight, officials said.", "Dnipro River", "GPE"),
    ("the head of the program, Gwynne Shotwell, told reporters", "Gwynne Shotwell", "PERSON"),
])
def test_a_capitalised_run_inside_a_sentence_is_a_name(ex, text, name, label):
    assert _names(ex, text).get(name) == label


@pytest.mark.parametrize("text, word", [
    ("Officials said the launch went well.", "Officials"),  # opens the sentence
    ("Despite the weather, the Rocket Lab rocket flew; the rocket carried a payload.", "Rocket"),  # also in lower case
    ("It was a Direct hit, said the Cell operator.", "Direct"),  # a common word alone
    ("The Korean peninsula stayed calm.", "Korean"),  # a people's adjective
    ("postponed to Saturday at 19:22 UTC. It was clear", "UTC"),
    ("The crew then rolled it to Launch Pad 4 as the launch pad crew waited.", "Launch Pad"),  # in lower case too
    ("The article, titled Rocket Launched Into Wrong Orbit, went viral.", "Rocket Launched Into Wrong Orbit"),
    ("See our Terms of Use and Privacy Policy here.", "Use"),
    ("VANDENBERG SPACE FORCE BASE, Calif. (AP) – A SpaceX rocket", "Calif"),  # an abbreviation, not a name
    ("News from LIVE MARKET QUOTES & NEWS today", "LIVE MARKET QUOTES & NEWS"),  # shouted
    ("It rose 4% in Q1 after Record Q1 revenue.", "Record Q1"),
])
def test_words_capitalised_for_other_reasons_are_no_names(text, word):
    assert not any(word in r for r in _runs(text))


def test_a_title_case_headline_gives_no_names():
    assert _runs("Rocket Lab Posts Record Quarter As Launches Rise\nThe company said on Monday it grew.") == []


def test_a_province_inside_an_organisations_name_stays_beside_it(ex):
    ents = ex.extract("the team lost against the second-ranked University of Alabama on Saturday")
    assert "region:US-AL" in {e.id for e in ents if e.start == e.end}


def test_a_possessive_and_a_title_end_a_name():
    runs = _runs("Also fired were North Carolina State’s Tom O’Brien and President Joe Biden's aide.")
    assert "Tom O’Brien" in runs
    assert not any("President" in r or "State’s" in r for r in runs)


@pytest.mark.parametrize("text, eid", [
    ("HAWTHORNE, Calif. (KABC) -- A SpaceX rocket", "region:US-CA"),
    ("CAPE CANAVERAL, Fla. — The launch", "region:US-FL"),
    ("a plant in Oak Ridge, Tenn., said", "region:US-TN"),
])
def test_ap_state_abbreviations_are_the_states(ex, text, eid):
    assert eid in {e.id for e in ex.extract(text)}


@pytest.mark.parametrize("text", [
    "the Spanish island of La Palma as the eruption went on",  # "La." is left out: "La" is a word
    "Miss Universe was crowned at Mass on Sunday.",
])
def test_abbreviations_that_are_words_name_no_state(ex, text):
    assert not any((e.id or "").startswith("region:US-") for e in ex.extract(text))



def test_a_person_of_a_body_is_two_names(ex):
    names = _names(ex, "The plan was praised by Stacie Pettyjohn of the Center for a New American Security.")
    assert names.get("Stacie Pettyjohn") == "PERSON"
