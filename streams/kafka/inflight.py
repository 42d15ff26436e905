"""Pipelined sends: an input event is acked when the broker has acked every record it produced.

Awaiting the broker's ack of each output before reading the next input costs a produce round
trip per article: the pipeline ran at ~300 articles/s on two cores, ~90% of the worker's CPU in
Kafka plumbing (bench/README.md). Here an agent reads with manual acks
(``stream.noack().events()``), hands its outputs to :class:`InFlight` and goes on at once; while
one produce request is on the wire the next records gather in aiokafka's accumulator, so they
travel many to a request.

The guarantee is the one :func:`streams.kafka.sending.send_until_acked` gives: an input is acked (and so may be
committed) only once all its outputs are acked by the broker. Acks may come out of offset order;
Faust commits only the unbroken run of acked offsets after the committed one, and
``WatchfloorConsumer`` holds the commit at a hole. A send that fails, or is not acked within
``timeout``, is sent again with backoff (1, 2, 4 ... 30 s), counted in
``watchfloor_kafka_send_errors_total{topic=...}`` and logged; nothing raises into Faust (which
would ack the event and lose it). A resend of a record that did land is absorbed downstream
(dedup by article id, story, alert id).

Why not ``stream.take_events``: it acks a batch's events in a ``finally`` when the batch is
handed back, whatever happened to it, and a clean CI run lost 77 of 200 alerts with it in the
two-workers SIGKILL fault test. Here nothing is acked except from a broker's ack.

Faust private attributes used here (faust-streaming 0.15.3, mode-streaming 0.7.1 and aiokafka 0.14, as pinned):
``Stream._on_stream_event_out`` and ``Stream._on_message_out``, in :func:`ack_event`.
"""

from __future__ import annotations

import asyncio
import collections
import logging
from collections.abc import Callable, Sequence
from typing import Any

from streams.kafka.consumer import WatchfloorConsumer
from streams.kafka.topics import topic_label

log = logging.getLogger(__name__)

#: records sent and not yet acked, above which the agent waits before reading more. Faust's
#: stream buffer bounds the input; this bounds what retries can pile up while a broker is down.
MAX_IN_FLIGHT = 5000

#: an output: (Faust topic, key, value)
Record = tuple[Any, Any, Any]


def ack_event(stream: Any, event: Any) -> None:
    """``await stream.ack(event)`` without a coroutine, for done-callbacks: what Faust's
    ``Stream.ack`` does (consumer ack plus the sensors' stream/message out hooks), none of which
    awaits anything. The one way a hand-acking stage acks: on ``manual_topics`` the consumer
    counts no other ack (:meth:`WatchfloorConsumer.settle`)."""
    consumer = event.app.consumer
    if isinstance(consumer, WatchfloorConsumer):
        consumer.settle(event.message)
    last = event.ack()
    message = event.message
    stream._on_stream_event_out(message.tp, message.offset, stream, event)
    if last:
        stream._on_message_out(message.tp, message.offset, message)


class _Pending:
    """One input event and the number of its outputs still waiting for the broker."""

    __slots__ = ("event", "remaining", "on_acked")

    def __init__(self, event: Any, remaining: int, on_acked: Callable[[], None] | None) -> None:
        self.event, self.remaining, self.on_acked = event, remaining, on_acked


class _Wait:
    """One record sent and waiting for its ack or its deadline, whichever comes first."""

    __slots__ = ("pending", "record", "deadline", "settled")

    def __init__(self, pending: _Pending, record: Record, deadline: float) -> None:
        self.pending, self.record, self.deadline, self.settled = pending, record, deadline, False


class InFlight:
    """Sends the outputs of an agent's events and acks each event once they are all acked."""

    def __init__(self, stream: Any, *, timeout: float, metrics: Any, max_in_flight: int = MAX_IN_FLIGHT,
                 ack: Callable[[Any, Any], None] = ack_event) -> None:
        self.stream, self.timeout, self.metrics = stream, timeout, metrics
        self.max_in_flight, self._ack = max_in_flight, ack
        self.in_flight = 0  # records sent, not yet acked
        self._room = asyncio.Event()
        self._retries: set[asyncio.Task] = set()
        #: records waiting for their ack, in the order sent: with one ``timeout`` their deadlines
        #: come in that order too, so one timer for the oldest stands for all (a ``call_later``
        #: armed and cancelled per record cost a timer-heap push and a cancelled handle each)
        self._waits: collections.deque[_Wait] = collections.deque()
        self._sweep: asyncio.TimerHandle | None = None

    def ack(self, event: Any) -> None:
        """Ack an event now (one whose outputs are known to be acked, e.g. a repeat of them)."""
        self._ack(self.stream, event)

    async def send(self, event: Any, records: Sequence[Record], on_acked: Callable[[], None] | None = None) -> None:
        """Send ``(topic, key, value)`` records for ``event``; return as soon as they are handed
        to the producer. ``on_acked`` runs (before the event is acked) once the broker has them
        all; an event without records is acked at once."""
        pending = _Pending(event, len(records), on_acked)
        if not records:
            self._finish(pending)
            return
        while self.in_flight >= self.max_in_flight:
            self._room.clear()
            await self._room.wait()
        self.in_flight += len(records)
        for record in records:
            await self._send_one(pending, record)

    async def _send_one(self, pending: _Pending, record: Record) -> None:
        topic, key, value = record
        try:
            # bounded already: aiokafka gives up adding to a full accumulator after its request
            # timeout (Faust's producer_request_timeout = kafka_timeout)
            fut = await topic.send(key=key, value=value)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self._failed(pending, record, exc, 1.0)
            return
        # a send the broker never answers must not hold the event for ever: give up waiting after
        # ``timeout`` and send again (if the first lands after all, downstream drops the repeat)
        loop = asyncio.get_running_loop()
        wait = _Wait(pending, record, loop.time() + self.timeout)
        self._waits.append(wait)
        if self._sweep is None:
            self._sweep = loop.call_at(wait.deadline, self._expire)
        fut.add_done_callback(lambda f: self._done(f, wait))

    def _done(self, fut: Any, wait: _Wait) -> None:
        if wait.settled:
            return  # expired before this answer and already sent again
        wait.settled = True
        pending, record = wait.pending, wait.record
        wait.pending = wait.record = None  # the queue may hold it until the oldest is answered
        waits = self._waits
        while waits and waits[0].settled:
            waits.popleft()
        exc = fut.exception() if not fut.cancelled() else asyncio.CancelledError()
        if exc is not None:
            self._failed(pending, record, exc, 1.0)
        else:
            self._record_acked(pending)

    def _expire(self) -> None:
        """Give up on every record past its deadline; the timer then waits for the next one."""
        self._sweep = None
        loop = asyncio.get_running_loop()
        # the loop runs a timer up to its clock resolution early: a deadline that close is due
        now, waits = loop.time() + 0.001, self._waits
        while waits and (waits[0].settled or waits[0].deadline <= now):
            wait = waits.popleft()
            if not wait.settled:
                wait.settled = True
                self._failed(wait.pending, wait.record, TimeoutError(f"not acked within {self.timeout:g} s"), 1.0)
        if waits:
            self._sweep = loop.call_at(waits[0].deadline, self._expire)

    def _failed(self, pending: _Pending, record: Record, exc: BaseException, delay: float) -> None:
        name = record[0].get_topic_name()
        self.metrics.kafka_send_errors.labels(topic_label(name)).inc()
        log.error("send to %s failed (%s: %s); retrying in %.0fs", name, type(exc).__name__, exc, delay,
                  extra={"topic": name})
        task = asyncio.ensure_future(self._resend(pending, record, delay))
        self._retries.add(task)
        task.add_done_callback(self._retries.discard)

    async def _resend(self, pending: _Pending, record: Record, delay: float) -> None:
        topic, key, value = record
        while True:
            await asyncio.sleep(delay)
            try:
                fut = await asyncio.wait_for(topic.send(key=key, value=value), self.timeout)
                await asyncio.wait_for(asyncio.shield(fut), self.timeout)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if isinstance(exc, TimeoutError) and not str(exc):
                    exc = TimeoutError(f"not acked within {self.timeout:g} s")
                delay = min(delay * 2, 30.0)
                self.metrics.kafka_send_errors.labels(topic_label(topic.get_topic_name())).inc()
                log.error("send to %s failed again (%s: %s); retrying in %.0fs", topic.get_topic_name(),
                          type(exc).__name__, exc, delay)
                continue
            self._record_acked(pending)
            return

    def _record_acked(self, pending: _Pending) -> None:
        self.in_flight -= 1
        if self.in_flight < self.max_in_flight:
            self._room.set()
        pending.remaining -= 1
        if pending.remaining == 0:
            self._finish(pending)

    def _finish(self, pending: _Pending) -> None:
        if pending.on_acked is not None:
            try:
                pending.on_acked()
            except Exception:  # the outputs are safe; a failing hook must not keep the event unacked
                log.exception("after-ack hook of %r failed", pending.event)
        self._ack(self.stream, pending.event)
