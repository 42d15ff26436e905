"""Faults on real Kafka: a worker SIGKILLed mid-stream, a worker lost from a pair, a webhook
receiver down, then busy (refusing connections, then answering 503). Nothing may be lost.

Articles go straight into ``<app_id>-articles`` (the poller's wire format). 4% of them are
alert-worthy, each a distinct event (its own topic x country, its own wording), so story
clustering gives each its own story and ``tests.workload.expected_alerts`` - the agents' pure
stages run in this process - names the exact alert ids that must reach the idle_receiver.

"Every alert is delivered" is asserted as: the set of alert ids the receiver acknowledged
(2xx) equals the expected set - none missing, none extra. Duplicates are allowed (at-least-
once after a crash) but every request for one article's event carries one and the same
``webhook-id``, equal to the alert id in its body, so a receiver can drop the repeats.

"Every article is processed" is read from the broker, not from a worker's counters (a killed
worker's counters die with it): the enriched topic holds every article id, and the consumer
group has committed every offset of the articles, hits and alerts topics (so the enrich and
classify agent, the story and the notify agents consumed all of it; nothing reads ``enriched``
back).

Topics, table changelogs included, are created before the worker starts
(``tests.workload.create_topics``): a fresh app on real Kafka otherwise crashes its notify
agent on every ``delivered`` write for minutes (see that function's docstring) - a bug of
its own, which would hide the ones these tests are about.
"""

from __future__ import annotations

import asyncio
import signal

import pytest

from tests.workload import (
    PARTITIONS,
    articles_and_alerts,
    check_deliveries,
    create_topics,
    inject,
    kafka_service,
    wait_all_processed,
    wait_delivered,
)
from streams.kafka.topics import TopicNames
from tests.support import wait_for_sync

pytestmark = pytest.mark.kafka

def test_sigkill_mid_stream_then_restart_loses_nothing(tmp_path, kafka_broker, idle_receiver):
    articles, expected = articles_and_alerts(5000, 200, "kill")
    idle_receiver.start()
    service = kafka_service(tmp_path, kafka_broker, idle_receiver)
    topic = TopicNames(service.app_id).articles
    asyncio.run(create_topics(kafka_broker.bootstrap, service.app_id, PARTITIONS))
    asyncio.run(inject(kafka_broker.bootstrap, topic, articles[:2500]))
    service.start().wait_ready(120)
    try:
        wait_for_sync(lambda: service.metric("watchfloor_articles_processed_total") >= 1000, 120,
                      what="1,000 articles processed before the kill")
        service.stop(signal.SIGKILL)
        # the second half arrives while the worker is dead: work is left for the restart for sure
        asyncio.run(inject(kafka_broker.bootstrap, topic, articles[2500:]))
        service.start().wait_ready(120)
        wait_delivered(idle_receiver, expected, kafka_broker.bootstrap, service.app_id)
        wait_all_processed(kafka_broker.bootstrap, service.app_id, {a.id for a in articles})
        check_deliveries(idle_receiver, expected)
    finally:
        service.stop()


def test_two_workers_one_killed_the_survivor_finishes(tmp_path, kafka_broker, idle_receiver):
    articles, expected = articles_and_alerts(5000, 200, "pair")
    idle_receiver.start()
    survivor = kafka_service(tmp_path / "a", kafka_broker, idle_receiver)
    victim = kafka_service(tmp_path / "b", kafka_broker, idle_receiver, app_id=survivor.app_id)
    topic = TopicNames(survivor.app_id).articles
    asyncio.run(create_topics(kafka_broker.bootstrap, survivor.app_id, PARTITIONS))
    survivor.start()
    victim.start()
    try:
        survivor.wait_ready(120)
        victim.wait_ready(120)
        # both hold partitions before any work arrives
        wait_for_sync(lambda: survivor.healthy() and victim.healthy() and survivor.get("/health")["feed_partitions"]
                      and victim.get("/health")["feed_partitions"], 120, what="partitions spread over both workers")
        asyncio.run(inject(kafka_broker.bootstrap, topic, articles[:2500]))
        wait_for_sync(lambda: victim.metric("watchfloor_articles_processed_total") >= 200, 120,
                      what="the second worker processing its share")
        victim.stop(signal.SIGKILL)
        asyncio.run(inject(kafka_broker.bootstrap, topic, articles[2500:]))
        wait_delivered(idle_receiver, expected, kafka_broker.bootstrap, survivor.app_id)
        wait_all_processed(kafka_broker.bootstrap, survivor.app_id, {a.id for a in articles})
        check_deliveries(idle_receiver, expected)
        wait_for_sync(lambda: survivor.get("/health")["feed_partitions"] == list(range(PARTITIONS)), 60,
                      what="the survivor owning every partition")
    finally:
        victim.stop(signal.SIGKILL)
        survivor.stop()


REFUSED_TRIES = 3  # delivery attempts refused (nothing listening) before the receiver starts
BUSY_ANSWERS = 3  # then its first answers: 503


def test_receiver_down_then_busy_loses_nothing(tmp_path, kafka_broker, idle_receiver):
    """Refused connections until the worker has retried ``REFUSED_TRIES`` times, then 503 to the
    first ``BUSY_ANSWERS`` calls, then 200: the schedule (104 s) covers it, and the alerts wait
    through several retries of each kind of failure (the outage lasts until they happened)."""
    articles, expected = articles_and_alerts(1000, 40, "down")
    idle_receiver.script = lambda n: 503 if n < BUSY_ANSWERS else 200
    service = kafka_service(tmp_path, kafka_broker, idle_receiver,
                            env={"WATCHFLOOR_RETRY_SCHEDULE": "0,0.5,1,1,1,2,2,2,5,10,20,30,30"})
    asyncio.run(create_topics(kafka_broker.bootstrap, service.app_id, PARTITIONS))
    service.start().wait_ready(120)
    try:
        asyncio.run(inject(kafka_broker.bootstrap, TopicNames(service.app_id).articles, articles))
        wait_for_sync(lambda: service.metric("watchfloor_delivery_retries_total") >= REFUSED_TRIES, 120,
                      what=f"{REFUSED_TRIES} delivery attempts refused by the absent receiver")
        assert not idle_receiver.received
        idle_receiver.start()
        wait_delivered(idle_receiver, expected, kafka_broker.bootstrap, service.app_id)
        wait_all_processed(kafka_broker.bootstrap, service.app_id, {a.id for a in articles})
        check_deliveries(idle_receiver, expected)
        assert [r["status"] for r in idle_receiver.received[:BUSY_ANSWERS]] == [503] * BUSY_ANSWERS
        assert service.metric("watchfloor_dead_letters_total") == 0
        assert service.metric("watchfloor_deliveries_total", {"outcome": "retrying"}) >= 2
    finally:
        service.stop()
