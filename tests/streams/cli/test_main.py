"""The command line as an operator types it (subprocesses, real files, a real local server)."""

import json
import subprocess
import sys

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
    assert kp["mentions"] == len(kp["spans"]) >= 1 and kp["texts"]
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


def test_analyze_survives_a_400_digit_retry_after(server):
    url = server.set("/busy.xml", status=503, headers={"Retry-After": "9" * 400})
    out = cli("analyze", "--allow-private-networks", url, str(FEEDS / "quiet_atom.xml"))
    assert "Traceback" not in out.stderr and "OverflowError" not in out.stderr, out.stderr
    assert "HTTP 503" in out.stderr
    assert len(out.stdout.splitlines()) == 2  # the other source is still read


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


def test_analyze_counts_each_entity_once_and_dates_in_iso():
    out = cli("analyze", "--output", "json", str(FEEDS / "launch_rss.xml"))
    row = json.loads(out.stdout.splitlines()[0])
    ids = [e["id"] for e in row["entities"]]
    assert len(ids) == len(set(ids)), "an entity is listed once per article"
    assert {e["id"]: e["mentions"] for e in row["entities"]}["country:KP"] >= 2
    assert row["published"] == "2026-11-26T09:15:00Z"


def test_analyze_table_for_people():
    out = cli("analyze", "-o", "table", str(FEEDS / "launch_rss.xml"))
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "  2026-11-26T09:15:00Z  https://news.example.org/" in text
    assert "entities: Pyongyang (city:" in text and "North Korea (country:KP) x2" in text  # a capital is a city
    assert "ALERT satellite_launch (high) [launch_failure] by North Korea, failure: " in text and "  no alert" in text
    assert "{" not in text


@pytest.mark.parametrize("text, message", [
    ("pol_interval: 5m\n", "c.yml:1: unknown setting pol_interval (did you mean poll_interval?)"),
    ("feeds:\n  - https://a.example/one.xml\n    - https://b.example/two.xml\n", "c.yml:2: feeds[0].url"),
    ("webhooks: [a\n", "c.yml:2:1: not valid YAML"),
])
def test_config_errors_are_one_line_each(tmp_path, text, message):
    cfg = tmp_path / "c.yml"
    cfg.write_text(text)
    out = cli("config", "--config", str(cfg))
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in out.stderr, out.stderr
    assert "errors.pydantic.dev" not in out.stderr


def test_poll_interval_in_minutes_is_accepted(tmp_path):
    out = cli("config", env={"WATCHFLOOR_POLL_INTERVAL": "5m"})
    assert out.returncode == 0 and json.loads(out.stdout)["poll_interval"] == 300
