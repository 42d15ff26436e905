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


def test_round8_a_defence_test_interception_is_the_launch_success():
    from datetime import datetime, timezone
    from agents.enrich.analysis import analyze
    from agents.enrich.entities import load_extractor
    from agents.enrich.rules import RulePack
    from streams.core.records import Article
    pack, ex = RulePack.load(), load_extractor()
    published = datetime(2023, 3, 16, 12, tzinfo=timezone.utc).timestamp()

    def outcome(body):
        art = Article(id="t", feed_url="", link="", title="", summary=body, published=published)
        _, hits = analyze(art, ex, pack)
        return [h.event["outcome"] for h in hits if h.topic == "missile_launch"]

    # the interceptor hit its target: the test flight succeeded
    assert outcome("The Indian Army successfully carried out the test firing of the Medium Range Surface to Air "
                   "Missile air defence system off the coast of Odisha on Sunday. The DRDO said the missile system was "
                   "flight tested at around 1030 hours intercepting a high-speed aerial target at long range.") \
        == ["success"]
    # an attack's missiles shot down stay intercepted, "aerial targets" included
    assert outcome("Russia fired 20 cruise missiles at Kyiv on Sunday; air defence shot down all the missiles.") \
        == ["intercepted"]
