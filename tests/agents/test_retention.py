"""What the side tables of the story and notify stages forget (agents/retention.py)."""

from __future__ import annotations

import pytest

from agents import retention

NOW = 1_800_000_000.0
DAY = 86400.0


@pytest.mark.parametrize("when, entries, forgotten", [
    (retention.delivered_at, {"hook|a1": NOW - 8 * DAY, "hook|a2": -(NOW - 8 * DAY), "hook|a3": NOW - DAY}, {"hook|a1", "hook|a2"}),
    (retention.slack_ts_at, {"s1": f"{NOW - 4 * DAY:.6f}", "s2": f"{NOW - 60:.6f}", "s3": ""}, {"s1"}),
    (retention.last_hit_at, {"s1": {"hit": {}, "at": NOW - 4 * DAY}, "s2": {"hit": {}, "at": NOW}, "s3": {"hit": {}}},
     {"s1"}),  # an entry written before "at" existed is kept, not guessed
])
def test_expired_entries_by_their_own_clock(when, entries, forgotten):
    ttl = retention.DELIVERED_TTL if when is retention.delivered_at else retention.STORY_TABLE_TTL
    assert set(retention.expired(entries.items(), now=NOW, ttl=ttl, when=when)) == forgotten


def test_a_malformed_value_is_kept_not_fatal():
    entries = {"a": "not a time", "b": None, "c": NOW - 30 * DAY}
    assert retention.expired(entries.items(), now=NOW, ttl=DAY, when=retention.slack_ts_at) == ["c"]


class Table(dict):
    name = "delivered"


def test_sweep_drops_only_what_this_worker_owns():
    table = Table({"mine-old": NOW - 30 * DAY, "theirs-old": NOW - 30 * DAY, "mine-new": NOW})
    n = retention.sweep(table, now=NOW, ttl=DAY, when=retention.delivered_at, owned=lambda k: k.startswith("mine"))
    assert n == 1 and set(table) == {"theirs-old", "mine-new"}
