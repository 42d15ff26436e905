"""A real single-node Apache Kafka broker (KRaft mode) for tests.

Plain Python, importable without pytest::

    from broker import KafkaBroker          # or load this file by path

    with KafkaBroker() as kb:
        print(kb.bootstrap)                 # "127.0.0.1:PORT"
        kb.create_topics({"news.raw": 3}, compacted={"news.state"})

The broker's jars come from Maven Central through ``tests/kafka/pom.xml``
(``mvn dependency:copy-dependencies``) and are cached outside the repository,
in ``$WATCHFLOOR_KAFKA_CACHE`` or ``~/.cache/watchfloor/kafka-<version>``.
Maven runs only when that cache is missing or the pom changed.

Needs ``java`` (17+) and, for the first run, ``mvn`` on PATH.

Run ``python tests/kafka/broker.py`` to start a broker by hand (Ctrl-C stops it).
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any, Awaitable, Callable, Iterable, Mapping, TypeVar

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"

_T = TypeVar("_T")


def _pom_kafka_version() -> str:
    m = re.search(r"<kafka\.version>\s*([^<\s]+)\s*</kafka\.version>", POM.read_text())
    if not m:  # pragma: no cover - the pom is ours
        raise RuntimeError(f"no <kafka.version> in {POM}")
    return m.group(1)


KAFKA_VERSION = _pom_kafka_version()
_MARKER = ".watchfloor-jars-ok"


class KafkaBrokerError(RuntimeError):
    """The broker's jars could not be fetched, or the broker did not start."""


# --------------------------------------------------------------------------
# jars
# --------------------------------------------------------------------------


def default_cache_dir() -> Path:
    env = os.environ.get("WATCHFLOOR_KAFKA_CACHE")
    if env:
        return Path(env).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "watchfloor" / f"kafka-{KAFKA_VERSION}"


def _pom_digest() -> str:
    return hashlib.sha256(POM.read_bytes()).hexdigest()


def ensure_jars(cache_dir: Path | None = None) -> Path:
    """Return ``<cache_dir>/lib`` holding the broker's jars, fetching them with
    Maven first if they are not there yet (or the pom changed since).

    Safe to call from several processes at once (a file lock serialises them).
    """
    cache = Path(cache_dir).expanduser() if cache_dir else default_cache_dir()
    lib = cache / "lib"
    marker = cache / _MARKER
    digest = _pom_digest()
    if marker.is_file() and marker.read_text().strip() == digest and lib.is_dir():
        return lib

    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if marker.is_file() and marker.read_text().strip() == digest and lib.is_dir():
            return lib  # another process fetched them meanwhile
        mvn = shutil.which("mvn")
        if mvn is None:
            raise KafkaBrokerError(
                "Maven ('mvn') is not on PATH: it is needed once to fetch the Kafka "
                f"broker jars into {lib} (e.g. `apt-get install -y maven`)."
            )
        tmp = cache / "lib.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        cmd = [
            mvn, "-q", "-B", "-f", str(POM),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={tmp}",
            "-DincludeScope=runtime",
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0 or not any(tmp.glob("kafka_2.13-*.jar")):
            out = (proc.stdout + proc.stderr).strip()
            raise KafkaBrokerError(
                f"fetching the Kafka {KAFKA_VERSION} jars with Maven failed "
                f"(exit {proc.returncode}): {' '.join(cmd)}\n"
                + "\n".join(out.splitlines()[-40:])
            )
        shutil.rmtree(lib, ignore_errors=True)
        tmp.rename(lib)
        marker.write_text(digest + "\n")
    return lib


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


#: tmpfs for the broker's data when it has this much room (Docker's default /dev/shm has 64 MB)
_SCRATCH_ROOM = 2 * 1024**3


def scratch_dir() -> str | None:
    """Where a broker's throw-away data dir goes: ``/dev/shm`` (tmpfs) when it has room, else
    the system's temp dir. On ext4 mounted with ``discard`` (this CI machine) deleting the
    session broker's data dir took 12-16 s, every freed extent trimmed; on tmpfs it is instant.
    A broker process killed or frozen keeps its writes either way: they are in the page cache."""
    shm = "/dev/shm"
    try:
        st = os.statvfs(shm)
    except OSError:
        return None
    roomy = st.f_bavail * st.f_frsize >= _SCRATCH_ROOM
    return shm if roomy and os.access(shm, os.W_OK | os.X_OK) else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def random_cluster_id() -> str:
    """Like ``kafka-storage.sh random-uuid``: url-safe base64 of 16 random bytes."""
    while True:
        cid = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cid.startswith("-"):  # Kafka's Uuid.randomUuid() avoids these too
            return cid


def _run_coro(factory: Callable[[], Awaitable[_T]]) -> _T:
    """Run a coroutine to completion on a fresh loop in a worker thread, so it
    works whether or not the caller already runs an event loop."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(factory())
        except BaseException as e:  # noqa: BLE001 - re-raised below
            box["error"] = e

    t = threading.Thread(target=target, name="kafka-broker-helper", daemon=True)
    t.start()
    t.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


async def _probe(bootstrap: str, timeout: float) -> bool:
    """True once the broker answers a metadata request and lists itself."""
    from aiokafka import AIOKafkaClient

    client = AIOKafkaClient(
        bootstrap_servers=bootstrap,
        request_timeout_ms=int(timeout * 1000),
        metadata_max_age_ms=1000,
    )
    try:
        await asyncio.wait_for(client.bootstrap(), timeout)
        return bool(client.cluster.brokers())
    except Exception:  # noqa: BLE001 - not up yet
        return False
    finally:
        with contextlib.suppress(Exception):
            await client.close()


async def acreate_topics(
    bootstrap: str,
    topics: Mapping[str, int],
    compacted: Iterable[str] = (),
    *,
    configs: Mapping[str, Mapping[str, str]] | None = None,
    exist_ok: bool = True,
    timeout: float = 30.0,
) -> None:
    """Create ``{name: partitions}`` (replication factor 1) with aiokafka's admin
    client; names in ``compacted`` get ``cleanup.policy=compact``; ``configs``
    adds per-topic settings. Returns once every partition has a leader."""
    from aiokafka.admin import AIOKafkaAdminClient, NewTopic
    from aiokafka.errors import TopicAlreadyExistsError

    compacted = set(compacted)
    configs = configs or {}
    unknown = compacted - set(topics)
    if unknown:
        raise ValueError(f"compacted topics not in topics: {sorted(unknown)}")
    new = []
    for name, partitions in topics.items():
        cfg = dict(configs.get(name, {}))
        if name in compacted:
            cfg.setdefault("cleanup.policy", "compact")
        new.append(NewTopic(name, int(partitions), 1, topic_configs=cfg))
    if not new:
        return

    admin = AIOKafkaAdminClient(
        bootstrap_servers=bootstrap, request_timeout_ms=int(timeout * 1000)
    )
    await admin.start()
    try:
        resp = await admin.create_topics(new, timeout_ms=int(timeout * 1000))
        errors = []
        for err in getattr(resp, "topic_errors", ()):
            name, code = err[0], err[1]
            if code == 0 or (exist_ok and code == TopicAlreadyExistsError.errno):
                continue
            errors.append((name, code, err[2] if len(err) > 2 else None))
        if errors:
            raise KafkaBrokerError(f"create_topics failed: {errors}")
        # wait for the metadata to show every partition with a leader
        want = {n: int(p) for n, p in topics.items()}
        deadline = time.monotonic() + timeout
        while True:
            meta = await admin.describe_topics(list(want))
            ready = all(
                t.get("error_code", 0) == 0
                and len(t.get("partitions", ())) >= want[t["topic"]]
                and all(p.get("leader", -1) >= 0 for p in t["partitions"])
                for t in meta
            )
            if ready:
                return
            if time.monotonic() > deadline:
                raise KafkaBrokerError(f"topics not ready after {timeout}s: {meta}")
            await asyncio.sleep(0.1)
    finally:
        await admin.close()


def create_topics(
    bootstrap: str,
    topics: Mapping[str, int],
    compacted: Iterable[str] = (),
    **kwargs: Any,
) -> None:
    """Synchronous :func:`acreate_topics` (safe inside a running event loop:
    it runs on its own loop in a worker thread)."""
    compacted = set(compacted)
    _run_coro(lambda: acreate_topics(bootstrap, topics, compacted, **kwargs))


# --------------------------------------------------------------------------
# the broker
# --------------------------------------------------------------------------

_LOG4J2 = """\
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = {level}
rootLogger.appenderRef.stdout.ref = STDOUT
logger.kafka.name = kafka
logger.kafka.level = {level}
logger.apache.name = org.apache.kafka
logger.apache.level = {level}
"""

_LIVE: "set[KafkaBroker]" = set()


@atexit.register
def _stop_all() -> None:  # never leave an orphaned JVM behind
    for b in list(_LIVE):
        with contextlib.suppress(Exception):
            b.stop()


class KafkaBroker:
    """A single-node KRaft Kafka broker (broker+controller in one JVM) on
    127.0.0.1 with free ports and a throw-away data dir.

    ``extra_properties`` override/extend server.properties; ``keep_dir`` keeps
    the temp dir (data + ``broker.log``) after :meth:`stop`.
    """

    def __init__(
        self,
        cache_dir: Path | None = None,
        *,
        startup_timeout: float = 60.0,
        heap: str = "512m",
        extra_properties: Mapping[str, Any] | None = None,
        log_level: str = "INFO",
        keep_dir: bool = False,
        java: str | None = None,
    ) -> None:
        self.cache_dir = cache_dir
        self.startup_timeout = startup_timeout
        self.heap = heap
        self.extra_properties = dict(extra_properties or {})
        self.log_level = log_level
        self.keep_dir = keep_dir or os.environ.get("WATCHFLOOR_KAFKA_KEEP") == "1"
        self.java = java or shutil.which("java") or "java"
        self.port: int | None = None
        self.controller_port: int | None = None
        self.cluster_id: str | None = None
        self.workdir: Path | None = None
        self.log_path: Path | None = None
        self.startup_seconds: float | None = None
        self._proc: subprocess.Popen | None = None
        self._log_file = None
        self._formatted = False  # workdir holds a formatted log dir: start() reuses it
        self.frozen = False

    # -- public properties -------------------------------------------------
    @property
    def bootstrap(self) -> str:
        if self.port is None:
            raise KafkaBrokerError("broker not started")
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"kafka://{self.bootstrap}"

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def create_topics(
        self, topics: Mapping[str, int], compacted: Iterable[str] = (), **kwargs: Any
    ) -> None:
        create_topics(self.bootstrap, topics, compacted, **kwargs)

    async def acreate_topics(
        self, topics: Mapping[str, int], compacted: Iterable[str] = (), **kwargs: Any
    ) -> None:
        await acreate_topics(self.bootstrap, topics, compacted, **kwargs)

    def log_tail(self, lines: int = 60) -> str:
        if not self.log_path or not self.log_path.exists():
            return "(no broker log)"
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])

    # -- lifecycle ---------------------------------------------------------
    def __enter__(self) -> "KafkaBroker":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _properties(self) -> dict[str, Any]:
        assert self.workdir is not None
        p, c = self.port, self.controller_port
        props: dict[str, Any] = {
            "process.roles": "broker,controller",
            "node.id": 1,
            "controller.quorum.voters": f"1@127.0.0.1:{c}",
            "listeners": f"PLAINTEXT://127.0.0.1:{p},CONTROLLER://127.0.0.1:{c}",
            "advertised.listeners": f"PLAINTEXT://127.0.0.1:{p}",
            "controller.listener.names": "CONTROLLER",
            "inter.broker.listener.name": "PLAINTEXT",
            "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs": str(self.workdir / "data"),
            "num.partitions": 1,
            "default.replication.factor": 1,
            "auto.create.topics.enable": "true",
            "offsets.topic.replication.factor": 1,
            "offsets.topic.num.partitions": 5,
            "transaction.state.log.replication.factor": 1,
            "transaction.state.log.min.isr": 1,
            "transaction.state.log.num.partitions": 5,
            "share.coordinator.state.topic.replication.factor": 1,
            "share.coordinator.state.topic.min.isr": 1,
            "group.initial.rebalance.delay.ms": 0,
            "num.network.threads": 2,
            "num.io.threads": 4,
            "num.recovery.threads.per.data.dir": 1,
            "log.retention.check.interval.ms": 300000,
        }
        props.update(self.extra_properties)
        return props

    def _java(
        self, lib: Path, main: str, *args: str, heap: str = "256m", tool: bool = False
    ) -> list[str]:
        assert self.workdir is not None
        # a short-lived tool starts faster with C1 only and the serial GC
        jvm = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"] if tool else ["-XX:+UseG1GC"]
        return [
            self.java,
            f"-Xmx{heap}",
            "-Xms64m",
            *jvm,
            "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true",
            f"-Dlog4j2.configurationFile={self.workdir / 'log4j2.properties'}",
            "-cp",
            f"{lib}/*",
            main,
            *args,
        ]

    def start(self) -> "KafkaBroker":
        """Start the broker. The first start picks free ports, a cluster id and a fresh data
        dir and formats it; a start after :meth:`stop` with ``keep_data=True`` (or after
        :meth:`kill`) brings the *same* broker back: same data, ports and cluster id."""
        if self.running:
            return self
        t0 = time.monotonic()
        lib = ensure_jars(self.cache_dir)
        if self._formatted:
            # the same broker again: its listener port must still be ours to take
            if not self._port_bindable():
                raise KafkaBrokerError(
                    f"cannot restart the broker: port {self.port} was taken while it was down"
                )
        else:
            self._format(lib)
        self._launch(lib, t0)
        return self

    def _format(self, lib: Path) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="watchfloor-kafka-", dir=scratch_dir()))
        self.log_path = self.workdir / "broker.log"
        self.port = _free_port()
        self.controller_port = _free_port()
        while self.controller_port == self.port:
            self.controller_port = _free_port()
        self.cluster_id = random_cluster_id()

        (self.workdir / "log4j2.properties").write_text(
            _LOG4J2.format(level=self.log_level)
        )
        props_path = self.workdir / "server.properties"
        props_path.write_text(
            "".join(f"{k}={v}\n" for k, v in self._properties().items())
        )
        try:
            fmt = subprocess.run(
                self._java(
                    lib, "kafka.tools.StorageTool",
                    "format", "-t", self.cluster_id, "-c", str(props_path),
                    "--ignore-formatted", tool=True,
                ),
                capture_output=True, text=True, timeout=self.startup_timeout,
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            self._cleanup()
            raise KafkaBrokerError(f"kafka-storage format failed: {e}") from e
        if fmt.returncode != 0:
            out = (fmt.stdout + fmt.stderr).strip()
            self._cleanup()
            raise KafkaBrokerError(
                f"kafka-storage format failed (exit {fmt.returncode}):\n{out[-4000:]}"
            )
        self._formatted = True

    def _launch(self, lib: Path, t0: float) -> None:
        assert self.workdir is not None
        props_path = self.workdir / "server.properties"
        self._log_file = open(self.log_path, "ab")
        try:
            self._proc = subprocess.Popen(
                self._orphan_guard()
                + self._java(lib, "kafka.Kafka", str(props_path), heap=self.heap),
                stdout=self._log_file,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=self.workdir,
                start_new_session=True,  # Ctrl-C in the test run doesn't hit it
            )
        except OSError as e:
            self._cleanup()
            raise KafkaBrokerError(f"could not run {self.java}: {e}") from e
        _LIVE.add(self)

        try:
            self._wait_ready(t0 + self.startup_timeout)
        except KafkaBrokerError as e:
            tail = self.log_tail()
            self.stop()
            raise KafkaBrokerError(f"{e}\n--- broker log tail ---\n{tail}") from None
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - t0

    @staticmethod
    def _orphan_guard() -> list[str]:
        """``setpriv --pdeathsig TERM`` (util-linux) so the JVM goes down with
        us even if we are SIGKILLed. Only from the main thread: the death
        signal fires when the *thread* that spawned the child exits."""
        setpriv = shutil.which("setpriv")
        if setpriv and threading.current_thread() is threading.main_thread():
            return [setpriv, "--pdeathsig", "TERM", "--"]
        return []

    def _wait_ready(self, deadline: float) -> None:
        while True:
            if self._proc is None or self._proc.poll() is not None:
                code = self._proc.returncode if self._proc else None
                raise KafkaBrokerError(f"Kafka broker exited early (code {code})")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise KafkaBrokerError(
                    f"Kafka broker on {self.bootstrap} not ready after "
                    f"{self.startup_timeout:.0f}s"
                )
            if self._port_open() and _run_coro(
                lambda: _probe(self.bootstrap, min(5.0, max(remaining, 0.5)))
            ):
                return
            time.sleep(0.25)

    def _port_open(self) -> bool:
        with contextlib.suppress(OSError):
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        return False

    def _port_bindable(self) -> bool:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the JVM does
            try:
                s.bind(("127.0.0.1", self.port))
            except OSError:
                return False
        return True

    def stop(self, timeout: float = 15.0, *, keep_data: bool = False) -> None:
        """Stop the broker (SIGTERM, then SIGKILL after ``timeout``). ``keep_data`` keeps
        the data dir, ports and cluster id, so :meth:`start` brings the same broker back;
        otherwise the data dir goes (unless ``keep_dir``) and a later start is a new broker.

        A broker whose data goes with it is SIGKILLed at once: nothing of it is read again, and
        a graceful shutdown of a single-node KRaft broker takes longer the more partitions it
        holds (past the 15 s ``timeout`` after a full test session's few thousand)."""
        proc, self._proc = self._proc, None
        _LIVE.discard(self)
        if proc is not None and proc.poll() is None and not (keep_data or self.keep_dir):
            with contextlib.suppress(ProcessLookupError):
                proc.kill()  # a stopped (frozen) JVM dies of it too
            proc.wait(10)
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
                if self.frozen:  # a stopped JVM would never act on the SIGTERM
                    proc.send_signal(signal.SIGCONT)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                proc.wait(10)
        self.frozen = False
        if keep_data:
            self._close_log()
        else:
            self._cleanup()

    def kill(self, sig: int = signal.SIGKILL, timeout: float = 30.0) -> None:
        """The broker dies at once (a crash, not a shutdown): ``sig`` to the JVM, wait for it
        to exit, keep its data. :meth:`start` brings the same broker back."""
        proc = self._proc
        if proc is None or proc.poll() is not None:
            raise KafkaBrokerError("broker not running")
        proc.send_signal(sig)
        if self.frozen and sig != signal.SIGKILL:
            proc.send_signal(signal.SIGCONT)
        proc.wait(timeout)
        self.stop(keep_data=True)

    def restart(self, down_for: float = 0.0) -> "KafkaBroker":
        """Stop (keeping data), stay down ``down_for`` seconds, start the same broker again."""
        self.stop(keep_data=True)
        if down_for > 0:
            time.sleep(down_for)
        return self.start()

    def freeze(self) -> None:
        """SIGSTOP the JVM: the broker hangs instead of refusing connections (the kernel
        still accepts TCP connections on its port, nothing answers them)."""
        if not self.running:
            raise KafkaBrokerError("broker not running")
        os.kill(self._proc.pid, signal.SIGSTOP)
        self.frozen = True

    def thaw(self) -> None:
        """SIGCONT the JVM frozen by :meth:`freeze`."""
        if not self.running:
            raise KafkaBrokerError("broker not running")
        os.kill(self._proc.pid, signal.SIGCONT)
        self.frozen = False

    def wait_ready(self, timeout: float | None = None) -> None:
        """Block until the broker answers a metadata request (e.g. after :meth:`thaw`)."""
        timeout = self.startup_timeout if timeout is None else timeout
        self._wait_ready(time.monotonic() + timeout)

    def _close_log(self) -> None:
        if self._log_file is not None:
            with contextlib.suppress(Exception):
                self._log_file.close()
            self._log_file = None

    def _cleanup(self) -> None:
        self._close_log()
        if self.workdir is not None and not self.keep_dir:
            shutil.rmtree(self.workdir, ignore_errors=True)
        self._formatted = False

    def __repr__(self) -> str:
        state = f"pid={self.pid} {self.bootstrap}" if self.running else "stopped"
        return f"<KafkaBroker {KAFKA_VERSION} {state}>"


if __name__ == "__main__":
    t = time.monotonic()
    lib = ensure_jars()
    print(f"jars: {lib} ({time.monotonic() - t:.1f}s)")
    with KafkaBroker(keep_dir=True) as kb:
        print(f"Kafka {KAFKA_VERSION} up in {kb.startup_seconds:.1f}s: {kb.url} "
              f"pid={kb.pid} log={kb.log_path}")
        with contextlib.suppress(KeyboardInterrupt):
            while kb.running:
                time.sleep(1)
