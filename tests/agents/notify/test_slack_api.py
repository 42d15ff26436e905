"""Slack with a bot token: chat.postMessage, threaded updates, Slack's own error verdicts.

Slack itself cannot run here, so a local fake of its Web API answers the way the documented
API does (https://api.slack.com/methods/chat.postMessage): HTTP 200 with ``ok``/``error``,
429 with Retry-After when rate limited.
"""

from __future__ import annotations

import time

import pytest
from aiohttp import web

from agents.notify.destinations import Destination, destinations_from_settings
from agents.notify.sender import Sender
from streams.core.errors import ConfigError, PermanentDeliveryError, TransientDeliveryError
from tests.support import LOOPBACK
from agents.notify.sender import destination_session
from streams.core.records import Alert, Entity
from streams.core.settings import Settings
from tests.support import LAUNCH, FeedServer, Service, feed, now_rfc822, wait_for_sync

TOKEN = "xoxb-test-token"


class FakeSlackAPI:
    def __init__(self) -> None:
        self.messages: list[dict] = []
        self.refuse: str | None = None
        self.server = FeedServer()
        self.server._handle = self._handle  # type: ignore[method-assign]

    async def _handle(self, request: web.Request) -> web.Response:
        if request.path != "/api/chat.postMessage":
            return web.json_response({"ok": False, "error": "unknown_method"}, status=404)
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return web.json_response({"ok": False, "error": "invalid_auth"})
        body = await request.json()
        if self.refuse:
            return web.json_response({"ok": False, "error": self.refuse})
        if not body.get("channel") or not (body.get("text") or body.get("blocks")):
            return web.json_response({"ok": False, "error": "no_text"})
        ts = f"{time.time():.6f}"
        self.messages.append({"ts": ts, **body})
        return web.json_response({"ok": True, "channel": body["channel"], "ts": ts})

    @property
    def url(self) -> str:
        return self.server.url("/api")


@pytest.fixture
def slack():
    fake = FakeSlackAPI()
    fake.server.start()
    yield fake
    fake.server.stop()


def alert(kind: str = "new", story: str = "s1", revision: int = 0) -> Alert:
    return Alert(id=f"{story}:{revision}", story_id=story, kind=kind, topic="satellite_launch", severity="high",
                 title="North Korea launches Chollima-1", link="https://x.example/a", evidence="It launched.",
                 phrase="launched", entities=[Entity(text="North Korea", label="COUNTRY", id="country:KP")],
                 revision=revision, sources=1 + revision)


def test_bot_token_and_channel_make_a_slack_api_destination():
    s = Settings(slack_bot_token=TOKEN, slack_channel="C0123")
    (dest,) = destinations_from_settings(s)
    assert dest.kind == "slack_api" and dest.channel == "C0123" and TOKEN not in repr(dest)
    with pytest.raises(ConfigError):
        destinations_from_settings(Settings(slack_bot_token=TOKEN))


async def test_post_returns_ts_and_updates_thread(slack):
    dest = Destination("slack-bot", "slack_api", slack.url, token=TOKEN, channel="C0123")
    async with destination_session(LOOPBACK, timeout=30) as session:
        sender = Sender(session, policy=LOOPBACK, slack_min_interval=0.0)
        ts = await sender.send(alert(), dest)
        assert ts == slack.messages[0]["ts"]
        assert await sender.send(alert("update", revision=1), dest, thread_ts=ts)
    first, reply = slack.messages
    assert "thread_ts" not in first and reply["thread_ts"] == ts and reply["channel"] == "C0123"
    assert reply["blocks"][0]["type"] == "header"


@pytest.mark.parametrize("error, permanent", [("channel_not_found", True), ("invalid_auth", True),
                                              ("internal_error", False), ("fatal_error", False)])
async def test_slack_verdicts_in_a_200_body_are_classified(slack, error, permanent):
    slack.refuse = error
    dest = Destination("slack-bot", "slack_api", slack.url, token=TOKEN, channel="C0123")
    async with destination_session(LOOPBACK, timeout=30) as session:
        with pytest.raises(PermanentDeliveryError if permanent else TransientDeliveryError) as exc:
            await Sender(session, policy=LOOPBACK, slack_min_interval=0.0).send(alert(), dest)
    assert error in str(exc.value) and TOKEN not in str(exc.value)


SECOND_REPORT = """<item>
  <title>North Korean spy satellite rocket Chollima-1 crashes into sea, Seoul says</title>
  <link>https://other.example.com/kp-satellite-{n}</link>
  <guid isPermaLink="false">other-{n}</guid>
  <pubDate>{date}</pubDate>
  <description>North Korea's Chollima-1 carrier rocket, launched on __WEEKDAY__ with a military reconnaissance
  satellite, crashed into the sea after a second-stage failure, South Korea's military said.</description>
</item>"""


@pytest.mark.kafka
def test_pipeline_threads_story_updates_under_the_first_message(tmp_path, kafka_broker, slack):
    feeds = FeedServer().start()
    try:
        date = now_rfc822()
        first = feeds.set("/a.xml", feed(LAUNCH.format(n=1, date=date)))
        service = Service(tmp_path, "--feed", first, "--broker", kafka_broker.url,
                          env={"WATCHFLOOR_SLACK_BOT_TOKEN": TOKEN, "WATCHFLOOR_SLACK_CHANNEL": "C0123",
                               "WATCHFLOOR_SLACK_API_URL": slack.url, "WATCHFLOOR_STORY_COOLDOWN": "0"})
        service.start().wait_ready()
        try:
            wait_for_sync(lambda: slack.messages, 60, what="the first Slack message")
            second = feeds.set("/b.xml", feed(SECOND_REPORT.format(n=1, date=date)))
            import json
            import urllib.request

            req = urllib.request.Request(service.api + "/feeds", data=json.dumps({"url": second}).encode(),
                                         method="POST", headers={"content-type": "application/json"})
            urllib.request.urlopen(req, timeout=10).read()
            wait_for_sync(lambda: len(slack.messages) >= 2, 60, what="the threaded update")
        finally:
            service.stop()
    finally:
        feeds.stop()
    root, reply = slack.messages[:2]
    assert "thread_ts" not in root
    assert reply["thread_ts"] == root["ts"], "the update is not a reply in the story's thread"
    assert "Update" in reply["blocks"][0]["text"]["text"]
