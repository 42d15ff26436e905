"""A real Prometheus scrapes a real `watchfloor run` and sees the counters move.

Prometheus (Debian's /usr/bin/prometheus) runs with the watchfloor job and the alert rules of
deploy/prometheus/prometheus.yml, retargeted at the test worker and scraping every second.
The feed server then serves new articles, and the test asks Prometheus' HTTP API - not the
worker - whether published, processed and raised-alert counters followed. The rule files
must load too: a rule naming a metric badly still loads, but a syntax error would not.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from email.utils import formatdate
from pathlib import Path

import pytest
import yaml

from tests.support import FeedServer, Service, WebhookReceiver, free_port, wait_for_sync

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy" / "prometheus"
PROMETHEUS = shutil.which("prometheus") or "/usr/bin/prometheus"

pytestmark = [
    pytest.mark.embedded,
    pytest.mark.skipif(not Path(PROMETHEUS).is_file(),
                       reason="no prometheus binary (Debian: apt-get install -y prometheus)"),
]

ITEM = """<item><title>{title}</title><link>https://wire.example.com/{n}</link>
<guid isPermaLink="false">wire-{n}</guid><pubDate>{date}</pubDate><description>{body}</description></item>"""

EVENTS = [
    ("North Korea fires ballistic missile into the sea",
     "North Korea fired a ballistic missile into the sea off its east coast on Tuesday, Seoul said."),
    ("Iran launches rocket carrying a satellite",
     "Iran launched a Simorgh rocket carrying a satellite into orbit on Friday, state media said."),
]
HARMLESS = ("Harbour ferry timetable changes for the winter season",
            "The ferry company will run a reduced winter timetable next month, with the first boat at 7am.")


def rss(items: list[tuple[str, str]]) -> bytes:
    date = formatdate(time.time(), usegmt=True)
    body = "".join(ITEM.format(title=t, body=b, n=abs(hash(t)) % 10**8, date=date) for t, b in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Wire</title>"
            f"<link>https://wire.example.com/</link>{body}</channel></rss>").encode()


def prometheus_config(target: str) -> dict:
    """The deploy config's watchfloor job and rules, scraping ``target`` every second."""
    deployed = yaml.safe_load((DEPLOY / "prometheus.yml").read_text())
    job = next(j for j in deployed["scrape_configs"] if j["job_name"] == "watchfloor")
    job = {**job, "scrape_interval": "1s", "scrape_timeout": "1s", "static_configs": [{"targets": [target]}]}
    return {
        "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
        "rule_files": [str(DEPLOY / r) for r in deployed.get("rule_files", [])],
        "scrape_configs": [job],
    }


class Prometheus:
    def __init__(self, workdir: Path, target: str) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.config = workdir / "prometheus.yml"
        self.config.write_text(yaml.safe_dump(prometheus_config(target)))
        self.log_path = workdir / "prometheus.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> "Prometheus":
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [PROMETHEUS, f"--config.file={self.config}", f"--storage.tsdb.path={self.workdir / 'data'}",
                 f"--web.listen-address=127.0.0.1:{self.port}", "--storage.tsdb.retention.time=1h"],
                stdout=log, stderr=subprocess.STDOUT, cwd=self.workdir)
        wait_for_sync(self.ready, 60, interval=0.2, what=f"prometheus ready on {self.port}")
        return self

    def ready(self) -> bool:
        if self.proc is not None and self.proc.poll() is not None:
            raise AssertionError(f"prometheus exited with {self.proc.returncode}:\n{self.log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/-/ready", timeout=2) as resp:
                return resp.status == 200
        except OSError:
            return False

    def api(self, path: str, **params: str) -> dict:
        url = f"http://127.0.0.1:{self.port}/api/v1/{path}?" + urllib.parse.urlencode(params)
        with urllib.request.urlopen(url, timeout=5) as resp:
            body = json.loads(resp.read())
        assert body["status"] == "success", body
        return body["data"]

    def value(self, query: str) -> float | None:
        """The single value of an instant query, or None when it has no result yet."""
        result = self.api("query", query=query)["result"]
        assert len(result) <= 1, result
        return float(result[0]["value"][1]) if result else None

    def at_least(self, query: str, n: float) -> bool:
        v = self.value(query)
        return v is not None and v >= n

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


def test_prometheus_scrapes_the_worker_and_sees_counters_move(tmp_path):
    feeds = FeedServer().start()
    receiver = WebhookReceiver().start()
    url = feeds.set("/wire.xml", rss([EVENTS[0], HARMLESS]))
    service = Service(tmp_path, "--feed", url, "--webhook", receiver.url)
    prom = Prometheus(tmp_path, f"127.0.0.1:{service.web_port}")
    job = '{job="watchfloor"}'
    published, processed = f"watchfloor_articles_published_total{job}", f"watchfloor_articles_processed_total{job}"
    raised = f"sum(watchfloor_alerts_raised_total{job})"
    try:
        service.start()
        prom.start()  # while the worker starts: it scrapes a target that is down until then
        service.wait_ready(120)
        wait_for_sync(lambda: prom.value(f"up{job}") == 1, 60, interval=0.5, what="up{job=watchfloor} == 1")
        target = prom.api("targets")["activeTargets"]
        assert [t["health"] for t in target if t["labels"]["job"] == "watchfloor"] == ["up"], target

        wait_for_sync(lambda: prom.at_least(published, 2), 90, interval=0.5, what="2 published, per Prometheus")
        wait_for_sync(lambda: prom.at_least(processed, 2), 90, interval=0.5, what="2 processed, per Prometheus")
        wait_for_sync(lambda: prom.at_least(raised, 1), 90, interval=0.5, what="1 alert raised, per Prometheus")
        assert prom.value('watchfloor_alerts_raised_total{job="watchfloor",topic="missile_launch"}') == 1

        # new articles on the feed: the counters Prometheus holds follow
        feeds.set("/wire.xml", rss([EVENTS[1], ("Tram line reopens", "The tram line reopened after repairs."),
                                    EVENTS[0], HARMLESS]))
        wait_for_sync(lambda: prom.at_least(published, 4), 90, interval=0.5, what="4 published, per Prometheus")
        wait_for_sync(lambda: prom.at_least(processed, 4), 90, interval=0.5, what="4 processed, per Prometheus")
        wait_for_sync(lambda: prom.at_least(raised, 2), 90, interval=0.5, what="2 alerts raised, per Prometheus")
        assert prom.value('watchfloor_alerts_raised_total{job="watchfloor",topic="satellite_launch"}') == 1
        assert prom.value(published) == 4, "an already-published entry was published again"

        # the deploy rule files loaded, and were evaluated against this worker's series
        groups = prom.api("rules")["groups"]
        assert groups and all(r.get("health") != "err" for g in groups for r in g["rules"]), groups
    finally:
        prom.stop()
        service.stop()
        receiver.stop()
        feeds.stop()
