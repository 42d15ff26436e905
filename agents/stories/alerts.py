"""The alerts a story raises: what one carries, built from a story and the hit that moved it.

Pure. ``new`` for the first article of a story, ``update`` for a follow-up, ``digest`` for
what a mute held back (:mod:`agents.stories.mutes`).
"""

from __future__ import annotations

from typing import Any

from agents.stories.stories import Story, alert_fields
from streams.core.records import Alert, AlertHit, EnrichedArticle, Entity, entity_identities
from streams.core.severity import rank_or_lowest

#: at most this many entities travel with an alert (the key ones come first)
MAX_ALERT_ENTITIES = 12
_KEY_ORDER = {"COUNTRY": 0, "VEHICLE": 1, "SITE": 2, "ORG": 3, "AGENCY": 4, "PERSON": 5}


def key_entities(entities: list[Any]) -> list[Any]:
    """Distinct entities (:func:`~streams.core.records.entity_identities`), key labels first."""
    seen: set[str] = set()
    out = []
    named = sorted(zip(entities, entity_identities(entities)), key=lambda p: (_KEY_ORDER.get(p[0].label, 9), p[0].start))
    for e, ident in named:
        if ident not in seen:
            seen.add(ident)
            out.append(e)
    return out[:MAX_ALERT_ENTITIES]


def build_alert(story: Story, kind: str, hit: AlertHit, enriched: EnrichedArticle, *, now: float,
                cooldown: float = 0.0) -> Alert:
    a = enriched.article
    fields = alert_fields(story, kind)
    return Alert(
        title=a.title or story.title,
        link=a.link,
        severity=hit.severity,
        qualifiers=list(hit.qualifiers),
        event=hit.event,
        published=a.published,
        evidence=hit.evidence,
        phrase=hit.phrase,
        entities=key_entities(enriched.entities),
        article_id=a.id,
        feed_url=a.feed_url,
        source=a.source,
        created=now,
        cooldown=cooldown,
        **{**fields, "first_seen": a.first_seen or fields["first_seen"]},
    )


def digest_alert(summary: dict[str, Any], released: list[dict[str, Any]], *, now: float) -> Alert:
    """One alert that carries what a snooze held back (kind ``digest``)."""
    topics = ", ".join(f"{t} x{n}" for t, n in summary["topics"].items())
    lines = [f"- {s['title']} ({s['sources']} sources)" for s in summary["stories"]]
    worst = max((a.get("severity", "") for a in released), key=rank_or_lowest, default="info")
    first = summary["stories"][0] if summary["stories"] else {}
    return Alert(
        id=summary["id"], story_id=summary["id"], kind="digest", topic="digest", severity=worst,
        title=f"{summary['count']} alert(s) held while muted: {topics}",
        link=first.get("link", ""), evidence="\n".join(lines)[:3000], phrase="",
        entities=[Entity.from_data(e) for e in (released[0].get("entities") or [])][:MAX_ALERT_ENTITIES],
        sources=sum(s["sources"] for s in summary["stories"]), created=now,
        first_seen=min((a.get("first_seen") or now) for a in released),
        links=[s["link"] for s in summary["stories"] if s.get("link")],
    )
