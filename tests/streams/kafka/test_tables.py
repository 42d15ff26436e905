"""What the side tables of the story and notify stages forget (streams/kafka/tables.py, and each
stage's retention)."""

from __future__ import annotations

import pytest

from agents.notify.stage import DELIVERED_TTL, SLACK_THREAD_TTL, delivered_at, slack_ts_at
from agents.stories.stage import LAST_HIT_TTL, last_hit_at
from streams.kafka.tables import expired, sweep

NOW = 1_800_000_000.0
DAY = 86400.0


@pytest.mark.parametrize("when, ttl, entries, forgotten", [
    (delivered_at, DELIVERED_TTL, {"hook|a1": NOW - 8 * DAY, "hook|a2": -(NOW - 8 * DAY), "hook|a3": NOW - DAY},
     {"hook|a1", "hook|a2"}),
    (slack_ts_at, SLACK_THREAD_TTL, {"s1": f"{NOW - 8 * DAY:.6f}", "s2": f"{NOW - 60:.6f}", "s3": ""}, {"s1"}),
    (last_hit_at, LAST_HIT_TTL, {"s1": {"hit": {}, "at": NOW - 6 * DAY}, "s2": {"hit": {}, "at": NOW},
                                 "s3": {"hit": {}}},
     {"s1"}),  # an entry written before "at" existed is kept, not guessed
])
def test_expired_entries_by_their_own_clock(when, ttl, entries, forgotten):
    assert set(expired(entries.items(), now=NOW, ttl=ttl, when=when)) == forgotten


def test_a_malformed_value_is_kept_not_fatal():
    entries = {"a": "not a time", "b": None, "c": NOW - 30 * DAY}
    assert expired(entries.items(), now=NOW, ttl=DAY, when=slack_ts_at) == ["c"]


def test_sweep_drops_only_what_this_worker_owns():
    table = {"mine-old": NOW - 30 * DAY, "theirs-old": NOW - 30 * DAY, "mine-new": NOW}
    n = sweep(table, now=NOW, ttl=DAY, when=delivered_at, owned=lambda k: k.startswith("mine"))
    assert n == 1 and set(table) == {"theirs-old", "mine-new"}
