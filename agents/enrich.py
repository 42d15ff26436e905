"""Enrich stage: drop articles already seen, then extract entities.

articles (key: article id) -> [dedup table] -> extract(text) -> enriched (key: article id)

The ``seen`` table is keyed by article id, and ids hash to the same partition number as the
articles topic, so the worker that reads an article owns its dedup entry. Entries older than
``SEEN_TTL`` are pruned, so memory follows the article rate, not the service's age.

Articles are taken in batches (up to ``BATCH_MAX``, or what came within ``BATCH_WITHIN``
seconds) and the batch's enriched records acked by the broker together (agents/batching.py);
an id enters ``seen`` only after its record is acked, and Faust commits the batch's offsets
only after that.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from streams.records import Article, EnrichedArticle, Entity

log = logging.getLogger(__name__)

SEEN_TTL = 14 * 86400.0


def enrich(article: Article, extractor: Any) -> EnrichedArticle:
    """Pure: the article and the entities found in its text."""
    entities: list[Entity] = extractor.extract(article.text())
    return EnrichedArticle(article=article, entities=entities)


def register(app: Any, ctx: Any) -> None:
    from agents.batching import BATCH_MAX, BATCH_WITHIN, event_fields, send_all_until_acked
    from agents.entities import load_extractor
    from streams.app import guarded

    settings, metrics = ctx.settings, ctx.metrics
    extractor = load_extractor(settings.gazetteer_dirs, settings.nlp_model,
                               nlp_max_chars=settings.nlp_max_chars or None)
    ctx.services["extractor"] = extractor
    seen = app.Table("seen-articles", default=None, partitions=settings.topic_partitions, use_partitioner=True,
                     help="article id -> first time the enrich stage saw it")
    ctx.tables["seen"] = seen
    enriched_topic = ctx.topics["enriched"]
    enrich_seconds = metrics.stage_duration.labels("enrich")
    from streams.fetch import Fetcher, FetchLimits

    page_fetcher = Fetcher(FetchLimits.from_settings(settings))

    @app.on_before_shutdown.connect
    async def close_fetcher(sender: Any, **kwargs: Any) -> None:
        await page_fetcher.close()

    @app.agent(ctx.topics["articles"], name="enrich")
    async def enrich_agent(stream: Any) -> Any:
        # Batches: every enriched record of a batch is sent, then all acks awaited at once
        # (agents/batching.py). Faust acks a batch's articles only when the next batch is
        # taken, and ``seen`` is written only after the broker acked the batch's outputs: a
        # crash before then re-processes the batch, and downstream absorbs the repeats.
        async for events in stream.take_events(BATCH_MAX, within=BATCH_WITHIN):
            outs: list[tuple[str, EnrichedArticle]] = []
            in_batch: set[str] = set()  # a repeat inside one batch is not in ``seen`` yet
            for event in events:
                out = await enrich_one(event, in_batch)
                if out is not None:
                    outs.append((out.article.id, out))
            await send_all_until_acked(enriched_topic, outs, timeout=settings.kafka_timeout, metrics=metrics,
                                       label="enriched")
            now = time.time()
            for article_id, _ in outs:
                seen[article_id] = now

    async def enrich_one(event: Any, in_batch: set[str]) -> EnrichedArticle | None:
        """One article of a batch: None if already seen, else enriched (without entities if
        extraction failed: one bad article must not stop the stage)."""
        article = event.value
        if article.id in in_batch or seen.get(article.id) is not None:
            metrics.articles_deduplicated.inc()
            return None
        in_batch.add(article.id)
        if article.full_text:
            from agents.fulltext import read_in_full

            article, why_not = await read_in_full(article, page_fetcher)
            metrics.fulltext_reads.labels(why_not or "ok").inc()
        started = time.perf_counter()
        try:
            out = enrich(article, extractor)
        except Exception:
            log.exception("enrich: entity extraction failed for article %s (%s)", article.id, article.link,
                          extra={"article_id": article.id, "feed": article.feed_url, **event_fields(event)})
            out = EnrichedArticle(article=article, entities=[])
        enrich_seconds.observe(time.perf_counter() - started)  # per article, as before batching
        for entity in out.entities:
            metrics.entities_extracted.labels(entity.label).inc()
        return out

    @app.timer(interval=3600.0)
    @guarded
    async def prune_seen() -> None:
        cutoff = time.time() - SEEN_TTL
        stale = [k for k, v in list(seen.items()) if v is not None and v < cutoff]
        for key in stale:
            seen.pop(key, None)
        if stale:
            log.info("enrich: pruned %d seen ids older than %d days", len(stale), SEEN_TTL // 86400)
