"""Alertmanager through the real pipeline: `watchfloor run` on the real Kafka broker posts a
story to a real Alertmanager (Debian's prometheus-alertmanager), keeps it alive, and resolves
it once the story has been quiet for ``WATCHFLOOR_ALERTMANAGER_QUIET`` seconds.

Alertmanager is started as in tests/agents/notify/test_alertmanager.py: free loopback port,
clustering off, storage in a temporary directory, one receiver that does nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from email.utils import formatdate
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.support import FIXTURES, Service, free_port, wait_for_sync

AM_BINARY = os.environ.get("WATCHFLOOR_ALERTMANAGER", "/usr/bin/prometheus-alertmanager")
AM_CONFIG = 'route:\n  receiver: "null"\n  group_wait: 1s\nreceivers:\n  - name: "null"\n'
FIXTURES = FIXTURES / "stories"
ITEM = re.compile(r"\s*<item>.*?</item>", re.S)
LEAD_GUID = "presswire-3f9a1c"

pytestmark = pytest.mark.skipif(
    shutil.which(AM_BINARY) is None,
    reason=f"Alertmanager binary {AM_BINARY} not found (apt-get install -y prometheus-alertmanager)",
)


def feed_body(name: str, *, only: tuple[str, ...] | None = None) -> bytes:
    """A fixture feed with every pubDate set to now; ``only`` keeps the items with these guids."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    if only is not None:
        text = ITEM.sub(lambda m: m.group(0) if any(g in m.group(0) for g in only) else "", text)
    return text.replace("__PUBDATE__", formatdate(time.time(), usegmt=True)).encode("utf-8")


class Alertmanager:
    """A real Alertmanager child process on 127.0.0.1."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.workdir / "alertmanager.log"

    def start(self) -> "Alertmanager":
        (self.workdir / "alertmanager.yml").write_text(AM_CONFIG)
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [AM_BINARY, f"--config.file={self.workdir / 'alertmanager.yml'}",
                 f"--storage.path={self.workdir / 'data'}", f"--web.listen-address=127.0.0.1:{self.port}",
                 "--cluster.listen-address="],
                stdout=log, stderr=subprocess.STDOUT)
        wait_for_sync(self.ready, 60, what=f"alertmanager on {self.url}")
        return self

    def ready(self) -> bool:
        if self.proc is not None and self.proc.poll() is not None:
            raise AssertionError(f"alertmanager exited with {self.proc.returncode}:\n{self.log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{self.url}/-/ready", timeout=2) as resp:
                return resp.status == 200
        except OSError:
            return False

    def alerts(self, **matchers: str) -> list[dict[str, Any]]:
        """GET /api/v2/alerts, filtered by label equality."""
        query = urllib.parse.urlencode([("filter", f'{k}="{v}"') for k, v in matchers.items()])
        with urllib.request.urlopen(f"{self.url}/api/v2/alerts?{query}", timeout=5) as resp:
            return json.loads(resp.read())

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


@pytest.fixture
def alertmanager(tmp_path_factory) -> Iterator[Alertmanager]:
    am = Alertmanager(tmp_path_factory.mktemp("alertmanager")).start()
    yield am
    am.stop()



@pytest.mark.kafka
def test_story_is_posted_to_alertmanager_then_resolved_when_quiet(tmp_path, kafka_broker, feeds, alertmanager):
    url = feeds.set("/ap.xml", feed_body("ap.xml", only=(LEAD_GUID,)))
    quiet = 5.0
    service = Service(tmp_path, "--broker", kafka_broker.url, "--feed", url, env={
        "WATCHFLOOR_ALERTMANAGER_URL": alertmanager.url, "WATCHFLOOR_ALERTMANAGER_RESEND": "1",
        "WATCHFLOOR_ALERTMANAGER_QUIET": str(quiet)}).start().wait_ready()
    try:
        [story] = wait_for_sync(lambda: [s for s in service.get("/alerts")["stories"]
                                         if s["topic"] == "missile_launch"], 90, what="the missile_launch story")

        def active() -> list[dict[str, Any]]:
            return [a for a in alertmanager.alerts(story_id=story["id"]) if a["status"]["state"] == "active"]

        [alert] = wait_for_sync(active, 60, what="the story active in Alertmanager")
        assert alert["labels"] == {"alertname": "WatchfloorAlert", "topic": "missile_launch",
                                   "severity": "critical", "story_id": story["id"]}
        assert alert["annotations"]["sources"] == "1"
        assert alert["annotations"]["summary"] == story["title"]
        assert alert["generatorURL"] == story["links"][0]
        # one Alertmanager alert per story, however often it is re-sent
        assert len(alertmanager.alerts(alertname="WatchfloorAlert")) == 1

        wait_for_sync(lambda: not active(), 90, what="the story resolved in Alertmanager")
        # resolved by watchfloor's quiet timer, not by Alertmanager's own endsAt (which is far off);
        # the timer logs once every destination acknowledged, which may be just after the check above
        wait_for_sync(lambda: f"story {story['id']} resolved in Alertmanager" in service.log(), 30,
                      what="watchfloor's own record of the resolve")
        assert service.metric("watchfloor_dead_letters_total") == 0
    finally:
        service.stop()
