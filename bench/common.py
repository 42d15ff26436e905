"""Shared helpers for the pipeline benchmarks and the fault tests (tests/test_faults.py).

* :func:`make_articles` builds ~200-word articles: mostly harmless, some alert-worthy, each
  alert-worthy one a *distinct event* (its own topic x country pair and its own wording), so
  story clustering keeps it apart and it must raise exactly one ``new`` alert.
* :func:`expected_alerts` runs the same pure stages as the agents (entities, rules, stories)
  over the articles and returns the alert ids the pipeline must deliver.
* :func:`inject` produces articles straight into ``<app_id>-articles`` the way the poller
  does (JSON key = article id, JSON value = ``Article``, acks=all), optionally at a rate.
* :func:`topic_keys` / :func:`group_caught_up` read what the pipeline wrote and how far
  the consumer group got, from the broker itself rather than from a worker's counters
  (a SIGKILLed worker's counters die with it).
* :func:`kafka_broker_module` loads tests/kafka/broker.py by path (a package named ``kafka``
  would shadow kafka-python), as tests/conftest.py does.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import random
import sys
import time
from pathlib import Path
from typing import Any, Iterable, Sequence

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from streams.core.records import Article  # noqa: E402

# Neutral words for filler: no trigger verbs or objects, no context words, no place names.
_VOCAB = (
    "river market garden teacher bridge harvest window library festival orchestra bakery painter museum "
    "village valley recipe bicycle cottage meadow lantern harbor ferry timetable council budget school "
    "hospital nurse doctor patient clinic farmer tractor wheat barley orchard apple pear cherry lemon "
    "coffee tea kettle teapot cupboard kitchen blanket pillow sofa carpet curtain ladder hammer paint "
    "brush canvas gallery sculpture poem novelist chapter author reader magazine column editor printer "
    "paper envelope stamp parcel courier station platform tram passenger ticket conductor luggage "
    "suitcase holiday beach sand shell wave tide sailor fisherman net boat dock pier lighthouse cliff "
    "forest pine oak maple birch fern moss mushroom squirrel rabbit fox owl sparrow robin heron swan "
    "duck goose pond lake stream waterfall mountain hill trail hiker tent campfire marshmallow guitar "
    "violin piano drum choir singer dancer theatre stage curtain audience applause ticket seat aisle "
    "umbrella raincoat boots scarf glove sweater wool cotton linen thread needle tailor shop counter "
    "cashier receipt basket bread cheese butter honey jam porridge soup salad noodle dumpling pastry "
    "quietly slowly gently warmly brightly softly often rarely usually mostly nearly almost always "
    "green yellow purple orange silver golden wooden stone brick glass paper velvet smooth rough tall "
    "short wide narrow old young busy calm sunny cloudy windy rainy snowy chilly cosy tidy dusty"
).split()

_HARMLESS_SENTENCES = (
    "The city council approved a new budget for the public library on Tuesday",
    "Officials in Lisbon said the tram timetable would change from the first of the month",
    "Farmers across the valley reported an early wheat harvest after a warm spring",
    "The orchestra announced a series of free concerts in the park this summer",
    "Local bakeries said the price of flour had fallen for the third month in a row",
    "Museum curators in Vienna opened an exhibition of landscape paintings",
    "The regional hospital hired forty nurses to shorten waiting times",
    "A new cycle lane along the river opened to the public on Saturday morning",
    "Tourism officials in Greece said hotel bookings were up compared with last year",
    "The football club unveiled a renovated stadium with more covered seats",
    "Researchers in Canada published a study on the migration of songbirds",
    "The harbour ferry company said it would add an evening crossing",
)


def _filler(rng: random.Random, words: int) -> str:
    out, n = [], 0
    while n < words:
        k = rng.randint(8, 14)
        sentence = " ".join(rng.choice(_VOCAB) for _ in range(k))
        out.append(sentence.capitalize() + ".")
        n += k
    return " ".join(out)


# One distinct event = (topic template, country). The trigger sentence names the country
# once; the filler is random, so no two articles share enough 3-shingles to join by text.
_TEMPLATES = {
    "missile_launch": ("{c} fires ballistic missile into the sea",
                       "{c} fired a ballistic missile into the sea early on {day}, its defence ministry said."),
    "satellite_launch": ("{c} launches rocket carrying a satellite",
                         "{c} launched a rocket carrying a satellite on {day}, state media said."),
    "nuclear_test": ("{c} conducts nuclear test, seismologists say",
                     "{c} carried out a nuclear test on {day}, seismologists and officials said."),
}
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _countries() -> list[tuple[str, str]]:
    """(country id, a case-sensitive short name) for every gazetteer country with one."""
    import yaml

    entries = yaml.safe_load((ROOT / "agents/data/gazetteer/countries.yaml").read_text())
    out = []
    for e in entries:
        if e.get("ambiguous_names"):
            continue
        names = e.get("case_sensitive_names") or []
        if names and " " not in names[0]:
            out.append((e["id"], names[0]))
    return out


_PIPELINE: dict[str, Any] = {}


def pipeline() -> tuple[Any, Any]:
    """The extractor and rule pack the agents load by default (built once)."""
    if not _PIPELINE:
        from agents.enrich.entities import load_extractor
        from agents.enrich.rules import RulePack

        _PIPELINE["extractor"] = load_extractor()
        _PIPELINE["pack"] = RulePack.load()
    return _PIPELINE["extractor"], _PIPELINE["pack"]


def distinct_events(limit: int) -> list[tuple[str, str, str, str]]:
    """Up to ``limit`` (topic, country id, title, sentence) events, each checked with the real
    rules to raise exactly its topic with its country as the main actor."""
    from agents.enrich.analysis import analyze
    from agents.stories.stories import actor

    extractor, pack = pipeline()
    events = []
    countries = _countries()
    for i, (cid, name) in enumerate(countries):
        for topic, (title, sentence) in _TEMPLATES.items():
            t = title.format(c=name)
            s = sentence.format(c=name, day=_DAYS[i % 7])
            probe = Article(id="probe", feed_url="probe", link="", title=t, summary=s)
            entities, hits = analyze(probe, extractor, pack)
            if [h.topic for h in hits] == [topic] and actor(entities) == cid:
                events.append((topic, cid, t, s))
    # interleave topics so that a prefix of the list covers all of them
    events.sort(key=lambda e: (countries.index(next(c for c in countries if c[0] == e[1])) % 7, e[1], e[0]))
    if len(events) < limit:
        raise ValueError(f"only {len(events)} distinct events available, {limit} asked")
    return events[:limit]


def make_articles(n: int, alerts: int, *, words: int = 200, seed: int = 7, prefix: str = "bench",
                  feed_url: str = "https://bench.example/feed.xml") -> list[Article]:
    """``n`` articles of about ``words`` words; ``alerts`` of them (spread evenly) are distinct events."""
    rng = random.Random(seed)
    events = distinct_events(alerts) if alerts else []
    step = n / alerts if alerts else 0
    alert_at = {int(i * step + step / 2): ev for i, ev in enumerate(events)}
    out = []
    for i in range(n):
        aid = f"{prefix}-{i:07d}"
        ev = alert_at.get(i)
        if ev is not None:
            _, _, title, sentence = ev
            body = sentence + " " + _filler(rng, words - len(sentence.split()))
        else:
            title = rng.choice(_HARMLESS_SENTENCES)
            lead = ". ".join(rng.sample(_HARMLESS_SENTENCES, 4)) + "."
            body = lead + " " + _filler(rng, words - len(lead.split()))
        out.append(Article(id=aid, feed_url=feed_url, link=f"https://bench.example/a/{aid}", title=title,
                           summary=body, source="Bench Wire"))
    return out


def expected_alerts(articles: Iterable[Article]) -> dict[str, str]:
    """alert id -> article id, for the ``new`` alerts the pipeline must deliver.

    Runs the agents' pure stages in one process and one order. Raises if any flagged article
    would join another's story: then the set would depend on processing order, and a test
    built on it would not be exact.
    """
    from agents.stories import stories as st
    from agents.enrich.analysis import analyze

    extractor, pack = pipeline()
    buckets: dict[str, list[dict[str, Any]]] = {}
    out: dict[str, str] = {}
    now = time.time()
    for a in articles:
        entities, hits = analyze(a, extractor, pack)
        for hit in hits:
            key = st.primary_key(hit.topic, entities, by_actor=False)
            bucket, story, decision = st.step(buckets.get(key) or [], hit.topic, a, entities, now=now)
            if decision != "new":
                raise ValueError(f"article {a.id} ({hit.topic}) joined story {story.id}: events are not distinct")
            alert_id = st.alert_fields(story, "new")["id"]
            out[alert_id] = a.id
            buckets[key] = st.replace_story(bucket, st.mark_sent(story, "new", now=now))
    return out


# --- Kafka -------------------------------------------------------------------------------


def kafka_broker_module() -> Any:
    name = "watchfloor_tests_kafka_broker"
    mod = sys.modules.get(name)
    if mod is None:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "kafka" / "broker.py")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


#: Faust's table changelogs (``<app_id>-<table>-changelog``), see :func:`create_topics`
TABLES = ("feed-registry", "seen-articles", "stories", "story-last-hit", "delivered", "alertmanager-active")


async def create_topics(bootstrap: str, app_id: str, partitions: int, *, changelogs: bool = True) -> None:
    """The service's own topic layout (what ``watchfloor run`` creates at start).

    ``changelogs`` also creates the tables' changelog topics up front. Without it, a fresh
    app on real Kafka crashes its notify agent on every write to the ``delivered`` table for
    up to 5 minutes: Faust creates that changelog after the producer's first metadata fetch,
    and a table with ``use_partitioner=True`` asks the producer's cached metadata for the
    partition count (aiokafka ``_partition`` -> ``TypeError: 'NoneType' object is not
    iterable``) until ``metadata_max_age_ms`` refreshes it.
    """
    from streams.kafka.topics import TopicNames, ensure_topics

    layout = TopicNames(app_id).layout(partitions)
    if changelogs:
        layout.update({f"{app_id}-{t}-changelog": (partitions, True) for t in TABLES})
    await ensure_topics(bootstrap, layout)


def encode(article: Article) -> tuple[bytes, bytes]:
    """The poller's wire format: JSON-serialised key and value."""
    return json.dumps(article.id).encode(), json.dumps(article.asdict()).encode()


async def inject(bootstrap: str, topic: str, articles: Sequence[Article], *, rate: float | None = None,
                 stamp: bool = True, sent_at: dict[str, float] | None = None) -> float:
    """Produce ``articles`` (acks=all); ``rate`` per second if given, else as fast as possible.

    ``stamp`` sets ``first_seen`` to the send time, as the poller does. Returns the seconds taken.
    """
    from aiokafka import AIOKafkaProducer

    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5 if rate is None else 0,
                                max_batch_size=256 * 1024)
    await producer.start()
    started = time.monotonic()
    try:
        pending = []
        for i, a in enumerate(articles):
            if rate is not None:
                delay = started + i / rate - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
            if stamp:
                a.first_seen = time.time()
            if sent_at is not None:
                sent_at[a.id] = time.time()
            key, value = encode(a)
            pending.append(await producer.send(topic, value=value, key=key))
            if len(pending) >= 2000:
                await asyncio.gather(*pending)
                pending.clear()
        await asyncio.gather(*pending)
    finally:
        await producer.stop()
    return time.monotonic() - started


async def topic_keys(bootstrap: str, topic: str, *, want: set[str] | None = None, timeout: float = 60.0) -> set[str]:
    """Distinct (JSON-decoded) keys in ``topic`` from the beginning: all of them, or until every
    key in ``want`` was seen or ``timeout`` passed."""
    from aiokafka import AIOKafkaConsumer

    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=None, auto_offset_reset="earliest",
                                enable_auto_commit=False)
    await consumer.start()
    seen: set[str] = set()
    try:
        deadline = time.monotonic() + timeout
        parts = None
        while time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=500, max_records=5000)
            for records in batch.values():
                for r in records:
                    seen.add(json.loads(r.key))
            if want is not None and want <= seen:
                break
            if want is None:
                parts = parts or consumer.assignment()
                ends = await consumer.end_offsets(list(parts))
                positions = [await consumer.position(tp) for tp in parts]
                if parts and all(pos >= ends[tp] for pos, tp in zip(positions, parts)):
                    break
    finally:
        await consumer.stop()
    return seen


async def group_lag(bootstrap: str, group: str, topics: Sequence[str]) -> dict[str, int]:
    """topic -> messages not yet committed by ``group`` (end offset - committed offset)."""
    from aiokafka import AIOKafkaConsumer, TopicPartition
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=None)
    await admin.start()
    await consumer.start()
    try:
        committed = await admin.list_consumer_group_offsets(group)
        out = {}
        for topic in topics:
            parts = consumer.partitions_for_topic(topic)
            if parts is None:
                await consumer._client.force_metadata_update()  # noqa: SLF001 - aiokafka has no public refresh
                parts = consumer.partitions_for_topic(topic) or set()
            tps = [TopicPartition(topic, p) for p in sorted(parts)]
            ends = await consumer.end_offsets(tps)
            out[topic] = sum(ends[tp] - (committed[tp].offset if tp in committed and committed[tp].offset >= 0 else 0)
                             for tp in tps)
        return out
    finally:
        await consumer.stop()
        await admin.close()


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


# --- the worker under test -------------------------------------------------------------


def rss_mb(pid: int) -> float:
    """Resident set size of ``pid`` in MiB (from /proc, no psutil needed)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise ValueError(f"no VmRSS for pid {pid}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds used so far by ``pid`` (from /proc/<pid>/stat)."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stage_means(service: Any) -> dict[str, float]:
    """Mean seconds per record of each pipeline stage, from the worker's own histogram."""
    from prometheus_client.parser import text_string_to_metric_families

    sums: dict[str, float] = {}
    counts: dict[str, float] = {}
    for family in text_string_to_metric_families(service.get("/metrics")):
        for s in family.samples:
            if s.name == "watchfloor_stage_duration_seconds_sum":
                sums[s.labels["stage"]] = s.value
            elif s.name == "watchfloor_stage_duration_seconds_count":
                counts[s.labels["stage"]] = s.value
    return {k: sums[k] / counts[k] for k in sums if counts.get(k)}


def worker(workdir: Path, *, broker_url: str | None, partitions: int, webhooks: Sequence[str] = (),
           env: dict[str, str] | None = None, app_id: str | None = None) -> Any:
    """A ``watchfloor run`` child (tests.support.Service) on Kafka, or embedded when no URL."""
    from tests.support import Service, free_port

    workdir.mkdir(parents=True, exist_ok=True)
    args: list[str] = []
    extra = {"WATCHFLOOR_TOPIC_PARTITIONS": str(partitions), "WATCHFLOOR_LOG_LEVEL": "WARNING", **(env or {})}
    if broker_url:
        args += ["--broker", broker_url]
    else:
        extra["WATCHFLOOR_EMBEDDED_PORT"] = str(free_port())
    for url in webhooks:
        args += ["--webhook", url]
    return Service(workdir, *args, env=extra, app_id=app_id)


def embedded_bootstrap(service: Any) -> str:
    return f"127.0.0.1:{service.env['WATCHFLOOR_EMBEDDED_PORT']}"
