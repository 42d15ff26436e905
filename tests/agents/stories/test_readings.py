"""What a report's own words say about its event (agents/stories/readings.py), on real
sentences: the part of the day, repeats and day-after markers, range classes, exact counts,
the claimant, the launch site's province, where strikes landed."""

from __future__ import annotations

import pytest

from agents.stories.readings import (
    DAY_AFTER,
    claimant,
    counts,
    day_part,
    earlier_event_day,
    parts_agree,
    late_weekday,
    launchers,
    range_class,
    repeats,
    site_regions,
    targets,
    told_day,
)


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
    # a part of the day that dates the telling, not the event (real: Putin's Oreshnik address)
    ("In an address to the Russians on the evening of November 21, Putin stated that Russia struck the Dnipro", None),
    ("In a statement on Tuesday morning, the JCS said North Korea fired in the afternoon.", "afternoon"),
    # the hour the news went out, not the launch's (real: a US embassy summary of Japanese TV news)
    (("All networks reported at noon that Defense Ministry sources said that North Korea test-fired what "
      "appeared to be a ballistic missile this morning"), "morning"),
])
def test_day_part_is_the_first_named(text, part):
    assert day_part(text) == part


@pytest.mark.parametrize("text,repeat", [
    ("North Korea fires again, launching two short-range missiles, hours after its morning launch", True),
    # "again" with no day named is again after days: a series (real headline, Hwasong-18)
    ("North Korea fires missile again, brief alert in Japan", False),
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
    ("Shortly thereafter, North Korea launched three more missiles eastward from Wonsan", False),
    # an ordinal counts a series unless the day is named with it (real headlines and leads)
    ("North Korea Carries Out Third Nuclear Test", False),
    ("After earlier disappointments, JAXA's second H3 launch vehicle successfully lifted off", False),
    ("its second Falcon 9 flight in under nine hours after a mission from Florida", True),
    ("the third launch on the same day", True),
    # a repeat told after a sentence that tells a launch: the report is the first's, the next added
    ("Warning sirens sounded across Israel on Friday as Iran fired dozens of ballistic missiles. A second round of "
     "missiles targeted Israel a few hours later.", False),
    ("Israelis are running for shelter as sirens sound due to another missile launch from Iran, hours after the "
     "first barrage.", True),
    ("North Korea fires missile\nIt was the second launch of the day, the JCS said.", True),
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
    # real: two reports of North Korea's SRBMs of 2023-03-14, after its submarine launch of 03-12
    ("North Korea fired two short-range ballistic missiles on Tuesday, Seoul said, Pyongyang´s second launch in three days",
     True),
    ("North Korea is testing its missiles for the second time in a few days.", True),
    ("Two days ago, North Korea fired two strategic missiles from a submarine", True),
    ("The emergency meeting came a day after North Korea fired the missile.", False),  # a reaction's day
    ("North Korea fired a missile on Tuesday", False),
])
def test_a_day_after_marker_tells_the_event_follows_another_days(text, after):
    assert bool(DAY_AFTER.search(text)) is after


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
    # a report that tells its launch as a later one, whose only stated day is in the sentence that
    # tells the earlier launch (real: North Korea's SRBMs of 2023-03-14, dated by the enrich stage
    # to its submarine launch of 03-12 and to KCNA's telling of it on 03-13)
    (("The tests took place around 7:40 a.m. local time (10:40 p.m. GMT) from South Hwangha province and flew "
      "about 620 km, South Korea's Joint Chiefs of Staff said.\n\nTwo days ago, North Korea fired two strategic "
      "missiles from a submarine, and yesterday was the start of the largest joint US-South Korean military "
      "exercises since 2017."), "Two days ago", True),
    (("North Korea is testing its missiles for the second time in a few days.\n\nNorth Korea has launched two "
      "short-range ballistic missiles, South Korea says.\n\nThe country announced yesterday that it had tested "
      "two submarine-launched nuclear missiles."), "yesterday", True),
    # its own launch's day, in a text that names the series
    ("North Korea fired two missiles yesterday, its second launch in three days.", "yesterday", False),
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
    ex = load_extractor()
    text = ("SpaceX launched Starlink satellites from Vandenberg Space Force Base on Sunday evening, hours after "
            "another Falcon 9 lifted off from Florida.")
    ents = ex.extract(text)
    assert site_regions(text, ents, "site:vandenberg") == ["region:US-CA"]  # not Florida, named for the other
    text = "A Falcon 9 lifted off from Cape Canaveral, Florida, on Sunday."
    assert site_regions(text, ex.extract(text), "site:cape-canaveral") == ["region:US-FL"]


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
    text = ("The rival Koreas have test-launched ballistic missiles hours apart. South Korea's presidential office "
            "said it conducted its first underwater-launched ballistic missile test on Wednesday afternoon.")
    ents = [{"label": "COUNTRY", "id": "country:KR", "text": "South Korea", "start": text.index("South Korea"),
             "end": text.index("South Korea") + 11}]
    assert claimant(text, ents) == {"id": "country:KR", "text": "South Korea"}
    # a neighbour that tracked the launch says it detected it: no claim
    text = "Japan's defence ministry said it detected a ballistic missile launched by North Korea."
    ents = [{"label": "COUNTRY", "id": "country:JP", "text": "Japan", "start": 0, "end": 5}]
    assert claimant(text, ents) is None
    # the country in "Iran-backed" qualifies the group that claims: it is no claimant
    text = "The Iran-backed militant group said that it fired 320 Katyusha rockets at 11 Israeli military sites."
    ents = [{"label": "COUNTRY", "id": "country:IR", "text": "Iran", "start": 4, "end": 8}]
    assert claimant(text, ents) is None


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
    actor = "country:IR" if "Iran" in text else "country:RU"
    assert targets(text, load_extractor().extract(text), actor) == (now, earlier)


@pytest.mark.parametrize("a,b,agree", [
    ("afternoon", "evening", True),  # "1:15 p.m. EDT" in Florida is "Sunday evening" in London
    ("night", "morning", True),
    ("late night", "evening", True),
    ("morning", "evening", False),
    ("afternoon", "night", False),
    ("morning", "afternoon", False),
])
def test_parts_of_the_day_that_one_moment_may_be_told_as(a, b, agree):
    assert parts_agree(a, b) is agree and parts_agree(b, a) is agree


@pytest.mark.parametrize("text, actor, now", [
    # the interceptor's air defences: the strike was aimed at it
    ("In a recent development, Russia's Defence Ministry announced that its air defence forces successfully "
     "intercepted two British-made Storm Shadow cruise missiles.", "country:GB", ["RU"]),
    ("Kursk region Governor Alexei Smirnov said Russian air defense systems intercepted two Ukrainian missiles but "
     "he did not specify what type of missiles they were.", "country:UA", ["RU"]),
    # air defences named with no interception are no target
    ("Hungary deploys air defenses near Ukraine, cites war escalation.", "country:RU", []),
])
def test_targets_include_the_country_whose_air_defences_intercepted(text, actor, now):
    from agents.enrich.entities import load_extractor
    assert targets(text, load_extractor().extract(text), actor)[0] == now


@pytest.mark.parametrize("text, expected", [
    ("South Korea and the United States fired eight surface-to-surface missiles off the South Korean eastern coast "
     "early Monday following North Korea’s launch of a barrage of short-range ballistic missiles the day before.",
     ["country:KR", "country:US"]),
    ("South Korea and the U.S. early Monday launched eight surface-to-surface missiles into the East Sea in response "
     "to North Korea launching eight ballistic missiles", ["country:KR", "country:US"]),
    ("Militants believed to be Houthi rebels fired a medium-range ballistic missile from Yemen toward Israel on "
     "Tuesday, according to two U.S. officials.", ["org:houthis"]),
    # the earlier launch the report answers, and the neighbour that tells another's launch
    ("The 10-minute volley comes a day after North Korea launched eight short-range ballistic missiles", []),
    ("Japan says North Korea fired a ballistic missile into the sea.", ["country:KP"]),
    # a headline's last word is not the body's subject
    ("Ukraine fires US-made longer-range missiles into Russia\n\nUkraine has fired US-made ATACMS missiles into "
     "Russia’s Bryansk region", ["country:UA"]),
])
def test_launchers_are_named_as_the_subject_of_the_launch(text, expected):
    from agents.enrich.entities import load_extractor
    assert launchers(text, load_extractor().extract(text)) == expected


@pytest.mark.parametrize("text, when_text, told", [
    ("SEOUL, South Korea—North Korea said Friday it has successfully test-launched a new intercontinental "
     "ballistic missile powered by solid propellants", "Friday", True),
    ("The UN Security Council on Saturday strongly condemned North Korea's \"highly provocative\" launch of a "
     "missile that flew over Japan", "Saturday", True),
    ("Russia’s Defense Ministry said Tuesday that Ukraine fired six U.S.-made ATACMs missiles at Russia’s Bryansk "
     "region.", "Tuesday", True),
    ("Ukraine’s military reportedly fired U.K.-supplied Storm Shadow missiles into Russian territory for the first "
     "time on Wednesday", "Wednesday", False),
    ("Pakistan on Monday successfully conducted a training launch of its Fatah series surface-to-surface missile",
     "Monday", False),
])
def test_a_told_day_dates_the_telling_not_the_launch(text, when_text, told):
    assert told_day(text, when_text) is told


@pytest.mark.parametrize("text, published, when", [
    # the enrich stage reads no day in these; the late night names its weekday
    ("Israel and Iran exchanged another wave of deadly attacks on late Saturday, resulting in overnight strikes",
     "2025-06-14", "2025-06-14"),
    ("Late on Saturday, Israel's military said missiles were launched from Iran towards Israel", "2025-06-16",
     "2025-06-14"),
    ("Iran launched missiles on Saturday", "2025-06-15", None),  # no late night
    ("late Friday night and again late on Saturday", "2025-06-15", None),  # two nights
])
def test_a_late_night_named_by_its_weekday_dates_the_event(text, published, when):
    from datetime import date
    assert late_weekday(text, date.fromisoformat(published)) == when
