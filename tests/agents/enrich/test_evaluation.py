from pathlib import Path

import pytest

from agents.enrich.entities import load_extractor
from agents.enrich.evaluation import CORE_TOPICS, evaluate, load_cases, name_key, run_rules_test
from agents.enrich.rules import PACKAGED_DIR, RulePack
from streams.core.errors import ConfigError

CASES = Path(__file__).parent / "eval" / "cases.yaml"


@pytest.fixture(scope="module")
def report():
    return evaluate(RulePack.load(), load_extractor(), CASES)


def test_eval_set_is_big_and_covers_every_topic():
    cases = load_cases(CASES)
    assert len(cases) >= 150
    labelled = {t for c in cases for t in c.topics}
    assert set(RulePack.load().topics) <= labelled
    assert sum(1 for c in cases if not c.topics) >= 40  # hard negatives


@pytest.mark.parametrize("topic", CORE_TOPICS)
def test_core_topic_targets(report, topic):
    score = report.topics[topic]
    assert score.precision >= 0.95, report.format()
    assert score.recall is not None and score.recall >= 0.95, report.format()


def test_extra_topics_targets(report):
    for topic in ("missile_interception", "launch_failure"):
        assert report.topics[topic].precision >= 0.9, report.format()
        assert report.topics[topic].recall >= 0.9, report.format()


def test_entity_recall_gazetteer_only(report):
    assert report.entity_expected >= 250
    assert report.entity_recall >= 0.95, report.format()
    assert report.targets_met()


def test_report_counts_errors(tmp_path):
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        "- id: right\n  title: North Korea fires ballistic missile\n  topics: [missile_launch]\n  entities: [country:KP]\n"
        "- id: wrong-label\n  title: Japan launches a satellite on an H3 rocket\n  topics: [nuclear_test]\n"
        "  entities: [country:JP, site:nowhere]\n"
        "- id: quiet\n  title: Markets were calm\n  topics: []\n")
    r = evaluate(RulePack.load(), load_extractor(), cases)
    assert (r.topics["missile_launch"].tp, r.topics["missile_launch"].fp) == (1, 0)
    assert r.topics["satellite_launch"].fp == 1
    assert r.topics["nuclear_test"].fn == 1 and r.topics["nuclear_test"].recall == 0.0
    assert (r.entity_found, r.entity_expected) == (2, 3)
    assert not r.targets_met()
    text = r.format()
    assert "wrong-label: false satellite_launch" in text and "wrong-label: missed nuclear_test" in text
    assert "wrong-label: site:nowhere" in text
    # one line per case for diffing two runs: the topics given, each with its event's outcome and actor
    assert r.items[0].startswith("right: missile_launch(") and "country:KP" in r.items[0]
    assert r.items[1].startswith("wrong-label: satellite_launch(") and r.items[2] == "quiet: -"


def test_run_rules_test_replaces_packaged_pack(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "pack.yaml").write_text(
        "topics:\n  - topic: missile_launch\n    rules:\n      - name: fired\n"
        "        verbs: [fire]\n        objects: [missile]\n")
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        "- id: a\n  title: Iran fired a missile\n  topics: [missile_launch]\n  entities: [country:IR]\n"
        "- id: b\n  title: Iran launched a satellite\n  topics: []\n")
    text, ok = run_rules_test(rules, cases)
    assert ok, text
    assert "satellite_launch" not in text  # the packaged pack was not loaded
    assert "targets" in text and "met" in text
    # added to the packaged pack, the satellite case now counts against precision
    text, ok = run_rules_test(rules, cases, only_pack=False)
    assert not ok and "b: false satellite_launch" in text


def test_bad_cases_file(tmp_path):
    bad = tmp_path / "cases.yaml"
    bad.write_text("- id: a\n  title: x\n- id: a\n  title: y\n")
    with pytest.raises(ConfigError, match="duplicate"):
        load_cases(bad)
    bad.write_text("- id: a\n  title: x\n  topic: [y]\n")
    with pytest.raises(ConfigError, match="case 1"):
        load_cases(bad)
    # the message names the case and the field, in one line a user can act on
    bad.write_text("- id: a\n  text: x\n- id: b\n  text: y\n  topics: cyber_attack\n")
    with pytest.raises(ConfigError, match=r"^cases .*: case 2 \(b\): topics: Input should be a valid list$"):
        load_cases(bad)


def test_a_case_needs_no_title(tmp_path):
    # an operator's cases are often a body of text alone
    cases = tmp_path / "cases.yaml"
    cases.write_text("- id: a\n  text: North Korea fired a ballistic missile into the sea on Monday.\n"
                     "  topics: [missile_launch]\n")
    (case,) = load_cases(cases)
    assert (case.title, case.topics) == ("", ["missile_launch"])


def test_packaged_rules_dir_exists():
    assert any(PACKAGED_DIR.glob("*.yaml"))


@pytest.mark.parametrize(
    "a, b",
    [
        ("RTX Corp", "RTX"),
        ("Mitsubishi Electric Corp.", "Mitsubishi Electric"),
        ("Acme Rockets, Inc.", "acme rockets"),
        ("Diehl Defence GmbH", "Diehl Defence"),
        ("The Global Times", "Global Times"),
        ("Hanwha Aerospace's", "Hanwha Aerospace's"),   # possessives are the extractor's job
    ],
)
def test_name_key_equal(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [("Samsung", "Samsung Electronics"), ("Cosco", "Co"), ("Seoul", "Seoul SA Fund")])
def test_name_key_different(a, b):
    assert name_key(a) != name_key(b)


def test_name_recall_normalised_and_strict(tmp_path):
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        "- id: suffix\n  title: Raytheon, a unit of RTX Corp, won a contract\n  names: [RTX Corp, Raytheon]\n"
        "- id: by-id\n  title: Iran shows new drone, the Tasnim news agency reported\n  names: [Tasnim]\n"
        "- id: absent\n  title: Markets were calm\n  names: [Jane Dudley]\n")
    r = evaluate(RulePack.load(), load_extractor(), cases)
    assert (r.names_found, r.names_found_exact, r.names_expected) == (3, 1, 4)
    assert not r.names_targeted  # gazetteer only: reported, no target
    assert "(3/4; same text only: 1/4)" in r.format()


# --- the real-news set (eval/real.yaml): its dev split as a floor ------------------------------
# The figures the rounds reached on the dev split (the real.yaml header records them), a little
# under, so that a change that loses ground on real text fails here; the frozen heldout is never
# run by the tests (it is measured once per round, by hand). Key entities: 0.907 on the 2,454
# items before check batches 25-27 joined, 0.893 with them (fresh pages name people and firms no
# list holds: 0.76-0.83 there); the names read off capitals (agents/enrich/name_runs.py) took the
# 2,766 items with check batch 29 to 0.926, so the floor sits at 0.91, under today's figure like the others.
REAL = Path(__file__).parent / "eval" / "real.yaml"
DEV_FLOORS = {"precision": 0.95, "recall": 0.92, "actor": 0.91, "outcome": 0.90, "entities": 0.91}


@pytest.fixture(scope="module")
def real_dev():
    from agents.enrich.evaluation import REAL_TOPICS
    return evaluate(RulePack.load(), load_extractor(), REAL, split="dev", topics=REAL_TOPICS)


@pytest.mark.slow
@pytest.mark.parametrize("topic", ("missile_launch", "satellite_launch", "nuclear_test"))
def test_real_dev_topic_floor(real_dev, topic):
    score = real_dev.topics[topic]
    assert score.precision >= DEV_FLOORS["precision"], real_dev.format()
    assert score.recall is not None and score.recall >= DEV_FLOORS["recall"], real_dev.format()


@pytest.mark.slow
def test_real_dev_event_and_entity_floor(real_dev):
    assert real_dev.cases >= 700
    assert real_dev.actor_accuracy >= DEV_FLOORS["actor"], real_dev.format()
    assert real_dev.outcome_accuracy >= DEV_FLOORS["outcome"], real_dev.format()
    assert real_dev.entity_recall >= DEV_FLOORS["entities"], real_dev.format()
