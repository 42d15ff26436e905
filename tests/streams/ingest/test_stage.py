"""The feed registry's commands (streams/ingest/stage.py), and a configuration that drops a feed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from streams.ingest.feeds import add_command, apply_command, dropped_from_config, remove_command
from tests.support import ROOT, FeedServer, Service, wait_for_sync
from streams.core.metrics import Metrics
from streams.core.settings import Settings
from streams.ingest.stage import FeedRegistry

REPO = ROOT
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


# --- the registry object, driven in-process (table as a dict, feeds topic as a list) --------


def make_registry(configured: list[str], owns=lambda url: True) -> tuple[FeedRegistry, list]:
    sent: list = []

    async def send(cmd):
        sent.append(cmd)

    settings = Settings(feeds=configured)
    return FeedRegistry(table={}, send=send, owns=owns, metrics=Metrics(), settings=settings), sent


async def test_seed_restores_then_upserts_the_configured_feeds():
    registry, sent = make_registry(["https://a.example/rss"])
    await registry.seed([{"url": "https://old.example/rss", "state": "ok"}])
    assert [(c["op"], c["url"]) for c in sent] == [("restore", "https://old.example/rss"),
                                                   ("add", "https://a.example/rss")]
    assert sent[1]["configured"] is True


def test_commands_change_the_table_and_a_bad_one_is_skipped():
    registry, _ = make_registry([])
    registry.apply("https://a.example/rss", add_command("https://a.example/rss", name="A"), 1000.0)
    registry.apply("https://a.example/rss", {"op": "explode", "url": "https://a.example/rss"}, 1001.0)
    assert registry.table["https://a.example/rss"]["name"] == "A"
    assert [f["url"] for f in registry.owned_views()] == ["https://a.example/rss"]
    registry.apply("https://a.example/rss", remove_command("https://a.example/rss"), 1002.0)
    assert registry.table == {}


async def test_only_owned_feeds_dropped_from_the_configuration_are_removed():
    registry, sent = make_registry(["https://kept.example/rss"], owns=lambda url: "theirs" not in url)
    for url, configured in (("https://kept.example/rss", True), ("https://dropped.example/rss", True),
                            ("https://added.example/rss", False), ("https://theirs.example/rss", True)):
        registry.apply(url, add_command(url, configured=configured), 1000.0)
    await registry.forget_dropped()
    assert sent == [remove_command("https://dropped.example/rss")]
    assert [f["url"] for f in registry.owned_views()] == [
        "https://added.example/rss", "https://dropped.example/rss", "https://kept.example/rss"]
