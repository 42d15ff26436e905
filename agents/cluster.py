"""Story stage: one alert per event.

hits (key: topic) -> [stories table] -> assign to a story -> alerts (key: story id)

Hits are keyed by topic alone (see :mod:`agents.stories` on sharding): reports of one
event may name a different main actor first, and alert hits are rare, so every candidate
story of a topic sits in one table entry on one partition. The first article of a story
raises a ``new`` alert; later ones raise ``update`` alerts at most once per cooldown, and a
timer sends the updates that the cooldown held back, so none is lost.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from agents import mutes, muting
from streams.logs import record_fields
from streams.records import Alert, AlertHit, EnrichedArticle, Entity

log = logging.getLogger(__name__)

#: at most this many entities travel with an alert (the key ones come first)
MAX_ALERT_ENTITIES = 12
_KEY_ORDER = {"COUNTRY": 0, "VEHICLE": 1, "SITE": 2, "ORG": 3, "AGENCY": 4, "PERSON": 5}


def key_entities(entities: list[Any]) -> list[Any]:
    """Distinct entities (by canonical id, else text), key labels first."""
    seen: set[str] = set()
    out = []
    for e in sorted(entities, key=lambda e: (_KEY_ORDER.get(e.label, 9), e.start)):
        ident = e.id or f"{e.label}:{e.text.lower()}"
        if ident not in seen:
            seen.add(ident)
            out.append(e)
    return out[:MAX_ALERT_ENTITIES]


def build_alert(story: Any, kind: str, hit: AlertHit, enriched: EnrichedArticle, *, now: float) -> Alert:
    from agents.stories import alert_fields

    a = enriched.article
    fields = alert_fields(story, kind)
    return Alert(
        title=a.title or story.title,
        link=a.link,
        severity=hit.severity,
        qualifiers=list(hit.qualifiers),
        evidence=hit.evidence,
        phrase=hit.phrase,
        entities=key_entities(enriched.entities),
        article_id=a.id,
        feed_url=a.feed_url,
        source=a.source,
        created=now,
        **{**fields, "first_seen": a.first_seen or fields["first_seen"]},
    )


def digest_alert(summary: dict[str, Any], released: list[dict[str, Any]], *, now: float) -> Alert:
    """One alert that carries what a snooze held back (kind ``digest``)."""
    topics = ", ".join(f"{t} x{n}" for t, n in summary["topics"].items())
    lines = [f"- {s['title']} ({s['sources']} sources)" for s in summary["stories"]]
    worst = max((a.get("severity", "") for a in released), key=_severity_rank, default="info")
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


def _severity_rank(severity: str) -> int:
    from agents.routes import severity_rank

    return severity_rank(severity) or 0


def register(app: Any, ctx: Any) -> None:
    from agents import retention
    from agents import stories as st
    from streams.app import guarded, owns_key, send_until_acked

    settings, metrics, names = ctx.settings, ctx.metrics, ctx.names
    table = app.Table("stories", default=None, partitions=settings.topic_partitions, use_partitioner=True,
                      help="topic -> open stories (JSON)")
    ctx.tables["stories"] = table
    # the last hit per story, so that the timer can send a held-back update with its details
    last_hits = app.Table("story-last-hit", default=None, partitions=settings.topic_partitions,
                          use_partitioner=True, help="story id -> last hit and article")
    alerts_topic = ctx.topics["alerts"]
    book = muting.register(app, ctx)

    async def publish(alert: Alert) -> None:
        await send_until_acked(alerts_topic, alert.story_id, alert, timeout=settings.kafka_timeout, metrics=metrics,
                               label="alerts")

    async def emit(alert: Alert, key: str) -> None:
        mute = book.holding(alert)
        if mute is not None:
            held_key = f"held|{key}"
            table[held_key] = (table.get(held_key) or []) + [alert.asdict()]
            metrics.alerts_muted.labels(alert.topic).inc()
            log.info("alert %s (%s) held by mute %s until %s", alert.id, alert.topic, mute.id, mute.until,
                     extra={"alert_id": alert.id, "story_id": alert.story_id, "alert_topic": alert.topic})
            return
        await publish(alert)

    @app.agent(ctx.topics["hits"], name="stories")
    async def story_agent(stream: Any) -> Any:
        async for key, value in stream.items():
            try:
                hit = AlertHit.from_data(value["hit"])
                enriched = EnrichedArticle.from_data(value["enriched"])
            except Exception:
                log.exception("stories: malformed hit under key %s; skipped", key, extra=record_fields(stream))
                continue
            now = time.time()
            bucket, story, decision = st.step(table.get(key) or [], hit.topic, enriched.article,
                                              enriched.entities, now=now)
            log.info("stories: article %s -> story %s (%s, topic %s, %d sources)", enriched.article.id,
                     story.id, decision, hit.topic, story.sources,
                     extra={"article_id": enriched.article.id, "story_id": story.id, "alert_topic": hit.topic,
                            "feed": enriched.article.feed_url, **record_fields(stream)})
            last_hits[story.id] = {**value, "at": now}  # "at": agents/retention.py sweeps by it
            notify = st.should_notify(story, decision, now=now, cooldown=settings.story_cooldown)
            if decision in ("new", "update") and notify:
                await emit(build_alert(story, decision, hit, enriched, now=now), key)
                bucket = st.replace_story(bucket, st.mark_sent(story, decision, now=now))
                if decision == "new":
                    metrics.alerts_raised.labels(hit.topic, hit.severity).inc()
                else:
                    metrics.alert_updates.labels(hit.topic).inc()
            table[key] = bucket

    @app.timer(interval=retention.SWEEP_INTERVAL)
    @guarded
    async def sweep_last_hits() -> None:
        n = retention.sweep(last_hits, now=time.time(), ttl=retention.STORY_TABLE_TTL, when=retention.last_hit_at,
                            owned=owns_key(app, names.hits, settings.topic_partitions))
        if n:
            log.info("stories: forgot the last hit of %d stories closed long ago", n)

    async def release_held(key: str, held: list[dict[str, Any]], now: float) -> None:
        if not book.ready.is_set():
            return  # until every mute is known, nothing is released
        still, released = mutes.release(held, book.mutes.values(), now=now)
        if not released:
            return
        summary = mutes.digest(released, now=now)
        if summary is not None:
            await publish(digest_alert(summary, released, now=now))
            log.info("released %d held alert(s) as digest %s", len(released), summary["id"])
        table[key] = still

    @app.timer(interval=settings.story_timer_interval)
    @guarded
    async def send_held_updates() -> None:
        owned = owns_key(app, names.hits, settings.topic_partitions)
        now = time.time()
        for key, bucket in list(table.items()):
            if not bucket or not owned(key):
                continue
            if key.startswith("held|"):
                await release_held(key, bucket, now)
                continue
            stories = [st.Story.from_dict(d) for d in bucket]
            for story in st.due(stories, now=now, cooldown=settings.story_cooldown):
                value = last_hits.get(story.id)
                if value is None:
                    continue
                hit, enriched = AlertHit.from_data(value["hit"]), EnrichedArticle.from_data(value["enriched"])
                await emit(build_alert(story, "update", hit, enriched, now=now), key)
                bucket = st.replace_story(bucket, st.mark_sent(story, "update", now=now))
                metrics.alert_updates.labels(story.topic).inc()
            table[key] = bucket
