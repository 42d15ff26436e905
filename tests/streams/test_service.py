"""`watchfloor run` as an operator meets it (streams/service.py): what it checks before it starts
anything, each bad setting refused with one line that names it, and how it talks once up:
one line when ready, Faust's start-up tables only at DEBUG, a feed that fails at WARNING, one -INT-."""

from __future__ import annotations

import logging
import re
import shutil
import signal
import socket
import subprocess
import sys

import pytest

from streams.core.errors import BlockedAddressError, ConfigError
from streams.core.logs import logging_config
from streams.core.settings import Settings
from streams.service import (
    check_data_dir,
    check_destinations,
    check_web_port,
    ready_line,
)
from tests.support import ROOT, FeedServer, Service, wait_for_sync


def test_ready_line_names_what_is_there_and_what_is_missing():
    bare = ready_line(Settings(web_port=6066), broker_url="kafka://127.0.0.1:5555", embedded=True, destinations=[])
    assert bare.startswith("ready: page http://127.0.0.1:6066/ (and /metrics, /health); ")
    assert "feeds: none configured (add --feed URL" in bare
    assert "destinations: none (alerts show only on the page; add --webhook" in bare
    assert "broker: embedded 127.0.0.1:5555 (in memory, for trials)" in bare
    full = ready_line(Settings(web_host="0.0.0.0", feeds=["https://a.example/rss", "https://b.example/rss"]),
                      broker_url="kafka://kafka:9092", embedded=False, destinations=["webhook", "webhook", "slack"])
    assert "page http://127.0.0.1:6066/" in full and "feeds: 2 configured" in full
    assert "destinations: 1 slack, 2 webhook" in full and full.endswith("broker: kafka:9092")


@pytest.mark.parametrize("level, quiet", [("INFO", True), ("WARNING", True), ("DEBUG", False)])
def test_faust_chatter_only_at_debug(level, quiet):
    loggers = logging_config(level)["loggers"]
    assert (loggers.get("faust", {}).get("level") == "WARNING") is quiet
    assert (loggers.get("mode", {}).get("level") == "WARNING") is quiet


@pytest.mark.embedded
def test_run_says_ready_in_one_line_warns_of_a_failing_feed_and_says_int_once(tmp_path):
    feeds = FeedServer().start()
    good = feeds.set("/good.xml", b"<?xml version='1.0'?><rss version='2.0'><channel><title>g</title></channel></rss>")
    missing = feeds.url("/missing.xml")
    svc = Service(tmp_path, "--feed", good, "--feed", missing)
    try:
        svc.start().wait_ready(120)
        wait_for_sync(lambda: "ready: page" in svc.log(), 30, what="the ready line")
        wait_for_sync(lambda: re.search(r"WARNING\s+streams.ingest.poller: feed .*/missing.xml: .*HTTP 404", svc.log()),
                      30, what="the failing feed at WARNING")
        # the live /metrics, Faust's sensors and all, is clean under promtool, without _created
        exposition = svc.get("/metrics")
        assert "watchfloor_faust_" in exposition and "_created" not in exposition
        if shutil.which("promtool"):
            lint = subprocess.run(["promtool", "check", "metrics"], input=exposition.encode(), capture_output=True,
                                  timeout=60)
            assert lint.returncode == 0 and not (lint.stdout + lint.stderr).strip(), lint.stdout + lint.stderr
        # Ctrl-C in a terminal: SIGINT to the whole process group
        assert svc.stop(signal.SIGINT) == 0
    finally:
        svc.stop()
        feeds.stop()
    log = svc.log()
    ready = [line for line in log.splitlines() if "ready: page" in line]
    assert len(ready) == 1, log
    assert f"page http://127.0.0.1:{svc.web_port}/" in ready[0] and "feeds: 2 configured" in ready[0]
    assert "destinations: none" in ready[0] and "broker: embedded" in ready[0]
    before = log.split("ready: page")[0].splitlines()
    assert len(before) < 25, "\n".join(before)
    assert not any(line.startswith(("+--", "|", "┌")) for line in log.splitlines()), "Faust's tables at INFO"
    assert log.count("-INT-") == 1, log


def run(*args: str, timeout: float = 90) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "streams.cli", "run", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


# ---------------------------------------------------------------- destinations


@pytest.mark.parametrize("entry", ["ops=https://8.8.8.8/hook", "ops-2.eu=http://8.8.4.4:8080/x?token=abc"])
def test_named_webhooks_are_accepted_at_start(entry):
    check_destinations(Settings(webhooks=[entry]))


def test_a_named_private_webhook_is_refused_naming_the_flag():
    with pytest.raises(BlockedAddressError, match="--allow-private-networks"):
        check_destinations(Settings(webhooks=["ops=http://127.0.0.1:9/hook"]))


@pytest.mark.parametrize("trusted", [["127.0.0.0/8"], ["localhost"]])
def test_trusted_destinations_let_configured_private_destinations_start(trusted):
    host = "localhost" if trusted == ["localhost"] else "127.0.0.1"
    check_destinations(Settings(webhooks=[f"ops=http://{host}:9/hook"], alertmanager_url=f"http://{host}:9093",
                                trusted_destinations=trusted))


def test_trusted_destinations_do_not_open_feeds():
    with pytest.raises(BlockedAddressError):
        check_destinations(Settings(feeds=["http://127.0.0.1:9/feed.xml"], trusted_destinations=["127.0.0.0/8"]))


def test_a_destination_whose_dns_fails_is_checked_on_use(caplog):
    caplog.set_level(logging.WARNING)
    check_destinations(Settings(webhooks=["ops=https://does-not-exist.invalid/hook"]))
    assert "checked on use" in caplog.text and "webhook:ops" in caplog.text


# ---------------------------------------------------------------- settings


@pytest.mark.parametrize("name, value, says", [
    ("webhook_secret", "whsec_*not*base64*", "webhook_secret"),
    ("webhook_secret", "whsec_", "webhook_secret"),
    ("retry_schedule", "", "retry_schedule is empty"),
    ("retry_schedule", "0,5,-1", "retry_schedule entries"),
    ("broker", "kafka://", "kafka://host:port"),
    ("broker", "notaurl:::", "kafka://host:port"),
    ("broker", "kafka://host:99999", "kafka://host:port"),
    ("trusted_destinations", "alert manager", "neither a host name nor an IP network"),
])
def test_bad_settings_are_refused_naming_the_setting(name, value, says):
    with pytest.raises(ValueError) as err:
        Settings(**{name: value})
    assert name in str(err.value) and says in str(err.value)


def test_good_delivery_settings_pass():
    s = Settings(broker="kafka://a:9092,b:9093", retry_schedule="0,5,300", webhook_secret="whsec_" + "QUJD" * 8,
                 trusted_destinations="alertmanager, 172.18.0.0/16")
    assert s.retry_schedule == [0, 5, 300] and s.trusted_destinations == ["alertmanager", "172.18.0.0/16"]


def test_an_unwritable_data_dir_is_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(ConfigError, match="data_dir .*not writable"):
        check_data_dir(Settings(data_dir=blocker / "sub"))


def test_a_busy_web_port_is_one_line():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ConfigError, match=f"web_port {port} .*in use"):
            check_web_port(Settings(web_port=port))


# ---------------------------------------------------------------- as an operator sees it


def test_run_with_a_busy_port_or_bad_data_dir_says_one_line_and_no_traceback(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    out = run("--data-dir", str(blocker / "sub"), "--web-port", "0")
    assert out.returncode != 0 and "data_dir" in out.stderr and "Traceback" not in out.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        out = run("--data-dir", str(tmp_path / "d"), "--web-port", str(taken.getsockname()[1]))
    assert out.returncode != 0 and "web_port" in out.stderr and "Traceback" not in out.stderr
    assert len([line for line in out.stderr.splitlines() if "web_port" in line]) == 1


def test_run_against_an_unreachable_broker_says_one_line(tmp_path):
    out = run("--broker", "kafka://127.0.0.1:1", "--data-dir", str(tmp_path / "d"), "--web-port", "0")
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr
    assert "watchfloor: broker 127.0.0.1:1: cannot connect" in out.stderr


def test_a_destination_that_cannot_be_checked_at_start_is_logged_without_its_secret(caplog):
    secret_path = "/services/T000/B000/XXXXSECRET"
    settings = Settings(slack_webhook=f"https://hooks.slack.invalid{secret_path}",
                        webhooks=["ops=https://hooks.ops.invalid/hook?token=SECRET2"])
    with caplog.at_level(logging.WARNING):
        check_destinations(settings)  # DNS fails for both: checked on use instead
    text = caplog.text
    assert "could not check" in text and "hooks.slack.invalid" in text
    assert "XXXXSECRET" not in text and "SECRET2" not in text and "/services/" not in text
