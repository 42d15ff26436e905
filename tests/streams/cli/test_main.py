"""The command line as an operator types it (subprocesses, real files, a real local server)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, FeedServer

FEEDS = ROOT / "tests" / "fixtures" / "feeds"


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "streams.cli", *args], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={**os.environ, **(env or {})})


@pytest.fixture
def server():
    srv = FeedServer().start()
    yield srv
    srv.stop()


def test_analyze_prints_json_lines_with_entities_and_alerts():
    out = cli("analyze", str(FEEDS / "launch_rss.xml"), str(FEEDS / "quiet_atom.xml"))
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == 4
    launch = rows[0]
    assert {"id", "title", "link", "entities", "alerts"} <= set(launch)
    assert [a["topic"] for a in launch["alerts"]] == ["satellite_launch"]
    assert launch["alerts"][0]["evidence"] and launch["alerts"][0]["severity"]
    assert {"country:KP", "country:JP", "country:KR", "vehicle:chollima-1"} <= {e["id"] for e in launch["entities"]}
    assert all(r["alerts"] == [] for r in rows[1:]), "harmless items alerted"
    # issue 11: one entry per canonical id with its mentions, and the event on the alert
    ids = [e["id"] for e in launch["entities"] if e["id"]]
    assert len(ids) == len(set(ids))
    kp = next(e for e in launch["entities"] if e["id"] == "country:KP")
    assert kp["count"] == len(kp["spans"]) >= 1 and kp["texts"]
    event = launch["alerts"][0]["event"]
    assert event["type"] == "satellite_launch" and event["actor"]["id"] == "country:KP"
    assert event["outcome"] in ("success", "failure", "intercepted", "unknown")


def test_analyze_fetches_urls_under_the_private_network_rule(server):
    url = server.set("/feed.xml", body=(FEEDS / "launch_rss.xml").read_bytes())
    refused = cli("analyze", url)
    assert refused.returncode == 1 and "--allow-private-networks" in refused.stderr
    assert server.hits("/feed.xml") == []
    allowed = cli("analyze", "--allow-private-networks", url)
    assert allowed.returncode == 0, allowed.stderr
    assert len(allowed.stdout.splitlines()) == 2


def test_analyze_reports_a_missing_source_and_goes_on():
    out = cli("analyze", "/nonexistent/feed.xml", str(FEEDS / "quiet_atom.xml"))
    assert out.returncode == 1 and "/nonexistent/feed.xml" in out.stderr
    assert len(out.stdout.splitlines()) == 2


def test_config_masks_secrets_and_reads_the_environment(tmp_path):
    cfg = tmp_path / "c.yml"
    cfg.write_text("feeds: [https://example.org/rss]\nslack_webhook: https://hooks.slack.com/services/T/B/SECRET\n")
    out = cli("config", "--config", str(cfg), env={"WATCHFLOOR_WEB_PORT": "7001"})
    assert out.returncode == 0, out.stderr
    shown = json.loads(out.stdout)
    assert shown["slack_webhook"] == "<redacted>" and "SECRET" not in out.stdout
    assert shown["web_port"] == 7001 and shown["feeds"][0]["url"] == "https://example.org/rss"


def test_bad_settings_are_a_clear_usage_error(tmp_path):
    cfg = tmp_path / "c.yml"
    cfg.write_text("feeds: [ftp://example.org/rss]\n")
    out = cli("config", "--config", str(cfg))
    assert out.returncode == 2 and "http://" in out.stderr


def test_run_refuses_a_private_webhook_naming_the_flag(tmp_path):
    out = cli("run", "--webhook", "http://127.0.0.1:9/hook", "--data-dir", str(tmp_path))
    assert out.returncode == 2 and "--allow-private-networks" in out.stderr


def test_rules_test_prints_precision_and_recall(tmp_path):
    out = cli("rules", "test", str(ROOT / "agents" / "data" / "rules"), str(ROOT / "tests" / "agents" / "enrich" / "eval" / "cases.yaml"))
    assert out.returncode == 0, out.stdout + out.stderr
    for topic in ("missile_launch", "satellite_launch", "nuclear_test"):
        assert topic in out.stdout
    assert "precision" in out.stdout.lower() and "recall" in out.stdout.lower()
    # a pack that cannot fire misses the targets: exit code 1
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "none.yaml").write_text("topics: []\n")
    missed = cli("rules", "test", str(empty), str(ROOT / "tests" / "agents" / "enrich" / "eval" / "cases.yaml"))
    assert missed.returncode == 1, missed.stdout
