"""A story's event and what changed (agents/stories/facts.py)."""

from __future__ import annotations

import pytest

from agents.stories.facts import changes, event, told
from tests.agents.stories.test_reports import rep


def with_(r: dict, **kw) -> dict:
    return {**r, **kw}


def test_the_event_is_what_most_reports_say_and_keeps_every_reading():
    members = [
        with_(rep("a", 0), source="Yonhap", range_km="1000", outcome="success"),
        with_(rep("b", 0.1, "agency:japan-mod", mentions=("country:KP",)), source="NHK", range_km="800"),
        with_(rep("c", 0.2), source="AP", range_km="1000", object="vehicle:hwasong", object_text="Hwasong-11D",
              official=True, site="site:sunan", site_text="Sunan"),
        with_(rep("d", 1), source="Kyodo", outcome="failure"),
    ]
    ev = event("missile_launch", members)
    assert ev["actor"] == {"id": "country:KP", "text": "country:KP"}
    assert ev["object"] == {"id": "vehicle:hwasong", "text": "Hwasong-11D", "class": "missile"}
    assert ev["site"] == {"id": "site:sunan", "text": "Sunan"}
    assert (ev["outcome"], ev["confirmed"], ev["sources"], ev["time"]) == ("failure", True, 4, members[0]["t"])
    assert ev["readings"]["range_km"] == {"1000": ["Yonhap", "AP"], "800": ["NHK"]}
    assert ev["readings"]["outcome"] == {"success": ["Yonhap"], "failure": ["Kyodo"]}
    assert "object" not in ev["readings"]  # one object named: nothing disagrees
    assert ev["when"] == "2025-03-10"  # no stated date: the first report's (UTC) day


def test_changes_name_what_is_new_in_order():
    one = event("missile_launch", [rep("a", 0)])
    before = told(one)
    three = event("missile_launch", [rep("a", 0), with_(rep("b", 1), outcome="intercepted"),
                                     with_(rep("c", 2), object="vehicle:x", object_text="X-1", official=True)])
    assert [c["kind"] for c in changes(before, three)] == ["corroborated", "sources_3", "outcome_changed",
                                                          "object_identified", "confirmed"]
    assert changes(told(three), three) == []
    assert changes(None, three) == []


@pytest.mark.parametrize("was,now,told_", [
    ("unknown", "success", False),  # the launch was the news
    ("success", "failure", True),
    ("unknown", "intercepted", True),
    ("failure", "failure", False),
])
def test_outcome_changes_that_are_told(was, now, told_):
    before = told(event("missile_launch", [with_(rep("a", 0), outcome=was)]))
    a = with_(rep("a", 0), outcome=was)
    after = event("missile_launch", [a, with_(rep("b", 0.5), feed=a["feed"], outcome=now)])  # same feed: no new source
    assert [c["kind"] for c in changes(before, after)] == (["outcome_changed"] if told_ else [])


def test_sources_ten_is_told_once():
    members = [rep(f"r{i}", i * 0.1) for i in range(11)]
    before = told(event("missile_launch", members[:9]))
    ev = event("missile_launch", members)
    assert [c["kind"] for c in changes(before, ev)] == ["sources_10"]
    assert changes(told(ev), event("missile_launch", members)) == []
