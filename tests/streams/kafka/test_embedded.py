"""The embedded broker never outlives its worker (streams/kafka/embedded.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import Service, wait_for_sync

pytestmark = pytest.mark.embedded  # each test starts a real Tansu broker

ROOT = Path(__file__).resolve().parents[3]


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def test_a_broker_child_dies_with_a_parent_killed_by_sigkill(tmp_path):
    """The parent here is a bare Python process that starts the broker and is then SIGKILLed."""
    script = ("import sys, time; from streams.kafka.embedded import EmbeddedBroker; "
              "b = EmbeddedBroker().start(); print(b.pid, flush=True); time.sleep(600)")
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        broker = int(parent.stdout.readline())
        assert alive(broker)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(10)
        wait_for_sync(lambda: not alive(broker), 10, what="the broker to die with its parent")
    finally:
        if parent.poll() is None:
            parent.kill()


def test_killing_a_running_worker_takes_its_embedded_broker_with_it(tmp_path):
    service = Service(tmp_path).start().wait_ready(120)
    pid = service.proc.pid
    [broker] = [c for c in children(pid) if "tansu" in Path(f"/proc/{c}/cmdline").read_text()]
    os.kill(pid, signal.SIGKILL)
    service.proc.wait(10)
    wait_for_sync(lambda: not alive(broker), 10, what="the embedded broker to die with its worker")
    service.proc = None
