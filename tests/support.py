"""Shared test helpers: real HTTP servers on 127.0.0.1 and condition waits (no sleeping and hoping)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path
from typing import Any, Callable

import pytest
from aiohttp import web

from streams.ingest.netguard import AddressPolicy

#: the policy of a Sender talking to test receivers on 127.0.0.1 (as trusted_destinations would)
LOOPBACK = AddressPolicy.allowing("127.0.0.0/8", "::1/128")


#: the repository, and the real and hand-written files the tests serve (tests/fixtures/)
ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEED_ARTICLE = ROOT.parent / "shared" / "seed" / "seed-article.txt"
#: feedparser's own test corpus (its sdist's tests/ folder), for tests/streams/ingest/test_robustness.py
FEEDPARSER_VERSION = "6.0.14"
CORPUS_CACHE = Path(os.environ.get("WATCHFLOOR_FEEDPARSER_CORPUS", Path.home() / ".cache/watchfloor/feedparser-corpus"))


def seed_text() -> str:
    """The news article the project started from. It lives in shared/, beside the checkout,
    not in the repository: a clone without it skips the tests that read it, never fails."""
    if not SEED_ARTICLE.exists():
        pytest.skip(f"seed article not found at {SEED_ARTICLE}")
    return SEED_ARTICLE.read_text()


def this_checkout_first(pythonpath: str | None) -> str:
    """``PYTHONPATH`` with this checkout first, once: a child process that runs elsewhere would
    otherwise import the package the venv's editable install points at (another checkout)."""
    rest = [p for p in (pythonpath or "").split(os.pathsep) if p and p != str(ROOT)]
    return os.pathsep.join([str(ROOT), *rest])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def wait_for(predicate: Callable[[], Any], timeout: float = 10.0, interval: float = 0.02, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate}")
        await asyncio.sleep(interval)


async def drain_loop(rounds: int = 50) -> None:
    """Let every callback that is ready run (futures' done-callbacks, tasks they wake), without
    waiting on the clock: to assert that something did *not* happen once all that could happen
    now has run. Timers are not advanced; use :func:`wait_for` for anything that takes time."""
    for _ in range(rounds):
        await asyncio.sleep(0)


def wait_for_sync(predicate: Callable[[], Any], timeout: float = 10.0, interval: float = 0.05, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate}")
        time.sleep(interval)


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = True  # answer 304 to a matching If-None-Match


class FeedServer:
    """Serves feed bytes by path, honours If-None-Match with the body's hash, logs every request.

    Runs in its own thread with its own loop, so it serves both async tests and
    subprocess-based tests (a worker started with ``watchfloor run``).
    """

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[dict[str, Any]] = []
        self.port = free_port()
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def set(self, path: str, body: bytes = b"", status: int = 200, headers: dict[str, str] | None = None,
            etag: bool = True) -> str:
        self.routes[path] = Route(body, status, dict(headers or {}), etag)
        return self.url(path)

    def hits(self, path: str) -> list[dict[str, Any]]:
        return [r for r in list(self.requests) if r["path"] == path]

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.requests.append({"path": request.path, "time": time.time(), "headers": dict(request.headers)})
        route = self.routes.get(request.path)
        if route is None:
            return web.Response(status=404)
        headers = dict(route.headers)
        if route.status == 200 and route.etag:
            tag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
            headers["ETag"] = tag
            if request.headers.get("If-None-Match") == tag:
                return web.Response(status=304, headers=headers)
        return web.Response(body=route.body, status=route.status, headers=headers)

    def start(self) -> "FeedServer":
        self._thread.start()

        async def boot() -> None:
            app = web.Application()
            app.router.add_route("*", "/{tail:.*}", self._handle)
            self._runner = web.AppRunner(app, access_log=None)
            await self._runner.setup()
            await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

        asyncio.run_coroutine_threadsafe(boot(), self._loop).result(10)
        return self

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)


#: what a receiver answers to one call: a status, or (status, headers)
Answer = int | tuple[int, dict[str, str]]


class WebhookReceiver:
    """A webhook endpoint on 127.0.0.1 that records every call (JSON body, raw bytes to verify
    signatures, headers, arrival time) and answers what ``script(call_number)`` says."""

    def __init__(self, script: Callable[[int], Answer] | None = None) -> None:
        self.received: list[dict[str, Any]] = []
        self.script = script or (lambda n: 200)
        self.server = FeedServer()
        self.server._handle = self._handle  # type: ignore[method-assign]

    @property
    def url(self) -> str:
        return self.server.url("/hook")

    async def _handle(self, request: web.Request) -> web.Response:
        raw = await request.read()
        arrived = time.time()
        answer = self.script(len(self.received))
        status, headers = answer if isinstance(answer, tuple) else (answer, {})
        self.received.append({"time": arrived, "headers": dict(request.headers), "status": status, "raw": raw,
                              "body": json.loads(raw) if raw else None})
        return web.Response(status=status, headers=headers, text="ok" if status < 300 else "no")

    def delivered(self) -> list[dict[str, Any]]:
        return [r for r in list(self.received) if 200 <= r["status"] < 300]

    def start(self) -> "WebhookReceiver":
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    def __enter__(self) -> "WebhookReceiver":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


# --- a real Alertmanager (Debian's prometheus-alertmanager) ------------------------------

AM_BINARY = os.environ.get("WATCHFLOOR_ALERTMANAGER", "/usr/bin/prometheus-alertmanager")
AM_CONFIG = 'route:\n  receiver: "null"\n  group_wait: 1s\nreceivers:\n  - name: "null"\n'
#: for test modules that need it: ``pytestmark = needs_alertmanager``
needs_alertmanager = pytest.mark.skipif(
    shutil.which(AM_BINARY) is None,
    reason=f"Alertmanager binary {AM_BINARY} not found (apt-get install -y prometheus-alertmanager)",
)


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


# --- feeds written in the tests ------------------------------------------------------------

#: a report in the seed article's style (a failed satellite launch, a cookie banner), and a
#: harmless item; ``{n}`` and ``{date}`` to fill
LAUNCH = """<item>
  <title>Seoul and Tokyo condemn North Korea's failed spy satellite launch</title>
  <link>https://wire.example.com/asia/launch-{n}</link>
  <guid isPermaLink="false">wire-launch-{n}</guid>
  <pubDate>{date}</pubDate>
  <description><![CDATA[<p>North Korea launched a Chollima-1 rocket carrying a military reconnaissance satellite on
  __WEEKDAY__, but the rocket crashed into the sea after its second stage failed, Pyongyang's state media said.</p>
  <p>Japan and South Korea called the launch a violation of UN Security Council resolutions.</p>
  <p>We use cookies to improve your experience. Accept all cookies.</p>]]></description>
</item>"""

HARMLESS = """<item>
  <title>Harbour ferry timetable changes for the winter season</title>
  <link>https://wire.example.com/local/ferry-{n}</link>
  <guid isPermaLink="false">wire-ferry-{n}</guid>
  <pubDate>{date}</pubDate>
  <description>The ferry company will launch a reduced winter timetable next month, with the first boat at 7am.</description>
</item>"""


def feed(*items: str) -> bytes:
    """An RSS feed of ``items``; ``__WEEKDAY__`` in them is today's (UTC), the day of the launch
    as a wire publishing it now would write it."""
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Wire Asia</title>"
        "<link>https://wire.example.com/</link>" + "".join(items) + "</channel></rss>"
    ).replace("__WEEKDAY__", time.strftime("%A", time.gmtime())).encode()


def now_rfc822() -> str:
    return formatdate(time.time(), usegmt=True)


# --- the hand-written wire feeds of tests/fixtures/stories/ --------------------------------

STORY_FEEDS = FIXTURES / "stories"
_ITEM = re.compile(r"\s*<item>.*?</item>", re.S)


def story_feed(name: str, *, only: tuple[str, ...] | None = None) -> bytes:
    """A story fixture feed with every pubDate set to now and the texts' day of the launch
    (``__WEEKDAY__``) to today's, as a wire would write it; ``only`` keeps the items with these
    guids. A fixed "Friday" under today's pubDate read as a launch days before the others."""
    text = (STORY_FEEDS / name).read_text(encoding="utf-8")
    if only is not None:
        text = _ITEM.sub(lambda m: m.group(0) if any(g in m.group(0) for g in only) else "", text)
    now = time.time()
    return (text.replace("__PUBDATE__", formatdate(now, usegmt=True))
            .replace("__WEEKDAY__", time.strftime("%A", time.gmtime(now))).encode("utf-8"))


# --- a real `watchfloor run` in a subprocess --------------------------------------------

#: settings that make a test service quick: short polls, short delivery schedule
FAST_ENV = {
    "WATCHFLOOR_POLL_INTERVAL": "1",
    "WATCHFLOOR_POLL_INTERVAL_MIN": "0.5",
    "WATCHFLOOR_POLL_INTERVAL_MAX": "2",
    "WATCHFLOOR_RETRY_SCHEDULE": "0,0.2,0.5,1,2",
    "WATCHFLOOR_STORY_TIMER_INTERVAL": "1",
    "WATCHFLOOR_TOPIC_PARTITIONS": "4",
    "WATCHFLOOR_ALLOW_PRIVATE_NETWORKS": "true",
}


class Service:
    """``watchfloor run`` as a child process, the way an operator starts it."""

    def __init__(self, workdir: Path, *args: str, env: dict[str, str] | None = None, app_id: str | None = None,
                 web_port: int | None = None) -> None:
        self.workdir = workdir
        self.args = list(args)
        self.web_port = web_port or free_port()
        self.app_id = app_id or f"wf-{uuid.uuid4().hex[:8]}"
        # the child runs in its workdir: benches start it too, outside conftest's environment
        self.env = {**os.environ, **FAST_ENV, "PYTHONPATH": this_checkout_first(os.environ.get("PYTHONPATH")),
                    "WATCHFLOOR_APP_ID": self.app_id,
                    "WATCHFLOOR_WEB_PORT": str(self.web_port), "WATCHFLOOR_DATA_DIR": str(workdir / "data"),
                    **(env or {})}
        self.proc: subprocess.Popen[bytes] | None = None
        self.runs = 0

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    @property
    def log_path(self) -> Path:
        return self.workdir / f"run-{self.runs}.log"

    def start(self) -> "Service":
        self.runs += 1
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "streams.cli", "run", *self.args], env=self.env,
                                     stdout=log, stderr=subprocess.STDOUT, cwd=self.workdir, start_new_session=True)
        log.close()
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def get(self, path: str) -> Any:
        with urllib.request.urlopen(self.api + path, timeout=5) as resp:
            body = resp.read()
        return json.loads(body) if path != "/metrics" else body.decode()

    def healthy(self) -> bool:
        if self.proc is not None and self.proc.poll() is not None:
            raise AssertionError(f"watchfloor exited with {self.proc.returncode}:\n{self.log()[-4000:]}")
        try:
            return self.get("/health")["status"] == "ok"
        except Exception:
            return False

    def wait_ready(self, timeout: float = 60.0) -> "Service":
        wait_for_sync(self.healthy, timeout, what=f"watchfloor /health on {self.api}")
        return self

    def metric(self, name: str, labels: dict[str, str] | None = None) -> float:
        from prometheus_client.parser import text_string_to_metric_families

        total = 0.0
        for family in text_string_to_metric_families(self.get("/metrics")):
            for sample in family.samples:
                if sample.name == name and all(sample.labels.get(k) == v for k, v in (labels or {}).items()):
                    total += sample.value
        return total

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60.0) -> int:
        proc, self.proc = self.proc, None
        if proc is None:
            return 0
        if proc.poll() is None:
            os.killpg(proc.pid, sig)
            try:
                return proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)
                raise AssertionError(f"watchfloor did not stop within {timeout}s after {sig}:\n{self.log()[-3000:]}")
        return proc.returncode
