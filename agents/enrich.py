"""Enrich stage: drop articles already seen, then extract entities.

articles (key: article id) -> [dedup table] -> extract(text) -> enriched (key: article id)

The ``seen`` table is keyed by article id, and ids hash to the same partition number as the
articles topic, so the worker that reads an article owns its dedup entry. Entries older than
``SEEN_TTL`` are pruned, so memory follows the article rate, not the service's age.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from streams.logs import record_fields
from streams.records import Article, EnrichedArticle, Entity

log = logging.getLogger(__name__)

SEEN_TTL = 14 * 86400.0


def enrich(article: Article, extractor: Any) -> EnrichedArticle:
    """Pure: the article and the entities found in its text."""
    entities: list[Entity] = extractor.extract(article.text())
    return EnrichedArticle(article=article, entities=entities)


def register(app: Any, ctx: Any) -> None:
    from agents.entities import load_extractor
    from streams.app import guarded, send_until_acked

    settings, metrics = ctx.settings, ctx.metrics
    extractor = load_extractor(settings.gazetteer_dirs, settings.nlp_model,
                               nlp_max_chars=settings.nlp_max_chars or None)
    ctx.services["extractor"] = extractor
    seen = app.Table("seen-articles", default=None, partitions=settings.topic_partitions, use_partitioner=True,
                     help="article id -> first time the enrich stage saw it")
    ctx.tables["seen"] = seen
    enriched_topic = ctx.topics["enriched"]
    from streams.fetch import Fetcher, FetchLimits

    page_fetcher = Fetcher(FetchLimits.from_settings(settings))

    @app.on_before_shutdown.connect
    async def close_fetcher(sender: Any, **kwargs: Any) -> None:
        await page_fetcher.close()

    @app.agent(ctx.topics["articles"], name="enrich")
    async def enrich_agent(stream: Any) -> Any:
        async for article in stream:
            if seen.get(article.id) is not None:
                metrics.articles_deduplicated.inc()
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
            metrics.stage_duration.labels("enrich").observe(time.perf_counter() - started)
            for entity in out.entities:
                metrics.entities_extracted.labels(entity.label).inc()
            await send_until_acked(enriched_topic, article.id, out, timeout=settings.kafka_timeout, metrics=metrics,
                                   label="enriched")
            # recorded only once the enriched record is acked: a crash before this re-processes
            seen[article.id] = time.time()

    @app.timer(interval=3600.0)
    @guarded
    async def prune_seen() -> None:
        cutoff = time.time() - SEEN_TTL
        stale = [k for k, v in list(seen.items()) if v is not None and v < cutoff]
        for key in stale:
            seen.pop(key, None)
        if stale:
            log.info("enrich: pruned %d seen ids older than %d days", len(stale), SEEN_TTL // 86400)
