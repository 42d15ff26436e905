"""``Retry-After``, as feeds and alert receivers send it: delta-seconds or an HTTP-date.

One parser for the fetch path and the delivery path. An HTTP-date is always GMT (RFC 9110);
a date that names no zone is read as GMT too. ``cap`` bounds what a misconfigured server
can ask for.
"""

from __future__ import annotations

import email.utils
from datetime import timezone


def parse_retry_after(value: str | None, *, now: float, cap: float | None = None) -> float | None:
    """Seconds to wait (never negative, at most ``cap``), or None if absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        seconds = max(0.0, when.timestamp() - now)
    return seconds if cap is None else min(seconds, cap)
