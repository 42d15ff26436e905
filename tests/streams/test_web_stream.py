"""/alerts/stream (streams/web.py) on a real aiohttp server on 127.0.0.1, followed by a real
client: it ends when the server shuts down, so a worker with a follower stops at once."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import aiohttp
from aiohttp import web as aioweb

from agents.stories.mutebook import MuteBook
from agents.stories.stage import StoryStage
from streams import web
from streams.core.metrics import Metrics
from tests.support import free_port


async def nowhere(_alert) -> None:
    return None


async def test_a_stream_with_a_follower_still_reading_ends_when_the_server_shuts_down():
    stories = StoryStage(stories={}, last_hits={}, book=MuteBook(), publish=nowhere, metrics=Metrics(), cooldown=0)
    stages = SimpleNamespace(stories=stories)
    app = aioweb.Application()
    app.router.add_get("/alerts/stream", lambda request: web.stream_alerts(request, stages))
    web.end_streams_on_shutdown(app, stages)
    # an hour's grace: without the stream ending by itself, the shutdown below would hang
    runner = aioweb.AppRunner(app, shutdown_timeout=3600)
    await runner.setup()
    port = free_port()
    await aioweb.TCPSite(runner, "127.0.0.1", port).start()
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}/alerts/stream") as resp:
                assert await resp.content.readline() == b": watching\n"
                assert await resp.content.readline() == b"\n"
                assert len(stories.watchers) == 1
                # the follower keeps the stream open and reads on: the shutdown ends it
                async with asyncio.timeout(60):
                    cleanup = asyncio.ensure_future(runner.cleanup())
                    assert await resp.content.read() == b""  # the end of the stream, nothing else
                    await cleanup
    finally:
        await runner.cleanup()
    assert stories.watchers == []
