"""The Faust app factory: topics, tables, agents and web views, wired from one Settings.

Nothing here thinks; it connects. The agents live in ``agents/`` (one module per stage, each
a ``register(app, ctx)`` around pure functions) and the poller in :mod:`streams.poller`.
All keys are JSON-serialised, so a key lands on the same partition number in every topic
and table that shares the partition count (Faust assigns partition *p* of all of them to
the same worker: the feed registry, the articles of those feeds' ids, the tables).
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Any

import faust
from aiokafka.partitioner import murmur2
from faust.transport.drivers.aiokafka import Consumer as AIOKafkaConsumer
from faust.transport.drivers.aiokafka import Producer as AIOKafkaProducer

from .metrics import Metrics
from .records import Alert, Article, EnrichedArticle
from .settings import Settings
from .topics import TopicNames, topic_label

log = logging.getLogger(__name__)


def partition_for(key: str, partitions: int) -> int:
    """The partition Kafka's default partitioner picks for a JSON-serialised string key."""
    from json import dumps

    return (murmur2(dumps(key).encode()) & 0x7FFFFFFF) % partitions


def owned_partitions(app: Any, topic: str) -> set[int]:
    """The partitions of ``topic`` this worker is active for. Every pipeline topic and table has
    ``topic_partitions`` partitions and Faust assigns partition *p* of all of them together, so
    these numbers also say which table keys (``partition_for``) this worker owns."""
    return {tp.partition for tp in app.assignor.assigned_actives() if tp.topic == topic}


def owns_key(app: Any, topic: str, partitions: int) -> Any:
    """``key -> bool``: is ``key`` on a partition of ``topic`` this worker is active for (now)?"""
    owned = owned_partitions(app, topic)
    return lambda key: partition_for(key, partitions) in owned


async def send_acked(topic: Any, key: Any, value: Any, *, timeout: float) -> None:
    """Send and wait for the broker's ack; ``TimeoutError`` after ``timeout`` seconds, so a
    dead broker shows up as an error instead of a silent hang. Only the wait is given up, never
    Faust's pending message (cancelling it breaks Faust's own publish callback)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    fut = await asyncio.wait_for(topic.send(key=key, value=value), timeout)
    try:
        await asyncio.wait_for(asyncio.shield(fut), max(0.0, deadline - loop.time()))
    except TimeoutError:
        raise TimeoutError(f"not acked by the broker within {timeout:g} s") from None


async def send_until_acked(topic: Any, key: Any, value: Any, *, timeout: float, metrics: Any, label: str,
                           sleep: Any = asyncio.sleep) -> None:
    """For agents. Faust acks a message whose agent raised, so a failed send must not raise:
    it is retried, holding the partition (nothing is committed past it), until the broker
    takes it. Every failure is logged and counted; a resend after a send that did land is
    absorbed downstream (dedup by article id, story, and alert id)."""
    delay = 1.0
    while True:
        try:
            await send_acked(topic, key, value, timeout=timeout)
            return
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            metrics.kafka_send_errors.labels(label).inc()
            log.error("send to %s failed (%s: %s); retrying in %.0fs", label, type(exc).__name__, exc, delay,
                      extra={"topic": getattr(topic, "get_topic_name", lambda: label)()})
            await sleep(delay)
            delay = min(delay * 2, 30.0)


def guarded(fn: Any) -> Any:
    """For Faust timers: an exception is logged and counted, and the timer fires again.
    (Faust stops the whole worker when a timer raises: one bad tick must not do that.)"""
    import functools

    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            await fn(*args, **kwargs)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("timer %s failed; it will run again", fn.__name__)

    return wrapper


@dataclass
class Context:
    """Everything the agents need, built once and passed in."""

    settings: Settings
    metrics: Metrics
    names: TopicNames
    embedded: bool = False
    topics: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, Any] = field(default_factory=dict)
    services: dict[str, Any] = field(default_factory=dict)


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
    }
    if embedded:
        from . import embedded as tansu

        conf.update(tansu.FAUST_OVERRIDES)
    return conf


@dataclass
class SendHealth:
    """When the broker last took a record and last refused or lost one, for /health: a worker
    whose sends all fail is alive but does nothing, and must say so."""

    last_ok: float = 0.0
    last_error: float = 0.0
    last_error_text: str = ""

    def observe(self, fut: Any) -> None:
        if fut.cancelled():
            return
        exc = fut.exception()
        if exc is None:
            self.last_ok = time.time()
        else:
            self.failed(exc)

    def failed(self, exc: BaseException) -> None:
        self.last_error, self.last_error_text = time.time(), f"{type(exc).__name__}: {exc}"

    @property
    def failing(self) -> bool:
        """The last produce outcome was a failure."""
        return self.last_error > self.last_ok


class WatchfloorProducer(AIOKafkaProducer):
    """Faust's producer, with a key partitioner that does not depend on metadata luck.

    Tables with ``use_partitioner`` ask the producer which partition a key goes to. aiokafka
    answers from its metadata, which may not hold a changelog topic yet (it refreshes only
    the topics it has sent to): the answer is then ``None`` and the table write raises,
    crashing the agent mid-event. Every watchfloor table has ``topic_partitions`` partitions,
    so the partition is computed the way Kafka's default partitioner does, and the topic is
    added to the metadata for next time.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.send_health = SendHealth()

    async def send(self, *args: Any, **kwargs: Any) -> Any:
        # every produce of the process (agents, tables' changelogs, poller) passes here
        health = self.send_health
        try:
            fut = await super().send(*args, **kwargs)
        except Exception as exc:
            health.failed(exc)
            raise
        fut.add_done_callback(health.observe)
        return fut

    def key_partition(self, topic: str, key: bytes) -> Any:
        from faust.types import TP

        producer = self._ensure_producer()
        if producer._metadata.partitions_for_topic(topic) is None:
            producer.client.add_topic(topic)
            return TP(topic, (murmur2(key) & 0x7FFFFFFF) % self.app.conf.topic_partitions)
        return super().key_partition(topic, key)


class IdempotentProducer(WatchfloorProducer):
    """Faust's producer with idempotence on: a retried send cannot write a duplicate or
    reorder a partition (Faust enables it only inside transactions)."""

    def _settings_extra(self) -> Any:
        return {**super()._settings_extra(), "acks": "all", "enable_idempotence": True}


class WatchfloorConsumer(AIOKafkaConsumer):
    """Faust's consumer, never committing past an offset that was not processed.

    Faust commits the run of acked offsets that follows the committed one, but lets a
    one-offset hole at the head through (faust-streaming issues 596 and 606, PR 707): an
    event dropped from the in-memory queues when recovery resumes the streams, or still in
    flight, is then committed without ever being processed, and lost. On the pipeline's
    own topics (keyed, never compacted, so offsets have no legitimate holes) a hole at the
    head now holds the commit back; :func:`reread_holes` makes the consumer read it again.
    """

    strict_topics: frozenset[str] = frozenset()

    async def _add_gap(self, tp: Any, offset_from: int, offset_to: int) -> None:
        # Faust records a jump in fetched offsets as a "gap" and later commits across it, as
        # if compaction had removed those records. On our topics nothing is compacted: a
        # jump means records dropped between fetch and stream (the recovery race), which
        # must be read again, not skipped.
        if tp.topic in self.strict_topics:
            return
        await super()._add_gap(tp, offset_from, offset_to)

    def _head_hole(self, tp: Any) -> int | None:
        """The committed offset of ``tp`` when it was never acked while later ones were."""
        acked, committed = self._acked.get(tp), self._committed_offset.get(tp)
        if (tp.topic in self.strict_topics and acked and committed is not None and not self._gap[tp]
                and min(acked) > committed):
            return committed
        return None

    def _new_offset(self, tp: Any) -> Any:
        if self._head_hole(tp) is not None:
            return None
        return super()._new_offset(tp)

    def head_holes(self) -> dict[Any, int]:
        """tp -> committed offset, for partitions whose next offset to commit was never acked."""
        holes = {tp: self._head_hole(tp) for tp in list(self.assignment())}
        return {tp: offset for tp, offset in holes.items() if offset is not None}


async def reread_holes(app: Any, seen: dict[Any, tuple[int, float]], *, grace: float, metrics: Any) -> None:
    """Seek back to the committed offset of a partition whose head hole outlived ``grace``
    seconds: the event there was dropped, not slow. Re-reading repeats the events after it;
    every stage deduplicates (article ids, story assignment, delivered alert ids)."""
    consumer = app.consumer
    if not isinstance(consumer, WatchfloorConsumer) or app.rebalancing:
        return
    now = time.monotonic()
    holes = consumer.head_holes()
    for tp in list(seen):
        if tp not in holes or holes[tp] != seen[tp][0]:
            seen.pop(tp)
    for tp, offset in holes.items():
        first = seen.setdefault(tp, (offset, now))[1]
        if now - first >= grace:
            log.warning("offset %d of %s[%d] was never processed (a Faust recovery race): reading it again",
                        offset, tp.topic, tp.partition, extra={"topic": tp.topic, "partition": tp.partition,
                                                                "offset": offset})
            metrics.consumer_rereads.labels(topic_label(tp.topic)).inc()
            await consumer.seek(tp, offset)
            seen.pop(tp)


class WatchfloorApp(faust.App):
    #: set by :func:`create_app`: False on brokers without InitProducerId (Tansu)
    idempotent_producer = True

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
        return WatchfloorConsumer(
            self.transport,
            callback=self.topics.on_message,
            on_partitions_revoked=self._on_partitions_revoked,
            on_partitions_assigned=self._on_partitions_assigned,
            beacon=self.beacon,
        )

    def _new_producer(self) -> Any:
        cls = IdempotentProducer if self.idempotent_producer else WatchfloorProducer
        return cls(self.transport, loop=self.loop, beacon=self.beacon)


def create_app(settings: Settings, *, broker_url: str, embedded: bool, metrics: Metrics | None = None) -> tuple[faust.App, Context]:
    ctx = Context(settings=settings, metrics=metrics or Metrics(), names=TopicNames(settings.app_id), embedded=embedded)
    app = WatchfloorApp(settings.app_id, **faust_config(settings, broker_url=broker_url, embedded=embedded))
    if embedded:
        from . import embedded as tansu

        app.idempotent_producer = tansu.SUPPORTS_IDEMPOTENCE
    n, p = ctx.names, settings.topic_partitions
    ctx.topics.update(
        feeds=app.topic(n.feeds, key_type=str, partitions=p, internal=False),
        articles=app.topic(n.articles, key_type=str, value_type=Article, partitions=p),
        enriched=app.topic(n.enriched, key_type=str, value_type=EnrichedArticle, partitions=p),
        hits=app.topic(n.hits, key_type=str, partitions=p),
        alerts=app.topic(n.alerts, key_type=str, value_type=Alert, partitions=p),
        mutes=app.topic(n.mutes, key_type=str, partitions=1),
        dead_letters=app.topic(n.dead_letters, key_type=str, partitions=1),
    )
    WatchfloorConsumer.strict_topics = frozenset({n.articles, n.hits, n.alerts})
    holes: dict[Any, tuple[int, float]] = {}

    @app.timer(interval=5.0)
    @guarded
    async def watch_commit_holes() -> None:
        await reread_holes(app, holes, grace=20.0, metrics=ctx.metrics)

    if settings.stuck_timeout:
        @app.task
        async def start_watchdog() -> None:
            from .watchdog import Watchdog

            # not stopped on shutdown: a stop that hangs is one of the things it watches
            Watchdog(asyncio.get_running_loop(), lambda: app.rebalancing, timeout=settings.stuck_timeout,
                     is_stopping=lambda: app.should_stop).start()

    from agents import classify, cluster, dispatch, enrich

    from . import registry, web

    registry.register(app, ctx)
    classify.register(app, ctx)  # before enrich, whose agent runs it
    enrich.register(app, ctx)
    cluster.register(app, ctx)
    dispatch.register(app, ctx)
    web.register(app, ctx)
    return app, ctx
