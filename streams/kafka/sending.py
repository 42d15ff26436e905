"""Sending one record and knowing that the broker has it.

Faust acks a message whose agent raised, and a stage that loses its input that way loses an
article or an alert. So a stage never lets a failed send raise: :func:`send_until_acked`
retries, holding its partition, until the broker takes the record. Anything that may simply
fail (a web request, a CLI command) uses :func:`send_acked` and reports the error.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from streams.core.metrics import Metrics

log = logging.getLogger(__name__)

#: backoff between attempts of :func:`send_until_acked`: 1 s doubling to this
MAX_BACKOFF = 30.0


async def send_acked(topic: Any, key: Any, value: Any, *, timeout: float) -> None:
    """Send and wait for the broker's ack; ``TimeoutError`` after ``timeout`` seconds, so a
    dead broker shows up as an error instead of a silent hang. Only the wait is given up, never
    Faust's pending message (cancelling it breaks Faust's own publish callback)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    fut = await asyncio.wait_for(topic.send(key=key, value=value), timeout)
    try:
        await asyncio.wait_for(asyncio.shield(fut), max(0.0, deadline - loop.time()))
    except TimeoutError:
        raise TimeoutError(f"not acked by the broker within {timeout:g} s") from None


async def send_until_acked(topic: Any, key: Any, value: Any, *, timeout: float, metrics: Metrics, label: str,
                           sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep) -> None:
    """Retry until the broker takes the record. Every failure is logged and counted; a resend
    after a send that did land is absorbed downstream (dedup by article id, story, alert id)."""
    delay = 1.0
    while True:
        try:
            await send_acked(topic, key, value, timeout=timeout)
            return
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            metrics.kafka_send_errors.labels(label).inc()
            log.error("send to %s failed (%s: %s); retrying in %.0fs", label, type(exc).__name__, exc, delay,
                      extra={"topic": getattr(topic, "get_topic_name", lambda: label)()})
            await sleep(delay)
            delay = min(delay * 2, MAX_BACKOFF)
