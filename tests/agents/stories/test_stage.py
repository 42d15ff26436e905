"""The story stage driven in-process: real hits from the enrich core, tables as dicts, the
alerts topic as a list (no broker, no subprocess)."""

from __future__ import annotations

import asyncio

from agents.stories.mutebook import MuteBook
from agents.stories.mutes import make_mute
from agents.stories.stage import HELD, LAST_HIT_TTL, StoryStage
from streams.core.metrics import Metrics
from tests.agents.stages import Sink, article, hits_of

NOW = 1_800_000_000.0  # a Friday (2027-01-15 08:00 UTC): the reports below say "on Friday"
COOLDOWN = 600.0

FIRST = article("a1", "North Korea fires ICBM into sea off Japan",
                "North Korea fired an intercontinental ballistic missile on Friday that landed in waters off "
                "Hokkaido, Japan's defence ministry said.", first_seen=NOW)
SECOND = article("a2", "N. Korea launches ICBM that lands off Hokkaido",
                 "North Korea launched an intercontinental ballistic missile on Friday that fell into waters off "
                 "Hokkaido, Japan's defence ministry said, its first ICBM launch in months.",
                 feed="https://other.example/rss", first_seen=NOW + 60)


def stage(book: MuteBook | None = None) -> tuple[StoryStage, Sink, Metrics]:
    published, metrics = Sink(), Metrics()
    ready = book or MuteBook()
    ready.ready.set()
    return StoryStage(stories={}, last_hits={}, book=ready, publish=published, metrics=metrics,
                      cooldown=COOLDOWN), published, metrics


def everything(_key: str) -> bool:
    return True


async def test_first_report_raises_one_new_alert():
    s, published, metrics = stage()
    [(key, value)] = hits_of(FIRST)
    await s.on_hit(key, value, now=NOW)
    [alert] = published
    assert (alert.kind, alert.topic, alert.article_id) == ("new", "missile_launch", "a1")
    assert metrics.registry.get_sample_value("watchfloor_alerts_raised_total",
                                             {"topic": "missile_launch", "severity": alert.severity}) == 1
    assert s.last_hits[alert.story_id]["at"] == NOW
    assert [st["id"] for st in s.open_stories(10)] == [alert.story_id]


THIRD = article("a3", "Japan: North Korean ICBM fell off Hokkaido",
                "North Korea launched an intercontinental ballistic missile that came down in waters off "
                "Hokkaido, Japan's defence ministry said.", feed="https://third.example/rss",
                first_seen=NOW + 120)


async def test_the_first_corroboration_goes_out_at_once_and_the_next_change_waits_for_the_floor():
    s, published, _ = stage()
    for a, at in ((FIRST, NOW), (SECOND, NOW + 60), (THIRD, NOW + 120)):
        [(key, value)] = hits_of(a)
        await s.on_hit(key, value, now=at)
    # `new`, then the second source at once; the third source is a change held by the floor
    assert [(a.kind, a.sources) for a in published] == [("new", 1), ("update", 2)]
    assert [c["kind"] for c in published[1].changes] == ["corroborated"]
    await s.send_held(now=NOW + 120, owned=everything)
    assert len(published) == 2
    await s.send_held(now=NOW + 60 + COOLDOWN, owned=everything)
    assert [(a.kind, a.sources) for a in published][2:] == [("update", 3)]
    assert [c["kind"] for c in published[2].changes] == ["sources_3"]
    assert {a.story_id for a in published} == {published[0].story_id}
    assert published[2].story["sources"] == 3 and published[2].story["actor"]["id"] == "country:KP"


async def test_a_muted_alert_is_held_then_released_as_one_digest():
    book = MuteBook()
    mute = make_mute("topic", "missile_launch", "1h", now=NOW - 10)
    book.apply({"op": "mute", "mute": mute.to_dict()})
    s, published, metrics = stage(book)
    [(key, value)] = hits_of(FIRST)
    await s.on_hit(key, value, now=NOW)
    assert published == [] and len(s.stories[HELD + key]) == 1
    assert metrics.registry.get_sample_value("watchfloor_alerts_muted_total", {"topic": "missile_launch"}) == 1
    await s.send_held(now=NOW + 60, owned=everything)
    assert published == []  # still muted
    book.apply({"op": "unmute", "id": mute.id})
    await s.send_held(now=NOW + 120, owned=everything)
    [digest] = published
    assert digest.kind == "digest" and "missile_launch x1" in digest.title
    assert s.stories[HELD + key] == []


async def test_nothing_is_released_before_every_mute_is_known():
    book = MuteBook()
    s, published, _ = stage(book)
    s.stories[HELD + "missile_launch"] = [{"id": "x", "topic": "missile_launch", "story_id": "s", "title": "t"}]
    book.ready.clear()
    await s.send_held(now=NOW, owned=everything)
    assert published == [] and len(s.stories[HELD + "missile_launch"]) == 1


async def test_only_owned_keys_are_sent():
    s, published, _ = stage()
    for a, at in ((FIRST, NOW), (SECOND, NOW + 60), (THIRD, NOW + 120)):
        [(key, value)] = hits_of(a)
        await s.on_hit(key, value, now=at)
    await s.send_held(now=NOW + COOLDOWN + 61, owned=lambda key: False)
    assert [a.kind for a in published] == ["new", "update"]


async def test_a_malformed_hit_is_skipped():
    s, published, _ = stage()
    await s.on_hit("missile_launch", {"hit": {"topic": 3}}, now=NOW)
    await s.on_hit("missile_launch", {}, now=NOW)
    assert published == [] and s.stories == {}


async def test_last_hits_are_swept_after_their_ttl():
    s, _, _ = stage()
    s.last_hits.update({"old": {"at": NOW - LAST_HIT_TTL - 1}, "new": {"at": NOW}, "mine?": {"at": 0}})
    assert s.sweep_last_hits(now=NOW, owned=lambda key: key != "mine?") == 1
    assert set(s.last_hits) == {"new", "mine?"}


FOURTH = article("a4", "North Korea's ICBM flew for over an hour, Japan says",
                 "The intercontinental ballistic missile North Korea launched on Friday flew for over an hour before "
                 "falling off Hokkaido, Japan's defence ministry said.", feed="https://fourth.example/rss",
                 first_seen=NOW + 700)


async def test_a_hit_waits_for_the_timer_sending_on_its_topic_and_neither_write_is_lost():
    s, published, _ = stage()
    for a, at in ((FIRST, NOW), (SECOND, NOW + 60), (THIRD, NOW + 120)):
        [(key, value)] = hits_of(a)
        await s.on_hit(key, value, now=at)
    acked = asyncio.Event()

    async def slow(alert) -> None:  # the broker's ack of the held update takes a while
        await acked.wait()
        published.append(alert)

    s.publish = slow
    timer = asyncio.create_task(s.send_held(now=NOW + 60 + COOLDOWN, owned=everything))
    await asyncio.sleep(0)
    [(key, value)] = hits_of(FOURTH)
    hit = asyncio.create_task(s.on_hit(key, value, now=NOW + 700))
    await asyncio.sleep(0.01)
    acked.set()
    await asyncio.gather(timer, hit)
    [story] = s.stories[key]["stories"]
    assert story["article_ids"] == ["a1", "a2", "a3", "a4"]  # the hit's report kept
    assert story["last_update_sent_at"] == NOW + 60 + COOLDOWN  # and the timer's update
    assert [a.kind for a in published] == ["new", "update", "update"]
