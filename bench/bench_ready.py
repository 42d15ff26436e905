"""Wall time from starting ``watchfloor run`` to the worker consuming, on a real Kafka broker or
the embedded one.

    python bench/bench_ready.py                          # real Kafka (tests/kafka/broker.py), 5 restarts
    python bench/bench_ready.py --rounds 7 --code /tmp/base --code .   # two checkouts, alternating
    python bench/bench_ready.py --embedded               # the embedded broker (the quick start's)
    python bench/bench_ready.py --breakdown              # DEBUG logs: when each start-up step happened

Each start is timed from ``Popen`` to three points, polled every 20 ms:

- ``port``: the web port answers (any status: Faust's web server is up);
- ``health``: ``/health`` says ``ok`` (what the tests' ``Service.wait_ready`` waits for);
- ``alert``: an article produced *before* the start (a distinct event: it must open a story
  and raise a ``new`` alert) was analysed and its alert delivered to a local webhook receiver.
  On Kafka it is produced into ``<app_id>-articles`` as the poller would (tests/workload.py);
  the embedded broker starts empty with the worker, so there it is a new item of a feed the
  worker polls (the poll is then part of the time).

The worker's CPU seconds at the alert are printed beside it. Each ``--code`` checkout has its
own app id (consumer group, tables), kept across its starts: the first start of each finds
no committed offsets and empty changelogs, every later one is a restart that resumes from its
committed offsets and recovers its tables, as a deploy or a crash does. Only restarts enter
the medians. With several ``--code``, the starts alternate (A, B, A, B...), so the load of a
shared machine falls on both alike. The gazetteer cache (``WATCHFLOOR_CACHE_DIR``) is a
temporary directory warmed before the first start, as on any machine that ran once before.

``--breakdown`` runs the workers at ``--log-level DEBUG`` (slower by itself) and prints,
for each start, the seconds from ``Popen`` at which its log shows each step of a start.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import cpu_seconds, worker  # noqa: E402
from streams.core.records import Article  # noqa: E402
from streams.kafka.topics import TopicNames  # noqa: E402
from tests.support import FeedServer, WebhookReceiver, now_rfc822, wait_for_sync  # noqa: E402
from tests.workload import create_topics, inject, kafka_broker_module, make_articles  # noqa: E402

POINTS = ("port", "health", "alert")

#: log lines that mark a step of a start (the first line matching each), in no fixed order
STEPS = {
    "first log line (imports, settings)": r".",
    "topics checked": r"streams\.kafka\.topics: .*(exists|created)",
    "embedded broker up": r"using the EMBEDDED broker",
    "gazetteer read": r"gazetteer read from|gazetteer built in",
    "enrich stage loaded": r"enrich: .*loaded in",
    "Faust worker starting": r"\[\^Worker\]: Starting",
    "web server started": r"\[\^---Server\]: Started",
    "table manager starting": r"\[\^--TableManager\]: Starting",
    "tables starting": r"\[\^---Table: .*\]: Starting",
    "partitions assigned": r"Executing _on_partitions_assigned",
    "seek to committed offsets": r"Seek stream partitions to committed offsets",
    "Faust worker ready": r"\[\^---Recovery\]: Worker ready",
    "watchfloor ready line": r"streams\.service: ready: ",
    "alert delivered (log)": r"agents\.notify\.stage: alert .* delivered",
}
_STAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) ")


@dataclass
class Code:
    """One checkout under test, with its own app id kept across its starts."""

    path: Path
    app_id: str
    articles: list[Article]
    starts: list[dict[str, float]] = field(default_factory=list)


def answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=1).close()
        return True
    except urllib.error.HTTPError:  # 503 "starting" is an answer
        return True
    except OSError:
        return False


def rss_item(article: Article) -> str:
    return (f"<item><title>{escape(article.title)}</title><link>{escape(article.link)}</link>"
            f"<guid isPermaLink=\"false\">{escape(article.id)}</guid><pubDate>{now_rfc822()}</pubDate>"
            f"<description>{escape(article.summary)}</description></item>")


def rss(*items: str) -> bytes:
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Bench Wire</title>"
            "<link>https://bench.example/</link>" + "".join(items) + "</channel></rss>").encode()


def log_steps(log: str, started: float) -> list[tuple[float, str]]:
    """(seconds after ``started``, step) for the first log line of each step, in time order."""
    found: dict[str, float] = {}
    for line in log.splitlines():
        m = _STAMP.match(line)
        if not m:
            continue
        for name, pattern in STEPS.items():
            if name not in found and re.search(pattern, line):
                found[name] = datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp() - started
    return sorted((t, name) for name, t in found.items())


def one_start(code: Code, n: int, *, workdir: Path, receiver: WebhookReceiver, bootstrap: str | None,
              feeds: FeedServer | None, env: dict[str, str], breakdown: bool, alert_timeout: float
              ) -> dict[str, float]:
    article = code.articles[n]
    args_env = dict(env, PYTHONPATH=str(code.path))
    if breakdown:
        args_env["WATCHFLOOR_LOG_LEVEL"] = "DEBUG"
    if bootstrap is not None:
        asyncio.run(inject(bootstrap, TopicNames(code.app_id).articles, [article]))
    else:
        assert feeds is not None
        feeds.set(f"/{code.app_id}.xml", rss(rss_item(article)))
    service = worker(workdir, broker_url=f"kafka://{bootstrap}" if bootstrap else None, partitions=4,
                     webhooks=[receiver.url], env=args_env, app_id=code.app_id)
    if feeds is not None:
        service.args += ["--feed", feeds.url(f"/{code.app_id}.xml")]
    delivered = lambda: any(r["body"]["data"]["link"] == article.link for r in receiver.delivered())  # noqa: E731
    started = time.time()
    service.start()
    out: dict[str, float] = {}
    try:
        wait_for_sync(lambda: answers(service.api + "/health"), 120, interval=0.02, what="the web port")
        out["port"] = time.time() - started
        wait_for_sync(service.healthy, 120, interval=0.02, what="/health ok")
        out["health"] = time.time() - started
        try:
            wait_for_sync(delivered, alert_timeout, interval=0.02, what=f"the alert of {article.id}")
            out["alert"] = time.time() - started
        except AssertionError:  # counted and shown, not a crash of the bench (see bench/README.md)
            out["alert"] = float("nan")
        assert service.proc is not None
        out["cpu"] = cpu_seconds(service.proc.pid)
    finally:
        service.stop()
    if breakdown:
        print(f"  {code.path} start {n}:")
        for t, name in log_steps(service.log(), started):
            print(f"    {t:6.2f} s  {name}")
    return out


def summary(values: list[float]) -> str:
    got = [v for v in values if v == v]  # NaN: the alert never came
    lost = f" {len(values) - len(got)} lost" if len(got) < len(values) else ""
    if not got:
        return "-" + lost
    return f"{statistics.median(got):5.2f} ({min(got):.2f}-{max(got):.2f}){lost}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5, help="restarts per checkout (after its first start)")
    ap.add_argument("--code", action="append", type=Path,
                    help="checkout to run (repeatable; default: this one); its PYTHONPATH for the worker")
    ap.add_argument("--embedded", action="store_true", help="the embedded broker instead of real Kafka")
    ap.add_argument("--broker", help="kafka://host:port of a running broker (default: start one)")
    ap.add_argument("--breakdown", action="store_true", help="DEBUG logs; print when each step happened")
    ap.add_argument("--alert-timeout", type=float, default=60.0,
                    help="seconds to wait for the alert before counting it lost")
    args = ap.parse_args()

    root = Path(__file__).resolve().parent.parent
    paths = [p.resolve() for p in (args.code or [root])]
    print(f"command: python bench/bench_ready.py {' '.join(sys.argv[1:])}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    tmp = Path(tempfile.mkdtemp(prefix="wf-ready-"))
    # one distinct event per start and per checkout: each must raise its own `new` alert
    per_code = args.rounds + 1
    events = make_articles(per_code * len(paths), per_code * len(paths), words=120, prefix="ready")
    codes = [Code(p, f"ready-{i}-{uuid.uuid4().hex[:6]}", events[i * per_code:(i + 1) * per_code])
             for i, p in enumerate(paths)]
    cache = tmp / "cache"
    from agents.enrich.entities import load_extractor
    load_extractor(cache_dir=cache)  # warm: every start reads the built gazetteer
    env = {"WATCHFLOOR_CACHE_DIR": str(cache), "WATCHFLOOR_LOG_LEVEL": "INFO"}
    receiver = WebhookReceiver().start()
    feeds = FeedServer().start() if args.embedded else None
    broker = None
    try:
        if args.embedded:
            bootstrap = None
        elif args.broker:
            bootstrap = args.broker.split("://", 1)[-1]
        else:
            broker = kafka_broker_module().KafkaBroker().start()
            bootstrap = broker.bootstrap
        if bootstrap is not None:
            for code in codes:
                asyncio.run(create_topics(bootstrap, code.app_id, 4))
        for n in range(per_code):
            for code in codes:
                got = one_start(code, n, workdir=tmp / code.app_id, receiver=receiver, bootstrap=bootstrap,
                                feeds=feeds, env=env, breakdown=args.breakdown, alert_timeout=args.alert_timeout)
                code.starts.append(got)
                kind = "first start" if n == 0 else f"restart {n}"
                print(f"{code.path} {kind:>11}: " + "  ".join(f"{p} {got[p]:5.2f} s" for p in POINTS)
                      + f"  (CPU {got['cpu']:.2f} s; load {os.getloadavg()[0]:.2f})", flush=True)
    finally:
        receiver.stop()
        if feeds is not None:
            feeds.stop()
        if broker is not None:
            broker.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    where = "embedded broker" if args.embedded else "Apache Kafka"
    print(f"\nseconds from Popen, {where}; restarts: median (min-max) of {args.rounds}; first start alone")
    print(f"{'checkout':<40} {'':>7} " + " ".join(f"{p:>18}" for p in (*POINTS, "cpu")))
    for code in codes:
        rest = code.starts[1:]
        print(f"{str(code.path):<40} {'restart':>7} " + " ".join(f"{summary([s[p] for s in rest]):>18}"
                                                           for p in (*POINTS, "cpu")))
        print(f"{'':<40} {'first':>7} " + " ".join(f"{code.starts[0][p]:>18.2f}" for p in (*POINTS, "cpu")))


if __name__ == "__main__":
    main()
