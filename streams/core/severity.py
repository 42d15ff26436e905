"""The severity scale of alerts, lowest first. Rule packs, routes, digests and every sender
share it; a severity not on it is refused where it is written (rule pack, routes file)."""

from __future__ import annotations

SEVERITIES: tuple[str, ...] = ("info", "low", "medium", "high", "critical")

_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def severity_rank(severity: str | None) -> int | None:
    """Position on the scale (info = 0), case-insensitive; None for a severity not on it."""
    return _RANK.get((severity or "").lower())


def rank_or_lowest(severity: str | None) -> int:
    """Position on the scale, an unknown severity counting as the lowest (for ``max``)."""
    return _RANK.get((severity or "").lower(), 0)
