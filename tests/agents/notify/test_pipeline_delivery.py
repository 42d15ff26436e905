"""Delivered for sure, through the real pipeline: `watchfloor run` on the real Kafka broker.

A local receiver plays the part of a webhook endpoint that is down for a while (503), asks
to slow down (429 + Retry-After), refuses for good (404), or is down while the worker is
killed. The alerts topic (``<app>-alerts``) is read directly as the list of what had to be
delivered, and the dead-letter topic as the list of what was given up.
"""

from __future__ import annotations

import asyncio
import base64
import json
import signal
import time
from pathlib import Path
from typing import Any, Callable

import pytest

from agents.notify import signing
from tests.support import FeedServer, Service, WebhookReceiver, story_feed, wait_for_sync

LEAD_GUID = "presswire-3f9a1c"
SECRET = "whsec_" + base64.b64encode(b"watchfloor-pipeline-test-key-32b").decode()


def read_topic(bootstrap: str, topic: str, enough: Callable[[list[Any]], bool], timeout: float = 60.0) -> list[Any]:
    """Every JSON value on ``topic`` from the start, once ``enough(values)`` holds (group-less reader)."""
    from aiokafka import AIOKafkaConsumer

    async def run() -> list[Any]:
        consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=None,
                                    auto_offset_reset="earliest", enable_auto_commit=False)
        await consumer.start()
        values: list[Any] = []
        try:
            deadline = time.monotonic() + timeout
            while not enough(values):
                if time.monotonic() > deadline:
                    raise AssertionError(f"timed out after {timeout}s reading {topic}; got {values}")
                for messages in (await consumer.getmany(timeout_ms=500)).values():
                    values += [json.loads(m.value) for m in messages]
            return values
        finally:
            await consumer.stop()

    return asyncio.run(run())


def service_for(tmp_path: Path, kafka_broker, feeds: FeedServer, receiver: WebhookReceiver, names: dict[str, tuple | None],
                env: dict[str, str] | None = None, **kw: Any) -> Service:
    args = ["--broker", kafka_broker.url, "--webhook", receiver.url]
    for name, only in names.items():
        args += ["--feed", feeds.set(f"/{name}", story_feed(name, only=only))]
    return Service(tmp_path, *args, env=env, **kw)



@pytest.mark.kafka
def test_receiver_down_for_a_while_gets_every_alert_once_in_order_and_signed(tmp_path, kafka_broker, feeds):
    down_for = 5
    all_feeds = {n: None for n in ("yonhap.xml", "reuters.xml", "ap.xml", "kyodo.xml", "nhk.xml",
                                   "iran.xml", "chollima.xml")}
    with WebhookReceiver(lambda n: 503 if n < down_for else 200) as receiver:
        service = service_for(tmp_path, kafka_broker, feeds, receiver, all_feeds, env={
            "WATCHFLOOR_WEBHOOK_SECRET": SECRET, "WATCHFLOOR_STORY_COOLDOWN": "0",
            "WATCHFLOOR_RETRY_SCHEDULE": "0,0.2,0.5,1,1,1,1,1,1,1"})
        service.start().wait_ready()
        try:
            wait_for_sync(lambda: service.metric("watchfloor_articles_processed_total") >= 12, 120,
                          what="all twelve articles classified")
            wait_for_sync(lambda: len(receiver.delivered()) >= 4, 90, what="the first alerts delivered")
            # what had to be delivered: every alert on the alerts topic, read once it is all delivered
            topic = f"{service.app_id}-alerts"
            alerts = read_topic(kafka_broker.bootstrap, topic,
                                lambda vs: bool(vs) and {v["id"] for v in vs} <= {c["body"]["data"]["id"]
                                                                                  for c in receiver.delivered()}, 90)
            assert service.metric("watchfloor_delivery_retries_total") >= 1
            assert service.metric("watchfloor_dead_letters_total") == 0
        finally:
            service.stop()

    calls = list(receiver.received)
    assert [c["status"] for c in calls[:down_for]] == [503] * down_for
    ids = [a["id"] for a in alerts]
    assert len(ids) == len(set(ids)), "the story stage published one alert twice"
    # every alert delivered exactly once (no restart here, so no resend after a 2xx)
    ok_ids = [c["body"]["data"]["id"] for c in calls if c["status"] == 200]
    assert sorted(ok_ids) == sorted(ids)
    for call in calls:
        assert call["headers"]["webhook-id"] == call["body"]["data"]["id"]
        signing.verify(SECRET, call["headers"], call["raw"], now=call["time"])
    # per story: attempts never go back to an older revision, and deliveries move forward
    by_story: dict[str, list[dict]] = {}
    for call in calls:
        by_story.setdefault(call["body"]["data"]["story_id"], []).append(call)
    for story, story_calls in by_story.items():
        revisions = [c["body"]["data"]["revision"] for c in story_calls]
        assert revisions == sorted(revisions), (story, revisions)
        delivered = [c["body"]["data"]["revision"] for c in story_calls if c["status"] == 200]
        assert delivered == sorted(set(delivered)), (story, delivered)
        kinds = [c["body"]["data"]["kind"] for c in story_calls if c["status"] == 200]
        assert kinds[0] == "new" and set(kinds[1:]) <= {"update"}, (story, kinds)


@pytest.mark.kafka
def test_retry_after_is_honoured(tmp_path, kafka_broker, feeds):
    with WebhookReceiver(lambda n: (429, {"Retry-After": "2"}) if n == 0 else 200) as receiver:
        service = service_for(tmp_path, kafka_broker, feeds, receiver, {"ap.xml": (LEAD_GUID,)})
        service.start().wait_ready()
        try:
            wait_for_sync(receiver.delivered, 90, what="the alert delivered after the 429")
            assert service.metric("watchfloor_deliveries_total", {"outcome": "retrying"}) == 1
        finally:
            service.stop()
    first, second = receiver.received[:2]
    assert first["status"] == 429 and second["status"] == 200
    assert first["headers"]["webhook-id"] == second["headers"]["webhook-id"]
    # a lower bound, not a timing assertion: the worker may come back later, never sooner
    # (10 ms allows for the two wall-clock stamps being taken on the receiver's side)
    assert second["time"] - first["time"] >= 2.0 - 0.01, second["time"] - first["time"]


@pytest.mark.kafka
def test_permanent_refusal_is_called_once_and_dead_lettered(tmp_path, kafka_broker, feeds):
    with WebhookReceiver(lambda n: 404) as receiver:
        service = service_for(tmp_path, kafka_broker, feeds, receiver, {"ap.xml": (LEAD_GUID,)})
        service.start().wait_ready()
        try:
            [letter] = read_topic(kafka_broker.bootstrap, f"{service.app_id}-dead-letters", bool, 120)
            assert service.metric("watchfloor_dead_letters_total",
                                  {"destination_kind": "webhook", "reason": "http_4xx"}) == 1
            assert service.metric("watchfloor_dead_letters_total") == 1
        finally:
            service.stop()
    [call] = receiver.received
    assert call["status"] == 404
    assert letter["alert"]["id"] == call["headers"]["webhook-id"]
    assert letter["alert"]["topic"] == "missile_launch"
    assert letter["destination"] == {"id": "webhook-1", "kind": "webhook"}
    assert (letter["reason"], letter["permanent"], letter["attempts"]) == ("http_4xx", True, 1)
    assert "404" in letter["detail"]


@pytest.mark.kafka
def test_alert_pending_when_the_worker_is_killed_is_delivered_after_restart(tmp_path, kafka_broker, feeds):
    state = {"down": True}
    with WebhookReceiver(lambda n: 503 if state["down"] else 200) as receiver:
        # a long schedule: the worker is still retrying when it is killed. The restarted worker
        # gets the partitions once the killed one's session expired: the shortest session the
        # settings allow (as tests.workload.kafka_service), not the 10 s default
        service = service_for(tmp_path, kafka_broker, feeds, receiver, {"ap.xml": (LEAD_GUID,)},
                              env={"WATCHFLOOR_RETRY_SCHEDULE": ",".join(["0"] + ["1"] * 300),
                                   "WATCHFLOOR_SESSION_TIMEOUT": "6"})
        service.start().wait_ready()
        try:
            wait_for_sync(lambda: len(receiver.received) >= 2, 90, what="two refused attempts")
        finally:
            service.stop(signal.SIGKILL)
        pending = receiver.received[0]["headers"]["webhook-id"]
        assert {c["headers"]["webhook-id"] for c in receiver.received} == {pending}
        refused = len(receiver.received)
        state["down"] = False
        service.start().wait_ready(120)
        try:
            wait_for_sync(receiver.delivered, 120, what="the pending alert delivered after the restart")
        finally:
            service.stop()
    [ok] = receiver.delivered()
    assert ok["headers"]["webhook-id"] == pending
    assert receiver.received.index(ok) >= refused
    assert {c["headers"]["webhook-id"] for c in receiver.received} == {pending}
