"""Replaying the story sets (sets/*.yaml) through the enrich core and the story stage, in
process: what test_story_sets.py and the pipeline test compare against."""

from __future__ import annotations

import asyncio
import collections
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

import yaml

from agents.stories import stories as st
from agents.stories.mutebook import MuteBook
from agents.stories.stage import StoryStage
from streams.core.metrics import Metrics
from tests.agents.stages import article, hits_of

SETS = Path(__file__).with_name("sets")


def instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


#: how late a poll may see a report in the shuffled orders, seconds
MAX_DELAY = 2 * 3600.0


@dataclass
class Replay:
    alerts: list  # (report id, Alert) in order
    stories: dict[str, set[str]]  # story id -> report ids under the story's topic, as last seen
    events: dict[str, dict]  # story id -> its event, as last seen


def with_hits(name: str) -> tuple[list[dict], dict[str, list]]:
    """The set's reports (with ``at`` and the event's ``type``) and their hit records."""
    data = yaml.safe_load((SETS / f"{name}.yaml").read_text())
    types = {e["event_key"]: e["type"] for e in data["events"]}
    reports, hits = data["reports"], {}
    for r in reports:
        r["at"] = instant(r["published"]).timestamp()
        r["type"] = types.get(r["event_key"])
        a = article(r["id"], r["title"], r["text"], feed=r["feed"], first_seen=r["at"])
        a.published = r["at"]
        hits[r["id"]] = hits_of(a)
    return reports, hits


def replay(reports: list[dict], hits: dict[str, list], *, seed: int | None, cooldown: float = 0.0,
           burst: bool = False) -> Replay:
    """The reports through the story stage (tables as dicts, cooldown ``cooldown``): in
    publication order (``seed`` None), or each arriving up to ``MAX_DELAY`` late; with
    ``burst``, all of them within a minute in a random order (a backlog read after an outage,
    or the pipeline test's injection)."""
    rng = random.Random(seed)
    if burst:
        now = max(r["at"] for r in reports) + 3600.0
        arrivals = [((now + i * 0.5, r["id"]), r) for i, r in enumerate(rng.sample(reports, len(reports)))]
    else:
        arrivals = sorted(((r["at"] + (rng.uniform(0, MAX_DELAY) if seed is not None else 0.0), r["id"]), r)
                          for r in reports)
    book = MuteBook()
    book.ready.set()
    sent: list = []

    async def publish(alert) -> None:
        sent.append((current[0], alert))

    stage = StoryStage(stories={}, last_hits={}, book=book, publish=publish, metrics=Metrics(), cooldown=cooldown)
    current = [""]
    member: dict[tuple[str, str], str] = {}
    events: dict[str, dict] = {}

    async def run() -> None:
        for (at, _), r in arrivals:
            current[0] = r["id"]
            for key, value in hits[r["id"]]:
                await stage.on_hit(key, value, now=at)
                for s in st.bucket_of(stage.stories.get(key))["stories"]:
                    events[s["id"]] = s["event"]
                    for aid in s["article_ids"]:
                        member[(aid, s["topic"])] = s["id"]

    asyncio.run(run())
    stories: dict[str, set[str]] = collections.defaultdict(set)
    for (aid, topic), sid in member.items():
        stories[sid].add((aid, topic))
    return Replay(alerts=sent, stories=dict(stories), events=events)


def expected_stories(reports: list[dict], hits: dict[str, list]) -> list[set]:
    """One story per event: its reports that raised a hit of the event's type."""
    out = collections.defaultdict(set)
    for r in reports:
        if r["event_key"] and any(v["hit"]["topic"] == r["type"] for _, v in hits[r["id"]]):
            out[r["event_key"]].add((r["id"], r["type"]))
    return sorted(out.values(), key=sorted)


def about_stories(replay_: Replay, reports: list[dict]) -> list[set]:
    """The stories holding reports of an event under its type (mentions of another topic aside)."""
    about = {(r["id"], r["type"]) for r in reports if r["event_key"]}
    return sorted((members & about for members in replay_.stories.values() if members & about), key=sorted)


def updates_of(replay_: Replay, reports: list[dict]) -> dict[str, list[str]]:
    types = {r["id"]: r["type"] for r in reports}
    out: dict[str, list[str]] = collections.defaultdict(list)
    for rid, a in replay_.alerts:
        if a.topic == types[rid]:
            out[rid] += ["new"] if a.kind == "new" else [c["kind"] for c in a.changes]
    return out
