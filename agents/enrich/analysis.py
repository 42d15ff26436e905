"""The whole-article pure pipeline for one article: entities, then alert topics.

``watchfloor analyze`` (:mod:`streams.cli.analyze`) and ``watchfloor rules test``
(:mod:`agents.enrich.evaluation`) call it. The enrich agent runs the same two steps, split so
that it can time each (:meth:`agents.enrich.stage.EnrichStage.enrich`, then ``classify``).
Nothing here touches Kafka or the network.
"""

from __future__ import annotations

from agents.enrich.entities import Extractor
from agents.enrich.one_launch import one_launch_per_event
from agents.enrich.qualifiers import fold_qualifiers
from agents.enrich.rules import RulePack, match, may_fire
from streams.core.records import AlertHit, Article, Entity


def analyze(article: Article, extractor: Extractor, pack: RulePack) -> tuple[list[Entity], list[AlertHit]]:
    """Entities found in ``article.text()`` and the topics it fires (at most one hit each)."""
    entities = entities_of(article, extractor, pack)
    return entities, match(article, entities, pack)


def entities_of(article: Article, extractor: Extractor, pack: RulePack) -> list[Entity]:
    """Entities found in ``article.text()``; the model-free tier reads past the lede only where
    a rule of ``pack`` may fire (:func:`agents.enrich.rules.may_fire`): most articles cannot, and
    pay for the lede only."""
    text = article.text()
    return extractor.extract(text, wide=may_fire(text, pack))


def alerts(article: Article, extractor: Extractor, pack: RulePack) -> tuple[list[Entity], list[AlertHit]]:
    """What the service would alert on: :func:`analyze`, one alert per event."""
    entities, hits = analyze(article, extractor, pack)
    return entities, one_alert_per_event(hits, pack)


def one_alert_per_event(hits: list[AlertHit], pack: RulePack) -> list[AlertHit]:
    """Qualifier topics folded into the event they describe, and an event first reported as
    another topic ("a suspected ballistic missile" that was a satellite launch) read once."""
    return one_launch_per_event(fold_qualifiers(hits, pack), pack)
