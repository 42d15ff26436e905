"""Classify stage: rule pack -> alert hits, routed to the story that owns them.

enriched (key: article id) -> match(article, entities, rules) -> hits (key: story key)

A hit is keyed by :func:`agents.stories.primary_key` (topic and main actor), so every report
of one event reaches the same partition and the same story table entry, whichever feed or
worker it came from. Backfilled articles are matched (and counted) but raise nothing.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from streams.records import AlertHit, EnrichedArticle

log = logging.getLogger(__name__)


def classify(enriched: EnrichedArticle, pack: Any) -> list[AlertHit]:
    """The alert-worthy topics of one article, one hit per event (qualifiers folded in)."""
    from agents.rules import fold_qualifiers, match

    return fold_qualifiers(match(enriched.article, enriched.entities, pack), pack)


def register(app: Any, ctx: Any) -> None:
    from agents.batching import BATCH_MAX, BATCH_WITHIN, event_fields, send_all_until_acked
    from agents.rules import RulePack
    from agents.stories import primary_key

    settings, metrics = ctx.settings, ctx.metrics
    pack = RulePack.load(settings.rules_dirs)
    ctx.services["rules"] = pack
    hits_topic = ctx.topics["hits"]
    classify_seconds = metrics.stage_duration.labels("classify")

    @app.agent(ctx.topics["enriched"], name="classify")
    async def classify_agent(stream: Any) -> Any:
        # Batches, as in the enrich stage: all hits of a batch are sent, then their acks
        # awaited at once; Faust acks the batch's records only when the next batch is taken.
        async for events in stream.take_events(BATCH_MAX, within=BATCH_WITHIN):
            out: list[tuple[str, dict[str, Any]]] = []
            for event in events:
                out.extend(hits_of(event))
            await send_all_until_acked(hits_topic, out, timeout=settings.kafka_timeout, metrics=metrics,
                                       label="hits")

    def hits_of(event: Any) -> list[tuple[str, dict[str, Any]]]:
        """The (story key, hit record) pairs of one enriched article; none if backfilled."""
        enriched = event.value
        started = time.perf_counter()
        try:
            hits = classify(enriched, pack)
        except Exception:
            log.exception("classify: rule matching failed for article %s", enriched.article.id,
                          extra={"article_id": enriched.article.id, **event_fields(event)})
            hits = []
        classify_seconds.observe(time.perf_counter() - started)  # per article, as before batching
        metrics.articles_processed.inc()
        if enriched.article.backfill:
            return []
        return [(primary_key(hit.topic, enriched.entities, by_actor=False),
                 {"hit": hit.asdict(), "enriched": enriched.to_representation()}) for hit in hits]
