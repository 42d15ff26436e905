"""One alert per event: cluster alert hits into stories, decide what to send.

Pure functions over plain state. A :class:`Story` round-trips through ``to_dict`` /
``from_dict`` as JSON, so the Faust shell can keep stories in a table; nothing here
touches Kafka or HTTP, and time is always passed in (``now``, epoch seconds).

Contract of :func:`assign` (one article that a rule flagged with ``hit_topic``)
------------------------------------------------------------------------------

Terms: *key ids* are the canonical ids of the article's COUNTRY, VEHICLE and SITE
entities. The article's *actor* is its most-mentioned country (tie: first mentioned);
its *vehicle* and *site* are its most-mentioned vehicle and site, chosen the same way.
A story's actors, vehicles and sites are those of its articles (a set each).

The rules apply in this order, per candidate story:

1. Different topic -> not a candidate.
2. Same article id already in the story -> ``duplicate`` (nothing changes, nothing sent).
   Otherwise, if the story is closed (``now - last_seen > window`` or
   ``now - first_seen > max_age``) -> not a candidate.
3. Vehicle and site veto: the article names a vehicle, the story has vehicles, and the
   article's vehicle is not among them -> a different launch, not a candidate; the same
   for sites. This applies even to near-identical text, because outlets reuse one
   template ("North Korea fires ballistic missile, Japan says") for every launch. Only
   the article's most-mentioned vehicle counts, so "hours after the Hwasal-2 launch" in
   a Hwasong-18 report neither vetoes nor joins by itself.
4. Same feed as an earlier article of the story and text similarity >= ``dup_threshold``
   -> ``duplicate`` (a feed re-publishing its own entry under a new id).
5. Joins when text similarity (MinHash over word 3-shingles, max over the story's kept
   samples) >= ``text_threshold`` - this catches syndicated and lightly rewritten copies;
   or when the entities agree: the actors agree - the article's actor is one of the
   story's actors, or it appears in the story and one of the story's actors appears in
   the article ("Japan protests North Korea's launch" joins a North Korea story) - and
   either the article's vehicle is one of the story's vehicles or the overlap coefficient
   of key ids, ``|A & S| / min(|A|, |S|)``, is >= ``entity_threshold`` (not Jaccard: a
   story's id set grows with every article, a short brief names two or three ids).

Among joinable stories the best is the one with the highest (text similarity, vehicle
agreement, overlap, last_seen). No joinable story -> a ``new`` story. A join is an
``update``: revision + 1, ``sources`` counts distinct feeds.

Known limits: a story whose articles name no vehicle cannot veto a second launch of the
same actor and topic inside the window; an article with no key ids joins only by text.

Sharding: articles about one event may differ in their most-mentioned country ("Japan
says North Korea fired..."), so keying the stream by :func:`primary_key` can split one
event across partitions. Alert hits are rare; keying by topic alone (``primary_key(...,
by_actor=False)``) keeps every candidate on one partition and is the safe default.

Notification (:func:`should_notify`, :func:`due`, :func:`mark_sent`): ``new`` is always
sent; updates at most once per ``cooldown`` per story, counted from the last message of
that story. Updates held back meanwhile are not lost: the story's revision stays ahead
of ``sent_revision``, the next message carries the totals, and :func:`due` lists stories
whose held update may go out now (for a timer).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any, Iterable, Sequence

from streams.core.settings import STORY_COOLDOWN

KEY_LABELS = ("COUNTRY", "VEHICLE", "SITE")
MERSENNE61 = (1 << 61) - 1
EMPTY = MERSENNE61  # never produced by a real shingle: every hash is reduced mod P

MAX_ARTICLE_IDS = 50
MAX_LINKS = 20
MAX_FEEDS = 200
MAX_ENTITY_IDS = 32
MAX_PRIMARIES = 8
MAX_SAMPLES = 25  # sketches of the first article and the 24 latest
MAX_BUCKET = 40  # stories per table value: a busy topic must not outgrow a Kafka message

DEFAULT_WINDOW = 6 * 3600.0
DEFAULT_MAX_AGE = 48 * 3600.0
TEXT_THRESHOLD = 0.5
ENTITY_THRESHOLD = 0.5
DUP_THRESHOLD = 0.85

_WORD = re.compile(r"\w+", re.UNICODE)


# --- text signatures ---------------------------------------------------------------


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[tuple[int, int], ...]:
    """Fixed (a, b) pairs for (a*x + b) mod P, derived from constants, not from a RNG."""
    out = []
    for i in range(num_perm):
        d = hashlib.blake2b(f"watchfloor.minhash.{i}".encode(), digest_size=16).digest()
        a = int.from_bytes(d[:8], "little") % (MERSENNE61 - 1) + 1
        b = int.from_bytes(d[8:], "little") % MERSENNE61
        out.append((a, b))
    return tuple(out)


def shingles(text: str, shingle: int = 3) -> set[str]:
    words = _WORD.findall(text.lower())
    if not words:
        return set()
    if len(words) <= shingle:
        return {" ".join(words)}
    return {" ".join(words[i : i + shingle]) for i in range(len(words) - shingle + 1)}


def signature(text: str, *, num_perm: int = 64, shingle: int = 3) -> tuple[int, ...]:
    """MinHash of the text's word shingles; identical in every process and on every run."""
    xs = [
        int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little") % MERSENNE61
        for s in shingles(text, shingle)
    ]
    if not xs:
        return (EMPTY,) * num_perm
    return tuple(min((a * x + b) % MERSENNE61 for x in xs) for a, b in _permutations(num_perm))


def sketch(sig: Sequence[int]) -> str:
    """The low byte of each MinHash value, as hex: 1/8 of the size, enough to compare.

    A story keeps one sketch per recent article (not full signatures), so that the
    same-feed duplicate check still sees an article fired hours and many articles ago.
    """
    if not sig or sig[0] == EMPTY:
        return ""
    return bytes(v & 0xFF for v in sig).hex()


def sketch_similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity from two sketches (corrected for 1/256 chance matches)."""
    if not a or not b:
        return 0.0
    if len(a) != len(b):
        raise ValueError(f"sketches of different lengths: {len(a)} != {len(b)}")
    x, y = bytes.fromhex(a), bytes.fromhex(b)
    match = sum(1 for i, j in zip(x, y) if i == j) / len(x)
    return max(0.0, (match - 1 / 256) / (1 - 1 / 256))


def similarity(sig_a: Sequence[int], sig_b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the two shingle sets; 0.0 if either text was empty."""
    if len(sig_a) != len(sig_b):
        raise ValueError(f"signatures of different lengths: {len(sig_a)} != {len(sig_b)}")
    if not sig_a or sig_a[0] == EMPTY or sig_b[0] == EMPTY:
        return 0.0
    return sum(1 for x, y in zip(sig_a, sig_b) if x == y) / len(sig_a)


# --- entities ----------------------------------------------------------------------


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _entity_id(e: Any) -> str | None:
    """Canonical id; entities without one (statistical tier) get a stable fallback."""
    ent_id = _get(e, "id")
    if ent_id:
        return str(ent_id)
    text = " ".join(_WORD.findall(str(_get(e, "text", "")).lower()))
    return f"{str(_get(e, 'label', '')).lower()}:~{text}" if text else None


def _ranked(entities: Iterable[Any], label: str) -> list[str]:
    """Ids with this label, most mentioned first, ties broken by first mention."""
    count: dict[str, int] = {}
    first: dict[str, tuple[int, int]] = {}
    for i, e in enumerate(entities):
        if _get(e, "label") != label:
            continue
        ent_id = _entity_id(e)
        if ent_id is None:
            continue
        count[ent_id] = count.get(ent_id, 0) + 1
        start = _get(e, "start", -1)
        pos = (start if start is not None and start >= 0 else 1 << 40, i)
        if ent_id not in first or pos < first[ent_id]:
            first[ent_id] = pos
    return sorted(count, key=lambda k: (-count[k], first[k]))


def key_ids(entities: Iterable[Any]) -> list[str]:
    """Distinct COUNTRY/VEHICLE/SITE ids in order of first appearance in the list."""
    out: dict[str, None] = {}
    for e in entities:
        if _get(e, "label") in KEY_LABELS:
            ent_id = _entity_id(e)
            if ent_id:
                out.setdefault(ent_id, None)
    return list(out)


def actor(entities: Iterable[Any]) -> str | None:
    ranked = _ranked(entities, "COUNTRY")
    return ranked[0] if ranked else None


def vehicle(entities: Iterable[Any]) -> str | None:
    ranked = _ranked(entities, "VEHICLE")
    return ranked[0] if ranked else None


def site(entities: Iterable[Any]) -> str | None:
    ranked = _ranked(entities, "SITE")
    return ranked[0] if ranked else None


def primary_key(topic: str, entities: Iterable[Any], *, by_actor: bool = True) -> str:
    """Partition key: ``topic|<actor id>``, ``topic|none`` without a country, or ``topic``."""
    if not by_actor:
        return topic
    return f"{topic}|{actor(entities) or 'none'}"


def story_keys(topic: str, entities: Iterable[Any]) -> list[str]:
    """Index keys under which a story is filed and looked up: topic + each key id."""
    ids = key_ids(entities)
    return [f"{topic}|{i}" for i in ids] or [f"{topic}|none"]


# --- stories -----------------------------------------------------------------------


@dataclass(frozen=True)
class Story:
    id: str
    topic: str
    title: str
    actors: tuple[str, ...]
    vehicles: tuple[str, ...]
    sites: tuple[str, ...]
    entity_ids: tuple[str, ...]
    samples: tuple[tuple[str, str], ...]  # (feed_tag, sketch) of the first and latest articles
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

    @property
    def signature(self) -> str:
        """Sketch of the first article."""
        return self.samples[0][1] if self.samples else ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "samples":
                value = [[feed, sk] for feed, sk in value]
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Story":
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in data.items() if k in known}
        kw["samples"] = tuple((feed, sk) for feed, sk in data.get("samples", ()))
        for name in ("actors", "vehicles", "sites", "entity_ids", "feeds", "article_ids", "links", "unsent_links"):
            kw[name] = tuple(kw.get(name, ()))
        return cls(**kw)


def feed_tag(feed_url: str) -> str:
    """A short stand-in for a feed URL inside samples (kept per article, so it adds up)."""
    return hashlib.blake2b(feed_url.encode(), digest_size=4).hexdigest()


def story_id(topic: str, article_id: str) -> str:
    """Deterministic, so replaying the first article after a crash makes the same story."""
    return hashlib.blake2b(f"{topic}\x00{article_id}".encode(), digest_size=8).hexdigest()


def is_open(story: Story, *, now: float, window: float = DEFAULT_WINDOW,
            max_age: float = DEFAULT_MAX_AGE) -> bool:
    """Whether the story may still absorb articles."""
    return now - story.last_seen <= window and now - story.first_seen <= max_age


def _bounded_add(items: tuple[str, ...], item: str, bound: int, *, keep_first: bool = False) -> tuple[str, ...]:
    if not item or item in items:
        return items
    if len(items) < bound:
        return items + (item,)
    return items if keep_first else items[1:] + (item,)


def _new_story(topic: str, article: Any, entities: Sequence[Any], sk: str, now: float) -> Story:
    link = _get(article, "link", "") or ""
    return Story(
        id=story_id(topic, article.id),
        topic=topic,
        title=_get(article, "title", "") or "",
        actors=tuple(x for x in (actor(entities),) if x),
        vehicles=tuple(x for x in (vehicle(entities),) if x),
        sites=tuple(x for x in (site(entities),) if x),
        entity_ids=tuple(key_ids(entities)[:MAX_ENTITY_IDS]),
        samples=((feed_tag(article.feed_url), sk),),
        first_seen=now,
        last_seen=now,
        sources=1,
        feeds=(article.feed_url,),
        article_ids=(article.id,),
        links=(link,) if link else (),
        unsent_links=(link,) if link else (),
    )


def _absorb(story: Story, article: Any, entities: Sequence[Any], sk: str, now: float) -> Story:
    feeds, sources = story.feeds, story.sources
    if article.feed_url not in feeds:
        sources += 1
        feeds = _bounded_add(feeds, article.feed_url, MAX_FEEDS)
    ids = story.entity_ids
    for i in key_ids(entities):
        ids = _bounded_add(ids, i, MAX_ENTITY_IDS, keep_first=True)
    primaries = {}
    for name, pick in (("actors", actor), ("vehicles", vehicle), ("sites", site)):
        found = pick(entities)
        have = getattr(story, name)
        primaries[name] = _bounded_add(have, found, MAX_PRIMARIES, keep_first=True) if found else have
    samples = story.samples[:1] + (story.samples[1:] + ((feed_tag(article.feed_url), sk),))[-(MAX_SAMPLES - 1):]
    link = _get(article, "link", "") or ""
    return replace(
        story,
        entity_ids=ids,
        **primaries,
        samples=samples,
        last_seen=max(story.last_seen, now),
        sources=sources,
        feeds=feeds,
        article_ids=_bounded_add(story.article_ids, article.id, MAX_ARTICLE_IDS),
        links=_bounded_add(story.links, link, MAX_LINKS),
        unsent_links=_bounded_add(story.unsent_links, link, MAX_LINKS),
        revision=story.revision + 1,
    )


def assign(
    hit_topic: str,
    article: Any,
    entities: Sequence[Any],
    candidates: Iterable[Story],
    *,
    now: float,
    window: float = DEFAULT_WINDOW,
    max_age: float = DEFAULT_MAX_AGE,
    text_threshold: float = TEXT_THRESHOLD,
    entity_threshold: float = ENTITY_THRESHOLD,
    dup_threshold: float = DUP_THRESHOLD,
    sig: tuple[int, ...] | None = None,
) -> tuple[Story, str]:
    """Place one flagged article: ``(story, "new" | "update" | "duplicate")``.

    ``article`` needs ``id``, ``feed_url``, ``link``, ``title`` and ``text()`` (an
    :class:`streams.core.records.Article`); ``entities`` are Entity records or their dicts.
    For ``duplicate`` the returned story is the unchanged candidate.
    """
    sk = sketch(signature(article.text()) if sig is None else sig)
    ids = key_ids(entities)
    countries = {i for i in ids if _is_label(entities, i, "COUNTRY")}
    art_actor, art_vehicle, art_site = actor(entities), vehicle(entities), site(entities)
    art_feed = feed_tag(article.feed_url)

    best: tuple[tuple, Story] | None = None
    for story in candidates:
        if story.topic != hit_topic:
            continue  # one article may raise two topics: one story per topic
        if article.id in story.article_ids:
            return story, "duplicate"
        if not is_open(story, now=now, window=window, max_age=max_age):
            continue
        if art_vehicle and story.vehicles and art_vehicle not in story.vehicles:
            continue
        if art_site and story.sites and art_site not in story.sites:
            continue
        text_sim = 0.0
        for tag, s in story.samples:
            sim = sketch_similarity(sk, s)
            if tag == art_feed and sim >= dup_threshold:
                return story, "duplicate"
            text_sim = max(text_sim, sim)
        vehicle_agrees = bool(art_vehicle and art_vehicle in story.vehicles)
        known = set(story.entity_ids)
        overlap = len(known.intersection(ids)) / min(len(ids), len(known)) if ids and known else 0.0
        actor_agrees = art_actor is not None and (
            art_actor in story.actors
            or (art_actor in known and not countries.isdisjoint(story.actors))
            # a reaction led by another country ("U.S. condemns North Korea's Hwasong-18
            # launch") is the same event when it names the story's vehicle and a known country
            or (vehicle_agrees and not countries.isdisjoint(known))
        )
        if text_sim >= text_threshold or (
            actor_agrees and (vehicle_agrees or overlap >= entity_threshold)
        ):
            score = (text_sim, vehicle_agrees, overlap, story.last_seen)
            if best is None or score > best[0]:
                best = (score, story)

    if best is None:
        return _new_story(hit_topic, article, entities, sk, now), "new"
    return _absorb(best[1], article, entities, sk, now), "update"


def _is_label(entities: Sequence[Any], ent_id: str, label: str) -> bool:
    return any(_get(e, "label") == label and _entity_id(e) == ent_id for e in entities)


# --- notification ------------------------------------------------------------------


def _last_sent(story: Story) -> float | None:
    times = [t for t in (story.alerted_at, story.last_update_sent_at) if t is not None]
    return max(times) if times else None


def should_notify(story: Story, decision: str, *, now: float, cooldown: float = STORY_COOLDOWN) -> bool:
    """``new`` always; ``update`` if something is unsent and the cooldown has passed."""
    if decision == "new":
        return True
    if decision != "update" or story.revision <= story.sent_revision:
        return False
    last = _last_sent(story)
    return last is None or now - last >= cooldown


def due(stories: Iterable[Story], *, now: float, cooldown: float = STORY_COOLDOWN) -> list[Story]:
    """Stories with a held-back update that may be sent now (call from a timer)."""
    return [s for s in stories if should_notify(s, "update", now=now, cooldown=cooldown)]


def mark_sent(story: Story, kind: str, *, now: float) -> Story:
    """The story after a ``new`` or ``update`` message for its current revision went out."""
    if kind == "new":
        return replace(story, alerted_at=now, sent_revision=story.revision, unsent_links=())
    return replace(story, last_update_sent_at=now, sent_revision=story.revision, unsent_links=())


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
    }


# --- table helper ------------------------------------------------------------------


def step(
    bucket: Iterable[dict[str, Any]],
    hit_topic: str,
    article: Any,
    entities: Sequence[Any],
    *,
    now: float,
    window: float = DEFAULT_WINDOW,
    max_age: float = DEFAULT_MAX_AGE,
    **thresholds: float,
) -> tuple[list[dict[str, Any]], Story, str]:
    """JSON in, JSON out: one table value (the stories under one key) and one article.

    Returns the new table value, the story the article went to, and the decision. Closed
    stories with nothing left to send are dropped; beyond ``MAX_BUCKET`` stories the least
    recently seen go first (a JSON story is ~1-20 KB, a Kafka message is capped at ~1 MB).
    """
    stories = [Story.from_dict(d) for d in bucket]
    story, decision = assign(hit_topic, article, entities, stories, now=now, window=window,
                             max_age=max_age, **thresholds)
    kept = [story] + [s for s in stories if s.id != story.id]
    kept = [
        s for s in kept
        if is_open(s, now=now, window=window, max_age=max_age) or s.revision > s.sent_revision
    ]
    if len(kept) > MAX_BUCKET:
        kept = [story] + sorted(kept[1:], key=lambda s: s.last_seen, reverse=True)[: MAX_BUCKET - 1]
    return [s.to_dict() for s in kept], story, decision


def replace_story(bucket: Iterable[dict[str, Any]], story: Story) -> list[dict[str, Any]]:
    """The table value with ``story`` (e.g. after :func:`mark_sent`) put in place."""
    out = [d for d in bucket if d.get("id") != story.id]
    return [story.to_dict()] + out
