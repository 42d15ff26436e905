"""Helpers for driving the stage objects in-process: real articles through the real enrich
core, tables as dicts, topics as lists."""

from __future__ import annotations

import functools
import time
from typing import Any

from agents.enrich.classify import classify, hit_records
from agents.enrich.entities import Extractor, load_extractor
from agents.enrich.rules import RulePack
from agents.enrich.stage import enrich
from streams.core.records import Article


@functools.lru_cache(maxsize=1)
def pipeline() -> tuple[Extractor, RulePack]:
    return load_extractor(), RulePack.load()


def article(article_id: str, title: str, body: str, *, feed: str = "https://wire.example/rss",
            first_seen: float | None = None) -> Article:
    return Article(id=article_id, feed_url=feed, link=f"https://wire.example/{article_id}", title=title,
                   summary=body, first_seen=time.time() if first_seen is None else first_seen)


def hits_of(a: Article) -> list[tuple[str, dict[str, Any]]]:
    """The ``hits`` records the enrich stage would send for ``a``."""
    extractor, pack = pipeline()
    enriched = enrich(a, extractor, pack)
    return hit_records(enriched, classify(enriched, pack))


class Sink(list):
    """A topic as a list: ``await sink(value)`` appends."""

    async def __call__(self, *record: Any) -> None:
        self.append(record[0] if len(record) == 1 else record)
