"""Mutes through the real pipeline: `watchfloor run` on the real Kafka broker, muted with the
CLI (`watchfloor alerts mute ... --api`) as an operator does.

A muted alert is held, counted, and delivered as one ``digest`` once the mute ends; other
topics keep flowing meanwhile; /alerts and `watchfloor alerts tail --once` show the stories.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from tests.support import Service, WebhookReceiver, story_feed, wait_for_sync

LEAD_GUID = "presswire-3f9a1c"
IRAN_LINK = "https://gulf-desk.example/mideast/iran-simorgh-launch-0612"
CHOLLIMA_LINK = "https://peninsula-watch.example/2026/06/12/chollima-1-second-stage-failure"


def cli(service: Service, *args: str) -> str:
    """`watchfloor <args> --api <service>` in a child process, as an operator types it."""
    done = subprocess.run([sys.executable, "-m", "streams.cli", *args, "--api", service.api], capture_output=True,
                          text=True, timeout=60, cwd=service.workdir, env=service.env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def delivered(receiver: WebhookReceiver, topic: str | None = None, kind: str | None = None) -> list[dict]:
    return [dict(r["body"], arrived=r["time"]) for r in receiver.delivered()
            if (topic is None or r["body"]["data"]["topic"] == topic)
            and (kind is None or r["body"]["data"]["kind"] == kind)]



@pytest.mark.kafka
def test_muted_topic_is_held_then_delivered_as_one_digest(tmp_path, kafka_broker, feeds, receiver):
    urls = [feeds.set(f"/{name}", story_feed(name, only=())) for name in ("iran.xml", "chollima.xml", "ap.xml")]
    service = Service(tmp_path, "--broker", kafka_broker.url, "--webhook", receiver.url,
                      *[a for url in urls for a in ("--feed", url)]).start().wait_ready()
    try:
        mute = json.loads(cli(service, "alerts", "mute", "topic", "satellite_launch", "20s",
                              "--reason", "launch campaign expected"))["muted"]
        assert (mute["scope"], mute["value"]) == ("topic", "satellite_launch")
        assert mute["until"] - mute["created"] == pytest.approx(20.0)
        # the worker knows the mute once it has read it back from the mutes topic
        wait_for_sync(lambda: any(m["id"] == mute["id"] and m["active"] for m in service.get("/mutes")["mutes"]),
                      30, what="the mute active on the worker")
        assert mute["id"] in cli(service, "alerts", "mutes")

        # two satellite launches (Iran's Simorgh, North Korea's failed Chollima-1) and a missile
        # launch (Hwasong-18) while satellite launches are muted
        for name in ("iran.xml", "chollima.xml"):
            feeds.set(f"/{name}", story_feed(name))
        feeds.set("/ap.xml", story_feed("ap.xml", only=(LEAD_GUID,)))
        wait_for_sync(lambda: service.metric("watchfloor_alerts_muted_total", {"topic": "satellite_launch"}) >= 2,
                      60, what="both satellite_launch alerts held")
        # an unmuted topic flows meanwhile
        wait_for_sync(lambda: delivered(receiver, "missile_launch", "new"), 60, what="the missile_launch alert")
        held_at = time.time()
        assert held_at < mute["until"], "the mute ended before the alerts were held: the test proved nothing"
        assert not delivered(receiver, "satellite_launch"), "a muted alert was delivered"
        assert service.metric("watchfloor_alerts_muted_total") == 2

        # held, but the stories are there for the operator
        stories = [s for s in service.get("/alerts")["stories"] if s["topic"] == "satellite_launch"]
        assert sorted(link for s in stories for link in s["links"]) == sorted([IRAN_LINK, CHOLLIMA_LINK])
        assert all(s["sources"] == 1 for s in stories), stories
        tailed = [json.loads(line) for line in cli(service, "alerts", "tail", "--once").splitlines() if line]
        for story in stories:
            [line] = [t for t in tailed if t["id"] == story["id"]]
            assert (line["topic"], line["sources"], line["links"]) == ("satellite_launch", 1, story["links"])

        # the mute ends: what it held arrives once, as one digest
        [digest] = wait_for_sync(lambda: delivered(receiver, kind="digest"), 90, what="the digest")
        assert digest["type"] == "alert.digest"
        assert digest["arrived"] >= mute["until"], "the digest left before the mute ended"
        data = digest["data"]
        assert "2 alert(s)" in data["title"] and "satellite_launch x2" in data["title"], data["title"]
        assert sorted(data["links"]) == sorted([IRAN_LINK, CHOLLIMA_LINK])
        assert data["sources"] == 2
        assert data["severity"] == "high"
        # nothing else about the muted topic, before or after, and nothing twice
        assert not delivered(receiver, "satellite_launch")
        ids = [r["body"]["data"]["id"] for r in receiver.delivered()]
        assert len(ids) == len(set(ids)) == 2, ids
    finally:
        service.stop()
