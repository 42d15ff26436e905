"""A worker that is stuck exits, so that its supervisor starts a fresh one.

Seen in the broker-outage fault test (tests/test_broker_outage.py, 1 run in 4): after a
broker frozen for 40 s came back, Faust took a new assignment and then never finished the
rebalance: no log line, no heartbeat, nothing processed for minutes, while the process lived
on and its web server answered. A hung worker is worse than a dead one: a dead one is
restarted (docker compose ``restart: unless-stopped``, systemd ``Restart=``) and its
partitions move to the others meanwhile; a hung one holds them.

A second form, seen in a clean CI run of the same test: the worker began to stop (mode's
``stop_and_shutdown``, cause not logged at WARNING) and never finished, its web server still
answering ``ok``.

A thread of its own (the event loop may be the thing that is stuck) checks every few seconds:
- the event loop still runs callbacks (a blocked loop answers nothing, not even /health);
- the app has not been rebalancing for longer than ``stuck_timeout``;
- a stop that began has not taken longer than :data:`STOP_GRACE` (or ``stuck_timeout``, if less).
When one of them holds it logs why and ends the process with
:data:`EXIT_STUCK`. Tables are recovered from their changelogs by the next start, and every
stage is safe to repeat, so exiting loses nothing.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

#: the exit status of a worker that ended itself because it was stuck (EX_SOFTWARE)
EXIT_STUCK = 70
#: seconds a worker may take to stop (Faust waits for in-flight events; a few seconds normally)
STOP_GRACE = 60.0


def stuck_reason(*, now: float, loop_tick: float, rebalancing_since: float | None, timeout: float,
                 stopping_since: float | None = None) -> str | None:
    """Pure: why the worker counts as stuck at ``now`` (monotonic seconds), or None."""
    if now - loop_tick >= timeout:
        return f"the event loop has not run a callback for {now - loop_tick:.0f} s"
    if rebalancing_since is not None and now - rebalancing_since >= timeout:
        return f"the consumer has been rebalancing for {now - rebalancing_since:.0f} s"
    if stopping_since is not None and now - stopping_since >= min(STOP_GRACE, timeout):
        return f"the worker has been stopping for {now - stopping_since:.0f} s"
    return None


class Watchdog:
    """Watches ``loop`` and ``is_rebalancing()`` from its own thread; calls ``on_stuck(reason)``
    (by default: log and exit) once either has been stuck ``timeout`` seconds."""

    def __init__(self, loop: asyncio.AbstractEventLoop, is_rebalancing: Callable[[], bool], *, timeout: float,
                 is_stopping: Callable[[], bool] = lambda: False, interval: float = 2.0,
                 on_stuck: Callable[[str], Any] | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.loop, self.is_rebalancing, self.timeout, self.interval = loop, is_rebalancing, timeout, interval
        self.is_stopping = is_stopping
        self.stopping_since: float | None = None
        self.on_stuck = on_stuck or exit_stuck
        self.clock = clock
        self.loop_tick = clock()
        self.rebalancing_since: float | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="watchfloor-watchdog", daemon=True)

    def start(self) -> "Watchdog":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _tick(self) -> None:
        self.loop_tick = self.clock()

    def check(self) -> str | None:
        """One round: ping the loop, note a rebalance's start, return why it is stuck (or None)."""
        now = self.clock()
        try:
            self.loop.call_soon_threadsafe(self._tick)
        except RuntimeError:  # the loop is closed: the worker is shutting down
            self._stop.set()
            return None
        self.rebalancing_since = _since(self.is_rebalancing, self.rebalancing_since, now)
        self.stopping_since = _since(self.is_stopping, self.stopping_since, now)
        return stuck_reason(now=now, loop_tick=self.loop_tick, rebalancing_since=self.rebalancing_since,
                            timeout=self.timeout, stopping_since=self.stopping_since)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            reason = self.check()
            if reason is not None:
                self.on_stuck(reason)
                return


def _since(state: Callable[[], bool], since: float | None, now: float) -> float | None:
    """When a state that holds now began (``since`` if it held already), or None."""
    try:
        holds = bool(state())
    except Exception:  # reading Faust's state must never kill the watchdog
        holds = False
    if not holds:
        return None
    return now if since is None else since


def exit_stuck(reason: str) -> None:
    log.critical("worker stuck: %s; exiting with status %d so that its supervisor restarts it "
                 "(stuck_timeout; nothing is lost: tables come back from their changelogs)", reason, EXIT_STUCK)
    for handler in logging.getLogger().handlers:
        try:
            handler.flush()
        except Exception:
            pass
    os._exit(EXIT_STUCK)  # from a thread, and past a loop that may never return: nothing else ends it
