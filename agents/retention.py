"""How long the side tables of the story and notify stages keep an entry.

``delivered`` (destination|alert id -> time), ``slack-threads`` (story id -> Slack ts) and
``story-last-hit`` (story id -> last hit) gain an entry per alert or story and had no end: an
always-on worker's memory, and its restart time (tables are read back from their changelogs),
grew with every alert it ever sent. Each entry is needed only while its alert may be re-read
(minutes after a crash) or its story may still get an update (``stories.DEFAULT_MAX_AGE``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

DAY = 86400.0
#: ``delivered``: a re-read after a restart comes within minutes; a week is generous
DELIVERED_TTL = 7 * DAY
#: ``slack-threads`` and ``story-last-hit``: a story takes updates for at most 48 h
STORY_TABLE_TTL = 3 * DAY
#: how often the tables are swept
SWEEP_INTERVAL = 3600.0


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


def delivered_at(value: Any) -> float | None:
    """``delivered`` holds the delivery time, negated for a dead-lettered alert."""
    return abs(float(value)) if value is not None else None


def slack_ts_at(value: Any) -> float | None:
    """A Slack message ts is its epoch time: "1700000000.000100"."""
    return float(value) if value else None


def last_hit_at(value: Any) -> float | None:
    """``story-last-hit`` entries carry the time they were written (older ones do not)."""
    return value.get("at") if isinstance(value, dict) else None
