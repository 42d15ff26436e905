"""One story per real-world event: keep the reports of a topic, group them, decide what to send.

Pure functions over plain JSON; nothing here touches Kafka or HTTP, and time is passed in
(``now``, epoch seconds). One table value (a *bucket*) holds every open story of one topic and
the compact reports (:func:`agents.stories.reports.report`) they were built from.

:func:`step` places one flagged article:

1. The same article id already among the topic's reports -> ``duplicate``; so is a report whose
   text is >= ``DUP_THRESHOLD`` like an earlier one of the same feed (a feed re-publishing its
   own entry under a new id). Nothing changes, nothing is sent.
2. Otherwise the report joins the bucket and the topic's reports are grouped again from
   scratch (:func:`agents.stories.reports.group`: by event type, actor, site and time, never
   by the first country named). Because the grouping depends on the set of reports alone, the
   same reports give the same stories whatever the order of arrival and whichever worker
   owned the partition before a rebalance; a report that arrives before a better one is
   regrouped when the better one comes, not left in a story of its own. (The story stage
   regroups only the reports a new one can reach, with the same result:
   :mod:`agents.stories.buckets`.)
3. A group keeps the id of the story it overlaps most (one group per story; tie: the story
   whose first report it holds, then the older), or of a story merged into another after its
   `new` went out whose first report it holds (split off again: it comes back, told); a story whose reports all went to another group is merged into it and dropped. A
   group that overlaps no story is a new story, its id derived from its first report.
4. The article's story -> ``new`` if no message of it went out yet (it was just made, or split
   off another story when a better report regrouped them), else ``update``.

Notification (:func:`should_notify`, :func:`due`, :func:`mark_sent`): ``new`` is always sent.
An update is sent when the event changed since the last message
(:func:`agents.stories.facts.changes`: corroborated, 3 and 10 sources, outcome, object
identified, confirmed by the actor) - not for every new source. ``cooldown`` is a floor
between two updates of one story against floods, not a wait after ``new``: the first
corroboration goes out at once. Changes held by the floor are not lost; :func:`due` lists
the stories whose held update may go out now (for a timer), and that update lists every
change since the last message.

Sharding: alert hits are rare, and keyed by topic alone (:func:`primary_key`) every candidate
story of a topic is on one partition.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields, replace
from typing import Any, Iterable, Sequence

from agents.stories import facts
from agents.stories.reports import group, order_key, report
from agents.stories.sketches import signature, sketch_similarity
from streams.core.settings import STORY_COOLDOWN

MAX_REPORTS = 400  # per topic; ~0.75 KB a report with its story (300 KB measured), a Kafka message ~1 MB
MAX_LINKS = 20
DEFAULT_MAX_AGE = 96 * 3600.0  # a report is kept (and its story open) this long after it arrived:
# long enough for a later account of the event to join it (reports.RECAP is a week from the first)
DUP_THRESHOLD = 0.85


def _ranked_country(entities: Iterable[Any]) -> str | None:
    """The most mentioned country id (tie: first mentioned)."""
    count: dict[str, int] = {}
    for e in entities:
        label = e.get("label") if isinstance(e, dict) else e.label
        ent_id = e.get("id") if isinstance(e, dict) else e.id
        if label == "COUNTRY" and ent_id:
            count[ent_id] = count.get(ent_id, 0) + 1
    return max(count, key=lambda k: count[k]) if count else None


def actor(entities: Iterable[Any]) -> str | None:
    """The most mentioned country of an article (the benches' notion of who it is about)."""
    return _ranked_country(entities)


def primary_key(topic: str, entities: Iterable[Any], *, by_actor: bool = False) -> str:
    """Partition key of a hit: the topic (``topic|<country>`` with ``by_actor``, for tools)."""
    return f"{topic}|{actor(entities) or 'none'}" if by_actor else topic


@dataclass(frozen=True)
class Story:
    id: str
    topic: str
    title: str
    event: dict[str, Any]
    first_seen: float
    last_seen: float
    sources: int = 1
    feeds: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    unsent_links: tuple[str, ...] = ()
    revision: int = 0
    sent_revision: int = -1
    alerted_at: float | None = None
    last_update_sent_at: float | None = None
    told: dict[str, Any] | None = None  # what the last message said (facts.told)
    merged: tuple[str, ...] = ()  # ids of stories merged into this one
    # stories merged into this one after their `new` went out (as dicts, without this field):
    # if a later report splits one off again, it comes back under its id, told, not as `new`
    absorbed: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {f.name: list(v) if isinstance(v := getattr(self, f.name), tuple) else v for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Story":
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in data.items() if k in known}
        for name in ("feeds", "article_ids", "links", "unsent_links", "merged", "absorbed"):
            kw[name] = tuple(kw.get(name, ()))
        return cls(**kw)

    @property
    def pending(self) -> list[dict[str, str]]:
        """The changes since the last message."""
        return facts.changes(self.told, self.event) if self.alerted_at is not None else []


def story_id(topic: str, article_id: str) -> str:
    """Derived from the story's first report, so every order and worker names it alike."""
    return hashlib.blake2b(f"{topic}\x00{article_id}".encode(), digest_size=8).hexdigest()


def _fresh_id(topic: str, first: str, taken: set[str]) -> str:
    """The id of a new story: from its first report, unless a story of that id lives on (its
    first report left it for another group when a better report came)."""
    sid, n = story_id(topic, first), 1
    while sid in taken:
        n += 1
        sid = story_id(topic, f"{first}#{n}")
    return sid


def bucket_of(value: Any) -> dict[str, list[dict[str, Any]]]:
    """A table value as ``{"reports": [...], "stories": [...]}`` (a value of the story table
    before issue 13 was a list of stories without their reports: it starts afresh)."""
    if isinstance(value, dict):
        return {"reports": list(value.get("reports") or []), "stories": list(value.get("stories") or [])}
    return {"reports": [], "stories": []}


def stories_of(value: Any) -> list[Story]:
    return [Story.from_dict(d) for d in bucket_of(value)["stories"]]


def _links(members: Sequence[dict[str, Any]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m["link"] for m in members if m.get("link")))[:MAX_LINKS]


def _build(topic: str, sid: str, members: list[dict[str, Any]], old: Story | None) -> Story:
    ids = tuple(m["id"] for m in members)
    ev = facts.event(topic, members)
    links = _links(members)
    base = old or Story(id=sid, topic=topic, title=members[0]["title"], event=ev, first_seen=0.0, last_seen=0.0)
    changed = old is None or set(ids) != set(old.article_ids)
    sent = set(old.links) - set(old.unsent_links) if old else set()
    return replace(
        base, id=sid, event=ev, article_ids=ids, feeds=tuple(dict.fromkeys(m["feed"] for m in members)),
        sources=ev["sources"], links=links, unsent_links=tuple(x for x in links if x not in sent),
        first_seen=min(m["arrived"] for m in members), last_seen=max(m["arrived"] for m in members),
        revision=base.revision + (1 if changed and old is not None else 0))


def match(groups: list[list[dict[str, Any]]], olds: list[Story],
           absorbing: list[Story] | None = None) -> list[Story | None]:
    """For each group, the old story whose id it keeps: first a story merged into another after
    its `new` went out, whose first report the group holds (split off again: it comes back,
    :func:`_revived`; ``absorbing``: the stories whose ``absorbed`` to look in, by default
    ``olds``); then the story it shares most reports with (tie: the one whose first report it
    holds, then the older); one group each."""
    out: list[Story | None] = [None] * len(groups)
    live_firsts = {o.article_ids[0] for o in olds if o.article_ids}
    taken: set[str] = set()
    for gi, members in enumerate(groups):
        if not live_firsts.intersection(m["id"] for m in members):
            revived = _revived(members, olds if absorbing is None else absorbing, taken)
            if revived is not None:
                out[gi], taken = revived, taken | {revived.id}
    pairs = []
    for gi, members in enumerate(groups):
        ids = {m["id"] for m in members}
        for old in olds:
            shared = len(ids.intersection(old.article_ids))
            if shared and out[gi] is None:
                holds_first = bool(old.article_ids) and old.article_ids[0] in ids
                pairs.append((-shared, not holds_first, old.first_seen, old.id, gi, old))
    for _, _, _, oid, gi, old in sorted(pairs, key=lambda p: p[:5]):
        if out[gi] is None and oid not in taken:
            out[gi], taken = old, taken | {oid}
    return out


def _absorbable(story: Story) -> dict[str, Any]:
    d = story.to_dict()
    d.pop("absorbed", None)
    return d


def _revived(members: list[dict[str, Any]], olds: list[Story], taken: set[str]) -> Story | None:
    """A story merged into another after its `new` went out, split off again: the group that
    holds its first report takes it back (its id, what it told), so no second `new` goes out
    for one event because reports came in an order that joined two events for a while."""
    ids = {m["id"] for m in members}
    for o in olds:
        for d in o.absorbed:
            first = (d.get("article_ids") or [None])[0]
            if first in ids and d["id"] not in taken:
                return Story.from_dict(d)
    return None


def duplicate_of(reports: list[dict[str, Any]], r: dict[str, Any], dup_threshold: float) -> str | None:
    for other in reports:
        if other["id"] == r["id"] or (other["feed"] == r["feed"]
                                      and sketch_similarity(other["sketch"], r["sketch"]) >= dup_threshold):
            return other["id"]
    return None


def open_reports(reports: list[dict[str, Any]], open_stories: list[Story]) -> list[dict[str, Any]]:
    """The reports of the open stories. A story closes as a whole (``max_age`` after its last
    report): dropping its old reports one by one would take its anchor away and regroup the
    rest. Beyond ``MAX_REPORTS`` the stories seen least recently go first."""
    keep: set[str] = set()
    for o in sorted(open_stories, key=lambda o: o.last_seen, reverse=True):
        if len(keep) + len(o.article_ids) > MAX_REPORTS:
            break
        keep.update(o.article_ids)
    return [x for x in reports if x["id"] in keep]


def step(value: Any, hit_topic: str, article: Any, entities: Sequence[Any], *, now: float,
         event: dict[str, Any] | None = None, max_age: float = DEFAULT_MAX_AGE,
         dup_threshold: float = DUP_THRESHOLD, sig: tuple[int, ...] | None = None,
         ) -> tuple[dict[str, Any], Story, str]:
    """One table value and one article -> (the new value, the article's story, ``new`` |
    ``update`` | ``duplicate``). ``event`` is the hit's event (:mod:`agents.enrich.events`)."""
    bucket = bucket_of(value)
    olds = [Story.from_dict(d) for d in bucket["stories"]]
    r = report(article, entities, event, now=now, sig=signature(article.text()) if sig is None else sig)
    olds = [o for o in olds if now - o.last_seen <= max_age or not o.told or o.pending]
    reports = open_reports(bucket["reports"], olds)
    same = duplicate_of(reports, r, dup_threshold)
    if same is not None:
        story = next((s for s in olds if same in s.article_ids), None)
        if story is not None:
            return bucket, story, "duplicate"
    reports = reports + [r]
    groups = group(reports)
    stories, decision = regrouped(hit_topic, groups, match(groups, olds), olds, r["id"], {o.id for o in olds})
    live = {s.id for s in stories}
    stories = [without_live(s, live) for s in stories]
    mine = next(s for s in stories if r["id"] in s.article_ids)
    return {"reports": reports, "stories": [s.to_dict() for s in stories]}, mine, decision


def regrouped(hit_topic: str, groups: list[list[dict[str, Any]]], matched: list[Story | None], olds: list[Story],
              new_id: str, taken: set[str]) -> tuple[list[Story], str]:
    """The stories of ``groups`` (each keeps the id of its ``matched`` story, else a fresh one
    not in ``taken``, which gains it) and the decision for the report ``new_id``; a story of
    ``olds`` whose reports went to a group it did not match is recorded in that group's story."""
    stories, decision = [], "update"
    # a group split off a story (a better report came and regrouped the others) is a new story;
    # nobody was told of it, so its first report from now on raises its `new` alert
    for members, old in zip(groups, matched):
        sid = old.id if old else _fresh_id(hit_topic, min(members, key=order_key)["id"], taken)
        taken.add(sid)
        story = _build(hit_topic, sid, members, old)
        if new_id in story.article_ids and story.alerted_at is None:
            decision = "new"
        kept = {s.id for s in stories} | {x.id for x in matched if x}
        gone = [o for o in olds if o.id not in kept and set(o.article_ids) & set(story.article_ids)]
        if gone:
            told = tuple(_absorbable(o) for o in gone if o.alerted_at is not None)
            story = replace(story, merged=tuple(dict.fromkeys(story.merged + tuple(o.id for o in gone))),
                            absorbed=story.absorbed + told)
        stories.append(story)
    return stories, decision


def without_live(story: Story, live: set[str]) -> Story:
    """``story`` without the absorbed stories that live again (one came back, split off)."""
    return replace(story, absorbed=tuple(a for a in story.absorbed if a["id"] not in live)) if story.absorbed else story


def replace_story(value: Any, story: Story) -> dict[str, Any]:
    """The table value with ``story`` (e.g. after :func:`mark_sent`) put in place."""
    bucket = bucket_of(value)
    bucket["stories"] = [story.to_dict() if d.get("id") == story.id else d for d in bucket["stories"]]
    return bucket


# --- notification ------------------------------------------------------------------


def should_notify(story: Story, decision: str, *, now: float, cooldown: float = STORY_COOLDOWN) -> bool:
    """``new`` always; ``update`` when the event changed since the last message and the last
    update of this story is at least ``cooldown`` old."""
    if decision == "new":
        return True
    if decision != "update" or not story.pending:
        return False
    last = story.last_update_sent_at
    return last is None or now - last >= cooldown


def due(stories: Iterable[Story], *, now: float, cooldown: float = STORY_COOLDOWN) -> list[Story]:
    """Stories with a held-back update that may be sent now (call from a timer)."""
    return [s for s in stories if should_notify(s, "update", now=now, cooldown=cooldown)]


def mark_sent(story: Story, kind: str, *, now: float) -> Story:
    """The story after a ``new`` or ``update`` message for its current state went out."""
    told = facts.told(story.event)
    if kind == "new":
        return replace(story, alerted_at=now, sent_revision=story.revision, unsent_links=(), told=told)
    return replace(story, last_update_sent_at=now, sent_revision=story.revision, unsent_links=(), told=told)


def alert_fields(story: Story, kind: str) -> dict[str, Any]:
    """The story's part of a :class:`streams.core.records.Alert`; ``id`` is the idempotency key."""
    return {
        "id": f"{story.id}:{story.revision}",
        "story_id": story.id,
        "kind": kind,
        "topic": story.topic,
        "sources": story.sources,
        "first_seen": story.first_seen,
        "revision": story.revision,
        "links": list(story.unsent_links if kind == "update" else story.links),
        "changes": story.pending if kind == "update" else [],
        "story": story.event,
    }
