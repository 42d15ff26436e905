"""JSON Feed (https://www.jsonfeed.org/version/1.1/, and 1.0) -> the entry dicts parse.py reads. Pure.

The fetcher advertises ``application/feed+json``, and many sites publish only that. A JSON Feed
is an object with ``version`` (``https://jsonfeed.org/version/1`` or ``/1.1``), ``title`` and
``items``; an item has ``id`` (required), ``url``, ``title``, ``summary``, ``content_html`` /
``content_text`` and ``date_published`` / ``date_modified`` (RFC 3339). Each item becomes the
same shape feedparser gives an RSS or Atom entry, so ids, text and dates are handled once, in
:mod:`streams.ingest.parse`. Malformed items are skipped there like any entry without text.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from streams.core.errors import ParseError

VERSION_PREFIX = "https://jsonfeed.org/version/"


def is_json_feed(body: bytes, content_type: str | None) -> bool:
    """A JSON body: by its media type, or (servers often say text/plain) by its first byte."""
    if content_type and "json" in content_type.lower():
        return True
    return body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def _time(value: Any) -> Any:
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).timetuple()


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def entry(item: dict[str, Any]) -> dict[str, Any]:
    """One JSON Feed item as a feedparser-shaped entry."""
    content = _text(item.get("content_html")) or _text(item.get("content_text"))
    out: dict[str, Any] = {
        "id": str(item["id"]) if item.get("id") is not None else None,
        "link": _text(item.get("url")) or _text(item.get("external_url")),
        "title": _text(item.get("title")),
        "summary": _text(item.get("summary")),
        "content": [{"value": content}] if content else [],
        "published_parsed": _time(item.get("date_published")),
        "updated_parsed": _time(item.get("date_modified")),
    }
    return out


def parse_json_feed(url: str, body: bytes) -> tuple[str, list[dict[str, Any]]]:
    """(feed title, entries); ParseError when the bytes are not a JSON Feed."""
    try:
        doc = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ParseError(f"{url}: not a feed (invalid JSON: {exc})") from None
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(VERSION_PREFIX):
        raise ParseError(f"{url}: not a feed (JSON without a {VERSION_PREFIX}... version)")
    items = doc.get("items")
    if not isinstance(items, list):
        raise ParseError(f"{url}: not a feed (JSON Feed without an items list)")
    return _text(doc.get("title")), [entry(i) for i in items if isinstance(i, dict)]
