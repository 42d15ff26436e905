"""Timers that survive a bad tick.

Faust stops the whole worker when a timer raises; one failed sweep or refresh must cost that
tick, not the worker.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any

log = logging.getLogger(__name__)


def guarded(fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[None]]:
    """Wrap a timer: an exception is logged, and the timer fires again."""

    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            await fn(*args, **kwargs)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("timer %s failed; it will run again", fn.__name__)

    return wrapper
