"""The README's examples are real: every YAML block loads with the code it documents,
the quick-start commands exist, and the configuration table names every setting."""

import re
from pathlib import Path

import pytest
import yaml

from streams.core.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def yaml_blocks() -> list[dict]:
    return [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", README, re.S)]


def block_with(key: str):
    blocks = [b for b in yaml_blocks() if (isinstance(b, dict) and key in b) or
              (isinstance(b, list) and b and isinstance(b[0], dict) and key in b[0])]
    assert blocks, f"no yaml block with {key!r} in the README"
    return blocks[0]


def test_config_example_loads(tmp_path):
    path = tmp_path / "config.yml"
    path.write_text(yaml.safe_dump(block_with("feeds")))
    s = load_settings(path)
    assert s.feeds[1].name == "SpaceNews" and s.slack_webhook is not None
    assert "<redacted>" in str(s.masked()["slack_webhook"])


def test_rule_example_is_a_valid_pack_and_fires(tmp_path):
    from agents.enrich.entities import load_extractor
    from agents.enrich.rules import RulePack, match
    from streams.core.records import Article

    (tmp_path / "cyber.yaml").write_text(yaml.safe_dump(block_with("topics")))
    pack = RulePack.load([tmp_path])
    assert "cyber_attack" in pack.topics
    article = Article(id="1", feed_url="f", link="l", title="Hackers hit Estonia",
                      summary="State-sponsored hackers breached the Estonian tax office on Monday, officials said.")
    ex = load_extractor()
    topics = {h.topic for h in match(article, ex.extract(article.text()), pack)}
    assert "cyber_attack" in topics


def test_event_example_is_a_valid_pack(tmp_path):
    from agents.enrich.rules import RulePack

    block = next(b for b in yaml_blocks() if isinstance(b, dict) and "context" in b and "topics" in b)
    (tmp_path / "events.yaml").write_text(yaml.safe_dump(block))
    pack = RulePack.load([tmp_path], packaged=False)
    assert pack.events["satellite_launch"].reject_classes == ["toy"]
    assert pack.vehicle_actors and pack.outcome_cues


def test_routes_example_parses():
    from agents.notify.routes import parse_routes

    routes = parse_routes(block_with("routes"))
    assert len(routes.rules) == 2


def test_gazetteer_example_entry_loads(tmp_path):
    from agents.enrich.gazetteer import Gazetteer

    (tmp_path / "mine.yaml").write_text(yaml.safe_dump(block_with("id")))
    gaz = Gazetteer.load([tmp_path])
    assert any(e.id == "vehicle:chollima-1" for e in gaz.extract("The Chollima rocket lifted off."))


def test_configuration_table_names_every_setting():
    documented = set(re.findall(r"^\| `([a-z_]+)`", README, re.M))
    for name in Settings.model_fields:
        assert name in documented or any(name.startswith(d) for d in documented) or \
            re.search(rf"`{name.rsplit('_', 1)[0]}", README), f"setting {name} is not in the README table"


@pytest.mark.parametrize("command", ["./dev run", "./dev test"])
def test_quick_start_commands_exist(command):
    assert command in README
    script = ROOT / command.split()[0]
    assert script.exists() and script.stat().st_mode & 0o111
    assert command.split()[1] in script.read_text()


def test_ci_runs_the_readme_test_command():
    assert "./dev test" in (ROOT / ".ci" / "run").read_text()


def test_metrics_table_lists_every_exported_metric():
    from streams.core.metrics import Metrics

    documented = set(re.findall(r"^\| `(watchfloor_[a-z_]+)`", README, re.M))
    for family in Metrics().registry.collect():
        name = family.name + ("_total" if family.type == "counter" else "")
        assert name in documented, f"{name} is exported but not in the README's metrics table"


def test_quick_start_is_a_local_trial_that_says_when_updates_come():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "python3 docs/trial/trial_server.py" in quick and "--allow-private-networks" in quick
    assert "story_cooldown" in quick and "ready: page http://127.0.0.1:6066/" in quick
    assert re.search(r"Measured on a clean clone here[^:]*: .*\d+ s", quick), "the newcomer path, measured"
    assert (ROOT / "docs" / "trial" / "feed.xml").is_file()


@pytest.mark.embedded
def test_the_trial_in_the_quick_start_raises_an_alert_at_its_receiver(tmp_path):
    import subprocess
    import sys

    from tests.support import Service, free_port, wait_for_sync

    port = free_port()
    out = tmp_path / "trial.out"
    with open(out, "w") as sink:
        trial = subprocess.Popen([sys.executable, str(ROOT / "docs" / "trial" / "trial_server.py"), str(port)],
                                 stdout=sink, stderr=subprocess.STDOUT)
    svc = Service(tmp_path, "--feed", f"http://127.0.0.1:{port}/feed.xml", "--webhook",
                  f"http://127.0.0.1:{port}/hook", "--allow-private-networks")
    try:
        wait_for_sync(lambda: "webhook receiver at" in out.read_text(), 10, what="the trial server")
        svc.start()
        line = wait_for_sync(lambda: next((x for x in out.read_text().splitlines() if " ALERT " in x), None), 120,
                             what="the trial's alert at its receiver")
        assert "ALERT new satellite_launch high 1 source(s): Seoul and Tokyo condemn" in line
        assert "ferry" not in out.read_text().lower()
    finally:
        svc.stop()
        trial.terminate()
        trial.wait(10)
