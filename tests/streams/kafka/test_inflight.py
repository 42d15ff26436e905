"""Pipelined sends with deferred acks (streams/kafka/inflight.py) and the enrich/classify agents on them.

The helper is checked against scripted topics (acks that fail, never come, or come only once
several records were handed over); the agents on real Kafka, with articles repeated back to
back (the repeat arrives while the first is still in flight) and much later.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter

import pytest

from streams.kafka.inflight import InFlight
from streams.core.metrics import Metrics
from tests.support import drain_loop


class ScriptedTopic:
    """A topic whose acks follow a script: ``verdict(key, attempt)`` is "ok", "fail" (the ack
    future fails), "never" (no ack) or "raise" (``send`` itself raises). With ``hold``, no ack
    comes before ``hold`` records were handed over (a broker that answers per batch)."""

    def __init__(self, verdict, hold: int = 0) -> None:
        self.verdict = verdict
        self.hold = hold
        self.attempts: Counter = Counter()
        self.acked: list = []
        self._held: list = []

    def get_topic_name(self) -> str:
        return "wf-test-enriched"

    async def send(self, key, value):
        loop = asyncio.get_running_loop()
        self.attempts[key] += 1
        verdict = self.verdict(key, self.attempts[key])
        if verdict == "raise":
            raise ConnectionError("producer closed")
        fut = loop.create_future()
        if verdict == "fail":
            fut.set_exception(ConnectionError("broker said no"))
        elif verdict == "ok":
            self._held.append((fut, key, value))
            if len(self._held) >= self.hold:
                for f, k, v in self._held:
                    f.set_result("metadata")
                    self.acked.append((k, v))
                self._held.clear()
        return fut


KEYS = [(f"a{i}", {"n": i}) for i in range(10)]


class Acks:
    """Stands in for Faust's stream ack: records which events were acked, in order."""

    def __init__(self) -> None:
        self.events: list = []

    def __call__(self, stream, event) -> None:
        self.events.append(event)


def sender(acks, **kw) -> InFlight:
    return InFlight(object(), timeout=kw.pop("timeout", 5.0), metrics=kw.pop("metrics", Metrics()), ack=acks, **kw)


def records(topic) -> list:
    return [(topic, key, value) for key, value in KEYS]


async def settle(flight: InFlight, acks: Acks, want: int, timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while len(acks.events) < want or flight.in_flight:
            await asyncio.sleep(0.005)


async def test_send_returns_before_the_ack_and_the_event_is_acked_after_it():
    topic = ScriptedTopic(lambda key, attempt: "ok", hold=len(KEYS))
    acks = Acks()
    flight = sender(acks)
    for i, record in enumerate(records(topic)[:-1]):
        await flight.send(f"e{i}", [record])
    # nine records handed over, none acked by the "broker" yet: no event may be acked
    assert topic.acked == [] and acks.events == [] and flight.in_flight == 9
    await flight.send("e9", [records(topic)[-1]])
    await settle(flight, acks, 10)
    assert acks.events == [f"e{i}" for i in range(10)]


async def test_an_event_is_acked_only_when_all_its_records_are_and_the_hook_runs_first():
    topic = ScriptedTopic(lambda key, attempt: "ok", hold=3)
    acks, hooked = Acks(), []
    flight = sender(acks)
    await flight.send("two", records(topic)[:2], on_acked=lambda: hooked.append(list(acks.events)))
    assert acks.events == [] and hooked == []
    await flight.send("one", records(topic)[2:3])
    await settle(flight, acks, 2)
    assert hooked == [[]]  # the hook ran before its event was acked
    assert acks.events == ["two", "one"]


async def test_an_event_with_records_on_two_topics_waits_for_both():
    enriched = ScriptedTopic(lambda key, attempt: "ok")
    hits = ScriptedTopic(lambda key, attempt: "ok", hold=2)  # answers once it has two records
    acks = Acks()
    flight = sender(acks)
    await flight.send("e0", [(enriched, "a0", {}), (hits, "story", {})])
    await drain_loop()
    assert enriched.acked and not hits.acked and acks.events == []
    await flight.send("e1", [(hits, "story2", {})])
    await settle(flight, acks, 2)
    assert acks.events == ["e0", "e1"]


async def test_an_event_without_records_is_acked_at_once():
    acks = Acks()
    flight = sender(acks)
    await flight.send("nothing", [])
    assert acks.events == ["nothing"]


@pytest.mark.parametrize("verdict", ["fail", "never", "raise"])
async def test_a_record_the_broker_did_not_take_is_sent_again_counted_and_its_event_waits(verdict):
    # a3 and a7 fail on their first attempt, then the broker takes them
    topic = ScriptedTopic(lambda key, attempt: verdict if key in {"a3", "a7"} and attempt == 1 else "ok")
    acks, metrics = Acks(), Metrics()
    flight = sender(acks, timeout=0.3, metrics=metrics)
    for i, record in enumerate(records(topic)):
        await flight.send(f"e{i}", [record])
    # the good ones are acked now; e3 and e7 wait for their resend (after 1 s)
    await settle_some(acks, 8)
    assert "e3" not in acks.events and "e7" not in acks.events
    await settle(flight, acks, 10)
    assert sorted(acks.events) == sorted(f"e{i}" for i in range(10))
    assert topic.attempts["a3"] == topic.attempts["a7"] == 2 and topic.attempts["a0"] == 1
    assert metrics.registry.get_sample_value("watchfloor_kafka_send_errors_total", {"topic": "enriched"}) == 2


async def test_an_ack_that_comes_after_the_deadline_is_not_counted_twice():
    late: list = []

    class LateTopic(ScriptedTopic):
        async def send(self, key, value):
            self.attempts[key] += 1
            fut = asyncio.get_running_loop().create_future()
            if self.attempts[key] == 1:
                late.append(fut)  # answered only after the deadline
            else:
                fut.set_result("metadata")
            return fut

    acks, topic = Acks(), LateTopic(None)
    flight = sender(acks, timeout=0.1)
    await flight.send("e0", [records(topic)[0]])
    await flight.send("e1", [records(topic)[1]])
    await settle(flight, acks, 2)  # both resent after 1 s and acked
    for fut in late:
        fut.set_result("metadata")  # the first attempts land after all
    await drain_loop()
    assert sorted(acks.events) == ["e0", "e1"] and flight.in_flight == 0


async def settle_some(acks: Acks, want: int, timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while len(acks.events) < want:
            await asyncio.sleep(0.005)


async def test_sending_waits_while_too_many_records_are_in_flight():
    topic = ScriptedTopic(lambda key, attempt: "ok", hold=4)
    acks = Acks()
    flight = sender(acks, max_in_flight=3)
    for i in range(3):
        await flight.send(f"e{i}", [records(topic)[i]])
    blocked = asyncio.ensure_future(flight.send("e3", [records(topic)[3]]))
    await drain_loop()
    assert not blocked.done() and topic.attempts["a3"] == 0  # held back, not handed over
    # the broker answers once it has four records: free room by acking the first three by hand
    for fut, _, _ in topic._held:
        fut.set_result("metadata")
    topic._held.clear()
    async with asyncio.timeout(5):
        await blocked
    assert topic.attempts["a3"] == 1


# --- the agents on real Kafka ---------------------------------------------------------------


async def records_per_key(bootstrap: str, topic: str) -> Counter:
    """How many records each (JSON) key has in ``topic``, read to the end."""
    from aiokafka import AIOKafkaConsumer

    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=None, auto_offset_reset="earliest",
                                enable_auto_commit=False)
    await consumer.start()
    counts: Counter = Counter()
    try:
        while not consumer.assignment():
            await consumer.getmany(timeout_ms=200)
        parts = list(consumer.assignment())
        await consumer.seek_to_beginning(*parts)
        ends = await consumer.end_offsets(parts)

        async def behind() -> bool:
            return any([await consumer.position(tp) < ends[tp] for tp in parts])

        while await behind():
            for records in (await consumer.getmany(timeout_ms=500, max_records=5000)).values():
                counts.update(json.loads(r.key) for r in records)
    finally:
        await consumer.stop()
    return counts


@pytest.mark.kafka
def test_repeats_in_flight_and_later_are_enriched_once_and_alert_once(tmp_path, kafka_broker):
    from tests.workload import ExpectedAlerts, create_topics, group_lag, inject, make_articles
    from streams.kafka.topics import TopicNames
    from tests.support import Service, WebhookReceiver, wait_for_sync

    articles = make_articles(600, 20, prefix="inflight")
    expected = ExpectedAlerts(articles, 20)  # worked out while the worker starts
    # each article three times: twice back to back (the first most likely still in flight),
    # once much later; 1,800 records for 600 ids
    stream = [a for a in articles for _ in range(2)] + articles
    receiver = WebhookReceiver().start()
    service = Service(tmp_path, "--broker", kafka_broker.url, "--webhook", receiver.url,
                      env={"WATCHFLOOR_LOG_LEVEL": "WARNING"})
    names = TopicNames(service.app_id)
    try:
        asyncio.run(create_topics(kafka_broker.bootstrap, service.app_id, 4))
        service.start().wait_ready(120)
        asyncio.run(inject(kafka_broker.bootstrap, names.articles, stream))
        wait_for_sync(lambda: service.metric("watchfloor_articles_deduplicated_total") >= 1200, 120,
                      what="1,200 repeats dropped")
        wait_for_sync(lambda: service.metric("watchfloor_articles_processed_total") >= 600, 120,
                      what="600 articles classified")
        topics = [names.articles, names.hits, names.alerts]
        wait_for_sync(lambda: sum(asyncio.run(group_lag(kafka_broker.bootstrap, service.app_id, topics)).values())
                      == 0, 120, interval=1.0, what="every offset committed")
        wait_for_sync(lambda: {r["body"]["data"]["id"] for r in receiver.delivered()} >= set(expected), 120,
                      what=f"{len(expected)} alerts delivered")
        per_id = asyncio.run(records_per_key(kafka_broker.bootstrap, names.enriched))
        assert per_id == Counter({a.id: 1 for a in articles})
        assert service.metric("watchfloor_articles_deduplicated_total") == 1200
        assert service.metric("watchfloor_articles_processed_total") == 600
        assert service.metric("watchfloor_kafka_send_errors_total") == 0
        assert {r["body"]["data"]["id"] for r in receiver.delivered()} == set(expected)
    finally:
        service.stop()
        receiver.stop()
