"""End-to-end throughput of one worker through every agent (enrich, classify, stories, notify).

Run from the repository root:

    python bench/bench_pipeline.py                      # real Kafka (tests/kafka/broker.py), 20,000 articles
    python bench/bench_pipeline.py --embedded           # the embedded Tansu broker, for comparison
    python bench/bench_pipeline.py --profile out.svg    # and a py-spy flame graph of the worker
    python bench/bench_pipeline.py --workers 2          # two worker processes (one app, split partitions)

Articles (~200 words, 1% alert-worthy distinct events) are produced straight into
``<app_id>-articles`` in the poller's wire format while the worker runs; alerts go to a local
webhook receiver. The clock runs from the first article sent until the worker's
``watchfloor_articles_processed_total`` reaches the count. It prints articles/second overall
and in steady state (10% -> 90%), the mean time per record of each stage (the worker's own
``watchfloor_stage_duration_seconds``) and the worker's RSS. Target: >= 1,000 articles/s.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import cpu_seconds, cpu_split, embedded_bootstrap, rss_mb, stage_means, worker  # noqa: E402
from tests.workload import create_topics, inject, kafka_broker_module, make_articles  # noqa: E402
from streams.kafka.topics import TopicNames  # noqa: E402
from tests.support import WebhookReceiver, wait_for_sync  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--alerts", type=int, default=200, help="distinct alert-worthy events among them")
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--embedded", action="store_true", help="embedded Tansu broker instead of Kafka")
    ap.add_argument("--profile-gil", action="store_true",
                    help="with --profile: sample only the thread holding the GIL (CPU, not waits or preemption)")
    ap.add_argument("--workers", type=int, default=1,
                    help="worker processes (Kafka only): a worker's Python is one core at most, the machine has more")
    ap.add_argument("--profile", metavar="SVG", help="record the worker with py-spy: flame graph (.svg) or collapsed stacks (other names)")
    args = ap.parse_args()

    print(f"command: python bench/bench_pipeline.py {' '.join(sys.argv[1:])}")
    articles = make_articles(args.count, args.alerts)
    receiver = WebhookReceiver().start()
    tmp = Path(tempfile.mkdtemp(prefix="wf-bench-"))
    broker = None
    if not args.embedded:
        broker = kafka_broker_module().KafkaBroker().start()
    if args.embedded and args.workers != 1:
        ap.error("--workers needs Kafka: the embedded broker lives inside its one worker")
    service = worker(tmp, broker_url=broker.url if broker else None, partitions=args.partitions,
                     webhooks=[receiver.url])
    others = [worker(tmp / f"w{i}", broker_url=broker.url, partitions=args.partitions, webhooks=[receiver.url],
                     app_id=service.app_id) for i in range(1, args.workers)]
    services = [service, *others]
    spy = None
    try:
        bootstrap = broker.bootstrap if broker else embedded_bootstrap(service)
        if broker:
            asyncio.run(create_topics(bootstrap, service.app_id, args.partitions))
        for s in services:
            s.start()
        for s in services:
            s.wait_ready(180)
        if others:  # the clock starts once the partitions are split, as in steady operation
            wait_for_sync(lambda: all(s.healthy() and s.get("/health")["feed_partitions"] for s in services), 180,
                          what="partitions spread over every worker")
        if args.profile:
            spy = subprocess.Popen(["py-spy", "record", "-o", args.profile, "--pid", str(service.proc.pid),
                                    "--rate", "50", "--nonblocking", *(["--gil"] if args.profile_gil else []),
                                    "--format", "flamegraph" if args.profile.endswith(".svg") else "raw"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.STDOUT)
        marks: dict[float, float] = {}
        sent: dict[str, float] = {}
        topic = TopicNames(service.app_id).articles
        started = time.monotonic()
        cpu0 = sum(cpu_seconds(s.proc.pid) for s in services)
        split0 = [cpu_split(s.proc.pid) for s in services]
        bcpu0 = cpu_seconds(broker.pid) if broker else 0.0
        producer = threading.Thread(target=lambda: sent.setdefault(
            "seconds", asyncio.run(inject(bootstrap, topic, articles))), daemon=True)
        producer.start()

        def progress() -> bool:
            done = sum(s.metric("watchfloor_articles_processed_total") for s in services)
            for frac in (0.1, 0.5, 0.9, 1.0):
                if done >= frac * args.count and frac not in marks:
                    marks[frac] = time.monotonic()
            return done >= args.count

        wait_for_sync(progress, 3600, interval=0.25, what=f"{args.count} articles processed")
        elapsed = marks[1.0] - started
        cpu = sum(cpu_seconds(s.proc.pid) for s in services) - cpu0
        split = [cpu_split(s.proc.pid) for s in services]
        user = sum(u for u, _ in split) - sum(u for u, _ in split0)
        system = sum(k for _, k in split) - sum(k for _, k in split0)
        bcpu = cpu_seconds(broker.pid) - bcpu0 if broker else float("nan")
        steady = 0.8 * args.count / (marks[0.9] - marks[0.1])
        producer.join(60)
        wait_for_sync(lambda: len({r["body"]["data"]["id"] for r in receiver.delivered()}) >= args.alerts, 300,
                      interval=0.5, what=f"{args.alerts} alerts delivered")
        delivered = marks.setdefault("alerts", time.monotonic()) - started
        means = stage_means(service)
        rss = max(rss_mb(s.proc.pid) for s in services)
    finally:
        if spy is not None:
            spy.send_signal(signal.SIGINT)
            spy.wait(60)
        for s in services:
            s.stop()
        receiver.stop()
        if broker:
            broker.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"broker: {'embedded Tansu' if args.embedded else 'Apache Kafka (tests/kafka/broker.py)'}, "
          f"{args.partitions} partitions, {args.workers} worker{'s' if args.workers > 1 else ''}")
    print(f"articles: {args.count} (~200 words), alert-worthy: {args.alerts}; injected in {sent.get('seconds', 0):.1f} s")
    print(f"processed all in {elapsed:.1f} s: {args.count / elapsed:,.0f} articles/s overall, "
          f"{steady:,.0f} articles/s steady (10%->90%)")
    print("time to " + ", ".join(f"{int(f * 100)}%: {marks[f] - started:.1f} s" for f in (0.1, 0.5, 0.9, 1.0)))
    print(f"worker CPU while processing: {cpu:.1f} s of {elapsed:.1f} s wall ({100 * cpu / elapsed:.0f}% of one core), "
          f"{1000 * cpu / args.count:.2f} ms per article ({1000 * user / args.count:.2f} user, "
          f"{1000 * system / args.count:.2f} system)")
    if broker:
        print(f"Kafka broker CPU meanwhile: {bcpu:.1f} s ({100 * bcpu / elapsed:.0f}% of one core)")
    print(f"all {args.alerts} alerts delivered after {delivered:.1f} s")
    print("mean per record: " + ", ".join(f"{k} {v * 1000:.2f} ms" for k, v in sorted(means.items())))
    print(f"worker RSS at the end: {rss:.0f} MiB{' (the largest)' if others else ''}")
    if args.profile:
        print(f"flame graph: {args.profile}")


if __name__ == "__main__":
    main()
