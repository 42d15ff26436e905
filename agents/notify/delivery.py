"""How hard to try: outcome classification, the retry schedule, per-destination pacing.

Contract:

* :func:`classify_response` turns an HTTP answer into nothing (2xx), a
  ``PermanentDeliveryError`` (the request itself is wrong: retrying cannot help) or a
  ``TransientDeliveryError`` carrying the server's ``Retry-After`` in seconds.
* :func:`next_delay` follows :data:`RETRY_SCHEDULE` (Svix's: immediately, 5 s, 5 min,
  30 min, 2 h, 5 h, 10 h) with +-10 % jitter; a longer ``Retry-After`` wins.
* :class:`RateLimiter` spaces calls to one destination (Slack allows about one message a
  second per webhook) and, after a 429/503 with ``Retry-After``, holds every call to that
  destination until it expires.
* :func:`deliver_with_retries` retries one alert in place and returns an
  :class:`Outcome`; it never raises except ``CancelledError``. A worker that crashes
  mid-way re-reads the alert and starts again with the same ``webhook-id``, so receivers
  see at-least-once delivery and deduplicate on that id.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from dataclasses import dataclass
from typing import Awaitable, Callable, Mapping, Sequence

from streams.core.errors import DeliveryError, PermanentDeliveryError, TransientDeliveryError
from streams.core.retry_after import DELIVERY_CAP, parse_retry_after
from streams.core.settings import RETRY_SCHEDULE

log = logging.getLogger(__name__)

# A Retry-After beyond this is a misconfigured server, not advice worth holding a partition for.
MAX_RETRY_AFTER = DELIVERY_CAP

# The request is wrong (bad payload, bad URL, revoked hook, too large): never retry.
PERMANENT_STATUSES = frozenset({400, 401, 403, 404, 405, 410, 413, 422})
# The server is busy, was interrupted, or asks us to come back: retry.
# 409 Conflict is retried: receivers use it for "this id is being processed right now".
TRANSIENT_STATUSES = frozenset({408, 409, 425, 429})


def classify_response(status: int, headers: Mapping[str, str] | None = None, *, detail: str = "") -> None:
    """Return if ``status`` means delivered; raise the delivery error it means otherwise.

    3xx counts as permanent: the sender does not follow redirects (a webhook that moved
    must be reconfigured, and following a POST redirect can silently change the method).
    """
    if 200 <= status < 300:
        return
    suffix = f": {detail}" if detail else ""
    if status in TRANSIENT_STATUSES or status >= 500:
        retry_after = parse_retry_after((headers or {}).get("Retry-After"), now=time.time(), cap=MAX_RETRY_AFTER)
        kind = "http_429" if status == 429 else ("http_5xx" if status >= 500 else "http_4xx")
        raise TransientDeliveryError(f"HTTP {status}{suffix}", retry_after=retry_after, kind=kind)
    # Everything else (the listed permanent ones, other 4xx, 3xx, 1xx) will not get better by itself.
    kind = "http_3xx" if 300 <= status < 400 else "http_4xx"
    raise PermanentDeliveryError(f"HTTP {status}{suffix}", kind=kind)


def next_delay(
    attempt: int,
    *,
    retry_after: float | None,
    schedule: Sequence[float] = RETRY_SCHEDULE,
    jitter: float = 0.1,
    rng: Callable[[], float] = random.random,
) -> float | None:
    """Seconds to wait after ``attempt`` failed attempts (1-based), or None when the schedule is exhausted.

    ``schedule[i]`` is the wait before attempt ``i + 1``; ``schedule[0]`` is the wait
    before the first attempt (normally 0).
    """
    if attempt >= len(schedule):
        return None
    base = float(schedule[attempt])
    delay = base * (1.0 + jitter * (2.0 * rng() - 1.0))
    if retry_after is not None:
        delay = max(delay, min(float(retry_after), MAX_RETRY_AFTER))
    return max(0.0, delay)


class RateLimiter:
    """Per-destination pacing: at most one call per ``min_interval``, none while blocked.

    ``reserve`` books the next free slot and returns how long to wait for it, so
    concurrent senders to one destination queue up instead of bursting.
    """

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._next: dict[str, float] = {}

    def wait_time(self, key: str) -> float:
        """Seconds until ``key`` may be called again (0 if now)."""
        return max(0.0, self._next.get(key, 0.0) - self._clock())

    def reserve(self, key: str, min_interval: float = 0.0) -> float:
        """Book the next slot for ``key``; returns the seconds to wait before using it."""
        now = self._clock()
        start = max(now, self._next.get(key, 0.0))
        self._next[key] = start + min_interval
        return start - now

    def block(self, key: str, seconds: float) -> None:
        """No call to ``key`` for ``seconds`` from now (a 429/503 with Retry-After)."""
        until = self._clock() + max(0.0, seconds)
        if until > self._next.get(key, 0.0):
            self._next[key] = until


@dataclass(frozen=True)
class Outcome:
    """How one alert's delivery to one destination ended.

    ``reason`` is a bounded error kind (``http_4xx``, ``http_5xx``, ``http_429``,
    ``timeout``, ``network``, ``rate_limited``, ``payload``, ``unexpected``...), fit for a
    metric label; ``detail`` is the human message of the last error.
    """

    delivered: bool
    attempts: int
    reason: str | None = None
    permanent: bool = False
    detail: str | None = None


SendFn = Callable[..., Awaitable[None]]
OnAttempt = Callable[[int, "DeliveryError | None", "float | None"], None]


async def deliver_with_retries(
    send: SendFn,
    alert,
    dest,
    *,
    schedule: Sequence[float] = RETRY_SCHEDULE,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    on_attempt: OnAttempt | None = None,
    jitter: float = 0.1,
    rng: Callable[[], float] = random.random,
) -> Outcome:
    """Call ``send(alert, dest)`` until it succeeds, fails permanently, or the schedule runs out.

    ``on_attempt(attempt, error, next_delay)`` is called after every attempt: ``error`` is
    None on success, ``next_delay`` None when no retry follows. It is for metrics and
    logs; an exception in it is logged and ignored.
    """
    if not schedule:
        raise ValueError("retry schedule must have at least one entry")
    attempt = 0
    delay: float | None = float(schedule[0])
    while True:
        if delay:
            await sleep(delay)
        attempt += 1
        try:
            await send(alert, dest)
        except asyncio.CancelledError:
            raise
        except PermanentDeliveryError as err:
            _notify(on_attempt, attempt, err, None)
            log.warning("delivery of alert %s to %s failed permanently: %s", _id(alert), dest, err)
            return Outcome(False, attempt, err.kind, True, str(err))
        except Exception as exc:
            err = exc if isinstance(exc, TransientDeliveryError) else TransientDeliveryError(
                f"unexpected {type(exc).__name__}: {exc}", kind="unexpected")
            delay = next_delay(attempt, retry_after=err.retry_after, schedule=schedule, jitter=jitter, rng=rng)
            _notify(on_attempt, attempt, err, delay)
            if delay is None:
                log.warning("delivery of alert %s to %s gave up after %d attempts: %s",
                            _id(alert), dest, attempt, err)
                return Outcome(False, attempt, err.kind, False, str(err))
            log.info("delivery of alert %s to %s failed (attempt %d, %s); retrying in %.1fs",
                     _id(alert), dest, attempt, err, delay)
            continue
        _notify(on_attempt, attempt, None, None)
        return Outcome(True, attempt)


def _notify(on_attempt: OnAttempt | None, attempt: int, err: DeliveryError | None, delay: float | None) -> None:
    if on_attempt is None:
        return
    try:
        on_attempt(attempt, err, delay)
    except Exception:  # a broken metrics hook must not lose the alert
        log.exception("on_attempt hook failed")


def _id(alert) -> str:
    return getattr(alert, "id", "?")
