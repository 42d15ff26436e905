"""A story table value kept decoded between hits, so that a hit regroups only what it reaches.

The story stage keeps one :class:`Bucket` per topic key beside its table. A bucket holds the
value last written (the object itself: the table's in-memory store keeps it), its stories
decoded and its reports indexed. :meth:`Bucket.step` returns what
:func:`agents.stories.stories.step` returns for that value, at a cost that does not grow with
the open stories, because:

1. A value it steps on is *grouped*: its stories are the groups of its reports, under this
   code. It wrote the value itself, from a value :func:`~agents.stories.stories.step`
   regrouped whole (a value this process did not write - recovered from the changelog, left
   by another worker or version - goes through that function first: ``grouped`` is False).
2. Stories that close, or that ``MAX_REPORTS`` leaves out, go as whole groups, and the other
   groups stay as they were: a report never chose a group that is gone (it would be in it),
   and among the groups it fitted, the one it chose still wins.
3. The new report regroups with the reports it reaches (:mod:`agents.stories.reach`); the
   other groups are unchanged, and the stories of the two kinds keep the order of their
   anchors, as ``group`` orders groups.
4. An unchanged group shares reports with its own story alone, and keeps it (it holds that
   story's first report; no revived story takes its id: absorbed ids are never live ones).
   So matching the regrouped groups needs only the stories that held their reports, the
   absorbed lists of every story, and every id as taken. Rebuilding an unchanged story gives
   it back as it was, so its stored dict is kept, not encoded again.

tests/agents/stories/test_buckets.py compares every table value after every hit with
:func:`~agents.stories.stories.step`'s over the real set in several orders.
"""

from __future__ import annotations

import bisect
import functools
from typing import Any, Sequence

from agents.stories import stories as st
from agents.stories.reach import Reach
from agents.stories.reports import order_key, report
from agents.stories.sketches import signature, sketch_similarity


@functools.lru_cache(maxsize=16)
def equal_bytes_for(n: int, threshold: float) -> int:
    """The fewest equal bytes of two ``n``-byte sketches whose :func:`sketch_similarity` reaches
    ``threshold`` (``n + 1``: none do); the similarity grows with the count."""
    return next((c for c in range(n + 1) if sketch_similarity("00" * c + "01" * (n - c), "00" * n) >= threshold), n + 1)


class Bucket:
    """One topic's table value, decoded; :meth:`holds` says whether it is still the table's."""

    def __init__(self, value: Any, *, grouped: bool = False) -> None:
        self._load(value, grouped)

    def holds(self, value: Any) -> bool:
        return value is self.value and value is not None

    def _load(self, value: Any, grouped: bool) -> None:
        bucket = st.bucket_of(value)
        self.value, self.grouped = value, grouped
        self.reports: list[dict[str, Any]] = bucket["reports"]
        self.dicts: list[dict[str, Any]] = bucket["stories"]
        self.stories = [st.Story.from_dict(d) for d in self.dicts]
        self.report_of = {x["id"]: x for x in self.reports}
        self.story_of = {aid: s.id for s in self.stories for aid in s.article_ids}
        self.anchor_key = {s.id: order_key(self.report_of[s.article_ids[0]]) for s in self.stories
                           if s.article_ids and s.article_ids[0] in self.report_of}
        self.reach = Reach(self.reports)
        self.by_feed: dict[str, list[dict[str, Any]]] = {}
        self.sketch_bits: dict[str, int] = {}  # report id -> its sketch as a number
        for x in self.reports:
            self._index(x)

    def _index(self, x: dict[str, Any]) -> None:
        self.by_feed.setdefault(x["feed"], []).append(x)
        self.sketch_bits[x["id"]] = int(x["sketch"] or "0", 16)

    def replace(self, story: st.Story) -> dict[str, Any]:
        """The value with ``story`` put in place (:func:`~agents.stories.stories.replace_story`),
        now the one this bucket holds."""
        d = story.to_dict()
        self.dicts = [d if x.get("id") == story.id else x for x in self.dicts]
        self.stories = [story if s.id == story.id else s for s in self.stories]
        self.value = {"reports": self.reports, "stories": self.dicts}
        return self.value

    def step(self, hit_topic: str, article: Any, entities: Sequence[Any], *, now: float,
             event: dict[str, Any] | None = None, max_age: float = st.DEFAULT_MAX_AGE,
             dup_threshold: float = st.DUP_THRESHOLD) -> tuple[dict[str, Any], st.Story, str]:
        """:func:`agents.stories.stories.step` for the value this bucket holds."""
        if not self.grouped:
            value, story, decision = st.step(self.value, hit_topic, article, entities, now=now, event=event,
                                             max_age=max_age, dup_threshold=dup_threshold)
            self._load(value, grouped=decision != "duplicate")  # a duplicate leaves the value as it was
            return value, story, decision
        value, self.value = self.value, None  # holds nothing until done: an error leaves it unusable
        r = report(article, entities, event, now=now, sig=signature(article.text()))
        olds = self.stories
        if olds and now - min(o.last_seen for o in olds) > max_age:
            olds = [o for o in olds if now - o.last_seen <= max_age or not o.told or o.pending]
        reports = self.reports
        if len(olds) < len(self.stories) or len(reports) > st.MAX_REPORTS:
            reports = st.open_reports(reports, olds)
        kept = {x["id"] for x in reports} if reports is not self.reports else self.report_of
        same = self._duplicate(reports, kept, r, dup_threshold)
        if same is not None:
            story = next((s for s in olds if same in s.article_ids), None)
            if story is not None:
                self.value = value  # unchanged, as stories.step leaves it
                return value, story, "duplicate"
        if reports is not self.reports:
            for x in self.reports:
                if x["id"] not in kept:
                    self._forget(x)
        return self._regroup(hit_topic, r, olds, reports)

    def _duplicate(self, reports: list[dict[str, Any]], kept: Any, r: dict[str, Any], threshold: float) -> str | None:
        """``stories.duplicate_of`` over ``reports``: the first of them of ``r``'s feed and text.
        Every report of the feed is compared (a feed re-publishing its entry hours later), by
        the count of equal sketch bytes that makes :func:`sketch_similarity` reach ``threshold``."""
        if r["id"] in kept:
            return st.duplicate_of(reports, r, threshold)  # a report again: the first match in list order
        mine, n = r["sketch"], len(r["sketch"]) // 2
        least, bits = equal_bytes_for(n, threshold), int(mine or "0", 16)
        for other in self.by_feed.get(r["feed"], ()):
            if other["id"] not in kept:
                continue
            if not mine or len(other["sketch"]) != len(mine):  # no text, or another length: as defined
                if sketch_similarity(other["sketch"], mine) >= threshold:
                    return other["id"]
            elif (bits ^ self.sketch_bits[other["id"]]).to_bytes(n, "big").count(0) >= least:
                return other["id"]
        return None

    def _forget(self, x: dict[str, Any]) -> None:
        self.reach.remove(x)
        self.by_feed[x["feed"]].remove(x)
        del self.report_of[x["id"]], self.sketch_bits[x["id"]]

    def _regroup(self, hit_topic: str, r: dict[str, Any], olds: list[st.Story],
                 reports: list[dict[str, Any]]) -> tuple[dict[str, Any], st.Story, str]:
        reached = self.reach.component(r)
        # the stories that held those reports (or this one: an article again, its story left out)
        affected = {self.story_of[x["id"]] for x in reached}
        if r["id"] in self.story_of:
            affected.add(self.story_of[r["id"]])
        mine = [o for o in olds if o.id in affected]
        groups = st.group(reached + [r])
        matched = st.match(groups, mine, [o for o in olds if o.absorbed])
        fresh, decision = st.regrouped(hit_topic, groups, matched, mine, r["id"], {o.id for o in olds})
        # the other groups' stories as stored (in anchor order): those whose reports stay (an
        # anchor dropped with its closed or left-out story is no longer among them)
        stay = [i for i, s in enumerate(self.stories)
                if s.id not in affected and s.article_ids and s.article_ids[0] in self.report_of]
        stories, dicts = [self.stories[i] for i in stay], [self.dicts[i] for i in stay]
        stayed = {s.id for s in stories}
        anchor = self.anchor_key
        for s, members in zip(fresh, groups):
            anchor[s.id] = order_key(members[0])
            at = bisect.bisect_left(stories, anchor[s.id], key=lambda x: anchor[x.id])
            stories.insert(at, s)
            dicts.insert(at, None)
        live = {s.id for s in stories}
        for i, s in enumerate(stories):
            if s.absorbed:
                pruned = st.without_live(s, live)
                if pruned.absorbed != s.absorbed:
                    stories[i], dicts[i] = pruned, None
            if dicts[i] is None:
                dicts[i] = stories[i].to_dict()
        story = next(s for s in stories if s.id not in stayed and r["id"] in s.article_ids)
        self._keep(r, reports, stories, dicts, stayed)
        return self.value, story, decision

    def _keep(self, r: dict[str, Any], reports: list[dict[str, Any]], stories: list[st.Story],
              dicts: list[dict[str, Any]], stayed: set[str]) -> None:
        """The regrouped value is the one held now."""
        live = {s.id for s in stories}
        for s in self.stories:
            if s.id not in stayed:
                for aid in s.article_ids:
                    self.story_of.pop(aid, None)
                if s.id not in live:
                    self.anchor_key.pop(s.id, None)
        for s in stories:
            if s.id not in stayed:
                self.story_of.update(dict.fromkeys(s.article_ids, s.id))
        self.reach.add(r)
        self._index(r)
        self.report_of[r["id"]] = r
        self.reports = reports + [r]
        self.stories, self.dicts = stories, dicts
        self.value = {"reports": self.reports, "stories": self.dicts}
