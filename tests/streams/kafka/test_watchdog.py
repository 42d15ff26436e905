"""The stuck-worker watchdog (streams/kafka/watchdog.py): the rule, and the thread on a real loop."""

from __future__ import annotations

import asyncio
import threading

import pytest

from streams.kafka.watchdog import Watchdog, stuck_reason


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


async def test_a_long_rebalance_is_reported_and_a_short_one_is_not():
    loop = asyncio.get_running_loop()
    rebalancing = threading.Event()
    reasons: list[str] = []
    fired = threading.Event()
    # a 0.2 s rebalance against a 1.5 s timeout: a loaded machine's late wake-ups cannot make it long
    dog = Watchdog(loop, rebalancing.is_set, timeout=1.5, interval=0.05,
                   on_stuck=lambda r: (reasons.append(r), fired.set()))
    dog.start()
    try:
        rebalancing.set()
        await asyncio.sleep(0.2)
        rebalancing.clear()  # a short rebalance: forgotten
        await asyncio.sleep(0.3)
        assert not reasons
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
