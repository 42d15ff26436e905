"""Round 14 of issue 11: classes found on fresh real-news batches gathered the way the original set
was (tests/agents/enrich/eval/real.yaml header, "round 14 additions"). Sentences are the excerpts'
own; each test names the general form it holds."""

from __future__ import annotations

import fnmatch
from datetime import datetime, timezone
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[3] / "agents" / "data"
# missiles the gazetteer lists that other rules read: a torpedo drone, and artillery rockets
# (rockets-fired)
NOT_MISSILE_FIRED = {"vehicle:poseidon", "vehicle:qassam", "vehicle:grad", "vehicle:katyusha"}


def _published(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp()


def test_every_missile_the_gazetteer_lists_is_a_fired_missile_object(pack):
    # the object list was kept by hand and had fallen behind the gazetteer: "Babur cruise missile" is
    # one entity, so no bare "missile" word was left to be the object
    rule = next(r for r in pack._rules if r.spec.name == "missile-fired")
    vehicles = yaml.safe_load((DATA / "gazetteer" / "vehicles.yaml").read_text())
    missing = [v["id"] for v in vehicles if "missile" in (v.get("tags") or [])
               and v["id"] not in NOT_MISSILE_FIRED
               and not any(fnmatch.fnmatch(v["id"], p) for p in rule.spec.object_entities)]
    assert missing == []


def test_a_named_missile_entity_is_the_object(analyse):
    body = ("Pakistan conducted on Thursday training launch of Babur cruise missile with a range of 450 kilometers.")
    hit = analyse("", body, published=_published("2021-02-11"))["missile_launch"]
    assert hit.event["object"]["id"] == "vehicle:babur"


def test_the_words_naming_a_version_are_no_distance(analyse):
    body = ('Pakistan on Tuesday conducted a successful test flight of an enhanced range version of the "indigenously '
            'developed" Babur Cruise Missile 1B, Inter-Services Public Relations (ISPR) said.')
    hit = analyse("", body, published=_published("2021-12-21"))["missile_launch"]
    assert hit.event["actor"]["id"] == "country:PK"


def test_able_to_right_after_a_noun_is_a_capability(analyse):
    body = ("A California man who was the first person indicted under a law passed after the September 11, 2001 "
            "attacks that bans importing missiles able to shoot down airplanes, was sentenced on Monday to 25 years "
            "in prison")
    assert "missile_launch" not in analyse("United States: man sentenced for trying to smuggle missiles from China",
                                           body, published=None)


def test_was_able_to_still_happened(analyse):
    assert "satellite_launch" in analyse("", "Iran was able to launch a satellite into orbit on Monday.")


def test_a_headline_over_a_lead_that_places_the_named_vehicle_in_the_past(analyse):
    # the headline's object head word ("missile") is not in the lead, the vehicle it names is
    title = "A moment of glory: testing the Minuteman III intercontinental ballistic missile"
    body = ("In the summer of 2018, Major Nicholas Edwards was the weapons officer for 576th Flight Test Squadron, the "
            "sole group charged with test launching the Minuteman III, the military’s only ground-based nuclear ICBM. "
            "These occasional tests, called glory trips, are always done at Vandenberg Air Force Base and are the most "
            "exhilarating moments in any missileer’s career.")
    assert "missile_launch" not in analyse(title, body, published=None)


def test_a_headline_over_a_lead_of_this_week_still_alerts(analyse):
    title = "Testing the Minuteman III intercontinental ballistic missile"
    body = "Airmen launched a Minuteman III from Vandenberg Air Force Base on Wednesday."
    assert "missile_launch" in analyse(title, body)


def test_lower_stages_falling_back_are_no_launch_failure(analyse):
    body = ("China today successfully placed two experimental communications satellites into orbit, its solid-fueled "
            "Kuaizhou-1a rocket lifting off from its Jiuquan spaceport in northwest China.\nChina’s state-run press "
            "provided no information on where the rocket’s lower stages crashed.")
    hit = analyse("China launches two small test communications satellites", body, published=None)["satellite_launch"]
    assert hit.event["outcome"] == "success"


def test_a_bracketed_abbreviation_after_by_is_that_agent_again(analyse):
    # "Developed by <name> (<ABBR>)": the developer, in both spellings, is not the launcher
    body = ("Bhubaneswar: India on Thursday successfully carried out night trials of the Agni-V ballistic missile from "
            "Abdul Kalam Island off Odisha coast.\nDeveloped by Defence Research and Development Organisation (DRDO), "
            "the nuclear capable missile was test-fired from launch pad IV of the defence facility in the island off "
            "Dhamra coast.")
    hit = analyse("", body, published=None)["missile_launch"]
    assert hit.event["actor"]["id"] == "country:IN"


def test_a_named_pakistani_missile_is_pakistan_s(analyse):
    body = ("The army on Thursday successfully test-fired a short range surface-to-surface ballistic missile capable "
            "of hitting land and sea targets with “high precision” up to 450 kilometres away, a press release by the "
            "Inter-Services Public Relations said.\n\nThe Babur cruise missile IA was launched from a \"state of the "
            "art Multi Tube Missile Launch Vehicle\", the media statement said further.")
    hit = analyse("", body, published=_published("2021-02-11"))["missile_launch"]
    assert hit.event["actor"]["id"] == "country:PK"


def test_an_interception_test_is_a_defence_test(analyse):
    body = ("Israel said on Sunday that it had carried out a series of successful live interception tests of its "
            "Arrow 3 ballistic missiles over the US state of Alaska.")
    hit = analyse("", body)["missile_launch"]
    assert hit.event["outcome"] == "success"


def test_a_counted_part_of_a_barrage_intercepted_after_direct_hits(analyse):
    # real.yaml's outcome convention: a partly intercepted barrage is intercepted, whatever hit beside it (round 14 had
    # the direct hits decide it)
    body = ("At least 85 rockets and missiles were fired overnight at communities in the Western Galilee, some of which "
            "had not been evacuated from residents. In Kiryat Shmona, at least seven rockets scored direct hits inside "
            "the city and some 10 projectiles were intercepted over Mt. Meron, where an Israeli Air Force monitoring "
            "base is located.")
    hit = analyse("", body)["missile_launch"]
    assert hit.event["outcome"] == "intercepted"


def test_what_imagery_shows_is_an_inference(analyse):
    # batch 3: "photos show" before the trigger, as "evidence" (round 13)
    assert "missile_launch" not in analyse("Satellite photos show failed Russian missile test", "",
                                           published=_published("2024-09-27"))


def test_appears_to_have_hedges_its_whole_clause(analyse):
    body = ("In satellite imagery released last week, Russia appears to have experienced a setback in testing for its "
            "Sarmat intercontinental ballistic missile at a remote launch site roughly 500 miles north of Moscow.")
    assert "missile_launch" not in analyse("", body, published=_published("2024-09-27"))


def test_a_flight_told_as_done_is_a_success(analyse):
    body = ("Tel Aviv, MINA – A long-range ballistic missile fired from Yemen has hit central Israel, sparking fire, "
            "according to the Israeli military, Al Jazeera reported.")
    assert analyse("", body)["missile_launch"].event["outcome"] == "success"
    body = ("JERUSALEM (AP) — Israel said it fired a missile Tuesday over the Mediterranean Sea to test part of its "
            "missile defense system designed to intercept long-range rockets.\n\nIsrael's Defense Ministry said the "
            "Arrow 2 missile \"performed its flight sequence as planned\" after being launched.")
    assert analyse("Israel fires missile in test of defense system", body)["missile_launch"].event["outcome"] == "success"


def test_what_appeared_to_be_names_the_object_not_a_hedge_on_the_launch(analyse):
    # the synthetic story set's report (tests/agents/stories/sets/synthetic.yaml, s02-03) broke on the clause hedge
    body = ("Japan's coast guard issued a navigational warning on Tuesday afternoon after the defence ministry detected "
            "what appeared to be two ballistic missiles fired from North Korea.")
    assert "missile_launch" in analyse("", body)
