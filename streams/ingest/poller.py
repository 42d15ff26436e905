"""The poller: fetch due feeds, parse them, publish new articles.

It runs inside every worker and polls only the feeds that worker owns (``owns(url)``: the
feed registry partitions assigned to it), so scaling out is Kafka's consumer-group
rebalancing, not a scheduler of our own. Everything it touches is passed in: the fetcher,
the publish coroutine, the state mapping (a Faust table in the service, a dict in tests).

Order per feed, chosen so that nothing accepted is lost:
fetch -> parse -> publish every new article and wait for the broker's ack -> only then
record the ids as seen. A crash in between re-publishes; the enrich stage deduplicates.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Awaitable, Callable, MutableMapping

from streams.core.errors import WatchfloorError
from streams.core.metrics import Metrics, status_class
from streams.core.records import Article
from streams.ingest import schedule
from streams.ingest.fetch import Validators
from streams.ingest.parse import parse_feed

log = logging.getLogger(__name__)

Publish = Callable[[Article], Awaitable[None]]


class Poller:
    def __init__(
        self,
        *,
        fetcher: Any,
        publish: Publish,
        states: MutableMapping[str, dict[str, Any]],
        policy: schedule.Policy,
        metrics: Metrics,
        owns: Callable[[str], bool] = lambda url: True,
        max_entries: int = 500,
        backfill_window: float = 86400.0,
        concurrency: int = 50,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.fetcher = fetcher
        self.publish = publish
        self.states = states
        self.policy = policy
        self.metrics = metrics
        self.owns = owns
        self.max_entries = max_entries
        self.backfill_window = backfill_window
        self.clock = clock
        self._slots = asyncio.Semaphore(concurrency)
        self._in_flight: dict[str, asyncio.Task[None]] = {}

    def owned_states(self) -> list[dict[str, Any]]:
        return [s for url, s in list(self.states.items()) if self.owns(url)]

    def start_due(self) -> int:
        """Start a fetch for every owned feed that is due and not already in flight."""
        now = self.clock()
        started = 0
        counts = {schedule.OK: 0, schedule.NEW: 0, schedule.FAILING: 0, schedule.GONE: 0}
        for state in self.owned_states():
            counts[state["state"]] = counts.get(state["state"], 0) + 1
            url = state["url"]
            if url in self._in_flight or not schedule.is_due(state, now):
                continue
            task = asyncio.ensure_future(self._guarded_poll(url))
            self._in_flight[url] = task
            task.add_done_callback(lambda _t, u=url: self._in_flight.pop(u, None))
            started += 1
        for name, n in counts.items():
            self.metrics.feeds.labels(name).set(n)
        return started

    async def run(self, tick: float = 1.0) -> None:
        """Poll forever. Cancelling it cancels fetches in flight (their feeds stay due)."""
        try:
            while True:
                self.start_due()
                await asyncio.sleep(tick)
        finally:
            for task in list(self._in_flight.values()):
                task.cancel()
            if self._in_flight:
                await asyncio.gather(*self._in_flight.values(), return_exceptions=True)

    async def wait_idle(self) -> None:
        while self._in_flight:
            await asyncio.gather(*list(self._in_flight.values()), return_exceptions=True)

    async def _guarded_poll(self, url: str) -> None:
        async with self._slots:
            try:
                await self.poll(url)
            except asyncio.CancelledError:
                raise
            except Exception:  # a bug must cost one poll of one feed, never the poller
                log.exception("poller: unexpected error polling %s", url, extra={"feed": url})
                self.metrics.feed_fetch_errors.labels("internal").inc()

    async def poll(self, url: str) -> None:
        state = self.states.get(url)
        if state is None or not self.owns(url):
            return
        started = self.clock()
        fetch_url = state.get("fetch_url") or url
        try:
            result = await self.fetcher.fetch(
                fetch_url, Validators(etag=state.get("etag"), last_modified=state.get("last_modified"))
            )
        except WatchfloorError as exc:
            self._failed(url, state, exc, started)
            return
        self.metrics.feed_fetches.labels(status_class(result.status)).inc()
        self.metrics.feed_fetch_duration.labels(status_class(result.status)).observe(result.elapsed)
        moved = result.permanent_redirect
        if moved:
            log.info("feed %s moved permanently to %s", url, moved, extra={"feed": url})
        if result.status == 304:
            self.metrics.feed_not_modified.inc()
            self._store(url, schedule.on_success(
                state, status=304, now=self.clock(), new_ids=[], current_ids=state["seen_ids"],
                etag=result.validators.etag, last_modified=result.validators.last_modified,
                moved_to=moved, policy=self.policy))
            self.metrics.feed_succeeded(url)
            return
        try:
            # in a thread: a 10 MB feed parses for seconds, and this loop also runs the Kafka
            # heartbeats and the web port (a stalled loop would look like a dead worker)
            parsed = await asyncio.to_thread(parse_feed, url, result.body, content_type=result.content_type,
                                             max_entries=self.max_entries, now=started)
        except WatchfloorError as exc:
            self._failed(url, state, exc, started, status=result.status)
            return
        seen = set(state["seen_ids"])
        fresh = [a for a in parsed.articles if a.id not in seen]
        fresh = list({a.id: a for a in fresh}.values())  # a feed may repeat an entry
        first_poll = not state["first_poll_done"]
        for article in fresh:
            if first_poll and self._older_than_window(article, started):
                article.backfill = True
                self.metrics.articles_backfilled.inc()
            if state.get("full_text"):
                article.full_text = True
        self.metrics.articles_fetched.inc(len(fresh))
        published: list[str] = []
        try:
            for article in fresh:
                await self.publish(article)
                published.append(article.id)
                self.metrics.articles_published.inc()
        except Exception as exc:  # broker down or slow: keep what was acked, retry the rest next poll
            log.error("feed %s: publishing failed after %d of %d articles: %s", url, len(published), len(fresh), exc,
                      extra={"feed": url})
            self.metrics.kafka_send_errors.labels("articles").inc()
            current = [i for i in state["seen_ids"]] + published
            self._store(url, schedule.on_error(
                dict(state, seen_ids=current), now=self.clock(), error=str(exc), kind="publish",
                policy=self.policy))
            return
        if fresh:
            log.info("feed %s: %d new of %d entries", url, len(fresh), len(parsed.articles), extra={"feed": url})
        self._store(url, schedule.on_success(
            state, status=result.status, now=self.clock(), new_ids=published,
            current_ids=[a.id for a in parsed.articles], etag=result.validators.etag,
            last_modified=result.validators.last_modified, moved_to=moved, title=parsed.title, policy=self.policy))
        self.metrics.feed_succeeded(url)

    def _older_than_window(self, article: Article, now: float) -> bool:
        # An entry without a date on a feed's first poll is treated as old: better one missed
        # alert on a brand-new feed than a flood of stale ones.
        return article.published is None or article.published < now - self.backfill_window

    def _failed(self, url: str, state: dict[str, Any], exc: WatchfloorError, started: float,
                status: int | None = None) -> None:
        status = getattr(exc, "status", status)
        kind = exc.kind
        self.metrics.feed_fetch_errors.labels(kind).inc()
        self.metrics.feed_fetches.labels(status_class(status)).inc()
        self.metrics.feed_fetch_duration.labels(status_class(status)).observe(max(0.0, self.clock() - started))
        new = schedule.on_error(state, now=self.clock(), error=str(exc), kind=kind, status=status,
                                retry_after=getattr(exc, "retry_after", None), policy=self.policy)
        if new["state"] == schedule.GONE:
            log.warning("feed %s is gone (410): polling stopped; re-add it to resume", url, extra={"feed": url})
        elif new["state"] == schedule.FAILING:
            log.warning("feed %s failing (%d in a row): %s", url, new["consecutive_failures"], exc, extra={"feed": url})
        else:  # an operator must hear of a feed that does not answer, before it is "failing"
            log.warning("feed %s: %s", url, exc, extra={"feed": url})
        self._store(url, new)

    def _store(self, url: str, state: dict[str, Any]) -> None:
        # the feed may have been removed, or its partition moved away, while it was fetched
        if url in self.states and self.owns(url):
            self.states[url] = state
