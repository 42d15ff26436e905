"""Story stage: one alert per event.

hits (key: topic) -> [stories table] -> assign to a story -> alerts (key: story id)

Hits are keyed by topic alone (see :mod:`agents.stories.stories` on sharding): reports of one
event may name a different main actor first, and alert hits are rare, so every candidate
story of a topic sits in one table entry on one partition. The table keeps, per topic, the
compact reports and the stories grouped from them (:mod:`agents.stories.stories`); the stage
keeps the value it wrote decoded beside it, so that a hit regroups only the reports its own
can reach, with the result of regrouping them all (:mod:`agents.stories.buckets`). The first
report of a story raises a ``new`` alert; later ones raise an ``update`` when the event changed
(corroborated, sources, outcome, object, confirmation), at most once per cooldown, and a timer
sends the updates that the cooldown held back, so none is lost. An alert that a mute
holds waits in the same table (``held|<key>``) and is released as one digest
(:mod:`agents.stories.mutebook`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from agents.stories import mutebook, mutes
from agents.stories import stories as st
from agents.stories.alerts import build_alert, digest_alert
from agents.stories.buckets import Bucket
from agents.stories.mutebook import MuteBook
from streams.core.logs import record_fields
from streams.core.metrics import Metrics
from streams.core.records import Alert, AlertHit, EnrichedArticle
from streams.kafka.faust_app import Runtime
from streams.kafka.sending import send_until_acked
from streams.kafka.tables import STORIES, STORY_LAST_HIT, SWEEP_INTERVAL, sweep
from streams.kafka.timers import guarded

log = logging.getLogger(__name__)

#: ``story-last-hit`` entries are needed while their story may still get an update
#: (``stories.DEFAULT_MAX_AGE``, 96 h); five days is generous
LAST_HIT_TTL = 5 * 86400.0
HELD = "held|"
#: ``story-last-hit`` also keeps the last hit of each report (``article|<topic>|<id>``), for a
#: story that splits off another and needs its own ``new`` alert
ARTICLE = "article|"
#: alerts kept for one follower of /alerts/stream that does not read them; more are dropped for it
WATCH_BACKLOG = 1000


def last_hit_at(value: Any) -> float | None:
    """``story-last-hit`` entries carry the time they were written (older ones do not)."""
    return value.get("at") if isinstance(value, dict) else None


class StoryStage:
    """Assigns hits to stories and decides what to send.

    ``stories`` (topic key -> stories as JSON, and ``held|<key>`` -> held alerts) and
    ``last_hits`` (story id -> the last hit, for a held-back update) are Faust tables in the
    service and dicts in tests; ``publish`` sends an alert on for delivery.
    """

    def __init__(self, *, stories: MutableMapping[str, Any], last_hits: MutableMapping[str, Any], book: MuteBook,
                 publish: Callable[[Alert], Awaitable[None]], metrics: Metrics, cooldown: float) -> None:
        self.stories, self.last_hits, self.book, self.publish = stories, last_hits, book, publish
        self.metrics, self.cooldown = metrics, cooldown
        #: one queue per follower of /alerts/stream: every alert this stage publishes, then
        #: None when the worker stops (:meth:`end_watchers`)
        self.watchers: list[asyncio.Queue[dict[str, Any] | None]] = []
        #: per topic key, the value this stage last wrote, decoded (:mod:`agents.stories.buckets`):
        #: a hit then costs what its report reaches, not the whole topic's stories
        self.buckets: dict[str, Bucket] = {}
        #: the agent and the timer both read a topic's value, await sends, then write it: one at
        #: a time, or the later write drops the other's (and a bucket would step on a value
        #: changed under it)
        self.lock = asyncio.Lock()

    def _bucket(self, key: str) -> Bucket:
        """The decoded value of ``key``: kept while the table holds the very value this stage
        wrote; decoded afresh when another took its place (recovered from the changelog)."""
        value = self.stories.get(key)
        bucket = self.buckets.get(key)
        if bucket is None or not bucket.holds(value):
            bucket = self.buckets[key] = Bucket(value)
        return bucket

    def watch(self) -> "asyncio.Queue[dict[str, Any] | None]":
        # unbounded: _publish keeps each under WATCH_BACKLOG, so end_watchers' None always fits
        queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self.watchers.append(queue)
        return queue

    def unwatch(self, queue: "asyncio.Queue[dict[str, Any] | None]") -> None:
        if queue in self.watchers:
            self.watchers.remove(queue)

    def end_watchers(self) -> None:
        """The worker stops: every follower's stream ends now (a None on its queue). A stream
        waiting for its next alert would otherwise hold the web server's shutdown until the
        next keepalive, or, for a follower still reading, until aiohttp's shutdown timeout."""
        for queue in list(self.watchers):
            queue.put_nowait(None)

    async def _publish(self, alert: Alert) -> None:
        await self.publish(alert)
        for queue in list(self.watchers):
            if queue.qsize() < WATCH_BACKLOG:  # a follower that stopped reading loses alerts, never the stage
                queue.put_nowait(alert.asdict())

    async def on_hit(self, key: str, value: dict[str, Any], *, now: float,
                     where: Callable[[], dict[str, Any]] = dict) -> None:
        """One record of the hits topic."""
        try:
            hit = AlertHit.from_data(value["hit"])
            enriched = EnrichedArticle.from_data(value["enriched"])
        except Exception:
            log.exception("stories: malformed hit under key %s; skipped", key, extra=where())
            return
        async with self.lock:
            await self._place(key, hit, enriched, value, now=now, where=where)

    async def _place(self, key: str, hit: AlertHit, enriched: EnrichedArticle, value: dict[str, Any], *, now: float,
                     where: Callable[[], dict[str, Any]]) -> None:
        bucket = self._bucket(key)
        _, story, decision = bucket.step(hit.topic, enriched.article, enriched.entities, event=hit.event, now=now)
        log.info("stories: article %s -> story %s (%s, topic %s, %d sources)", enriched.article.id,
                 story.id, decision, hit.topic, story.sources,
                 extra={"article_id": enriched.article.id, "story_id": story.id, "alert_topic": hit.topic,
                        "feed": enriched.article.feed_url, **where()})
        entry = {**value, "at": now}  # "at": swept by it (last_hit_at)
        self.last_hits[story.id] = entry
        self.last_hits[ARTICLE + f"{hit.topic}|{enriched.article.id}"] = entry
        notify = st.should_notify(story, decision, now=now, cooldown=self.cooldown)
        if decision in ("new", "update") and notify:
            await self._send(bucket, key, story, decision, hit, enriched, now)
        await self._announce_split(bucket, key, story.id, now)
        self.stories[key] = bucket.value

    async def _send(self, bucket: Bucket, key: str, story: st.Story, kind: str, hit: AlertHit,
                    enriched: EnrichedArticle, now: float) -> None:
        await self.emit(build_alert(story, kind, hit, enriched, now=now, cooldown=self.cooldown), key, now=now)
        if kind == "new":
            self.metrics.alerts_raised.labels(hit.topic, hit.severity).inc()
        else:
            self.metrics.alert_updates.labels(hit.topic).inc()
        bucket.replace(st.mark_sent(story, kind, now=now))

    async def _announce_split(self, bucket: Bucket, key: str, mine: str, now: float) -> None:
        """``new`` for a story that split off another one when a better report regrouped them
        (the reader was told of its reports under the other story, not of its event), built
        from the last hit of its latest report."""
        for other in [s for s in bucket.stories if s.alerted_at is None and s.id != mine]:
            value = next((v for aid in reversed(other.article_ids)
                          if (v := self.last_hits.get(ARTICLE + f"{other.topic}|{aid}")) is not None), None)
            if value is None:
                continue
            hit, enriched = AlertHit.from_data(value["hit"]), EnrichedArticle.from_data(value["enriched"])
            self.last_hits[other.id] = value
            await self._send(bucket, key, other, "new", hit, enriched, now)

    async def emit(self, alert: Alert, key: str, *, now: float) -> None:
        """Publish ``alert``, or hold it beside its story while a mute covers it at ``now``."""
        mute = self.book.holding(alert, now)
        if mute is not None:
            held_key = HELD + key
            self.stories[held_key] = (self.stories.get(held_key) or []) + [alert.asdict()]
            self.metrics.alerts_muted.labels(alert.topic).inc()
            log.info("alert %s (%s) held by mute %s until %s", alert.id, alert.topic, mute.id, mute.until,
                     extra={"alert_id": alert.id, "story_id": alert.story_id, "alert_topic": alert.topic})
            return
        await self._publish(alert)

    async def send_held(self, *, now: float, owned: Callable[[str], bool]) -> None:
        """The updates the cooldown held back that may go now, and the digests of mutes
        that ended, for the keys this worker owns."""
        for key in list(self.stories.keys()):
            if not owned(key):
                self.buckets.pop(key, None)  # another worker's now
                continue
            async with self.lock:
                await self._send_held(key, now)
        for key in [k for k in self.buckets if k not in self.stories]:
            del self.buckets[key]  # its partition went to another worker

    async def _send_held(self, key: str, now: float) -> None:
        stored = self.stories.get(key)
        if not stored:
            return
        if key.startswith(HELD):
            await self._release_held(key, stored, now)
            return
        bucket = self._bucket(key)
        for story in st.due(bucket.stories, now=now, cooldown=self.cooldown):
            value = self.last_hits.get(story.id)
            if value is None:
                continue
            hit, enriched = AlertHit.from_data(value["hit"]), EnrichedArticle.from_data(value["enriched"])
            await self.emit(build_alert(story, "update", hit, enriched, now=now, cooldown=self.cooldown), key,
                            now=now)
            bucket.replace(st.mark_sent(story, "update", now=now))
            self.metrics.alert_updates.labels(story.topic).inc()
        self.stories[key] = bucket.value

    async def _release_held(self, key: str, held: list[dict[str, Any]], now: float) -> None:
        if not self.book.ready.is_set():
            return  # until every mute is known, nothing is released
        still, released = mutes.release(held, self.book.mutes.values(), now=now)
        if not released:
            return
        summary = mutes.digest(released, now=now)
        if summary is not None:
            await self._publish(digest_alert(summary, released, now=now))
            log.info("released %d held alert(s) as digest %s", len(released), summary["id"])
        self.stories[key] = still

    def sweep_last_hits(self, *, now: float, owned: Callable[[str], bool]) -> int:
        return sweep(self.last_hits, now=now, ttl=LAST_HIT_TTL, when=last_hit_at, owned=owned)

    def open_stories(self, limit: int) -> list[dict[str, Any]]:
        """The stories of this worker's partitions, latest news first."""
        out = [dict(story) for key, value in list(self.stories.items()) if not key.startswith(HELD)
               for story in st.bucket_of(value)["stories"]]
        out.sort(key=lambda s: s.get("last_seen") or 0, reverse=True)
        return out[:limit]


def register(rt: Runtime) -> StoryStage:
    """The mute book, the story agent and its two timers."""
    app, settings = rt.app, rt.settings

    async def publish(alert: Alert) -> None:
        await send_until_acked(rt.topics.alerts, alert.story_id, alert, timeout=settings.kafka_timeout,
                               metrics=rt.metrics, label="alerts")

    stage = StoryStage(stories=rt.table(STORIES), last_hits=rt.table(STORY_LAST_HIT), book=mutebook.register(rt),
                       publish=publish, metrics=rt.metrics, cooldown=settings.story_cooldown)

    @app.agent(rt.topics.hits, name="stories")
    async def story_agent(stream: Any) -> Any:
        async for key, value in stream.items():
            await stage.on_hit(key, value, now=time.time(), where=lambda: record_fields(stream))

    @app.timer(interval=SWEEP_INTERVAL)
    @guarded
    async def sweep_last_hits() -> None:
        n = stage.sweep_last_hits(now=time.time(), owned=rt.owner_of(rt.names.hits))
        if n:
            log.info("stories: forgot the last hit of %d stories closed long ago", n)

    @app.timer(interval=settings.story_timer_interval)
    @guarded
    async def send_held_updates() -> None:
        await stage.send_held(now=time.time(), owned=rt.owner_of(rt.names.hits))

    return stage
