"""The enrich stage's pure parts: what the dedup table forgets."""

from __future__ import annotations

import pytest

from agents.enrich import SEEN_TTL, stale_ids

NOW = 1_800_000_000.0


@pytest.mark.parametrize("ages, max_ids, forgotten", [
    ({"a": 10, "b": 20}, 10, set()),                                  # young and few: keep all
    ({"a": SEEN_TTL + 1, "b": 20}, 10, {"a"}),                         # past the TTL
    ({"a": 30, "b": 20, "c": 10, "d": 5}, 2, {"a", "b"}),               # the oldest beyond the cap
    ({"a": SEEN_TTL + 5, "b": 30, "c": 20, "d": 10}, 2, {"a", "b"}),    # TTL first, then the cap
    ({"a": 10, "b": 10, "c": 10}, 3, set()),                           # exactly at the cap
])
def test_stale_ids_are_the_expired_then_the_oldest_beyond_the_cap(ages, max_ids, forgotten):
    seen = [(key, NOW - age) for key, age in ages.items()]
    assert set(stale_ids(seen, now=NOW, ttl=SEEN_TTL, max_ids=max_ids)) == forgotten


def test_tombstones_are_not_counted_or_forgotten_twice():
    # a popped key can still be listed as None by the table until its tombstone is applied
    seen = [("gone", None), ("a", NOW - 3), ("b", NOW - 2), ("c", NOW - 1)]
    assert stale_ids(seen, now=NOW, ttl=SEEN_TTL, max_ids=2) == ["a"]
