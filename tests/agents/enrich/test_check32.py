"""Check batch 32's errors in general forms (tests/agents/enrich/eval/real.yaml, the "check batch 32" block): a
headline repeated in the body keeps its noun compounds, a conditional sentence is hypothetical. Sentences are the
pages' own; each false alert has beside it the form that must still fire."""

from __future__ import annotations

from datetime import datetime, timezone


def _published(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp() + 12 * 3600


def test_a_headline_repeated_in_the_body_keeps_its_noun_compound(analyse):
    # dailyalert.org 2020: the headline's line again at the top of the body
    title = "Report: Israeli Airstrikes Destroy Missile Factory in Syria"
    body = (f"{title}\n\n(Asharq Al-Awsat-UK) Israeli satellite imagery analysis company ImageSat International has "
            "published footage of an Israeli airstrike in Syria on Friday that destroyed four weapons production "
            "buildings.")
    assert "missile_launch" not in analyse(title, body, published=_published("2020-03-02"))


def test_a_missile_destroyed_in_the_air_in_body_text_still_counts(analyse):
    body = "Israeli air defences destroyed a missile fired from Syria over the Golan Heights on Friday, the army said."
    assert "missile_launch" in analyse("", body, published=_published("2020-03-02"))


def test_a_conditional_sentence_is_hypothetical(analyse):
    # mavenroundtable 2018
    body = ("Russia’s ambassador to Lebanon told Hezbollah’s al-Manar TV: “If there is a strike by the Americans, "
            "then...the missiles will be downed and even the sources from which the missiles were fired.”")
    assert "missile_launch" not in analyse("", body, published=_published("2018-04-12"))


def test_an_if_clause_inside_a_report_of_a_launch_leaves_the_launch(analyse):
    body = ("North Korea fired two ballistic missiles on Tuesday. Officials said they would respond if it happened "
            "again.")
    assert "missile_launch" in analyse("", body, published=_published("2018-04-12"))


def test_a_missile_fired_from_a_province_is_that_state_s_whoever_reports_it(analyse):
    # einpresswire 2021
    body = ("South Korea’s joint chiefs of staff said in a statement that two short-range missiles had been fired from "
            "the Hamju area of South Hamgyong province toward the sea, off North Korea’s east coast, at 7:06 a.m.\n"
            "Seoul’s National Security Council, which convened following news of the launch, expressed “deep "
            "concern”.")
    hit = analyse("", body, published=_published("2021-03-25"))["missile_launch"]
    assert hit.event["actor"]["id"] == "country:KP"


def test_a_rocket_from_a_us_state_stays_its_launch_company_s(analyse):
    body = ("SpaceX launched 11 Orbcomm satellites on Monday.\nThe Falcon 9 rocket was launched from Cape Canaveral "
            "in Florida at 8:29 p.m.")
    hit = analyse("", body, published=_published("2015-12-22"))["satellite_launch"]
    assert hit.event["actor"]["id"] == "org:spacex"


def test_a_launch_hoped_for_is_no_success(analyse):
    # inspaceforum 2017
    body = ("The Soyuz-2 rocket was launched from the Vostochny Cosmodrome for the second time this morning.\nIn case of "
            "a successful launch, Meteor-M will be the third satellite to predict weather emergency.")
    hit = analyse("", body, published=_published("2017-11-28"))["satellite_launch"]
    assert hit.event["outcome"] == "unknown"


def test_missiles_that_pound_a_base_went_home(analyse):
    # cbsnews.com 2017
    hit = analyse("U.S. cruise missiles pound Syrian airbase in retaliation for deadly chemical attack",
                  "The United States attacked a Syrian airfield with nearly 60 cruise missiles Thursday night.",
                  published=_published("2017-04-07"))["missile_launch"]
    assert hit.event["outcome"] == "success"


def test_a_region_named_by_a_city_whose_adjective_changes_its_consonant():
    # 24newsbulletin 2023: "Kaluzhskaya oblast'" is Kaluga's
    from agents.enrich.entities import load_extractor
    text = "Russia said it shot down a Ukrainian missile targeting civilian targets in the Kaluga region on Monday."
    found = {e.text: e.id for e in load_extractor((), None).extract(text, wide=True)}
    assert found["Kaluga"] == "region:RU-KLU"
    assert {e.text: e.id for e in load_extractor((), None).extract("Drones hit Kaluga on Monday.")}["Kaluga"] \
        == "city:553915"


def test_a_game_s_missiles_are_played_not_fired(analyse):
    # ilovethe80s (Missile Command)
    body = ("Using a trackball and three fire buttons, the player essentially moved a crosshair around the screen, "
            "launching counter missiles against incoming ballistic missiles on Tuesday.")
    assert "missile_launch" not in analyse("", body, published=_published("2020-05-05"))
