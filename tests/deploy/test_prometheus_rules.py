"""Prometheus config, rules and rule unit tests, checked by the real ``promtool``.

Beyond ``promtool test rules`` passing, each alert is mutated twice (never fires / always
fires) and the unit tests must then fail: that proves every alert is exercised both
firing and not firing, rather than trusting the test file to say so.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PROM_DIR = ROOT / "deploy" / "prometheus"
CONFIG = PROM_DIR / "prometheus.yml"
RULES = sorted((PROM_DIR / "rules").glob("*.yml"))
RULE_TESTS = sorted((PROM_DIR / "tests").glob("*.yml"))

PROMTOOL = shutil.which("promtool")
pytestmark = pytest.mark.skipif(
    PROMTOOL is None,
    reason="promtool not installed (apt-get install prometheus; CI installs it)",
)


def promtool(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PROMTOOL, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def alert_names() -> list[str]:
    names = []
    for path in RULES:
        for group in yaml.safe_load(path.read_text())["groups"]:
            names += [rule["alert"] for rule in group["rules"] if "alert" in rule]
    return names


def test_rule_files_exist() -> None:
    assert RULES, "no rule files under deploy/prometheus/rules"
    assert RULE_TESTS, "no rule unit tests under deploy/prometheus/tests"


def test_config_is_valid_and_loads_the_rules() -> None:
    # rule_files are relative to prometheus.yml, so the container layout checks in place
    out = promtool("check", "config", str(CONFIG))
    assert out.returncode == 0, out.stdout + out.stderr
    for path in RULES:
        assert path.name in out.stdout, f"{path.name} not loaded by prometheus.yml:\n{out.stdout}"


def test_rules_are_valid() -> None:
    out = promtool("check", "rules", *map(str, RULES))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "SUCCESS" in out.stdout


def test_rule_unit_tests_pass() -> None:
    out = promtool("test", "rules", *map(str, RULE_TESTS))
    assert out.returncode == 0, out.stdout + out.stderr


def test_every_alert_has_unit_tests() -> None:
    tested = set()
    for path in RULE_TESTS:
        for case in yaml.safe_load(path.read_text())["tests"]:
            tested |= {t["alertname"] for t in case.get("alert_rule_test", [])}
    assert set(alert_names()) <= tested, f"alerts without unit tests: {set(alert_names()) - tested}"


def test_every_alert_has_severity_and_summary() -> None:
    for path in RULES:
        for group in yaml.safe_load(path.read_text())["groups"]:
            for rule in group["rules"]:
                if "alert" in rule:
                    assert rule["labels"].get("severity") in {"info", "warning", "critical"}, rule["alert"]
                    assert rule["annotations"].get("summary"), rule["alert"]


# Replacing an alert's expression: with one that never yields a sample, the "fires"
# checks must fail; with one that always yields a sample (label-less, so the expected
# labels cannot match either), the "does not fire" checks must fail.
MUTATIONS = {"never": "vector(1) == 0", "always": "vector(1)"}


def _mutated_copy(tmp_path: Path, alert: str, expr: str) -> list[Path]:
    rules_dir = tmp_path / "rules"
    tests_dir = tmp_path / "tests"
    rules_dir.mkdir()
    tests_dir.mkdir()
    hits = 0
    for path in RULES:
        doc = yaml.safe_load(path.read_text())
        for group in doc["groups"]:
            for rule in group["rules"]:
                if rule.get("alert") == alert:
                    rule["expr"] = expr
                    hits += 1
        (rules_dir / path.name).write_text(yaml.safe_dump(doc, sort_keys=False))
    assert hits == 1, f"alert {alert} defined {hits} times"
    copies = []
    for path in RULE_TESTS:
        copy = tests_dir / path.name
        copy.write_text(path.read_text())
        copies.append(copy)
    return copies


def test_mutation_harness_passes_unmutated(tmp_path: Path) -> None:
    # control for the test below: the copied layout alone must not break the tests
    alert = alert_names()[0]
    original = next(
        rule["expr"]
        for path in RULES
        for group in yaml.safe_load(path.read_text())["groups"]
        for rule in group["rules"]
        if rule.get("alert") == alert
    )
    tests = _mutated_copy(tmp_path, alert, original)
    out = promtool("test", "rules", *map(str, tests), cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
@pytest.mark.parametrize("alert", alert_names())
def test_unit_tests_catch_a_broken_alert(tmp_path: Path, alert: str, mutation: str) -> None:
    # the test files name ../rules/<file>, which in tmp_path is the mutated copy
    tests = _mutated_copy(tmp_path, alert, MUTATIONS[mutation])
    out = promtool("test", "rules", *map(str, tests), cwd=tmp_path)
    assert out.returncode != 0, f"{alert} replaced by {MUTATIONS[mutation]!r} and the rule tests still pass"
    assert alert in out.stdout + out.stderr
