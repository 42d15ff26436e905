"""The Alertmanager destination against a real Alertmanager (Debian's prometheus-alertmanager).

The test starts its own Alertmanager on a free loopback port, clustering off, storage in
a temporary directory, routing everything to a receiver that does nothing.
"""

from __future__ import annotations

import asyncio
import json
import time

import aiohttp
import pytest

from agents.notify.destinations import Destination
from agents.notify.payloads import alertmanager_payload
from agents.notify.sender import Sender
from tests.support import LOOPBACK
from agents.notify.sender import destination_session
from streams.core.records import Alert, Entity
from tests.support import Alertmanager, needs_alertmanager

pytestmark = needs_alertmanager


@pytest.fixture(scope="module")
def alertmanager(tmp_path_factory):
    am = Alertmanager(tmp_path_factory.mktemp("alertmanager")).start()
    yield am.url
    am.stop()


def make_alert(**over) -> Alert:
    fields = dict(
        id="story-am:r0", story_id="story-am", kind="new", topic="nuclear_test", severity="critical",
        title="Seismic event consistent with nuclear test", link="https://news.example/seismic",
        evidence="A magnitude 5.1 seismic event was detected near the Punggye-ri test site.",
        phrase="nuclear test", entities=[Entity(text="Punggye-ri", label="SITE", id="site:punggye-ri")],
        sources=2, first_seen=time.time() - 60, created=time.time() - 30,
    )
    fields.update(over)
    return Alert(**fields)


async def _alerts_for(session: aiohttp.ClientSession, base: str, story_id: str) -> list[dict]:
    params = {"filter": f'story_id="{story_id}"'}
    async with session.get(f"{base}/api/v2/alerts", params=params) as resp:
        assert resp.status == 200, await resp.text()
        return await resp.json()


async def _poll(check, timeout: float = 30.0):
    """Call the async ``check`` until it returns something truthy; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = await check()
        if last:
            return last
        await asyncio.sleep(0.1)
    pytest.fail(f"condition not met within {timeout}s; last result: {last!r}")


async def test_alert_posted_updated_and_resolved(alertmanager):
    dest = Destination("alertmanager", "alertmanager", alertmanager)
    async with destination_session(LOOPBACK, timeout=30) as session:
        sender = Sender(session, policy=LOOPBACK)
        await sender.send(make_alert(), dest)

        async def active():
            found = await _alerts_for(session, alertmanager, "story-am")
            return found if found and found[0]["status"]["state"] == "active" else None

        [got] = await _poll(active)
        assert got["labels"] == {"alertname": "WatchfloorAlert", "topic": "nuclear_test",
                                 "severity": "critical", "story_id": "story-am"}
        assert got["annotations"]["summary"] == "Seismic event consistent with nuclear test"
        assert got["annotations"]["sources"] == "2"
        assert got["generatorURL"] == "https://news.example/seismic"

        # An update carries the same labels: it refreshes the one alert instead of adding one.
        await sender.send(make_alert(kind="update", id="story-am:r1", revision=1, sources=5), dest)

        async def refreshed():
            found = await _alerts_for(session, alertmanager, "story-am")
            return found if found and found[0]["annotations"]["sources"] == "5" else None

        assert len(await _poll(refreshed)) == 1

        await sender.send(make_alert(kind="resolved", id="story-am:r2", revision=2, sources=5), dest)

        async def gone():
            found = await _alerts_for(session, alertmanager, "story-am")
            return not any(a["status"]["state"] == "active" for a in found)

        await _poll(gone)


async def test_payload_is_valid_for_the_v2_api(alertmanager):
    """The pure payload, posted as is, for several stories at once (Alertmanager validates every field)."""
    alerts = [make_alert(story_id=f"story-batch-{i}", id=f"b{i}", link="" if i == 0 else f"https://e.x/{i}")
              for i in range(3)]
    async with destination_session(LOOPBACK, timeout=30) as session:
        body = json.dumps(alertmanager_payload(alerts))
        async with session.post(f"{alertmanager}/api/v2/alerts", data=body,
                                headers={"Content-Type": "application/json"}) as resp:
            assert resp.status == 200, await resp.text()
        for i in range(3):
            found = await _poll(lambda i=i: _alerts_for(session, alertmanager, f"story-batch-{i}"))
            assert found[0]["labels"]["story_id"] == f"story-batch-{i}"
