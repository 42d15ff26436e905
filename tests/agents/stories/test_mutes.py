"""Mutes: durations, matching, expiry, and the digest of held alerts."""

from __future__ import annotations

import json

import pytest

from agents.stories import mutes as mu
from streams.core.records import Alert, Entity

NOW = 1_700_000_000.0


@pytest.mark.parametrize(
    "text, seconds",
    [("90s", 90), ("30m", 1800), ("2h", 7200), ("1d", 86400), ("1w", 604800),
     ("1h30m", 5400), (" 2H ", 7200), ("1.5h", 5400), ("45", 45)],
)
def test_parse_duration(text, seconds):
    assert mu.parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "h", "2x", "0m", "-1h", "2h and then", "forever"])
def test_parse_duration_rejects(text):
    with pytest.raises(ValueError):
        mu.parse_duration(text)


def alert(story: str, topic: str, *, title: str = "t", sources: int = 1, created: float = NOW,
          entity_ids=("country:KP",), severity: str = "high") -> dict:
    ents = [Entity(text=i, label=i.split(":")[0].upper(), id=i) for i in entity_ids]
    a = Alert(id=f"{story}:{sources}", story_id=story, kind="update" if sources > 1 else "new",
              topic=topic, severity=severity, title=title, link=f"https://news.example/{story}/{sources}",
              evidence="", phrase="", entities=ents, sources=sources, created=created,
              first_seen=created)
    return json.loads(json.dumps(a.asdict(), default=lambda o: o.asdict()))


MUTES = [
    mu.make_mute("topic", "missile_launch", "2h", now=NOW, reason="exercise week"),
    mu.make_mute("entity", "Country:IR", "30m", now=NOW),
    mu.make_mute("story", "abc123", "1d", now=NOW),
]


@pytest.mark.parametrize(
    "topic, ids, story, at, expect",
    [
        ("missile_launch", [], "s1", NOW + 60, "topic"),
        ("missile_launch", [], "s1", NOW + 7200, None),          # until is exclusive
        ("missile_launch", [], "s1", NOW - 1, None),             # not yet active
        ("satellite_launch", ["country:ir"], "s2", NOW + 60, "entity"),
        ("satellite_launch", ["country:IR"], "s2", NOW + 1800, None),
        ("satellite_launch", ["country:KP"], "abc123", NOW + 3 * 3600, "story"),
        ("satellite_launch", ["country:KP"], "ABC123", NOW + 60, None),  # story ids are exact
        ("nuclear_test", ["country:KP"], "s3", NOW + 60, None),
        ("missile_launch", ["country:IR"], "abc123", NOW + 60, "story"),  # the longest wins
    ],
)
def test_is_muted(topic, ids, story, at, expect):
    got = mu.is_muted(topic, ids, story, MUTES, at)
    assert (got.scope if got else None) == expect


def test_expired():
    assert [m.scope for m in mu.expired(MUTES, NOW + 7200)] == ["topic", "entity"]
    assert mu.expired(MUTES, NOW) == []


def test_mute_round_trips_and_validates():
    for m in MUTES:
        assert mu.Mute.from_dict(json.loads(json.dumps(m.to_dict()))) == m
    with pytest.raises(ValueError, match="scope"):
        mu.Mute.from_dict({**MUTES[0].to_dict(), "scope": "feed"})
    with pytest.raises(ValueError, match="missing"):
        mu.Mute.from_dict({"id": "x", "scope": "topic"})
    with pytest.raises(ValueError, match="empty"):
        mu.make_mute("entity", "  ", "1h", now=NOW)


def test_snooze_holds_then_one_digest():
    snooze = [mu.make_mute("topic", "missile_launch", "1h", now=NOW)]
    incoming = [alert("kp-icbm", "missile_launch", title="N. Korea fires ICBM", created=NOW + 60)]
    incoming += [alert("kp-icbm", "missile_launch", title=f"N. Korea ICBM update {n}", sources=n,
                       created=NOW + 60 * n) for n in range(2, 41)]
    incoming += [alert("ir-sat", "satellite_launch", title="Iran launches satellite",
                       entity_ids=("country:IR",), created=NOW + 600)]
    held, sent = [], []
    for a in incoming:
        if mu.is_muted(a["topic"], mu.alert_entity_ids(a), a["story_id"], snooze, a["created"]):
            held.append(a)
        else:
            sent.append(a)
    assert [a["story_id"] for a in sent] == ["ir-sat"] and len(held) == 40

    still, released = mu.release(held, snooze, now=NOW + 1800)
    assert (len(still), released) == (40, [])
    assert mu.digest(released, now=NOW + 1800) is None

    end = NOW + 3600
    assert mu.expired(snooze, end) == snooze
    still, released = mu.release(held, snooze, now=end)
    assert still == [] and len(released) == 40
    d = mu.digest(released, now=end)
    assert d["count"] == 40 and d["topics"] == {"missile_launch": 40}
    assert d["story_ids"] == ["kp-icbm"] and d["titles"] == ["N. Korea ICBM update 40"]
    assert d["stories"][0]["sources"] == 40 and d["stories"][0]["alerts"] == 40
    assert mu.digest(list(reversed(released)), now=end)["id"] == d["id"]  # stable resend key


def test_digest_of_many_stories_is_bounded():
    held = [alert(f"s{i}", "missile_launch" if i % 2 else "nuclear_test", created=NOW + i)
            for i in range(mu.MAX_DIGEST_TITLES + 5)]
    d = mu.digest(held, now=NOW + 100)
    assert len(d["stories"]) == mu.MAX_DIGEST_TITLES and d["more"] == 5
    assert d["story_ids"] == [f"s{i}" for i in range(len(held))]
    assert sum(d["topics"].values()) == len(held)
