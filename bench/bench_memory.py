"""Worker memory while it processes a long stream of articles, on real Kafka.

Run from the repository root:

    python bench/bench_memory.py                    # 1,000,000 articles (about an hour here)
    python bench/bench_memory.py --count 100000     # scaled down

Articles are produced into ``<app_id>-articles`` in chunks of 10,000 while the worker runs
(unique ids, bodies drawn from a pool of ~200-word texts, 100 distinct alert-worthy events in
the first chunk). The worker's RSS (/proc/<pid>/status) is sampled at every 10% of the count
processed; the figures at 10%, 50% and 100% and the growth per 100,000 articles are printed.

The enrich stage's ``seen-articles`` table keeps article ids for at most 14 days and at most
``dedup_max_ids`` of them (200,000 by default, the oldest forgotten first, pruned every 60 s):
RSS rises until the cap is reached, then must stay flat. ``--max-ids`` sets the cap.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import rss_mb, worker  # noqa: E402
from tests.workload import create_topics, inject, kafka_broker_module, make_articles  # noqa: E402
from streams.core.records import Article  # noqa: E402
from streams.kafka.topics import TopicNames  # noqa: E402
from tests.support import WebhookReceiver, wait_for_sync  # noqa: E402

CHUNK = 10_000


def chunks(count: int, pool: list[Article]):
    for start in range(0, count, CHUNK):
        out = []
        for i in range(start, min(count, start + CHUNK)):
            src = pool[i % len(pool)] if i >= len(pool) else pool[i]
            aid = f"mem-{i:08d}"
            out.append(Article(id=aid, feed_url=src.feed_url, link=f"https://bench.example/a/{aid}", title=src.title,
                               summary=src.summary, source=src.source))
        yield out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--max-ids", type=int, default=None, help="WATCHFLOOR_DEDUP_MAX_IDS for the worker")
    args = ap.parse_args()

    print(f"command: python bench/bench_memory.py {' '.join(sys.argv[1:])}")
    pool = make_articles(CHUNK, 100, prefix="pool")
    receiver = WebhookReceiver().start()
    tmp = Path(tempfile.mkdtemp(prefix="wf-bench-"))
    broker = kafka_broker_module().KafkaBroker(extra_properties={"log.retention.bytes": 512 * 1024 * 1024}).start()
    env = {"WATCHFLOOR_DEDUP_MAX_IDS": str(args.max_ids)} if args.max_ids else None
    service = worker(tmp, broker_url=broker.url, partitions=args.partitions, webhooks=[receiver.url], env=env)
    samples: list[tuple[int, float, float]] = []  # (processed, RSS MiB, seconds)
    try:
        asyncio.run(create_topics(broker.bootstrap, service.app_id, args.partitions))
        service.start().wait_ready(180)
        topic = TopicNames(service.app_id).articles
        started = time.monotonic()
        samples.append((0, rss_mb(service.proc.pid), 0.0))

        def produce() -> None:
            for chunk in chunks(args.count, pool):
                asyncio.run(inject(broker.bootstrap, topic, chunk))

        threading.Thread(target=produce, daemon=True).start()
        step = args.count // 10

        def sample() -> bool:
            done = service.metric("watchfloor_articles_processed_total")
            if done >= (len(samples)) * step:
                samples.append((int(done), rss_mb(service.proc.pid), time.monotonic() - started))
                print(f"  {int(done):>9,} processed  RSS {samples[-1][1]:7.1f} MiB  {samples[-1][2]:7.0f} s", flush=True)
            return done >= args.count

        wait_for_sync(sample, 6 * 3600, interval=1.0, what=f"{args.count} articles processed")
    finally:
        service.stop()
        receiver.stop()
        broker.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    at = {round(10 * n / args.count): rss for n, rss, _ in samples}
    print(f"broker: Apache Kafka, {args.partitions} partitions, 1 worker; {args.count:,} articles "
          f"in {samples[-1][2]:.0f} s ({args.count / samples[-1][2]:.0f}/s)")
    print(f"RSS at start {samples[0][1]:.0f} MiB; at 10% {at.get(1, float('nan')):.0f} MiB, "
          f"50% {at.get(5, float('nan')):.0f} MiB, 100% {samples[-1][1]:.0f} MiB")
    (n1, r1, _), (n2, r2, _) = samples[1], samples[-1]
    print(f"growth from 10% to 100%: {(r2 - r1) / (n2 - n1) * 100_000:.1f} MiB per 100,000 articles")
    half = next((x for x in samples if x[0] >= args.count // 2), None)
    if half is not None and half is not samples[-1]:
        print(f"growth from 50% to 100%: {(r2 - half[1]) / (n2 - half[0]) * 100_000:.1f} MiB per 100,000 articles "
              f"(after the dedup cap is reached)")


if __name__ == "__main__":
    main()
