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


def add_command(url: str, *, name: str | None = None, interval: float | None = None, full_text: bool = False,
                configured: bool = False) -> dict[str, Any]:
    """``configured``: the feed comes from the configuration (``feeds:`` / ``--feed``), not from
    ``watchfloor feeds add``; such a feed leaves the registry when it leaves the configuration."""
    return {"op": "add", "url": url, "name": name, "interval": interval, "full_text": full_text,
            "configured": configured}


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
            state = schedule.new_state(cmd["url"], name=cmd.get("name"), interval=cmd.get("interval"),
                                       full_text=bool(cmd.get("full_text")), now=now)
        else:
            state = schedule.update_config(current, name=cmd.get("name"), interval=cmd.get("interval"),
                                           full_text=bool(cmd.get("full_text")))
        # the last add says where the feed comes from: an operator's `feeds add` of a configured
        # feed takes it over, and it stays when the configuration drops it
        return {**state, "configured": bool(cmd.get("configured"))}
    raise ValueError(f"unknown feed command {op!r}")


def dropped_from_config(states: Any, configured_urls: set[str]) -> list[str]:
    """Pure: the feeds registered from the configuration that the configuration no longer has."""
    return sorted(url for url, state in states if state and state.get("configured") and url not in configured_urls)


def register(app: Any, ctx: Any) -> None:
    from .app import guarded, owned_partitions, owns_key, send_acked
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

    def owns(url: str) -> bool:
        return owns_key(app, names.feeds, partitions)(url)

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
        commands += [add_command(f.url, name=f.name, interval=f.interval, full_text=f.full_text, configured=True)
                     for f in settings.feeds]
        for cmd in commands:
            while True:  # the broker may still be electing leaders: keep the configured feeds, retry
                try:
                    await send_command(cmd)
                    break
                except Exception as exc:
                    log.warning("could not register feed %s yet (%s); retrying", cmd["url"], exc)
                    await asyncio.sleep(2.0)
        log.info("registered %d configured feed(s)", len(settings.feeds))
        await forget_dropped_feeds()

    async def forget_dropped_feeds() -> None:
        """Once the registry is recovered: remove the configured feeds this worker owns that
        the configuration no longer lists (feeds added with `watchfloor feeds add` stay)."""
        while app.rebalancing or not app.tables.recovery.completed.is_set() or not owned_partitions(app, names.feeds):
            await asyncio.sleep(1.0)
        configured = {f.url for f in settings.feeds}
        mine = [(url, state) for url, state in list(table.items()) if owns(url)]
        for url in dropped_from_config(mine, configured):
            log.info("feed %s is no longer in the configuration: removing it", url)
            try:
                await send_command(remove_command(url))
            except Exception as exc:  # retriable: the next start tries again
                log.warning("could not remove feed %s (%s: %s); it stays until the next start", url,
                            type(exc).__name__, exc)

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
