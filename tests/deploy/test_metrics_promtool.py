"""``promtool check metrics`` on what a worker's /metrics would serve.

Every watchfloor metric is given a sample first (a labelled metric with no children is
exposed as HELP/TYPE only, and the linter would have little to look at). Faust's own
sensor names are upstream's; the linter's complaints about those are allowed, and only
those. The catalogue in ``streams/core/metrics.py``'s docstring is checked against the
registry too, since operators read that table rather than the code.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from prometheus_client import generate_latest
from prometheus_client.metrics import MetricWrapperBase

import streams.core.metrics
from streams.core.metrics import Metrics

PROMTOOL = shutil.which("promtool")
needs_promtool = pytest.mark.skipif(
    PROMTOOL is None, reason="promtool not installed (apt-get install prometheus; CI installs it)"
)


def populated_metrics() -> Metrics:
    """A Metrics with one sample in every series family."""
    m = Metrics()
    for collector in vars(m).values():
        if not isinstance(collector, MetricWrapperBase):
            continue
        child = collector.labels(*["x"] * len(collector._labelnames)) if collector._labelnames else collector
        {"counter": lambda: child.inc(), "gauge": lambda: child.set(1),
         "histogram": lambda: child.observe(0.2)}[collector._type]()
    m.feed_succeeded("https://example.org/feed.xml", when=1_700_000_000.0)
    return m


def with_faust_sensors(m: Metrics) -> Metrics:
    """Install Faust's sensors into ``m.registry`` the way the worker does."""
    import faust

    from streams import web
    app = faust.App("watchfloor-deploy-test", broker="memory://", web_enabled=False)
    web.serve_metrics(app, m)
    return m


def lint(exposition: bytes) -> tuple[int, list[str]]:
    out = subprocess.run([PROMTOOL, "check", "metrics"], input=exposition, capture_output=True, timeout=60)
    lines = (out.stdout + out.stderr).decode().splitlines()
    return out.returncode, [line for line in lines if line.strip()]


@needs_promtool
def test_linter_reports_a_bad_exposition() -> None:
    # control: promtool really reads stdin and complains, so "no output" below means clean
    bad = b"# HELP fetch_ms Fetch time.\n# TYPE fetch_ms counter\nfetch_ms 3\n"
    code, problems = lint(bad)
    assert code != 0 and problems


@needs_promtool
def test_watchfloor_metrics_are_lint_clean() -> None:
    exposition = generate_latest(populated_metrics().registry)
    assert b"watchfloor_alert_latency_seconds_bucket" in exposition
    code, problems = lint(exposition)
    assert (code, problems) == (0, [])


@needs_promtool
def test_faust_sensors_are_lint_clean_too() -> None:
    exposition = generate_latest(with_faust_sensors(populated_metrics()).registry)
    assert b"watchfloor_faust_topic_partition_end_offset" in exposition
    assert b"_ms" not in exposition and b"watchfloor_faust_event_runtime_seconds_bucket" in exposition
    code, problems = lint(exposition)
    assert (code, problems) == (0, []), "\n".join(problems)


def test_no_created_series() -> None:
    exposition = generate_latest(with_faust_sensors(populated_metrics()).registry)
    assert b"_created" not in exposition


# --- the catalogue table in streams/core/metrics.py --------------------------------------

_ROW = re.compile(r"^(watchfloor_\w+)\s+(counter|gauge|histogram)\b[ \t]*(.*)$", re.M)


def catalogue() -> dict[str, tuple[str, set[str]]]:
    rows = _ROW.findall(streams.core.metrics.__doc__ or "")
    return {name: (kind, {l.strip() for l in labels.split(",") if l.strip()}) for name, kind, labels in rows}


def registry_catalogue() -> dict[str, tuple[str, set[str]]]:
    out = {}
    for family in populated_metrics().registry.collect():
        name = family.name + ("_total" if family.type == "counter" else "")
        labels = {k for s in family.samples if not s.name.endswith("_created") for k in s.labels} - {"le"}
        out[name] = (family.type, labels)
    return out


def test_catalogue_lists_every_metric_with_its_type_and_labels() -> None:
    documented = catalogue()
    assert len(documented) >= 20
    assert documented == registry_catalogue()
