"""Per-feed state and the polling policy. Pure: the poller passes the clock in.

A feed's state is a plain JSON-able dict so that it can live in a Faust table (and in the
embedded mode's snapshot file). The policy, in order of precedence:

1. ``gone`` (410 Gone) is final: the feed is never polled again until it is re-added.
2. A Retry-After from a 429/503 is a floor: no request before it expires.
3. After an error: exponential backoff, ``base * 2**(failures-1)``, capped at
   ``poll_interval_max``; ``failing_after`` consecutive failures mark the feed ``failing``
   (it is still polled, at the capped backoff, and recovers on the next success).
4. After a success: adaptive. New entries bring the interval back to the feed's base
   interval; a poll with nothing new stretches it by 1.5x, up to ``poll_interval_max``.
   Every interval stays within [``poll_interval_min``, ``poll_interval_max``], and the feed's
   own configured interval wins over the global default as the base.
5. Jitter of +-``poll_jitter`` spreads polls so a thousand feeds do not fire in one second.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Callable

OK, NEW, FAILING, GONE = "ok", "new", "failing", "gone"


@dataclass(frozen=True)
class Policy:
    base_interval: float = 300.0
    min_interval: float = 60.0
    max_interval: float = 3600.0
    jitter: float = 0.1
    failing_after: int = 5
    max_seen_ids: int = 2000

    @classmethod
    def from_settings(cls, s: Any) -> "Policy":
        return cls(
            base_interval=s.poll_interval,
            min_interval=s.poll_interval_min,
            max_interval=s.poll_interval_max,
            jitter=s.poll_jitter,
            failing_after=s.failing_after,
            max_seen_ids=max(4 * s.max_entries_per_feed, 200),
        )


def new_state(url: str, *, name: str | None = None, interval: float | None = None, full_text: bool = False,
              now: float = 0.0) -> dict[str, Any]:
    return {
        "url": url,
        "name": name,
        "interval": interval,
        "full_text": full_text,
        "fetch_url": url,  # where to fetch: moves with 301/308
        "state": NEW,
        "etag": None,
        "last_modified": None,
        "last_poll": None,
        "last_success": None,
        "last_status": None,
        "last_error": None,
        "next_poll": now,
        "current_interval": None,
        "retry_after_until": None,
        "consecutive_failures": 0,
        "entries_seen": 0,
        "seen_ids": [],
        "first_poll_done": False,
        "title": None,
    }


def update_config(state: dict[str, Any], *, name: str | None, interval: float | None, full_text: bool) -> dict[str, Any]:
    """Apply a re-added feed's configuration; keep its history. A gone feed becomes new again."""
    out = dict(state, name=name, interval=interval, full_text=full_text)
    if out["state"] == GONE:
        out.update(state=NEW, next_poll=0.0, consecutive_failures=0, last_error=None)
    return out


def is_due(state: dict[str, Any], now: float) -> bool:
    if state["state"] == GONE:
        return False
    floor = state.get("retry_after_until") or 0.0
    return now >= max(state.get("next_poll") or 0.0, floor)


def _base(state: dict[str, Any], p: Policy) -> float:
    return _clamp(state.get("interval") or p.base_interval, p)


def _clamp(value: float, p: Policy) -> float:
    return min(max(value, p.min_interval), p.max_interval)


def _jittered(interval: float, p: Policy, rng: Callable[[], float]) -> float:
    return interval * (1 + p.jitter * (2 * rng() - 1))


def on_success(
    state: dict[str, Any],
    *,
    status: int,
    now: float,
    new_ids: list[str],
    current_ids: list[str],
    etag: str | None,
    last_modified: str | None,
    moved_to: str | None = None,
    title: str | None = None,
    policy: Policy,
    rng: Callable[[], float] = random.random,
) -> dict[str, Any]:
    """A 200 or 304 answer. ``new_ids`` were published; ``current_ids`` are all ids in the feed."""
    base = _base(state, policy)
    previous = state.get("current_interval") or base
    interval = base if new_ids else _clamp(previous * 1.5, policy)
    seen = list(dict.fromkeys(list(current_ids) + [i for i in state["seen_ids"] if i not in set(current_ids)]))
    out = dict(state)
    out.update(
        state=OK,
        etag=etag if etag is not None else (state["etag"] if status == 304 else None),
        last_modified=last_modified if last_modified is not None else (state["last_modified"] if status == 304 else None),
        last_poll=now,
        last_success=now,
        last_status=status,
        last_error=None,
        consecutive_failures=0,
        retry_after_until=None,
        current_interval=interval,
        next_poll=now + _jittered(interval, policy, rng),
        entries_seen=state["entries_seen"] + len(new_ids),
        seen_ids=seen[: policy.max_seen_ids],
        first_poll_done=True if status == 200 else state["first_poll_done"],
    )
    if moved_to:
        out["fetch_url"] = moved_to
    if title:
        out["title"] = title
    return out


def on_error(
    state: dict[str, Any],
    *,
    now: float,
    error: str,
    kind: str,
    status: int | None = None,
    retry_after: float | None = None,
    policy: Policy,
    rng: Callable[[], float] = random.random,
) -> dict[str, Any]:
    """Any failure: network, timeout, HTTP error, parse error, blocked address."""
    failures = state["consecutive_failures"] + 1
    out = dict(state)
    out.update(last_poll=now, last_status=status, last_error=f"{kind}: {error}"[:500], consecutive_failures=failures)
    if status == 410:
        out.update(state=GONE, next_poll=None, retry_after_until=None)
        return out
    backoff = min(_base(state, policy) * 2 ** (failures - 1), policy.max_interval)
    out["next_poll"] = now + _jittered(backoff, policy, rng)
    out["retry_after_until"] = now + retry_after if retry_after else None
    out["state"] = FAILING if failures >= policy.failing_after else state["state"] if state["state"] != GONE else NEW
    return out


def public_view(state: dict[str, Any]) -> dict[str, Any]:
    """What /feeds shows: everything but the seen-id list."""
    view = {k: v for k, v in state.items() if k != "seen_ids"}
    view["seen_ids"] = len(state.get("seen_ids") or [])
    return view
