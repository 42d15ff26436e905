"""Shared test helpers: real HTTP servers on 127.0.0.1 and condition waits (no sleeping and hoping)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from aiohttp import web

from streams.ingest.netguard import AddressPolicy

#: the policy of a Sender talking to test receivers on 127.0.0.1 (as trusted_destinations would)
LOOPBACK = AddressPolicy.allowing("127.0.0.0/8", "::1/128")


#: the repository, and the real and hand-written files the tests serve (tests/fixtures/)
ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEED_ARTICLE = ROOT.parent / "shared" / "seed" / "seed-article.txt"


def seed_text() -> str:
    """The news article the project started from. It lives in shared/, beside the checkout,
    not in the repository: a clone without it skips the tests that read it, never fails."""
    import pytest

    if not SEED_ARTICLE.exists():
        pytest.skip(f"seed article not found at {SEED_ARTICLE}")
    return SEED_ARTICLE.read_text()


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

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)


class WebhookReceiver:
    """A webhook endpoint that records JSON bodies and headers; ``script`` decides each answer."""

    def __init__(self, script: Callable[[int], int] | None = None) -> None:
        self.received: list[dict[str, Any]] = []
        self.script = script or (lambda n: 200)
        self.server = FeedServer()
        self.server._handle = self._handle  # type: ignore[method-assign]

    @property
    def url(self) -> str:
        return self.server.url("/hook")

    async def _handle(self, request: web.Request) -> web.Response:
        raw = await request.read()
        n = len(self.received)
        status = self.script(n)
        self.received.append({"time": time.time(), "headers": dict(request.headers), "status": status,
                              "body": json.loads(raw) if raw else None})
        return web.Response(status=status, text="ok" if status < 300 else "no")

    def delivered(self) -> list[dict[str, Any]]:
        return [r for r in self.received if 200 <= r["status"] < 300]

    def start(self) -> "WebhookReceiver":
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()


# --- a real `watchfloor run` in a subprocess --------------------------------------------

import os  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import urllib.request  # noqa: E402
import uuid  # noqa: E402

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
        self.env = {**os.environ, **FAST_ENV, "WATCHFLOOR_APP_ID": self.app_id,
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
