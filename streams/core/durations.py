"""Durations as operators write them: ``90s``, ``30m``, ``2h``, ``1d``, ``1w``, ``1h30m``."""

from __future__ import annotations

import re

_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, "w": 604800.0}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])")


def parse_duration(text: str) -> float:
    """Seconds in ``"90s"``, ``"30m"``, ``"2h"``, ``"1d"``, ``"1w"``, ``"1h30m"``; a bare number is seconds."""
    s = str(text).strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        total = float(s)
    else:
        parts = _DURATION.findall(s)
        if not parts or _DURATION.sub("", s).strip():
            raise ValueError(f"not a duration: {text!r} (use e.g. 30m, 2h, 1d, 1h30m)")
        total = sum(float(n) * _UNITS[u] for n, u in parts)
    if total <= 0:
        raise ValueError(f"duration must be positive: {text!r}")
    return total
