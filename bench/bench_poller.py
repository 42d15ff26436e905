"""What polling 2,000 feeds every 60 s costs the poller: CPU share of one core and resident memory.

Run from the repository root:

    python bench/bench_poller.py                          # 2,000 feeds, 90 s warm-up, 180 s measured
    python bench/bench_poller.py --feeds 500 --warmup 30 --duration 60   # a quick look

What runs: the real ``streams.ingest.poller.Poller`` with the real ``streams.ingest.fetch.Fetcher``
(production limits: per-host concurrency 2, 10 MB cap, 50 fetches at once), a dict as the
state table and a sink that counts articles (the service would hand them to Kafka). Not the
whole service: no Faust, no broker, no enrichment, so the figure is the poller's own cost.

The feeds are served by an aiohttp server in a SEPARATE process (its CPU is not counted),
spread over 20 loopback addresses (127.0.0.1-20) as real feeds are spread over many hosts.
Each feed has 20 items (about 15 KB, gzip when asked); it honours If-None-Match and
If-Modified-Since, so most polls are 304. Every 60 s about 5% of the feeds, chosen at random,
get a new item. The policy polls every feed every 60 s (min = max = 60 s, jitter 10%): the
worst case, since the adaptive policy would stretch the interval of quiet feeds.

Measured after the warm-up (the first burst, when every feed is new and fetched in full):
CPU share = (user + system CPU time of this process) / wall time, and peak resident memory
(VmHWM, whole run). Targets: under 20% of one core, under 300 MB. Exit code 1 when over.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import random
import resource
import shlex
import subprocess
import sys
import time
from email.utils import formatdate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOSTS = [f"127.0.0.{i}" for i in range(1, 21)]
CPU_TARGET = 0.20
RSS_TARGET = 300 * 1024 * 1024
WORDS = ("launch satellite ministry officials said on Thursday the report analysts markets region cooperation "
         "defence agreed statement coast guard weather harbour election council budget").split()


# --- the feed server (its own process) --------------------------------------------------


def item(feed: int, n: int, rng: random.Random) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(90))
    when = formatdate(time.time() - 3600 * (20 - n % 20), usegmt=True)
    return (f"<item><title>Feed {feed} story {n}</title><link>https://news{feed % 97}.example.com/{feed}/{n}</link>"
            f"<guid isPermaLink='false'>f{feed}-{n}</guid><pubDate>{when}</pubDate>"
            f"<description>{text}</description></item>")


class Feed:
    def __init__(self, index: int, rng: random.Random) -> None:
        self.index = index
        self.items = [item(index, n, rng) for n in range(20, 0, -1)]
        self.next = 21
        self.render()

    def bump(self, rng: random.Random) -> None:
        self.items = [item(self.index, self.next, rng)] + self.items[:19]
        self.next += 1
        self.render()

    def render(self) -> None:
        self.body = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Feed {self.index}"
                     f"</title><link>https://news.example.com/{self.index}</link>{''.join(self.items)}</channel></rss>"
                     ).encode()
        self.gz = gzip.compress(self.body, 6)
        self.etag = f'"{self.index}-{self.next}"'
        self.modified = formatdate(time.time(), usegmt=True)


def serve(port: int, count: int, cycle: float, share: float, seed: int) -> None:
    from aiohttp import web

    rng = random.Random(seed)
    feeds = [Feed(i, rng) for i in range(count)]
    stats = {"200": 0, "304": 0}

    async def handle(request: web.Request) -> web.Response:
        feed = feeds[int(request.match_info["n"])]
        headers = {"ETag": feed.etag, "Last-Modified": feed.modified, "Content-Type": "application/rss+xml"}
        if request.headers.get("If-None-Match") == feed.etag or request.headers.get("If-Modified-Since") == feed.modified:
            stats["304"] += 1
            return web.Response(status=304, headers=headers)
        stats["200"] += 1
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            return web.Response(body=feed.gz, headers={**headers, "Content-Encoding": "gzip"})
        return web.Response(body=feed.body, headers=headers)

    async def updates() -> None:
        while True:
            await asyncio.sleep(cycle)
            for feed in rng.sample(feeds, max(1, int(len(feeds) * share))):
                feed.bump(rng)

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/feed/{n}.xml", handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        for host in HOSTS:
            await web.TCPSite(runner, host, port, backlog=1024).start()
        asyncio.ensure_future(updates())
        print("ready", flush=True)
        # the parent closes our stdin when it is done (or dies): then stop
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
        await runner.cleanup()

    asyncio.run(main())


# --- the poller (this process) ----------------------------------------------------------


def vm(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


async def bench(args: argparse.Namespace, port: int) -> dict[str, float]:
    from streams.ingest import schedule
    from streams.ingest.fetch import Fetcher, FetchLimits
    from streams.core.metrics import Metrics
    from streams.ingest.poller import Poller

    articles = {"n": 0}

    async def sink(article: object) -> None:
        articles["n"] += 1

    policy = schedule.Policy(base_interval=args.interval, min_interval=args.interval, max_interval=args.interval,
                             jitter=0.1, failing_after=5)
    metrics = Metrics()
    states = {}
    for i in range(args.feeds):
        url = f"http://{HOSTS[i % len(HOSTS)]}:{port}/feed/{i}.xml"
        states[url] = schedule.new_state(url, now=time.time())

    def sample(name: str, labels: dict[str, str] | None = None) -> float:
        return metrics.registry.get_sample_value(name, labels or {}) or 0.0

    def fetches() -> dict[str, float]:
        return {c: sample("watchfloor_feed_fetches_total", {"status_class": c}) for c in ("2xx", "3xx", "4xx", "5xx", "none")}

    async with Fetcher(FetchLimits(allow_private_networks=True)) as fetcher:
        poller = Poller(fetcher=fetcher, publish=sink, states=states, policy=policy, metrics=metrics,
                        max_entries=500, concurrency=50)
        start_wall, start_cpu = time.monotonic(), cpu()
        task = asyncio.ensure_future(poller.run(tick=1.0))
        try:
            await asyncio.sleep(args.warmup)
            warmup_share = (cpu() - start_cpu) / (time.monotonic() - start_wall)
            first_polled = sum(1 for s in states.values() if s["last_poll"])
            wall0, cpu0, art0, f0 = time.monotonic(), cpu(), articles["n"], fetches()
            await asyncio.sleep(args.duration)
            wall1, cpu1, art1, f1 = time.monotonic(), cpu(), articles["n"], fetches()
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
    errors = {s.labels["kind"]: s.value for fam in metrics.registry.collect() for s in fam.samples
              if s.name == "watchfloor_feed_fetch_errors_total" and s.value}
    return {
        "cpu_share": (cpu1 - cpu0) / (wall1 - wall0),
        "wall": wall1 - wall0,
        "peak_rss": vm("VmHWM"),
        "rss": vm("VmRSS"),
        "polls": sum(f1.values()) - sum(f0.values()),
        "fetch_200": f1["2xx"] - f0["2xx"],
        "fetch_304": f1["3xx"] - f0["3xx"],
        "new_articles": art1 - art0,
        "warmup_polled": first_polled,
        "warmup_cpu_share": warmup_share,
        "errors": errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--interval", type=float, default=60.0, help="seconds between polls of a feed")
    parser.add_argument("--share", type=float, default=0.05, help="fraction of feeds with a new item each interval")
    parser.add_argument("--warmup", type=float, default=90.0, help="seconds before measuring")
    parser.add_argument("--duration", type=float, default=180.0, help="seconds measured")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        serve(args.serve, args.feeds, args.interval, args.share, args.seed)
        return 0

    from tests.support import free_port

    port = free_port()
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port), "--feeds", str(args.feeds),
                               "--interval", str(args.interval), "--share", str(args.share), "--seed", str(args.seed)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        if server.stdout.readline().strip() != "ready":
            raise SystemExit("the feed server did not start")
        result = asyncio.run(bench(args, port))
    finally:
        server.stdin.close()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    polls = result["polls"]
    print(f"command: python {shlex.join(sys.argv)}")
    print(f"feeds: {args.feeds} every {args.interval:.0f}s on {len(HOSTS)} loopback hosts, ~{args.share:.0%} with a new "
          f"item each interval; server in a separate process")
    print(f"warm-up: {args.warmup:.0f}s ({result['warmup_polled']} feeds polled at least once); "
          f"{result['warmup_cpu_share']:.1%} of one core during it; measured: {result['wall']:.0f}s")
    print(f"polls in the window: {polls:.0f} ({polls / result['wall']:.1f}/s): {result['fetch_304']:.0f} x 304, "
          f"{result['fetch_200']:.0f} x 200; {result['new_articles']:.0f} new articles")
    print(f"fetch errors (whole run): {result['errors'] or 'none'}")
    print(f"poller CPU: {result['cpu_share']:.1%} of one core (target < {CPU_TARGET:.0%})")
    print(f"resident memory: peak {result['peak_rss'] / 2**20:.0f} MiB, at end {result['rss'] / 2**20:.0f} MiB "
          f"(target < {RSS_TARGET / 2**20:.0f} MiB)")
    ok = result["cpu_share"] < CPU_TARGET and result["peak_rss"] < RSS_TARGET
    print("within targets" if ok else "OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
