"""Issue 13's figure on real news: the real story set (sets/real_events.yaml, real excerpts
from many outlets arranged into feeds by event) through the enrich core and the story stage,
as `python bench/bench_stories.py --set real` runs it, gives at most 1.05 `new` alerts per
event, no story holding two events, and the same stories in every arrival order; and so
whatever hour the undated third of the set is guessed to be published at (the stories must
not hang on the bench's guess: real feeds give every item a time, hours after its event).

The batches that meet it are held to it: a new batch is measured on first sight before any
change (bench/README.md) and joins here once it does. With the alerts for other real events
told in passing (`also` in the set: a drill, exercises, a SAM launch), the six batches give 104
`new` for 97 events (105 in one shuffled order: a real exercise's story split); without them 98
(1.010). No distractor (a report of no event: a launch still scheduled) raises an alert."""

from __future__ import annotations

import asyncio
import sys

import pytest

from tests.agents.stories.story_sets import SETS

sys.path.insert(0, str(SETS.parents[3] / "bench"))
import bench_stories  # noqa: E402

SLOW = pytest.mark.slow  # ~20 s: every report through the enrich core, three orders, three guesses

#: the gathering rounds held to the target (see the set's header), at each guessed hour (hours
#: after noon of the event's day) of the undated pages
HELD = [(shift, (1, 2, 3, 4, 5, 6)) for shift in (0.0, 6.0, 12.0)]


@SLOW
@pytest.mark.parametrize("shift,batches", HELD)
def test_one_new_alert_per_real_event_and_no_story_of_two_events(shift, batches):
    reports = [r for b in batches for r in bench_stories.load("real_events", batch=b, shift=shift)]
    events = {r["event_key"] for r in reports if r["event_key"]}
    results = [asyncio.run(bench_stories.run(bench_stories.arrival_order(reports, order))) for order in range(3)]
    for res in results:
        assert res["mixed"] == 0 and not res["together"], res["together"]
        assert res["distractor_alerts"] == 0
        # alerts for other real events a report states in passing (the set's `also` labels) are
        # right alerts of their own, not a second alert for the report's event
        assert res["new"] - res["also"] <= 1.05 * len(events), (res["new"], res["also"], len(events))
        assert res["stories"] == results[0]["stories"]


def real_groups(batch: int, prefixes: tuple[str, ...], topic: str = "missile_launch") -> list[list[str]]:
    """The ids of the reports of ``batch`` whose ids start with one of ``prefixes``, as the grouping
    rules group them under ``topic`` (each report at its publication, as the bench places it)."""
    from agents.stories.reports import group, report
    from agents.stories.sketches import signature
    from streams.core.records import AlertHit, EnrichedArticle
    from tests.agents.stages import article, hits_of

    out = []
    for r in bench_stories.load("real_events", batch=batch):
        if not r["id"].startswith(prefixes):
            continue
        a = article(r["id"], r.get("title") or "", r["text"], feed=r["feed"], first_seen=r["at"])
        a.published = r["at"]
        for _, value in hits_of(a):
            hit, enriched = AlertHit.from_data(value["hit"]), EnrichedArticle.from_data(value["enriched"])
            if hit.topic == topic:
                out.append(report(enriched.article, enriched.entities, hit.event, now=r["at"],
                                  sig=signature(enriched.article.text())))
    return [sorted(m["id"] for m in members) for members in group(out)]


# batch 6's cases the grouping rules read wrongly on first sight (the set's header), each now one
# story per event
BATCH6 = [
    # "All networks reported at noon that ... North Korea test-fired ... this morning": noon is the
    # telling's hour, not the launch's (was: afternoon against the other pages' morning, a split)
    pytest.param(("r-kp0316f-",), [["r-kp0316f-7news", "r-kp0316f-firstpost", "r-kp0316f-independent",
                                    "r-kp0316f-nationalpost", "r-kp0316f-usembassy"]], id="telling-hour"),
    # "North Korea said on Friday that it fired an ICBM ... launched on Thursday morning", two days
    # on: the day after the group's, named as the telling's day (was: another day at the group's
    # part of the day, a split)
    # (nippon's "conducted a launch drill for a Hwasong-17" raises an exercise hit, no launch)
    pytest.param(("r-kp0316i-",), [["r-kp0316i-15seconds", "r-kp0316i-independent", "r-kp0316i-japantimes",
                                    "r-kp0316i-tribuneindia"]], id="told-day-after"),
    # SRBMs "for the second time in a few days", dated by the enrich stage in the sentence that
    # recalls the submarine launch ("Two days ago, North Korea fired ...", "announced yesterday that
    # it had tested ..."): the SRBMs' own story (was: two of them in the submarine launch's)
    pytest.param(("r-kp0312-", "r-kp0314-"), [
        ["r-kp0312-inform", "r-kp0312-kbs", "r-kp0312-rappler", "r-kp0312-spotlightnepal", "r-kp0312-thenewdaily"],
        ["r-kp0314-mda", "r-kp0314-moneycontrol", "r-kp0314-novinite", "r-kp0314-pledgetimes", "r-kp0314-thenews"]],
        id="recalled-day"),
]


@pytest.mark.parametrize("prefixes,expected", BATCH6)
def test_batch6_reports_of_one_event_are_one_group(prefixes, expected):
    assert real_groups(6, prefixes) == expected
