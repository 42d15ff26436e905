"""The enrich stage's pure parts: what the dedup table forgets."""

from __future__ import annotations

import pytest

from agents.enrich import SEEN_TTL, stale_ids

NOW = 1_800_000_000.0


@pytest.mark.parametrize("ages, max_ids, forgotten", [
    ([("a", 30), ("b", 20)], 10, []),                                    # young and few: keep all
    ([("a", SEEN_TTL + 1), ("b", 20)], 10, ["a"]),                        # past the TTL
    ([("a", 30), ("b", 20), ("c", 10), ("d", 5)], 2, ["a", "b"]),          # the oldest beyond the cap
    ([("a", SEEN_TTL + 5), ("b", 30), ("c", 20), ("d", 10)], 2, ["a", "b"]),  # TTL, then the cap
    ([("a", SEEN_TTL + 9), ("b", SEEN_TTL + 5), ("c", 1)], 1, ["a", "b"]),  # TTL beyond the cap's due
    ([("a", 10), ("b", 10), ("c", 10)], 3, []),                           # exactly at the cap
])
def test_stale_ids_are_the_expired_then_the_oldest_beyond_the_cap(ages, max_ids, forgotten):
    seen = [(key, NOW - age) for key, age in ages]
    assert stale_ids(seen, size=len(seen), now=NOW, ttl=SEEN_TTL, max_ids=max_ids) == forgotten


def test_stale_ids_reads_no_further_than_it_must():
    read: list[str] = []

    def table():
        for i in range(1_000_000):
            read.append(f"id{i}")
            yield f"id{i}", NOW - 1_000_000 + i  # oldest first, none expired

    assert stale_ids(table(), size=1_000_000, now=NOW, ttl=SEEN_TTL, max_ids=999_990) == [f"id{i}" for i in range(10)]
    assert len(read) == 11  # the ten it drops, and the first it keeps


def test_tombstones_are_forgotten():
    seen = [("gone", None), ("a", NOW - 3), ("b", NOW - 2)]
    assert stale_ids(seen, size=3, now=NOW, ttl=SEEN_TTL, max_ids=5) == ["gone"]
