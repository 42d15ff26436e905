"""What a story says about its event, and what changed since the last message.

Pure. :func:`event` sums up the reports of one group (:func:`agents.stories.reports.group`):

* actor: the one most reports give (a report led by a neighbour or a reaction names its own
  actor, the others outvote it); a tie goes to the one that claims the act in its own word
  (state media, spokesman: "the Houthis said they fired"), then to the earliest report's;
* object, site: the one most reports give (tie: the earliest report's);
* outcome: the gravest any report gives, in the order unknown < success < failure <
  intercepted ("launched" is news until a report says it failed or was shot down; a change
  to failure or intercepted is told, unknown -> success is not: the launch was the news);
* time: the anchor (the earliest report's time), ``when``: the first stated date;
* confirmed: a report quotes the actor itself (its state media, its spokesman, "said it
  fired");
* readings: where reports disagree (object, outcome, range), every reading with the sources
  that gave it.

:func:`changes` compares the event with what the last message told (:func:`told`). The
changes, in this order: ``corroborated`` (a second feed), ``sources_3``, ``sources_10``,
``outcome_changed``, ``object_identified`` (a named system after only generic ones),
``confirmed``. One message per new source would be noise; these are the facts that change a
reader's picture.
"""

from __future__ import annotations

import collections
from datetime import datetime, timezone
from typing import Any, Callable, Sequence
from urllib.parse import urlsplit

from agents.stories.reports import OUTCOME_ORDER

SOURCE_MILESTONES = (("corroborated", 2), ("sources_3", 3), ("sources_10", 10))
MAX_READING_SOURCES = 10


def _most(members: Sequence[dict[str, Any]], field: str,
          prefer: Callable[[dict[str, Any]], bool] = lambda m: False) -> Any:
    """The most given non-null value; ties go to one given by a ``prefer``-red report, then to
    the earliest report's."""
    counts = collections.Counter(m[field] for m in members if m.get(field))
    if not counts:
        return None
    top = max(counts.values())
    tied = [m for m in members if m.get(field) and counts[m[field]] == top]
    return next((m[field] for m in tied if prefer(m)), tied[0][field])


def source_of(r: dict[str, Any]) -> str:
    return r.get("source") or urlsplit(r.get("feed", "")).netloc or r.get("feed", "")


def _readings(members: Sequence[dict[str, Any]], field: str, label: str | None = None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in members:
        value = m.get(field)
        if value is None or (field == "outcome" and value == "unknown"):
            continue
        text = str(m.get(label) or value) if label else str(value)
        src = source_of(m)
        have = out.setdefault(text, [])
        if src not in have and len(have) < MAX_READING_SOURCES:
            have.append(src)
    return out if len(out) > 1 else {}


def event(topic: str, members: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The story's event (JSON): what the webhook, Slack, Alertmanager and the page show."""
    first = members[0]
    actor = _most(members, "actor", prefer=lambda m: bool(m.get("official")))
    obj = _most(members, "object")
    site = _most(members, "site")
    outcome = max((m["outcome"] for m in members), key=lambda o: OUTCOME_ORDER.index(o) if o in OUTCOME_ORDER else 0)
    feeds = list(dict.fromkeys(m["feed"] for m in members))
    readings = {k: v for k, v in (("object", _readings(members, "object", "object_text")),
                                  ("outcome", _readings(members, "outcome")),
                                  ("range_km", _readings(members, "range_km"))) if v}
    with_obj = next((m for m in members if obj and m.get("object") == obj), first)
    return {
        "type": first.get("type") or topic,
        "actor": {"id": actor, "text": next(m["actor_text"] for m in members if m.get("actor") == actor)}
        if actor else None,
        "object": {"id": obj, "text": with_obj.get("object_text"), "class": _most(members, "object_class")},
        "site": {"id": site, "text": next(m.get("site_text") for m in members if m.get("site") == site)}
        if site else None,
        "outcome": outcome,
        "when": next((m["when"] for m in members if m.get("when")), None)
        or datetime.fromtimestamp(first["t"], timezone.utc).date().isoformat(),
        "time": first["t"],
        "confirmed": any(m.get("official") for m in members),
        "sources": len(feeds),
        "readings": readings,
    }


def told(ev: dict[str, Any]) -> dict[str, Any]:
    """The part of an event a message tells and a later one compares against."""
    return {"sources": ev["sources"], "outcome": ev["outcome"], "object": (ev.get("object") or {}).get("id"),
            "object_text": (ev.get("object") or {}).get("text"), "confirmed": ev["confirmed"]}


def changes(before: dict[str, Any] | None, ev: dict[str, Any]) -> list[dict[str, str]]:
    """``[{kind, text}]``: what changed since ``before`` (a :func:`told`), in the order above."""
    if before is None:
        return []
    now = told(ev)
    out = []
    for kind, n in SOURCE_MILESTONES:
        if before["sources"] < n <= now["sources"]:
            out.append({"kind": kind, "text": f"{now['sources']} sources" if n > 2 else
                        f"corroborated by a second source ({now['sources']} sources)"})
    if now["outcome"] != before["outcome"] and now["outcome"] in ("failure", "intercepted"):
        out.append({"kind": "outcome_changed", "text": f"outcome {before['outcome']} -> {now['outcome']}"})
    if now["object"] and not before["object"]:
        out.append({"kind": "object_identified", "text": f"identified as {now['object_text'] or now['object']}"})
    if now["confirmed"] and not before["confirmed"]:
        out.append({"kind": "confirmed", "text": "confirmed by the actor"})
    return out
