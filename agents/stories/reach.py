"""The reports a new report can reach: those it may end up in one group with, directly or
through others. A new report regroups these alone; the other groups of its topic stay.

Pure. Why that is the grouping of the whole set (:func:`agents.stories.reports.group`):
:meth:`~agents.stories.reports._Group.score` lets a report ``r`` fit a group only when some
member ``m`` of it is *related* to ``r`` (:func:`related`), read off its rules (``t`` is the
report's time; members come before ``r`` in the canonical order, so ``anchor <= m.t <= r.t``):

* the time: ``r.t - anchor`` is at most ``SPREAD``, or at most ``RECAP`` for a recap, which
  needs ``r``'s actor among the group's, i.e. some member's;
* the actor: ``r`` has none; or the group has none (then no member has one); or ``r``'s actor
  is a member's or the same party's (strong: a country and its own agency); or a member's
  actor is among ``r``'s mentions; or ``r``'s actor is
  among a member's mentions; or, within ``VOLLEY``, actors of different kinds.

So a group never holds reports of two components of this relation, and a report's place
depends only on the groups of its own component (the others never fit it): the groups of a
set are the groups of each component, each grouped alone, in order of their anchors. A
change to ``score`` that lets reports join on other grounds must widen :func:`related`;
tests/agents/stories/test_reach.py checks the contract on the real set.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, Iterator

from agents.stories.reports import RECAP, SPREAD, VOLLEY, same_party


def _kind(actor: str) -> str:
    return actor.split(":", 1)[0]  # as reports._kinds_differ reads it


def related(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """May ``a`` and ``b`` be one group's report and a member that lets it in (either way)?"""
    gap = abs(a["t"] - b["t"])
    x, y = a["actor"], b["actor"]
    if x is not None and x == y:
        return gap <= RECAP
    if gap > SPREAD:
        return False
    if x is None or y is None or y in a["mentions"] or x in b["mentions"] or same_party(x, y, a.get("actor_owners") or (), b.get("actor_owners") or ()):
        return True
    return gap <= VOLLEY and _kind(x) != _kind(y)


class Reach:
    """The open reports of one topic, indexed by what :func:`related` looks at."""

    def __init__(self, reports: Iterable[dict[str, Any]] = ()) -> None:
        self.by_actor: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
        self.by_mention: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.all: list[dict[str, Any]] = []
        for r in reports:
            self.add(r)

    def add(self, r: dict[str, Any]) -> None:
        self.all.append(r)
        self.by_actor[r["actor"]].append(r)
        for m in set(r["mentions"]):
            self.by_mention[m].append(r)
        if r["actor"] is not None:
            self.by_kind[_kind(r["actor"])].append(r)

    def remove(self, r: dict[str, Any]) -> None:
        self.all.remove(r)
        self.by_actor[r["actor"]].remove(r)
        for m in set(r["mentions"]):
            self.by_mention[m].remove(r)
        if r["actor"] is not None:
            self.by_kind[_kind(r["actor"])].remove(r)

    def _candidates(self, r: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """Every report related to ``r``, and some that are not (:func:`related` decides)."""
        if r["actor"] is None:
            yield from self.all
            return
        yield from self.by_actor[r["actor"]]
        yield from self.by_actor.get(None, ())
        for m in r["mentions"]:
            yield from self.by_actor.get(m, ())
        yield from self.by_mention.get(r["actor"], ())
        mine = _kind(r["actor"])
        for kind, reports in self.by_kind.items():
            if kind != mine:
                yield from reports

    def component(self, r: dict[str, Any]) -> list[dict[str, Any]]:
        """The indexed reports ``r`` reaches through :func:`related` (``r`` itself not indexed)."""
        seen, out, todo = {r["id"]}, [], [r]
        while todo:
            x = todo.pop()
            for y in self._candidates(x):
                if y["id"] not in seen and related(x, y):
                    seen.add(y["id"])
                    out.append(y)
                    todo.append(y)
        return out
