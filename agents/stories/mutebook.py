"""The mute book: every worker sees every mute; held alerts wait beside their story.

Mutes are few and every worker needs all of them, so instead of a consumer group the
:class:`MuteBook` reads the one-partition ``<app>-mutes`` topic from the beginning with a
group-less consumer, on every worker. A mute is a ``{"op": "mute", "mute": {...}}`` or
``{"op": "unmute", "id": ...}`` record keyed by mute id.

Held alerts live in the stories table under ``held|<topic key>``, on the partition that owns
the story, so a restart or rebalance moves them with it. A timer releases what no active
mute holds any more as one ``digest`` alert: a snooze delays alerts, it never loses them.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from agents.stories import mutes as m
from streams.kafka.faust_app import Runtime
from streams.kafka.sending import send_acked

log = logging.getLogger(__name__)


class MuteBook:
    """The mutes this worker knows; ``ready`` once it has read the topic to its end.
    ``send(record, key)`` puts a mute command on the mutes topic (:meth:`mute`, :meth:`unmute`)."""

    def __init__(self, send: Callable[[dict[str, Any], str], Awaitable[None]] | None = None) -> None:
        self.mutes: dict[str, m.Mute] = {}
        self.ready = asyncio.Event()
        self._send = send

    async def mute(self, mute: m.Mute) -> None:
        await self._command({"op": "mute", "mute": mute.to_dict()}, mute.id)

    async def unmute(self, mute_id: str) -> None:
        await self._command({"op": "unmute", "id": mute_id}, mute_id)

    async def _command(self, record: dict[str, Any], key: str) -> None:
        if self._send is None:
            raise RuntimeError("this mute book is read-only (no send given)")
        await self._send(record, key)

    def apply(self, record: dict[str, Any]) -> None:
        op = record.get("op")
        if op == "mute":
            mute = m.Mute.from_dict(record["mute"])
            self.mutes[mute.id] = mute
        elif op == "unmute":
            self.mutes.pop(str(record.get("id")), None)
        else:
            raise ValueError(f"unknown mute op {op!r}")

    def active(self, now: float | None = None) -> list[m.Mute]:
        now = time.time() if now is None else now
        return [x for x in self.mutes.values() if x.active(now)]

    def holding(self, alert: Any, now: float | None = None) -> m.Mute | None:
        ids = [e.id for e in alert.entities if e.id]
        return m.is_muted(alert.topic, ids, alert.story_id, self.mutes.values(), time.time() if now is None else now)

    async def follow(self, bootstrap: str, topic: str) -> None:
        """Read the mutes topic forever (from the start); set ``ready`` once caught up."""
        while True:
            consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, group_id=None)
            try:
                await consumer.start()
                tp = TopicPartition(topic, 0)
                consumer.assign([tp])
                await consumer.seek_to_beginning(tp)
                end = (await consumer.end_offsets([tp]))[tp]
                if end == 0:
                    self.ready.set()
                while True:
                    batch = await consumer.getmany(timeout_ms=1000)
                    for messages in batch.values():
                        for msg in messages:
                            try:
                                self.apply(json.loads(msg.value))
                            except (ValueError, KeyError, TypeError) as exc:
                                log.error("mutes: bad record at offset %d: %s", msg.offset, exc)
                    if not self.ready.is_set() and await consumer.position(tp) >= end:
                        self.ready.set()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.error("mutes: reader failed (%s); retrying in 5 s", exc)
                await asyncio.sleep(5)
            finally:
                await consumer.stop()


def register(rt: Runtime) -> MuteBook:
    """The book, the task that follows the mutes topic, and how to send a mute command."""
    async def send(record: dict[str, Any], key: str) -> None:
        await send_acked(rt.topics.mutes, key, record, timeout=rt.settings.kafka_timeout)

    book = MuteBook(send=send)

    @rt.app.task
    async def follow_mutes() -> None:
        await book.follow(",".join(url.authority for url in rt.app.conf.broker), rt.names.mutes)

    return book
