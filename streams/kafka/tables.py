"""The pipeline's Faust tables: their names, once, and how their old entries are swept.

Every table has ``topic_partitions`` partitions and hashes its own keys (``use_partitioner``),
so it is co-partitioned with the topic its stage reads. Its changelog
(``<app>-<table>-changelog``, compacted) is created with the other topics before the worker
starts (:meth:`streams.kafka.topics.TopicNames.layout`), so it exists with the right partition
count before the first write.

Side tables gain an entry per alert or story; a stage sweeps those whose time is past their
stage's TTL (an always-on worker's memory, and its restart time, would otherwise grow with
every alert it ever sent).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

#: how often the side tables are swept, seconds
SWEEP_INTERVAL = 3600.0


@dataclass(frozen=True)
class TableSpec:
    name: str
    help: str


FEED_REGISTRY = TableSpec("feed-registry", "feed URL -> feed state")
SEEN_ARTICLES = TableSpec("seen-articles", "article id -> first time the enrich stage saw it")
STORIES = TableSpec("stories", "topic -> open stories (JSON)")
STORY_LAST_HIT = TableSpec("story-last-hit", "story id -> last hit and article")
DELIVERED = TableSpec("delivered", "destination id|alert id -> delivery time")
ALERTMANAGER_ACTIVE = TableSpec("alertmanager-active", "story id -> last alert sent to Alertmanager")
SLACK_THREADS = TableSpec("slack-threads", "story id -> ts of its first Slack message")

TABLES: tuple[TableSpec, ...] = (FEED_REGISTRY, SEEN_ARTICLES, STORIES, STORY_LAST_HIT, DELIVERED,
                                 ALERTMANAGER_ACTIVE, SLACK_THREADS)


def open_table(app: Any, spec: TableSpec, partitions: int) -> Any:
    """The Faust table of ``spec`` (values JSON, ``None`` when absent)."""
    return app.Table(spec.name, default=None, partitions=partitions, use_partitioner=True, help=spec.help)


def expired(items: Iterable[tuple[Any, Any]], *, now: float, ttl: float,
            when: Callable[[Any], float | None]) -> list[Any]:
    """Pure: the keys whose entry is older than ``ttl``; ``when(value)`` is the entry's time
    (None when unknown: kept)."""
    cutoff = now - ttl
    out = []
    for key, value in items:
        try:
            at = when(value)
        except (TypeError, ValueError, KeyError):
            at = None
        if at is not None and at < cutoff:
            out.append(key)
    return out


def sweep(table: Any, *, now: float, ttl: float, when: Callable[[Any], float | None],
          owned: Callable[[Any], bool]) -> int:
    """Drop the expired entries of ``table`` whose key this worker owns; how many."""
    keys = expired(((k, v) for k, v in list(table.items()) if owned(k)), now=now, ttl=ttl, when=when)
    for key in keys:
        table.pop(key, None)
    return len(keys)
