"""Faust's producer, with two repairs and a health record.

Faust private attributes used here (faust-streaming 0.15.3, mode-streaming 0.7.1 and aiokafka 0.14, as pinned):
``Producer._ensure_producer()`` and aiokafka's ``AIOKafkaProducer._metadata``, to compute a
table key's partition when aiokafka's metadata does not know the changelog topic yet.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from aiokafka.partitioner import murmur2
from faust.transport.drivers.aiokafka import Producer as AIOKafkaProducer
from faust.types import TP


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
