"""The whole-article pure pipeline: entities, then alert topics.

``watchfloor analyze`` and the Faust agents call ``analyze``; nothing here touches Kafka or
the network, so tests call it directly.
"""

from __future__ import annotations

from agents.entities import Extractor
from agents.rules import RulePack, fold_qualifiers, match
from streams.records import AlertHit, Article, Entity


def analyze(article: Article, extractor: Extractor, pack: RulePack) -> tuple[list[Entity], list[AlertHit]]:
    """Entities found in ``article.text()`` and the topics it fires (at most one hit each)."""
    entities = extractor.extract(article.text())
    return entities, match(article, entities, pack)


def alerts(article: Article, extractor: Extractor, pack: RulePack) -> tuple[list[Entity], list[AlertHit]]:
    """What the service would alert on: :func:`analyze` with qualifier topics folded into
    the event they describe (one alert per event)."""
    entities, hits = analyze(article, extractor, pack)
    return entities, fold_qualifiers(hits, pack)
