"""One launch read two ways (agents/enrich/one_launch.py): a satellite launch that the
neighbour that tracked it first called "a suspected ballistic missile" is one alert."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from agents.enrich.analysis import alerts
from agents.enrich.entities import load_extractor
from agents.enrich.one_launch import one_launch_per_event
from agents.enrich.rules import RulePack
from streams.core.records import AlertHit, Article


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return RulePack.load()


def hit(topic: str, evidence: str, *, actor: str | None = "country:KP", when: str | None = "2024-05-27",
        object_id: str | None = None) -> AlertHit:
    return AlertHit(topic=topic, severity="high", evidence=evidence, phrase="launched", event={
        "type": topic, "actor": {"id": actor, "text": actor} if actor else None,
        "object": {"id": object_id, "text": "missile", "class": "missile"}, "site": None,
        "outcome": "unknown", "when": when, "when_text": None})


SATELLITE = "North Korea says its spy satellite launch has failed."


@pytest.mark.parametrize("missile, kept", [
    (hit("missile_launch", "This came hours after Japan said Pyongyang launched a suspected ballistic missile."), False),
    (hit("missile_launch", "South Korea's military said it detected what appeared to be a missile.", actor=None), False),
    # another day, another actor, a named missile, or the actor's own plain word: a launch of its own
    (hit("missile_launch", "Japan said Pyongyang launched a suspected ballistic missile.", when="2024-05-30"), True),
    (hit("missile_launch", "Japan said Iran launched a suspected ballistic missile.", actor="country:IR"), True),
    (hit("missile_launch", "Japan said Pyongyang launched a Hwasong-18.", object_id="vehicle:hwasong-18"), True),
    (hit("missile_launch", "North Korea also fired a short-range ballistic missile into the sea."), True),
])
def test_a_second_hand_missile_beside_a_satellite_launch_is_that_launch(pack, missile, kept):
    satellite = hit("satellite_launch", SATELLITE)
    assert one_launch_per_event([satellite, missile], pack) == ([satellite, missile] if kept else [satellite])


def test_a_missile_report_alone_stays_an_alert(pack):
    missile = hit("missile_launch", "Japan said Pyongyang launched a suspected ballistic missile.")
    assert one_launch_per_event([missile], pack) == [missile]


def test_a_real_report_raises_one_alert(pack):
    # anews.com.tr, 2024-05-27 (tests/agents/stories/sets/real_events.yaml r-kp-sat0527-anews)
    text = ("North Korea on Monday said its attempt to put another spy satellite into orbit has failed as a rocket "
            "carrying it exploded in mid-air, state-run media said.\n\nThis came hours after Japan said Pyongyang "
            "launched a suspected ballistic missile.")
    a = Article(id="a", feed_url="https://x.example/rss", link="https://x.example/a",
                title="North Korea says its spy satellite launch has failed", summary=text, published=1716811200.0)
    _, hits = alerts(a, load_extractor(), pack)
    assert [h.topic for h in hits] == ["satellite_launch"], [(h.topic, h.evidence) for h in hits]


def test_a_launch_a_neighbour_announced_as_a_potential_missile_is_the_satellite_launch(pack, extractor):
    # real text (spacewatch.global, 2024-05-30): Japan's first reading of North Korea's Malligyong-1-1 launch
    title = "North Korea Spy Satellite Launch Ends in a Mid-flight Explosion"
    body = ("North Korea's attempt to launch a second military reconnaissance satellite into orbit failed after the rocket "
            "carrying the reconnaissance satellite exploded mid-air during the flight of the first stage.\n\n"
            "Japan's Defense Ministry announced on Monday that North Korea had launched what was a potential ballistic "
            "missile, consequently issuing an emergency alert for Okinawa prefecture.")
    published = datetime(2024, 5, 30, 12, tzinfo=timezone.utc).timestamp()
    art = Article(id="t", feed_url="", link="", title=title, summary=body, published=published)
    assert [h.topic for h in alerts(art, extractor, pack)[1]] == ["satellite_launch"]
