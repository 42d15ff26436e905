"""Full text for feeds that carry only a summary (opt-in per feed: ``full_text: true``).

The article page is fetched with the poller's :class:`streams.ingest.fetch.Fetcher` (same limits,
same SSRF rule) and its main text is extracted with trafilatura, the field's reference for
stripping boilerplate: navigation, cookie banners, "ADVERTISEMENT", related links. The page
text replaces the feed's body only when it is longer; any failure keeps the feed's text, so
a slow or broken site costs detail, never the article.
"""

from __future__ import annotations

import logging
from typing import Any

from streams.core.errors import WatchfloorError
from streams.core.records import Article
from streams.ingest.fetch import PAGE_ACCEPT

log = logging.getLogger(__name__)

#: a page shorter than this after extraction is not an article (a paywall stub, a login page)
MIN_TEXT_CHARS = 200


def extract_text(html: bytes | str, url: str | None = None) -> str | None:
    """The main text of an HTML page, or None if there is none worth having."""
    try:
        import trafilatura
    except ImportError as exc:  # the [fulltext] extra is optional
        raise WatchfloorError("full-text reading needs trafilatura: pip install 'watchfloor[fulltext]'") from exc
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False,
                               include_links=False, favor_precision=True, deduplicate=True)
    if not text or len(text) < MIN_TEXT_CHARS:
        return None
    return text


async def read_in_full(article: Article, fetcher: Any) -> tuple[Article, str | None]:
    """The article with the page's text as content, and None; or unchanged, and the error kind."""
    if not article.link.startswith(("http://", "https://")):
        return article, "no_link"
    try:
        result = await fetcher.fetch(article.link, accept=PAGE_ACCEPT)
        text = extract_text(result.body, result.final_url)
    except WatchfloorError as exc:
        log.info("full text of %s (article %s) not read: %s", article.link, article.id, exc)
        return article, exc.kind
    if text is None:
        return article, "no_text"
    current = max(len(article.content), len(article.summary))
    if len(text) <= current:
        return article, "shorter"
    return Article.from_data({**article.asdict(), "content": text}), None
