"""The Grafana dashboard and the Prometheus rules query only metrics watchfloor exports.

The exported names come from a real worker registry: ``streams.core.metrics.Metrics`` plus
Faust's sensors installed the way the worker installs them (``streams.web.serve_metrics``),
expanded the way the exposition format names samples (``_total``, ``_bucket``...).
Metric names are pulled out of PromQL with a small tokenizer, tested on its own below;
``promtool`` then checks that every dashboard query parses.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "deploy" / "grafana" / "dashboards" / "watchfloor.json"
RULES = sorted((ROOT / "deploy" / "prometheus" / "rules").glob("*.yml"))
PROVISIONING = ROOT / "deploy" / "grafana" / "provisioning"
COMPOSE = ROOT / "docker-compose.yml"

# Series Prometheus makes itself rather than scraping them.
PROMETHEUS_BUILTIN = {"up", "ALERTS", "ALERTS_FOR_STATE"}

# _created is left out on purpose: the image sets PROMETHEUS_DISABLE_CREATED_SERIES.
SUFFIXES = {
    "counter": ("_total",),
    "histogram": ("_bucket", "_sum", "_count"),
    "summary": ("", "_sum", "_count"),
    "gauge": ("",),
    "unknown": ("",),
    "info": ("_info",),
    "stateset": ("",),
}


def worker_registry():
    """The registry a worker serves on /metrics, built with the worker's own wiring."""
    import faust

    from streams import web
    from streams.core.metrics import Metrics

    metrics = Metrics()
    app = faust.App("watchfloor-deploy-test", broker="memory://", web_enabled=False)
    web.serve_metrics(app, metrics)
    return metrics.registry


def exported_names(registry) -> set[str]:
    names = set()
    for family in registry.collect():
        names |= {family.name + s for s in SUFFIXES[family.type]}
        names |= {s.name for s in family.samples if not s.name.endswith("_created")}
    return names


@pytest.fixture(scope="module")
def exported() -> set[str]:
    return exported_names(worker_registry())


# --- PromQL tokenizer --------------------------------------------------------------

KEYWORDS = {
    "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
    "group_left", "group_right", "inf", "nan", "atan2",
}
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')
_GROUPING = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")
# an identifier not glued to a digit/dot before it (1e3, 5m, 0.95) and not a call
_IDENT = re.compile(r"(?<![\w:.$])([A-Za-z_:][\w:]*)(?![\w:])(?!\s*\()")


def promql_metric_names(expr: str) -> set[str]:
    """Metric names used in a PromQL expression (label names and functions excluded)."""
    s = _STRING.sub('""', expr)
    s = re.sub(r"\{[^}]*\}", " ", s)  # label matchers, Grafana $vars inside them
    s = re.sub(r"\[[^\]]*\]", " ", s)  # ranges and subqueries' durations
    s = _GROUPING.sub(" ", s)  # label lists of by/without/on/ignoring/group_*
    return {m for m in _IDENT.findall(s) if m.lower() not in KEYWORDS}


@pytest.mark.parametrize(
    "expr, names",
    [
        ('rate(foo_total{a="b", c=~"$instance"}[5m])', {"foo_total"}),
        ("sum by (le, stage) (rate(x_bucket[$__rate_interval]))", {"x_bucket"}),
        ("histogram_quantile(0.9, sum(rate(h_bucket[5m])) by (le))", {"h_bucket"}),
        ("a - b offset 1h", {"a", "b"}),
        ("x > bool 1 and on () y unless ignoring (job) z", {"x", "y", "z"}),
        ('label_replace(up, "dst", "$1", "src", "(.*)")', {"up"}),
        ("1e3 * level:metric:op / 6 * 3600", {"level:metric:op"}),
        ("max(q{l=~\"a|b\"}) without (instance)", {"q"}),
        ("max_over_time(deriv(g[15m:1m])[1h:])", {"g"}),
        ("sum (rate (spaced_total [5m]))", {"spaced_total"}),
        ("count(m offset 2h) > 0", {"m"}),
        ("vector(1) == 0", set()),
    ],
)
def test_promql_metric_names(expr: str, names: set[str]) -> None:
    assert promql_metric_names(expr) == names


def test_exported_names_cover_both_registries(exported: set[str]) -> None:
    # the fixture must see watchfloor's catalogue and Faust's sensors, in exposition names
    assert "watchfloor_deliveries_total" in exported
    assert "watchfloor_deliveries" not in exported
    assert {"watchfloor_stage_duration_seconds_bucket", "watchfloor_stage_duration_seconds_count"} <= exported
    assert "watchfloor_feed_staleness_seconds" in exported
    assert "watchfloor_faust_topic_partition_end_offset" in exported


# --- dashboard ---------------------------------------------------------------------


def load_dashboard() -> dict:
    return json.loads(DASHBOARD.read_text())


def all_panels(dashboard: dict) -> list[dict]:
    out = []
    for panel in dashboard["panels"]:
        out.append(panel)
        out += panel.get("panels", [])  # collapsed rows keep their panels inside
    return out


def dashboard_queries() -> list[tuple[str, str]]:
    """(where, expr) for every panel target."""
    return [
        (f"panel {p['id']} {p['title']!r} target {t.get('refId')}", t["expr"])
        for p in all_panels(load_dashboard())
        for t in p.get("targets", [])
    ]


def rule_queries() -> list[tuple[str, str]]:
    return [
        (f"{path.name}: {rule.get('alert') or rule.get('record')}", rule["expr"])
        for path in RULES
        for group in yaml.safe_load(path.read_text())["groups"]
        for rule in group["rules"]
    ]


def recorded_names() -> set[str]:
    return {
        rule["record"]
        for path in RULES
        for group in yaml.safe_load(path.read_text())["groups"]
        for rule in group["rules"]
        if "record" in rule
    }


def test_dashboard_has_queries() -> None:
    assert len(dashboard_queries()) >= 20


@pytest.mark.parametrize("where, expr", dashboard_queries())
def test_dashboard_query_names_only_exported_metrics(where: str, expr: str, exported: set[str]) -> None:
    names = promql_metric_names(expr)
    assert names, f"{where}: no metric found in {expr!r}"
    unknown = names - exported - PROMETHEUS_BUILTIN
    assert not unknown, f"{where}: not exported by watchfloor: {sorted(unknown)}"


def silent_until_first_event() -> set[str]:
    """Families a fresh worker exposes without a single series (labelled, no child yet)."""
    from streams.core.metrics import Metrics

    return {family.name for family in Metrics().registry.collect() if not family.samples}


@pytest.mark.parametrize("where, expr", dashboard_queries())
def test_counts_show_0_not_no_data_before_the_first_event(where: str, expr: str) -> None:
    # a latency quantile or a mean has no value before its first observation: "No data" is right
    if "histogram_quantile" in expr or " / " in expr or expr.startswith("topk("):
        return
    silent = {n for n in promql_metric_names(expr) if re.sub(r"_(total|bucket|sum|count)$", "", n)
              in silent_until_first_event()}
    if silent:
        assert expr.rstrip().endswith("or vector(0)"), f"{where}: shows No data until {sorted(silent)} has a series"


def test_dashboard_variable_queries_name_exported_metrics(exported: set[str]) -> None:
    variables = [v for v in load_dashboard()["templating"]["list"] if v["type"] == "query"]
    assert variables
    for v in variables:
        query = v["query"]["query"] if isinstance(v["query"], dict) else v["query"]
        m = re.fullmatch(r"label_values\((\w+),\s*(\w+)\)", query)
        assert m, f"variable {v['name']}: unexpected query {query!r}"
        assert m.group(1) in exported, f"variable {v['name']}: {m.group(1)} is not exported"


@pytest.mark.parametrize("where, expr", rule_queries())
def test_rule_names_only_exported_metrics(where: str, expr: str, exported: set[str]) -> None:
    names = promql_metric_names(expr)
    assert names, f"{where}: no metric found in {expr!r}"
    unknown = names - exported - recorded_names() - PROMETHEUS_BUILTIN
    assert not unknown, f"{where}: not exported by watchfloor: {sorted(unknown)}"


REQUIRED = {
    "pipeline throughput": {"watchfloor_articles_fetched_total", "watchfloor_articles_published_total",
                            "watchfloor_articles_processed_total"},
    "stage latency": {"watchfloor_stage_duration_seconds_bucket"},
    "end-to-end alert latency": {"watchfloor_alert_latency_seconds_bucket"},
    "feed health": {"watchfloor_feeds", "watchfloor_feed_fetch_errors_total", "watchfloor_feed_staleness_seconds"},
    "alerts by topic": {"watchfloor_alerts_raised_total"},
    "delivery health": {"watchfloor_deliveries_total", "watchfloor_delivery_retries_total",
                        "watchfloor_dead_letters_total"},
    "consumer lag": {"watchfloor_faust_topic_partition_end_offset",
                     "watchfloor_faust_topic_partition_offset_commited"},
}


@pytest.mark.parametrize("topic", sorted(REQUIRED))
def test_dashboard_covers(topic: str) -> None:
    used = set().union(*(promql_metric_names(e) for _, e in dashboard_queries()))
    assert REQUIRED[topic] <= used, f"{topic}: missing {sorted(REQUIRED[topic] - used)}"


def test_panels_use_the_provisioned_datasource_and_do_not_overlap() -> None:
    dashboard = load_dashboard()
    assert dashboard["uid"] and dashboard["title"]
    panels = all_panels(dashboard)
    ids = [p["id"] for p in panels]
    assert len(ids) == len(set(ids)), "duplicate panel ids"
    cells: dict[tuple[int, int], int] = {}
    for p in panels:
        g = p["gridPos"]
        assert 0 <= g["x"] and g["x"] + g["w"] <= 24, f"panel {p['id']} wider than the grid"
        for x in range(g["x"], g["x"] + g["w"]):
            for y in range(g["y"], g["y"] + g["h"]):
                assert (x, y) not in cells, f"panel {p['id']} overlaps panel {cells[(x, y)]}"
                cells[(x, y)] = p["id"]
        if p["type"] == "row":
            continue
        assert p["datasource"]["uid"] == "prometheus", f"panel {p['id']}"
        assert p["targets"], f"panel {p['id']} has no queries"
        for t in p["targets"]:
            assert t["datasource"]["uid"] == "prometheus", f"panel {p['id']} target {t['refId']}"


def test_provisioning_points_at_the_dashboard_and_datasource() -> None:
    sources = [
        ds
        for f in sorted((PROVISIONING / "datasources").glob("*.yml"))
        for ds in yaml.safe_load(f.read_text())["datasources"]
    ]
    prom = [ds for ds in sources if ds["uid"] == "prometheus"]
    assert len(prom) == 1 and prom[0]["type"] == "prometheus"
    assert prom[0]["url"] == "http://prometheus:9090"

    providers = [
        p
        for f in sorted((PROVISIONING / "dashboards").glob("*.yml"))
        for p in yaml.safe_load(f.read_text())["providers"]
    ]
    grafana = yaml.safe_load(COMPOSE.read_text())["services"]["grafana"]
    mounts = dict(
        (v.split(":")[0], v.split(":")[1]) for v in grafana["volumes"] if v.startswith("./")
    )
    dash_target = mounts.get("./" + str(DASHBOARD.parent.relative_to(ROOT)))
    assert dash_target, "docker-compose.yml does not mount the dashboards directory into grafana"
    assert any(p["options"]["path"] == dash_target for p in providers), (
        f"no dashboard provider reads {dash_target}"
    )
    assert mounts.get("./" + str(PROVISIONING.relative_to(ROOT))) == "/etc/grafana/provisioning"
    home = grafana["environment"].get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")
    assert home == f"{dash_target}/{DASHBOARD.name}"


# Grafana's own variables, replaced by something PromQL accepts in the same position.
GRAFANA_VARS = {"$__rate_interval": "5m", "$__interval": "1m", "$__range": "1h", "$instance": ".*"}


@pytest.mark.skipif(shutil.which("promtool") is None,
                    reason="promtool not installed (apt-get install prometheus; CI installs it)")
def test_dashboard_queries_parse(tmp_path: Path) -> None:
    rules = []
    for i, (where, expr) in enumerate(dashboard_queries()):
        for var, value in GRAFANA_VARS.items():
            expr = expr.replace(var, value)
        assert "$" not in expr.replace('"$1"', ""), f"{where}: unknown Grafana variable in {expr!r}"
        rules.append({"record": f"dashboard:query_{i}", "expr": expr})
    path = tmp_path / "dashboard.rules.yml"
    path.write_text(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}))
    out = subprocess.run(["promtool", "check", "rules", str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr
