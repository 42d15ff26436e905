"""Ingest stage: the feed registry, and the poller that follows it.

feed commands (key: feed URL) -> [feed-registry table] -> poller -> articles (key: article id)

One agent applies the registry's commands (:mod:`streams.ingest.feeds`) to the
``feed-registry`` table. Every worker polls only the feeds whose registry partition it owns,
so a second worker takes half the feeds and a dead worker's feeds move to the survivors with
the partitions, state included. On the embedded broker, which forgets everything, the
registry is also saved to the data directory (:mod:`streams.ingest.snapshot`) and restored
at start.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from streams.core.metrics import Metrics
from streams.core.records import Article
from streams.core.settings import Settings
from streams.ingest import schedule
from streams.ingest.feeds import add_command, apply_command, dropped_from_config, remove_command, restore_command
from streams.ingest.fetch import Fetcher, FetchLimits
from streams.ingest.poller import Poller
from streams.ingest.snapshot import load_snapshot, save_snapshot
from streams.kafka.faust_app import Runtime
from streams.kafka.sending import send_acked
from streams.kafka.tables import FEED_REGISTRY
from streams.kafka.timers import guarded

log = logging.getLogger(__name__)

#: seconds between scheduling passes of the poller, and between snapshots (embedded mode)
TICK = 1.0
SNAPSHOT_INTERVAL = 5.0


class FeedRegistry:
    """The registry table of this worker and the commands that change it.

    ``table`` is the Faust table in the service and a dict in tests; ``send`` puts a command
    on the feeds topic; ``owns(url)`` says whether this worker polls ``url`` now.
    """

    def __init__(self, *, table: MutableMapping[str, Any], send: Callable[[dict[str, Any]], Awaitable[None]],
                 owns: Callable[[str], bool], metrics: Metrics, settings: Settings) -> None:
        self.table, self.send, self.owns = table, send, owns
        self.metrics, self.settings = metrics, settings
        self.poller: Poller | None = None

    def apply(self, url: str, cmd: dict[str, Any], now: float) -> None:
        """One command from the feeds topic; a bad one is logged and skipped."""
        try:
            new = apply_command(self.table.get(url), cmd, now)
        except (ValueError, KeyError, TypeError) as exc:
            log.error("feed registry: bad command for %s: %s (%r)", url, exc, cmd, extra={"feed": url})
            return
        if new is None:
            self.table.pop(url, None)
            self.metrics.forget_feed(url)
            log.info("feed removed: %s", url, extra={"feed": url})
        else:
            self.table[url] = new

    async def seed(self, restored: list[dict[str, Any]]) -> None:
        """Put back the ``restored`` states, then upsert the configured feeds; retried while the
        broker elects leaders (the configured feeds must not be lost)."""
        commands = [restore_command(state) for state in restored]
        commands += [add_command(f.url, name=f.name, interval=f.interval, full_text=f.full_text, configured=True)
                     for f in self.settings.feeds]
        for cmd in commands:
            while True:
                try:
                    await self.send(cmd)
                    break
                except Exception as exc:
                    log.warning("could not register feed %s yet (%s); retrying", cmd["url"], exc)
                    await asyncio.sleep(2.0)
        log.info("registered %d configured feed(s)", len(self.settings.feeds))

    async def forget_dropped(self) -> None:
        """Remove the configured feeds this worker owns that the configuration no longer lists
        (feeds added with `watchfloor feeds add` stay). Call once the registry is recovered."""
        configured = {f.url for f in self.settings.feeds}
        mine = [(url, state) for url, state in list(self.table.items()) if self.owns(url)]
        for url in dropped_from_config(mine, configured):
            log.info("feed %s is no longer in the configuration: removing it", url, extra={"feed": url})
            try:
                await self.send(remove_command(url))
            except Exception as exc:  # retriable: the next start tries again
                log.warning("could not remove feed %s (%s: %s); it stays until the next start", url,
                            type(exc).__name__, exc)

    def owned_views(self) -> list[dict[str, Any]]:
        """The public view of every feed this worker polls, by URL."""
        return sorted((schedule.public_view(state) for url, state in list(self.table.items())
                       if state and self.owns(url)), key=lambda f: f["url"])

    def states(self) -> list[dict[str, Any]]:
        return [v for v in self.table.values() if v]

    def save_snapshot(self) -> None:
        save_snapshot(self.settings.data_dir, self.states())


def register(rt: Runtime) -> FeedRegistry:
    """The registry agent, the seeding task, the poller task and (embedded) the snapshot timer."""
    app, settings = rt.app, rt.settings
    feeds_topic, articles_topic = rt.topics.feeds, rt.topics.articles

    async def send_command(cmd: dict[str, Any]) -> None:
        await send_acked(feeds_topic, cmd["url"], cmd, timeout=settings.kafka_timeout)

    registry = FeedRegistry(table=rt.table(FEED_REGISTRY), send=send_command,
                            owns=lambda url: rt.owner_of(rt.names.feeds)(url), metrics=rt.metrics, settings=settings)

    @app.agent(feeds_topic, name="feed-registry-agent")
    async def registry_agent(stream: Any) -> Any:
        async for url, cmd in stream.items():
            registry.apply(url, cmd, time.time())

    @app.task
    async def seed_feeds() -> None:
        await registry.seed(load_snapshot(settings.data_dir) if rt.embedded else [])
        while not rt.recovered or not rt.owned_partitions(rt.names.feeds):
            await asyncio.sleep(TICK)
        await registry.forget_dropped()

    async def publish(article: Article) -> None:
        await send_acked(articles_topic, article.id, article, timeout=settings.kafka_timeout)

    @app.task
    async def poll_feeds() -> None:
        async with Fetcher(FetchLimits.from_settings(settings)) as fetcher:
            registry.poller = poller = Poller(
                fetcher=fetcher, publish=publish, states=registry.table, policy=schedule.Policy.from_settings(settings),
                metrics=rt.metrics, owns=registry.owns, max_entries=settings.max_entries_per_feed,
                backfill_window=settings.backfill_window, concurrency=settings.fetch_concurrency,
            )
            while True:
                # during a rebalance the table may still be recovering: polling from it then
                # could re-publish entries already seen
                if rt.recovered:
                    try:
                        poller.start_due()
                    except Exception:  # a bug here must cost one tick, not the poller
                        log.exception("poller: scheduling pass failed")
                await asyncio.sleep(TICK)

    if rt.embedded:
        @app.timer(interval=SNAPSHOT_INTERVAL)
        @guarded
        async def snapshot_feeds() -> None:
            registry.save_snapshot()

    return registry
