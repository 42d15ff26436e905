"""Faults on real Kafka: the broker itself goes away mid-stream, then comes back.

Two ways of going away, each for a fixed ``OUTAGE`` (12.5 s) while a worker is busy with articles:

* killed (SIGKILL, a crash): connections are refused; the broker is then started again on the
  same port, with the same data dir and cluster id (``KafkaBroker.kill`` / ``start``);
* frozen (SIGSTOP): the port still accepts TCP connections but nothing answers, the case where
  an unbounded ``send_and_wait`` hangs for ever; then thawed (SIGCONT).

The module has a broker of its own (the session's broker is shared, and this one is killed and
frozen); each test gets it running and thawed, and uses topics of its own (its own app id).
The worker (``watchfloor run --broker``) must stay alive through the outage, say what went wrong
while it lasts (the ``watchfloor_kafka_send_errors_total`` metric, and an ERROR line naming the
topic it could not send to), and, once the broker is back, deliver exactly the expected alerts
and get every article to the enriched topic, as in tests/test_faults.py (whose checks these
reuse). Half of the articles are in Kafka before the outage, the rest are injected after it.

``WATCHFLOOR_KAFKA_TIMEOUT=5``: the outage lasts two and a half times the bound on a produce
call, so a send that hangs must be given up on (and reported) while the broker is still away,
and longer than the worker's 6 s consumer-group session, so the group has to be joined again.
"""

from __future__ import annotations

import asyncio
import re
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from streams.kafka.topics import TopicNames
from tests.support import Service, wait_for_sync
from tests.workload import (
    PARTITIONS,
    articles_and_alerts,
    check_deliveries,
    create_topics,
    inject,
    kafka_broker_module,
    kafka_service,
    wait_all_processed,
    wait_delivered,
)

pytestmark = [pytest.mark.kafka, pytest.mark.slow, pytest.mark.timeout(900)]

KAFKA_TIMEOUT = 5.0
SESSION_TIMEOUT = 6.0  # the worker's consumer-group session (WATCHFLOOR_SESSION_TIMEOUT of tests.workload.kafka_service)
# seconds the broker is away: the fault itself, over twice KAFKA_TIMEOUT (sends fail, then retry) and
# over the session (the worker's membership expires: it joins the group again once the broker is back)
OUTAGE = 2.5 * KAFKA_TIMEOUT
assert OUTAGE > SESSION_TIMEOUT


@pytest.fixture(scope="module")
def module_broker():
    kb = kafka_broker_module().KafkaBroker(startup_timeout=120.0)
    kb.start()
    yield kb
    kb.stop()


@pytest.fixture
def broker(module_broker):
    """The module's broker, up and answering (a test that failed mid-outage may have left it
    killed or frozen)."""
    kb = module_broker
    if kb.frozen:
        kb.thaw()
    kb.start()  # no-op when running; else the same broker (data, port, cluster id) again
    kb.wait_ready(120)
    return kb


@dataclass
class Watch:
    """What the worker showed while the broker was away, sampled once a second."""

    alive_checks: int = 0
    health: list[Any] = field(default_factory=list)  # status string, or the error of the request
    send_errors: list[float] = field(default_factory=list)


def watch_outage(service: Service, seconds: float) -> Watch:
    """Keep the broker away for ``seconds`` (the fault's fixed duration), checking once a second
    that the worker process lives, and recording its /health and send-error count."""
    seen = Watch()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        assert service.proc is not None and service.proc.poll() is None, \
            f"watchfloor exited while the broker was away:\n{service.log()[-4000:]}"
        seen.alive_checks += 1
        try:
            seen.health.append(service.get("/health")["status"])
        except Exception as exc:  # 503 while not ready comes as HTTPError: read its body
            body = getattr(exc, "read", lambda: b"")()
            seen.health.append(body.decode(errors="replace")[:80] or repr(exc))
        try:
            seen.send_errors.append(service.metric("watchfloor_kafka_send_errors_total"))
        except Exception as exc:
            seen.send_errors.append(float("nan"))
            seen.health.append(f"/metrics: {exc!r}")
        time.sleep(max(0.0, min(1.0, end - time.monotonic())))
    return seen


def run_outage(tmp_path, broker, idle_receiver, *, prefix: str, go_away: Callable[[], None],
               come_back: Callable[[], None]) -> None:
    articles, expected = articles_and_alerts(1600, 64, prefix)
    half = len(articles) // 2
    idle_receiver.start()
    service = kafka_service(tmp_path, broker, idle_receiver, env={"WATCHFLOOR_KAFKA_TIMEOUT": str(KAFKA_TIMEOUT)})
    topic = TopicNames(service.app_id).articles
    asyncio.run(create_topics(broker.bootstrap, service.app_id, PARTITIONS))
    asyncio.run(inject(broker.bootstrap, topic, articles[:half]))
    service.start().wait_ready(180)
    try:
        # mid-stream: the worker has begun on the first half, and has records in flight
        wait_for_sync(lambda: service.metric("watchfloor_articles_processed_total") >= 50, 180, interval=0.02,
                      what="the worker processing the first articles")
        errors_before = service.metric("watchfloor_kafka_send_errors_total")
        log_before = len(service.log())
        go_away()
        seen = watch_outage(service, OUTAGE)
        come_back()

        # it said what went wrong while the broker was away: counted, and logged with the topic
        during = service.log()[log_before:]
        assert seen.send_errors and max(seen.send_errors) > errors_before, (
            f"no failed Kafka send counted during a {OUTAGE:.0f}s broker outage "
            f"(watchfloor_kafka_send_errors_total {errors_before} -> {seen.send_errors}); health {seen.health}")
        assert re.search(rf"ERROR .*send to {re.escape(service.app_id)}-\w+ failed", during), during[-3000:]
        # and /health said so (503, status kafka_failing) at least once while it lasted
        assert any("kafka_failing" in h for h in seen.health), f"/health during the outage: {seen.health}"

        # and once the broker is back, nothing it had accepted is lost
        asyncio.run(inject(broker.bootstrap, topic, articles[half:]))
        wait_delivered(idle_receiver, expected, broker.bootstrap, service.app_id, timeout=300)
        wait_all_processed(broker.bootstrap, service.app_id, {a.id for a in articles}, timeout=300)
        check_deliveries(idle_receiver, expected)
        assert service.proc is not None and service.proc.poll() is None, service.log()[-4000:]
        print(f"\noutage: health {sorted(set(seen.health))}, send errors {errors_before} -> "
              f"{max(seen.send_errors)}")
    except BaseException:
        try:
            state = service.get("/health")
        except Exception as exc:  # a 503 body says why it is not ready
            body = exc.read() if hasattr(exc, "read") else repr(exc).encode()
            state = body.decode(errors="replace")
        print(f"--- worker /health at failure: {state}")
        print(f"--- worker log tail ---\n{service.log()[-6000:]}\n--- broker log tail ---\n{broker.log_tail(30)}")
        raise
    finally:
        service.stop()


def test_broker_killed_then_restarted_loses_nothing(tmp_path, broker, idle_receiver):
    port, cluster_id = broker.port, broker.cluster_id

    def come_back() -> None:
        broker.start()
        assert (broker.port, broker.cluster_id) == (port, cluster_id)

    run_outage(tmp_path, broker, idle_receiver, prefix="bkill", go_away=lambda: broker.kill(signal.SIGKILL),
               come_back=come_back)


def test_broker_frozen_then_thawed_loses_nothing(tmp_path, broker, idle_receiver):
    run_outage(tmp_path, broker, idle_receiver, prefix="bfreeze", go_away=broker.freeze, come_back=broker.thaw)
