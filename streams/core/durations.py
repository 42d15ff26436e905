"""Durations as operators write them: ``90s``, ``30m``, ``2h``, ``1d``, ``1w``, ``1h30m``.

One parser for every duration watchfloor reads: each duration setting (``poll_interval: 5m``,
``WATCHFLOOR_STORY_COOLDOWN=10m``), a feed's ``interval`` and a mute's length. A bare number
is seconds where a setting is read; a mute needs its unit (``2`` would be two seconds, never
what an operator snoozing a topic means). ``inf`` and ``nan`` are refused everywhere.
"""

from __future__ import annotations

import math
import re
from typing import Any

_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, "w": 604800.0}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
HINT = "use e.g. 90s, 5m, 2h, 1d, 1h30m"


def seconds(value: Any, *, unit_required: bool = False) -> float:
    """Seconds in ``value``: a number, or text such as ``"90s"``, ``"5m"``, ``"1h30m"``.

    Zero is allowed (a setting's own bounds decide); negative, infinite and not-a-number
    values are refused with a ``ValueError`` fit to show the operator."""
    if isinstance(value, bool):
        raise ValueError(f"not a duration: {value!r} ({HINT})")
    if isinstance(value, (int, float)):
        if unit_required:
            raise ValueError(f"give a unit: {value!r} would be {value:g} seconds ({HINT})")
        total = float(value)
    else:
        s = str(value).strip().lower()
        if _NUMBER.fullmatch(s):
            if unit_required:
                raise ValueError(f"give a unit: {value!r} would be {s} seconds ({HINT})")
            total = float(s)
        else:
            parts = _DURATION.findall(s)
            if not parts or _DURATION.sub("", s).strip():
                raise ValueError(f"not a duration: {value!r} ({HINT})")
            total = sum(float(n) * _UNITS[u] for n, u in parts)
    if math.isnan(total) or math.isinf(total):
        raise ValueError(f"not a duration: {value!r} (a finite number of seconds; {HINT})")
    if total < 0:
        raise ValueError(f"duration must not be negative: {value!r}")
    return total


def parse_duration(text: Any, *, unit_required: bool = False) -> float:
    """Like :func:`seconds`, for what must last: zero is refused too."""
    total = seconds(text, unit_required=unit_required)
    if total <= 0:
        raise ValueError(f"duration must be positive: {text!r}")
    return total


def describe(total: float) -> str:
    """``600`` -> ``"10m"``, ``5400`` -> ``"1h30m"``, ``1.5`` -> ``"1.5s"``: for people."""
    if total < 60 or total != int(total):
        return f"{total:g}s"
    out, rest = "", int(total)
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if rest >= size:
            out += f"{rest // size}{unit}"
            rest %= size
    return out
