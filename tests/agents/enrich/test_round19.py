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
