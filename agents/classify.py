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

from streams.logs import record_fields
from streams.records import AlertHit, EnrichedArticle

log = logging.getLogger(__name__)


def classify(enriched: EnrichedArticle, pack: Any) -> list[AlertHit]:
    """The alert-worthy topics of one article, one hit per event (qualifiers folded in)."""
    from agents.rules import fold_qualifiers, match

    return fold_qualifiers(match(enriched.article, enriched.entities, pack), pack)


def register(app: Any, ctx: Any) -> None:
    from agents.rules import RulePack
    from agents.stories import primary_key
    from agents.inflight import InFlight

    settings, metrics = ctx.settings, ctx.metrics
    pack = RulePack.load(settings.rules_dirs)
    ctx.services["rules"] = pack
    hits_topic = ctx.topics["hits"]
    classify_seconds = metrics.stage_duration.labels("classify")

    @app.agent(ctx.topics["enriched"], name="classify")
    async def classify_agent(stream: Any) -> Any:
        # Manual acks, as in the enrich stage (agents/inflight.py): an article is acked once the
        # broker has every hit it raised (at once when it raised none).
        stream = stream.noack()
        sender = InFlight(stream, hits_topic, timeout=settings.kafka_timeout, metrics=metrics, label="hits")
        async for event in stream.events():
            enriched = event.value
            started = time.perf_counter()
            try:
                hits = classify(enriched, pack)
            except Exception:
                log.exception("classify: rule matching failed for article %s", enriched.article.id,
                              extra={"article_id": enriched.article.id, **record_fields(stream)})
                hits = []
            classify_seconds.observe(time.perf_counter() - started)
            metrics.articles_processed.inc()
            if enriched.article.backfill:
                hits = []
            out = [(primary_key(hit.topic, enriched.entities, by_actor=False),
                    {"hit": hit.asdict(), "enriched": enriched.to_representation()}) for hit in hits]
            await sender.send(event, out)
