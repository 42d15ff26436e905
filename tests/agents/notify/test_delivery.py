"""Delivery policy: classification, schedule, pacing and the retry loop (no network here;
the real-receiver tests are in test_notify.py)."""

from __future__ import annotations

import asyncio

import pytest

from agents.notify.delivery import (
    RETRY_SCHEDULE,
    Outcome,
    RateLimiter,
    classify_response,
    deliver_with_retries,
    next_delay,
)
from streams.core.errors import PermanentDeliveryError, TransientDeliveryError


@pytest.mark.parametrize("status", [200, 201, 202, 204, 299])
def test_2xx_is_delivered(status):
    assert classify_response(status, {}) is None


@pytest.mark.parametrize("status", [400, 401, 403, 404, 405, 410, 413, 422, 301, 302, 307, 402, 415])
def test_permanent_statuses(status):
    with pytest.raises(PermanentDeliveryError, match=str(status)) as info:
        classify_response(status, {"Retry-After": "5"})
    assert info.value.retriable is False


@pytest.mark.parametrize(
    ("status", "kind"),
    [(408, "http_4xx"), (409, "http_4xx"), (425, "http_4xx"), (429, "http_429"),
     (500, "http_5xx"), (502, "http_5xx"), (503, "http_5xx"), (504, "http_5xx")],
)
def test_transient_statuses(status, kind):
    with pytest.raises(TransientDeliveryError) as info:
        classify_response(status, {"Retry-After": "7"})
    assert info.value.retriable is True
    assert info.value.kind == kind
    assert info.value.retry_after == 7.0


def test_transient_without_retry_after():
    with pytest.raises(TransientDeliveryError) as info:
        classify_response(503, {})
    assert info.value.retry_after is None


def test_schedule_is_svix_like():
    assert RETRY_SCHEDULE == (0, 5, 300, 1800, 7200, 18000, 36000)


@pytest.mark.parametrize("attempt", range(1, len(RETRY_SCHEDULE)))
def test_next_delay_follows_schedule_within_jitter(attempt):
    base = RETRY_SCHEDULE[attempt]
    low = next_delay(attempt, retry_after=None, rng=lambda: 0.0)
    mid = next_delay(attempt, retry_after=None, rng=lambda: 0.5)
    high = next_delay(attempt, retry_after=None, rng=lambda: 1.0)
    assert low == pytest.approx(base * 0.9)
    assert mid == pytest.approx(base)
    assert high == pytest.approx(base * 1.1)


def test_next_delay_exhausted():
    assert next_delay(len(RETRY_SCHEDULE), retry_after=None) is None
    assert next_delay(3, retry_after=10, schedule=(0, 1, 2)) is None


@pytest.mark.parametrize(("retry_after", "expected"), [(1.0, 5.0), (60.0, 60.0), (None, 5.0)])
def test_retry_after_wins_only_if_longer(retry_after, expected):
    assert next_delay(1, retry_after=retry_after, rng=lambda: 0.5) == pytest.approx(expected)


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_rate_limiter_spaces_calls_and_honours_blocks():
    clock = FakeClock()
    rl = RateLimiter(clock=clock)
    assert rl.reserve("slack", 1.0) == 0.0
    assert rl.reserve("slack", 1.0) == pytest.approx(1.0)  # queued behind the first
    assert rl.reserve("slack", 1.0) == pytest.approx(2.0)
    assert rl.reserve("other", 1.0) == 0.0  # destinations are independent
    clock.t += 10
    assert rl.wait_time("slack") == 0.0
    rl.block("slack", 30)
    assert rl.wait_time("slack") == pytest.approx(30.0)
    rl.block("slack", 5)  # a shorter block never shortens a longer one
    assert rl.wait_time("slack") == pytest.approx(30.0)
    clock.t += 30
    assert rl.reserve("slack", 1.0) == 0.0


class ScriptedSend:
    """A send() that fails with the scripted errors, then succeeds; records what it was given."""

    def __init__(self, *errors: BaseException) -> None:
        self.errors = list(errors)
        self.calls: list[tuple[object, object]] = []

    async def __call__(self, alert, dest) -> None:
        self.calls.append((alert, dest))
        if self.errors:
            raise self.errors.pop(0)


class Sleeps:
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


async def test_retries_transient_then_delivers():
    send = ScriptedSend(TransientDeliveryError("503", kind="http_5xx"), TransientDeliveryError("503"))
    sleeps, seen = Sleeps(), []
    out = await deliver_with_retries(
        send, "alert", "dest", schedule=(0, 5, 300), sleep=sleeps, jitter=0,
        on_attempt=lambda n, err, delay: seen.append((n, err is None, delay)))
    assert out == Outcome(True, 3)
    assert sleeps.delays == [5.0, 300.0]
    assert seen == [(1, False, 5.0), (2, False, 300.0), (3, True, None)]
    assert all(call == ("alert", "dest") for call in send.calls)


async def test_permanent_stops_at_once():
    send = ScriptedSend(PermanentDeliveryError("HTTP 404", kind="http_4xx"))
    sleeps = Sleeps()
    out = await deliver_with_retries(send, "a", "d", schedule=(0, 1, 2), sleep=sleeps)
    assert (out.delivered, out.attempts, out.permanent, out.reason) == (False, 1, True, "http_4xx")
    assert sleeps.delays == []


async def test_exhausted_schedule_is_a_non_permanent_failure():
    send = ScriptedSend(*[TransientDeliveryError("x", kind="timeout") for _ in range(10)])
    sleeps = Sleeps()
    out = await deliver_with_retries(send, "a", "d", schedule=(0, 1, 2), sleep=sleeps, jitter=0)
    assert (out.delivered, out.attempts, out.permanent, out.reason) == (False, 3, False, "timeout")
    assert sleeps.delays == [1.0, 2.0]


async def test_retry_after_stretches_the_wait():
    send = ScriptedSend(TransientDeliveryError("429", retry_after=42.0, kind="http_429"))
    sleeps = Sleeps()
    out = await deliver_with_retries(send, "a", "d", schedule=(0, 1), sleep=sleeps, jitter=0)
    assert out.delivered and sleeps.delays == [42.0]


async def test_unexpected_exception_is_transient_and_hook_errors_are_ignored():
    send = ScriptedSend(RuntimeError("boom"))

    def bad_hook(*_):
        raise ValueError("metrics broke")

    out = await deliver_with_retries(send, "a", "d", schedule=(0, 0), sleep=Sleeps(), on_attempt=bad_hook)
    assert out == Outcome(True, 2)


async def test_cancellation_propagates():
    async def hang(alert, dest):
        await asyncio.Event().wait()

    task = asyncio.create_task(deliver_with_retries(hang, "a", "d", schedule=(0,)))
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
