"""Scaling out on real Kafka: two `watchfloor run` workers, one consumer group, 16 feeds.

Each worker sends its own User-Agent, so the feed server's request log says which worker
polled which feed. Shown here, in order (the module shares one cluster; the last test kills
a worker):

1. once the group has settled, the two workers own disjoint halves of the feed registry and
   every feed is polled by its owner only;
2. a feed added through one worker's HTTP API is polled by whichever worker owns it;
3. after SIGKILL of one worker, the survivor takes over and polls every feed.
"""

from __future__ import annotations

import json
import signal
import time
import urllib.request
import uuid
from typing import Any

import pytest

from streams.kafka.ownership import partition_for
from tests.support import FeedServer, Service, wait_for_sync

pytestmark = pytest.mark.kafka

N = 16
PARTITIONS = 8
SETTLE = 120  # seconds: group join, rebalance, table recovery on a busy 2-core machine


def rss(title: str) -> bytes:
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>{title}</title><item><title>{title} one</title>"
            f"<guid isPermaLink='false'>{title}-1</guid></item></channel></rss>").encode()


def path(i: int) -> str:
    return f"/feed/{i}.xml"


@pytest.fixture(scope="module")
def feeds():
    server = FeedServer().start()
    for i in range(N):
        server.set(path(i), rss(f"feed{i}"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, kafka_broker, feeds):
    app_id = f"wf-scale-{uuid.uuid4().hex[:8]}"
    args = ["--broker", kafka_broker.url, *[a for i in range(N) for a in ("--feed", feeds.url(path(i)))]]
    workers = {}
    for name in ("a", "b"):
        env = {"WATCHFLOOR_TOPIC_PARTITIONS": str(PARTITIONS), "WATCHFLOOR_USER_AGENT": f"watchfloor-test-worker-{name}"}
        workers[name] = Service(tmp_path_factory.mktemp(f"worker-{name}"), *args, env=env, app_id=app_id)
    try:
        for worker in workers.values():
            worker.start()
        for worker in workers.values():
            worker.wait_ready(SETTLE)
        yield workers
    finally:
        for worker in workers.values():
            worker.stop()


def ua(name: str) -> str:
    return f"watchfloor-test-worker-{name}"


def health(worker: Service) -> dict[str, Any] | None:
    try:
        return worker.get("/health")
    except Exception:
        return None


def settled(workers: dict[str, Service]) -> dict[str, set[int]] | None:
    """Each worker's feed partitions once the group is stable: disjoint, all covered, none idle."""
    parts = {}
    for name, worker in workers.items():
        h = health(worker)
        if not h or h["status"] != "ok" or h["rebalancing"]:
            return None
        parts[name] = set(h["feed_partitions"])
    values = list(parts.values())
    if any(not v for v in values) or set().union(*values) != set(range(PARTITIONS)):
        return None
    if sum(len(v) for v in values) != PARTITIONS:
        return None
    return parts


def owner_of(url: str, parts: dict[str, set[int]]) -> str:
    [name] = [n for n, p in parts.items() if partition_for(url, PARTITIONS) in p]
    return name


def pollers_since(feeds: FeedServer, p: str, since: float) -> list[str]:
    return [r["headers"].get("User-Agent", "") for r in feeds.hits(p) if r["time"] >= since]


def test_each_feed_is_polled_by_exactly_one_worker(cluster, feeds):
    parts = wait_for_sync(lambda: settled(cluster), SETTLE, interval=0.5, what="two workers sharing 8 partitions")
    urls = {feeds.url(path(i)) for i in range(N)}
    wait_for_sync(lambda: set().union(*[{f["url"] for f in w.get("/feeds")["feeds"]} for w in cluster.values()]) >= urls,
                  60, what="all feeds registered")
    owned = {name: {f["url"] for f in w.get("/feeds")["feeds"]} for name, w in cluster.items()}
    assert owned["a"] | owned["b"] == urls
    assert not owned["a"] & owned["b"]
    assert owned["a"] and owned["b"], "one worker took every feed"
    for name, urls_of in owned.items():
        assert all(owner_of(u, parts) == name for u in urls_of)

    since = time.time() + 1.0  # polls already in flight when the group settled may still land
    wait_for_sync(lambda: all(len(pollers_since(feeds, path(i), since)) >= 3 for i in range(N)), 90,
                  what="three polls of every feed after the group settled")
    assert settled(cluster) == parts, "a rebalance happened during the observation"
    for i in range(N):
        expected = ua(owner_of(feeds.url(path(i)), parts))
        assert set(pollers_since(feeds, path(i), since)) == {expected}, (path(i), pollers_since(feeds, path(i), since))


def post_feed(worker: Service, url: str) -> dict[str, Any]:
    req = urllib.request.Request(worker.api + "/feeds", data=json.dumps({"url": url}).encode(), method="POST",
                                 headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read())


def test_feed_added_on_one_worker_is_polled_by_its_owner(cluster, feeds):
    parts = wait_for_sync(lambda: settled(cluster), SETTLE, interval=0.5, what="a settled group")
    # one new feed in each worker's partitions, both added through worker a
    chosen: dict[str, str] = {}
    i = 0
    while len(chosen) < 2:
        url = feeds.url(f"/added/{i}.xml")
        chosen.setdefault(owner_of(url, parts), url)
        i += 1
    for owner, url in chosen.items():
        feeds.set(url.split(str(feeds.port), 1)[1], rss(f"added-{owner}"))
        assert post_feed(cluster["a"], url) == {"added": url}
    for owner, url in chosen.items():
        p = url.split(str(feeds.port), 1)[1]
        wait_for_sync(lambda: len(feeds.hits(p)) >= 2, 60, what=f"{url} polled twice")
        assert {r["headers"].get("User-Agent") for r in feeds.hits(p)} == {ua(owner)}
        assert url in {f["url"] for f in cluster[owner].get("/feeds")["feeds"]}
    assert settled(cluster) == parts, "a rebalance happened during the observation"


def test_survivor_polls_every_feed_after_the_other_is_killed(cluster, feeds):
    parts = wait_for_sync(lambda: settled(cluster), SETTLE, interval=0.5, what="a settled group")
    victim, survivor = "b", "a"
    assert parts[victim], "nothing to take over"
    killed_at = time.time()
    cluster[victim].stop(signal.SIGKILL)
    urls = [path(i) for i in range(N)]
    wait_for_sync(lambda: all(ua(survivor) in pollers_since(feeds, p, killed_at) for p in urls), SETTLE,
                  interval=0.5, what="the survivor polling every feed")
    took = time.time() - killed_at
    h = cluster[survivor].get("/health")
    assert set(h["feed_partitions"]) == set(range(PARTITIONS))
    assert {f["url"] for f in cluster[survivor].get("/feeds")["feeds"]} >= {feeds.url(p) for p in urls}
    # the survivor's polls went on from the recovered state: conditional requests, no first-poll refetch
    later = [r for p in urls for r in feeds.hits(p) if r["time"] >= killed_at]
    assert all(r["headers"].get("If-None-Match") for r in later), "state was lost with the worker"
    print(f"\nsurvivor polled all {N} feeds {took:.0f}s after SIGKILL")
