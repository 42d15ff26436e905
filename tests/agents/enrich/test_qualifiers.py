"""agents/enrich/qualifiers.py: qualifier topics fold into the event they describe."""

import pytest

from agents.enrich.qualifiers import fold_qualifiers
from agents.enrich.rules import RulePack
from streams.core.records import AlertHit


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return RulePack.load()


def test_a_failure_is_an_outcome_of_a_launch_never_an_alert_alone(pack):
    rocket = {"type": "launch_failure", "actor": None, "object": {"id": None, "text": "rocket", "class": "rocket"},
              "site": None, "outcome": "failure", "when": None, "when_text": None}
    hits = [AlertHit(topic="launch_failure", severity="high", evidence="e", phrase="p", event=rocket)]
    (launch,) = fold_qualifiers(hits, pack)  # "the rocket exploded after lift-off": a failed launch
    assert launch.topic == "satellite_launch" and launch.event["outcome"] == "failure"
    assert launch.event["type"] == "satellite_launch" and launch.qualifiers == ["launch_failure"]
    unknown = [AlertHit(topic="launch_failure", severity="high", evidence="e", phrase="p")]
    assert fold_qualifiers(unknown, pack) == []  # no launch under it: nothing
    both = unknown + [AlertHit(topic="missile_launch", severity="medium", evidence="e2", phrase="p2",
                               event=dict(rocket, type="missile_launch", outcome="success"))]
    (only,) = fold_qualifiers(both, pack)
    assert only.topic == "missile_launch" and only.severity == "high" and only.qualifiers == ["launch_failure"]
    assert only.event["outcome"] == "failure"
