"""Enrich stage: drop articles already seen, then extract entities.

articles (key: article id) -> [dedup table] -> extract(text) -> enriched (key: article id)
                                                           \-> classify (agents/classify.py) -> hits

Every processed article is written to ``enriched`` (with its entities: the record that it was
processed, and a stream for other consumers); the classify stage runs in this agent on the
same article, so an article crosses Kafka once on its way to the rules, not twice.

The ``seen`` table is keyed by article id, and ids hash to the same partition number as the
articles topic, so the worker that reads an article owns its dedup entry. Entries older than
``SEEN_TTL`` are pruned, and beyond ``dedup_max_ids`` the oldest go first, so a worker's memory
stays flat however long it runs (the poller's per-feed state already drops what a feed
re-lists; this table catches re-publishes after a crash and repeats across partitions' owners).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import Any

from streams.logs import record_fields
from streams.records import Article, EnrichedArticle, Entity

log = logging.getLogger(__name__)

SEEN_TTL = 14 * 86400.0
#: how often ``seen`` is pruned. Every id dropped is a changelog tombstone sent at once; pruning
#: every 60 s dropped ~60,000 at a time at 1,000 articles/s, and the worker's RSS rose by ~70 MiB
#: when those bursts began (bench/README.md): pending sends are many small objects, and freed
#: ones leave the heap fragmented. Every 5 s it is ~5,000.
PRUNE_INTERVAL = 5.0


def enrich(article: Article, extractor: Any) -> EnrichedArticle:
    """Pure: the article and the entities found in its text."""
    entities: list[Entity] = extractor.extract(article.text())
    return EnrichedArticle(article=article, entities=entities)


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


def register(app: Any, ctx: Any) -> None:
    from agents.entities import load_extractor
    from agents.inflight import InFlight
    from streams.app import guarded

    settings, metrics = ctx.settings, ctx.metrics
    extractor = load_extractor(settings.gazetteer_dirs, settings.nlp_model,
                               nlp_max_chars=settings.nlp_max_chars or None)
    ctx.services["extractor"] = extractor
    seen = app.Table("seen-articles", default=None, partitions=settings.topic_partitions, use_partitioner=True,
                     help="article id -> first time the enrich stage saw it")
    ctx.tables["seen"] = seen
    enriched_topic = ctx.topics["enriched"]
    enrich_seconds, entities_extracted = metrics.stage_duration.labels("enrich"), metrics.entities_extracted
    from streams.fetch import Fetcher, FetchLimits

    page_fetcher = Fetcher(FetchLimits.from_settings(settings))

    @app.on_before_shutdown.connect
    async def close_fetcher(sender: Any, **kwargs: Any) -> None:
        await page_fetcher.close()

    # ids sent and not yet acked by the broker -> repeats of them read meanwhile, acked with the
    # first copy (acking a repeat at once could let the commit pass the first copy's offset when
    # the repeat is that very record read again after a seek)
    in_flight: dict[str, list[Any]] = {}
    classify_stage = ctx.services["classify"]  # agents/classify.py, registered first
    hits_topic = ctx.topics["hits"]

    @app.agent(ctx.topics["articles"], name="enrich")
    async def enrich_agent(stream: Any) -> Any:
        # Manual acks (agents/inflight.py): the enriched record and the article's hits are sent
        # without waiting; the article is acked, and its id written to ``seen``, once the broker
        # has them all. A repeat of an id still in flight waits in ``in_flight`` until then.
        stream = stream.noack()
        sender = InFlight(stream, timeout=settings.kafka_timeout, metrics=metrics)

        def mark_seen(article_id: str) -> None:
            seen[article_id] = time.time()
            for repeat in in_flight.pop(article_id, ()):
                sender.ack(repeat)

        async for event in stream.events():
            article = event.value
            if article.id in in_flight:
                metrics.articles_deduplicated.inc()
                in_flight[article.id].append(event)
                continue
            if seen.get(article.id) is not None:
                metrics.articles_deduplicated.inc()
                await sender.send(event, [])
                continue
            if article.full_text:
                from agents.fulltext import read_in_full

                article, why_not = await read_in_full(article, page_fetcher)
                metrics.fulltext_reads.labels(why_not or "ok").inc()
            started = time.perf_counter()
            try:
                out = enrich(article, extractor)
            except Exception:  # one bad article must not stop the stage; it goes on without entities
                log.exception("enrich: entity extraction failed for article %s (%s)", article.id, article.link,
                              extra={"article_id": article.id, "feed": article.feed_url, **record_fields(stream)})
                out = EnrichedArticle(article=article, entities=[])
            enrich_seconds.observe(time.perf_counter() - started)
            for entity in out.entities:
                entities_extracted.labels(entity.label).inc()
            hits = classify_stage(out, stream)
            in_flight[article.id] = []
            # the article is acked (and ``seen`` written) only once the broker has its enriched
            # record and its hits: a crash before that re-processes it, and the stories stage
            # takes a repeated hit as a report it already has
            records = [(enriched_topic, article.id, out)] + [(hits_topic, key, value) for key, value in hits]
            await sender.send(event, records, on_acked=lambda aid=article.id: mark_seen(aid))

    @app.timer(interval=PRUNE_INTERVAL)
    @guarded
    async def prune_seen() -> None:
        stale = stale_ids(seen.items(), size=len(seen), now=time.time(), ttl=SEEN_TTL,
                          max_ids=settings.dedup_max_ids)
        for key in stale:
            seen.pop(key, None)
        if stale:
            log.debug("enrich: forgot %d seen ids (older than %d days, or beyond dedup_max_ids=%d)", len(stale),
                     SEEN_TTL // 86400, settings.dedup_max_ids)
