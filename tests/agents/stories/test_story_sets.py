"""The story sets of issue 13 hold together: every report belongs to a listed event (or is a
distractor), the expected updates follow the source counts in publication order, and the real
sets name their sources. The sets are the proof data for event-keyed stories (sets/)."""

from __future__ import annotations

import collections
import datetime as dt
from pathlib import Path

import pytest
import yaml

SETS = Path(__file__).with_name("sets")
KINDS = ["new", "corroborated", "sources_3", "sources_10", "outcome_changed", "object_identified", "confirmed"]


def instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


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
        assert r["event_key"] in events, r["id"]
        assert r["url"].startswith(("http://", "https://")), r["id"]
        assert 30 <= len(r["text"].split()) <= 130, r["id"]
    counts = collections.Counter(r["event_key"] for r in real["reports"])
    assert sum(1 for n in counts.values() if n >= 3) >= 12
    for pair in real["distinct_pairs"]:  # close events that must stay two stories
        # b is None when a's reports recap an older event that is not in the set: no story for it
        assert pair["a"] in events and pair["b"] != pair["a"] and pair["why"], pair
        assert pair["b"] is None or pair["b"] in events, pair
