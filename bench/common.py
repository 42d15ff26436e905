"""Helpers of the benchmarks only: percentiles, a worker's memory and CPU, its stage timings.
The workload itself (articles, expected alerts, injection, reading back) is tests/workload.py,
shared with the fault tests."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Sequence

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from prometheus_client.parser import text_string_to_metric_families  # noqa: E402

from tests.support import Service, free_port  # noqa: E402


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


# --- the worker under test -------------------------------------------------------------


def rss_mb(pid: int) -> float:
    """Resident set size of ``pid`` in MiB (from /proc, no psutil needed)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise ValueError(f"no VmRSS for pid {pid}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds used so far by ``pid`` (from /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_split(pid: int) -> tuple[float, float]:
    """(user, system) CPU seconds used so far by ``pid``: system time is mostly socket I/O."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tck = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / tck, int(fields[12]) / tck


def stage_means(service: Any) -> dict[str, float]:
    """Mean seconds per record of each pipeline stage, from the worker's own histogram."""
    sums: dict[str, float] = {}
    counts: dict[str, float] = {}
    for family in text_string_to_metric_families(service.get("/metrics")):
        for s in family.samples:
            if s.name == "watchfloor_stage_duration_seconds_sum":
                sums[s.labels["stage"]] = s.value
            elif s.name == "watchfloor_stage_duration_seconds_count":
                counts[s.labels["stage"]] = s.value
    return {k: sums[k] / counts[k] for k in sums if counts.get(k)}


def worker(workdir: Path, *, broker_url: str | None, partitions: int, webhooks: Sequence[str] = (),
           env: dict[str, str] | None = None, app_id: str | None = None) -> Any:
    """A ``watchfloor run`` child (tests.support.Service) on Kafka, or embedded when no URL."""
    workdir.mkdir(parents=True, exist_ok=True)
    args: list[str] = []
    extra = {"WATCHFLOOR_TOPIC_PARTITIONS": str(partitions), "WATCHFLOOR_LOG_LEVEL": "WARNING", **(env or {})}
    if broker_url:
        args += ["--broker", broker_url]
    else:
        extra["WATCHFLOOR_EMBEDDED_PORT"] = str(free_port())
    for url in webhooks:
        args += ["--webhook", url]
    return Service(workdir, *args, env=extra, app_id=app_id)


def embedded_bootstrap(service: Any) -> str:
    return f"127.0.0.1:{service.env['WATCHFLOOR_EMBEDDED_PORT']}"
