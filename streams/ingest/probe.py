"""Try a feed once before it is registered: ``watchfloor feeds add`` says what it found.

The fetch goes through the poller's :class:`~streams.ingest.fetch.Fetcher` (same limits, same
SSRF rule) and the parse through :func:`~streams.ingest.parse.parse_feed`; any failure is the
:class:`~streams.core.errors.WatchfloorError` that the poller would have logged, so the
operator reads "HTTP 404" or "not a feed" at once instead of a failing feed later.
"""

from __future__ import annotations

from typing import Any

from streams.core.times import iso
from streams.ingest.fetch import Fetcher, FetchLimits
from streams.ingest.parse import parse_feed


async def probe(url: str, limits: FetchLimits, *, max_entries: int) -> dict[str, Any]:
    """``{"title", "entries", "newest", "newest_published"}`` of the feed at ``url``."""
    async with Fetcher(limits) as fetcher:
        result = await fetcher.fetch(url)
    parsed = parse_feed(url, result.body, content_type=result.content_type, max_entries=max_entries)
    dated = [a for a in parsed.articles if a.published]
    newest = max(dated, key=lambda a: a.published or 0) if dated else (parsed.articles[0] if parsed.articles else None)
    return {"title": parsed.title, "entries": len(parsed.articles),
            "newest": newest.title if newest else None,
            "newest_published": iso(newest.published) if newest and newest.published else None}
