"""agents/enrich/event_time.py: pure checks on one sentence (the whole-article behaviour is
in test_rules.py)."""

from types import SimpleNamespace

import pytest

from agents.enrich.event_time import habitual, nominal, tally
from agents.enrich.rulepack import RulePack


@pytest.mark.parametrize(
    "sentence, trigger, expected",
    [
        ("The isolated country has conducted five nuclear tests so far.", "nuclear tests", True),
        ("It was larger than its previous nuclear test.", "nuclear test", True),
        ("It conducted several nuclear tests.", "nuclear tests", True),
        ("North Korea conducted its sixth nuclear test on Sunday.", "nuclear test", False),
        ("Two nuclear test sites were closed.", "nuclear test", False),  # singular: a compound, not a count
    ],
)
def test_tally(sentence, trigger, expected):
    start = sentence.index(trigger)
    assert tally(sentence, 0, start, start + len(trigger)) is expected


@pytest.mark.parametrize(
    "sentence, verb, expected",
    [
        ("The plan includes the launch of a lunar probe.", "launch", True),
        ("China announced the successful launch of a weather satellite.", "launch", False),
        ("China launched a weather satellite.", "launched", False),  # a verb, not a noun
    ],
)
def test_nominal(sentence, verb, expected):
    pack = RulePack.load()  # context.nominal_support of the packaged pack
    doc = SimpleNamespace(text=sentence)
    assert nominal(doc, pack, 0, len(sentence), sentence.index(verb)) is expected


@pytest.mark.parametrize(
    "sentence, verb, expected",
    [
        ("SpaceX launches Falcon 9 rockets from Florida.", "launches", True),
        ("India conducted two flight tests of a missile.", "tests", False),  # a plural noun before "of"
        ("China launched a satellite.", "launched", False),
    ],
)
def test_habitual(sentence, verb, expected):
    assert habitual(sentence, sentence.index(verb)) is expected


# --- the headline's time carries on in the body (narrative_time) -------------------------------

def test_a_headline_year_dates_the_undated_body(analyse):
    # a history page: every body sentence is of the headline's year
    body = ("Pakistan conducted five underground nuclear tests in the Chagai hills.\n\n"
            "Pakistan became the seventh nation to publicly test nuclear weapons. The tests drew sanctions.")
    assert "nuclear_test" not in analyse("Nuclear tests 1998", body)
    # the same page read as today's news without the year
    assert "nuclear_test" in analyse("Nuclear tests", body)


def test_a_headline_time_of_an_earlier_event_dates_nothing(analyse):
    body = ("The rocket carried a dummy satellite.\n\nOfficials were relieved.\n\n"
            "The prime minister hailed the successful launch of the domestically produced rocket on social media.")
    hits = analyse("New rocket lifts off after failed launch in 2021", body)
    assert "satellite_launch" in hits
