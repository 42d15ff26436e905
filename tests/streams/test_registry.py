"""The feed registry's commands (streams/registry.py), and a configuration that drops a feed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from streams.registry import add_command, apply_command, dropped_from_config, remove_command
from tests.support import FeedServer, Service, wait_for_sync

REPO = Path(__file__).resolve().parents[2]
NOW = 1_800_000_000.0


def test_an_add_records_where_the_feed_comes_from_and_the_last_add_wins():
    url = "https://example.org/feed.xml"
    state = apply_command(None, add_command(url, configured=True), NOW)
    assert state["configured"] is True and state["url"] == url
    state["etag"] = '"v1"'  # history a re-add must keep
    taken_over = apply_command(state, add_command(url, name="Mine"), NOW + 1)
    assert taken_over["configured"] is False and taken_over["etag"] == '"v1"' and taken_over["name"] == "Mine"
    assert apply_command(taken_over, remove_command(url), NOW + 2) is None


def test_only_configured_feeds_missing_from_the_configuration_are_dropped():
    states = [("a", {"configured": True}), ("b", {"configured": True}), ("c", {"configured": False}),
              ("d", {}), ("e", None)]
    assert dropped_from_config(states, {"a"}) == ["b"]
    assert dropped_from_config(states, {"a", "b"}) == []


def rss(title: str) -> bytes:
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>{title}</title><item><title>{title} 1</title>"
            f"<guid isPermaLink='false'>{title}-1</guid></item></channel></rss>").encode()


@pytest.mark.kafka
def test_a_feed_dropped_from_the_configuration_leaves_the_registry_on_restart(tmp_path, kafka_broker):
    server = FeedServer().start()
    for name in ("kept", "dropped", "operator"):
        server.set(f"/{name}.xml", rss(name))
    kept, dropped, operator = (server.url(f"/{n}.xml") for n in ("kept", "dropped", "operator"))
    service = Service(tmp_path, "--broker", kafka_broker.url, "--feed", kept, "--feed", dropped)

    def listed() -> set[str]:
        return {f["url"] for f in service.get("/feeds")["feeds"]}

    try:
        service.start().wait_ready(120)
        base = {k: v for k, v in os.environ.items() if not k.startswith("WATCHFLOOR_")}
        added = subprocess.run([sys.executable, "-m", "streams.cli", "feeds", "add", operator, "--api", service.api],
                               capture_output=True, text=True, timeout=120, env=base, cwd=REPO)
        assert added.returncode == 0, added.stderr
        wait_for_sync(lambda: listed() == {kept, dropped, operator}, 90, what="three feeds registered")
        wait_for_sync(lambda: server.hits("/dropped.xml"), 90, what="the dropped feed polled once")
        service.stop()

        service.args = ["--broker", kafka_broker.url, "--feed", kept]  # the configuration loses one feed
        service.start().wait_ready(120)
        wait_for_sync(lambda: listed() == {kept, operator}, 90,
                      what="the feed dropped from the configuration gone, the operator's feed kept")
        assert "no longer in the configuration: removing it" in service.log()
        polls = len(server.hits("/dropped.xml"))
        seen = len(server.hits("/kept.xml"))
        wait_for_sync(lambda: len(server.hits("/kept.xml")) >= seen + 2, 90, what="two more polls of the kept feed")
        assert len(server.hits("/dropped.xml")) == polls, "the dropped feed is still polled"
    finally:
        service.stop()
        server.stop()
