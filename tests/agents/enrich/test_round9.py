"""Round 9 of issue 11: classes found on fresh real-news batches (tests/agents/enrich/eval/real.yaml
header). Each case is written here, in the class's general form, not copied from the batch."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from agents.enrich.analysis import alerts
from agents.enrich.timex import time_mentions
from streams.core.records import Article

PUBLISHED = datetime(2023, 3, 16, 12, tzinfo=timezone.utc).timestamp()  # a Thursday


def analyse(pack, extractor, title, body="", published=PUBLISHED):
    article = Article(id="t", feed_url="", link="", title=title, summary=body, published=published)
    return {h.topic: h for h in alerts(article, extractor, pack)[1]}


@pytest.mark.parametrize("title, body", [
    # a headline's "<launch> Set for <day>": a date fixed ahead
    ("Rocket Launch Set for Friday After Weather Delay",
     "The SpaceX launch of a Falcon 9 rocket was called off on Wednesday because of high winds."),
    # a verb trigger used as a noun takes no object across a clause break; "to terminate the launch"
    ("", "The weather over the Falcon 9 pad was poor on Wednesday. Thick clouds hung there at the time of the launch, "
         "forcing the crew working on the rocket to terminate the launch."),
    # the predicate after a participle aside: "the launch ..., scheduled for ..., had been delayed"
    ("", "NASA said Wednesday the launch of its new rocket with a weather satellite, scheduled for 8:00 a.m. EDT "
         "(12.00 GMT) in Florida, had been delayed by storms."),
    # a fixed-date holiday anchors "three days before": December's, in a March article
    ("", "Three days before Christmas, a rocket built by Firefly lifted off from Vandenberg with a small satellite."),
])
def test_not_a_space_launch(pack, extractor, title, body):
    hits = analyse(pack, extractor, title, body)
    assert "satellite_launch" not in hits and "missile_launch" not in hits


def test_a_space_story_rocket_sentence_is_no_barrage(pack, extractor):
    # no space word in the sentence, but the article names a space launcher
    body = ("The Falcon 9 rocket was due to lift off on Tuesday. Rain came at the time of the launch, "
            "forcing engineers working with the rocket to call it off at the last minute, and they launched "
            "the rocket at dawn on Wednesday.")
    assert "missile_launch" not in analyse(pack, extractor, "", body)


def test_historic_means_momentous_not_history(pack, extractor):
    body = ("Everything went well during the initial phases of a historic launch attempt by Virgin Orbit on "
            "Tuesday night as the rocket started its journey to space.")
    assert "satellite_launch" in analyse(pack, extractor, "", body)


@pytest.mark.parametrize("text, when", [
    ("Three days before Christmas, it lifted off", date(2022, 12, 25)),
    ("on Christmas Eve", date(2022, 12, 24)),
    ("on New Year's Day", date(2023, 1, 1)),
])
def test_fixed_date_holidays_resolve_to_their_last_occurrence(text, when):
    ref = date(2023, 3, 16)
    m = next(m for m in time_mentions(text, ref, date(2026, 11, 29)) if m.kind == "holiday")
    assert m.when == when and m.history


@pytest.mark.parametrize("body, actor", [
    # the neighbour raised the alert; the launcher's own state media confirmed the launch
    ("Taiwan sent out an alert on Tuesday, saying a Chinese satellite had flown over its south, around the same "
     "time Chinese state media confirmed the launch of a science satellite.", "country:CN"),
    # a group that has not claimed one launch but said it made another: it reports its own act
    ("Yemen's Houthi militia has not claimed responsibility for the Friday launch but said Sunday it had launched "
     "a ballistic missile at an air base in Israel's Negev desert.", "org:houthis"),
])
def test_who_reported_is_not_always_a_reporter(pack, extractor, body, actor):
    hits = analyse(pack, extractor, "", body)
    topic = "satellite_launch" if "satellite" in body else "missile_launch"
    assert hits[topic].event["actor"]["id"] == actor


def test_the_one_launcher_named_gives_the_actor_when_nothing_else_does(pack, extractor):
    body = ("Debris that rained down on a city is believed to be from two recently launched satellites. "
            "The satellites were the payload aboard a Long March 2D rocket.")
    assert analyse(pack, extractor, "", body)["satellite_launch"].event["actor"]["id"] == "country:CN"


def test_hit_their_targets_says_how_the_flight_went(pack, extractor):
    body = ("North Korea has test-fired a strategic cruise missile, state media said on Sunday. "
            "The missiles hit their targets after traveling 1,500 kilometers.")
    assert analyse(pack, extractor, "", body)["missile_launch"].event["outcome"] == "success"


@pytest.mark.parametrize("body", [
    "The president said he had instructed the Department of War to start testing our nuclear weapons on an equal "
    "basis.",
    "The president said on Thursday he had ordered the Pentagon to begin nuclear weapons testing.",
    "The minister warned on Thursday that the North is capable of carrying out a nuclear test at any time.",
    "Last weekend, Moscow tested a new nuclear weapon which has an unlimited range and unpredictable flight path.",
])
def test_orders_capabilities_and_delivery_systems_are_no_nuclear_test(pack, extractor, body):
    assert "nuclear_test" not in analyse(pack, extractor, "", body)


def test_a_later_clause_time_does_not_date_the_trigger(pack, extractor):
    body = ("On Tuesday, the military also tested the Abdali surface-to-surface missile, and in May last year, it "
            "launched the Fatah-II guided rocket system.")
    assert "missile_launch" in analyse(pack, extractor, "", body)


@pytest.mark.parametrize("body, topic", [
    # a payload "carrying" cargo is no launch of it
    ("The unmanned spacecraft named Odysseus is carrying NASA science instruments on its journey.", "satellite_launch"),
    # a modal before "used to", a present "able to": possibilities and capabilities
    ("Recent tests included an underwater drone, which may be used to carry out their seventh nuclear test.",
     "nuclear_test"),
    ("SpaceX said on Monday the Falcon 9 rocket is able to carry a satellite of 4,500 kilograms to orbit.",
     "satellite_launch"),
    # a second verb between a verb and an object takes the object
    ("North Korea has recently stepped up weapons tests and resumed intercontinental ballistic missile launches.",
     "missile_launch"),
    # a participle right after its object, in a clause whose verb is present: what the thing is or can do
    ("SpaceX said the Falcon 9 vehicle launched from Cape Canaveral, Fla., is able to haul heavy satellites to orbit.",
     "satellite_launch"),
])
def test_descriptions_and_capabilities_are_no_event(pack, extractor, body, topic):
    assert topic not in analyse(pack, extractor, "", body)


def test_a_participle_before_another_clauses_present_verb_still_reports(pack, extractor):
    # "if we are to believe reports": the present verb has its own subject
    body = ("110 missiles were launched on Saturday from destroyers and aircraft, with 28 of 30 missiles intercepted, "
            "if we are to believe official reports.")
    assert analyse(pack, extractor, "", body)["missile_launch"].event["outcome"] == "intercepted"


@pytest.mark.parametrize("body, actor", [
    # a nationality and a common noun before the agent's name
    ("The army said 11 rockets were fired by the Lebanese group Hezbollah towards Haifa on Monday.", "org:hezbollah"),
    # "by <people> in <country>": where the agent is
    ("Eight rockets were fired at northern Israel by militants in Lebanon on Monday morning. Israel's Iron Dome "
     "intercepted six.", "country:LB"),
    # a defender before the trigger is not the launcher
    ("Ukrainian air defences downed three of the four drones fired in the overnight attack involving three Kinzhal "
     "hypersonic missiles on Thursday, the air force said.", "country:RU"),
    # where intercepted missiles flew is not whose they were
    ("Ten Iskander missiles over the Kyiv region were all shot down on Tuesday night.", "country:RU"),
])
def test_the_actor_round9(pack, extractor, body, actor):
    assert analyse(pack, extractor, "", body)["missile_launch"].event["actor"]["id"] == actor


def test_the_crew_sent_is_cargo_not_the_actor(pack, extractor):
    body = ("A Russian Soyuz spacecraft docked with the station on Saturday. It sent NASA astronaut Jeff Williams "
            "and two cosmonauts to the International Space Station.")
    assert analyse(pack, extractor, "", body)["satellite_launch"].event["actor"]["id"] == "country:RU"


@pytest.mark.parametrize("body", [
    # a noun compound "launch vehicle" between a verb form and a satellite
    "The project, which includes the cost of the launch vehicle and the GSAT-14 satellite, was put on hold on Monday.",
    # a noun after a preposition takes no object across a comma; "scrapped" ends the clause's launch
    "After being put on hold 56 minutes before blast-off, the Chandrayaan launch was scrapped on Monday because of "
    "a technical snag.",
])
def test_called_off_launches_round9(pack, extractor, body):
    assert "satellite_launch" not in analyse(pack, extractor, "", body)


def test_drones_downed_are_not_the_missiles_outcome(pack, extractor):
    body = ("Russia fired cruise and ballistic missiles at Odesa in the early hours of Thursday, causing damage. "
            "Ukrainian air defences downed three of the four drones fired in the overnight attack involving three "
            "Kinzhal hypersonic missiles, the air force said.")
    assert analyse(pack, extractor, "", body)["missile_launch"].event["outcome"] == "success"
