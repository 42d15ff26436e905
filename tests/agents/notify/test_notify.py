"""Formatters (pure) and the Sender against real local aiohttp receivers on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from dataclasses import dataclass, field
from datetime import datetime

import pytest
from aiohttp import web
from pydantic import SecretStr

from agents.notify.delivery import deliver_with_retries
from agents.notify.destinations import Destination, destinations_from_settings
from agents.notify.payloads import (
    ALERTNAME,
    SLACK_BLOCKS_MAX,
    SLACK_HEADER_MAX,
    SLACK_SECTION_MAX,
    SLACK_TEXT_MAX,
    alertmanager_endpoint,
    alertmanager_payload,
    slack_payload,
    webhook_payload,
)
from agents.notify.sender import Sender
from agents.notify.signing import VerificationError, verify
from streams.core.errors import ConfigError, PermanentDeliveryError, TransientDeliveryError
from tests.support import LOOPBACK
from agents.notify.sender import destination_session
from streams.core.records import Alert, Entity
from streams.core.settings import Settings

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SLACK_URL = "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXSECRETXXXX"
EPS = 0.01  # clock granularity only: the assertions below are lower bounds, never speed limits


def make_alert(**over) -> Alert:
    fields = dict(
        id="story-1:r0", story_id="story-1", kind="new", topic="missile_launch", severity="high",
        title="North Korea launches ballistic missile", link="https://news.example/kp-launch",
        evidence="North Korea fired a ballistic missile into the sea, Japan's defence ministry said.",
        phrase="fired a ballistic missile",
        entities=[Entity(text="North Korea", label="COUNTRY", id="country:KP"),
                  Entity(text="Japan", label="COUNTRY", id="country:JP"),
                  Entity(text="N. Korea", label="COUNTRY", id="country:KP")],
        sources=1, first_seen=1_700_000_000.0, created=1_700_000_005.0, revision=0,
        links=["https://news.example/kp-launch"],
    )
    fields.update(over)
    return Alert(**fields)


# ---------------------------------------------------------------- pure formatting


def all_texts(payload: dict) -> list[tuple[str, str]]:
    out = []
    for block in payload["blocks"]:
        if block["type"] in ("header", "section"):
            out.append((block["type"], block["text"]["text"]))
        for el in block.get("elements", []):
            out.append(("context", el["text"]))
    return out


def test_slack_payload_new_alert():
    p = slack_payload(make_alert())
    texts = dict(all_texts(p))
    assert "Missile launch" in texts["header"] and "HIGH" in texts["header"]
    section_texts = [t for k, t in all_texts(p) if k == "section"]
    assert "*<https://news.example/kp-launch|North Korea launches ballistic missile>*" in section_texts
    entities = next(t for t in section_texts if t.startswith("*Entities:*"))
    assert "North Korea (COUNTRY)" in entities and "Japan (COUNTRY)" in entities
    assert "N. Korea" not in entities  # same canonical id as North Korea
    assert any(t.startswith("> North Korea fired") for t in section_texts)
    assert "1 source" in texts["context"]
    assert "North Korea launches ballistic missile" in p["text"]


def test_slack_update_reads_as_follow_up():
    p = slack_payload(make_alert(kind="update", sources=4, revision=3, id="story-1:r3"))
    assert p["text"].startswith("update: now 4 sources")
    assert "Update" in p["blocks"][0]["text"]["text"] and "now 4 sources" in p["blocks"][0]["text"]["text"]


def test_slack_escapes_control_characters():
    p = slack_payload(make_alert(title="A <b> & C", evidence="x > y", link="https://e.x/a|b>c"))
    headline = p["blocks"][1]["text"]["text"]
    assert "A &lt;b&gt; &amp; C" in headline
    assert "https://e.x/a%7Cb%3Ec|" in headline  # the URL cannot end the link early
    assert "<b>" not in p["text"]


def test_slack_payload_stays_within_limits():
    huge = make_alert(
        title="T&" * 5000, evidence="evidence " * 2000, phrase="p" * 1000, topic="x" * 400,
        entities=[Entity(text=f"Entity {i} " + "&" * 50, label="ORG", id=f"org:{i}") for i in range(500)],
        links=[f"https://s{i}.example/" + "a" * 300 for i in range(80)], story_id="s" * 500,
    )
    p = slack_payload(huge)
    assert len(p["blocks"]) <= SLACK_BLOCKS_MAX
    assert len(p["text"]) <= SLACK_TEXT_MAX
    for kind, text in all_texts(p):
        limit = SLACK_HEADER_MAX if kind == "header" else SLACK_SECTION_MAX
        assert len(text) <= limit, (kind, len(text))
    assert p["blocks"][0]["text"]["text"].endswith("…")
    headline = p["blocks"][1]["text"]["text"]
    assert headline.endswith("…>*") and "&amp…" not in headline  # never cut inside an entity


def test_webhook_payload_schema():
    p = webhook_payload(make_alert(kind="update", revision=2))
    assert p["type"] == "alert.updated" and p["version"] == "3"
    assert p["timestamp"] == "2023-11-14T22:13:25.000Z"  # the alert's creation time: resends are identical
    d = p["data"]
    assert d["id"] == "story-1:r0" and d["story_id"] == "story-1" and d["revision"] == 2
    assert d["entities"][0] == {"text": "North Korea", "label": "COUNTRY", "id": "country:KP"}
    assert d["first_seen"] == "2023-11-14T22:13:20.000Z"
    json.dumps(p)  # JSON-ready


@pytest.mark.parametrize(("kind", "event"), [("new", "alert.created"), ("update", "alert.updated"),
                                              ("digest", "alert.digest"), ("resolved", "alert.resolved")])
def test_webhook_event_types(kind, event):
    assert webhook_payload(make_alert(kind=kind))["type"] == event


STORY = {"type": "missile_launch", "actor": {"id": "country:KP", "text": "North Korea"},
         "object": {"id": "vehicle:hwasong", "text": "Hwasong-11D", "class": "missile"},
         "site": {"id": "site:sunan", "text": "Sunan"}, "outcome": "failure", "when": "2025-03-11",
         "time": 1_741_646_820.0, "confirmed": True, "sources": 3,
         "readings": {"range_km": {"1000": ["Yonhap", "AP"], "800": ["NHK"]}}}
CHANGES = [{"kind": "sources_3", "text": "3 sources"},
           {"kind": "outcome_changed", "text": "outcome success -> failure"}]
# the report of the update was led by the neighbour: its own event names Japan's ministry
NEIGHBOUR_EVENT = {"type": "missile_launch", "actor": {"id": "agency:japan-mod", "text": "Japan's Ministry of Defense"},
                   "object": {"id": None, "text": "ballistic missile", "class": "missile"}, "site": None,
                   "outcome": "success", "when": None, "when_text": None}


def story_update() -> Alert:
    return make_alert(kind="update", revision=3, sources=3, story=STORY, changes=CHANGES, event=NEIGHBOUR_EVENT)


def test_webhook_carries_the_story_and_what_changed():
    d = webhook_payload(story_update())["data"]
    assert d["story"] == STORY and d["changes"] == CHANGES
    assert d["event"]["actor"]["id"] == "agency:japan-mod"  # the report's own reading stays
    assert webhook_payload(make_alert())["data"]["changes"] == []


def test_slack_update_says_what_changed_and_where_reports_differ():
    p = slack_payload(story_update())
    texts = " ".join(t for _, t in all_texts(p))
    assert p["blocks"][0]["text"]["text"].endswith("· 3 sources; outcome success -> failure")  # the header
    assert "*What changed:*" in texts and "outcome success -&gt; failure" in texts
    assert "*Actor:* North Korea" in texts and "Hwasong-11D" in texts and "*confirmed* by the actor" in texts
    assert "*Reports differ:* range_km: 1000 (Yonhap, AP) / 800 (NHK)" in texts


def test_alertmanager_shows_the_story_event():
    [item] = alertmanager_payload([story_update()], now=1_700_000_100.0)
    assert item["labels"]["actor"] == "country:KP"  # the story's actor, not the report's
    ann = item["annotations"]
    assert (ann["outcome"], ann["object"], ann["site"], ann["confirmed"]) == ("failure", "Hwasong-11D", "Sunan", "yes")
    assert ann["changes"] == "3 sources; outcome success -> failure"
    assert ann["readings"] == "range_km: 1000 (Yonhap, AP) / 800 (NHK)"


def test_webhook_payload_refuses_unknown_kind():
    with pytest.raises(ValueError, match="unknown alert kind"):
        webhook_payload(make_alert(kind="bogus"))


def test_alertmanager_payload_active_and_resolved():
    now = 1_700_000_100.0
    [active] = alertmanager_payload([make_alert()], now=now, resend_after=600)
    assert active["labels"] == {"alertname": ALERTNAME, "topic": "missile_launch", "severity": "high",
                                "story_id": "story-1"}
    assert active["startsAt"] == "2023-11-14T22:13:20.000Z"
    assert active["endsAt"] == "2023-11-14T22:45:00.000Z"  # now + 3 * 600 s
    assert active["generatorURL"] == "https://news.example/kp-launch"
    assert set(active["annotations"]) == {"summary", "description", "evidence", "link", "sources"}
    assert all(isinstance(v, str) for v in active["annotations"].values())
    [resolved] = alertmanager_payload([make_alert()], resolved=True, now=now)
    assert resolved["endsAt"] == "2023-11-14T22:15:00.000Z"
    assert resolved["labels"] == active["labels"]


def test_alertmanager_start_never_after_end():
    [item] = alertmanager_payload([make_alert(first_seen=2e9)], resolved=True, now=1.9e9)
    assert item["startsAt"] <= item["endsAt"]


@pytest.mark.parametrize(("url", "expected"), [
    ("http://am:9093", "http://am:9093/api/v2/alerts"),
    ("http://am:9093/", "http://am:9093/api/v2/alerts"),
    ("http://am:9093/api/v2/alerts", "http://am:9093/api/v2/alerts"),
])
def test_alertmanager_endpoint(url, expected):
    assert alertmanager_endpoint(url) == expected


def test_destinations_from_settings():
    s = Settings(
        webhooks=["https://hooks.example.com/in", f"team={SLACK_URL}", "ops=https://ops.example/w?token=abc"],
        slack_webhook=SecretStr("https://hooks.slack.com/services/T1/B1/OTHERSECRET"),
        alertmanager_url="http://am.internal:9093",
    )
    dests = destinations_from_settings(s)
    assert [(d.id, d.kind) for d in dests] == [
        ("webhook-1", "webhook"), ("team", "slack"), ("ops", "webhook"), ("slack", "slack"),
        ("alertmanager", "alertmanager")]
    assert dests[1].url == SLACK_URL
    shown = repr(dests) + str(dests) + " ".join(str(d) for d in dests)
    for secret in ("XXXXXXXXXXXXSECRETXXXX", "OTHERSECRET", "token=abc", "T000", "/in"):
        assert secret not in shown
    assert "hooks.slack.com" in repr(dests[1])


@pytest.mark.parametrize("settings", [
    Settings(webhooks=["ftp://x/y"]),
    Settings(webhooks=["a=https://x/1", "a=https://x/2"]),
    Settings(slack_webhook=SecretStr("not a url")),
])
def test_bad_destinations_are_config_errors(settings):
    with pytest.raises(ConfigError) as info:
        destinations_from_settings(settings)
    assert "not a url" not in str(info.value)


def test_bad_secret_fails_at_construction():
    with pytest.raises(ConfigError):
        Sender(None, webhook_secret="whsec_*not*base64*")  # type: ignore[arg-type]


# ---------------------------------------------------------------- real receivers


@dataclass
class Hit:
    at: float
    headers: dict
    body: bytes


@dataclass
class Receiver:
    """A local HTTP server answering from a script of (status, headers) and recording every hit."""

    script: list = field(default_factory=list)  # consumed in order; then `default`
    default: tuple = (200, {})
    hits: list = field(default_factory=list)
    url: str = ""
    gate: asyncio.Event | None = None  # when set, the handler waits for it before answering

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.hits.append(Hit(time.monotonic(), dict(request.headers), await request.read()))
        if self.gate is not None:
            await self.gate.wait()
        status, headers = self.script.pop(0) if self.script else self.default
        return web.Response(status=status, headers=headers, text="ok" if status < 300 else "error")


@pytest.fixture
async def serve():
    runners = []

    async def start(handler) -> str:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", handler)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        runners.append(runner)
        port = runner.addresses[0][1]
        return f"http://127.0.0.1:{port}/hook"

    yield start
    for runner in runners:
        await runner.cleanup()


@pytest.fixture
async def session():
    async with destination_session(LOOPBACK, timeout=30) as s:
        yield s


async def receiver(serve, **kw) -> Receiver:
    r = Receiver(**kw)
    r.url = await serve(r.handle)
    return r


async def test_webhook_is_signed_json_that_verifies(serve, session):
    verified = []

    async def handler(request: web.Request) -> web.Response:
        body = await request.read()
        try:
            verify(SECRET, request.headers, body)
        except VerificationError as err:
            return web.Response(status=401, text=str(err))
        verified.append((request.headers["webhook-id"], json.loads(body)))
        return web.Response(status=204)

    url = await serve(handler)
    alert = make_alert()
    await Sender(session, policy=LOOPBACK, webhook_secret=SecretStr(SECRET)).send(alert, Destination("w", "webhook", url))
    [(msg_id, payload)] = verified
    assert msg_id == alert.id
    assert payload == webhook_payload(alert)


async def test_webhook_with_wrong_secret_is_refused_permanently(serve, session):
    async def handler(request: web.Request) -> web.Response:
        try:
            verify("whsec_" + "A" * 32, request.headers, await request.read())
        except VerificationError:
            return web.Response(status=401)
        return web.Response(status=200)

    url = await serve(handler)
    with pytest.raises(PermanentDeliveryError, match="401"):
        await Sender(session, policy=LOOPBACK, webhook_secret=SECRET).send(make_alert(), Destination("w", "webhook", url))


def slack_rule_violations(payload) -> list[str]:
    """Slack's documented limits for an incoming-webhook message."""
    errors = []
    if not isinstance(payload, dict) or not (payload.get("text") or payload.get("blocks")):
        return ["no_text"]
    if len(payload.get("text", "")) > SLACK_TEXT_MAX:
        errors.append("text too long")
    blocks = payload.get("blocks", [])
    if len(blocks) > 50:
        errors.append("too many blocks")
    for b in blocks:
        if b.get("type") == "header" and (b["text"]["type"] != "plain_text" or len(b["text"]["text"]) > 150):
            errors.append("bad header")
        if b.get("type") == "section" and len(b["text"]["text"]) > 3000:
            errors.append("section too long")
        if b.get("type") not in ("header", "section", "context", "divider"):
            errors.append(f"unknown block {b.get('type')}")
    return errors


class FakeSlack:
    """Answers like an incoming webhook: 400 invalid_payload on a bad message, 429 on a second within 1 s."""

    def __init__(self) -> None:
        self.accepted: list[tuple[float, dict]] = []
        self.rejected: list[str] = []
        self.last_arrival: float | None = None

    async def handle(self, request: web.Request) -> web.Response:
        now = time.monotonic()
        if self.last_arrival is not None and now - self.last_arrival < 1.0:
            self.rejected.append("rate_limited")
            return web.Response(status=429, headers={"Retry-After": "1"}, text="rate_limited")
        self.last_arrival = now
        try:
            payload = json.loads(await request.read())
        except ValueError:
            self.rejected.append("invalid_payload")
            return web.Response(status=400, text="invalid_payload")
        errors = slack_rule_violations(payload)
        if errors:
            self.rejected.append(",".join(errors))
            return web.Response(status=400, text="invalid_blocks")
        self.accepted.append((now, payload))
        return web.Response(status=200, text="ok")


async def test_slack_messages_are_accepted_and_paced(serve, session):
    slack = FakeSlack()
    url = await serve(slack.handle)
    dest = Destination("slack", "slack", url)
    sender = Sender(session, policy=LOOPBACK, slack_min_interval=1.0)
    alerts = [make_alert(), make_alert(kind="update", sources=3, id="story-1:r1"),
              make_alert(title="x" * 9000, evidence="y" * 9000, id="story-1:r2")]
    for alert in alerts:
        out = await deliver_with_retries(sender.send, alert, dest, schedule=(0,))
        assert out.delivered and out.attempts == 1, out
    assert slack.rejected == []
    assert [p["text"][:6] for _, p in slack.accepted][1] == "update"
    gaps = [b[0] - a[0] for a, b in zip(slack.accepted, slack.accepted[1:])]
    assert all(g >= 1.0 - EPS for g in gaps), gaps


async def test_503_three_times_then_200_keeps_the_webhook_id(serve, session):
    r = await receiver(serve, script=[(503, {})] * 3)
    alert = make_alert()
    out = await deliver_with_retries(Sender(session, policy=LOOPBACK, webhook_secret=SECRET).send, alert,
                                     Destination("w", "webhook", r.url), schedule=(0, 0.05, 0.1, 0.2))
    assert (out.delivered, out.attempts) == (True, 4)
    assert len(r.hits) == 4
    assert {h.headers["webhook-id"] for h in r.hits} == {alert.id}
    assert len({h.body for h in r.hits}) == 1  # the same body on every attempt
    for h in r.hits:  # each attempt is signed for its own timestamp
        verify(SECRET, h.headers, h.body)


async def test_503_until_schedule_runs_out(serve, session):
    r = await receiver(serve, default=(503, {}))
    out = await deliver_with_retries(Sender(session, policy=LOOPBACK).send, make_alert(), Destination("w", "webhook", r.url),
                                     schedule=(0, 0.01, 0.01))
    assert (out.delivered, out.attempts, out.permanent, out.reason) == (False, 3, False, "http_5xx")
    assert len(r.hits) == 3


async def test_429_retry_after_is_honoured_by_the_retry_loop(serve, session):
    r = await receiver(serve, script=[(429, {"Retry-After": "1"})])
    out = await deliver_with_retries(Sender(session, policy=LOOPBACK).send, make_alert(), Destination("w", "webhook", r.url),
                                     schedule=(0, 0.05))
    assert (out.delivered, out.attempts) == (True, 2)
    assert r.hits[1].at - r.hits[0].at >= 1.0 - EPS


async def test_429_blocks_the_destination_inside_the_sender(serve, session):
    r = await receiver(serve, script=[(429, {"Retry-After": "1"})])
    sender, dest = Sender(session, policy=LOOPBACK), Destination("w", "webhook", r.url)
    with pytest.raises(TransientDeliveryError) as info:
        await sender.send(make_alert(), dest)
    assert info.value.retry_after == 1.0 and info.value.kind == "http_429"
    await sender.send(make_alert(), dest)  # called at once: the sender itself waits
    assert r.hits[1].at - r.hits[0].at >= 1.0 - EPS


async def test_block_longer_than_max_wait_raises_instead_of_waiting(serve, session):
    r = await receiver(serve, script=[(503, {"Retry-After": "120"})])
    sender, dest = Sender(session, policy=LOOPBACK, max_wait=5), Destination("w", "webhook", r.url)
    with pytest.raises(TransientDeliveryError):
        await sender.send(make_alert(), dest)
    with pytest.raises(TransientDeliveryError) as info:
        await sender.send(make_alert(), dest)
    assert info.value.kind == "rate_limited" and 100 < info.value.retry_after <= 120
    assert len(r.hits) == 1


async def test_404_is_one_call_and_permanent(serve, session):
    r = await receiver(serve, default=(404, {}))
    out = await deliver_with_retries(Sender(session, policy=LOOPBACK).send, make_alert(), Destination("w", "webhook", r.url),
                                     schedule=(0, 0.01, 0.01))
    assert (out.delivered, out.attempts, out.permanent, out.reason) == (False, 1, True, "http_4xx")
    assert len(r.hits) == 1


async def test_redirect_is_not_followed(serve, session):
    r = await receiver(serve, default=(307, {"Location": "http://127.0.0.1:9/elsewhere"}))
    with pytest.raises(PermanentDeliveryError, match="307"):
        await Sender(session, policy=LOOPBACK).send(make_alert(), Destination("w", "webhook", r.url))
    assert len(r.hits) == 1


async def test_timeout_is_transient(serve, session):
    gate = asyncio.Event()
    r = await receiver(serve, gate=gate)
    try:
        with pytest.raises(TransientDeliveryError) as info:
            await Sender(session, policy=LOOPBACK, timeout=0.2).send(make_alert(), Destination("w", "webhook", r.url))
        assert info.value.kind == "timeout"
    finally:
        gate.set()


async def test_connection_refused_is_transient_and_hides_the_url(session):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dest = Destination("slack", "slack", f"http://127.0.0.1:{port}/services/T/B/SECRETTOKEN")
    with pytest.raises(TransientDeliveryError) as info:
        await Sender(session, policy=LOOPBACK).send(make_alert(), dest)
    assert info.value.kind == "network"
    assert "SECRETTOKEN" not in str(info.value)


async def test_unformattable_alert_is_permanent_without_a_call(serve, session):
    r = await receiver(serve)
    with pytest.raises(PermanentDeliveryError) as info:
        await Sender(session, policy=LOOPBACK).send(make_alert(kind="bogus"), Destination("w", "webhook", r.url))
    assert info.value.kind == "payload" and r.hits == []


async def test_alertmanager_destination_posts_to_the_v2_api(serve, session):
    paths = []

    async def handler(request: web.Request) -> web.Response:
        paths.append((request.path, await request.json()))
        return web.Response(status=200)

    url = await serve(handler)
    base = url.rsplit("/", 1)[0]
    await Sender(session, policy=LOOPBACK).send(make_alert(kind="resolved"), Destination("alertmanager", "alertmanager", base))
    [(path, body)] = paths
    assert path == "/api/v2/alerts"
    assert body[0]["labels"]["story_id"] == "story-1"
    ends = datetime.fromisoformat(body[0]["endsAt"].replace("Z", "+00:00")).timestamp()
    assert ends <= time.time() + 1  # resolved: ends now, not in the future


async def test_concurrent_slack_sends_do_not_burst(serve, session):
    slack = FakeSlack()
    url = await serve(slack.handle)
    dest = Destination("slack", "slack", url)
    sender = Sender(session, policy=LOOPBACK, slack_min_interval=1.0)
    alerts = [make_alert(id=f"story-1:r{i}", revision=i) for i in range(3)]
    await asyncio.gather(*(sender.send(a, dest) for a in alerts))
    assert slack.rejected == [] and len(slack.accepted) == 3


def test_qualifiers_reach_every_payload():
    alert = make_alert(qualifiers=["launch_failure"])
    assert "launch failure" in slack_payload(alert)["blocks"][0]["text"]["text"]
    assert webhook_payload(alert)["data"]["qualifiers"] == ["launch_failure"]
    [am] = alertmanager_payload([alert], now=1_700_000_100.0)
    assert am["annotations"]["qualifiers"] == "launch_failure"
    assert "qualifiers" not in am["labels"]  # labels identify the story; they must not change with it


EVENT = {"type": "missile_launch", "actor": {"id": "country:KP", "text": "North Korea"},
         "object": {"id": None, "text": "ballistic missile", "class": "missile"}, "site": None,
         "outcome": "failure", "when": "2023-11-13", "when_text": "on Monday"}


def test_the_event_reaches_every_payload():
    alert = make_alert(event=EVENT, published=1_699_999_000.0)
    data = webhook_payload(alert)["data"]
    assert data["event"] == EVENT and data["published"].startswith("2023-11-14")
    (am,) = alertmanager_payload([alert], now=1_700_000_010.0)
    assert am["labels"]["actor"] == "country:KP"  # the actor names the event: a label
    assert am["annotations"]["actor"] == "country:KP" and am["annotations"]["outcome"] == "failure"
    assert "outcome" not in am["labels"]  # it may change with an update; labels must not
    text = json.dumps(slack_payload(alert))
    assert "North Korea" in text and "failure" in text and "2023-11-13" in text


def test_an_alert_without_event_still_renders():
    alert = make_alert()
    assert webhook_payload(alert)["data"]["event"] is None
    (am,) = alertmanager_payload([alert], now=1_700_000_010.0)
    assert "actor" not in am["labels"] and "outcome" not in am["annotations"]
