"""The launch line of live coverage (agents/enrich/live_lines.py; issue 11, "launch lines" in
tests/agents/enrich/eval/real.yaml): a verbless launch line or the present under an update's stamp is the page's news of
its own day; a schedule's line is no event.

Sentences are real pages' (the dev item's id or the page's URL in the comment). The launch lines fail on main dda2e71
(no alert: a launch noun with no time of its own, a present read as a habit); the schedule lines fail there too (an
alert). The guards at the end pass on both: they hold the rule's reach."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest


def _published(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp() + 12 * 3600


# the page's headline and byline above each line, as the coverage prints them (the headline tells no launch itself)
_HEAD = "Emre Kelly\nFlorida Today\n\n"

LAUNCH_LINES = [
    # c23-us-f9-badr8-scrub-update-floridatoday-2023
    ("SpaceX scrubs launch attempt, now targeting start of Memorial Day weekend",
     "Update: Liftoff of Falcon 9 at 12:30 a.m. EDT! After a flight to the east and landing on a drone ship in the "
     "Atlantic Ocean, the rocket's second stage continued on to deliver Arabsat's BADR-8 satellite to Earth orbit.",
     "2023-05-24"),
    # https://www.floridatoday.com/story/tech/science/space/2022/12/17/live-watch-spacex-launch-starlink-internet-satellites-from-florida/69734136007/
    ("Updates: SpaceX Starlink mission from Florida",
     "Update: Liftoff of Falcon 9 with 54 Starlink satellites at 4:32 p.m. EST! That marks the Space Coast's 56th "
     "mission of the year.", "2022-12-17"),
    # (the same page's update block)
    ("Updates: SpaceX Starlink mission from Florida",
     "4:32 p.m. EST: Liftoff of Falcon 9 on a record-breaking 15th flight with 54 Starlink internet satellites!",
     "2022-12-17"),
    # https://mabuhaysat.com/spacex-launched-a-falcon-9-launch-from-space-force-station/
    ("SpaceX Starlink mission from Space Force Station",
     "7:32 p.m. EDT: SpaceX launches a Falcon 9 Starlink mission on time at 7:32 p.m. EDT from pad 40 at Cape "
     "Canaveral Space Force Station in Florida.", "2022-09-24"),
]


@pytest.mark.parametrize("title,line,day", LAUNCH_LINES)
def test_a_live_launch_line_is_the_pages_news(analyse, title, line, day):
    hits = analyse(title, _HEAD + line, published=_published(day))
    assert "satellite_launch" in hits
    assert hits["satellite_launch"].event["when"] == day


SCHEDULE_LINES = [
    # https://www.floridatoday.com/story/tech/science/space/2023/07/01/live-updates-spacex-set-to-launch-euclid-space-telescope-from-florida/70375730007/
    # (a countdown's timeline under its T-minus stamps)
    ("Live updates: SpaceX set to launch Euclid space telescope",
     "00:00:45: SpaceX launch director verifies go for launch\n\n00:00:03: Engine controller commands engine ignition "
     "sequence to start\n\n00:00:00: Falcon 9 liftoff", "2023-07-01"),
    # c25-in-nisar-launch-today-hindustantimes-2025 (ISRO's post on the morning of the launch, hours before it)
    ("", "\"GSLV-F16/NISAR Today’s the day! Launch Day has arrived for GSLV-F16 and NISAR. GSLV-F16 is standing tall "
     "on the launch pad. NISAR is ready. Liftoff today,\" ISRO wrote on X, on Wednesday.", "2025-07-30"),
]


@pytest.mark.parametrize("title,body,day", SCHEDULE_LINES)
def test_a_schedules_line_is_no_launch(analyse, title, body, day):
    assert "satellite_launch" not in analyse(title, body, published=_published(day))


# --- the functions on their own ----------------------------------------------------------------------------------

@pytest.mark.parametrize("line,word", [
    ("Update: Liftoff of Falcon 9 at 12:30 a.m. EDT!", "Liftoff"),
    ("4:32 p.m. EST: Liftoff of Falcon 9 on a record-breaking 15th flight with 54 Starlink internet satellites!",
     "Liftoff"),
    ("7:32 p.m. EDT: SpaceX launches a Falcon 9 Starlink mission on time at 7:32 p.m. EDT from pad 40", "launches"),
])
def test_live_line_time_is_the_pages_day(line, word):
    from agents.enrich.live_lines import live_line_time
    ref = datetime(2023, 5, 24).date()
    when = live_line_time(line, 0, len(line), line.index(word), ref)
    assert when is not None and when.when == ref and when.age == 0


@pytest.mark.parametrize("line,word", [
    # a bare launch noun and clock time, no "!" and no live opener: a preview's schedule line
    # (https://vovdqr.com/?p=1577 writes it "Liftoff on Monday is scheduled for 12:36 p.m. EDT (1636 UTC)")
    ("Liftoff of Falcon 9 at 6:30 p.m. EDT.", "Liftoff"),
    # https://recentlyheard.com/2023/11/04/spacex-starlink-launch-friday-from-cape-canaveral-in-florida/
    ("Update 8:33 p.m. EDT: Liftoff is scheduled in four minutes.", "Liftoff"),
    # https://www.floridatoday.com/story/tech/science/space/2023/07/01/live-updates-spacex-set-to-launch-euclid-space-telescope-from-florida/70375730007/
    ("10:57 a.m. EDT: Now T-minus 15 minutes to liftoff of Falcon 9 from Launch Complex 40.", "liftoff"),
    # a present with no stamp is the body's habit: "SpaceX launches Falcon 9 rockets there"
    ("SpaceX launches Falcon 9 rockets from pad 40.", "launches"),
])
def test_no_live_line_time_for_a_schedule_or_a_habit(line, word):
    from agents.enrich.live_lines import live_line_time
    assert live_line_time(line, 0, len(line), line.index(word), None) is None


@pytest.mark.parametrize("text,word,expected", [
    ("00:00:00: Falcon 9 liftoff", "liftoff", True),
    # https://www.floridatoday.com/story/tech/science/space/2022/12/17/live-watch-spacex-launch-starlink-internet-satellites-from-florida/69734136007/
    ("Exact liftoff time", "liftoff", True),
    ("Launch Day has arrived for GSLV-F16 and NISAR.", "Launch", True),
    # a launch "on time" is the launch: https://www.yahoo.com/tech/spacex-launches-first-back-back-040211971.html
    ("With an on time liftoff of 10:35 p.m. EDT, a Falcon 9 rocket soared off the launch pad", "liftoff", False),
    ("SpaceX launched this mission at 5:48 p.m. ET on Friday", "launched", False),
])
def test_schedule_line(text, word, expected):
    from agents.enrich.live_lines import schedule_line
    assert schedule_line(text, 0, text.index(word)) is expected


# --- guards: the rule's reach (these pass on main dda2e71 too) ----------------------------------------------------

def test_a_launch_line_with_its_verb_still_reports(analyse):
    # https://www.floridatoday.com/story/tech/science/space/2022/12/16/live-updates-spacex-to-launch-falcon-9-from-florida-friday-afternoon/69724187007/
    body = _HEAD + "5:48 p.m.: SpaceX launched a Falcon 9 from Pad 40 at Cape Canaveral Space Force Station in Florida."
    assert "satellite_launch" in analyse("Updates from Friday's event", body, published=_published("2022-12-16"))


def test_a_stamped_schedule_stays_a_schedule(analyse):
    # https://www.floridatoday.com/story/tech/science/space/2022/12/16/live-updates-spacex-to-launch-falcon-9-from-florida-friday-afternoon/69724187007/
    body = _HEAD + "5:08 p.m.: The SpaceX launch director is \"go\" to begin fueling the Falcon 9! Liftoff is slated for 5:48 p.m."
    assert "satellite_launch" not in analyse("Updates from Friday's event", body, published=_published("2022-12-16"))
