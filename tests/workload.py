"""A synthetic workload through a real worker: the articles, what they must raise, and how to
read back what the pipeline did. Used by the fault tests and by the benchmarks in bench/.

* :func:`make_articles` builds ~200-word articles: mostly harmless, some alert-worthy, each
  alert-worthy one a *distinct event* (its own topic x country pair and its own wording), so
  story clustering keeps it apart and it must raise exactly one ``new`` alert.
* :func:`expected_alerts` runs the same pure stages as the agents (entities, rules, stories)
  over the articles and returns the alert ids the pipeline must deliver.
* :func:`inject` produces articles straight into ``<app_id>-articles`` the way the poller
  does (JSON key = article id, JSON value = ``Article``, acks=all), optionally at a rate.
* :func:`topic_keys` / :func:`group_lag` read what the pipeline wrote and how far the consumer
  group got, from the broker itself rather than from a worker's counters (a SIGKILLed worker's
  counters die with it).
* :func:`kafka_broker_module` loads tests/kafka/broker.py by path (a package named ``kafka``
  would shadow kafka-python), as tests/conftest.py does.
* The rest checks deliveries against the expected alerts (exact ids, one webhook-id each).
"""

from __future__ import annotations

import asyncio
import functools
import importlib.util
import threading
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from collections.abc import Iterator, Mapping
from typing import Any, Iterable, Sequence

import yaml
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from agents.enrich.analysis import analyze
from agents.enrich.entities import load_extractor
from agents.enrich.rules import RulePack
from agents.stories import stories as st
from streams.core.records import Article
from streams.kafka.topics import TopicNames, ensure_topics
from tests.support import ROOT, Service, WebhookReceiver, wait_for_sync

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
        _PIPELINE["extractor"] = load_extractor()
        _PIPELINE["pack"] = RulePack.load()
    return _PIPELINE["extractor"], _PIPELINE["pack"]


def distinct_events(limit: int) -> list[tuple[str, str, str, str]]:
    """Up to ``limit`` (topic, country id, title, sentence) events, each checked with the real
    rules to raise exactly its topic with its country as the main actor."""
    events = _all_events()
    if len(events) < limit:
        raise ValueError(f"only {len(events)} distinct events available, {limit} asked")
    return list(events[:limit])


@functools.lru_cache(maxsize=1)
def _all_events() -> tuple[tuple[str, str, str, str], ...]:
    """Every distinct event, probed once per process (~600 analyses: 1.5 s at every test's start)."""
    extractor, pack = pipeline()
    events = []
    countries = _countries()
    for i, (cid, name) in enumerate(countries):
        for topic, (title, sentence) in _TEMPLATES.items():
            t = title.format(c=name)
            s = sentence.format(c=name, day=_DAYS[i % 7])
            probe = Article(id="probe", feed_url="probe", link="", title=t, summary=s)
            entities, hits = analyze(probe, extractor, pack)
            if [h.topic for h in hits] == [topic] and st.actor(entities) == cid:
                events.append((topic, cid, t, s))
    # interleave topics so that a prefix of the list covers all of them
    events.sort(key=lambda e: (countries.index(next(c for c in countries if c[0] == e[1])) % 7, e[1], e[0]))
    return tuple(events)


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
    extractor, pack = pipeline()
    buckets: dict[str, Any] = {}
    out: dict[str, str] = {}
    now = time.time()
    for a in articles:
        entities, hits = analyze(a, extractor, pack)
        for hit in hits:
            key = st.primary_key(hit.topic, entities, by_actor=False)
            bucket, story, decision = st.step(buckets.get(key), hit.topic, a, entities, event=hit.event, now=now)
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


async def create_topics(bootstrap: str, app_id: str, partitions: int) -> None:
    """The service's own topic layout, changelogs included (what ``watchfloor run`` creates at
    start): a fresh app on real Kafka whose changelog topics do not exist yet cannot place a
    table write (see streams/kafka/producer.py)."""
    await ensure_topics(bootstrap, TopicNames(app_id).layout(partitions))


def encode(article: Article) -> tuple[bytes, bytes]:
    """The poller's wire format: JSON-serialised key and value."""
    return json.dumps(article.id).encode(), json.dumps(article.asdict()).encode()


async def inject(bootstrap: str, topic: str, articles: Sequence[Article], *, rate: float | None = None,
                 stamp: bool = True, sent_at: dict[str, float] | None = None) -> float:
    """Produce ``articles`` (acks=all); ``rate`` per second if given, else as fast as possible.

    ``stamp`` sets ``first_seen`` to the send time, as the poller does. Returns the seconds taken.
    """
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


# --- deliveries against the expected alerts ---------------------------------------------

PARTITIONS = 4  # FAST_ENV's WATCHFLOOR_TOPIC_PARTITIONS


class ExpectedAlerts(Mapping[str, str]):
    """:func:`expected_alerts` of ``articles``, worked out in a thread while the test goes on
    (injects, starts its worker): ~1.5 ms of CPU per article, 7-20 s for the fault tests' 5,000,
    which the test process otherwise spent before the worker even started. The thread reads a
    copy of each article made here (:func:`inject` stamps ``first_seen`` on the originals);
    the first read of the mapping waits for it and raises what it raised.
    ``alerts``: how many there must be (each generated event raises one)."""

    def __init__(self, articles: Sequence[Article], alerts: int) -> None:
        self.alerts = alerts
        self._copies = [Article(**a.asdict()) for a in articles]
        self._result: dict[str, str] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="expected-alerts", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        try:
            self._result = expected_alerts(self._copies)
        except BaseException as exc:  # noqa: BLE001 - raised in the reader
            self._error = exc
        finally:
            self._copies = []

    def _value(self) -> dict[str, str]:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        assert len(self._result) == self.alerts, "the generated events must each raise one alert"
        return self._result

    def __getitem__(self, key: str) -> str:
        return self._value()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._value())

    def __len__(self) -> int:
        return len(self._value())


def articles_and_alerts(n: int, alerts: int, prefix: str) -> tuple[list, Mapping[str, str]]:
    """``n`` articles (:func:`make_articles`) and the alerts they must raise (alert id -> article
    id), the latter worked out beside the test (:class:`ExpectedAlerts`)."""
    articles = make_articles(n, alerts, prefix=prefix)
    return articles, ExpectedAlerts(articles, alerts)


def delivered_ids(receiver: WebhookReceiver) -> set[str]:
    return {r["body"]["data"]["id"] for r in receiver.delivered()}


def check_deliveries(receiver: WebhookReceiver, expected: Mapping[str, str]) -> None:
    got = delivered_ids(receiver)
    assert got == set(expected), f"missing {sorted(set(expected) - got)[:10]}, extra {sorted(got - set(expected))[:10]}"
    per_event: dict[str, set[str]] = defaultdict(set)
    for r in receiver.received:
        data = r["body"]["data"]
        assert r["headers"]["webhook-id"] == data["id"], r["headers"]
        per_event[data["link"]].add(r["headers"]["webhook-id"])
    assert all(len(ids) == 1 for ids in per_event.values()), {k: v for k, v in per_event.items() if len(v) > 1}
    # each alert names its own article: the id is the story of that article, not another's
    by_link = {f"https://bench.example/a/{aid}": alert_id for alert_id, aid in expected.items()}
    assert {link: ids.pop() for link, ids in per_event.items()} == by_link


def wait_delivered(receiver: WebhookReceiver, expected: Mapping[str, str], bootstrap: str, app_id: str,
                   timeout: float = 180.0) -> None:
    want = set(expected)  # an ExpectedAlerts is worked out before the wait's clock starts
    try:
        wait_for_sync(lambda: delivered_ids(receiver) >= want, timeout, interval=0.5,
                      what=f"all {len(expected)} alerts delivered")
    except AssertionError as exc:
        names = TopicNames(app_id)
        lag = asyncio.run(group_lag(bootstrap, app_id, [names.articles, names.hits, names.alerts]))
        missing = sorted(expected[i] for i in set(expected) - delivered_ids(receiver))
        raise AssertionError(f"{exc}: {len(missing)} missing (articles {missing[:8]}...), uncommitted {lag}") from None


def wait_all_processed(bootstrap: str, app_id: str, ids: set[str], timeout: float = 150.0) -> None:
    names = TopicNames(app_id)
    topics = [names.articles, names.hits, names.alerts]
    wait_for_sync(lambda: sum(asyncio.run(group_lag(bootstrap, app_id, topics)).values()) == 0, timeout,
                  interval=1.0, what=f"consumer group {app_id} to commit every offset of {topics}")
    enriched = asyncio.run(topic_keys(bootstrap, names.enriched, want=ids, timeout=60))
    assert ids <= enriched, f"{len(ids - enriched)} articles never reached the enriched topic"


def kafka_service(workdir: Path, kafka_broker, receiver: WebhookReceiver, *, app_id: str | None = None,
                  env: dict[str, str] | None = None) -> Service:
    workdir.mkdir(parents=True, exist_ok=True)
    return Service(workdir, "--broker", kafka_broker.url, "--webhook", receiver.url, app_id=app_id,
                   env={"WATCHFLOOR_SESSION_TIMEOUT": "6", "WATCHFLOOR_LOG_LEVEL": "WARNING", **(env or {})})
