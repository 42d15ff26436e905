"""Round 19 of issue 11: defence pages, barrages, exchanges and tests, and what only sounds like them
(tests/agents/enrich/eval/real.yaml header, "round 19 additions"). Sentences are the excerpts' own; each test
names the general form it holds."""

from __future__ import annotations

from datetime import datetime, timezone


def _published(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp()


# -- what a thing is designed to do is a capability, not a launch --------------------------------------------------

def test_designed_to_intercept_and_destroy_is_a_capability(analyse):
    body = ("Iron Dome is a mobile all-weather air defense system developed. It is a missile system designed to "
            "intercept and destroy short-range rockets and artillery shells fired from distances of 4 to 70 "
            "kilometers away and whose trajectory would take them to a populated area.")
    assert "missile_launch" not in analyse("", body, published=None)


def test_the_means_of_a_purpose_is_a_capability_too(analyse):
    body = ("The Iron Dome missile defense system was designed to protect Israeli citizens from aerial attacks by "
            "launching guided missiles that intercept incoming rockets and other short-range threats in mid-air.")
    assert "missile_launch" not in analyse("", body, published=None)


def test_a_missile_launched_and_described_by_its_purpose_still_reports(analyse):
    # the purpose after the launch describes the missile that flew
    body = "North Korea launched a missile designed to evade defences on Tuesday, the JCS said."
    assert "missile_launch" in analyse("", body)


# -- a school club's model rockets are no space launch, also where the sentence leaves out "model" ----------------

CLUB = ("Rocket club members send their creations skyward\nIt took two postponements because of bad weather before the "
        "sky was clear enough for Bowling Green High School’s Rocket Club members could put what they learned into "
        "action. And that action was launching the rockets they had built during their club meetings.\nThis is the "
        "first year the high school has had a rocket club in this century, said faculty adviser Alison Frederickson. "
        "It welcomes any high school student who has an interest in space and rocketry.")


def test_a_rocket_clubs_launch_is_no_satellite_launch(analyse):
    assert "satellite_launch" not in analyse("", CLUB, published=_published("2022-04-27"))


def test_a_model_rocket_lost_in_the_trees_is_no_launch_failure(analyse):
    title = "News Byte: Astronomy club launches model rockets"
    body = ("As a fun in-person activity for this semester, the Astronomy Club did a rocket launch over the weekend at "
            "the high school. We watched live feeds of the Perseverance rover landing on Mars.\nThe rocket launch was "
            "successful, despite losing quite a few in the trees due to it being “a bit windy,” according to Murphy.")
    assert "satellite_launch" not in analyse(title, body, published=None)


def test_a_space_rocket_in_an_article_without_club_words_still_reports(analyse):
    body = "A Long March 2D rocket sent three satellites into orbit from Jiuquan on Thursday."
    assert "satellite_launch" in analyse("", body)


# -- the maker's own name for what it set off or fired is no distance between the verb and its object ----------------

def test_detonated_what_it_described_as_a_hydrogen_bomb_is_a_nuclear_test(analyse):
    body = ("The United States, Britain, France, Japan and South Korea requested the urgent meeting after North Korea "
            "on Sunday detonated what it described as a hydrogen bomb designed for a long-range missile.")
    hit = analyse("", body, published=_published("2017-09-04"))["nuclear_test"]
    assert hit.event["actor"]["id"] == "country:KP"


def test_fired_what_pyongyang_called_a_new_missile_is_a_launch(analyse):
    assert "missile_launch" in analyse("", "North Korea fired what Pyongyang called a new type of ballistic missile "
                                           "on Sunday.")


# -- the launcher's claim of a hit against the defender's report of an interception -------------------------------
# Decided by issue 11's outcome convention: an intercepted missile is a missile_launch with outcome intercepted.
# The defender is the side that sees what reached it; the launcher's "successfully hit its target" is a claim (the
# rule pack reads "claim" as doubt elsewhere too), and no one else tells a hit. So the interception is the outcome.

ZULFIQAR = (
    "SANAA/JERUSALEM - Yemen's Houthi group announced Saturday that it had launched a ballistic missile targeting a "
    "\"sensitive\" site in southern Israel, activating air defence sirens in Israel for the first time since a "
    "ceasefire for the Israel-Iran conflict went into effect on Tuesday.\n"
    "The strike, using a Zulfiqar ballistic missile, had \"successfully hit its target,\" Houthi military "
    "spokesperson Yahya Saree said in a televised statement aired by the group's al-Masirah TV channel.\n"
    "Meanwhile, the Israel Defense Forces said in a statement that a missile fired from Yemen towards Israel on "
    "Saturday morning was \"most likely successfully intercepted.\"\n"
    "Israel's national emergency service, Magen David Adom, said that there were no immediate reports of hits or "
    "casualties.")


def test_the_defenders_interception_outweighs_the_launchers_quoted_claim_of_a_hit(analyse):
    hit = analyse("", ZULFIQAR, published=_published("2025-06-28"))["missile_launch"]
    assert hit.event["outcome"] == "intercepted"


def test_a_hit_told_as_fact_beside_the_defenders_interception_is_intercepted(analyse):
    # real.yaml's outcome convention: hits told beside interceptions of the same attack are intercepted (round 19 had a
    # hit told as fact keep success)
    body = ZULFIQAR.replace("Israel's national emergency service, Magen David Adom, said that there were no immediate "
                            "reports of hits or casualties.",
                            "The missile struck a building in Beersheba, the emergency service said.")
    hit = analyse("", body, published=_published("2025-06-28"))["missile_launch"]
    assert hit.event["outcome"] == "intercepted"


def test_no_rockets_shot_down_is_no_interception(analyse):
    body = ("At least two rockets were fired towards Tel Aviv, Israel from Gaza Thursday evening; prompting authorities "
            "to sound the nationwide warning sirens for the first time since 2014.\n\nDespite the apparent activation "
            "of Israel's Iron Dome air defence system, the military said no rockets were shot down nor landed in any "
            "built-up areas.")
    hit = analyse("Rockets fired from Gaza at Tel Aviv, explosions heard", body)["missile_launch"]
    assert hit.event["outcome"] != "intercepted"


# -- "hit with sanctions" is a penalty, not a strike ---------------------------------------------------------------

def test_missiles_that_have_seen_it_hit_with_sanctions_are_no_launch(analyse):
    body = ("Korean People's Army (KPA) soldiers march during a mass rally on Kim Il Sung square in Pyongyang on "
            "September 9, 2018. North Korea held a military parade to mark its 70th birthday, but refrained from "
            "showing off the intercontinental ballistic missiles that have seen it hit with multiple international "
            "sanctions.")
    assert "missile_launch" not in analyse("", body, published=_published("2018-09-09"))


def test_a_missile_that_hit_with_force_still_reports(analyse):
    assert "missile_launch" in analyse("", "A ballistic missile hit with deadly force on Tuesday, killing five.")


# -- a failure named by its month is an earlier flight's, not this launch's outcome ---------------------------------

def test_the_july_launch_failure_is_not_thursdays_outcome(analyse):
    title = "Rocket Lab declares 14th orbital mission a success"
    body = ("The launch from the Māhia Peninsula near Gisborne on Thursday morning had particular significance for the "
            "company.\n\nThe Electron rocket was carrying a satellite developed by Canon and a new generation of cube "
            "satellites for regular customer Planet.\n\nPlanet lost five of the satellites in the July launch failure "
            "when a fault caused the Electron rocket to shut down and later burn up in the atmosphere.")
    hit = analyse(title, body, published=_published("2020-10-29"))["satellite_launch"]
    assert hit.event["outcome"] != "failure"


def test_a_failure_of_the_day_is_still_the_outcome(analyse):
    body = ("An Electron rocket carrying seven satellites lifted off from New Zealand on Saturday. The rocket exploded "
            "two minutes after liftoff.")
    hit = analyse("", body)["satellite_launch"]
    assert hit.event["outcome"] == "failure"


# -- a barrage's rockets that "exploded in the city" hit it; they did not fail ---------------------------------------

def test_rockets_that_exploded_in_the_city_went_home(analyse):
    body = ("Fires broke out in northern Israel early Wednesday afternoon after a heavy barrage of missiles was fired "
            "from Lebanon towards the Upper Galilee.\n\n\nSeveral of the rockets exploded in the city of Kiryat Shmona, "
            "setting a home in the city aflame. Multiple additional fires broke out in nearby areas.")
    hit = analyse("", body, published=_published("2024-09-04"))["missile_launch"]
    assert hit.event["outcome"] == "success"


# -- the weapon as the subject of "hit" tells that it went home ----------------------------------------------------

def test_an_iranian_missile_hit_the_hospital_is_a_success(analyse):
    title = "Iran launches missile attack on Israel, injuring about 40 people"
    body = ("Beersheba\nSource:  The Jerusalem Post\n\nAn Iranian missile hit the Soroka Medical Center in Beersheba in "
            "southern Israel on the morning of June 19, injuring dozens of people and damaging the building.")
    hit = analyse(title, body, published=_published("2025-06-19"))["missile_launch"]
    assert hit.event["outcome"] == "success"


def test_missiles_hitting_the_water_stay_unknown(analyse):
    body = ("“On Jan. 11 at approximately 2 a.m. ‘Sanaa time’, the Iranian-backed Houthis fired an anti-ship ballistic "
            "missile from Houthi-controlled areas in Yemen into international shipping lanes in the Gulf of Aden,” US "
            "Central Command wrote on X.\nOne commercial vessel reported visually observed the missile hitting the "
            "water, it said, adding there were no injuries or damage reported.")
    hit = analyse("", body, published=_published("2024-01-11"))["missile_launch"]
    assert hit.event["outcome"] != "success"


# -- an interception whose sentence names no launcher: the name that modifies the attack noun launched ---------------

def test_a_ukrainian_missile_strike_names_the_launcher_of_the_missiles_intercepted(analyse):
    title = "Four killed in Ukraine missile attack on Crimea, Russia says"
    body = ("Russia-installed authorities of Sevastopol in Ukraine's southern region of Crimea say a Ukrainian missile "
            "strike on the port city has left four people dead and 144 others wounded. Russia claims to have annexed "
            "Crimea in 2014.\n\nThe Russian defense ministry says in a statement that the attack shortly after midday "
            "on Sunday involved five ATACMS missiles supplied by the United States to Ukraine.\n\nThe ministry says "
            "Russian air defense units intercepted four of the missiles equipped with cluster warheads but the fifth "
            "one exploded in mid-air.")
    hit = analyse(title, body, published=_published("2024-06-24"))["missile_launch"]
    assert hit.event["actor"]["id"] == "country:UA"


def test_the_defenders_missile_defence_is_no_attack(analyse):
    body = "Israeli missile defence intercepted a ballistic missile over the Negev on Tuesday, the military said."
    hit = analyse("", body)["missile_launch"]
    assert (hit.event["actor"] or {}).get("id") != "country:IL"
