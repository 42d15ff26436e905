"""Faust's consumer, never committing past an offset that was not processed.

Faust commits the run of acked offsets that follows the committed one, but lets a one-offset
hole at the head through (faust-streaming issues 596 and 606, PR 707): an event dropped from
the in-memory queues when recovery resumes the streams, or still in flight, is then committed
without ever being processed, and lost. On the pipeline's own topics (keyed, never compacted,
so offsets have no legitimate holes) a hole at the head holds the commit back, and
:func:`reread_holes` makes the consumer read it again.

:meth:`WatchfloorConsumer.release` lets go of an event that a stage gave up on for now (a
delivery retrying when the worker stops or its partition is revoked): Faust's stop and
rebalance wait for every event in flight to be acked (``stream_wait_empty``), which for a
retry that may last hours means a stop that hangs; a released event is not waited for and
not acked, so the commit holds at it and it is read again (after the restart, by the new
owner, or by :func:`reread_holes`).

Two more ways Faust commits what was never processed, both after a rebalance:

* An event fetched before the rebalance and still buffered reaches its stream afterwards;
  the stream skips it (an old generation) and *acks* it, also on a stream that acks by hand
  (``noack``), "so that lag does not grow". Faust counts on the seek to the committed offset
  to fetch it again, but the event the stage gave up on (released) and those behind it can
  then be committed ahead of it. On ``manual_topics`` (streams that ack by hand, through
  :func:`settle`) only a settled event counts as acked.
* aiokafka seeks a partition to its committed offset only when there is one above 0: a
  partition the group never committed keeps its fetch position across the rebalance, past
  the dropped events, and Faust has no committed offset to find a head hole against.
  :meth:`WatchfloorConsumer.perform_seek` puts such partitions of strict topics back at
  their first offset (what ``auto_offset_reset=earliest`` means for them) and remembers it
  as the base a head hole is measured from.

At every start and rebalance Faust seeks each assigned partition to its committed offset,
through aiokafka's ``seek_to_committed``, which asks the group coordinator for one partition
at a time: ~50 partitions (topics and changelogs, 4 partitions each) were ~50 round trips in a
row, 0.1-1.6 s of every start. :meth:`WatchfloorConsumer.seek_to_committed` asks for all of
them in one OffsetFetch request (as aiokafka itself does when it refreshes committed offsets)
and seeks exactly as aiokafka would.

Faust private attributes used here (faust-streaming 0.15.3, mode-streaming 0.7.1 and aiokafka 0.14, as pinned):
``Consumer._add_gap``, ``_acked``, ``_committed_offset``, ``_gap``, ``_new_offset``,
``perform_seek`` and ``_unacked_messages`` (the set ``wait_empty`` waits on; faust-streaming has no way to leave an
event unacked across a stop, see its issue 364 on hanging shutdowns); ``Consumer._thread`` (the consumer's own
thread and loop) and its ``_ensure_consumer``; aiokafka's ``AIOKafkaConsumer._subscription``, ``_coordinator``
(``fetch_committed_offsets``) and ``_fetcher`` (``seek_to``), which its own ``seek_to_committed`` uses.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping
from typing import Any

from faust.transport.drivers.aiokafka import Consumer as AIOKafkaConsumer

from streams.core.metrics import Metrics
from streams.kafka.topics import topic_label

log = logging.getLogger(__name__)

#: a head hole older than this is a dropped event, not a slow one
HOLE_GRACE = 20.0


class WatchfloorConsumer(AIOKafkaConsumer):
    """Holds the commit at a head hole on ``strict_topics`` (set by the app that creates it)."""

    strict_topics: frozenset[str] = frozenset()
    #: strict topics whose streams ack by hand: an ack counts only through :meth:`settle`
    manual_topics: frozenset[str] = frozenset()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: (tp, offset) of the event being settled now; its ack follows at once
        self._settling: set[tuple[Any, int]] = set()
        #: tp -> first offset of a partition the group never committed (see perform_seek)
        self._base_offset: dict[Any, int] = {}

    def set_strict_topics(self, topics: Iterable[str], *, manual: Iterable[str] = ()) -> None:
        self.strict_topics = frozenset(topics)
        self.manual_topics = frozenset(manual) & self.strict_topics

    def settle(self, message: Any) -> None:
        """The stage is done with ``message``: its ack, which follows, counts."""
        self._settling.add((message.tp, message.offset))

    def ack(self, message: Any) -> bool:
        tp = message.tp
        if tp.topic in self.manual_topics:
            key = (tp, message.offset)
            if key not in self._settling:  # Faust acking an event it skipped after a rebalance
                return False
            self._settling.discard(key)
        return bool(super().ack(message))

    async def seek_to_committed(self) -> Mapping[Any, int | None]:
        thread = self._thread
        return await thread.call_thread(seek_all_to_committed, thread._ensure_consumer())

    async def perform_seek(self) -> None:
        await super().perform_seek()
        never = [tp for tp in self.assignment()
                 if tp.topic in self.strict_topics and not self._committed_offset.get(tp)]
        if not never:
            return
        firsts = await self.earliest_offsets(*never)
        for tp in never:
            first = firsts.get(tp)
            if first is None:
                continue
            self._base_offset[tp] = first
            await self.seek(tp, first)

    async def _add_gap(self, tp: Any, offset_from: int, offset_to: int) -> None:
        # Faust records a jump in fetched offsets as a "gap" and later commits across it, as
        # if compaction had removed those records. On our topics nothing is compacted: a
        # jump means records dropped between fetch and stream (the recovery race), which
        # must be read again, not skipped.
        if tp.topic in self.strict_topics:
            return
        await super()._add_gap(tp, offset_from, offset_to)

    def release(self, message: Any) -> None:
        """Stop waiting for ``message`` (not acked: the commit stays before it)."""
        self._unacked_messages.discard(message)

    def _head_hole(self, tp: Any) -> int | None:
        """The committed offset of ``tp`` (its first offset if the group never committed it)
        when that offset was never acked while later ones were."""
        if tp.topic not in self.strict_topics:
            return None
        acked, committed = self._acked.get(tp), self._committed_offset.get(tp)
        base = committed or self._base_offset.get(tp, committed)  # Faust stores a commit at 0 as None
        if acked and base is not None and not self._gap[tp] and min(acked) > base:
            return base
        return None

    def _new_offset(self, tp: Any) -> Any:
        if self._head_hole(tp) is not None:
            return None
        return super()._new_offset(tp)

    def head_holes(self) -> dict[Any, int]:
        """tp -> committed offset, for partitions whose next offset to commit was never acked."""
        holes = {tp: self._head_hole(tp) for tp in list(self.assignment())}
        return {tp: offset for tp, offset in holes.items() if offset is not None}


async def seek_all_to_committed(consumer: Any) -> dict[Any, int | None]:
    """aiokafka's ``AIOKafkaConsumer.seek_to_committed()`` (every assigned partition) with one
    OffsetFetch request for all of them instead of one per partition: the same offsets (None
    where the group never committed), the same seeks (only to an offset above 0)."""
    partitions = consumer._subscription.assigned_partitions()
    assert partitions, "No partitions are currently assigned"
    committed = await consumer._coordinator.fetch_committed_offsets(list(partitions))
    offsets: dict[Any, int | None] = {}
    for tp in partitions:
        found = committed.get(tp)
        offset = None if found is None or found.offset == -1 else found.offset
        offsets[tp] = offset
        if offset and offset > 0:
            consumer._fetcher.seek_to(tp, offset)
    return offsets


async def reread_holes(app: Any, seen: dict[Any, tuple[int, float]], *, grace: float, metrics: Metrics) -> None:
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
