"""Notify stage: deliver every alert to every destination, each at its own pace.

alerts (key: story id) -> route -> one queue per destination (``<app>-deliver-<id>``, key:
story id) -> [delivered table] -> send with retries -> delivered | dead letter

Why one ordered queue per destination, retried in place. The field offers two shapes:
retry topics with growing delays and a dead-letter topic (Spring Kafka's retryable topics,
Uber's reprocessing queues), where a failed record moves on and the partition is free at
once; and a queue per endpoint (Svix's per-endpoint delivery), where one endpoint's trouble
stays its own. Retry topics give up order by construction: revision 2 of a story overtakes
revision 1 still waiting in ``retry-5m``, and re-collapsing them needs per-story state in
every retry tier. Alerts are revisions of a story, read in order by a human, so the queue
here is per destination and ordered: the alerts topic is only fanned out (a produce per
destination, no HTTP), and each destination's own topic is worked one alert at a time,
retried in place with Svix's schedule. A dead destination holds back its own topic and
nothing else: the healthy ones are served from theirs within the second. What waits stays
in Kafka: Faust pauses a partition whose stream buffer is full, so a destination down for
hours with 10,000 alerts behind it costs the worker a bounded buffer, not a list per alert.

Guarantees, and how:

* At-least-once. A queue record is acknowledged only when its alert is delivered or
  dead-lettered (the queue topics are strict: the commit never passes an unsettled record),
  so a restart or a rebalance re-reads what was pending.
* The same idempotency key every time: the queued record is the alert itself, so every
  attempt, before or after a restart, sends ``webhook-id`` = alert id.
* Order per story per destination: the queue is keyed by story id and worked in order.
* ``delivered`` (destination id + alert id) is written only after the receiver's 2xx, so a
  re-read resends only what was not acknowledged.
* No retry on a permanent 4xx; exhausted or permanent failures go to the dead-letter topic.
* Nothing raises out of an agent (Faust acks a message whose agent raised, which would lose
  the alert): :func:`agents.notify.delivery.deliver_with_retries` returns an outcome.
* :class:`agents.notify.backlog.Backlog` tells /health and the gauges how long each
  destination has been failing and how old its oldest undelivered alert is.

Alertmanager forgets an alert whose endsAt passes, so the stories sent there are re-sent on
a timer (``alertmanager-active``) and resolved once quiet.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import aiohttp

from agents.notify.backlog import Backlog
from agents.notify.delivery import Outcome, deliver_with_retries
from agents.notify.destinations import Destination, destinations_from_settings
from agents.notify.routes import Routes, check_routes, load_routes, route
from agents.notify.sender import Sender, destination_session
from streams.core.metrics import Metrics
from streams.core.records import Alert
from streams.core.settings import Settings
from streams.ingest.netguard import destination_policy
from streams.kafka.faust_app import Runtime
from streams.kafka.inflight import ack_event
from streams.kafka.sending import send_until_acked
from streams.kafka.tables import ALERTMANAGER_ACTIVE, DELIVERED, SLACK_THREADS, SWEEP_INTERVAL, sweep
from streams.kafka.timers import guarded

log = logging.getLogger(__name__)

DAY = 86400.0
#: ``delivered``: a re-read after a restart comes within minutes; a week is generous
DELIVERED_TTL = 7 * DAY
#: ``slack-threads``: a story takes updates until 96 h after its last report
#: (``stories.DEFAULT_MAX_AGE``); a week from its first message is generous
SLACK_THREAD_TTL = 7 * DAY
#: the alerts /alerts shows as recently delivered by this worker
RECENT_ALERTS = 200
#: how often the backlog gauges are refreshed, seconds
GAUGE_INTERVAL = 5.0


def delivered_at(value: Any) -> float | None:
    """``delivered`` holds the delivery time, negated for a dead-lettered alert."""
    return abs(float(value)) if value is not None else None


def slack_ts_at(value: Any) -> float | None:
    """A Slack message ts is its epoch time: "1700000000.000100"."""
    return float(value) if value else None


def dead_letter(alert: Alert, dest: Destination, outcome: Outcome, *, now: float) -> dict[str, Any]:
    return {
        "alert": alert.asdict() if hasattr(alert, "asdict") else alert,
        "destination": {"id": dest.id, "kind": dest.kind},
        "reason": outcome.reason,
        "permanent": outcome.permanent,
        "attempts": outcome.attempts,
        "detail": outcome.detail,
        "failed_at": now,
    }


Enqueue = Callable[[Destination, Alert], Awaitable[None]]


class NotifyStage:
    """Delivers alerts. ``delivered``, ``slack_threads`` and ``am_active`` are Faust tables in
    the service and dicts in tests; ``sender()`` gives the :class:`Sender` (made on first use,
    inside the running loop); ``dead_letter(key, value)`` puts a record on the dead-letter topic;
    ``enqueue(dest, alert)`` puts an alert on a destination's queue (None: deliver at once,
    all destinations concurrently, as a test without Kafka wants)."""

    def __init__(self, *, destinations: list[Destination], routes: Routes | None, settings: Settings,
                 metrics: Metrics, delivered: MutableMapping[str, Any], slack_threads: MutableMapping[str, Any],
                 am_active: MutableMapping[str, Any], sender: Callable[[], Awaitable[Sender]],
                 dead_letter: Callable[[str, dict[str, Any]], Awaitable[None]], enqueue: Enqueue | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.destinations, self.routes, self.settings, self.metrics = destinations, routes, settings, metrics
        self.delivered, self.slack_threads, self.am_active = delivered, slack_threads, am_active
        self.sender, self._dead_letter, self._enqueue, self._clock = sender, dead_letter, enqueue, clock
        self.recent_alerts: collections.deque[dict[str, Any]] = collections.deque(maxlen=RECENT_ALERTS)
        self.backlog = Backlog([d.id for d in destinations])
        self._working: dict[str, asyncio.Future[None]] = {}
        self._held = False

    async def on_alert(self, alert: Alert) -> None:
        """One record of the alerts topic: onto the queue of every destination its route names."""
        targets = route(alert, self.routes, self.destinations)
        if not targets:
            log.warning("alert %s (%s) has no destination; configure --webhook or --slack-webhook",
                        alert.id, alert.topic)
        if self._enqueue is None:
            await asyncio.gather(*(self.on_queued(alert, d) for d in targets))
        else:
            await asyncio.gather(*(self._enqueue(d, alert) for d in targets))
        if any(d.kind == "alertmanager" for d in targets) and alert.kind in ("new", "update"):
            self.am_active[alert.story_id] = {"alert": alert.asdict(), "last_update": time.time()}
        self.recent_alerts.append(alert.asdict())

    async def on_queued(self, alert: Alert, dest: Destination) -> bool:
        """One record of ``dest``'s queue, delivered or dead-lettered before the next one: True.
        False when :meth:`let_go` gave it up (the worker stops): the caller must not ack it."""
        if self._held:  # between let_go and resume: read again from the committed offset later
            return False
        self.backlog.working(dest.id, raised=alert.created or self._clock())
        task = asyncio.ensure_future(self.deliver(alert, dest))
        self._working[dest.id] = task
        try:
            await asyncio.wait([task])
        except asyncio.CancelledError:
            task.cancel()
            raise
        finally:
            self._working.pop(dest.id, None)
            self.backlog.done(dest.id)
        if task.cancelled():
            log.info("alert %s to %s left pending for the next start", alert.id, dest,
                     extra={"alert_id": alert.id, "destination": dest.id})
            return False
        task.result()
        return True

    def let_go(self) -> int:
        """Give up every delivery in progress (retrying, or waiting on an answer), and start
        none until :meth:`resume`: the worker is stopping or its partitions are being revoked.
        Their alerts stay unacked, so they are read again (after the restart, by the partition's
        next owner) and sent with the same id; the retry schedule starts over. How many."""
        self._held = True
        working = [t for t in self._working.values() if not t.done()]
        for task in working:
            task.cancel()
        return len(working)

    def resume(self) -> None:
        self._held = False

    def health(self) -> dict[str, str]:
        """destination id -> why it is degraded (empty: all well)."""
        return self.backlog.problems(now=self._clock(), failing_after=self.settings.destination_failing_after)

    def update_gauges(self) -> None:
        now = self._clock()
        for dest_id in self.backlog.ids():
            self.metrics.oldest_undelivered.labels(dest_id).set(self.backlog.oldest_undelivered(dest_id, now=now))
            self.metrics.destination_failing.labels(dest_id).set(self.backlog.failing_for(dest_id, now=now))

    async def deliver(self, alert: Alert, dest: Destination) -> None:
        """One alert to one destination, with retries; delivered, or dead-lettered."""
        key = f"{dest.id}|{alert.id}"
        metrics = self.metrics
        if self.delivered.get(key) is not None:
            metrics.deliveries.labels(dest.kind, "already_delivered").inc()
            return
        sender = await self.sender()
        thread = self.slack_threads.get(alert.story_id) if dest.kind == "slack_api" and alert.kind != "new" else None
        answer: dict[str, Any] = {}

        async def send(alert: Alert, dest: Destination) -> None:
            answer["ts"] = await sender.send(alert, dest, thread_ts=thread)

        def on_attempt(attempt: int, err: Any, delay: float | None) -> None:
            if err is None:
                self.backlog.succeeded(dest.id)
            else:
                self.backlog.failed(dest.id, now=self._clock(), error=str(err))
            if err is not None and delay is not None:
                metrics.delivery_retries.labels(dest.kind).inc()
            outcome = "delivered" if err is None else ("retrying" if delay is not None else "failed")
            metrics.deliveries.labels(dest.kind, outcome).inc()

        started = time.perf_counter()
        outcome = await deliver_with_retries(send, alert, dest, schedule=self.settings.retry_schedule,
                                             on_attempt=on_attempt)
        metrics.delivery_duration.labels(dest.kind).observe(time.perf_counter() - started)
        now = time.time()
        if outcome.delivered:
            self.delivered[key] = now
            if dest.kind == "slack_api" and alert.kind == "new" and answer.get("ts"):
                self.slack_threads[alert.story_id] = answer["ts"]
            if alert.first_seen:
                metrics.alert_latency.labels(dest.kind).observe(max(0.0, now - alert.first_seen))
            log.info("alert %s (%s, story %s) delivered to %s", alert.id, alert.topic, alert.story_id, dest,
                     extra={"alert_id": alert.id, "story_id": alert.story_id, "alert_topic": alert.topic,
                            "destination": dest.id})
            return
        metrics.dead_letters.labels(dest.kind, outcome.reason or "unknown").inc()
        log.error("alert %s to %s dead-lettered after %d attempt(s): %s", alert.id, dest, outcome.attempts,
                  outcome.detail, extra={"alert_id": alert.id, "story_id": alert.story_id, "destination": dest.id})
        await self._dead_letter(alert.id, dead_letter(alert, dest, outcome, now=now))
        # a dead-lettered alert is settled: a restart must not try it again
        self.delivered[key] = -now

    async def refresh_alertmanager(self, *, now: float, owned: Callable[[str], bool]) -> None:
        """Re-send the active stories this worker owns; resolve those quiet for ``alertmanager_quiet``."""
        quiet_after = self.settings.alertmanager_quiet
        for story_id, entry in list(self.am_active.items()):
            if not entry or not owned(story_id):
                continue
            alert = Alert.from_data(entry["alert"])
            quiet = now - entry["last_update"] >= quiet_after
            if quiet:
                alert = Alert.from_data({**entry["alert"], "kind": "resolved", "id": f"{story_id}:resolved",
                                         "created": now})
            targets = [d for d in route(alert, self.routes, self.destinations) if d.kind == "alertmanager"]
            send = (await self.sender()).send
            outcomes = await asyncio.gather(*(deliver_with_retries(
                send, alert, d, schedule=self.settings.retry_schedule[:3]) for d in targets))
            for dest, outcome in zip(targets, outcomes):
                self.metrics.deliveries.labels(dest.kind, "delivered" if outcome.delivered else "failed").inc()
            if quiet and all(o.delivered for o in outcomes):
                self.am_active.pop(story_id, None)
                log.info("story %s resolved in Alertmanager after %.0fs without news", story_id, quiet_after)

    def sweep(self, *, now: float, owned: Callable[[str], bool]) -> dict[str, int]:
        """Forget old ``delivered`` and ``slack-threads`` entries; how many of each."""
        return {"delivered": sweep(self.delivered, now=now, ttl=DELIVERED_TTL, when=delivered_at, owned=owned),
                "slack-threads": sweep(self.slack_threads, now=now, ttl=SLACK_THREAD_TTL, when=slack_ts_at,
                                       owned=owned)}


def register(rt: Runtime) -> NotifyStage:
    """Destinations and routes (checked now), the notify agent, its HTTP session and timers."""
    app, settings = rt.app, rt.settings
    destinations = destinations_from_settings(settings)
    routes = load_routes(settings.routes_file) if settings.routes_file else None
    if routes is not None:
        check_routes(routes, destinations)
    policy = destination_policy(settings.allow_private_networks, settings.trusted_destinations)
    session: aiohttp.ClientSession | None = None
    sender: Sender | None = None

    async def get_sender() -> Sender:
        nonlocal session, sender
        if sender is None:  # inside the running loop: aiohttp binds a session to it
            session = destination_session(policy, timeout=settings.delivery_timeout)
            sender = Sender(session, webhook_secret=settings.webhook_secret, timeout=settings.delivery_timeout,
                            user_agent=settings.user_agent, policy=policy)
        return sender

    async def send_dead_letter(key: str, value: dict[str, Any]) -> None:
        await send_until_acked(rt.topics.dead_letters, key, value, timeout=settings.kafka_timeout, metrics=rt.metrics,
                               label="dead_letters")

    async def enqueue(dest: Destination, alert: Alert) -> None:
        await send_until_acked(rt.topics.deliveries[dest.id], alert.story_id, alert, timeout=settings.kafka_timeout,
                               metrics=rt.metrics, label="deliveries")

    stage = NotifyStage(destinations=destinations, routes=routes, settings=settings, metrics=rt.metrics,
                        delivered=rt.table(DELIVERED), slack_threads=rt.table(SLACK_THREADS),
                        am_active=rt.table(ALERTMANAGER_ACTIVE), sender=get_sender, dead_letter=send_dead_letter,
                        enqueue=enqueue)

    @app.on_before_shutdown.connect
    async def close_session(sender: Any, **kwargs: Any) -> None:
        if session is not None:
            await session.close()

    @app.agent(rt.topics.alerts, name="notify")
    async def notify_agent(stream: Any) -> Any:
        async for alert in stream:
            await stage.on_alert(alert)

    for dest in destinations:
        register_queue(rt, stage, dest)
    app.stopping_hooks.append(stage.let_go)
    app.resuming_hooks.append(stage.resume)

    @app.timer(interval=GAUGE_INTERVAL)
    @guarded
    async def delivery_gauges() -> None:
        stage.update_gauges()

    @app.timer(interval=SWEEP_INTERVAL)
    @guarded
    async def sweep_delivery_tables() -> None:
        # these tables hash their own keys (use_partitioner), co-partitioned with the alerts topic
        for table, n in stage.sweep(now=time.time(), owned=rt.owner_of(rt.names.alerts)).items():
            if n:
                log.info("notify: forgot %d %s entries older than their retention", n, table)

    @app.timer(interval=settings.alertmanager_resend)
    @guarded
    async def refresh_alertmanager() -> None:
        await stage.refresh_alertmanager(now=time.time(), owned=rt.owner_of(rt.names.alerts))

    return stage


def register_queue(rt: Runtime, stage: NotifyStage, dest: Destination) -> None:
    """The agent that works ``dest``'s own queue, one alert at a time, in order."""

    @rt.app.agent(rt.topics.deliveries[dest.id], name=f"deliver-{dest.id}")
    async def deliver_agent(stream: Any) -> Any:
        stream = stream.noack()  # acked when settled; an alert let go at stop is never acked
        async for event in stream.events():
            if await stage.on_queued(event.value, dest):
                ack_event(stream, event)
            else:
                rt.app.release(event)
