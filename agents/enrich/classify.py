"""Classify: an enriched article -> its alert hits, keyed for the story that owns them.

enriched article -> match(article, entities, rules) -> hits (key: story key)

Pure. It runs inside the enrich agent (:mod:`agents.enrich.stage`) on the article just
enriched: a separate agent reading the ``enriched`` topic back cost a full Kafka hop per
article, about a third of a worker's CPU, for no gain in isolation.

A hit is keyed by :func:`agents.stories.stories.primary_key` (the topic alone), so every
report of one event reaches the same partition and the same story table entry, whichever feed
or worker it came from. Backfilled articles are matched (and counted) but raise nothing.
"""

from __future__ import annotations

from typing import Any

from agents.enrich.analysis import one_alert_per_event
from agents.enrich.rules import RulePack, match
from agents.stories.stories import primary_key
from streams.core.records import AlertHit, EnrichedArticle

#: records for the ``hits`` topic: (story key, {"hit": ..., "enriched": ...})
HitRecords = list[tuple[str, dict[str, Any]]]


def classify(enriched: EnrichedArticle, pack: RulePack) -> list[AlertHit]:
    """The alert-worthy topics of one article, one hit per event (qualifiers folded in, an
    event reported as another topic read once)."""
    return one_alert_per_event(match(enriched.article, enriched.entities, pack), pack)


def hit_records(enriched: EnrichedArticle, hits: list[AlertHit]) -> HitRecords:
    """The ``hits`` topic records of an article; none if it was backfilled."""
    if enriched.article.backfill:
        return []
    return [(primary_key(hit.topic, enriched.entities, by_actor=False),
             {"hit": hit.asdict(), "enriched": enriched.to_representation()}) for hit in hits]
