"""A hit regroups only what its report reaches (agents/stories/buckets.py): the story stage
with its buckets leaves, after every hit, the table value that regrouping the whole topic
(stories.step, what a table that hands out copies forces) leaves, and sends the same alerts,
over the story sets in several orders."""

from __future__ import annotations

import asyncio
import copy
import json
import sys

import pytest

from agents.stories import stories as st
from agents.stories.buckets import Bucket
from agents.stories.mutebook import MuteBook
from agents.stories.stage import StoryStage
from streams.core.metrics import Metrics
from tests.agents.stages import article, hits_of
from tests.agents.stories.story_sets import SETS

sys.path.insert(0, str(SETS.parents[3] / "bench"))
import bench_stories  # noqa: E402


class Copies(dict):
    """A table whose reads hand out copies (as a store that decodes every read): the stage never
    finds the value it wrote, so every hit goes through stories.step over the whole topic."""

    def get(self, key, default=None):
        return copy.deepcopy(super().get(key, default))


def set_hits(name: str) -> tuple[list[dict], dict[str, list]]:
    """The set's reports and their hits; every tenth report also again, under another id (its
    feed publishing it anew)."""
    reports, hits = bench_stories.load(name), {}
    for i, r in enumerate(reports):
        for aid in (r["id"], r["id"] + "-again")[:2 if i % 10 == 0 else 1]:
            a = article(aid, r.get("title") or "", r["text"], feed=r["feed"], first_seen=r["at"])
            a.published = r["at"]
            hits[aid] = hits_of(a)
    return reports, hits


def arrivals(reports: list[dict], order: int) -> list[tuple[float, str]]:
    """(when, article id): orders 0..2 as bench_stories sees them, then the republished copies an
    hour on; 3: newest first within minutes (a backlog), every tenth report delivered twice."""
    if order < 3:
        seen = [(r["arrived"], r["id"]) for r in bench_stories.arrival_order(reports, order)]
        return seen + [(r["arrived"] + 3600.0, r["id"] + "-again") for r in reports[::10]]
    late = sorted(reports, key=lambda r: -r["at"])
    late += late[::10]
    return [(1_800_000_000.0 + 30.0 * i, r["id"]) for i, r in enumerate(late)]


def trace(stories: dict, reports: list[dict], hits: dict[str, list], order: int) -> list[str]:
    """Every table value after every hit and every alert sent, as JSON."""
    book = MuteBook()
    book.ready.set()
    out: list[str] = []

    async def publish(alert) -> None:
        out.append(json.dumps(alert.asdict(), sort_keys=True, default=str))

    stage = StoryStage(stories=stories, last_hits={}, book=book, publish=publish, metrics=Metrics(), cooldown=600.0)

    async def run() -> None:
        for i, (now, aid) in enumerate(sorted(arrivals(reports, order), key=lambda a: a[0])):
            for key, value in hits[aid]:
                await stage.on_hit(key, value, now=now)
                out.append(json.dumps(dict.get(stories, key), sort_keys=True))
            if i % 25 == 0:
                await stage.send_held(now=now + 601.0, owned=lambda key: True)

    asyncio.run(run())
    return out


@pytest.mark.parametrize("name", ["synthetic", pytest.param("real_events", marks=pytest.mark.slow)])
def test_the_buckets_leave_what_regrouping_the_whole_topic_leaves(name):
    reports, hits = set_hits(name)
    for order in range(4):
        assert trace({}, reports, hits, order) == trace(Copies(), reports, hits, order), order


def test_with_few_reports_kept_the_left_out_stories_go_alike(monkeypatch):
    monkeypatch.setattr(st, "MAX_REPORTS", 6)
    reports, hits = set_hits("synthetic")
    for order in (0, 3):
        assert trace({}, reports, hits, order) == trace(Copies(), reports, hits, order), order


def test_a_value_the_bucket_did_not_write_is_regrouped_whole():
    reports, hits = set_hits("synthetic")
    [(key, value)] = hits[reports[0]["id"]][:1]
    stories: dict = {}
    stage = StoryStage(stories=stories, last_hits={}, book=MuteBook(), publish=lambda a: asyncio.sleep(0),
                       metrics=Metrics(), cooldown=600.0)
    asyncio.run(stage.on_hit(key, value, now=reports[0]["at"]))
    held = stage.buckets[key]
    assert held.holds(stories[key]) and held.grouped
    stories[key] = json.loads(json.dumps(stories[key]))  # recovered from the changelog
    assert not held.holds(stories[key])
    assert not Bucket(stories[key]).grouped
