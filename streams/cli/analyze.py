"""``watchfloor analyze``: the pipeline's parse -> entities -> rules on feeds, no Kafka.

URLs go through the same :class:`streams.ingest.fetch.Fetcher` as the poller, under the same
limits and the same ``--allow-private-networks`` rule.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path
from typing import IO, Any

from agents.enrich.analysis import alerts
from agents.enrich.entities import load_extractor
from agents.enrich.rules import RulePack
from streams.core.errors import ParseError, WatchfloorError
from streams.core.records import Article, entity_identities
from streams.core.settings import Settings
from streams.core.times import iso
from streams.ingest.fetch import Fetcher, FetchLimits
from streams.ingest.parse import ParsedFeed, html_to_text, parse_feed


def text_article(source: str, body: bytes) -> Article:
    """A file that is not a feed, read as one article: first non-empty line is the title."""
    text = html_to_text(body.decode("utf-8", "replace"))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # pages saved from the web open with kickers and labels ("ADVERTISEMENT", "WORLD"):
    # the title is the first line that reads like a headline
    headline = next((i for i, line in enumerate(lines) if len(line.split()) >= 4), 0)
    title = lines[headline] if lines else source
    return Article(
        id=hashlib.blake2b(f"file:{source}".encode(), digest_size=16).hexdigest(),
        feed_url=source, link=source, title=title, content="\n".join(lines[headline + 1:]), first_seen=time.time(),
    )


def article_json(article: Article, entities: list[Any], hits: list[Any]) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "link": article.link,
        "feed": article.feed_url,
        "published": iso(article.published) or None,  # ISO 8601, UTC
        "entities": counted(entities),
        "alerts": [{"topic": h.topic, "severity": h.severity, "evidence": h.evidence, "phrase": h.phrase,
                    "rule": h.rule, "qualifiers": list(h.qualifiers), "event": h.event} for h in hits],
    }


def counted(entities: list[Any]) -> list[dict[str, Any]]:
    """One entry per thing (:func:`~streams.core.records.entity_identities`), in order of first
    mention, with its mentions: how many (``mentions``), the distinct ``texts`` and every
    ``[start, end]`` in ``spans``; ``start``/``end`` are the first mention's."""
    out: dict[str, dict[str, Any]] = {}
    for e, key in zip(entities, entity_identities(entities)):
        entry = out.get(key)
        if entry is None:
            entry = out[key] = {"text": e.text, "label": e.label, "id": e.id, "source": e.source,
                                "start": e.start, "end": e.end, "mentions": 0, "texts": [], "spans": []}
        entry["mentions"] += 1
        if e.text not in entry["texts"]:
            entry["texts"].append(e.text)
        entry["spans"].append([e.start, e.end])
    return list(out.values())


def article_lines(row: dict[str, Any]) -> list[str]:
    """An analysed article for people: headline, link, entities on one line, one line per alert."""
    when = row.get("published") or "no date"
    lines = [f"{row['title']}", f"  {when}  {row['link']}"]
    if row["entities"]:
        lines.append("  entities: " + ", ".join(
            f"{e['text']} ({e['id'] or e['label']})" + (f" x{e['mentions']}" if e["mentions"] > 1 else "")
            for e in row["entities"]))
    for a in row["alerts"]:
        qual = f" [{', '.join(a['qualifiers'])}]" if a["qualifiers"] else ""
        event = a.get("event") or {}
        actor = (event.get("actor") or {}).get("text") or (event.get("actor") or {}).get("id")
        who = f" by {actor}" if actor else ""
        outcome = f", {event['outcome']}" if event.get("outcome") else ""
        lines.append(f"  ALERT {a['topic']} ({a['severity']}){qual}{who}{outcome}: {a['evidence']}")
    if not row["alerts"]:
        lines.append("  no alert")
    return lines


async def _load(settings: Settings, source: str, fetcher: Any) -> list[Article]:
    if source.startswith(("http://", "https://")):
        result = await fetcher.fetch(source)
        return parse_feed(source, result.body, content_type=result.content_type,
                          max_entries=settings.max_entries_per_feed).articles
    path = Path(source)
    if not path.is_file():
        raise WatchfloorError(f"{source}: no such file, and not an http(s) URL")
    body = path.read_bytes()
    try:
        parsed: ParsedFeed = parse_feed(path.resolve().as_uri(), body, max_entries=settings.max_entries_per_feed)
        if parsed.articles:
            return parsed.articles
    except ParseError:
        pass
    return [text_article(source, body)]


async def analyze_sources(settings: Settings, sources: tuple[str, ...] | list[str], *, out: IO[str],
                          output: str = "json") -> int:
    """Print each article (one JSON line, or a few lines for people with ``output="table"``);
    return how many sources failed."""
    extractor = load_extractor(settings.gazetteer_dirs, settings.nlp_model,
                               nlp_max_chars=settings.nlp_max_chars or None, cache_dir=settings.cache_dir)
    pack = RulePack.load(settings.rules_dirs)
    failed = 0
    async with Fetcher(FetchLimits.from_settings(settings)) as fetcher:
        for source in sources:
            try:
                articles = await _load(settings, source, fetcher)
            except WatchfloorError as exc:
                failed += 1
                print(f"watchfloor analyze: {exc}", file=sys.stderr)  # every error names its source
                continue
            for article in articles:
                entities, hits = alerts(article, extractor, pack)
                row = article_json(article, entities, hits)
                if output == "json":
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                else:
                    out.write("\n".join(article_lines(row)) + "\n\n")
            out.flush()
    return failed
