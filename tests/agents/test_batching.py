"""Batched sends (agents/batching.py) and the batched enrich/classify agents.

The helper is checked against scripted topics (acks that fail, never come, or come only once
the whole batch is handed over); the agents on real Kafka, with articles repeated inside one
injection so that repeats meet in one batch as well as across batches.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter

import pytest

from agents.batching import send_all_until_acked, send_round
from streams.metrics import Metrics


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


RECORDS = [(f"a{i}", {"n": i}) for i in range(10)]


async def test_a_round_hands_over_every_record_before_waiting_for_acks():
    topic = ScriptedTopic(lambda key, attempt: "ok", hold=len(RECORDS))
    failed, error = await send_round(topic, RECORDS, timeout=5.0)
    assert (failed, error) == ([], None)
    assert topic.acked == RECORDS


@pytest.mark.parametrize("bad, verdict, error_type", [
    ({"a3"}, "fail", ConnectionError),
    ({"a0", "a9"}, "never", TimeoutError),
    ({"a4"}, "raise", ConnectionError),
])
async def test_a_round_returns_exactly_the_records_not_acked(bad, verdict, error_type):
    topic = ScriptedTopic(lambda key, attempt: verdict if key in bad else "ok")
    failed, error = await send_round(topic, RECORDS, timeout=0.2)
    if verdict == "raise":
        # a send that raises stops the round: it and every record after it are not acked
        first = min(int(k[1:]) for k in bad)
        assert failed == RECORDS[first:]
        assert topic.acked == RECORDS[:first]
    else:
        assert failed == [r for r in RECORDS if r[0] in bad]
        assert topic.acked == [r for r in RECORDS if r[0] not in bad]
    assert isinstance(error, error_type)


@pytest.mark.parametrize("verdict, bad, errors", [
    ("fail", {"a3", "a7"}, 2 * 2),  # two records x two failed rounds
    ("never", {"a3", "a7"}, 2 * 2),
    ("raise", {"a3"}, 7 * 2),  # a send that raises ends the round: a3..a9 not acked, twice
])
async def test_send_all_resends_only_what_failed_counts_it_and_never_raises(verdict, bad, errors):
    # the bad records fail twice, then the broker takes them
    topic = ScriptedTopic(lambda key, attempt: verdict if key in bad and attempt <= 2 else "ok")
    metrics = Metrics()
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    await send_all_until_acked(topic, RECORDS, timeout=0.2, metrics=metrics, label="enriched", sleep=sleep)
    assert sorted(topic.acked, key=lambda r: r[1]["n"]) == RECORDS  # every record acked, each once
    assert waits == [1.0, 2.0]  # backoff between rounds
    assert metrics.registry.get_sample_value("watchfloor_kafka_send_errors_total", {"topic": "enriched"}) == errors
    assert topic.attempts["a0"] == 1  # acked records are not sent again


async def test_send_all_of_nothing_sends_nothing():
    topic = ScriptedTopic(lambda key, attempt: "raise")
    await send_all_until_acked(topic, [], timeout=0.2, metrics=Metrics(), label="enriched")
    assert not topic.attempts


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
def test_repeats_inside_and_across_batches_are_enriched_once_and_alert_once(tmp_path, kafka_broker):
    from bench.common import create_topics, expected_alerts, group_lag, inject, make_articles
    from streams.topics import TopicNames
    from tests.support import Service, WebhookReceiver, wait_for_sync

    articles = make_articles(600, 20, prefix="batch")
    expected = expected_alerts(articles)
    # each article three times: twice back to back (same batch, most likely), once much later
    # (another batch); 1,800 records for 600 ids
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
        topics = [names.articles, names.enriched, names.hits, names.alerts]
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
