"""Alertmanager through the real pipeline: `watchfloor run` on the real Kafka broker posts a
story to a real Alertmanager (Debian's prometheus-alertmanager), keeps it alive, and resolves
it once the story has been quiet for ``WATCHFLOOR_ALERTMANAGER_QUIET`` seconds.

Alertmanager is started as in tests/agents/notify/test_alertmanager.py: free loopback port,
clustering off, storage in a temporary directory, one receiver that does nothing.
"""

from __future__ import annotations

from typing import Any, Iterator

import pytest

from tests.support import Alertmanager, Service, needs_alertmanager, story_feed, wait_for_sync

LEAD_GUID = "presswire-3f9a1c"

pytestmark = needs_alertmanager


@pytest.fixture
def alertmanager(tmp_path_factory) -> Iterator[Alertmanager]:
    am = Alertmanager(tmp_path_factory.mktemp("alertmanager")).start()
    yield am
    am.stop()



@pytest.mark.kafka
def test_story_is_posted_to_alertmanager_then_resolved_when_quiet(tmp_path, kafka_broker, feeds, alertmanager):
    url = feeds.set("/ap.xml", story_feed("ap.xml", only=(LEAD_GUID,)))
    quiet = 5.0
    service = Service(tmp_path, "--broker", kafka_broker.url, "--feed", url, env={
        "WATCHFLOOR_ALERTMANAGER_URL": alertmanager.url, "WATCHFLOOR_ALERTMANAGER_RESEND": "1",
        "WATCHFLOOR_ALERTMANAGER_QUIET": str(quiet)}).start().wait_ready()
    try:
        [story] = wait_for_sync(lambda: [s for s in service.get("/alerts")["stories"]
                                         if s["topic"] == "missile_launch"], 90, what="the missile_launch story")

        def active() -> list[dict[str, Any]]:
            return [a for a in alertmanager.alerts(story_id=story["id"]) if a["status"]["state"] == "active"]

        [alert] = wait_for_sync(active, 60, what="the story active in Alertmanager")
        # the event's actor is a label (it identifies the event); its outcome an annotation
        assert alert["labels"] == {"alertname": "WatchfloorAlert", "topic": "missile_launch",
                                   "severity": "critical", "story_id": story["id"], "actor": "country:KP"}
        assert alert["annotations"]["actor"] == "country:KP" and alert["annotations"]["outcome"]
        assert alert["annotations"]["sources"] == "1"
        assert alert["annotations"]["summary"] == story["title"]
        assert alert["generatorURL"] == story["links"][0]
        # one Alertmanager alert per story, however often it is re-sent
        assert len(alertmanager.alerts(alertname="WatchfloorAlert")) == 1

        wait_for_sync(lambda: not active(), 90, what="the story resolved in Alertmanager")
        # resolved by watchfloor's quiet timer, not by Alertmanager's own endsAt (which is far off);
        # the timer logs once every destination acknowledged, which may be just after the check above
        wait_for_sync(lambda: f"story {story['id']} resolved in Alertmanager" in service.log(), 30,
                      what="watchfloor's own record of the resolve")
        assert service.metric("watchfloor_dead_letters_total") == 0
    finally:
        service.stop()
