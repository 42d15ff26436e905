"""Latency from article publish to webhook receipt, at a steady article rate, on real Kafka.

Run from the repository root:

    python bench/bench_latency.py                         # 200 articles/s for 60 s, 1% alert-worthy
    python bench/bench_latency.py --rate 100 --seconds 60
    python bench/bench_latency.py --embedded

Articles are produced into ``<app_id>-articles`` at ``--rate`` per second (the poller's wire
format, acks=all); 1 in ``--every`` is an alert-worthy *distinct* event, so it opens its own
story and raises a ``new`` alert at once (updates wait for the story cooldown by design and
are not a latency). Latency = time the local webhook receiver got the alert - time the article
was handed to the producer. It prints p50, p99 and max, and the processing rate achieved.
Target: p50 < 100 ms, p99 < 500 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import embedded_bootstrap, percentile, stage_means, worker  # noqa: E402
from tests.workload import create_topics, expected_alerts, inject, kafka_broker_module, make_articles  # noqa: E402
from streams.kafka.topics import TopicNames  # noqa: E402
from tests.support import WebhookReceiver, wait_for_sync  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rate", type=float, default=200.0, help="articles per second")
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--every", type=int, default=100, help="one alert-worthy article in this many")
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--warmup", type=float, default=5.0, help="seconds of alerts not counted")
    ap.add_argument("--embedded", action="store_true")
    args = ap.parse_args()

    print(f"command: python bench/bench_latency.py {' '.join(sys.argv[1:])}")
    count = int(args.rate * args.seconds)
    articles = make_articles(count, count // args.every)
    alerts = expected_alerts(articles)  # alert id -> article id
    receiver = WebhookReceiver().start()
    tmp = Path(tempfile.mkdtemp(prefix="wf-bench-"))
    broker = None if args.embedded else kafka_broker_module().KafkaBroker().start()
    service = worker(tmp, broker_url=broker.url if broker else None, partitions=args.partitions,
                     webhooks=[receiver.url])
    sent: dict[str, float] = {}
    try:
        bootstrap = broker.bootstrap if broker else embedded_bootstrap(service)
        if broker:
            asyncio.run(create_topics(bootstrap, service.app_id, args.partitions))
        service.start().wait_ready(180)
        started = time.time()
        took = asyncio.run(inject(bootstrap, TopicNames(service.app_id).articles, articles, rate=args.rate,
                                  sent_at=sent))
        wait_for_sync(lambda: service.metric("watchfloor_articles_processed_total") >= count, 600, interval=0.5,
                      what=f"{count} articles processed")
        processed_at = time.time()
        wait_for_sync(lambda: {r["body"]["data"]["id"] for r in receiver.delivered()} >= set(alerts), 300,
                      interval=0.5, what=f"{len(alerts)} alerts delivered")
        means = stage_means(service)
    finally:
        service.stop()
        receiver.stop()
        if broker:
            broker.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    first: dict[str, float] = {}
    for r in receiver.delivered():
        first.setdefault(r["body"]["data"]["id"], r["time"])
    latencies = [first[a] - sent[aid] for a, aid in alerts.items() if sent[aid] - started >= args.warmup]
    ms = [x * 1000 for x in latencies]
    print(f"broker: {'embedded Tansu' if args.embedded else 'Apache Kafka'}, {args.partitions} partitions, 1 worker")
    print(f"sent {count} articles in {took:.1f} s ({count / took:.0f}/s asked {args.rate:.0f}/s); "
          f"all processed {processed_at - started:.1f} s after the first")
    print(f"alerts measured: {len(ms)} (first {args.warmup:.0f} s excluded)")
    print(f"latency publish -> webhook: p50 {percentile(ms, 50):.0f} ms, p90 {percentile(ms, 90):.0f} ms, "
          f"p99 {percentile(ms, 99):.0f} ms, max {max(ms):.0f} ms")
    print("mean per record: " + ", ".join(f"{k} {v * 1000:.2f} ms" for k, v in sorted(means.items())))


if __name__ == "__main__":
    main()
