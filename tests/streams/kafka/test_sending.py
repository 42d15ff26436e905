"""Sends that wait for the broker's ack, and stages' sends that never raise."""

import asyncio

import pytest

from streams.core.metrics import Metrics
from streams.kafka.sending import send_acked, send_until_acked


class FlakyTopic:
    """A topic whose first sends never get an ack (a broker that is down), then recover."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.sent: list = []

    def get_topic_name(self) -> str:
        return "wf-test"

    async def send(self, key, value):
        fut = asyncio.get_running_loop().create_future()
        if self.failures > 0:
            self.failures -= 1  # never resolves: the ack does not come
        else:
            self.sent.append((key, value))
            fut.set_result("metadata")
        return fut


async def test_send_acked_times_out_instead_of_hanging():
    with pytest.raises(asyncio.TimeoutError):
        await send_acked(FlakyTopic(failures=1), "k", "v", timeout=0.05)


async def test_send_until_acked_retries_counts_and_never_raises():
    metrics = Metrics()
    topic = FlakyTopic(failures=2)
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    await send_until_acked(topic, "k", "v", timeout=0.05, metrics=metrics, label="alerts", sleep=sleep)
    assert waits == [1.0, 2.0]  # backoff between attempts
    assert topic.sent == [("k", "v")]
    assert metrics.registry.get_sample_value("watchfloor_kafka_send_errors_total", {"topic": "alerts"}) == 2


async def test_send_acked_gives_up_waiting_without_cancelling_the_pending_send():
    pending: list = []

    class SlowTopic(FlakyTopic):
        async def send(self, key, value):
            fut = asyncio.get_running_loop().create_future()
            pending.append(fut)
            return fut

    with pytest.raises(TimeoutError, match="not acked by the broker within 0.05 s"):
        await send_acked(SlowTopic(failures=0), "k", "v", timeout=0.05)
    assert not pending[0].cancelled()  # Faust's message stays pending, to land or fail by itself
