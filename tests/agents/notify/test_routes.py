"""Routing rules from YAML."""

from __future__ import annotations

import textwrap

import pytest

from agents.notify.destinations import Destination
from agents.notify.routes import Route, Routes, check_routes, load_routes, parse_routes, route, severity_rank
from streams.core.errors import ConfigError
from streams.core.records import Alert

SLACK = Destination("slack", "slack", "https://hooks.slack.com/services/T/B/SECRET")
OPS = Destination("ops", "webhook", "https://ops.example/hook")
AM = Destination("alertmanager", "alertmanager", "http://am:9093")
ALL = [SLACK, OPS, AM]

ROUTES_YAML = """
routes:
  - match:
      topics: [missile_launch, "nuclear_*"]
      min_severity: high
    destinations: [slack]
  - match: {severities: [critical]}
    destinations: [alertmanager, "https://ops.example/hook"]
  - match: {topics: [satellite_launch]}
    destinations: ops
default: [ops]
"""


def alert(topic: str, severity: str) -> Alert:
    return Alert(id="a", story_id="s", kind="new", topic=topic, severity=severity, title="t", link="",
                 evidence="", phrase="", entities=[])


@pytest.fixture
def routes(tmp_path) -> Routes:
    path = tmp_path / "routes.yaml"
    path.write_text(ROUTES_YAML)
    return load_routes(path)


@pytest.mark.parametrize(("topic", "severity", "expected"), [
    ("missile_launch", "high", ["slack"]),
    ("missile_launch", "critical", ["slack", "ops", "alertmanager"]),  # union, in configured order
    ("nuclear_test", "CRITICAL", ["slack", "ops", "alertmanager"]),  # pattern, any case severity
    ("missile_launch", "medium", ["ops"]),  # below min_severity: falls to the default
    ("missile_launch", "unheard-of", ["ops"]),  # unknown severity never meets min_severity
    ("satellite_launch", "info", ["ops"]),
    ("earthquake", "critical", ["ops", "alertmanager"]),
    ("earthquake", "low", ["ops"]),
])
def test_route_table(routes, topic, severity, expected):
    assert [d.id for d in route(alert(topic, severity), routes, ALL)] == expected


def test_no_routes_means_every_destination():
    assert route(alert("x", "info"), None, ALL) == ALL
    assert route(alert("x", "info"), Routes(), ALL) == ALL
    assert route(alert("x", "info"), parse_routes(None), ALL) == ALL


def test_default_all_and_none():
    only_slack = [Route(("slack",), topics=("missile_launch",))]
    assert route(alert("other", "high"), only_slack, ALL) == ALL  # default: all
    table = parse_routes({"routes": [{"match": {"topics": ["missile_launch"]}, "destinations": ["slack"]}],
                          "default": "none"})
    assert route(alert("other", "high"), table, ALL) == []
    assert route(alert("missile_launch", "high"), table, ALL) == [SLACK]


def test_empty_match_matches_everything():
    table = parse_routes({"routes": [{"match": {}, "destinations": ["ops"]}], "default": "none"})
    assert route(alert("anything", "info"), table, ALL) == [OPS]


def test_severity_scale():
    assert [severity_rank(s) for s in ("info", "low", "medium", "high", "critical")] == [0, 1, 2, 3, 4]
    assert severity_rank("bogus") is None


@pytest.mark.parametrize(("doc", "message"), [
    ("- just a list", "top level"),
    ("routes: {a: 1}", "routes: must be a list"),
    ("routes: [42]", r"routes\[0\]"),
    ("routes: [{match: {topics: [x]}}]", "no 'destinations'"),
    ("routes: [{destinations: []}]", r"routes\[0\].destinations"),
    ("routes: [{match: {topic: [x]}, destinations: [a]}]", "unknown key"),
    ("routes: [{match: {min_severity: urgent}, destinations: [a]}]", "unknown severity 'urgent'"),
    ("routes: [{match: {severities: [high, meh]}, destinations: [a]}]", "unknown severity 'meh'"),
    ("routes: [{match: [x], destinations: [a]}]", "match: must be a mapping"),
    ("routes: []\nextra: 1", "unknown key"),
    ("routes: [{match: {topics: [x]}, destinations: [a]}\n  - bad", "not valid YAML"),
])
def test_bad_files_are_clear_config_errors(tmp_path, doc, message):
    path = tmp_path / "routes.yaml"
    path.write_text(textwrap.dedent(doc))
    with pytest.raises(ConfigError, match=message) as info:
        load_routes(path)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_routes(tmp_path / "nope.yaml")


def test_check_routes_catches_unknown_destinations(routes):
    check_routes(routes, ALL)
    with pytest.raises(ConfigError, match="no destination alertmanager"):
        check_routes(routes, [SLACK, OPS])
    secret_ref = parse_routes({"routes": [{"destinations": ["https://hooks.slack.com/services/X/Y/SECRET2"]}]})
    with pytest.raises(ConfigError) as info:
        check_routes(secret_ref, ALL)
    assert "SECRET2" not in str(info.value)
