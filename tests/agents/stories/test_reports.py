"""Which reports are one event (agents/stories/reports.py), on hand-built report records:
one rule per case, and the grouping's independence from arrival order."""

from __future__ import annotations

import itertools
import random
from datetime import datetime, timezone

import pytest

from agents.enrich.analysis import alerts
from agents.enrich.entities import load_extractor
from agents.enrich.rules import RulePack
from agents.stories.reports import RECAP, SPREAD, VOLLEY, group, report
from streams.core.records import Article
from agents.stories.sketches import signature, sketch

T0 = 1_741_646_820.0  # 2025-03-10 22:47 UTC, a Tuesday morning in Seoul
H = 3600.0


def rep(rid: str, at_h: float, actor: str | None = "country:KP", *, text: str = "", mentions: tuple = (),
        site: str | None = None, part: str | None = None, repeat: bool = False, when: str | None = None,
        range_class: str | None = None, site_regions: tuple = (), counts: tuple = (), day_after: bool = False, claimed: bool = False,
        targets: tuple = (), earlier_targets: tuple = (), launchers: tuple = (), told: bool = False,
        obj: str | None = None) -> dict:
    t = T0 + at_h * H
    return {"id": rid, "type": "missile_launch", "feed": f"https://{rid}.example/rss", "source": rid, "link": "",
            "title": rid, "published": t, "arrived": t, "t": t, "when": when, "range_class": range_class, "site_regions": list(site_regions), "actor": actor, "actor_text": actor,
            "mentions": list(mentions) + ([actor] if actor else []), "sites": [site] if site else [], "site": site,
            "site_text": site, "object": obj, "object_text": "missile", "object_class": "missile",
            "outcome": "unknown", "official": False, "repeat": repeat, "part": part, "range_km": None,
            "counts": list(counts), "day_after": day_after, "claimed": claimed,
            "targets": list(targets), "earlier_targets": list(earlier_targets), "launchers": list(launchers),
            "told": told,
            "sketch": sketch(signature(text or f"{rid} report of a launch with its own words"))}


def ids(groups: list[list[dict]]) -> list[list[str]]:
    return [[r["id"] for r in g] for g in groups]


CASES = [
    # (what, reports, expected groups)
    # where the strikes landed: Iran's strikes in Iraq and Syria and its strike in Pakistan
    ("one actor's strikes in two countries at one time",
     [rep("a", 0, "country:IR", targets=("IQ", "SY")), rep("b", 0.5, "country:IR", targets=("PK",))], [["a"], ["b"]]),
    ("a report naming one of the volley's target countries",
     [rep("a", 0, "country:IR", targets=("IQ", "SY")), rep("b", 0.5, "country:IR", targets=("SY",))], [["a", "b"]]),
    ("a report naming no target joins", [rep("a", 0, "country:IR", targets=("IQ",)), rep("b", 1, "country:IR")],
     [["a", "b"]]),
    # "came a day after Iran launched missiles toward Iraq and Syria": not the Pakistan strike's day-before event
    ("a day after an event that struck elsewhere",
     [rep("a", 0, "country:IR", targets=("IQ", "SY")), rep("b", 0.1, None, targets=("PK",)),
      rep("c", 24, "country:IR", day_after=True, earlier_targets=("IQ", "SY"))], [["a"], ["b", "c"]]),
    ("a day after an event that struck there", [rep("a", 0, "country:IR", targets=("IQ", "SY")),
                                                rep("c", 24, "country:IR", day_after=True, earlier_targets=("IQ",))],
     [["a"], ["c"]]),
    ("same actor within the spread", [rep("a", 0), rep("b", 20)], [["a", "b"]]),
    ("same actor beyond the spread", [rep("a", 0), rep("b", SPREAD / H + 1)], [["a"], ["b"]]),
    ("neighbour-led report naming the actor", [rep("a", 0), rep("b", 0.2, "agency:japan-mod", mentions=("country:KP",))],
     [["a", "b"]]),
    ("neighbour-led report first, the actor's after",
     [rep("a", 0, "country:JP", mentions=("country:KP",)), rep("b", 0.5)], [["a", "b"]]),
    ("another country that names no one of the story", [rep("a", 0), rep("b", 1, "country:IR")], [["a"], ["b"]]),
    ("no actor joins", [rep("a", 0), rep("b", 1, None)], [["a", "b"]]),
    ("an agency within a volley of a country", [rep("a", 0, "country:US"), rep("b", 1, "agency:pentagon")], [["a", "b"]]),
    ("another country's agency beyond a volley of a country", [rep("a", 0, "country:US"), rep("b", 5, "agency:jaxa")],
     [["a"], ["b"]]),
    ("the country's own agency beyond a volley", [rep("a", 0, "country:US"), rep("b", 5, "agency:pentagon")],
     [["a", "b"]]),
    ("a volley: reports over three hours", [rep("a", 0), rep("b", 1.5), rep("c", 2.9)], [["a", "b", "c"]]),
    ("fires again six hours later", [rep("a", 0), rep("b", 6, repeat=True)], [["a"], ["b"]]),
    ("a repeat word inside the volley is the volley", [rep("a", 0), rep("b", 1, repeat=True)], [["a", "b"]]),
    ("morning then afternoon", [rep("a", 0, part="morning"), rep("b", 6, part="afternoon")], [["a"], ["b"]]),
    ("late coverage goes to the first event", [rep("a", 0, part="morning"), rep("b", 6, part="afternoon", repeat=True),
                                               rep("c", 20)], [["a", "c"], ["b"]]),
    ("other site beyond a volley", [rep("a", 0, site="site:cape"), rep("b", 8, site="site:vandenberg")],
     [["a"], ["b"]]),
    ("other site within a volley", [rep("a", 0, site="site:cape"), rep("b", 1, site="site:kennedy")], [["a", "b"]]),
    # a day on, one sign is a hint (another zone's date, a misread type); two are another event
    ("a day on, another stated day alone", [rep("a", 0, when="2023-12-17"), rep("b", 20, when="2023-12-18")],
     [["a", "b"]]),
    ("a day on, another stated day and range class",
     [rep("a", 0, when="2023-12-17", range_class="short"), rep("b", 20, when="2023-12-18", range_class="intercontinental")],
     [["a"], ["b"]]),
    ("a day on, another stated day and part of it",
     [rep("a", 0, when="2023-12-17", part="evening"), rep("b", 20, when="2023-12-18", part="morning")],
     [["a"], ["b"]]),
    ("a day on, an undated report goes to the event of its own day",
     [rep("a", 0, when="2023-12-17", part="evening"), rep("b", 20, when="2023-12-18", part="morning"), rep("c", 21)],
     [["a"], ["b", "c"]]),
    # one launch: "late Monday night" in New York is "early Tuesday morning" in Tel Aviv
    ("night agrees with the morning and the evening",
     [rep("a", 0, part="night", when="2024-12-23"), rep("b", 8, part="morning", when="2024-12-24")], [["a", "b"]]),
    ("night is not the afternoon", [rep("a", 0, part="night"), rep("b", 8, part="afternoon")], [["a"], ["b"]]),
    ("a day on, another stated day at the same part of it",
     [rep("a", 0, part="morning", when="2024-12-24"), rep("b", 24, part="morning", when="2024-12-25")], [["a"], ["b"]]),
    # Iran's barrages on two nights: "Friday night" and "early Saturday morning", then "Late on Saturday"
    ("a day on, a late night on another stated day is the night of a group's night",
     [rep("a", 0, "country:IR", part="night", when="2025-06-13"),
      rep("b", 1, "country:IR", part="morning", when="2025-06-13"),
      rep("c", 30, "country:IR", part="late night", when="2025-06-14")], [["a", "b"], ["c"]]),
    ("two adjacent stated days are one event told from two zones; a third is another",
     [rep("a", 0, when="2024-12-23"), rep("b", 2, when="2024-12-24"), rep("c", 30, when="2024-12-25", repeat=True)],
     [["a", "b"], ["c"]]),
    ("sites in two provinces within a volley are two launches",
     [rep("a", 0, "org:spacex", site="site:cape-canaveral", site_regions=("region:US-FL",)),
      rep("b", 1, "org:spacex", site="site:vandenberg", site_regions=("region:US-CA",))], [["a"], ["b"]]),
    ("two sites of one province within a volley are one launch",
     [rep("a", 0, "org:spacex", site="site:cape-canaveral", site_regions=("region:US-FL",)),
      rep("b", 1, "org:spacex", site="site:kennedy", site_regions=("region:US-FL",))], [["a", "b"]]),
    # one night is dated by the day before or after midnight: "overnight" (said Tuesday) and
    # "the early hours of Jan. 2"
    ("a night a day off the group's night is that night",
     [rep("a", 0, part="night", when="2024-01-01"), rep("b", 14, part="night", when="2024-01-02")], [["a", "b"]]),
    ("a night two days off is another night",
     [rep("a", 0, part="night", when="2024-01-01"), rep("b", 30, part="night", when="2024-01-03")], [["a"], ["b"]]),
    # a later account that dates itself nowhere is that event only when it repeats an exact count
    ("an undated recap with the event's exact count joins it days later",
     [rep("a", 0, counts=("122 missile", "36 drone")), rep("b", 70, counts=("122 missile",)),
      rep("c", 90, when="2024-01-02", part="night")], [["a", "b"], ["c"]]),
    ("a recap's count must be the event's", [rep("a", 0, counts=("122 missile",)), rep("b", 70, counts=("121 missile",))],
     [["a"], ["b"]]),
    ("a dated recap is not joined by its count",
     [rep("a", 0, counts=("122 missile",)), rep("b", 70, when="2024-01-01", counts=("122 missile",))], [["a"], ["b"]]),
    ("another actor's count is not the event's",
     [rep("a", 0, counts=("122 missile",)), rep("b", 70, "country:IR", counts=("122 missile",))], [["a"], ["b"]]),
    ("beyond a week a recap opens its own story",
     [rep("a", 0, counts=("122 missile",)), rep("b", RECAP / H + 1, counts=("122 missile",))], [["a"], ["b"]]),
    # "for a second night in a row": another event than the day before's, not than its own day's
    ("a day-after report is not the day before's event",
     [rep("a", 0, when="2022-11-02"), rep("b", 8, when="2022-11-03", day_after=True)], [["a"], ["b"]]),
    # "The strike yesterday came a day after Iran launched missiles toward Iraq and Syria"
    ("a day on, a day-after report is not the earlier day's event",
     [rep("a", 0, when="2024-01-16"), rep("b", 24, day_after=True), rep("c", 24)], [["a"], ["b", "c"]]),
    ("a day-after report joins the event of the day it states",
     [rep("a", 0, when="2022-11-02", part="morning"), rep("b", 24, when="2022-11-03", part="morning"),
      rep("c", 30, when="2022-11-03", day_after=True)],
     [["a"], ["b", "c"]]),
    # "South Korea said it conducted its first SLBM test, hours after North Korea fired two
    # missiles": the neighbour's own launch that day, in its own word, is its own event
    ("a claimant's own launch is not the launch it names",
     [rep("a", 0), rep("b", 2, "country:KR", mentions=("country:KP",), claimed=True)], [["a"], ["b"]]),
    ("a neighbour-led report does not make the neighbour the group's actor",
     [rep("a", 0), rep("b", 0.5, "country:KR", mentions=("country:KP",)),
      rep("c", 2, "country:KR", mentions=("country:KP",), claimed=True), rep("d", 3, "country:KR")],
     [["a", "b"], ["c", "d"]]),
    ("a late night is not the morning of its own day",
     [rep("a", 0, part="morning", when="2024-08-26"), rep("b", 12, part="late night", when="2024-08-26")],
     [["a"], ["b"]]),
    # Iran's two nights: "late Friday night into early Saturday morning", then "late on Saturday"
    ("a late night of the day a group's early morning names is another event, a day on too",
     [rep("a", 0, part="night", when="2025-06-13"), rep("b", 1, part="morning", when="2025-06-14"),
      rep("c", 24, part="late night", when="2025-06-14")],
     [["a", "b"], ["c"]]),
    ("a late night is the next day's morning",
     [rep("a", 0, part="late night", when="2024-12-23"), rep("b", 8, part="morning", when="2024-12-24")],
     [["a", "b"]]),
    # a country and its own agency are one party, hours apart too (real set: Iran and the IRGC's
    # "announced it had successfully launched its first military satellite")
    ("a country and the agency its gazetteer entry implies",
     [rep("a", 0, actor="country:IR"), rep("b", 12, actor="agency:irgc", claimed=True, mentions=("country:IR",))],
     [["a", "b"]]),
    ("a neighbour's own claim hours later is its own event",
     [rep("a", 0, actor="country:KP"), rep("b", 5, actor="country:KR", claimed=True, mentions=("country:KP",))],
     [["a"], ["b"]]),
    # NASA's Antares, told as Orbital Sciences' in the first hours and hours later
    ("a party of another kind joined in the first hours is the group's",
     [rep("a", 0, actor="agency:nasa"), rep("b", 0.5, actor="org:orbital-sciences"),
      rep("c", 7, actor="org:orbital-sciences")],
     [["a", "b", "c"]]),
    # "South Korea and the United States fired eight surface-to-surface missiles ... in response to
    # North Korea's missile launches the previous day": the allies' own launch, not the North's
    ("another country named as the launcher is not the launch it answers",
     [rep("a", 0, launchers=("country:KP",)),
      rep("b", 12, "country:KR", mentions=("country:KP", "country:US"), launchers=("country:KR", "country:US")),
      rep("c", 13, "country:US", mentions=("country:KR", "country:KP"), launchers=("country:KR", "country:US"))],
     [["a"], ["b", "c"]]),
    ("a neighbour named as no launcher still joins the launch it tracked",
     [rep("a", 0, launchers=("country:KP",)), rep("b", 5, "country:JP", mentions=("country:KP",))], [["a", "b"]]),
    ("an agency named as the launcher beside its country's launch",
     [rep("a", 0, "agency:irgc"), rep("b", 12, "country:IR", mentions=("agency:irgc",), launchers=("country:IR",))],
     [["a", "b"]]),
    # Ukraine's ATACMS strike "on Tuesday" and its Storm Shadow strike "on Wednesday", each reported that day
    ("a day on, a later stated day that is each report's own day of publication",
     [rep("a", 1.5, "country:UA", when="2025-03-11"), rep("b", 25.5, "country:UA", when="2025-03-12")],
     [["a"], ["b"]]),
    # "North Korea said Friday it has successfully test-launched ...": the day it was told
    ("a day on, a stated day that is the day of the telling",
     [rep("a", 1.5, when="2025-03-11"), rep("b", 25.5, when="2025-03-12", told=True)], [["a", "b"]]),
    ("a day on, a later stated day against a group dated by another day than its publication's",
     [rep("a", 1.5, "country:UA", when="2025-03-10"), rep("b", 25.5, "country:UA", when="2025-03-12")],
     [["a", "b"]]),
    # between two events that fit, the one whose reports name the same object (ATACMS, not Storm Shadow)
    ("an undated report goes to the event naming its object",
     [rep("a", 1.5, "country:UA", when="2025-03-11", obj="vehicle:atacms"),
      rep("b", 25.5, "country:UA", when="2025-03-12", obj="vehicle:storm-shadow"),
      rep("c", 25.6, "country:UA", obj="vehicle:atacms")], [["a", "c"], ["b"]]),
    ("a day on, a report of the first day's date goes to it",
     [rep("a", 0, when="2023-12-17", part="evening"), rep("b", 20, when="2023-12-18", part="morning"),
      rep("c", 22, when="2023-12-17")], [["a", "c"], ["b"]]),
]


@pytest.mark.parametrize("what,reports,expected", CASES, ids=[c[0] for c in CASES])
def test_grouping_rules(what, reports, expected):
    assert ids(group(reports)) == expected


def test_groups_do_not_depend_on_arrival_order():
    reports = [rep("a", 0, part="morning"), rep("b", 0.2, "agency:japan-mod", mentions=("country:KP",)),
               rep("c", 6, part="afternoon", repeat=True), rep("d", 6.5, part="afternoon"), rep("e", 20),
               rep("f", 3, "country:IR"), rep("g", 3.5, None)]
    want = ids(group(reports))
    for perm in itertools.islice(itertools.permutations(reports), 0, 5040, 97):
        assert ids(group(list(perm))) == want
    rng = random.Random(3)
    for _ in range(20):
        rng.shuffle(reports)
        assert ids(group(reports)) == want


def test_text_similarity_breaks_a_tie_between_two_events():
    text = "North Korea fires ballistic missile toward East Sea, Seoul says after launch"
    a, b = rep("a", 0, text=text), rep("b", VOLLEY / H + 1, repeat=True)
    c = rep("c", 10, text=text + " today")
    assert ids(group([a, b, c])) == [["a", "c"], ["b"]]


def test_an_operator_gazetteers_agency_is_its_countrys_party(tmp_path):
    """An agency an operator's gazetteer adds, with the country it ``implies``, is that country's
    party in a story as the packaged ones are: its own word hours later joins the country's launch."""
    (tmp_path / "ops.yaml").write_text('- id: agency:nordic-launch-command\n  label: AGENCY\n  implies: ["country:NO"]\n'
                                       '  names: ["Nordic Launch Command"]\n', encoding="utf-8")
    extractor, pack = load_extractor([tmp_path]), RulePack.load()
    t0 = datetime(2025, 3, 10, 8, tzinfo=timezone.utc).timestamp()
    reports = []
    for rid, hours, title, body in [
            ("a", 0, "Norway launches satellite", "Norway launched a small satellite into orbit from Andøya on Monday morning."),
            ("b", 12, "", "The Nordic Launch Command said it had successfully launched a small satellite into orbit on Monday.")]:
        art = Article(id=rid, feed_url=f"https://{rid}.example/rss", link="", title=title, summary=body,
                      published=t0 + hours * H)
        entities, hits = alerts(art, extractor, pack)
        reports += [report(art, entities, hit.event, now=t0 + hours * H, sig=signature(art.text())) for hit in hits]
    assert [(r["actor"], r["actor_owners"], r["claimed"]) for r in reports] == [
        ("country:NO", [], False), ("agency:nordic-launch-command", ["country:NO"], True)]
    assert ids(group(reports)) == [["a", "b"]]
    # the owners the report recorded are what made it one party
    assert ids(group([dict(r, actor_owners=[]) for r in reports])) == [["a"], ["b"]]
