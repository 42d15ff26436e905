"""Fixtures shared by the alert-engine tests: the packaged rule pack and the default extractor
(both loaded once per session: they are read-only), and ``analyse``, the topics an article raises."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from agents.enrich.analysis import alerts
from agents.enrich.entities import load_extractor
from agents.enrich.rules import RulePack
from streams.core.records import Article

PUBLISHED = datetime(2023, 3, 16, 12, tzinfo=timezone.utc).timestamp()  # a Thursday


@pytest.fixture(scope="session")
def pack():
    return RulePack.load()


@pytest.fixture(scope="session")
def extractor(shared_cache_dir):
    return load_extractor(cache_dir=shared_cache_dir)


@pytest.fixture(scope="session")
def analyse(pack, extractor):
    """``analyse(title, body, published)`` -> {topic: AlertHit} for one article."""
    def run(title: str, body: str = "", published: float | None = PUBLISHED) -> dict:
        article = Article(id="t", feed_url="", link="", title=title, summary=body, published=published)
        return {h.topic: h for h in alerts(article, extractor, pack)[1]}
    return run
