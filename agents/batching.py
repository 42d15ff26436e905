"""Batched produce for agents that read with ``stream.take_events``: one ack wait per batch.

Waiting for the broker's ack of every record before taking the next costs a produce round
trip per record (a request, a socket write and a broker response each): the pipeline ran at
~300 articles/s on two cores, ~90% of the worker's CPU in Kafka plumbing. Sending a whole
batch and then awaiting all its acks lets aiokafka pack the records into a few requests.

The guarantee is unchanged: Faust acks (and later commits) the events of a ``take_events``
batch only when the agent asks for the next batch, and :func:`send_all_until_acked` returns
only once the broker has acked every record of the batch. Like
:func:`streams.app.send_until_acked` it never raises (Faust would ack the batch and lose it):
records that failed or were not acked in time are sent again, with backoff, holding the
partitions until the broker takes them.

Batching needs ``topic.send`` not to yield to the event loop between records. Faust's
``App.maybe_start_producer`` (awaited by every ``topic.send`` and every table changelog
write) is stampede-guarded, and mode's ``StampedeWrapper`` does ``asyncio.sleep(0)`` three
times per call: aiokafka's sender task then runs between any two records and ships nearly
each in its own produce request (measured: 1.3 records per request). So
``WatchfloorApp.maybe_start_producer`` (streams/app.py) must return the producer at once when
it is already started; without that, the records of a batch still trickle out one or two
per request (10,935 requests for 20,000 articles; 1,468 with it).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

log = logging.getLogger(__name__)

#: at most this many records per batch: ~0.3 ms of pure work each, so a full batch is
#: ~150 ms of CPU, well inside Kafka's poll and session limits
BATCH_MAX = 500
#: a batch is handed over after this long even when not full: at low rates each batched stage
#: adds at most this. At 200 articles/s, 10 ms gave p50 53 ms publish -> webhook, 20 ms 87 ms;
#: throughput with a backlog did not differ beyond the noise (bench/README.md)
BATCH_WITHIN = 0.01


def event_fields(event: Any) -> dict[str, Any]:
    """Kafka coordinates of one event of a batch, for ``extra=`` (cf. ``record_fields``)."""
    message = getattr(event, "message", None)
    if message is None:
        return {}
    return {"topic": message.topic, "partition": message.partition, "offset": message.offset}


def _retrieve(fut: asyncio.Future) -> None:
    # a send we gave up waiting for may still fail later: read its error so that asyncio
    # does not log "exception was never retrieved" (the record was already sent again)
    if not fut.cancelled():
        fut.exception()


async def send_round(topic: Any, records: Sequence[tuple[Any, Any]], *,
                     timeout: float) -> tuple[list[tuple[Any, Any]], BaseException | None]:
    """Send every record, then wait for all their acks, all within ``timeout`` seconds.

    Returns the records the broker did not ack (failed, timed out, or never handed to the
    producer because an earlier send raised), in their original order, and the first error.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    futs: list[Any] = []
    error: BaseException | None = None
    try:
        async with asyncio.timeout_at(deadline):
            for key, value in records:
                futs.append(await topic.send(key=key, value=value))
    except Exception as exc:  # TimeoutError included; CancelledError is not an Exception
        error = exc
    if futs:
        await asyncio.wait(futs, timeout=max(0.0, deadline - loop.time()))
    failed: list[tuple[Any, Any]] = []
    for record, fut in zip(records, futs):
        if not fut.done():
            fut.add_done_callback(_retrieve)
            error = error or TimeoutError(f"not acked within {timeout:g} s")
            failed.append(record)
        elif fut.cancelled() or fut.exception() is not None:
            error = error or (fut.exception() if not fut.cancelled() else asyncio.CancelledError())
            failed.append(record)
    failed.extend(records[len(futs):])
    return failed, error


async def send_all_until_acked(topic: Any, records: Sequence[tuple[Any, Any]], *, timeout: float, metrics: Any,
                               label: str, sleep: Any = asyncio.sleep) -> None:
    """Send ``(key, value)`` records and return once the broker has acked every one.

    Each round is bounded by ``timeout``; what a round did not get acked is counted in
    ``watchfloor_kafka_send_errors_total{topic=label}`` (one per record, as for
    ``send_until_acked``), logged, and sent again after 1, 2, 4 ... 30 s. A record sent again
    after a send that did land is absorbed downstream (dedup by article id, story, alert id).
    """
    pending = list(records)
    delay = 1.0
    while pending:
        failed, error = await send_round(topic, pending, timeout=timeout)
        if not failed:
            return
        metrics.kafka_send_errors.labels(label).inc(len(failed))
        log.error("%d of %d sends to %s failed (%s: %s); retrying them in %.0fs", len(failed), len(pending), label,
                  type(error).__name__, error, delay,
                  extra={"topic": getattr(topic, "get_topic_name", lambda: label)()})
        pending = failed
        await sleep(delay)
        delay = min(delay * 2, 30.0)
