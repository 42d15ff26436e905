"""Round 10 of issue 11: classes found on fresh real-news batches (tests/agents/enrich/eval/real.yaml
header). Each case is written here, in the class's general form, not copied from the batch."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("body", [
    # a cue before "the launch of <rocket> carrying ..." is about that launch
    "The company on Tuesday postponed the planned launch of an Atlas V rocket carrying a weather satellite.",
    # still on the ground
    "Downrange, an Ariane 5 rocket is waiting for liftoff on Friday night after a second scrub.",
    # a satellite climbs to geostationary orbit on its own, weeks after its launch
    "The antenna unfolded on Monday, soon after the broadcasting satellite reached geostationary orbit.",
    # the satellite names a kind of imagery, not what launched
    "The missile blew up on Tuesday, said an official who had seen satellite imagery of the launch showing a damaged launcher.",
])
def test_not_a_space_launch_round10(analyse, body):
    assert "satellite_launch" not in analyse("", body)


def test_how_often_something_has_been_tested_is_a_tally(analyse):
    body = "Submarine-launched missiles have only been tested a few times, an analyst said on Tuesday."
    assert "missile_launch" not in analyse("", body)


def test_a_mission_clock_places_no_later_sentence(analyse):
    # "11 days after launch" counts from the launch the story tells; the next sentence is news
    body = ("The probe is in good health, the project manager said. Its camera will not be switched on until "
            "11 days after launch. The probe was boosted into orbit at 9:22 a.m. EST by an Atlas V rocket.")
    assert "satellite_launch" in analyse("", body)


@pytest.mark.parametrize("body, outcome", [
    # a failure the source only supposes
    ("North Korea fired two ballistic missiles on Tuesday and the second may have failed, the South's military said.",
     "unknown"),
    # a headline's present tense of a failure
    ("North Korean missile tests fail seconds after launch on Tuesday", "failure"),
])
def test_missile_outcome_round10(analyse, body, outcome):
    assert analyse("", body)["missile_launch"].event["outcome"] == outcome


def test_a_satellite_part_failing_is_no_launch_failure(analyse):
    body = ("A Japanese broadcasting satellite failed to deploy one of its solar panels on Thursday, hours after "
            "being placed into orbit by an Ariane 5 rocket.")
    event = analyse("", body)["satellite_launch"].event
    assert event["outcome"] == "success"
    # the rocket that carried it is the launcher; the satellite's owner is not
    assert event["actor"]["id"] == "org:arianespace"


def test_the_operator_of_an_air_launched_rocket_is_the_actor(analyse):
    body = ("A Pegasus XL rocket carrying a NASA science satellite lifted off on Thursday night from under "
            "its carrier aircraft.")
    assert analyse("", body)["satellite_launch"].event["actor"]["id"] == "org:orbital-sciences"


def test_in_the_past_is_history(analyse):
    body = "This is the same site where the country used to test nuclear weapons on two occasions in the past."
    assert "nuclear_test" not in analyse("", body)


@pytest.mark.parametrize("body", [
    # a clause joined on: the later verb has the earlier clause's subject
    "The firm leases capacity on commercial satellites, but is launching its own satellite in August.",
])
def test_plans_round10(analyse, body):
    assert "satellite_launch" not in analyse("", body, published=None)


def test_a_relative_aside_names_no_actor(analyse):
    body = ("Yemen's Houthi rebels, who control much of northern Yemen including the capital Sanaa, said in a "
            "statement on Sunday they had launched a ballistic missile at Israel.")
    assert analyse("", body)["missile_launch"].event["actor"]["id"] == "org:houthis"


@pytest.mark.parametrize("body", [
    "On Friday evening a Russian Progress freighter, carrying 2.8 tonnes of supplies, took off from the Baikonur Cosmodrome.",
    "The cargo ship docked with the space station on Thursday, three hours after it was launched into orbit.",
])
def test_station_supply_ships_are_payloads(analyse, body):
    assert "satellite_launch" in analyse("", body)


def test_a_cargo_ship_at_sea_is_no_payload(analyse):
    body = "The Houthis launched two missiles at a cargo ship in the Red Sea on Tuesday, the military said."
    assert "satellite_launch" not in analyse("", body)


def test_a_restrictive_relative_clause_names_the_rocket(analyse):
    body = ("The rocket that launched a communications satellite but failed to put it in the proper orbit "
            "burned up in the atmosphere, officials said Thursday.")
    assert "satellite_launch" not in analyse("", body)


def test_a_relative_clause_with_its_own_time_is_news(analyse):
    body = ("The third stage of the Soyuz rocket that launched the spacecraft from Baikonur early Monday "
            "re-entered the atmosphere overnight Tuesday.")
    assert "satellite_launch" in analyse("", body)


def test_a_quantified_plural_is_a_kind_of_event(analyse):
    body = "On Wednesday the FAA, which oversees all commercial space launches in the US, approved the site."
    assert "satellite_launch" not in analyse("", body)


def test_a_headline_test_whose_lead_tells_a_ground_test(analyse):
    title = "Kim oversees successful test of new hypersonic missile"
    body = "Kim Jong Un oversaw a successful ground jet test of a solid-fuel engine for a new missile, KCNA said on Wednesday."
    assert "missile_launch" not in analyse(title, body)


def test_a_name_before_a_test_facility_keeps_its_trigger(analyse):
    body = "The engine was fired at the company's Rocket Development and Test Facility in Texas on Sunday."
    assert "missile_launch" not in analyse("", body)


@pytest.mark.parametrize("body, actor", [
    ("Iran on Tuesday failed to launch a satellite into space, a process criticized by the U.S.", "country:IR"),
    ("Iran on Tuesday conducted a satellite launch despite criticism from the United States, but the satellite "
     "failed to reach orbit.", "country:IR"),
])
def test_critics_are_not_the_launcher(analyse, body, actor):
    assert analyse("", body)["satellite_launch"].event["actor"]["id"] == actor


@pytest.mark.parametrize("body, outcome", [
    ("A Falcon 9 rocket lifted off on Sunday, but a secondary satellite was sent into the wrong orbit.", "failure"),
    ("Iran launched a rocket carrying a satellite on Thursday, but there was no indication it reached orbit.", "unknown"),
])
def test_space_outcomes_round10(analyse, body, outcome):
    assert analyse("", body)["satellite_launch"].event["outcome"] == outcome


def test_how_far_it_flew_says_it_flew(analyse):
    body = ("North Korea fired two short-range ballistic missiles on Saturday, flying 400 kilometres before "
            "splashing down in the sea.")
    assert analyse("", body)["missile_launch"].event["outcome"] == "success"


def test_two_ordinals_are_a_series(analyse):
    body = "This year, Pyongyang carried out its fourth and fifth nuclear tests, together with tests of 20 missiles."
    assert "nuclear_test" not in analyse("", body)


def test_a_modal_scopes_over_its_whole_clause(analyse):
    body = ("The agency told lawmakers on Thursday that a nuclear test could be accompanied by other provocative "
            "acts such as a satellite launch and the test-firing of missiles.")
    hits = analyse("", body)
    assert not {"missile_launch", "satellite_launch", "nuclear_test"} & set(hits)


def test_a_participle_clause_has_the_rockets_operator(analyse):
    body = ("A Vega rocket lifted off on Tuesday from Europe's Spaceport in Kourou, French Guiana, successfully "
            "placing three satellites into orbit.")
    assert analyse("", body)["satellite_launch"].event["actor"]["id"] == "org:arianespace"


@pytest.mark.parametrize("body, topic_found", [
    # undated: a launch a week before a later date of the same sentence is history
    ("The satellite was launched on December 20, then tested before its cameras were switched on on December 27.", False),
    ("The cargo craft was launched on June 14 from Baikonur and docked with the station on June 16.", True),
])
def test_two_dates_in_an_undated_sentence(analyse, body, topic_found):
    assert ("satellite_launch" in analyse("", body, published=None)) is topic_found


def test_a_bare_noun_subject_takes_no_object(analyse):
    body = "The company reported its results on Monday. Launch provided only $6.6 million from a single Electron mission."
    assert "satellite_launch" not in analyse("", body)


def test_a_success_word_next_to_a_year_is_an_older_flights(analyse):
    body = ("India on Tuesday test-fired its nuclear-capable Agni II missile from an island off Odisha. The first "
            "missile of the series was successfully test-fired in 1989.")
    assert analyse("", body)["missile_launch"].event["outcome"] == "unknown"


def test_a_counted_subject_of_a_perfect_passive_is_a_total(analyse):
    body = "Over 5,200 space satellites have been launched since October 4, 1957, the press office said on Friday."
    assert "satellite_launch" not in analyse("", body)


def test_sent_to_a_place_on_earth_is_no_launch(analyse):
    body = "We have identified the four astronauts, they were sent to Russia for a medical checkup on Monday."
    assert "satellite_launch" not in analyse("", body)


@pytest.mark.parametrize("body", [
    "The Proton rocket carrying the communications satellite was transported by rail to its launch pad on Saturday.",
    "An Atlas V rocket rolled to its pad this morning for a Friday liftoff with a navigation satellite.",
])
def test_rollouts_round10(analyse, body):
    assert "satellite_launch" not in analyse("", body)


def test_time_in_space_is_no_orbit_insertion(analyse):
    assert "satellite_launch" not in analyse("Landsat 5 Reaches 20 Years in Space", "The satellite is still working on Tuesday.")


def test_a_named_missile_system_is_the_missile(analyse):
    body = "Pakistan on Monday successfully conducted the training launch of Ghauri Missile System, the military said."
    assert "missile_launch" in analyse("", body)


def test_fired_what_could_be_a_missile_fired(analyse):
    body = "North Korea fired what could be a ballistic missile, Japan's coast guard said on Monday."
    assert "missile_launch" in analyse("", body)


@pytest.mark.parametrize("body, outcome", [
    # a hedge on where it came down, with the fall told plainly elsewhere
    ("North Korea fired a ballistic missile on Sunday, the coast guard said, adding it has already fallen. "
     "The missile appears to have landed outside Japan's exclusive economic zone.", "success"),
    # only hedged
    ("North Korea fired a ballistic missile on Monday. It appeared to have landed outside Japan's exclusive economic zone.",
     "unknown"),
    ("North Korea launched a ballistic missile on Thursday morning. The flight lasted 86 minutes.", "success"),
])
def test_local_hedges_on_where_it_fell(analyse, body, outcome):
    assert analyse("", body)["missile_launch"].event["outcome"] == outcome


@pytest.mark.parametrize("body", [
    "Two tremors detected on Saturday appear not to be man-made, easing fears the state had conducted another nuclear test.",
    "An earthquake struck on Saturday near the nation's nuclear test zone, the survey said.",
])
def test_fears_and_test_zones_are_no_nuclear_test(analyse, body):
    assert "nuclear_test" not in analyse("", body)


def test_a_fear_stoked_by_a_launch_is_news(analyse):
    body = "The move stoked fears in Tokyo after North Korea fired a ballistic missile on Sunday."
    assert "missile_launch" in analyse("", body)


def test_a_where_clause_names_a_place(analyse):
    body = "A magnitude 3.2 earthquake was detected on Saturday close to where the country recently conducted a nuclear test."
    assert "nuclear_test" not in analyse("", body)


def test_an_abort_at_t0_is_no_launch(analyse):
    body = ("In making its third attempt to launch its first rocket on Monday, the company experienced a second abort "
            "at T-0, with the rocket shutting down just as its engines ignited.")
    hits = analyse("", body)
    assert "satellite_launch" not in hits and "missile_launch" not in hits
