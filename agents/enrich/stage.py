"""Enrich stage: drop articles already seen, extract entities, match the rules.

articles (key: article id) -> [seen-articles table] -> extract(text) -> enriched (key: article id)
                                                                    \-> classify -> hits (key: topic)

Every processed article is written to ``enriched`` (with its entities: the record that it was
processed, and a stream for other consumers); its hits go to ``hits`` from the same agent, so
an article crosses Kafka once on its way to the rules.

Acks are manual (:class:`streams.kafka.inflight.InFlight`): the outputs are sent without
waiting; the article is acked, and its id written to ``seen``, once the broker has them all.
A crash before that re-processes it, and the stories stage takes a repeated hit as a report it
already has. A repeat of an id still in flight waits until the first copy is acked, and is
acked with it (acking it at once could let the commit pass the first copy's offset when the
repeat is that very record read again after a seek).

The stage (gazetteer and rule pack: ~1 s of CPU) is built in a thread while Faust starts its
producer, consumer, web server and agents (:mod:`streams.core.background`); the worker joins
its group once it is built (:class:`streams.kafka.faust_app.TableManager`).

The ``seen`` table is keyed by article id, and ids hash to the same partition number as the
articles topic, so the worker that reads an article owns its dedup entry. Entries older than
:data:`SEEN_TTL` are pruned, and beyond ``dedup_max_ids`` the oldest go first, so a worker's
memory stays flat however long it runs.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, MutableMapping
from typing import Any

from agents.enrich.analysis import entities_of
from agents.enrich.classify import HitRecords, classify, hit_records
from agents.enrich.entities import Extractor, load_extractor
from agents.enrich.rules import RulePack
from streams.core.background import Background, long_lived
from streams.core.logs import record_fields
from streams.core.metrics import Metrics
from streams.core.records import Article, EnrichedArticle
from streams.ingest.fetch import Fetcher, FetchLimits
from streams.ingest.fulltext import read_in_full
from streams.kafka.faust_app import Runtime
from streams.kafka.inflight import InFlight
from streams.kafka.tables import SEEN_ARTICLES
from streams.kafka.timers import guarded

log = logging.getLogger(__name__)

SEEN_TTL = 14 * 86400.0
#: how often ``seen`` is pruned. Every id dropped is a changelog tombstone sent at once; pruning
#: every 60 s dropped ~60,000 at a time at 1,000 articles/s, and the worker's RSS rose by ~70 MiB
#: when those bursts began (bench/README.md): pending sends are many small objects, and freed
#: ones leave the heap fragmented. Every 5 s it is ~5,000.
PRUNE_INTERVAL = 5.0


def enrich(article: Article, extractor: Extractor, pack: RulePack) -> EnrichedArticle:
    """Pure: the article and the entities found in its text (:func:`agents.enrich.analysis.entities_of`)."""
    return EnrichedArticle(article=article, entities=entities_of(article, extractor, pack))


def stale_ids(oldest_first: Iterable[tuple[str, Any]], *, size: int, now: float, ttl: float,
              max_ids: int) -> list[str]:
    """Pure: the ids to forget, from the front of the table: older than ``ttl``, and the oldest
    beyond ``max_ids``. ``oldest_first`` is the table's own order (ids are inserted once, when
    first seen, and a recovered table replays its changelog in the same order), so this reads
    only the ids it drops plus one, and builds no copy of the table (a full sorted copy every
    minute cost tens of MiB of peak memory at 200,000 ids)."""
    excess = size - max_ids
    cutoff = now - ttl
    out: list[str] = []
    for key, when in oldest_first:
        if len(out) < excess or when is None or when < cutoff:
            out.append(key)
        else:
            break
    return out


class EnrichStage:
    """One article at a time: :meth:`enrich` then :meth:`classify`; ``seen`` is the dedup
    table (a Faust table in the service, a dict in tests)."""

    def __init__(self, *, extractor: Extractor, pack: RulePack, seen: MutableMapping[str, Any],
                 page_fetcher: Any, metrics: Metrics, dedup_max_ids: int) -> None:
        self.extractor, self.pack, self.seen, self.page_fetcher = extractor, pack, seen, page_fetcher
        self.metrics, self.dedup_max_ids = metrics, dedup_max_ids
        self._enrich_seconds = metrics.stage_duration.labels("enrich")
        self._classify_seconds = metrics.stage_duration.labels("classify")
        self._entity_counters: dict[str, Any] = {}

    def is_seen(self, article_id: str) -> bool:
        return self.seen.get(article_id) is not None

    def mark_seen(self, article_id: str, now: float) -> None:
        self.seen[article_id] = now

    async def enrich(self, article: Article, where: Callable[[], dict[str, Any]] = dict) -> EnrichedArticle:
        """Full text (when the feed asks), then entities; a failure leaves the article
        without entities rather than stopping the stage. ``where()`` gives the log fields of
        the record being processed (built only when something is logged)."""
        if article.full_text:
            article, why_not = await read_in_full(article, self.page_fetcher)
            self.metrics.fulltext_reads.labels(why_not or "ok").inc()
        started = time.perf_counter()
        try:
            out = enrich(article, self.extractor, self.pack)
        except Exception:
            log.exception("enrich: entity extraction failed for article %s (%s)", article.id, article.link,
                          extra={"article_id": article.id, "feed": article.feed_url, **where()})
            out = EnrichedArticle(article=article, entities=[])
        self._enrich_seconds.observe(time.perf_counter() - started)
        labels: dict[str, int] = {}
        for e in out.entities:  # a dict, not collections.Counter: an article holds two or three
            labels[e.label] = labels.get(e.label, 0) + 1
        for label, n in labels.items():
            counter = self._entity_counters.get(label)
            if counter is None:  # labels are the gazetteer's and the tiers' few kinds: a bounded cache
                counter = self._entity_counters[label] = self.metrics.entities_extracted.labels(label)
            counter.inc(n)  # once per label, not per entity: labels() takes a lock and builds a key
        return out

    def classify(self, enriched: EnrichedArticle, where: Callable[[], dict[str, Any]] = dict) -> HitRecords:
        """The article's hits as ``hits`` records; a failure raises nothing."""
        started = time.perf_counter()
        try:
            hits = classify(enriched, self.pack)
        except Exception:
            log.exception("classify: rule matching failed for article %s", enriched.article.id,
                          extra={"article_id": enriched.article.id, **where()})
            hits = []
        self._classify_seconds.observe(time.perf_counter() - started)
        self.metrics.articles_processed.inc()
        return hit_records(enriched, hits)

    def prune(self, now: float) -> int:
        """Forget the ids older than :data:`SEEN_TTL` and the oldest beyond ``dedup_max_ids``."""
        stale = stale_ids(self.seen.items(), size=len(self.seen), now=now, ttl=SEEN_TTL,
                          max_ids=self.dedup_max_ids)
        for key in stale:
            self.seen.pop(key, None)
        return len(stale)


async def consume(stage: EnrichStage, stream: Any, sender: InFlight, *, enriched_topic: Any, hits_topic: Any) -> None:
    """The agent's loop over a manual-ack stream (see the module docstring)."""
    in_flight: dict[str, list[Any]] = {}  # ids sent and not acked -> repeats read meanwhile

    def acked(article_id: str) -> None:
        stage.mark_seen(article_id, time.time())
        for repeat in in_flight.pop(article_id, ()):
            sender.ack(repeat)

    async for event in stream.events():
        article = event.value
        if article.id in in_flight:
            stage.metrics.articles_deduplicated.inc()
            in_flight[article.id].append(event)
            continue
        if stage.is_seen(article.id):
            stage.metrics.articles_deduplicated.inc()
            await sender.send(event, [])
            continue
        where = lambda: record_fields(stream)  # noqa: E731
        out = await stage.enrich(article, where)
        hits = stage.classify(out, where)
        in_flight[article.id] = []
        # the record as plain dicts: the same bytes on the wire, encoded without a hook per entity
        records = [(enriched_topic, article.id, out.payload())] + [(hits_topic, key, value) for key, value in hits]
        await sender.send(event, records, on_acked=lambda aid=article.id: acked(aid))


def register(rt: Runtime) -> Background[EnrichStage]:
    """The enrich agent and the prune timer; the stage itself (gazetteer, rule pack) is built
    in a thread started here. Its table is declared here, before the worker starts, as Faust
    requires."""
    app, settings = rt.app, rt.settings
    page_fetcher = Fetcher(FetchLimits.from_settings(settings))
    seen = rt.table(SEEN_ARTICLES)

    def build() -> EnrichStage:
        started = time.perf_counter()
        stage = EnrichStage(
            extractor=load_extractor(settings.gazetteer_dirs, settings.nlp_model,
                                     nlp_max_chars=settings.nlp_max_chars or None, cache_dir=settings.cache_dir),
            pack=RulePack.load(settings.rules_dirs), seen=seen, page_fetcher=page_fetcher,
            metrics=rt.metrics, dedup_max_ids=settings.dedup_max_ids)
        log.debug("enrich: gazetteer and rule pack loaded in %.2f s", time.perf_counter() - started)
        return stage

    building = Background(lambda: long_lived(build), name="enrich-stage")
    app.start_work.append(building)  # done before the worker joins its group

    @app.on_before_shutdown.connect
    async def close_fetcher(sender: Any, **kwargs: Any) -> None:
        await page_fetcher.close()

    @app.agent(rt.topics.articles, name="enrich")
    async def enrich_agent(stream: Any) -> Any:
        try:
            stage = await building.wait()
        except Exception:  # the service stops the worker and says why (streams/service.py)
            return
        stream = stream.noack()
        sender = InFlight(stream, timeout=settings.kafka_timeout, metrics=rt.metrics)
        await consume(stage, stream, sender, enriched_topic=rt.topics.enriched, hits_topic=rt.topics.hits)

    @app.timer(interval=PRUNE_INTERVAL)
    @guarded
    async def prune_seen() -> None:
        if not building.done() or building.error() is not None:
            return  # nothing was read yet, so nothing to forget
        n = building.result().prune(time.time())
        if n:
            log.debug("enrich: forgot %d seen ids (older than %d days, or beyond dedup_max_ids=%d)", n,
                      SEEN_TTL // 86400, settings.dedup_max_ids)

    return building
