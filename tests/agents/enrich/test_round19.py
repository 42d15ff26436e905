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
