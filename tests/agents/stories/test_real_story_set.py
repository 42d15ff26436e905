"""Issue 13's figure on real news: the real story set (sets/real_events.yaml, real excerpts
from many outlets arranged into feeds by event) through the enrich core and the story stage,
as `python bench/bench_stories.py --set real` runs it, gives at most 1.05 `new` alerts per
event, no story holding two events, and the same stories in every arrival order; and so
whatever hour the undated third of the set is guessed to be published at (the stories must
not hang on the bench's guess: real feeds give every item a time, hours after its event).

The batches that meet it are held to it: a new batch is measured on first sight before any
change (bench/README.md) and joins here once it does. With the alerts for other real events
told in passing (four: a drill, two exercises, a SAM launch; `also` in the set), the five batches
give 92 `new` for 87 events (1.057); without them 88 (1.011)."""

from __future__ import annotations

import asyncio
import sys

import pytest

from tests.agents.stories.story_sets import SETS

sys.path.insert(0, str(SETS.parents[3] / "bench"))
import bench_stories  # noqa: E402

pytestmark = pytest.mark.slow  # ~20 s: every report through the enrich core, three orders, three guesses

#: the gathering rounds held to the target (see the set's header), at each guessed hour (hours
#: after noon of the event's day) of the undated pages
HELD = [(shift, (1, 2, 3, 4, 5)) for shift in (0.0, 6.0, 12.0)]


@pytest.mark.parametrize("shift,batches", HELD)
def test_one_new_alert_per_real_event_and_no_story_of_two_events(shift, batches):
    reports = [r for b in batches for r in bench_stories.load("real_events", batch=b, shift=shift)]
    events = {r["event_key"] for r in reports if r["event_key"]}
    results = [asyncio.run(bench_stories.run(bench_stories.arrival_order(reports, order))) for order in range(3)]
    for res in results:
        assert res["mixed"] == 0 and not res["together"], res["together"]
        # alerts for other real events a report states in passing (the set's `also` labels) are
        # right alerts of their own, not a second alert for the report's event
        assert res["new"] - res["also"] <= 1.05 * len(events), (res["new"], res["also"], len(events))
        assert res["stories"] == results[0]["stories"]
