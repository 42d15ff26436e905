"""Check batch 29's follow-up (real.yaml, "check batch 29"): three classes fixed after the batch's first-sight
measurement, each in rule data (agents/data/rules/core.yaml), with the done forms that must still fire."""

from __future__ import annotations

from agents.enrich.rulepack import RuleSpec


def test_the_sea_kept_clear_for_a_launch_is_no_launch(analyse):
    # a scrub's list of causes: "a ship that wandered into the launch danger zone"
    got = analyse("", "The launch time for the rocket was pushed back several times Tuesday, for clouds, a stuck cover "
                      "on the top of the rocket and a ship that wandered into the launch danger zone.")
    assert "satellite_launch" not in got
    got = analyse("", "Boats were warned off the launch hazard area off the coast on Monday.")
    assert "satellite_launch" not in got
    assert "satellite_launch" in analyse("", "The Falcon 9 rocket launched 22 Starlink satellites from Florida on Tuesday.")


def test_missiles_destroyed_on_their_way_to_a_unit_were_never_fired(analyse):
    got = analyse("", "Kalibr cruise missiles transported by train to the fleet were destroyed in an explosion on Saturday, "
                      "officials said.")
    assert "missile_launch" not in got
    got = analyse("", "Russian cruise missiles were destroyed by air defences over Kyiv on Saturday, officials said.")
    assert "missile_launch" in got


def test_a_missiles_maiden_flight_is_no_space_launch(analyse):
    got = analyse("", "On Saturday, an upgraded BrahMos made its maiden flight from a mobile launcher off the coast.")
    assert "satellite_launch" not in got
    got = analyse("", "On Saturday, the Kuaizhou-11 rocket made its maiden flight from a mobile launcher, placing two "
                      "satellites in orbit.")
    assert "satellite_launch" in got


def test_a_rule_list_may_hold_a_shared_list():
    spec = RuleSpec(name="r", phrases=["maiden flight"],
                    sentence_excludes_any=["org:hamas", ["vehicle:brahmos", "vehicle:agni"]])
    assert spec.sentence_excludes_any == ["org:hamas", "vehicle:brahmos", "vehicle:agni"]


def test_a_weekday_followed_by_its_date_is_that_date():
    from datetime import date

    from agents.enrich.timex import time_mentions
    ref = date(2022, 11, 1)  # a Tuesday
    (m,) = time_mentions("a file image of a North Korean missile launch, Wednesday, Sept. 28, 2022.", ref, ref)
    assert m.when == date(2022, 9, 28) and m.history
    (m,) = time_mentions("It lifted off on Friday (Oct. 28) from the coast.", ref, ref)
    assert m.when == date(2022, 10, 28) and not m.history
    (m,) = time_mentions("It lifted off on Monday, when the weather cleared.", ref, ref)
    assert m.when == date(2022, 10, 31)
    # no publication date: a date cannot be aged, the weekday reads as before
    assert [x.kind for x in time_mentions("at 2.35 pm on Friday, 14 July 2023.", None, ref)][0] == "weekday"
