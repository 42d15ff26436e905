"""One payload per kind of destination, within each receiver's limits. Pure: ``Alert`` in,
JSON-ready data out.

* :func:`webhook_payload`: the documented generic body (docs/webhooks.md).
* :func:`slack_payload`: a Block Kit message (incoming webhook or ``chat.postMessage``).
* :func:`alertmanager_payload`: Alertmanager v2 ``postableAlerts``.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Any, Iterable
from urllib.parse import quote, urlsplit

from streams.core.durations import describe
from streams.core.records import Alert

# 2: data.event and data.published; failures and interceptions are outcomes
# 3: data.story (the story's event, readings and sources) and data.changes (what an update tells)
SCHEMA_VERSION = "3"
EVENT_TYPES = {"new": "alert.created", "update": "alert.updated", "digest": "alert.digest",
               "resolved": "alert.resolved"}
ALERTNAME = "WatchfloorAlert"
# The lead re-sends active stories at this period; Alertmanager resolves an alert by
# itself at 3x this if the re-sends stop (as Prometheus does with its own resend delay).
ALERTMANAGER_RESEND_AFTER = 900.0

# Slack Block Kit limits (characters / counts).
SLACK_TEXT_MAX = 40000
SLACK_SECTION_MAX = 3000
SLACK_HEADER_MAX = 150
SLACK_BLOCKS_MAX = 50
SLACK_MAX_ENTITIES = 15
SLACK_MAX_EXTRA_LINKS = 10
SEVERITY_ICONS = {"critical": "🔴", "high": "🟠", "medium": "🟡", "low": "🔵", "info": "⚪"}


# ---------------------------------------------------------------- formatting helpers


def _iso(ts: float | None) -> str | None:
    if not ts:
        return None
    return datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _truncate(text: str, limit: int) -> str:
    """At most ``limit`` characters, ending in an ellipsis when cut (never inside an &entity;)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    amp = cut.rfind("&", max(0, len(cut) - 6))
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + "…"


def _esc(text: str) -> str:
    """Slack mrkdwn escaping: the three control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_url(url: str) -> str | None:
    if not url or urlsplit(url).scheme not in ("http", "https"):
        return None
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")  # encodes | < > and spaces, which end a Slack link


def _slack_link(url: str, label: str, limit: int) -> str:
    target = _slack_url(url)
    if target is None or len(target) > limit // 2:
        return _truncate(_esc(label), limit)
    return f"<{target}|{_truncate(_esc(label), limit - len(target) - 3)}>"


def _entity_names(alert: Alert) -> list[str]:
    names, seen = [], set()
    for e in alert.entities or []:
        key = e.id or e.text.lower()
        if key in seen:
            continue
        seen.add(key)
        names.append(f"{e.text} ({e.label})" if e.label else e.text)
    return names


def _topic_label(topic: str, qualifiers: Iterable[str] = ()) -> str:
    label = topic.replace("_", " ").replace("-", " ").strip().capitalize() or "Alert"
    quals = [q.replace("_", " ") for q in qualifiers or ()]
    return f"{label} ({', '.join(quals)})" if quals else label


def _story_event(alert: Alert) -> dict[str, Any]:
    """The story's event (all its reports), else the event of the alert's own report."""
    return alert.story or alert.event or {}


def _event_actor(alert: Alert) -> str:
    """The story's actor as a label value: its canonical id, else its text, else "". The
    story's, not the report's: a report led by the neighbour that tracked the launch names
    the neighbour, and a changed label would start another Alertmanager alert."""
    actor = _story_event(alert).get("actor") or {}
    return actor.get("id") or actor.get("text") or ""


def _changes_text(alert: Alert) -> str:
    """What an update tells: "corroborated by a second source (2 sources); outcome unknown -> failure"."""
    return "; ".join(c.get("text") or c.get("kind", "") for c in alert.changes or [])


def _readings_line(alert: Alert) -> str:
    """Where reports disagree: "range_km: 1000 (Yonhap, AP) / 800 (NHK)"."""
    readings = (alert.story or {}).get("readings") or {}
    return "; ".join(f"{name}: " + " / ".join(f"{value} ({', '.join(srcs)})" for value, srcs in values.items())
                     for name, values in readings.items())


def _event_line(alert: Alert) -> str:
    """One line for people: "Actor: North Korea · object: ICBM (missile) · outcome: failure · when: 2023-03-16"."""
    ev = _story_event(alert)
    if not ev:
        return ""
    actor = (ev.get("actor") or {}).get("text") or "unknown"
    obj = ev.get("object") or {}
    parts = [f"*Actor:* {actor}"]
    if obj.get("text"):
        parts.append(f"*object:* {obj['text']}" + (f" ({obj['class']})" if obj.get("class") else ""))
    if ev.get("site"):
        parts.append(f"*site:* {ev['site'].get('text')}")
    parts.append(f"*outcome:* {ev.get('outcome') or 'unknown'}")
    if ev.get("when") or ev.get("when_text"):
        parts.append(f"*when:* {ev.get('when') or ev.get('when_text')}")
    if ev.get("confirmed"):
        parts.append("*confirmed* by the actor")
    return " · ".join(parts)


def _sources(n: int) -> str:
    return f"{n} source" if n == 1 else f"{n} sources"


# ---------------------------------------------------------------- payloads


def slack_payload(alert: Alert) -> dict:
    """A Block Kit message for an incoming webhook, within Slack's limits."""
    sev = (alert.severity or "info").lower()
    icon = SEVERITY_ICONS.get(sev, "⚪")
    topic = _topic_label(alert.topic, alert.qualifiers)
    if alert.kind == "update":
        changed = _changes_text(alert) or f"now {_sources(alert.sources)}"
        lead = f"update: {changed}"
        header = f"↪ Update · {topic} · {changed}"
    elif alert.kind == "resolved":
        lead, header = "resolved", f"✅ Resolved · {topic}"
    elif alert.kind == "digest":
        lead, header = "digest", f"🗞 Digest · {topic} · {sev.upper()}"
    else:
        lead, header = "", f"{icon} {topic} · {sev.upper()}"
    prefix = f"{lead} — " if lead else ""

    headline_prefix = f"_{_esc(prefix)}_" if prefix else ""
    headline = headline_prefix + "*" + _slack_link(
        alert.link, alert.title or "(untitled)", SLACK_SECTION_MAX - len(headline_prefix) - 2) + "*"
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": _truncate(header, SLACK_HEADER_MAX), "emoji": True}},
        {"type": "section", "text": {"type": "mrkdwn", "text": headline}},
    ]
    if alert.kind == "update" and alert.changes:
        changed = "\n".join(f"• {_esc(c.get('text') or c.get('kind', ''))}" for c in alert.changes)
        blocks.append({"type": "section", "text": {"type": "mrkdwn",
                                                   "text": _truncate(f"*What changed:*\n{changed}", SLACK_SECTION_MAX)}})
    event_line = _event_line(alert)
    if event_line:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _truncate(_esc(event_line), SLACK_SECTION_MAX)}})
    readings = _readings_line(alert)
    if readings:
        blocks.append({"type": "section", "text": {"type": "mrkdwn",
                                                   "text": _truncate(f"*Reports differ:* {_esc(readings)}", SLACK_SECTION_MAX)}})
    names = _entity_names(alert)
    if names:
        shown = ", ".join(_esc(n) for n in names[:SLACK_MAX_ENTITIES])
        more = f" and {len(names) - SLACK_MAX_ENTITIES} more" if len(names) > SLACK_MAX_ENTITIES else ""
        blocks.append({"type": "section", "text": {
            "type": "mrkdwn", "text": _truncate(f"*Entities:* {shown}{more}", SLACK_SECTION_MAX)}})
    if alert.evidence:
        quoted = "\n".join("> " + line for line in _esc(alert.evidence.strip()).splitlines() or [""])
        if alert.phrase:
            quoted = f"{_truncate(quoted, SLACK_SECTION_MAX - 200)}\n_matched:_ `{_truncate(_esc(alert.phrase), 150)}`"
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _truncate(quoted, SLACK_SECTION_MAX)}})
    extra = [u for u in (alert.links or []) if u and u != alert.link][:SLACK_MAX_EXTRA_LINKS]
    if extra:
        links = ", ".join(_slack_link(u, urlsplit(u).hostname or u, 280) for u in extra)
        blocks.append({"type": "section", "text": {
            "type": "mrkdwn", "text": _truncate(f"*Also reported by:* {links}", SLACK_SECTION_MAX)}})
    context = [_sources(alert.sources), f"{sev} severity", f"story `{_truncate(_esc(alert.story_id), 100)}`"]
    if alert.kind in ("new", "update") and getattr(alert, "cooldown", 0):
        # the first update comes no sooner than this after the alert: say so, or it looks lost
        context.append(f"further reports: one update at most every {describe(alert.cooldown)}")
    if alert.first_seen:
        fallback = _iso(alert.first_seen)
        context.append(f"first seen <!date^{int(alert.first_seen)}^{{date_short_pretty}} {{time}}|{fallback}>")
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": " · ".join(context)}]})

    text = f"{prefix}[{sev.upper()}] {topic}: {alert.title}"
    if alert.link:
        text += f" {alert.link}"
    return {"text": _truncate(_esc(text), SLACK_TEXT_MAX), "blocks": blocks[:SLACK_BLOCKS_MAX],
            "unfurl_links": False, "unfurl_media": False}


def webhook_payload(alert: Alert) -> dict:
    """The documented generic webhook body (docs/webhooks.md, schema version 3)."""
    try:
        event_type = EVENT_TYPES[alert.kind]
    except KeyError:
        raise ValueError(f"unknown alert kind {alert.kind!r}") from None
    return {
        "type": event_type,
        "version": SCHEMA_VERSION,
        # The alert's creation time, not the send time: a resend carries the same body.
        "timestamp": _iso(alert.created or time.time()),
        "data": {
            "id": alert.id,
            "story_id": alert.story_id,
            "kind": alert.kind,
            "revision": alert.revision,
            "topic": alert.topic,
            "qualifiers": list(alert.qualifiers or []),
            "event": alert.event,
            "story": alert.story,
            "changes": list(alert.changes or []),
            "published": _iso(alert.published),
            "severity": alert.severity,
            "title": alert.title,
            "link": alert.link,
            "links": list(alert.links or []),
            "evidence": alert.evidence,
            "phrase": alert.phrase,
            "entities": [{"text": e.text, "label": e.label, "id": e.id} for e in alert.entities or []],
            "sources": alert.sources,
            "source": alert.source,
            "first_seen": _iso(alert.first_seen),
            "created": _iso(alert.created),
        },
    }


def alertmanager_payload(
    alerts: Iterable[Alert],
    *,
    resolved: bool = False,
    now: float | None = None,
    resend_after: float = ALERTMANAGER_RESEND_AFTER,
) -> list[dict]:
    """Alertmanager v2 ``postableAlerts``: one alert per story, identified by its labels.

    Labels are what stays the same for a story (alertname, topic, severity, story_id), so
    each update refreshes the same Alertmanager alert instead of adding one.
    """
    now = time.time() if now is None else now
    ends = now if resolved else now + 3 * resend_after
    out = []
    for a in alerts:
        starts = min(a.first_seen or a.created or now, ends)
        item: dict[str, Any] = {
            "labels": {"alertname": ALERTNAME, "topic": a.topic, "severity": a.severity, "story_id": a.story_id},
            "annotations": {
                "summary": a.title,
                "description": f"{_topic_label(a.topic, a.qualifiers)} ({a.severity}): {a.title} — {_sources(a.sources)}",
                "evidence": a.evidence,
                "link": a.link,
                "sources": str(a.sources),
            },
            "startsAt": _iso(starts),
            "endsAt": _iso(ends),
        }
        if a.qualifiers:
            item["annotations"]["qualifiers"] = ", ".join(a.qualifiers)
        # the actor identifies the event, so it is a label; the outcome may change with an
        # update ("unknown", then "failure") and a changed label would start a new alert
        ev = _story_event(a)
        actor, outcome = _event_actor(a), ev.get("outcome")
        if actor:
            item["labels"]["actor"] = actor
            item["annotations"]["actor"] = actor
        if outcome:
            item["annotations"]["outcome"] = outcome
        obj, site = ev.get("object") or {}, ev.get("site") or {}
        if obj.get("text") or obj.get("id"):
            item["annotations"]["object"] = obj.get("text") or obj.get("id")
        if site.get("text") or site.get("id"):
            item["annotations"]["site"] = site.get("text") or site.get("id")
        if ev.get("when"):
            item["annotations"]["when"] = str(ev["when"])
        if a.story:
            item["annotations"]["confirmed"] = "yes" if a.story.get("confirmed") else "no"
        if _readings_line(a):
            item["annotations"]["readings"] = _readings_line(a)
        if a.changes:
            item["annotations"]["changes"] = _changes_text(a)
        if urlsplit(a.link or "").scheme in ("http", "https"):
            item["generatorURL"] = a.link
        out.append(item)
    return out


def alertmanager_endpoint(url: str) -> str:
    """``alertmanager_url`` may be the base URL or the full ``/api/v2/alerts`` URL."""
    base = url.rstrip("/")
    return base if base.endswith("/api/v2/alerts") else base + "/api/v2/alerts"
