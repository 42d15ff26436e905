"""Mutes (snoozes) and the digest of what they held back.

Pure functions over plain state: a :class:`Mute` round-trips through ``to_dict`` /
``from_dict`` as JSON, time is passed in as ``now`` (epoch seconds).

Contract:

- A mute is active while ``created <= now < until``. Scope ``topic`` matches the
  alert's topic, ``entity`` matches when the value is one of the alert's entity ids,
  ``story`` matches the story id. Values compare after stripping and, for ``topic`` and
  ``entity``, lower-casing (ids such as ``country:KP`` are matched case-insensitively).
- When several active mutes match, :func:`is_muted` returns the one that ends last:
  the alert stays held until then, so the digest is built once, not once per mute.
- Muted alerts are held, not dropped. When no active mute matches a held alert any
  more, :func:`release` hands it back and :func:`digest` folds all released alerts
  into one summary message.

Bad operator input (unknown scope, empty value, unparsable duration or one without its
unit, a topic or entity that no rule pack or gazetteer knows: :func:`check_target`) raises
``ValueError`` with a message fit to show the operator.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import asdict, dataclass
from typing import Any, Iterable, Literal

from streams.core.durations import parse_duration

Scope = Literal["topic", "entity", "story"]
SCOPES = ("topic", "entity", "story")
MAX_DIGEST_TITLES = 20

def _normalise(scope: str, value: str) -> str:
    value = str(value).strip()
    return value if scope == "story" else value.lower()


@dataclass(frozen=True)
class Mute:
    id: str
    scope: Scope
    value: str
    until: float
    created: float
    reason: str = ""

    def __post_init__(self) -> None:
        if self.scope not in SCOPES:
            raise ValueError(f"mute scope must be one of {', '.join(SCOPES)}, got {self.scope!r}")
        if not str(self.value).strip():
            raise ValueError("mute value must not be empty")
        if self.until <= self.created:
            raise ValueError("mute must end after it starts")

    def active(self, now: float) -> bool:
        return self.created <= now < self.until

    def matches(self, topic: str, entity_ids: Iterable[str], story_id: str | None) -> bool:
        value = _normalise(self.scope, self.value)
        if self.scope == "topic":
            return value == _normalise("topic", topic)
        if self.scope == "entity":
            return any(value == _normalise("entity", e) for e in entity_ids if e)
        return story_id is not None and value == _normalise("story", story_id)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Mute":
        try:
            return cls(
                id=str(data["id"]),
                scope=data["scope"],
                value=str(data["value"]),
                until=float(data["until"]),
                created=float(data["created"]),
                reason=str(data.get("reason", "")),
            )
        except KeyError as exc:
            raise ValueError(f"mute is missing field {exc.args[0]!r}") from None


def make_mute(scope: str, value: str, duration: str | float, *, now: float, reason: str = "") -> Mute:
    """A new mute from operator input; the id is stable for the same scope, value and time."""
    # an operator's "2" is refused: two seconds is never what a snooze means
    seconds = parse_duration(duration, unit_required=isinstance(duration, str))
    norm = _normalise(scope, value)
    mute_id = hashlib.blake2b(f"{scope}\x00{norm}\x00{now!r}".encode(), digest_size=6).hexdigest()
    return Mute(id=mute_id, scope=scope, value=norm, until=now + seconds, created=now, reason=reason)  # type: ignore[arg-type]


def check_target(scope: str, value: str, *, topics: Iterable[str], entity_ids: Iterable[str]) -> None:
    """Refuse a topic or entity mute that could never match (a typo such as ``missle_launch``)."""
    if scope not in ("topic", "entity"):
        return
    known = {_normalise(scope, v): v for v in (topics if scope == "topic" else entity_ids)}
    norm = _normalise(scope, value)
    if norm in known:
        return
    close = difflib.get_close_matches(norm, list(known), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(known[c] for c in close)}?" if close else (
        f"; known topics: {', '.join(sorted(known.values()))}" if scope == "topic" else
        " (entity ids look like country:KP, agency:nasa)")
    raise ValueError(f"no {scope} {value!r} is known{hint}")


def is_muted(alert_topic: str, entity_ids: Iterable[str], story_id: str | None,
             mutes: Iterable[Mute], now: float) -> Mute | None:
    """The active mute that holds this alert longest, or ``None``."""
    ids = list(entity_ids)
    hits = [m for m in mutes if m.active(now) and m.matches(alert_topic, ids, story_id)]
    return max(hits, key=lambda m: (m.until, m.id)) if hits else None


def expired(mutes: Iterable[Mute], now: float) -> list[Mute]:
    """Mutes that have ended (to remove from the table and to trigger a release)."""
    return [m for m in mutes if m.until <= now]


# --- held alerts --------------------------------------------------------------------


def alert_entity_ids(alert: dict[str, Any]) -> list[str]:
    """Entity ids of an alert dict (``Alert.asdict()`` or its JSON)."""
    out = []
    for e in alert.get("entities") or ():
        ent_id = e.get("id") if isinstance(e, dict) else getattr(e, "id", None)
        if ent_id:
            out.append(ent_id)
    return out


def release(held: Iterable[dict[str, Any]], mutes: Iterable[Mute], *,
            now: float) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Split held alerts into (still held, released) against the mutes active at ``now``."""
    mutes = list(mutes)
    still, out = [], []
    for alert in held:
        mute = is_muted(alert.get("topic", ""), alert_entity_ids(alert), alert.get("story_id"), mutes, now)
        (still if mute else out).append(alert)
    return still, out


def digest(held: Iterable[dict[str, Any]], *, now: float) -> dict[str, Any] | None:
    """One summary of alerts held by a snooze, or ``None`` if nothing was held.

    Alerts of one story collapse into one line with the latest title and the highest
    source count, so forty held updates about one launch read as one entry.
    """
    held = list(held)
    if not held:
        return None
    topics: dict[str, int] = {}
    severities: dict[str, int] = {}
    stories: dict[str, dict[str, Any]] = {}
    for i, alert in enumerate(sorted(held, key=lambda a: (a.get("created") or 0.0))):
        topic = alert.get("topic", "")
        topics[topic] = topics.get(topic, 0) + 1
        sev = alert.get("severity", "")
        if sev:
            severities[sev] = severities.get(sev, 0) + 1
        key = alert.get("story_id") or alert.get("id") or f"#{i}"
        entry = stories.setdefault(key, {
            "story_id": key, "topic": topic, "title": "", "link": "", "sources": 0,
            "alerts": 0, "first_seen": alert.get("first_seen") or alert.get("created") or 0.0,
        })
        entry["alerts"] += 1
        entry["title"] = alert.get("title") or entry["title"]
        entry["link"] = alert.get("link") or entry["link"]
        entry["sources"] = max(entry["sources"], int(alert.get("sources") or 1))
    ordered = sorted(stories.values(), key=lambda e: e["first_seen"])
    first = min(e["first_seen"] for e in ordered)
    return {
        "kind": "digest",
        "id": "digest:" + hashlib.blake2b(
            "\x00".join(sorted(str(a.get("id", "")) for a in held)).encode(), digest_size=8
        ).hexdigest(),
        "created": now,
        "count": len(held),
        "topics": dict(sorted(topics.items())),
        "severities": dict(sorted(severities.items())),
        "story_ids": [e["story_id"] for e in ordered],
        "titles": [e["title"] for e in ordered[:MAX_DIGEST_TITLES]],
        "stories": ordered[:MAX_DIGEST_TITLES],
        "more": max(0, len(ordered) - MAX_DIGEST_TITLES),
        "first_seen": first,
    }
