"""Times for people: ISO 8601 in UTC, to the second."""

from __future__ import annotations

import datetime as dt
from typing import Any


def iso(ts: Any) -> str:
    """``1700000000.5`` -> ``"2023-11-14T22:13:20Z"``; ``None`` or 0 -> ``""``."""
    if ts in (None, "", 0, 0.0):
        return ""
    try:
        return dt.datetime.fromtimestamp(float(ts), dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (TypeError, ValueError, OverflowError, OSError):
        return str(ts)
