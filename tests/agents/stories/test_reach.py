"""The reach of a report (agents/stories/reach.py): the contract it reads off the grouping
rules, checked on the story sets' reports, and the grouping of a set as the groupings of its
components."""

from __future__ import annotations

import collections
import sys

import pytest

from agents.stories.reach import Reach, related
from agents.stories.reports import group, order_key, report
from agents.stories.sketches import signature
from streams.core.records import AlertHit, EnrichedArticle
from tests.agents.stages import article, hits_of
from tests.agents.stories.story_sets import SETS

sys.path.insert(0, str(SETS.parents[3] / "bench"))
import bench_stories  # noqa: E402


def topic_reports(name: str) -> dict[str, list[dict]]:
    """The set's reports as the story stage records them, per topic, each at its publication."""
    out: dict[str, list[dict]] = collections.defaultdict(list)
    for r in bench_stories.load(name):
        a = article(r["id"], r.get("title") or "", r["text"], feed=r["feed"], first_seen=r["at"])
        a.published = r["at"]
        for _, value in hits_of(a):
            hit, enriched = AlertHit.from_data(value["hit"]), EnrichedArticle.from_data(value["enriched"])
            out[hit.topic].append(report(enriched.article, enriched.entities, hit.event, now=r["at"],
                                         sig=signature(enriched.article.text())))
    return out


SET_NAMES = ["synthetic", pytest.param("real_events", marks=pytest.mark.slow)]


@pytest.mark.parametrize("name", SET_NAMES)
def test_every_report_of_a_group_is_related_to_an_earlier_member(name):
    for topic, reports in topic_reports(name).items():
        for members in group(reports):
            for i, r in enumerate(members[1:], 1):
                assert any(related(r, m) for m in members[:i]), (topic, r["id"], [m["id"] for m in members[:i]])


@pytest.mark.parametrize("name", SET_NAMES)
def test_a_set_groups_as_its_components_do(name):
    for reports in topic_reports(name).values():
        index, parts, left = Reach(reports), [], {r["id"] for r in reports}
        for r in reports:
            if r["id"] in left:
                part = [r] + [x for x in index.component(r) if x["id"] != r["id"]]
                left -= {x["id"] for x in part}
                parts.append(part)
        assert not left
        pieces = sorted((g for part in parts for g in group(part)), key=lambda g: order_key(g[0]))
        assert pieces == group(reports)


def test_related_reads_the_actors_and_times():
    r = {"t": 0.0, "actor": "country:KP", "mentions": ["country:KP", "country:JP"]}
    assert related(r, {**r, "t": 6 * 86400.0})  # a recap: the same actor within a week
    assert not related(r, {**r, "t": 8 * 86400.0})
    assert related(r, {"t": 3600.0, "actor": "country:JP", "mentions": []})  # named by r
    assert related(r, {"t": 3600.0, "actor": None, "mentions": []})
    assert not related(r, {"t": 3600.0, "actor": "country:IR", "mentions": []})
    assert not related(r, {"t": 2 * 86400.0, "actor": None, "mentions": []})
    assert related(r, {"t": 3600.0, "actor": "agency:nasa", "mentions": []})  # other kinds, a volley apart
    assert not related(r, {"t": 4 * 3600.0, "actor": "agency:nasa", "mentions": []})
