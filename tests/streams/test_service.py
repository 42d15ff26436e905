"""`watchfloor run` talks: one line when ready (where to look, what is configured, what is
missing), Faust's start-up tables only at DEBUG, a feed that fails at WARNING, one -INT-."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess

import pytest

from streams.core.logs import logging_config
from streams.core.settings import Settings
from streams.service import ready_line
from tests.support import FeedServer, Service, wait_for_sync


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
