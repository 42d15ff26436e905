"""Story state and messages (agents/stories/stories.py): real reports through the real enrich
core, the table value JSON-encoded between calls as the Faust table stores it."""

from __future__ import annotations

import json
import random

import pytest

from agents.stories import stories as st
from streams.core.records import AlertHit, EnrichedArticle, Entity
from tests.agents.stages import article, hits_of

T0 = 1_741_646_820.0  # 2025-03-10 22:47 UTC, a Tuesday morning in Seoul

FLASH = ("flash", "North Korea fires ballistic missile toward East Sea, Seoul says",
         "North Korea fired a ballistic missile toward the sea off its east coast on Tuesday morning, South "
         "Korea's Joint Chiefs of Staff said.", "wire-a", 0)
NEIGHBOUR = ("neighbour", "Missile fell outside Japan's EEZ, defence ministry says",
             "Japan's Ministry of Defense said a ballistic missile launched from North Korea early on Tuesday flew "
             "about 800 km and fell into the Sea of Japan outside Japan's exclusive economic zone.", "news-jp", 8)
RANGE = ("range", "North Korean missile flew about 1,000 km, South Korea's military says",
         "A ballistic missile fired by North Korea on Tuesday flew about 1,000 km before landing in the East Sea, "
         "South Korea's military said.", "wire-b", 18)
KCNA = ("kcna", "North Korea says it tested new Hwasong-11D tactical missile",
        "North Korea test-fired a new Hwasong-11D tactical ballistic missile on Tuesday to verify its improved "
        "guidance system, state media KCNA said on Wednesday.", "wire-f", 60 * 22)
AGAIN = ("again", "North Korea fires again, launching two short-range missiles",
         "North Korea launched two short-range ballistic missiles on Tuesday afternoon, its second launch of the "
         "day, South Korea's military said.", "wire-c", 60 * 6 + 20)
IRAN = ("iran", "Iran test-fires ballistic missile, state TV says",
        "Iran test-fired a new ballistic missile on Tuesday, state television reported.", "wire-d", 60 * 7)


def hit_of(spec: tuple, *, feed: str | None = None) -> tuple[str, AlertHit, EnrichedArticle, float]:
    rid, title, body, outlet, minutes = spec
    at = T0 + minutes * 60
    a = article(rid, title, body, feed=feed or f"https://{outlet}.example/rss", first_seen=at)
    a.published = at
    [(key, value)] = [kv for kv in hits_of(a) if kv[1]["hit"]["topic"] == "missile_launch"]
    return key, AlertHit.from_data(value["hit"]), EnrichedArticle.from_data(value["enriched"]), at


def run(specs: list[tuple], value: object = None) -> tuple[object, list[tuple[str, st.Story, str]]]:
    trace = []
    for spec in specs:
        _, hit, enriched, at = hit_of(spec)
        value, story, decision = st.step(json.loads(json.dumps(value)), hit.topic, enriched.article,
                                         enriched.entities, event=hit.event, now=at)
        if decision == "new":
            value = st.replace_story(value, st.mark_sent(story, "new", now=at))
        trace.append((spec[0], story, decision))
    return value, trace


def memberships(value: object) -> list[list[str]]:
    return sorted(sorted(s.article_ids) for s in st.stories_of(value))


def test_reports_of_one_launch_make_one_story_whoever_leads():
    value, trace = run([NEIGHBOUR, FLASH, RANGE, KCNA])
    assert [d for _, _, d in trace] == ["new", "update", "update", "update"]
    [story] = st.stories_of(value)
    assert story.id == trace[0][1].id and story.sources == 4
    ev = story.event
    assert ev["actor"]["id"] == "country:KP" and ev["confirmed"] is True
    assert ev["readings"]["range_km"] == {"800": ["news-jp.example"], "1000": ["wire-b.example"]}


def test_the_same_actors_second_launch_of_the_day_is_a_second_story():
    value, trace = run([FLASH, NEIGHBOUR, AGAIN, IRAN])
    assert [d for _, _, d in trace] == ["new", "update", "new", "new"]
    assert memberships(value) == [["again"], ["flash", "neighbour"], ["iran"]]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_same_reports_give_the_same_stories_in_any_order(seed):
    specs = [FLASH, NEIGHBOUR, RANGE, KCNA, AGAIN, IRAN]
    want = memberships(run(specs)[0])
    random.Random(seed).shuffle(specs)
    assert memberships(run(specs)[0]) == want


def bare(rid: str, minutes: float, actor: str, *, names: tuple[str, ...] = ()) -> tuple:
    """An article whose event is given by hand: ``actor`` acted, the text names ``names``."""
    at = T0 + minutes * 60
    a = article(rid, f"report {rid}", f"words of report {rid} that no other report shares {rid}",
                feed=f"https://{rid}.example/rss", first_seen=at)
    a.published = at
    ents = [Entity(text=n, label="COUNTRY", id=n, start=0, end=1) for n in (actor, *names)]
    event = {"type": "missile_launch", "actor": {"id": actor, "text": actor}, "object": None, "site": None,
             "outcome": "unknown", "when": None, "when_text": None}
    return a, ents, event, at


def test_a_bridging_report_merges_two_stories_into_the_older():
    value = None
    ids = []
    for rid, minutes, actor, names in (("jp", 0, "country:JP", ()), ("kp", 60, "country:KP", ()),
                                       ("bridge", 30, "country:KP", ("country:JP",))):
        a, ents, event, at = bare(rid, minutes, actor, names=names)
        value, story, decision = st.step(value, "missile_launch", a, ents, event=event, now=T0 + len(ids))
        if decision == "new":
            value = st.replace_story(value, st.mark_sent(story, "new", now=T0))
        ids.append((story.id, decision))
    assert [d for _, d in ids] == ["new", "new", "update"]
    [story] = st.stories_of(value)
    assert story.id == ids[0][0] and story.merged == (ids[1][0],)
    assert set(story.article_ids) == {"jp", "kp", "bridge"}


def test_two_events_joined_for_a_while_and_split_again_send_no_second_new():
    """Reports that come in an order that joins two events for a while (a report of the second
    day that names no type), then one that tells them apart: the second event's story comes back
    under its id, as an update, not as a second `new`."""
    H = 3600.0
    specs = [  # id, hours after T0, stated day, what flew
        ("srbm", 0, "2025-03-10", "short-range ballistic missile"),
        ("icbm", 20, "2025-03-11", "intercontinental ballistic missile"),
        ("bridge", 19, "2025-03-11", "ballistic missile"),  # one sign only: joins the first day's
        ("icbm-2", 18, "2025-03-11", "ICBM"),  # two signs: the second day's event, and "bridge" follows it
    ]
    value, sent = None, []
    for rid, hours, when, what in specs:
        a, ents, event, _ = bare(rid, hours * 60, "country:KP")
        a.published = T0 + hours * H
        event = dict(event, when=when, object={"text": what, "class": "missile"})
        value, story, decision = st.step(value, "missile_launch", a, ents, event=event, now=a.published)
        if decision == "new":
            value = st.replace_story(value, st.mark_sent(story, "new", now=a.published))
        sent.append((rid, story.id, decision))
    assert [d for _, _, d in sent] == ["new", "new", "update", "update"]
    assert sent[3][1] == sent[1][1]  # the ICBM's story is the one announced for it
    assert memberships(value) == [["bridge", "icbm", "icbm-2"], ["srbm"]]


def test_duplicates_change_nothing():
    value, _ = run([FLASH])
    again, trace = run([FLASH], value)
    assert trace[0][2] == "duplicate" and again == st.bucket_of(value)
    # the same feed re-publishing its entry under another id
    rid, title, body, outlet, minutes = FLASH
    value2, trace = run([("flash-2", title, body + " ", outlet, minutes + 5)], value)
    assert trace[0][2] == "duplicate"


def test_updates_go_out_when_the_event_changes_not_per_source():
    value, trace = run([FLASH, NEIGHBOUR])
    story = trace[1][1]
    assert [c["kind"] for c in story.pending] == ["corroborated"]
    assert st.should_notify(story, "update", now=T0 + 600)  # no wait after `new`
    sent = st.mark_sent(story, "update", now=T0 + 600)
    assert sent.pending == [] and not st.should_notify(sent, "update", now=T0 + 601)
    value = st.replace_story(value, sent)
    value, trace = run([RANGE], value)  # a third source: a change, held by the floor
    story = trace[0][1]
    assert [c["kind"] for c in story.pending] == ["sources_3"]
    assert not st.should_notify(story, "update", now=T0 + 700, cooldown=600)
    assert st.due([story], now=T0 + 1200, cooldown=600) == [story]
    fields = st.alert_fields(story, "update")
    assert fields["changes"] == story.pending and fields["story"]["sources"] == 3


def test_a_story_closes_after_max_age():
    value, _ = run([FLASH])
    _, hit, enriched, at = hit_of(RANGE)
    later = at + st.DEFAULT_MAX_AGE + 3600
    enriched.article.published = later
    value, story, decision = st.step(value, hit.topic, enriched.article, enriched.entities, event=hit.event, now=later)
    assert decision == "new" and [s.article_ids for s in st.stories_of(value)] == [("range",)]


def test_json_round_trips_and_old_table_values_start_afresh():
    value, trace = run([FLASH, NEIGHBOUR])
    story = trace[-1][1]
    assert st.Story.from_dict(json.loads(json.dumps(story.to_dict()))) == story
    assert st.bucket_of([{"id": "old-format story"}]) == {"reports": [], "stories": []}
    assert st.primary_key("missile_launch", []) == "missile_launch"
