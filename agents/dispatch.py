"""Notify stage: deliver every alert to its destinations, for sure.

alerts (key: story id) -> route -> [delivered table] -> send with retries -> delivered | dead letter

Guarantees, and how:

* Nothing raises out of the agent: :func:`agents.delivery.deliver_with_retries` returns an
  outcome (Faust acks a message whose agent raised, which would lose the alert).
* Retries happen in place, holding the partition, so alerts of one story arrive in order;
  the cost is that a destination that is down delays later alerts on the same partition
  (they would fail against it anyway). Destinations of one alert are served concurrently.
* ``delivered`` (destination id + alert id) is written only after the receiver's 2xx, so
  a restart resends only what was not acknowledged, with the same idempotency key.
* Exhausted or permanent failures go to the dead-letter topic with the reason.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from streams.records import Alert

log = logging.getLogger(__name__)


def dead_letter(alert: Alert, dest: Any, outcome: Any, *, now: float) -> dict[str, Any]:
    return {
        "alert": alert.asdict() if hasattr(alert, "asdict") else alert,
        "destination": {"id": dest.id, "kind": dest.kind},
        "reason": outcome.reason,
        "permanent": outcome.permanent,
        "attempts": outcome.attempts,
        "detail": outcome.detail,
        "failed_at": now,
    }


def register(app: Any, ctx: Any) -> None:
    import aiohttp

    from agents import retention
    from agents.delivery import deliver_with_retries
    from agents.notify import Sender, destinations_from_settings
    from agents.routes import check_routes, load_routes, route
    from streams.app import guarded, send_until_acked

    settings, metrics = ctx.settings, ctx.metrics
    destinations = destinations_from_settings(settings)
    routes = load_routes(settings.routes_file) if settings.routes_file else None
    if routes is not None:
        check_routes(routes, destinations)
    ctx.services["destinations"] = destinations
    delivered = app.Table("delivered", default=None, partitions=settings.topic_partitions, use_partitioner=True,
                          help="destination id|alert id -> delivery time")
    ctx.tables["delivered"] = delivered
    dlq = ctx.topics["dead_letters"]
    # with a Slack bot token, updates are threaded replies to the story's first message
    slack_threads = app.Table("slack-threads", default=None, partitions=settings.topic_partitions,
                              use_partitioner=True, help="story id -> ts of its first Slack message")
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    state: dict[str, Any] = {}

    async def sender() -> Any:
        if "sender" not in state:
            session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=settings.delivery_timeout))
            state["session"] = session
            state["sender"] = Sender(session, webhook_secret=secret, timeout=settings.delivery_timeout)
        return state["sender"]

    @app.on_before_shutdown.connect
    async def close_session(sender: Any, **kwargs: Any) -> None:
        session = state.pop("session", None)
        if session is not None:
            await session.close()

    async def deliver_one(alert: Alert, dest: Any) -> None:
        key = f"{dest.id}|{alert.id}"
        if delivered.get(key) is not None:
            metrics.deliveries.labels(dest.kind, "already_delivered").inc()
            return
        sender_ = await sender()
        thread = slack_threads.get(alert.story_id) if dest.kind == "slack_api" and alert.kind != "new" else None
        answer: dict[str, Any] = {}

        async def send(alert: Alert, dest: Any) -> None:
            answer["ts"] = await sender_.send(alert, dest, thread_ts=thread)

        def on_attempt(attempt: int, err: Any, delay: float | None) -> None:
            if err is not None and delay is not None:
                metrics.delivery_retries.labels(dest.kind).inc()
            outcome = "delivered" if err is None else ("retrying" if delay is not None else "failed")
            metrics.deliveries.labels(dest.kind, outcome).inc()

        started = time.perf_counter()
        outcome = await deliver_with_retries(send, alert, dest, schedule=settings.retry_schedule,
                                             on_attempt=on_attempt)
        metrics.delivery_duration.labels(dest.kind).observe(time.perf_counter() - started)
        now = time.time()
        if outcome.delivered:
            delivered[key] = now
            if dest.kind == "slack_api" and alert.kind == "new" and answer.get("ts"):
                slack_threads[alert.story_id] = answer["ts"]
            if alert.first_seen:
                metrics.alert_latency.labels(dest.kind).observe(max(0.0, now - alert.first_seen))
            log.info("alert %s (%s, story %s) delivered to %s", alert.id, alert.topic, alert.story_id, dest,
                     extra={"alert_id": alert.id, "story_id": alert.story_id, "alert_topic": alert.topic,
                            "destination": dest.id})
            return
        metrics.dead_letters.labels(dest.kind, outcome.reason or "unknown").inc()
        log.error("alert %s to %s dead-lettered after %d attempt(s): %s", alert.id, dest, outcome.attempts,
                  outcome.detail, extra={"alert_id": alert.id, "story_id": alert.story_id, "destination": dest.id})
        await send_until_acked(dlq, alert.id, dead_letter(alert, dest, outcome, now=now),
                               timeout=settings.kafka_timeout, metrics=metrics, label="dead_letters")
        # a dead-lettered alert is settled: a restart must not try it again
        delivered[key] = -now

    # Alertmanager forgets an alert whose endsAt passes, so active stories are re-sent on a
    # timer and resolved once quiet; this table remembers which stories are active there.
    am_active = app.Table("alertmanager-active", default=None, partitions=settings.topic_partitions,
                          use_partitioner=True, help="story id -> last alert sent to Alertmanager")

    @app.agent(ctx.topics["alerts"], name="notify")
    async def notify_agent(stream: Any) -> Any:
        async for alert in stream:
            targets = route(alert, routes, destinations)
            if not targets:
                log.warning("alert %s (%s) has no destination; configure --webhook or --slack-webhook",
                            alert.id, alert.topic)
            await asyncio.gather(*(deliver_one(alert, d) for d in targets))
            if any(d.kind == "alertmanager" for d in targets) and alert.kind in ("new", "update"):
                am_active[alert.story_id] = {"alert": alert.asdict(), "last_update": time.time()}
            recent = ctx.services.setdefault("recent_alerts", [])
            recent.append(alert.asdict())
            del recent[:-200]

    @app.timer(interval=retention.SWEEP_INTERVAL)
    @guarded
    async def sweep_delivery_tables() -> None:
        from streams.app import owns_key

        # these tables hash their own keys (use_partitioner), co-partitioned with the alerts topic
        owned = owns_key(app, ctx.names.alerts, settings.topic_partitions)
        now = time.time()
        for table, ttl, when in ((delivered, retention.DELIVERED_TTL, retention.delivered_at),
                                 (slack_threads, retention.STORY_TABLE_TTL, retention.slack_ts_at)):
            n = retention.sweep(table, now=now, ttl=ttl, when=when, owned=owned)
            if n:
                log.info("notify: forgot %d %s entries older than %.0f days", n, table.name, ttl / 86400)

    @app.timer(interval=settings.alertmanager_resend)
    @guarded
    async def refresh_alertmanager() -> None:
        from streams.app import owns_key

        owned = owns_key(app, ctx.names.alerts, settings.topic_partitions)
        now = time.time()
        for story_id, entry in list(am_active.items()):
            if not entry or not owned(story_id):
                continue
            alert = Alert.from_data(entry["alert"])
            quiet = now - entry["last_update"] >= settings.alertmanager_quiet
            if quiet:
                alert = Alert.from_data({**entry["alert"], "kind": "resolved", "id": f"{story_id}:resolved",
                                         "created": now})
            targets = [d for d in route(alert, routes, destinations) if d.kind == "alertmanager"]
            send = (await sender()).send
            outcomes = await asyncio.gather(*(deliver_with_retries(
                send, alert, d, schedule=settings.retry_schedule[:3]) for d in targets))
            for dest, outcome in zip(targets, outcomes):
                metrics.deliveries.labels(dest.kind, "delivered" if outcome.delivered else "failed").inc()
            if quiet and all(o.delivered for o in outcomes):
                am_active.pop(story_id, None)
                log.info("story %s resolved in Alertmanager after %.0fs without news", story_id,
                         settings.alertmanager_quiet)
