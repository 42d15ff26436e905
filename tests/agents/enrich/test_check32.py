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
