"""Story clustering and alert lifecycle, driven by hand-written reports in stories_cases.yaml."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from agents.stories import stories as st
from streams.core.records import Article, Entity
from tests.support import ROOT

CASES = yaml.safe_load((Path(__file__).with_name("stories_cases.yaml")).read_text())
T0 = 1_700_600_000.0  # a Tuesday evening in Seoul


def article(report: dict) -> Article:
    return Article(
        id=report["id"],
        feed_url=report["feed"],
        link=f"https://news.example/{report['id']}",
        title=report["title"],
        summary=report["body"],
        first_seen=T0 + report["at"] * 60,
    )


def mentions(art: Article, specs: list[list[str]]) -> list[Entity]:
    """One Entity per whole-word occurrence of each surface, longest surfaces first."""
    text = art.text()
    taken: list[tuple[int, int]] = []
    out = []
    for surface, label, ent_id in sorted(specs, key=lambda s: -len(s[0])):
        for m in re.finditer(rf"\b{re.escape(surface)}(?!\w)", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append(Entity(text=surface, label=label, id=ent_id, start=m.start(), end=m.end()))
    assert out, f"no entity of {specs} found in the text"
    return sorted(out, key=lambda e: e.start)


def run(reports: list[dict], bucket: list[dict] | None = None) -> tuple[list[dict], list[tuple[str, st.Story, str]]]:
    """Feed reports through step() with the table value JSON-encoded between calls."""
    bucket = bucket or []
    trace = []
    for r in reports:
        art = article(r)
        bucket, story, decision = st.step(json.loads(json.dumps(bucket)), r["topic"], art,
                                          mentions(art, r["entities"]), now=art.first_seen)
        trace.append((r["id"], story, decision))
    return bucket, trace


def chronological(name: str) -> list[dict]:
    return sorted(CASES[name], key=lambda r: r["at"])


# --- one launch, ten reports --------------------------------------------------------

ONE_LAUNCH_TRACE = run(chronological("one_launch"))[1]


@pytest.mark.parametrize("index", range(len(CASES["one_launch"])),
                         ids=[r["id"] for r in chronological("one_launch")])
def test_one_launch_decisions(index):
    report = chronological("one_launch")[index]
    rid, _, decision = ONE_LAUNCH_TRACE[index]
    assert (rid, decision) == (report["id"], report["expect"])


def test_one_launch_is_one_story():
    ids = {story.id for _, story, _ in ONE_LAUNCH_TRACE}
    assert len(ids) == 1
    final = [s for _, s, d in ONE_LAUNCH_TRACE if d != "duplicate"][-1]
    joined = [r for r in CASES["one_launch"] if r["expect"] != "duplicate"]
    assert final.sources == len({r["feed"] for r in joined})
    assert final.revision == len(joined) - 1
    assert set(final.article_ids) == {r["id"] for r in joined}
    assert final.actors == ("country:KP", "country:JP", "country:KR")  # Kyodo: JP, Yonhap follow-up: KR
    assert final.vehicles == ("vehicle:chollima-1",)
    assert final.sites == ("site:sohae",)


@pytest.mark.parametrize("order", ["reversed", "kyodo_first", "brief_first", "kcna_first"])
def test_one_launch_is_one_story_in_any_order(order):
    reports = chronological("one_launch")
    first = {"kyodo_first": "kyodo-1", "brief_first": "afp-brief-1", "kcna_first": "kcna-1"}.get(order)
    if order == "reversed":
        reports = reports[::-1]
    else:
        reports = [r for r in reports if r["id"] == first] + [r for r in reports if r["id"] != first]
    # one clock for all: only the order of arrival changes
    reports = [{**r, "at": 10 * i} for i, r in enumerate(reports)]
    _, trace = run(reports)
    decisions = [d for _, _, d in trace]
    assert len({s.id for _, s, _ in trace}) == 1, list(zip([t[0] for t in trace], decisions))
    assert decisions.count("new") == 1 and decisions[0] == "new"
    assert decisions.count("duplicate") == 1  # the republished Reuters entry or its original


def test_syndicated_copy_joins_by_text_alone():
    ap, abc = (next(r for r in CASES["one_launch"] if r["id"] == i) for i in ("ap-1", "abc-1"))
    a, b = article(ap), article(abc)
    story, decision = st.assign("satellite_launch", a, mentions(a, ap["entities"]), [], now=a.first_seen)
    assert decision == "new"
    assert st.similarity(st.signature(a.text()), st.signature(b.text())) >= st.TEXT_THRESHOLD
    joined, decision = st.assign("satellite_launch", b, [], [story], now=b.first_seen)
    assert decision == "update"
    assert (joined.id, joined.sources, joined.revision) == (story.id, 2, 1)
    assert joined.feeds == (ap["feed"], abc["feed"])


def test_same_article_again_is_duplicate_and_changes_nothing():
    r = CASES["one_launch"][0]
    a = article(r)
    ents = mentions(a, r["entities"])
    story, _ = st.assign("satellite_launch", a, ents, [], now=a.first_seen)
    again, decision = st.assign("satellite_launch", a, ents, [story], now=a.first_seen + 60)
    assert decision == "duplicate"
    assert again == story


@pytest.mark.parametrize(
    "name",
    ["two_missiles_one_day", "two_actors_one_day"],
)
def test_two_launches_one_day_are_two_stories(name):
    _, trace = run(chronological(name))
    by_report = {rid: (story.id, decision) for rid, story, decision in trace}
    for r in CASES[name]:
        assert by_report[r["id"]][1] == r["expect"], r["id"]
    assert len({sid for sid, _ in by_report.values()}) == 2


def test_vehicle_veto_holds_against_identical_text():
    r = CASES["two_missiles_one_day"][0]
    a = article(r)
    story, _ = st.assign("missile_launch", a, mentions(a, r["entities"]), [], now=a.first_seen)
    other = Article(id="other", feed_url="https://other.example/rss", link="", title=a.title,
                    summary=a.summary.replace("Hwasal-2", "Hwasong-18"))
    ents = mentions(other, [["North Korea", "COUNTRY", "country:KP"],
                            ["Hwasong-18", "VEHICLE", "vehicle:hwasong-18"]])
    assert st.similarity(st.signature(a.text()), st.signature(other.text())) >= st.TEXT_THRESHOLD
    _, decision = st.assign("missile_launch", other, ents, [story], now=a.first_seen + 3600)
    assert decision == "new"


def test_new_launch_two_days_later_is_a_new_story():
    bucket, trace = run(chronological("one_launch"))
    first_story = trace[0][1].id
    bucket, later = run(CASES["two_days_later"], bucket)
    (_, story, decision), = later
    assert decision == "new" and story.id != first_story
    # the old story was closed and fully sent? it had unsent updates, so it is kept
    assert [d["id"] for d in bucket] == [story.id, first_story]


@pytest.mark.parametrize(
    "topic, shift, expect",
    [
        ("satellite_launch", 5 * 3600, "update"),      # inside the 6 h window
        ("satellite_launch", 6 * 3600 + 1, "new"),     # window passed since last_seen
        ("missile_launch", 60, "new"),                 # other topic
    ],
)
def test_window_and_topic(topic, shift, expect):
    first, second = chronological("one_launch")[:2]
    a, b = article(first), article(second)
    story, _ = st.assign("satellite_launch", a, mentions(a, first["entities"]), [], now=a.first_seen)
    _, decision = st.assign(topic, b, mentions(b, second["entities"]), [story], now=a.first_seen + shift)
    assert decision == expect


def test_max_age_closes_a_story_kept_alive_by_follow_ups():
    r = CASES["one_launch"][0]
    a = article(r)
    ents = mentions(a, r["entities"])
    story, _ = st.assign("satellite_launch", a, ents, [], now=0.0)
    for i in range(1, 12):  # a follow-up every 5 h for 55 h, each from another outlet
        follow = Article(id=f"f{i}", feed_url=f"https://outlet{i}.example/rss", link="",
                         title=f"Follow-up number {i}", summary="Reactions continue.")
        story, decision = st.assign("satellite_launch", follow, ents, [story], now=i * 5 * 3600.0,
                                    max_age=48 * 3600)
        if decision == "new":
            break
    assert decision == "new" and i * 5 * 3600 > 48 * 3600


# --- signatures ---------------------------------------------------------------------


def test_similarity_bounds():
    texts = [r["title"] + " " + r["body"] for r in CASES["one_launch"]]
    sigs = [st.signature(t) for t in texts]
    assert st.similarity(sigs[0], sigs[0]) == 1.0
    assert st.similarity(st.signature(""), st.signature("")) == 0.0
    iran = CASES["two_actors_one_day"][1]
    assert st.similarity(sigs[0], st.signature(iran["body"])) < 0.2
    with pytest.raises(ValueError):
        st.similarity(sigs[0], st.signature(texts[0], num_perm=32))


def test_signature_is_identical_across_processes():
    text = article(CASES["one_launch"][0]).text()
    code = ("import sys, json; from agents.stories.stories import signature; "
            "print(json.dumps(signature(sys.stdin.read())))")
    root = ROOT
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True,
                              text=True, cwd=root, env=env, timeout=120, check=True)
        outs.append(json.loads(done.stdout))
    assert outs[0] == outs[1] == list(st.signature(text))


# --- state and keys -----------------------------------------------------------------


def test_story_round_trips_through_json():
    final = ONE_LAUNCH_TRACE[-2][1]
    again = st.Story.from_dict(json.loads(json.dumps(final.to_dict())))
    assert again == final
    assert again.signature == final.samples[0][1]


def test_keys():
    r = CASES["one_launch"][0]
    ents = mentions(article(r), r["entities"])
    assert st.primary_key("satellite_launch", ents) == "satellite_launch|country:KP"
    assert st.primary_key("satellite_launch", ents, by_actor=False) == "satellite_launch"
    assert st.primary_key("satellite_launch", []) == "satellite_launch|none"
    assert st.story_keys("satellite_launch", ents) == [
        "satellite_launch|country:KP", "satellite_launch|country:KR", "satellite_launch|site:sohae",
        "satellite_launch|country:JP", "satellite_launch|country:US", "satellite_launch|vehicle:chollima-1",
    ]


@pytest.mark.parametrize(
    "specs, expect",
    [
        ([("Japan", "country:JP", 0), ("North Korea", "country:KP", 10)], "country:JP"),  # tie: first
        ([("North Korea", "country:KP", 50), ("Japan", "country:JP", 0), ("DPRK", "country:KP", 90)],
         "country:KP"),  # most mentioned
        ([("Hwasong-18", "vehicle:hwasong-18", 0)], None),  # no country
    ],
)
def test_actor(specs, expect):
    ents = [Entity(text=t, label=i.split(":")[0].upper(), id=i, start=s) for t, i, s in specs]
    assert st.actor(ents) == expect


# --- notification -------------------------------------------------------------------


def test_cooldown_lifecycle():
    reports = chronological("one_launch")
    a = article(reports[0])
    story, decision = st.assign("satellite_launch", a, mentions(a, reports[0]["entities"]), [], now=0.0)
    assert st.should_notify(story, decision, now=0.0)
    story = st.mark_sent(story, "new", now=0.0)
    steps = [  # (seconds, report index, expected should_notify)
        (180, 1, False),   # inside the cooldown after "new"
        (300, 2, False),
        (700, 3, True),    # cooldown passed: carries the totals of three articles
        (800, 4, False),
    ]
    for t, i, expect in steps:
        b = article(reports[i])
        story, decision = st.assign("satellite_launch", b, mentions(b, reports[i]["entities"]), [story],
                                    now=float(t))
        assert decision == "update"
        assert st.should_notify(story, decision, now=float(t), cooldown=600) is expect, t
        if expect:
            fields = st.alert_fields(story, "update")
            assert fields["sources"] == 4 and fields["revision"] == 3
            assert fields["links"] == [f"https://news.example/{reports[j]['id']}" for j in (1, 2, 3)]
            story = st.mark_sent(story, "update", now=float(t))
    assert st.due([story], now=1000.0, cooldown=600) == []           # held, cooldown running
    assert st.due([story], now=1300.0, cooldown=600) == [story]      # the timer may send it
    sent = st.mark_sent(story, "update", now=1300.0)
    assert st.due([sent], now=5000.0) == []                          # nothing left to send
    assert not st.should_notify(sent, "duplicate", now=5000.0)


def test_alert_ids_are_unique_per_revision():
    ids = {st.alert_fields(s, d)["id"] for _, s, d in ONE_LAUNCH_TRACE if d != "duplicate"}
    assert len(ids) == sum(1 for _, _, d in ONE_LAUNCH_TRACE if d != "duplicate")


def test_step_prunes_closed_stories_with_nothing_to_send():
    bucket, trace = run(chronological("two_missiles_one_day"))
    sent = [st.mark_sent(st.Story.from_dict(d), "update", now=T0 + 36000) for d in bucket]
    bucket = [s.to_dict() for s in sent]
    later = {**CASES["two_days_later"][0], "at": 3 * 24 * 60}
    bucket, _ = run([later], bucket)
    assert len(bucket) == 1 and bucket[0]["article_ids"] == ["yna-next"]
    replaced = st.replace_story(bucket, replace(st.Story.from_dict(bucket[0]), sources=9))
    assert [d["sources"] for d in replaced] == [9]


# --- one rule at a time -------------------------------------------------------------


def _ents(spec: str) -> list[Entity]:
    """'country:KP*2 vehicle:chollima-1' -> entities in that order, with mention counts."""
    out = []
    for item in spec.split():
        ent_id, _, n = item.partition("*")
        for _ in range(int(n or 1)):
            out.append(Entity(text=ent_id, label=ent_id.split(":")[0].upper(), id=ent_id, start=len(out)))
    return out


@pytest.mark.parametrize(
    "story_spec, article_spec, expect",
    [
        # vehicle agrees with the actor: joins though the article names other countries
        ("country:KP*2 vehicle:chollima-1", "country:KP country:PH country:JP country:US vehicle:chollima-1",
         "update"),
        # same actor, launch from another site, no vehicle named: a different launch
        ("country:KP*2 site:sohae", "country:KP*2 site:sinpo", "new"),
        # same actor, another vehicle
        ("country:KP*2 vehicle:hwasal-2", "country:KP*2 vehicle:hwasong-18", "new"),
        # the article's actor is not the story's and the story never named it
        ("country:KP*2 country:JP country:US", "country:IR*2 country:US country:JP", "new"),
        # the article's actor is Japan, the story already named Japan and it names the story's actor
        ("country:KP*2 country:JP country:US", "country:JP*3 country:KP", "update"),
        # same actor, too little in common and no vehicle to vouch for it
        ("country:KP*2 country:JP site:sohae", "country:KP*2 country:RU country:CN country:US country:IN", "new"),
        # no key ids at all, unrelated text
        ("country:KP", "", "new"),
    ],
)
def test_entity_rules(story_spec, article_spec, expect):
    first = Article(id="a1", feed_url="https://one.example/rss", link="", title="Launch reported",
                    summary="Officials confirmed the launch late in the evening.")
    second = Article(id="a2", feed_url="https://two.example/rss", link="", title="Another report",
                     summary="A different outlet with entirely different words about things.")
    story, _ = st.assign("launch", first, _ents(story_spec), [], now=0.0)
    _, decision = st.assign("launch", second, _ents(article_spec), [story], now=600.0)
    assert decision == expect


def test_bucket_is_bounded_and_keeps_the_most_recent():
    bucket: list[dict] = []
    for i in range(st.MAX_BUCKET + 10):  # unrelated single-article stories, one a minute
        art = Article(id=f"n{i}", feed_url=f"https://o{i}.example/rss", link="", title=f"item {i}",
                      summary=f"unrelated words number {i} " * 3)
        bucket, story, decision = st.step(bucket, "launch", art, _ents(f"country:X{i}"), now=60.0 * i)
        assert decision == "new"
    assert len(bucket) == st.MAX_BUCKET
    assert bucket[0]["article_ids"] == [f"n{st.MAX_BUCKET + 9}"]
    assert sorted(int(d["article_ids"][0][1:]) for d in bucket) == list(range(10, st.MAX_BUCKET + 10))


def test_one_article_two_topics_makes_two_stories():
    r = CASES["one_launch"][0]
    a = article(r)
    ents = mentions(a, r["entities"])
    sat, _ = st.assign("satellite_launch", a, ents, [], now=a.first_seen)
    missile, decision = st.assign("missile_launch", a, ents, [sat], now=a.first_seen)
    assert decision == "new" and missile.id != sat.id
    _, decision = st.assign("missile_launch", a, ents, [sat, missile], now=a.first_seen + 1)
    assert decision == "duplicate"
