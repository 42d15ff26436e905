"""The poller against a real local HTTP server, with a dict for state and a list as the sink."""

import time
from email.utils import format_datetime
from datetime import datetime, timezone

import pytest

from streams.ingest import schedule
from streams.ingest.fetch import Fetcher, FetchLimits
from streams.core.metrics import Metrics
from streams.ingest.poller import Poller
from tests.support import FIXTURES, FeedServer

FIXTURES = FIXTURES / "feeds"
POLICY = schedule.Policy(base_interval=60, min_interval=1, max_interval=600, jitter=0.0, failing_after=2)


def rss(*items: tuple[str, str, float]) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><guid>{g}</guid><pubDate>{format_datetime(datetime.fromtimestamp(p, timezone.utc), usegmt=True)}</pubDate></item>"
        for g, t, p in items
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>{body}</channel></rss>".encode()


@pytest.fixture
def server():
    srv = FeedServer().start()
    yield srv
    srv.stop()


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def rig(server):
    published = []
    states = {}
    metrics = Metrics()
    clock = Clock()

    async def publish(article):
        published.append(article)

    async with Fetcher(FetchLimits(allow_private_networks=True, read_timeout=2, total_timeout=5)) as fetcher:
        poller = Poller(fetcher=fetcher, publish=publish, states=states, policy=POLICY, metrics=metrics,
                        backfill_window=3600, clock=clock)

        def add(path, **route):
            url = server.set(path, **route)
            states[url] = schedule.new_state(url, now=clock.now)
            return url

        yield poller, states, published, metrics, clock, add


async def test_new_entries_published_once_then_304_costs_nothing(rig, server):
    poller, states, published, metrics, clock, add = rig
    now = clock.now
    url = add("/feed", body=rss(("a", "Alpha", now - 60), ("b", "Beta", now - 120)))
    await poller.poll(url)
    assert [a.title for a in published] == ["Alpha", "Beta"]
    assert not any(a.backfill for a in published)
    await poller.poll(url)
    assert len(published) == 2
    assert server.hits("/feed")[-1]["headers"].get("If-None-Match")
    assert states[url]["last_status"] == 304
    assert metrics.registry.get_sample_value("watchfloor_feed_not_modified_total") == 1
    # a new entry: only it is published
    server.set("/feed", body=rss(("c", "Gamma", now), ("a", "Alpha", now - 60), ("b", "Beta", now - 120)))
    await poller.poll(url)
    assert [a.title for a in published] == ["Alpha", "Beta", "Gamma"]
    assert states[url]["entries_seen"] == 3


async def test_first_poll_marks_old_entries_as_backfill(rig):
    poller, states, published, _m, clock, add = rig
    url = add("/old", body=rss(("new", "Fresh", clock.now - 10), ("old", "Stale", clock.now - 7200)))
    await poller.poll(url)
    assert {a.title: a.backfill for a in published} == {"Fresh": False, "Stale": True}


async def test_retry_after_means_no_request_before_it_expires(rig, server):
    poller, states, _p, metrics, clock, add = rig
    url = add("/busy", status=429, headers={"Retry-After": "120"})
    poller.start_due()
    await poller.wait_idle()
    assert len(server.hits("/busy")) == 1
    assert states[url]["retry_after_until"] == pytest.approx(clock.now + 120, abs=1)
    clock.now += 119  # backoff (60 s) has passed but Retry-After has not
    assert poller.start_due() == 0
    clock.now += 2
    assert poller.start_due() == 1
    await poller.wait_idle()
    assert len(server.hits("/busy")) == 2
    assert metrics.registry.get_sample_value("watchfloor_feed_fetch_errors_total", {"kind": "http_4xx"}) == 2


@pytest.mark.parametrize("value", ["9" * 400, "99999999999999999999"])
async def test_an_absurd_retry_after_is_capped_and_the_feed_still_becomes_failing(rig, server, value):
    poller, states, _p, _m, clock, add = rig
    url = add("/absurd", status=503, headers={"Retry-After": value})
    for n in range(1, 6):
        assert poller.start_due() == 1, f"poll {n}: the feed stopped for good"
        await poller.wait_idle()
        assert states[url]["retry_after_until"] <= clock.now + 86400 + 1
        clock.now += 86401
    assert len(server.hits("/absurd")) == 5
    assert states[url]["state"] == "failing"


async def test_gone_stops_polling_and_failures_mark_failing(rig, server):
    poller, states, _p, _m, clock, add = rig
    gone = add("/gone", status=410)
    broken = add("/broken", status=500)
    for _ in range(3):
        poller.start_due()
        await poller.wait_idle()
        clock.now += 10_000
    assert states[gone]["state"] == schedule.GONE and len(server.hits("/gone")) == 1
    assert states[broken]["state"] == schedule.FAILING and states[broken]["consecutive_failures"] == 3
    assert "500" in states[broken]["last_error"]


async def test_garbage_feed_is_one_feeds_error(rig, server):
    poller, states, published, metrics, _c, add = rig
    bad = add("/bad", body=b"\x00\x01 this is not xml")
    good = add("/good", body=(FIXTURES / "launch_rss.xml").read_bytes())
    poller.start_due()
    await poller.wait_idle()
    assert states[bad]["last_error"].startswith("parse")
    assert states[good]["state"] == schedule.OK and len(published) == 2
    assert metrics.registry.get_sample_value("watchfloor_feed_fetch_errors_total", {"kind": "parse"}) == 1


async def test_publish_failure_keeps_unpublished_entries_unseen(rig):
    poller, states, published, _m, clock, add = rig
    url = add("/feed", body=rss(("a", "A", clock.now), ("b", "B", clock.now), ("c", "C", clock.now)))
    calls = {"n": 0}
    original = poller.publish

    async def flaky(article):
        calls["n"] += 1
        if calls["n"] == 2:
            raise TimeoutError("broker did not ack")
        await original(article)

    poller.publish = flaky
    await poller.poll(url)
    assert [a.title for a in published] == ["A"]
    assert states[url]["last_error"].startswith("publish")
    await poller.poll(url)  # the 304 shortcut must not hide the unpublished entries
    assert sorted(a.title for a in published) == ["A", "B", "C"]


async def test_moved_feed_is_fetched_at_its_new_address(rig, server):
    poller, states, published, _m, clock, add = rig
    new = server.set("/new", body=rss(("a", "A", clock.now)))
    url = add("/old-address", status=301, headers={"Location": new})
    await poller.poll(url)
    assert states[url]["fetch_url"] == new and len(published) == 1
    await poller.poll(url)
    assert len(server.hits("/old-address")) == 1 and len(server.hits("/new")) == 2
