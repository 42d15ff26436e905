"""How each destination is doing: what /health and the backlog gauges say. Pure.

Each destination's queue (its own topic, see :mod:`agents.notify.stage`) is worked one alert
at a time, in order, so the alert being worked is the oldest this worker has not delivered
to that destination; alerts behind it wait in Kafka, not here. This module keeps, per
destination, only that head (when it was raised) and when the current run of failures began:
a few numbers per configured destination, whatever the backlog.

A destination is *degraded* when it has been failing for ``failing_after`` seconds, or when
its oldest undelivered alert is that old (deliveries back up: a slow receiver, a long
Retry-After, or a failure streak that keeps restarting).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class _Head:
    raised: float | None = None  # when the alert being worked was raised (None: idle)
    failing_since: float | None = None  # first failed attempt of the current streak
    last_error: str | None = None


class Backlog:
    """Per-destination head-of-queue state; ``now`` always comes from the caller."""

    def __init__(self, destination_ids: list[str]) -> None:
        self._heads: dict[str, _Head] = {d: _Head() for d in destination_ids}

    def working(self, dest_id: str, *, raised: float) -> None:
        """The destination's queue starts on an alert raised at ``raised``."""
        self._heads.setdefault(dest_id, _Head()).raised = raised

    def failed(self, dest_id: str, *, now: float, error: str) -> None:
        head = self._heads.setdefault(dest_id, _Head())
        if head.failing_since is None:
            head.failing_since = now
        head.last_error = error

    def succeeded(self, dest_id: str) -> None:
        head = self._heads.setdefault(dest_id, _Head())
        head.failing_since, head.last_error = None, None

    def done(self, dest_id: str) -> None:
        """The head alert is settled (delivered or dead-lettered); the queue may be idle."""
        self._heads.setdefault(dest_id, _Head()).raised = None

    def oldest_undelivered(self, dest_id: str, *, now: float) -> float:
        """Seconds since the oldest alert not yet delivered to ``dest_id`` was raised (0: none)."""
        raised = self._heads[dest_id].raised if dest_id in self._heads else None
        return max(0.0, now - raised) if raised is not None else 0.0

    def failing_for(self, dest_id: str, *, now: float) -> float:
        since = self._heads[dest_id].failing_since if dest_id in self._heads else None
        return max(0.0, now - since) if since is not None else 0.0

    def problems(self, *, now: float, failing_after: float) -> dict[str, str]:
        """destination id -> why it is degraded, for /health."""
        out: dict[str, str] = {}
        for dest_id, head in self._heads.items():
            failing = self.failing_for(dest_id, now=now)
            oldest = self.oldest_undelivered(dest_id, now=now)
            if failing < failing_after and oldest < failing_after:
                continue
            why = [f"oldest undelivered alert raised {oldest:.0f}s ago"] if oldest else []
            if head.failing_since is not None:
                why.append(f"failing for {failing:.0f}s: {head.last_error or 'unknown error'}")
            out[dest_id] = "; ".join(why)
        return out

    def ids(self) -> list[str]:
        return list(self._heads)
