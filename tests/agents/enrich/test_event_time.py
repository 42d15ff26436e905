"""agents/enrich/event_time.py: pure checks on one sentence (the whole-article behaviour is
in test_rules.py)."""

from datetime import datetime, timezone
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


# --- a heading that dates its story with an older full date makes a history column (history_column) ------------

def _published(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp() + 12 * 3600


# https://www.hindustantimes.com/india-news/ht-this-day-october-17-1964-china-explodes-its-first-abomb-101697478660347.html
# (16 October 2023): a 1964 report reprinted under its date, its "today" and "Oct. 16" of 1964
_HT_THIS_DAY = ("China announced today that it had successfully exploded its first atom bomb. But it did not say "
                "immediately whether the test was held in the atmosphere or underground.\n\n"
                "The New China News Agency quoted a Government statement saying: \u201cChina exploded an atom bomb at 15-00 "
                "hours (Peking time) on Oct. 16 and thereby conducted successfully its first nuclear test.\u201d")
# https://thehausofdcaligari.com/2022/07/16/testing-the-first-atomic-bomb (16 July 2022): the body opens on the date alone
_TRINITY = ("July 16, 1945\nIf the radiance of a thousand suns were to burst into the sky, that would be like the "
            "splendor of the Mighty One \u2013 I am become Death, the destroyer of worlds\u2026. \u2013 thus began the Atomic "
            "Age.\n\nFittingly, in a desert named Jornada del Muerto (Journey of Death,) code-named Trinity, the first "
            "experimental plutonium bomb (The Gadget) was detonated in a United States test of an atomic explosion at "
            "Alamogordo Air Base, Los Alamos, New Mexico on this date.")


@pytest.mark.parametrize("title, body, day", [
    ("HT This Day: October 17, 1964 -- China explodes its first a-bomb", _HT_THIS_DAY, "2023-10-16"),
    ("Testing the first atomic bomb", _TRINITY, "2022-07-16"),
])
def test_a_heading_with_an_older_full_date_retells_that_day(analyse, title, body, day):
    assert "nuclear_test" not in analyse(title, body, published=_published(day))


# guard (right before and after): a live page's dated line of its own year (dev item c26-pk-shaheen3-no-confidence-
# day-newindian-2022, https://newindian.in/pakistan-test-fires-nuclear-capable-shaheen-iii-missile/, 9 April 2022)
def test_a_dated_line_of_the_pages_own_year_is_no_column(analyse):
    got = analyse("Pakistan Test Fires Nuclear-Capable Shaheen-III missile",
                  "| Updated : April 9, 2022, 7:19 pm\nUpdated : April 9, 2022, 7:19 pm\n\n"
                  "\u201cPakistan today conducted a successful flight test of Shaheen-III surface to surface ballistic "
                  "missile. The test flight was aimed at revalidating various design and technical parameters of the "
                  "weapon system,\u201d Inter-Services Public Relations (ISPR) tweeted.", published=_published("2022-04-09"))
    assert "missile_launch" in got
