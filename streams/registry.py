"""The feed registry and the poller service that follows it.

Feeds live in a compacted topic keyed by feed URL (``<app>-feeds``); commands on it are
``add`` (upsert the configuration, keep the history), ``remove`` and ``restore`` (put back a
state saved by the embedded mode). One agent applies the commands to the ``feed-registry``
table, whose values are the feed states of :mod:`streams.schedule`. Every worker polls only
the feeds whose registry partition it owns, so a second worker takes half the feeds and a
dead worker's feeds move to the survivors with the partitions, state included.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from . import schedule
from .poller import Poller

log = logging.getLogger(__name__)


def add_command(url: str, *, name: str | None = None, interval: float | None = None, full_text: bool = False) -> dict[str, Any]:
    return {"op": "add", "url": url, "name": name, "interval": interval, "full_text": full_text}


def remove_command(url: str) -> dict[str, Any]:
    return {"op": "remove", "url": url}


def restore_command(state: dict[str, Any]) -> dict[str, Any]:
    return {"op": "restore", "url": state["url"], "state": state}


def apply_command(current: dict[str, Any] | None, cmd: dict[str, Any], now: float) -> dict[str, Any] | None:
    """The registry entry after ``cmd``; ``None`` means the feed is removed."""
    op = cmd.get("op")
    if op == "remove":
        return None
    if op == "restore":
        # a restored state never overwrites a live one (Kafka may know better than the file)
        return current if current is not None else dict(cmd["state"])
    if op == "add":
        if current is None:
            return schedule.new_state(cmd["url"], name=cmd.get("name"), interval=cmd.get("interval"),
                                      full_text=bool(cmd.get("full_text")), now=now)
        return schedule.update_config(current, name=cmd.get("name"), interval=cmd.get("interval"),
                                      full_text=bool(cmd.get("full_text")))
    raise ValueError(f"unknown feed command {op!r}")


def register(app: Any, ctx: Any) -> None:
    from .app import guarded, partition_for, send_acked
    from .fetch import Fetcher, FetchLimits

    settings, names, metrics = ctx.settings, ctx.names, ctx.metrics
    partitions = settings.topic_partitions
    table = app.Table("feed-registry", default=None, partitions=partitions, use_partitioner=True,
                      help="feed URL -> feed state")
    ctx.tables["feeds"] = table
    feeds_topic = ctx.topics["feeds"]

    @app.agent(feeds_topic, name="feed-registry-agent")
    async def registry_agent(stream: Any) -> Any:
        async for url, cmd in stream.items():
            try:
                new = apply_command(table.get(url), cmd, time.time())
            except (ValueError, KeyError, TypeError) as exc:
                log.error("feed registry: bad command for %s: %s (%r)", url, exc, cmd)
                continue
            if new is None:
                table.pop(url, None)
                metrics.forget_feed(url)
                log.info("feed removed: %s", url)
            else:
                table[url] = new

    def owned_partitions() -> set[int]:
        return {tp.partition for tp in app.assignor.assigned_actives() if tp.topic == names.feeds}

    def owns(url: str) -> bool:
        return partition_for(url, partitions) in owned_partitions()

    async def publish(article: Any) -> None:
        await send_acked(ctx.topics["articles"], article.id, article, timeout=settings.kafka_timeout)

    async def send_command(cmd: dict[str, Any]) -> None:
        await send_acked(feeds_topic, cmd["url"], cmd, timeout=settings.kafka_timeout)

    ctx.services["send_feed_command"] = send_command

    @app.task
    async def seed_feeds() -> None:
        """Restore the embedded snapshot, then upsert the configured feeds."""
        commands = []
        if ctx.embedded:
            from .snapshot import load_snapshot

            commands += [restore_command(state) for state in load_snapshot(settings.data_dir)]
        commands += [add_command(f.url, name=f.name, interval=f.interval, full_text=f.full_text) for f in settings.feeds]
        for cmd in commands:
            while True:  # the broker may still be electing leaders: keep the configured feeds, retry
                try:
                    await send_command(cmd)
                    break
                except Exception as exc:
                    log.warning("could not register feed %s yet (%s); retrying", cmd["url"], exc)
                    await asyncio.sleep(2.0)
        log.info("registered %d configured feed(s)", len(settings.feeds))

    @app.task
    async def poll_feeds() -> None:
        async with Fetcher(FetchLimits.from_settings(settings)) as fetcher:
            poller = Poller(
                fetcher=fetcher, publish=publish, states=table, policy=schedule.Policy.from_settings(settings),
                metrics=metrics, owns=owns, max_entries=settings.max_entries_per_feed,
                backfill_window=settings.backfill_window, concurrency=settings.fetch_concurrency,
            )
            ctx.services["poller"] = poller
            while True:
                # during a rebalance the table may still be recovering: polling from it then
                # could re-publish entries already seen
                if not app.rebalancing and app.tables.recovery.completed.is_set():
                    try:
                        poller.start_due()
                    except Exception:  # a bug here must cost one tick, not the poller
                        log.exception("poller: scheduling pass failed")
                await asyncio.sleep(1.0)

    if ctx.embedded:
        from .snapshot import save_snapshot

        @app.timer(interval=5.0)
        @guarded
        async def snapshot_feeds() -> None:
            save_snapshot(settings.data_dir, [v for v in table.values() if v])

        ctx.services["save_snapshot"] = lambda: save_snapshot(settings.data_dir, [v for v in table.values() if v])
