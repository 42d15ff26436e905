"""The stuck-worker watchdog (streams/kafka/watchdog.py): the rule, and the thread on a real loop."""

from __future__ import annotations

import asyncio
import threading

import pytest

from streams.kafka.watchdog import Watchdog, stuck_reason
from tests.support import drain_loop


@pytest.mark.parametrize("loop_age, rebalancing_for, stopping_for, stuck", [
    (1, None, None, None),
    (1, 299, None, None),
    (300, None, None, "event loop"),
    (1, 300, None, "rebalancing"),
    (400, 400, None, "event loop"),  # a blocked loop is the first thing to say
    (1, None, 59, None),             # stopping takes a moment
    (1, None, 60, "stopping"),       # not a minute
])
def test_stuck_reason(loop_age, rebalancing_for, stopping_for, stuck):
    now = 10_000.0
    reason = stuck_reason(now=now, loop_tick=now - loop_age,
                          rebalancing_since=None if rebalancing_for is None else now - rebalancing_for, timeout=300,
                          stopping_since=None if stopping_for is None else now - stopping_for)
    assert (reason is None) if stuck is None else (stuck in reason)


class ManualClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_long_rebalance_is_reported_and_a_short_one_is_not():
    # the watchdog's rounds are driven by hand on a clock the test moves: no wall-clock race
    clock, rebalancing = ManualClock(), threading.Event()
    dog = Watchdog(asyncio.get_running_loop(), rebalancing.is_set, timeout=1.5, clock=clock)

    async def round_after(seconds: float) -> str | None:
        clock.now += seconds
        reason = dog.check()
        await drain_loop()  # the loop answers the ping, as a live loop does
        return reason

    rebalancing.set()
    assert await round_after(0.1) is None
    assert await round_after(0.2) is None
    rebalancing.clear()  # a short rebalance: forgotten
    assert await round_after(1.0) is None
    rebalancing.set()
    assert await round_after(1.0) is None  # a new rebalance counts from its own start
    assert await round_after(1.0) is None  # 1 s of it
    assert "rebalancing for 2 s" in (await round_after(1.0) or "")


async def test_the_thread_reports_a_long_rebalance_on_a_real_loop():
    loop = asyncio.get_running_loop()
    rebalancing = threading.Event()
    reasons: list[str] = []
    fired = threading.Event()
    dog = Watchdog(loop, rebalancing.is_set, timeout=0.5, interval=0.05,
                   on_stuck=lambda r: (reasons.append(r), fired.set()))
    dog.start()
    try:
        rebalancing.set()
        async with asyncio.timeout(10):
            while not fired.is_set():
                await asyncio.sleep(0.02)
        assert "rebalancing" in reasons[0]
    finally:
        dog.stop()


def test_a_blocked_event_loop_is_reported():
    loop = asyncio.new_event_loop()
    fired = threading.Event()
    reasons: list[str] = []
    dog = Watchdog(loop, lambda: False, timeout=0.5, interval=0.05,
                   on_stuck=lambda r: (reasons.append(r), fired.set()))

    async def block() -> None:
        dog.start()
        fired.wait(10)  # blocks the loop itself, as a hung worker would

    try:
        loop.run_until_complete(block())
    finally:
        dog.stop()
        loop.close()
    assert fired.is_set() and "event loop" in reasons[0]
