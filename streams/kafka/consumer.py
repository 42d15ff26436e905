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

Faust private attributes used here (faust-streaming 0.15.3, mode-streaming 0.7.1 and aiokafka 0.14, as pinned):
``Consumer._add_gap``, ``_acked``, ``_committed_offset``, ``_gap``, ``_new_offset`` and
``_unacked_messages`` (the set ``wait_empty`` waits on; faust-streaming has no way to leave an
event unacked across a stop, see its issue 364 on hanging shutdowns).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
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

    def set_strict_topics(self, topics: Iterable[str]) -> None:
        self.strict_topics = frozenset(topics)

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
