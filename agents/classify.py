"""Classify stage: rule pack -> alert hits, routed to the story that owns them.

enriched article -> match(article, entities, rules) -> hits (key: story key)

It runs inside the enrich agent (agents/enrich.py), on the article just enriched: a separate
agent reading the ``enriched`` topic back cost a full Kafka hop per article (fetch, decode,
stream, ack, commit), about a third of a worker's CPU, for no gain in isolation.

A hit is keyed by :func:`agents.stories.primary_key` (topic and main actor), so every report
of one event reaches the same partition and the same story table entry, whichever feed or
worker it came from. Backfilled articles are matched (and counted) but raise nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from streams.logs import record_fields
from streams.records import AlertHit, EnrichedArticle

log = logging.getLogger(__name__)

HitRecords = list[tuple[str, dict[str, Any]]]


def classify(enriched: EnrichedArticle, pack: Any) -> list[AlertHit]:
    """The alert-worthy topics of one article, one hit per event (qualifiers folded in)."""
    from agents.rules import fold_qualifiers, match

    return fold_qualifiers(match(enriched.article, enriched.entities, pack), pack)


def hit_records(enriched: EnrichedArticle, hits: list[AlertHit]) -> HitRecords:
    """The ``hits`` topic records of an article: (story key, hit and article); none if backfilled."""
    from agents.stories import primary_key

    if enriched.article.backfill:
        return []
    return [(primary_key(hit.topic, enriched.entities, by_actor=False),
             {"hit": hit.asdict(), "enriched": enriched.to_representation()}) for hit in hits]


def register(app: Any, ctx: Any) -> Callable[[EnrichedArticle, Any], HitRecords]:
    """Load the rule pack; returns the stage as the enrich agent calls it, with the stream whose
    record an error's log line names."""
    from agents.rules import RulePack

    settings, metrics = ctx.settings, ctx.metrics
    pack = RulePack.load(settings.rules_dirs)
    ctx.services["rules"] = pack
    classify_seconds = metrics.stage_duration.labels("classify")

    def stage(enriched: EnrichedArticle, stream: Any) -> HitRecords:
        started = time.perf_counter()
        try:
            hits = classify(enriched, pack)
        except Exception:  # one bad article must not stop the stage; it raises nothing
            log.exception("classify: rule matching failed for article %s", enriched.article.id,
                          extra={"article_id": enriched.article.id, **record_fields(stream)})
            hits = []
        classify_seconds.observe(time.perf_counter() - started)
        metrics.articles_processed.inc()
        return hit_records(enriched, hits)

    ctx.services["classify"] = stage
    return stage
