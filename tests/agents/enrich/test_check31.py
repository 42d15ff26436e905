"""Check batch 31's errors in general forms (tests/agents/enrich/eval/real.yaml, the "check batch 31" block): "just"
before an amount, a span beside a date, a tourist hop that reaches space, a war's habit of use, a supposed attack, a
Starship failure, a defence test's stand-in target. Sentences are the pages' own; each false alert has beside it the
form that must still fire."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from agents.enrich.timex import time_mentions


def _published(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp() + 12 * 3600


# bcnn1wp.wordpress.com 2015 (Challenger's 29th anniversary)
_CHALLENGER = ("The shuttle exploded over the Atlantic Ocean just 73 seconds after liftoff on Jan. 28, 1986, killing all "
               "seven crew members.")


def test_just_before_an_amount_is_only_not_recent():
    assert not [m for m in time_mentions(_CHALLENGER, date(2015, 1, 28), date(2026, 12, 2)) if m.kind == "recent"]
    assert [m.kind for m in time_mentions("It just launched a satellite.", date(2015, 1, 28), date(2026, 12, 2))] \
        == ["recent"]


@pytest.mark.parametrize("sentence", [_CHALLENGER, _CHALLENGER.replace("just 73 seconds", "two hours")])
def test_a_launch_dated_decades_back_is_history_whatever_span_it_gives(analyse, sentence):
    assert "satellite_launch" not in analyse("", sentence, published=_published("2015-01-28"))


def test_a_tourist_hop_that_reaches_space_is_no_orbit(analyse):
    # btimesonline 2021 (Unity 22)
    body = ("Branson and five crew members from his Virgin Galactic space-tourism company reached an altitude of 53.5 "
            "miles - enough to experience three to four minutes of weightlessness - on Sunday.")
    assert "satellite_launch" not in analyse("", body, published=_published("2021-07-12"))


def test_an_orbit_reached_still_counts(analyse):
    body = "The Long March 2D rocket lifted off on Sunday and the satellite reached orbit ten minutes later."
    assert "satellite_launch" in analyse("", body, published=_published("2021-07-12"))


def test_a_weapon_s_use_in_a_war_is_a_habit(analyse):
    # kyivindependent.com 2023
    body = "Russia has used Kalibr cruise missiles to launch devastating strikes in Ukraine."
    assert "missile_launch" not in analyse("", body, published=_published("2023-09-14"))


def test_a_weapon_used_on_a_day_is_a_firing(analyse):
    body = "Russia used Kalibr cruise missiles to strike Odesa on Tuesday."
    assert "missile_launch" in analyse("", body, published=_published("2023-09-14"))


def test_a_supposed_attack_is_no_attack(analyse):
    # pncguam.com 2017
    body = "Pyongyang warned on Thursday of another supposed missile attack near the island."
    assert "missile_launch" not in analyse("", body, published=_published("2017-08-10"))


def test_a_starship_failure_told_by_its_test_flight_hosts_no_satellite_launch(analyse):
    # wnct.com 2023
    body = ("SpaceX’s Starship rocket, the largest and most powerful ever built, launched in a test flight before "
            "exploding a few minutes after liftoff in Boca Chica, Texas, on Thursday.")
    assert "satellite_launch" not in analyse("", body, published=_published("2023-04-20"))


def test_a_defence_test_that_missed_its_stand_in_failed(analyse):
    # al.com 2013 (FTG-07)
    body = ("Military officials said they will work to find the reason a missile fired from Vandenberg Air Force Base "
            "in California failed to intercept a target over the Pacific Ocean in tests held Friday.\nThe test was the "
            "first in more than four years involving shooting down a surrogate missile incoming towards the U.S.")
    hit = analyse("Missile fails to hit its target in key test of country's Ballistic Missile Defense system", body,
                  published=_published("2013-07-06"))["missile_launch"]
    assert hit.event["outcome"] == "failure"


# --- a defence test's interception beside another side's launch ---------------------------------------------------

@pytest.mark.parametrize("beside", [
    # citimedia 2017 (CNN's Hwasong-12 copy)
    "Early Wednesday, the US conducted a test intercept of a medium range ballistic missile off the coast of Hawaii, "
    "according to a statement from the US Missile Defense Agency.",
    # defensenews 2017 (USS John Paul Jones)
    "Separately, the U.S. military has shot down a medium-range ballistic missile during a test off Hawaii.",
])
def test_a_defence_test_s_interception_is_not_the_launch_s(analyse, beside):
    body = ("North Korea’s launch of a missile over Japan was a prelude to more military operations directed at Guam, "
            "state media warned Wednesday. The intermediate-range missile flew over Japan on Tuesday.\n" + beside)
    hit = analyse("Next target Guam, North Korea says", body, published=_published("2017-08-30"))["missile_launch"]
    assert hit.event["outcome"] == "success"


def test_an_interception_of_the_launch_itself_stays_intercepted(analyse):
    body = ("North Korea fired a ballistic missile toward Japan on Tuesday.\nThe missile was shot down by a US "
            "destroyer over the Sea of Japan.")
    hit = analyse("", body, published=_published("2017-08-30"))["missile_launch"]
    assert hit.event["outcome"] == "intercepted"


def test_a_success_wished_tells_nothing_of_the_flight(analyse):
    body = ("Iran fired a ballistic missile from Semnan on Thursday, state media said.\n“We wish you success!” the "
            "crowd shouted as the crew passed.")
    hit = analyse("", body, published=_published("2025-04-25"))["missile_launch"]
    assert hit.event["outcome"] == "unknown"


# --- a calendar-history column whose frame opens its second paragraph ----------------------------------------------

_COLUMN_OPENING = ("The main thing that North Korea took from its founder and perennial supporter, the Soviet Union, was "
                   "the propaganda power of dramatic images or actions. Where most countries limit saber-rattling to "
                   "words, North Korea always preferred missile launches and weapons tests to speak for themselves.\n\n")


def test_an_on_this_day_paragraph_makes_the_page_a_column(analyse):
    # famousdaily 2006 page (undated)
    body = (_COLUMN_OPENING + "On this day, October 9, in 2006, North Korea detonated a small (less than one kiloton) "
            "nuclear weapon, becoming the eighth nation in the world known to possess nuclear weapons.")
    assert "nuclear_test" not in analyse("North Korea tests nuclear bomb", body, published=None)


def test_a_news_story_that_recalls_an_anniversary_far_down_keeps_its_launch(analyse):
    body = ("North Korea fired a ballistic missile into the sea on Monday, South Korea's military said.\n\n"
            + "The launch drew condemnation from Tokyo and Washington. " * 25
            + "\n\nOn this day, October 9, in 2006, North Korea detonated its first nuclear device.")
    assert "missile_launch" in analyse("", body, published=_published("2023-10-09"))
