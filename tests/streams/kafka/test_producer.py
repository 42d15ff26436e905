"""The producer's record of the last produce outcome (for /health)."""

import asyncio

from streams.kafka.producer import SendHealth


async def test_send_health_follows_the_last_produce_outcome():
    health = SendHealth()
    assert not health.failing
    loop = asyncio.get_running_loop()
    failed, ok = loop.create_future(), loop.create_future()
    failed.set_exception(ConnectionError("broker gone"))
    health.observe(failed)
    assert health.failing and health.last_error_text == "ConnectionError: broker gone"
    await asyncio.sleep(0.01)  # the clock must move on for "later"
    ok.set_result("metadata")
    health.observe(ok)
    assert not health.failing
