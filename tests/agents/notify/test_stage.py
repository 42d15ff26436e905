"""The notify stage driven in-process against real receivers on 127.0.0.1: tables as dicts,
the dead-letter topic as a list (no broker, no subprocess)."""

from __future__ import annotations

import aiohttp
import pytest

from agents.notify.destinations import destinations_from_settings
from agents.notify.sender import Sender
from agents.notify.stage import NotifyStage
from streams.core.metrics import Metrics
from tests.support import LOOPBACK
from agents.notify.sender import destination_session
from streams.core.records import Alert
from streams.core.settings import Settings
from tests.agents.stages import Sink
from tests.support import WebhookReceiver, wait_for


def alert(n: int = 1, kind: str = "new") -> Alert:
    return Alert(id=f"story-{n}:0", story_id=f"story-{n}", kind=kind, topic="missile_launch", severity="critical",
                 title="North Korea fires ICBM", link="https://wire.example/a1", evidence="North Korea fired.",
                 phrase="fired", entities=[], first_seen=1.0, created=2.0)


@pytest.fixture
def receiver():
    r = WebhookReceiver().start()
    yield r
    r.stop()


async def make_stage(*urls: str, user_agent: str = "watchfloor-test/1"
                     ) -> tuple[NotifyStage, Sink, Metrics, aiohttp.ClientSession]:
    settings = Settings(webhooks=list(urls), retry_schedule=[0, 0.01], user_agent=user_agent,
                        allow_private_networks=True)
    session = destination_session(LOOPBACK, timeout=30)
    sender = Sender(session, policy=LOOPBACK, timeout=5, user_agent=settings.user_agent)

    async def get_sender() -> Sender:
        return sender

    dead, metrics = Sink(), Metrics()
    stage = NotifyStage(destinations=destinations_from_settings(settings), routes=None, settings=settings,
                        metrics=metrics, delivered={}, slack_threads={}, am_active={}, sender=get_sender,
                        dead_letter=dead)
    return stage, dead, metrics, session


async def test_an_alert_is_delivered_once_with_the_configured_user_agent(receiver):
    stage, dead, metrics, session = await make_stage(receiver.url)
    try:
        await stage.on_alert(alert())
        await stage.on_alert(alert())  # a re-read after a restart: already delivered
    finally:
        await session.close()
    [got] = receiver.received
    assert got["body"]["data"]["id"] == "story-1:0"
    assert got["headers"]["webhook-id"] == "story-1:0"
    assert got["headers"]["User-Agent"] == "watchfloor-test/1"
    assert stage.delivered["webhook-1|story-1:0"] > 0 and dead == []
    assert [a["id"] for a in stage.recent_alerts] == ["story-1:0", "story-1:0"]
    assert metrics.registry.get_sample_value("watchfloor_deliveries_total",
                                             {"destination_kind": "webhook", "outcome": "already_delivered"}) == 1


async def test_a_permanent_refusal_is_dead_lettered_and_settled(receiver):
    receiver.script = lambda n: 404
    stage, dead, metrics, session = await make_stage(receiver.url)
    try:
        await stage.on_alert(alert())
    finally:
        await session.close()
    assert len(receiver.received) == 1  # no retry on a permanent 4xx
    [(key, letter)] = dead
    assert key == "story-1:0" and letter["permanent"] and letter["destination"]["id"] == "webhook-1"
    assert stage.delivered["webhook-1|story-1:0"] < 0  # settled: a restart does not try again
    assert metrics.registry.get_sample_value("watchfloor_dead_letters_total",
                                             {"destination_kind": "webhook", "reason": "http_4xx"}) == 1


async def test_a_transient_failure_is_retried_then_delivered(receiver):
    receiver.script = lambda n: 503 if n == 0 else 200
    stage, dead, _, session = await make_stage(receiver.url)
    try:
        await stage.on_alert(alert())
    finally:
        await session.close()
    assert [r["status"] for r in receiver.received] == [503, 200]
    assert {r["headers"]["webhook-id"] for r in receiver.received} == {"story-1:0"}
    assert dead == [] and stage.delivered["webhook-1|story-1:0"] > 0


async def test_every_destination_of_an_alert_is_served(receiver):
    other = WebhookReceiver().start()
    try:
        stage, _, _, session = await make_stage(receiver.url, f"ops={other.url}")
        try:
            await stage.on_alert(alert())
        finally:
            await session.close()
    finally:
        other.stop()
    assert len(receiver.delivered()) == 1 and len(other.delivered()) == 1
    assert set(stage.delivered) == {"webhook-1|story-1:0", "ops|story-1:0"}


async def test_a_failing_destination_is_named_by_health_and_the_gauges(receiver):
    """/health's notify part and the backlog gauges, on a fake clock."""
    import asyncio

    receiver.script = lambda n: 500
    stage, dead, metrics, session = await make_stage(f"ops={receiver.url}")
    now = [1000.0]
    stage._clock = lambda: now[0]
    stage.settings = stage.settings.model_copy(update={"retry_schedule": [0] + [0.05] * 200,
                                                       "destination_failing_after": 60.0})
    try:
        raised = Alert.from_data({**alert().asdict(), "created": 990.0})
        work = asyncio.ensure_future(stage.on_queued(raised, stage.destinations[0]))
        await wait_for(lambda: len(receiver.received) >= 2, what="two refused attempts")
        assert stage.health() == {}
        now[0] += 61  # the alert was raised at t=990; the streak began at t=1000
        stage.update_gauges()
        reason = stage.health()["ops"]
        assert "failing for 61s" in reason and "HTTP 500" in reason
        gauge = metrics.registry.get_sample_value
        assert gauge("watchfloor_destination_failing_seconds", {"destination": "ops"}) == 61
        assert gauge("watchfloor_delivery_oldest_undelivered_seconds", {"destination": "ops"}) == 71
        receiver.script = lambda n: 200
        assert await asyncio.wait_for(work, 10) is True
    finally:
        await session.close()
    stage.update_gauges()
    assert stage.health() == {}
    assert gauge("watchfloor_delivery_oldest_undelivered_seconds", {"destination": "ops"}) == 0
    assert gauge("watchfloor_destination_failing_seconds", {"destination": "ops"}) == 0
    assert dead == []


async def test_let_go_leaves_a_retrying_alert_unsettled(receiver):
    """What SIGTERM does to a delivery in its retry wait: no delivered mark, no dead letter."""
    import asyncio

    receiver.script = lambda n: 503
    stage, dead, metrics, session = await make_stage(receiver.url)
    stage.settings = stage.settings.model_copy(update={"retry_schedule": [0, 3600]})
    try:
        work = asyncio.ensure_future(stage.on_queued(alert(), stage.destinations[0]))
        # the first attempt was refused and counted: the delivery is in its hour-long wait
        await wait_for(lambda: metrics.registry.get_sample_value(
            "watchfloor_delivery_retries_total", {"destination_kind": "webhook"}) == 1, what="a retry scheduled")
        assert stage.let_go() == 1
        assert await asyncio.wait_for(work, 5) is False
    finally:
        await session.close()
    assert stage.delivered == {} and dead == []


async def test_while_held_nothing_starts_and_resume_lets_it_go_on(receiver):
    """Between a revocation and the next assignment no delivery starts (Faust would wait for it)."""
    stage, dead, metrics, session = await make_stage(receiver.url)
    try:
        assert stage.let_go() == 0
        assert await stage.on_queued(alert(), stage.destinations[0]) is False
        assert receiver.received == []
        stage.resume()
        assert await stage.on_queued(alert(), stage.destinations[0]) is True
    finally:
        await session.close()
    assert len(receiver.delivered()) == 1
