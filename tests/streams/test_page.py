"""The page at / (streams/page.py): what it shows from plain data, and the real thing in a
real headless browser (Debian's chromium) against a real `watchfloor run` that raised an alert
from a feed served on 127.0.0.1, with a screenshot."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from email.utils import formatdate

import pytest

from streams import page
from tests.support import FeedServer, Service, wait_for_sync

NOW = 1_700_000_000.0
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (./dev test installs it)")

ALERT = {"id": "s1:0", "story_id": "s1", "kind": "new", "topic": "missile_launch", "severity": "high",
         "title": "North Korea fires <b>missile</b>", "link": "https://news.example/a", "evidence": "It fired one.",
         "sources": 2, "created": NOW, "entities": [{"text": "North Korea", "label": "COUNTRY", "id": "country:KP"}]}
STORY = {"id": "s1", "topic": "missile_launch", "title": "North Korea fires <b>missile</b>", "sources": 2,
         "first_seen": NOW, "last_seen": NOW + 60, "links": ["https://news.example/a", "javascript:alert(1)"]}
FEED = {"url": "https://news.example/rss", "name": "News", "state": "failing", "last_success": NOW - 600,
        "next_poll": NOW + 90, "consecutive_failures": 5, "last_error": "http: 404"}
MUTE = {"id": "m1", "scope": "topic", "value": "nuclear_test", "until": NOW + 3600, "reason": "drill", "active": True}


def render(**kw) -> str:
    args = dict(stories=[STORY], alerts=[ALERT], feeds=[FEED], mutes=[MUTE], health={"status": "ok"},
                token_set=False, now=NOW)
    return page.render(**{**args, **kw})


def test_page_shows_stories_alerts_feeds_mutes_in_words():
    html = render()
    assert "North Korea fires &lt;b&gt;missile&lt;/b&gt;" in html and "<b>missile</b>" not in html
    assert "2023-11-14T22:13:20Z" in html  # ISO, never an epoch float
    assert str(NOW) not in html
    assert "in 1m30s" in html and "http: 404" in html and "state-failing" in html
    assert "nuclear_test" in html and "drill" in html
    assert 'href="javascript:' not in html  # links only to http(s)
    for path in ("/metrics", "/health", "/feeds", "/alerts", "/mutes"):
        assert f'href="{path}"' in html


def test_actor_and_outcome_from_the_event_when_present_dashes_when_absent():
    event = {"type": "missile_launch", "actor": {"id": "country:KP", "text": "North Korea"},
             "object": {"id": None, "text": "ballistic missile", "class": "missile"}, "outcome": "success"}
    assert page.event_words({**ALERT, "event": event}) == ("North Korea", "success")
    assert page.event_words(ALERT) == ("—", "—")
    assert page.event_words({**ALERT, "event": None}) == ("—", "—")
    assert "success" in render(alerts=[{**ALERT, "event": event}])


def test_a_story_shows_its_event_and_the_readings_that_differ():
    event = {"type": "missile_launch", "actor": {"id": "country:KP", "text": "North Korea"},
             "object": {"id": "vehicle:hwasong", "text": "Hwasong-11D", "class": "missile"},
             "site": {"id": "site:sunan", "text": "Sunan"}, "outcome": "failure", "when": "2025-03-11",
             "confirmed": True, "sources": 2, "readings": {"range_km": {"1000": ["Yonhap"], "800": ["<NHK>"]}}}
    html = render(stories=[{**STORY, "event": event}])
    assert ("actor: North Korea · object: Hwasong-11D (missile) · site: Sunan · outcome: failure · "
            "when: 2025-03-11 · confirmed by the actor") in html
    assert "range_km: 1000 (Yonhap) / 800 (&lt;NHK&gt;)" in html
    assert "reports differ" not in render()  # a story without an event (older table value) shows none


def test_read_only_without_a_token():
    assert "/ui/mute" not in render() and "/ui/unmute" not in render()
    assert "web_token" in render()
    html = render(token_set=True)
    assert "action='/ui/mute'" in html and "action='/ui/unmute'" in html and "name='token'" in html


def test_empty_worker_says_what_to_do():
    html = render(stories=[], alerts=[], feeds=[], mutes=[])
    assert "No story yet" in html and "watchfloor feeds add" in html and "No mute" in html


def test_no_resource_from_elsewhere():
    html = render(token_set=True)
    assert "<link" not in html and "src=" not in html and "cdn" not in html.lower()


# --- the real page ---------------------------------------------------------------------

LAUNCH = """<item><title>Seoul and Tokyo condemn North Korea's failed spy satellite launch</title>
<link>https://wire.example.com/asia/launch-1</link><guid isPermaLink="false">wire-launch-1</guid>
<pubDate>{date}</pubDate><description>North Korea launched a Chollima-1 rocket carrying a military reconnaissance
satellite on Wednesday, but the rocket crashed into the sea after its second stage failed, Pyongyang's state media
said.</description></item>"""


def rss(*items: str) -> bytes:
    return ("<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>" + "".join(items)
            + "</channel></rss>").encode()


def request(api: str, method: str, path: str, body: bytes | None = None, ctype: str = "application/json"):
    req = urllib.request.Request(api + path, data=body, method=method, headers={"content-type": ctype})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(req, timeout=10) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    feeds = FeedServer().start()
    url = feeds.set("/wire.xml", rss())
    svc = Service(tmp_path_factory.mktemp("page"), "--feed", url, env={"WATCHFLOOR_WEB_TOKEN": "t0ken"})
    svc.start()
    try:
        svc.wait_ready(120)
        yield svc, feeds
    finally:
        svc.stop()
        feeds.stop()


@needs_chromium
@pytest.mark.embedded
def test_page_in_a_headless_browser_shows_the_alert_the_pipeline_raised(running, tmp_path):
    svc, feeds = running
    # follow the server-sent events before the news arrives: `alerts tail` reads this stream
    events: list[dict] = []

    def follow() -> None:
        with urllib.request.urlopen(svc.api + "/alerts/stream", timeout=90) as resp:
            for line in resp:
                if line.startswith(b"data: "):
                    events.append(json.loads(line[6:]))
                    return

    reader = threading.Thread(target=follow, daemon=True)
    reader.start()
    wait_for_sync(lambda: svc.get("/health")["status"] == "ok", 30)
    feeds.set("/wire.xml", rss(LAUNCH.format(date=formatdate(time.time(), usegmt=True))))
    wait_for_sync(lambda: svc.get("/alerts")["recent_alerts"], 90, what="an alert raised by the pipeline")
    wait_for_sync(lambda: events, 30, what="the alert on /alerts/stream")
    assert events[0]["topic"] == "satellite_launch"

    shot = tmp_path / "page.png"
    common = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--window-size=1280,900"]
    dom = subprocess.run(common + ["--dump-dom", svc.api + "/"], capture_output=True, text=True, timeout=120).stdout
    assert "Seoul and Tokyo condemn North Korea" in dom and "satellite_launch" in dom
    assert 'id="status">ok<' in dom and "wire.xml" in dom
    subprocess.run(common + [f"--screenshot={shot}", svc.api + "/"], capture_output=True, timeout=120, check=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


@pytest.mark.embedded
def test_page_forms_need_the_token_and_unknowns_answer_404(running):
    svc, _ = running
    form = urllib.parse.urlencode
    status, headers, _ = request(svc.api, "POST", "/ui/mute",
                                 form({"scope": "topic", "value": "nuclear_test", "duration": "1h", "token": "nope"}).encode(),
                                 "application/x-www-form-urlencoded")
    assert status == 303 and "read-only" in urllib.parse.unquote_plus(headers["Location"])
    status, headers, _ = request(svc.api, "POST", "/ui/mute",
                                 form({"scope": "topic", "value": "nuclear_test", "duration": "1h", "token": "t0ken"}).encode(),
                                 "application/x-www-form-urlencoded")
    assert status == 303 and "muted topic nuclear_test" in urllib.parse.unquote_plus(headers["Location"])
    mute = wait_for_sync(lambda: svc.get("/mutes")["mutes"], 30, what="the mute from the form")[0]
    status, headers, _ = request(svc.api, "POST", "/ui/unmute", form({"id": mute["id"], "token": "t0ken"}).encode(),
                                 "application/x-www-form-urlencoded")
    assert status == 303 and "ended" in urllib.parse.unquote_plus(headers["Location"])
    wait_for_sync(lambda: not svc.get("/mutes")["mutes"], 30, what="the mute to end")

    status, _, body = request(svc.api, "POST", "/mutes", json.dumps(
        {"scope": "topic", "value": "missle_launch", "duration": "2h"}).encode())
    assert status == 400 and "did you mean missile_launch" in body.decode()
    status, _, body = request(svc.api, "POST", "/mutes", json.dumps(
        {"scope": "entity", "value": "country:XX", "duration": "2h"}).encode())
    assert status == 400 and "country:XX" in body.decode()
    status, _, body = request(svc.api, "POST", "/mutes", json.dumps(
        {"scope": "topic", "value": "nuclear_test", "duration": "2"}).encode())
    assert status == 400 and "give a unit" in body.decode()
    assert request(svc.api, "DELETE", "/mutes?id=nosuchid")[0] == 404
    assert request(svc.api, "DELETE", "/feeds?url=https%3A%2F%2Fnope.example%2Frss")[0] == 404
