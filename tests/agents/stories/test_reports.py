"""Which reports are one event (agents/stories/reports.py), on hand-built report records:
one rule per case, and the grouping's independence from arrival order."""

from __future__ import annotations

import itertools
import random

import pytest

from agents.stories.reports import (
    _DAY_AFTER,
    RECAP,
    SPREAD,
    VOLLEY,
    counts,
    day_part,
    earlier_event_day,
    group,
    range_class,
    repeats,
)
from agents.stories.sketches import signature, sketch

T0 = 1_741_646_820.0  # 2025-03-10 22:47 UTC, a Tuesday morning in Seoul
H = 3600.0


def rep(rid: str, at_h: float, actor: str | None = "country:KP", *, text: str = "", mentions: tuple = (),
        site: str | None = None, part: str | None = None, repeat: bool = False, when: str | None = None,
        range_class: str | None = None, site_regions: tuple = (), counts: tuple = (), day_after: bool = False, claimed: bool = False,
        targets: tuple = (), earlier_targets: tuple = ()) -> dict:
    t = T0 + at_h * H
    return {"id": rid, "type": "missile_launch", "feed": f"https://{rid}.example/rss", "source": rid, "link": "",
            "title": rid, "published": t, "arrived": t, "t": t, "when": when, "range_class": range_class, "site_regions": list(site_regions), "actor": actor, "actor_text": actor,
            "mentions": list(mentions) + ([actor] if actor else []), "sites": [site] if site else [], "site": site,
            "site_text": site, "object": None, "object_text": "missile", "object_class": "missile",
            "outcome": "unknown", "official": False, "repeat": repeat, "part": part, "range_km": None,
            "counts": list(counts), "day_after": day_after, "claimed": claimed,
            "targets": list(targets), "earlier_targets": list(earlier_targets),
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
    ("an agency beyond a volley of a country", [rep("a", 0, "country:US"), rep("b", 5, "agency:pentagon")],
     [["a"], ["b"]]),
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
    ("a late night is the next day's morning",
     [rep("a", 0, part="late night", when="2024-12-23"), rep("b", 8, part="morning", when="2024-12-24")],
     [["a", "b"]]),
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


@pytest.mark.parametrize("text,part", [
    ("North Korea fired two missiles on Tuesday afternoon, six hours after the morning launch", "afternoon"),
    ("The missile was launched at about 7:40 a.m.", "morning"),
    ("lifted off at 10:15 p.m. EDT", "night"),
    ("lifted off at 8:47 p.m. PDT", "evening"),
    ("launched at 1:50 p.m. local time", "afternoon"),
    ("fired a missile on Tuesday", None),
    ("detected at 5:00 p.m. CDT/2200 GMT on Wednesday", None),  # the writer's zone, converted
    ("lifted off at 0340 GMT, or 10:40 p.m. GMT", None),
    ("fired at 10:38 P.M. local time", "night"),
    ("fired from the Sunan area at 6.14am on May 30", "morning"), ("launched at 5.30pm local time", "afternoon"),
    ("launched late Monday night", "late night"), ("late at night on Aug. 26", "late night"), ("in the early hours of Jan. 2", "night"),
    ("Late on Saturday, Israel's military said missiles were launched from Iran", "late night"),
    ("attacks on late Saturday", "late night"), ("fired late Tuesday afternoon", "afternoon"),
])
def test_day_part_is_the_first_named(text, part):
    assert day_part(text) == part


@pytest.mark.parametrize("text,repeat", [
    ("North Korea fires again, launching two short-range missiles", True),
    ("its second launch of the day", True),
    ("It came just hours after the North launched a short-range ballistic missile", True),
    ("Japan protested hours after North Korea fired the missile", False),  # a reaction, not a launch
    # the state media's word after the neighbour's: one launch told twice
    ("This came hours after Japan said Pyongyang launched a suspected ballistic missile.", False),
    ("the second such launch in just over two weeks", False),  # a series
    ("its third missile test this year", False),
    ("the second launch since January", False),
    # more missiles of one volley
    ("It announced at 8 a.m. a launch. About 40 minutes later, it announced the firing of two more missiles.", False),
])
def test_a_repeat_is_a_later_launch_the_same_day_not_a_series(text, repeat):
    assert repeats(text) is repeat


@pytest.mark.parametrize("text,after", [
    ("Houthis fire a missile at Israel for the second night in a row", True),
    ("Deadly Russian Strikes Pound Ukraine For 2nd Day", True),
    ("A day earlier, Pyongyang fired more than 20 missiles.", True),
    ("As on the previous day, North Korea appears to have launched several ballistic missiles again", True),
    ("a second massive drone and missile attack on Ukraine in as many days", True),
    ("The strike yesterday came a day after Iran launched missiles toward Iraq and Syria.", True),
    ("The emergency meeting came a day after North Korea fired the missile.", False),  # a reaction's day
    ("North Korea fired a missile on Tuesday", False),
])
def test_a_day_after_marker_tells_the_event_follows_another_days(text, after):
    assert bool(_DAY_AFTER.search(text)) is after


@pytest.mark.parametrize("text,when_text,earlier", [
    # the recap's day read as the stated day, the lead dates the report's own launch
    (("North Korea fired two short-range ballistic missile toward its east coast on Thursday. The missile launch "
      "was the first since North Korea fired an intermediate-range missile (IRBM) over Japan on Tuesday."),
     "on Tuesday", True),
    (("Ukraine faced yet another day of brutal Russian attacks on Tuesday. Multiple cities were hit again after "
      "dozens of missiles and explosives-packed drones rained down across Ukraine on Monday."), "on Monday", True),
    ("The launch on Thursday came two days after North Korea fired an IRBM on Tuesday.", "on Tuesday", True),
    ("North Korea fired a missile on Oct. 6, the first since it fired one on Oct. 4.", "on Oct. 4", True),
    # the day of the report's own event, named in the lead
    ("North Korea fired a missile on Tuesday, days after the drills ended.", "on Tuesday", False),
    # the only day the text names, even in a "since" clause: no other day to prefer
    ("Since the summit ended on Tuesday, North Korea has fired a ballistic missile.", "on Tuesday", False),
    # the day is named outside the recap too
    (("North Korea fired on Tuesday, the first launch since it fired a missile on Tuesday last month. On Friday "
      "it said so."), "on Tuesday", False),
    # a plain "after" leads to the event itself: the consequence is told first
    (("Israeli soldiers told civilians early Saturday morning they could leave their shelters after Iran fired "
      "nearly 150 missiles into Israel late Friday night."), "late Friday", False),
    ("North Korea fired a missile.", None, False),
])
def test_a_stated_day_told_only_in_an_earlier_events_clause_is_that_events(text, when_text, earlier):
    assert earlier_event_day(text, when_text) is earlier


@pytest.mark.parametrize("text,cls", [
    ("short-range ballistic missile", "short"), ("what is presumed to be an ICBM", "intercontinental"),
    ("intermediate-range Hwasong-12", "intermediate"), ("ballistic missile", None), ("Tomahawk cruise missiles", None),
])
def test_range_class(text, cls):
    assert range_class(text) == cls


def test_a_sites_province_is_where_that_launch_was_from():
    from agents.enrich.entities import load_extractor
    from agents.stories.reports import _site_regions
    ex = load_extractor()
    text = ("SpaceX launched Starlink satellites from Vandenberg Space Force Base on Sunday evening, hours after "
            "another Falcon 9 lifted off from Florida.")
    ents = ex.extract(text)
    assert _site_regions(text, ents, "site:vandenberg") == ["region:US-CA"]  # not Florida, named for the other
    text = "A Falcon 9 lifted off from Cape Canaveral, Florida, on Sunday."
    assert _site_regions(text, ex.extract(text), "site:cape-canaveral") == ["region:US-FL"]


@pytest.mark.parametrize("text, expected", [
    ("Russia launched a staggering 122 missiles and 36 drones", ["122 missile", "36 drone"]),
    ("fired 122 ballistic missiles", ["122 missile"]),
    # a rough or round figure is an estimate, and the next night's barrage may repeat it
    ("launched about 110 missiles as well as drones", []),
    ("fired 40 rockets at the north", []),
    ("up to 158 missiles and drones were launched", []),
    ("fired two missiles", []),
])
def test_counts_are_exact_figures_of_what_was_fired(text, expected):
    assert counts(text) == expected


def test_the_claimant_is_the_party_that_says_it_launched():
    from agents.stories.reports import _claimant
    text = ("The rival Koreas have test-launched ballistic missiles hours apart. South Korea's presidential office "
            "said it conducted its first underwater-launched ballistic missile test on Wednesday afternoon.")
    ents = [{"label": "COUNTRY", "id": "country:KR", "text": "South Korea", "start": text.index("South Korea"),
             "end": text.index("South Korea") + 11}]
    assert _claimant(text, ents) == {"id": "country:KR", "text": "South Korea"}
    # a neighbour that tracked the launch says it detected it: no claim
    text = "Japan's defence ministry said it detected a ballistic missile launched by North Korea."
    ents = [{"label": "COUNTRY", "id": "country:JP", "text": "Japan", "start": 0, "end": 5}]
    assert _claimant(text, ents) is None
    # the country in "Iran-backed" qualifies the group that claims: it is no claimant
    text = "The Iran-backed militant group said that it fired 320 Katyusha rockets at 11 Israeli military sites."
    ents = [{"label": "COUNTRY", "id": "country:IR", "text": "Iran", "start": 4, "end": 8}]
    assert _claimant(text, ents) is None


@pytest.mark.parametrize("text, now, earlier", [
    ("The IRGC announced that they carried out missile attacks on Erbil in Iraq and Idlib in Syria.", ["IQ", "SY"], []),
    ("Iran holds diplomatic meet with Pakistan in Davos, strikes Balochistan the same day", ["PK"], []),
    ("Iran claims to have used precision missile and drone strikes to target strongholds of the Sunni militant "
     "group Jaish al-Adl in Pakistan's Balochistan province.", ["PK"], []),
    ("The strike yesterday came a day after Iran launched missiles toward Iraq and Syria.", [], ["IQ", "SY"]),
    # the condemning country and the attacker's own country are no target
    ("Pakistan condemned what it called an unprovoked missile strike by Iran.", [], []),
    ("Russia launched 40 missiles at Ukraine overnight.", ["UA"], []),
    ("Russia said it launched missiles from Crimea.", [], []),
])
def test_targets_are_where_the_strikes_landed(text, now, earlier):
    from agents.enrich.entities import load_extractor
    from agents.stories.reports import targets
    actor = "country:IR" if "Iran" in text else "country:RU"
    assert targets(text, load_extractor().extract(text), actor) == (now, earlier)
