"""``Retry-After``, as feeds and alert receivers send it: delta-seconds or an HTTP-date.

One parser for the fetch path and the delivery path. An HTTP-date is always GMT (RFC 9110);
a date that names no zone is read as GMT too. ``cap`` bounds what a misconfigured server
can ask for: a 400-digit delta or a date in the year 9999 becomes ``cap`` seconds, never an
infinite or overflowing wait, so a feed or destination that asks for one is tried again.
"""

from __future__ import annotations

import email.utils
import math
from datetime import timezone

#: delivery: a longer wait is a misconfigured receiver, not advice worth following
DELIVERY_CAP = 36000.0
#: fetch: a day; past it the feed is polled again (and becomes ``failing`` if still refused)
FETCH_CAP = 86400.0


def parse_retry_after(value: str | None, *, now: float, cap: float) -> float | None:
    """Seconds to wait (never negative, at most ``cap``), or None if absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        seconds = float(value)  # a 400-digit value is inf here, capped below
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if when is None:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        try:
            seconds = max(0.0, when.timestamp() - now)
        except (OverflowError, ValueError, OSError):
            return cap
    if math.isnan(seconds):
        return None
    return min(seconds, cap)
