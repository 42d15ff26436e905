"""The Faust app factory: one app, its topics and the runtime every stage is handed.

Nothing here thinks, and nothing here knows the stages: :mod:`streams.service` creates the
app with :func:`create_app` and hands the :class:`Runtime` to each stage's ``register``.
All keys are JSON-serialised, so a key lands on the same partition number in every topic
and table that shares the partition count (Faust assigns partition *p* of all of them to
the same worker: the feed registry, the articles of those feeds' ids, the tables).

Faust private attributes used here (faust-streaming 0.15.3, mode-streaming 0.7.1 and aiokafka 0.14, as pinned):
``App._new_consumer``, ``App._new_producer`` (to install the repaired consumer and producer)
and the undecorated ``App.maybe_start_producer`` (``__wrapped__`` under mode's ``@stampede``);
``TableManager._update_channels`` (what :class:`TableManager` starts with, minus Faust's sleep);
``PrometheusMonitor._metrics`` (to replace Faust's ``events_runtime_ms`` histogram, whose unit
abbreviation fails ``promtool check metrics``, and to hand it labelled metrics that keep their
children) and ``PrometheusMonitor._stream_label`` (remembered per stream); ``Worker._on_sigint`` and ``Worker._schedule_shutdown`` (mode's SIGINT handler writes
``-INT-`` six times on one line: :class:`Worker` says it once).
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import faust
import faust.tables
from faust.sensors.prometheus import setup_prometheus_sensors

from streams.core.background import Background
from streams.core.metrics import Metrics
from streams.core.records import Alert, Article, EnrichedArticle
from streams.core.settings import Settings
from streams.kafka import embedded as tansu
from streams.kafka.consumer import HOLE_GRACE, WatchfloorConsumer, reread_holes
from streams.kafka.ownership import owned_partitions, owns_key
from streams.kafka.producer import IdempotentProducer, WatchfloorProducer
from streams.kafka.tables import TableSpec, open_table
from streams.kafka.timers import guarded
from streams.kafka.topics import TopicNames
from streams.kafka.watchdog import Watchdog


def faust_config(settings: Settings, *, broker_url: str, embedded: bool) -> dict[str, Any]:
    conf: dict[str, Any] = {
        "broker": broker_url,
        "store": "memory://",
        "topic_partitions": settings.topic_partitions,
        "topic_replication_factor": settings.replication_factor,
        "topic_allow_declare": True,
        "key_serializer": "json",
        "value_serializer": "json",
        "web_enabled": True,
        "web_port": settings.web_port,
        "web_bind": settings.web_host,
        "web_host": settings.web_host,
        "producer_acks": -1,
        "producer_request_timeout": settings.kafka_timeout,
        "broker_request_timeout": max(settings.kafka_timeout, 40.0),
        # a dead worker's partitions (and feeds) move to the survivors after this long
        "broker_session_timeout": settings.session_timeout,
        "broker_heartbeat_interval": max(0.5, settings.session_timeout / 5),
        "consumer_auto_offset_reset": "earliest",
        "stream_wait_empty": True,
        "table_standby_replicas": 0 if embedded else 1,
        "datadir": str(settings.data_dir / "faust"),
        "web_in_thread": False,
        "broker_commit_interval": 1.0,
        # records produced within this many seconds travel in one request: an article costs a
        # few records (enriched, changelog) and a request each is what bounded throughput
        "producer_linger": settings.producer_linger,
        "TableManager": TableManager,
    }
    if embedded:
        conf.update(tansu.FAUST_OVERRIDES)
    return conf


class TableManager(faust.tables.TableManager):
    """Faust's table manager, which waits for the stages' start-up work instead of the fixed
    one-second sleep its start opens with.

    Faust sleeps 1 s before it finalises the tables (no table can be added after) and lets
    the conductor subscribe; the group join, and so the first article, waited for it at every
    start (bench/bench_ready.py). Nothing here needs the time: every table is declared by a
    stage's ``register`` before the worker starts (one declared later raises Faust's "Too late
    to add tables at this point", it is not dropped), and each agent's topic joins the
    conductor when Faust creates the agent's stream, before it marks the agents started, which
    the conductor waits for.

    What it waits for instead is :attr:`WatchfloorApp.start_work` (the enrich stage, built in
    a thread while the producer, consumer, web server and agents start): the group is joined,
    the tables recovered and the partitions sought with every stage built, as when the stages
    were built before the worker (an agent that read records while the partitions were being
    sought lost some: bench/README.md, "Start to consuming"). If that work failed, the worker
    does not join; :mod:`streams.service` stops it and says why. Recovery from the changelogs
    is unchanged: it starts as before, right after the tables.
    """

    async def on_start(self) -> None:
        for work in getattr(self.app, "start_work", ()):
            if await work.failed():
                return
        if not self.should_stop:
            await self._update_channels()
            await self.recovery.start()


# Faust's own logger, so its start-up chatter stays below INFO as before (streams/core/logs.py);
# set after the class is made: mode gives a subclass its module's logger when the one it
# inherits is mode's, which Faust's is
TableManager.logger = logging.getLogger("faust.tables.manager")


class WatchfloorApp(faust.App):
    """A Faust app with the repaired consumer and producer.

    ``strict_topics``: topics whose commit must hold at an unprocessed offset
    (:mod:`streams.kafka.consumer`); ``manual_topics``: those among them whose streams ack by
    hand, with :func:`streams.kafka.inflight.ack_event`. ``idempotent_producer``: False on brokers without
    InitProducerId (the embedded Tansu).
    """

    def __init__(self, app_id: str, *, strict_topics: Iterable[str] = (), manual_topics: Iterable[str] = (),
                 idempotent_producer: bool = True, **options: Any) -> None:
        self.strict_topics = frozenset(strict_topics)
        self.manual_topics = frozenset(manual_topics)
        self.idempotent_producer = idempotent_producer
        #: called when the worker stops or a rebalance takes its partitions, before Faust waits
        #: for every event in flight to be acked: a stage with long work in flight (a delivery
        #: retrying for hours) lets go of it instead of hanging the stop or the whole group's
        #: rebalance; ``resuming_hooks`` run once partitions are assigned again
        self.stopping_hooks: list[Callable[[], Any]] = []
        self.resuming_hooks: list[Callable[[], Any]] = []
        #: a stage's work started in a thread at register (:class:`streams.core.background.Background`),
        #: done before the worker joins its group (:class:`TableManager`)
        self.start_work: list[Background[Any]] = []
        super().__init__(app_id, **options)

    async def on_stop(self) -> None:
        for hook in self.stopping_hooks:
            hook()
        await super().on_stop()

    async def _revoking(self, revoked: Any, *args: Any) -> None:
        for hook in self.stopping_hooks:
            hook()
        await self._on_partitions_revoked(revoked, *args)

    async def _assigned(self, assigned: Any, *args: Any) -> None:
        await self._on_partitions_assigned(assigned, *args)
        for hook in self.resuming_hooks:
            hook()

    def release(self, event: Any) -> None:
        """Leave ``event`` unacked and stop waiting for it (see WatchfloorConsumer.release)."""
        consumer = self.consumer
        if isinstance(consumer, WatchfloorConsumer):
            consumer.release(event.message)

    async def maybe_start_producer(self) -> Any:
        # Faust guards this with mode's @stampede, which yields to the loop three times per
        # call; every table write calls it, so the producer's sender ran between any two
        # records of a batch and shipped each almost alone (a produce request per record).
        # Once the producer runs, hand it back at once (measured: bench/README.md).
        producer = self.producer
        if not self.in_transaction and producer.started:
            return producer
        # the undecorated function: going through the @stampede descriptor would store a
        # wrapper on this instance that hides this override from every later call
        return await faust.App.__dict__["maybe_start_producer"].__wrapped__(self)

    def _new_consumer(self) -> Any:
        consumer = WatchfloorConsumer(
            self.transport,
            callback=self.topics.on_message,
            on_partitions_revoked=self._revoking,
            on_partitions_assigned=self._assigned,
            beacon=self.beacon,
        )
        consumer.set_strict_topics(self.strict_topics, manual=self.manual_topics)
        return consumer

    def _new_producer(self) -> Any:
        cls = IdempotentProducer if self.idempotent_producer else WatchfloorProducer
        return cls(self.transport, loop=self.loop, beacon=self.beacon)


@dataclass(frozen=True)
class Topics:
    """The Faust topics of the pipeline (see :mod:`streams.kafka.topics` for keys and values)."""

    feeds: Any
    articles: Any
    enriched: Any
    hits: Any
    alerts: Any
    mutes: Any
    dead_letters: Any
    #: destination id -> its delivery queue (``<app>-deliver-<id>``, key story id, value Alert)
    deliveries: dict[str, Any]


@dataclass(frozen=True)
class Runtime:
    """What every stage's ``register`` is handed: built once by :func:`create_app`."""

    app: WatchfloorApp
    settings: Settings
    metrics: Metrics
    names: TopicNames
    topics: Topics
    embedded: bool

    def table(self, spec: TableSpec) -> Any:
        return open_table(self.app, spec, self.settings.topic_partitions)

    def owner_of(self, topic_name: str) -> Callable[[str], bool]:
        """``key -> bool`` for the keys of ``topic_name`` this worker owns right now."""
        return owns_key(self.app, topic_name, self.settings.topic_partitions)

    def owned_partitions(self, topic_name: str) -> set[int]:
        return owned_partitions(self.app, topic_name)

    @property
    def recovered(self) -> bool:
        """Not rebalancing, and every table read back from its changelog."""
        return not self.app.rebalancing and self.app.tables.recovery.completed.is_set()



def create_app(settings: Settings, *, broker_url: str, embedded: bool, metrics: Metrics | None = None,
               destinations: Iterable[str] = ()) -> Runtime:
    """``destinations``: the configured destination ids, each with its delivery queue."""
    names = TopicNames(settings.app_id)
    destinations = list(destinations)
    # read by hand-acking streams (the enrich agent's InFlight, each destination's queue)
    manual = (names.articles, *(names.delivery(d) for d in destinations))
    strict = (*manual, names.hits, names.alerts)
    app = WatchfloorApp(settings.app_id, strict_topics=strict, manual_topics=manual,
                        idempotent_producer=not embedded or tansu.SUPPORTS_IDEMPOTENCE,
                        **faust_config(settings, broker_url=broker_url, embedded=embedded))
    p = settings.topic_partitions
    topics = Topics(
        feeds=app.topic(names.feeds, key_type=str, partitions=p, internal=False),
        articles=app.topic(names.articles, key_type=str, value_type=Article, partitions=p),
        enriched=app.topic(names.enriched, key_type=str, value_type=EnrichedArticle, partitions=p),
        hits=app.topic(names.hits, key_type=str, partitions=p),
        alerts=app.topic(names.alerts, key_type=str, value_type=Alert, partitions=p),
        mutes=app.topic(names.mutes, key_type=str, partitions=1),
        dead_letters=app.topic(names.dead_letters, key_type=str, partitions=1),
        deliveries={d: app.topic(names.delivery(d), key_type=str, value_type=Alert, partitions=p)
                    for d in destinations},
    )
    runtime = Runtime(app=app, settings=settings, metrics=metrics or Metrics(), names=names, topics=topics,
                      embedded=embedded)
    _watch(runtime)
    return runtime


def _watch(rt: Runtime) -> None:
    """The runtime's own guards: re-read dropped events, and exit when stuck."""
    app, holes = rt.app, {}

    @app.timer(interval=5.0)
    @guarded
    async def watch_commit_holes() -> None:
        await reread_holes(app, holes, grace=HOLE_GRACE, metrics=rt.metrics)

    if rt.settings.stuck_timeout:
        @app.task
        async def start_watchdog() -> None:
            # not stopped on shutdown: a stop that hangs is one of the things it watches
            Watchdog(asyncio.get_running_loop(), lambda: app.rebalancing, timeout=rt.settings.stuck_timeout,
                     is_stopping=lambda: app.should_stop).start()


class Worker(faust.Worker):
    """Faust's worker, saying ``-INT-`` once on Ctrl-C instead of six times (mode/worker.py)."""

    def _on_sigint(self) -> None:
        self.carp("-INT-")
        self._schedule_shutdown(signal.SIGINT)


class _MillisecondsToSeconds:
    """Faust's sensor observes milliseconds; the histogram it feeds counts seconds."""

    def __init__(self, histogram: Any) -> None:
        self.histogram = histogram

    def observe(self, ms: float) -> None:
        self.histogram.observe(ms / 1000.0)


class _KeptChildren:
    """A labelled Prometheus metric whose ``labels(...)`` remembers each child: Faust's sensor
    asks for one on every message, event, send and table read or write (``labels()`` takes a
    lock and builds the key each time). The same children, so the same series and values."""

    def __init__(self, metric: Any) -> None:
        self.metric = metric
        self._children: dict[Any, Any] = {}

    def labels(self, *args: Any, **kwargs: Any) -> Any:
        key = (args, tuple(kwargs.items()))
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = self.metric.labels(*args, **kwargs)
        return child

    def __getattr__(self, name: str) -> Any:
        return getattr(self.metric, name)


def install_faust_sensors(app: faust.App, metrics: Metrics) -> None:
    """Faust's own sensors (lag, commit latency, rebalances) into ``metrics.registry`` under
    ``watchfloor_faust_``, with ``events_runtime_ms`` replaced by
    ``watchfloor_faust_event_runtime_seconds``."""
    # Faust installs a page at ``pattern``; ours at /metrics serves the same registry
    setup_prometheus_sensors(app, pattern="/faust-metrics", registry=metrics.registry, name_prefix="watchfloor_faust")
    monitor: Any = app.monitor
    metrics.registry.unregister(monitor._metrics.events_runtime_latency)
    # the per-message, per-event and per-send series keep their children (the label values are
    # topics, partitions, streams, tables: a bounded set); the others are rare
    kept = {name: _KeptChildren(getattr(monitor._metrics, name))
            for name in ("messages_received_per_topics", "messages_received_per_topics_partition",
                         "total_events_per_stream", "table_operations", "topic_messages_sent")}
    monitor._metrics = monitor._metrics._replace(
        events_runtime_latency=_MillisecondsToSeconds(metrics.faust_event_runtime), **kept)
    # the stream's label is built from its shortlabel with a regex on every event: once per stream
    stream_label, labels = monitor._stream_label, {}

    def remembered_stream_label(stream: Any) -> str:
        label = labels.get(stream)
        if label is None:
            if len(labels) >= 256:  # an agent's streams are few and live as long as the worker
                labels.clear()
            label = labels[stream] = stream_label(stream)
        return label

    monitor._stream_label = remembered_stream_label
