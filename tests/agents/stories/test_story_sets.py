"""The story sets of issue 13 hold together: every report belongs to a listed event (or is a
distractor), the expected updates follow the source counts in publication order, and the real
sets name their sources. The sets are the proof data for event-keyed stories (sets/): the
synthetic set runs through the enrich core and the story stage, and must give exactly one story
per event, the same in every arrival order, with the expected update after each report."""

from __future__ import annotations

import collections

import pytest
import yaml

from tests.agents.stories.story_sets import SETS, about_stories, expected_stories, instant, replay, updates_of, with_hits

KINDS = ["new", "corroborated", "sources_3", "sources_10", "outcome_changed", "object_identified", "confirmed"]


@pytest.fixture(scope="module")
def synthetic() -> dict:
    return yaml.safe_load((SETS / "synthetic.yaml").read_text())


def test_every_synthetic_report_names_a_known_event_and_feed(synthetic):
    events = {e["event_key"] for e in synthetic["events"]}
    ids = [r["id"] for r in synthetic["reports"]]
    assert len(ids) == len(set(ids))
    for r in synthetic["reports"]:
        assert r["feed"] in synthetic["feeds"], r["id"]
        assert r["event_key"] is None or r["event_key"] in events, r["id"]
        assert r["event_key"] is not None or r["update"] is None, r["id"]
        assert all(u in KINDS for u in r["update"] or []), r["id"]
    assert len(events) >= 10


def test_each_event_is_told_five_to_ten_ways_over_three_feeds_or_more(synthetic):
    by_event = collections.defaultdict(list)
    for r in synthetic["reports"]:
        if r["event_key"]:
            by_event[r["event_key"]].append(r)
    for key, reports in by_event.items():
        assert 5 <= len(reports) <= 10, key
        assert len({r["feed"] for r in reports}) >= 3, key
    assert set(by_event) == {e["event_key"] for e in synthetic["events"]}


def test_source_count_updates_follow_publication_order(synthetic):
    by_event = collections.defaultdict(list)
    for r in sorted(synthetic["reports"], key=lambda r: instant(r["published"])):
        if r["event_key"]:
            by_event[r["event_key"]].append(r)
    for key, reports in by_event.items():
        feeds: set[str] = set()
        for i, r in enumerate(reports):
            before = len(feeds)
            feeds.add(r["feed"])
            want = (["new"] if i == 0 else []) + [
                kind for kind, n in (("corroborated", 2), ("sources_3", 3), ("sources_10", 10))
                if before < n <= len(feeds) and not (kind == "corroborated" and i == 0)]
            got = [u for u in r["update"] or [] if u in ("new", "corroborated", "sources_3", "sources_10")]
            assert got == want, (key, r["id"])
    assert sum("new" in (r["update"] or []) for r in synthetic["reports"]) == len(synthetic["events"])


def test_real_reports_are_sourced_and_grouped():
    real = yaml.safe_load((SETS / "real_events.yaml").read_text())
    events = {e["event_key"] for e in real["events"]}
    for r in real["reports"]:
        # a distractor (a report of no event, e.g. a launch still scheduled) names its gathering round
        assert r["event_key"] in events or (r["event_key"] is None and r["batch"]), r["id"]
        assert r["url"].startswith(("http://", "https://")), r["id"]
        assert 30 <= len(r["text"].split()) <= 130, r["id"]
    counts = collections.Counter(r["event_key"] for r in real["reports"])
    assert sum(1 for n in counts.values() if n >= 3) >= 12
    for pair in real["distinct_pairs"]:  # close events that must stay two stories
        # b is None when a's reports recap an older event that is not in the set: no story for it
        assert pair["a"] in events and pair["b"] != pair["a"] and pair["why"], pair
        assert pair["b"] is None or pair["b"] in events, pair


# --- the sets through the story stage ---------------------------------------------------------
#
# Every report goes through the real enrich core once (module fixture); the hits are then
# replayed through the story stage (tables as dicts) in publication order and in three
# shuffled orders where each report arrives up to two hours late, as slow polls see it.

#: reports whose expected update the enrich stage cannot give, and why (not the story stage's doing)
ENRICH_MISSES = {
    "s05-06": "no hit: the KCNA recap names the system but the matcher finds no launch trigger in it",
    "s10-04": "no hit: 'SpaceX says 27 Starlink satellites deployed' has no launch trigger",
    "s01-10": "one source short of 10: s01-06 ('was aware of the ballistic missile launch', a launch named "
              "as a noun with no time or support verb) raises no hit since issue 11's nominal-trigger rule",
}



@pytest.fixture(scope="module")
def synthetic_hits() -> tuple[list[dict], dict[str, list]]:
    return with_hits("synthetic")


@pytest.mark.parametrize("seed", [None, 1, 2, 3], ids=["published", "shuffle-1", "shuffle-2", "shuffle-3"])
def test_synthetic_events_are_one_story_each_in_any_order(synthetic_hits, seed):
    reports, hits = synthetic_hits
    got = replay(reports, hits, seed=seed)
    assert about_stories(got, reports) == expected_stories(reports, hits)
    distractors = {r["id"] for r in reports if r["event_key"] is None}
    assert [a.id for rid, a in got.alerts if rid in distractors] == []
    news = [a for _, a in got.alerts if a.kind == "new" and (a.article_id, a.topic) in
            {(r["id"], r["type"]) for r in reports}]
    assert len(news) == len({r["event_key"] for r in reports if r["event_key"]})


def test_synthetic_updates_in_publication_order(synthetic_hits):
    reports, hits = synthetic_hits
    got = updates_of(replay(reports, hits, seed=None), reports)
    wrong = {r["id"]: (r["update"] or [], got.get(r["id"], [])) for r in reports
             if (r["update"] or []) != got.get(r["id"], []) and r["id"] not in ENRICH_MISSES}
    assert wrong == {}


@pytest.mark.xfail(strict=True, reason="the enrich stage's reading, see ENRICH_MISSES")
@pytest.mark.parametrize("report_id", sorted(ENRICH_MISSES))
def test_synthetic_updates_the_enrich_stage_misses(synthetic_hits, report_id):
    reports, hits = synthetic_hits
    [r] = [r for r in reports if r["id"] == report_id]
    assert updates_of(replay(reports, hits, seed=None), reports).get(report_id, []) == (r["update"] or [])


def test_synthetic_story_events_match_the_set(synthetic_hits):
    reports, hits = synthetic_hits
    got = replay(reports, hits, seed=None)
    by_report = {aid: sid for sid, members in got.stories.items() for aid, _ in members}
    data = yaml.safe_load((SETS / "synthetic.yaml").read_text())
    for e in data["events"]:
        first = min((r for r in reports if r["event_key"] == e["event_key"] and r["id"] in by_report),
                    key=lambda r: r["at"])
        ev = got.events[by_report[first["id"]]]
        assert (ev["type"], ev["actor"]["id"]) == (e["type"], e["actor"]), e["event_key"]
        assert ev["outcome"] == e["outcome"], e["event_key"]
