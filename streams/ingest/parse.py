"""Feed bytes -> Articles. Pure: no network, no Kafka.

``parse_feed(url, body)`` is the only entry point. It never raises for a bad entry (the
entry is skipped and counted); it raises :class:`ParseError` only when the bytes are not a
feed at all. Article ids are stable across polls, restarts and workers:

1. the entry's guid when it is a URL (globally unique by construction);
2. else the feed URL plus the guid (plain guids such as "123" are only unique per feed);
3. else the entry's canonical link (scheme/host lower-cased, fragment and tracking
   parameters dropped);
4. else the feed URL plus title and published date.

The chosen string is hashed (blake2b, 16 bytes) so ids have a fixed size on the wire.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import io
import logging
import re
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import feedparser

from streams.core.errors import ParseError
from streams.core.records import Article
from streams.ingest.jsonfeed import is_json_feed, parse_json_feed
from streams.ingest.xmlguard import reject_dangerous_xml

log = logging.getLogger(__name__)

_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$|ocid$|cmpid$|ref$|ref_src$)")
_BLOCK_TAGS = re.compile(r"<\s*/?\s*(p|div|br|li|ul|ol|h[1-6]|blockquote|tr|section|article|header|footer)\b[^>]*>", re.I)
_DROP = re.compile(r"<\s*(script|style|noscript|iframe|svg|template)\b.*?<\s*/\s*\1\s*>", re.I | re.S)
_TAGS = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_NEWLINES = re.compile(r"\s*\n\s*")


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    articles: list[Article]
    skipped: int  # entries without any usable title, link or text
    truncated: int  # entries beyond the cap


def html_to_text(fragment: str) -> str:
    """Readable text from an HTML fragment: block tags become line breaks, the rest goes."""
    if "<" not in fragment and "&" not in fragment:
        return _NEWLINES.sub("\n", _SPACES.sub(" ", fragment)).strip()
    text = _DROP.sub(" ", fragment)
    text = _BLOCK_TAGS.sub("\n", text)
    text = _TAGS.sub(" ", text)
    text = html.unescape(text)
    text = _SPACES.sub(" ", text)
    return _NEWLINES.sub("\n", text).strip()


def canonical_link(link: str) -> str:
    """The link with scheme and host lower-cased, no fragment and no tracking parameters."""
    try:
        parts = urlsplit(link.strip())
    except ValueError:
        return link.strip()
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def article_id(feed_url: str, guid: str | None, link: str | None, title: str, published: float | None) -> str:
    guid = (guid or "").strip()
    if guid and re.match(r"^https?://", guid, re.I):
        basis = "guid:" + canonical_link(guid)
    elif guid:
        basis = f"feed-guid:{feed_url}\n{guid}"
    elif link:
        basis = "link:" + canonical_link(link)
    else:
        basis = f"feed-title:{feed_url}\n{title}\n{published or ''}"
    return hashlib.blake2b(basis.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _timestamp(entry: dict) -> float | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return float(calendar.timegm(value))
            except (TypeError, ValueError, OverflowError):
                continue
    return None


def _content(entry: dict) -> str:
    parts = entry.get("content") or []
    values = [p.get("value", "") for p in parts if isinstance(p, dict)]
    return html_to_text(max(values, key=len)) if values else ""


def parse_feed(
    url: str,
    body: bytes,
    *,
    content_type: str | None = None,
    max_entries: int = 500,
    now: float | None = None,
) -> ParsedFeed:
    """Parse feed bytes fetched from ``url`` into Articles (newest entries first, as served).
    RSS, Atom and RDF go through feedparser; a JSON Feed through :mod:`streams.ingest.jsonfeed`."""
    if is_json_feed(body, content_type):
        title, entries = parse_json_feed(url, body)
        return _parsed(url, {"title": title}, entries, max_entries=max_entries, now=now)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    reject_dangerous_xml(body, headers, url=url)
    try:
        # BytesIO, not bytes: feedparser opens bytes that name an existing file as a path
        parsed = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=False,
                                  resolve_relative_uris=True)
    except Exception as exc:  # feedparser is meant not to raise, but it is fed by strangers
        raise ParseError(f"{url}: feed parser failed: {type(exc).__name__}: {exc}") from exc
    entries = parsed.get("entries") or []
    feed = parsed.get("feed") or {}
    # feedparser accepts almost anything: with no entries, only a recognised feed format
    # (rss, atom, cdf...) that parsed cleanly or has a title is an empty feed, not an error
    if not entries and (not parsed.get("version") or (parsed.get("bozo") and not feed.get("title"))):
        reason = parsed.get("bozo_exception")
        raise ParseError(f"{url}: not a feed ({type(reason).__name__ if reason else 'no entries'}: {reason})")
    return _parsed(url, feed, entries, max_entries=max_entries, now=now)


def _parsed(url: str, feed: dict, entries: list, *, max_entries: int, now: float | None) -> ParsedFeed:
    seen_at = time.time() if now is None else now
    source = html_to_text(feed.get("title") or "")[:200]
    articles: list[Article] = []
    skipped = 0
    for entry in entries[:max_entries]:
        title = html_to_text(entry.get("title") or "")
        link = (entry.get("link") or "").strip()
        summary = html_to_text(entry.get("summary") or "")
        content = _content(entry)
        if not (title or summary or content):
            skipped += 1
            continue
        published = _timestamp(entry)
        articles.append(
            Article(
                id=article_id(url, entry.get("id"), link, title, published),
                feed_url=url,
                link=link,
                title=title,
                summary=summary,
                content=content if content != summary else "",
                published=published,
                first_seen=seen_at,
                source=source,
            )
        )
    return ParsedFeed(
        title=source, articles=articles, skipped=skipped, truncated=max(0, len(entries) - max_entries)
    )
