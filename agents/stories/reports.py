"""Reports and the events they tell: which reports are one real-world event.

Pure. A *report* is the compact record of one flagged article under one topic (a JSON dict:
see :func:`report`): the event the enrich stage read in it (actor, object, site, outcome,
date), when it was published, its feed and a text sketch. :func:`group` splits a set of reports
into events. It sorts them into a canonical order first, so the groups depend on the set
alone, never on the order of arrival nor on which worker saw which report first.

Time of a report (``t``): its publication time, or when the text dates the event to an
earlier day, the end of that day (UTC): a next-day "KCNA said on Wednesday the test of
Tuesday..." is placed on Tuesday, not on Wednesday. A stated day the text names only in a
clause that recalls an earlier event ("since", "again after", "two days after": "the first
since North Korea fired an IRBM over Japan on Tuesday") while it names another day outside one
is that event's day, not the report's: the report then has no stated day
(:func:`earlier_event_day`); so is a day named only in a sentence that tells an earlier launch
("Two days ago, North Korea fired ...") in a text that tells its own as a later one ("for the
second time in a few days"). A late night the text names by its weekday ("another wave of deadly
attacks on late Saturday") dates the event when the enrich stage read no day (:func:`late_weekday`).

Contract of :func:`group`
-------------------------

Reports are taken in order of (``t``, id); the first report of a group is its *anchor* (the
earliest report is the best clock of the event: flashes come minutes after it). A report
joins a group when all of these hold:

1. Time: ``0 <= t - anchor <= SPREAD`` (a day and a half of coverage). Between ``VOLLEY``
   (three hours: a volley of launches on one morning is one event) and ``NEAR`` (twelve
   hours), a report that tells a repeat (:func:`agents.stories.readings.repeats`: "second launch
   of the day", "two more missiles"; not a series, not one launch told twice: "came hours after
   Japan said Pyongyang launched") is
   a different event, and so is one whose part of the day (the first its body
   names: "morning", "afternoon", "evening", or a local clock time "1:50 p.m.") differs from the
   one part the group's reports name. Later than ``NEAR`` each of these is a hint only (a day on,
   "afternoon" may be the day before's in the reader's time zone), and so are a stated day of the
   event other than the one day the group's reports state, and a range class ("short-range",
   "ICBM") the group's reports do not give; two hints at once make another event (North
   Korea's SRBM of a Sunday night and its ICBM of the Monday morning, reported by day-dated
   pages a day apart), and so does another stated day at a part of the day the group's reports
   name (no time zone moves an event a day; a late night - "late Monday night", "late on
   Saturday" - is a night: Iran's barrages of a Friday night and of "late on Saturday"), and so
   is a later stated day that is the report's own day of publication when the group's reports
   each state theirs (Ukraine's ATACMS strike "on Tuesday" and its Storm Shadow strike "on
   Wednesday", each reported that day; not a day that dates the telling: "North Korea said
   Friday it has successfully test-launched ..."; such a day, the day after the group's, is no
   other day at all: "North Korea said on Friday that it fired an ICBM", two days on). A late night of a day whose early morning
   a group's report names is another event at any gap ("late Friday night into early Saturday
   morning", then "late on Saturday": Iran's two nights at Israel).
2. Actor: the report's actor is one of the group's actors or the same party (*strong*: a
   country and its own agency, by the gazetteer's ``implies``: Iran and the IRGC), or it has none, or it
   names one of the group's actors ("Japan says North Korea fired ...": the report was led
   by the neighbour that tracked it, or by a reaction), or the group's reports name it (the
   group was opened by such a report); within ``VOLLEY`` of the anchor, actors of different
   kinds also agree (a country, an agency, a company: NASA and Orbital Sciences, Japan and
   Space One), and such a party then is the group's for its later reports. A report that names its actor as
   the launcher ("South Korea and the United States fired eight surface-to-surface missiles ...
   in response to North Korea's") is that actor's launch: it joins a group of another actor of
   its kind (two countries) only when one of the group's reports names its actor as a launcher too.
3. Site, beyond ``VOLLEY`` of the anchor: the report names no site, the group has none, or one
   of the report's sites is one of the group's (a report naming Kennedy and Cape Canaveral
   makes them one place). Within it, sites differ in one launch's reports (the pad, the
   range, the control centre) more often than two launches happen at once.

4. Target: the countries its strikes landed in (:func:`agents.stories.readings.targets`: "missile attacks on Erbil in
   Iraq", "strikes Balochistan", the country whose air defences "intercepted two British-made Storm
   Shadow cruise missiles") share one with the group's, or either names none: one actor's
   strikes in Iraq and in Pakistan are two attacks, its strikes in Iraq and Syria of one night
   one (a report naming Syria alone shares Syria). A "day after" report whose earlier event
   struck elsewhere ("came a day after Iran launched missiles toward Iraq and Syria") may be
   the event of a group that struck another country the day before its publication.

Objects never keep reports apart: "Yars" against "Sarmat", "1,000 km" against "800 km" are
readings of one event, kept with their sources (:mod:`agents.stories.facts`).

Among the groups it may join, a report goes to the one with (strong actor, text similarity
>= ``TEXT_THRESHOLD`` when several groups are left, the same part of the day, the same stated
day, the object it names - ATACMS, not Storm Shadow - when several are left, an anchor within
``NEAR``, the earliest anchor - the latest for a report that tells a repeat): late coverage that neither dates nor words itself apart follows the first event of
its own day (a second one is told as such: "again", "in the afternoon"). No group -> a group of its own.

Known limits: a report of the same actor's second event that neither dates nor words it apart
("North Korea fires missile", six hours after the first) joins the first; a date misread by
the time expressions (a weekday that names an earlier event) places a report on the wrong
event; two events of one actor a day apart, reported without dates or words that set them
apart, are one story.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable, Sequence

from agents.enrich.gazetteer import owner_countries
from agents.stories.readings import (
    ACTOR_LABELS,
    DAY_AFTER,
    DESIGNATION,
    RANGE_KM,
    claimant,
    counts,
    day_part,
    earlier_event_day,
    get,
    ids,
    late_and_early,
    late_weekday,
    launchers,
    official,
    parts_agree,
    range_class,
    repeats,
    site_regions,
    targets,
    told_day,
)
from agents.stories.sketches import sketch, sketch_similarity

VOLLEY = 3 * 3600.0
NEAR = 12 * 3600.0
SPREAD = 36 * 3600.0
RECAP = 7 * 86400.0  # a later account of an event, told by its exact count (see _Group.score)
TEXT_THRESHOLD = 0.5
OUTCOME_ORDER = ("unknown", "success", "failure", "intercepted")  # later wins in a story

def _shift(day: str, days: int) -> str:
    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=days)).isoformat()
    except ValueError:
        return day[:10]


def _utc_day(t: float) -> str:
    return datetime.fromtimestamp(t, timezone.utc).date().isoformat()


def _day_end(when: str | None, published: float) -> float:
    """``t``: the end of the stated day (UTC) when the text dates the event before the day it
    was published, else the publication time."""
    if not when:
        return published
    try:
        day = date.fromisoformat(when[:10])
    except ValueError:
        return published
    end = datetime(day.year, day.month, day.day, tzinfo=timezone.utc) + timedelta(days=1)
    return min(published, end.timestamp())


def _body(article: Any) -> str:
    """The body without the headline: a headline may recall an earlier event ("fires two more
    missiles hours after morning launch") where the lead dates this one ("on Tuesday afternoon")."""
    content, summary = get(article, "content", "") or "", get(article, "summary", "") or ""
    return content if len(content) >= len(summary) else summary


def report(article: Any, entities: Sequence[Any], event: dict[str, Any] | None, *, now: float,
           sig: Sequence[int]) -> dict[str, Any]:
    """The compact record of one flagged article (what a story table keeps per report)."""
    ev = event or {}
    text = article.text()
    # a day the text gives only to an earlier event is not this report's: date it by publication
    when = None if earlier_event_day(text, ev.get("when_text")) else ev.get("when")
    published = get(article, "published") or get(article, "first_seen") or now
    part = day_part(_body(article)) or day_part(get(article, "title", "") or "")
    if when is None and part == "late night":
        # "another wave of deadly attacks on late Saturday": the enrich stage reads no day in it
        when = late_weekday(text, datetime.fromtimestamp(published, timezone.utc).date())
    actor = (ev.get("actor") or {})
    claim = claimant(text, entities)
    if claim is not None:
        actor = claim
    obj = ev.get("object") or {}
    site = (ev.get("site") or {}).get("id")
    ranges = sorted({m.group(1).replace(",", "") for m in RANGE_KM.finditer(text)})
    day_after = bool(DAY_AFTER.search(text))
    struck = targets(text, entities, actor.get("id"))
    vehicles = ids(entities, ("VEHICLE",))
    named = obj.get("id") or (vehicles[0] if vehicles else None)
    designation = DESIGNATION.search(obj.get("text") or "")
    if named is None and designation:
        named = "name:" + designation.group().lower()
    return {
        "id": article.id, "type": ev.get("type"), "feed": article.feed_url, "source": get(article, "source", "") or "",
        "link": get(article, "link", "") or "", "title": get(article, "title", "") or "",
        "published": published, "arrived": now, "t": _day_end(when, published),
        "when": when, "actor": actor.get("id"), "actor_text": actor.get("text"),
        "actor_owners": actor_owners(actor.get("id"), entities),
        "told": told_day(text, ev.get("when_text")) if when else False,
        "claimed": claim is not None, "launchers": launchers(text, entities), "mentions": ids(entities, ACTOR_LABELS), "sites": ids(entities, ("SITE",)), "site": site,
        "site_regions": site_regions(text, entities, site),
        "site_text": (ev.get("site") or {}).get("text"),
        "object": named, "object_text": designation.group() if designation and not obj.get("id") else obj.get("text"),
        "object_class": obj.get("class"),
        "outcome": ev.get("outcome") or "unknown", "official": official(text, actor.get("id"), actor.get("text")),
        # "As on the previous day, North Korea ... launched missiles again": again after that day's
        "repeat": not day_after and repeats(text), "day_after": day_after, "range_class": range_class(obj.get("text") or ""), "part": part, "range_km": ranges[0] if len(ranges) == 1 else None,
        "counts": counts(text), "targets": struck[0], "earlier_targets": struck[1],
        "sketch": sketch(sig),
    }


def order_key(r: dict[str, Any]) -> tuple[float, bool, str]:
    """Canonical order: by time; at one time, a report that dates or words itself (a stated
    day, a part of it, "a day after ...") before one that does not, so that the vague one
    finds the event of its day already there to join."""
    vague = not (r.get("when") or r.get("part") or r.get("day_after") or r.get("repeat"))
    return (r["t"], vague, r["id"])


class _Group:
    """A group being built: its reports and what they agree on."""

    def __init__(self, first: dict[str, Any]) -> None:
        self.members = [first]
        self.anchor = first["t"]
        self.actors = {first["actor"]} - {None}
        self.owners: dict[str, set[str]] = {}
        self._own(first)
        self.sites = {first["site"]} - {None}
        self.mentions = set(first["mentions"])
        self.parts = {first["part"]} - {None}
        self.whens = {first.get("when")} - {None}
        self.site_regions = set(first.get("site_regions") or ())
        self.classes = {first.get("range_class")} - {None}
        self.targets = set(first.get("targets") or ())
        self.day_parts = {(first.get("when"), first["part"])} if first.get("when") and first["part"] else set()
        self.launchers = set(first.get("launchers") or ())
        self.objects = {first.get("object")} - {None}

    def add(self, r: dict[str, Any]) -> None:
        self.members.append(r)
        # a report joined for naming the group's actor keeps its own actor out (the neighbour
        # that tracked the launch, read as the actor): else the neighbour's own launch that day
        # would join as the same actor's
        # one that joined as another kind of party in the first hours (NASA's launch, told as
        # Orbital Sciences') is the same party: its later reports join by it too
        if not self.actors or r.get("claimed") or (
                r["actor"] and r["t"] - self.anchor <= VOLLEY and _kinds_differ(r["actor"], self.actors)):
            self.actors |= {r["actor"]} - {None}
            self._own(r)
        self.sites |= {r["site"]} - {None}
        self.mentions |= set(r["mentions"])
        self.parts |= {r["part"]} - {None}
        self.whens |= {r.get("when")} - {None}
        self.site_regions |= set(r.get("site_regions") or ())
        self.classes |= {r.get("range_class")} - {None}
        self.targets |= set(r.get("targets") or ())
        if r.get("when") and r["part"]:
            self.day_parts.add((r["when"], r["part"]))
        self.launchers |= set(r.get("launchers") or ())
        self.objects |= {r.get("object")} - {None}

    def _own(self, r: dict[str, Any]) -> None:
        if r["actor"] is not None:
            self.owners.setdefault(r["actor"], set()).update(r.get("actor_owners") or ())

    def score(self, r: dict[str, Any]) -> tuple[bool, bool, float] | None:
        """How well ``r`` fits (higher is better), or None when it is another event."""
        gap = r["t"] - self.anchor
        if gap < 0:
            return None
        if gap > SPREAD:
            return self._recap(r, gap)
        other_part = bool(r["part"] and len(self.parts) == 1 and not parts_agree(r["part"], next(iter(self.parts))))
        # "late at night on Aug. 26" is not the morning of Aug. 26: a day apart, in any time zone
        # ("late on Saturday" against "early Saturday morning": Iran's two nights at Israel)
        if r["part"] and r.get("when") and any(w == r["when"] and late_and_early(r["part"], p) for w, p in self.day_parts):
            return None
        if r["part"] and r.get("when") and self.whens == {r["when"]} and any(late_and_early(r["part"], p) for p in self.parts):
            other_part = True
        # a stated day outside the group's days (two adjacent days are one event told from two time zones)
        other_date = self._other_day(r)
        other_class = bool(r.get("range_class") and self.classes and r["range_class"] not in self.classes)
        # "a day after" another event: another than this group's, unless it states this group's day
        repeat = r["repeat"] or (r.get("day_after", False) and self._before(r) and not self._struck_elsewhere(r))
        signs = repeat + other_part + other_date + other_class
        if VOLLEY < gap <= NEAR and (repeat or other_part or signs >= 2):
            return None
        # a day on: two signs at once (the stated day and the part of it, the range class...), or
        # another stated day at the same part of the day (no time zone moves an event a day)
        # "a day after X launched ..." a day on: it is not the event of that earlier day
        if gap > NEAR and (signs >= 2 or (repeat and not r["repeat"]) or (other_date and self._same_part(r["part"]))):
            return None
        if gap > NEAR and other_date and self._own_day_after(r):
            return None
        # sites in two provinces are two launches, however close (Florida and California)
        if r["site"] and self.sites and r["site"] not in self.sites and r.get("site_regions") and self.site_regions \
                and self.site_regions.isdisjoint(r["site_regions"]):
            return None
        if r.get("targets") and self.targets and self.targets.isdisjoint(r["targets"]):
            return None  # struck in another country: another attack (Iraq's, Pakistan's)
        strong = r["actor"] is not None and any(same_party(r["actor"], a, r.get("actor_owners") or (), self.owners.get(a, ()))
                                                for a in self.actors)
        if not strong and r.get("claimed") and self.actors and not (gap <= VOLLEY and _kinds_differ(r["actor"], self.actors)):
            return None  # its own word says it launched: no neighbour that tracked the group's launch
        if not strong and r["actor"] in (r.get("launchers") or ()) and self.actors and r["actor"] not in self.launchers \
                and not _kinds_differ(r["actor"], self.actors):
            return None  # "South Korea and the United States fired eight missiles ... in response to North Korea's"
        if not strong and r["actor"] is not None and self.actors and self.actors.isdisjoint(r["mentions"]) \
                and r["actor"] not in self.mentions and not (gap <= VOLLEY and _kinds_differ(r["actor"], self.actors)):
            return None
        if gap > VOLLEY and r["site"] and self.sites and self.sites.isdisjoint(r["sites"]):
            return None
        # a day later, "afternoon" or "again" may be that day's or the day before's: a hint then
        # a day on, a report that words and dates itself apart from neither event is more
        # likely about the one of its own day; within that, the first event's (see above)
        return (strong, not other_part, not other_date, gap <= NEAR, self.anchor if repeat else -self.anchor)

    def _same_part(self, part: str | None) -> bool:
        """Is ``part`` one the group's reports name? A late night is a night: a stated day
        other than the group's at the same part of the day is another event a day on."""
        night = {"night" if p == "late night" else p for p in self.parts}
        return part is not None and ("night" if part == "late night" else part) in night

    def _own_day_after(self, r: dict[str, Any]) -> bool:
        """Does ``r`` date its event by the day it was published, later than every day the group
        states, while the group's reports each date theirs by their own day of publication? Each
        then tells its own day's news, and no time zone moves an event a day for both: Ukraine's
        ATACMS strike "on Tuesday" and its Storm Shadow strike "on Wednesday", each reported that day;
        not "North Korea said Friday it has successfully test-launched" (the day it was told)."""
        when = (r.get("when") or "")[:10]
        if not when or r.get("told") or when != _utc_day(r["published"]) or not self.whens or any(d[:10] >= when for d in self.whens):
            return False
        return all(m["when"][:10] == _utc_day(m["published"]) for m in self.members if m.get("when"))

    def _recap(self, r: dict[str, Any], gap: float) -> tuple | None:
        """Beyond ``SPREAD``, only a later account that dates itself nowhere ("Ukrainian officials
        have reported that Russia launched a staggering 122 missiles and 36 drones", three days
        on) and repeats an exact count of the group's, by the same actor, is this event: else,
        undated, it reads as news of its own day and opens a story that the next event's
        reports would join."""
        if gap > RECAP or r.get("when") or r["part"] or r["actor"] is None or r["actor"] not in self.actors:
            return None
        mine = set(r.get("counts") or ())
        if not mine or not any(mine & set(m.get("counts") or ()) for m in self.members):
            return None
        return (True, True, True, False, -self.anchor)

    def _before(self, r: dict[str, Any]) -> bool:
        """Is every day the group states (else its first report's) before ``r``'s own (the one it
        states, else the day it was published)? A "second night in a row" is not of that group."""
        mine = r.get("when") or _utc_day(r["published"])
        days = self.whens or {_utc_day(self.anchor)}
        # a night told by the day before midnight ("late at night on Aug. 26") is the next day's too
        late = 1 if self.parts and self.parts <= {"night", "late night"} else 0
        return all(_shift(d, late) < mine[:10] for d in days)

    def _struck_elsewhere(self, r: dict[str, Any]) -> bool:
        """The earlier event a "a day after" report names struck another country than this
        group: this group is not that event ("came a day after Iran launched missiles toward
        Iraq and Syria", against a group of strikes in Pakistan)."""
        return bool(r.get("earlier_targets") and self.targets and self.targets.isdisjoint(r["earlier_targets"]))

    def _other_day(self, r: dict[str, Any]) -> bool:
        """A stated day outside the group's days. Two adjacent days are one event told from two
        time zones (the range holds both); a night is dated by the day before or after midnight
        ("overnight", said Tuesday, against "the early hours of Jan. 2"), so a night a day off
        a group told only as a night is no other day (a group with a morning too has its day)."""
        when = r.get("when")
        if not when or not self.whens:
            return False
        lo, hi = min(self.whens), max(self.whens)
        if lo <= when <= hi:
            return False
        if r.get("told") and when[:10] == _shift(hi, 1):
            # the day after the group's, named as the day the launch was told ("North Korea said
            # on Friday that it fired an ICBM"): the telling's day, the event's may be the group's
            return False
        if r["part"] in ("night", "late night") and self.parts <= {"night", "late night"}:
            try:
                day, lo_d, hi_d = (date.fromisoformat(x[:10]) for x in (when, lo, hi))
            except ValueError:
                return True
            return not (lo_d - timedelta(days=1) <= day <= hi_d + timedelta(days=1))
        return True

    def names(self, r: dict[str, Any]) -> bool:
        """Does one of the group's reports name the object ``r`` names (ATACMS, not Storm Shadow)?"""
        return r.get("object") is not None and r["object"] in self.objects

    def similar(self, r: dict[str, Any]) -> bool:
        """A near-identical text among the group's reports (a syndicated or rewritten copy)."""
        return any(sketch_similarity(r["sketch"], m["sketch"]) >= TEXT_THRESHOLD for m in self.members)


def actor_owners(actor: str | None, entities: Sequence[Any]) -> list[str]:
    """The countries the actor's own gazetteer entry implies (the IRGC: Iran), as the extractor
    marked them at the actor's mentions: an operator's gazetteer counts as the packaged one does."""
    if actor is None:
        return []
    starts = {get(e, "start") for e in entities if get(e, "id") == actor and get(e, "source") != "implied"}
    return sorted({str(get(e, "id")) for e in entities if get(e, "source") == "implied" and get(e, "start") in starts
                   and str(get(e, "id") or "").startswith("country:")})


def same_party(a: str, b: str, a_owners: Iterable[str] = (), b_owners: Iterable[str] = ()) -> bool:
    """One actor, or a country and its own agency ("Iran" and "the IRGC", "Japan" and JAXA): by
    the packaged gazetteer, or by the owners a report recorded (``actor_owners``; reports stored
    before that field have none)."""
    owners = owner_countries()
    return a == b or b in owners.get(a, ()) or a in owners.get(b, ()) or b in a_owners or a in b_owners


def _kinds_differ(actor: str, actors: set[str]) -> bool:
    """A country against an agency or a company, an agency against a company: maybe one
    party (its space agency, its contractor); the gazetteer does not say whose an agency is."""
    kind = actor.split(":", 1)[0]
    return all(a.split(":", 1)[0] != kind for a in actors)


def group(reports: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The events among ``reports`` (all of one topic): lists of reports, each in canonical
    order, the groups in order of their anchors. Depends on the set, not on its order."""
    groups: list[_Group] = []
    for r in sorted(reports, key=order_key):
        fits = [(s, g) for g in groups if (s := g.score(r)) is not None]
        if not fits:
            groups.append(_Group(r))
            continue
        if len(fits) > 1:  # text decides between events only when the rules leave several
            # the same text, then the same part of the day and stated day, then the object named
            fits = [((s[0], g.similar(r)) + s[1:3] + (g.names(r),) + s[3:], g) for s, g in fits]
        max(fits, key=lambda f: f[0])[1].add(r)
    return [g.members for g in groups]
