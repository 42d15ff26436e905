"""Whose outcome an outcome word tells (agents/enrich/outcome_scope.py; issue 11, the outcome convention of
tests/agents/enrich/eval/real.yaml): a success or a failure of another, earlier flight in the same sentence, the toll of
a period, an interception told by its traces, a success told as what it would bring. Real sentences, their pages beside
them; the end-to-end cases marked "guard" read the same on the code before this module, the others did not."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from agents.enrich.outcome_scope import (earlier_failure, interception_traces, period_toll, told_since,
                                         without_earlier_events)

TODAY = date(2026, 12, 1)


def _published(day: str | None) -> float | None:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp() + 12 * 3600 if day else None


def _outcome(analyse, title: str, body: str, day: str | None, topic: str) -> str:
    return analyse(title, body, published=_published(day))[topic].event["outcome"]


# --- a "when" clause hung on an older time tells that time's event ------------------------------------------------

@pytest.mark.parametrize("title, body, day, want", [
    # c27-kp-ballistic-missile-jcs-nknews (nknews.org): the IRBM of September 15 flew; today's missile is only "fired"
    ("North Korea fires ballistic missile: JCS",
     "North Korea fired a ballistic missile on Wednesday morning Pyongyang time, South Korea's Yonhap News Agency "
     "reported.The missile test represents Pyongyang's first launch since September 15, when it successfully fired an "
     "Intermediate Range Ballistic Missile (IRBM)", "2020-02-22", "unknown"),
    # guard: https://www.stripes.com/news/pacific/north-korea-launches-another-missile-in-1st-test-since-mid-september-1.499837
    # (the clause cut, the flight told in its own sentence)
    ("", "North Korea launched what appeared to be an intercontinental ballistic missile early Wednesday in its first "
         "test since mid-September when it sent a missile streaking over Japan, according to U.S. and South Korean "
         "officials.\n\"The missile was launched from Sain Ni, North Korea, and traveled about 1,000 km before splashing "
         "down in the Sea of Japan.\"", "2017-11-28", "success"),
    # guard: https://news.ad-astra.icu/intermediate-range-ballistic-missile-successfully-launched-by-north-korea.html
    ("", "North Korea conducted a missile test on Sunday, launching an intermediate-range ballistic missile from near "
         "Pyongyang. Unlike previous tests, this missile did not fly over Japan but fell in waters between North Korea "
         "and Japan. The launch marks North Korea's first missile test since December 18, when it fired a Hwasong-18 "
         "intercontinental ballistic missile.", "2024-01-14", "success"),
])
def test_a_when_clause_of_an_older_time_is_no_outcome_of_the_news(analyse, title, body, day, want):
    assert _outcome(analyse, title, body, day, "missile_launch") == want


@pytest.mark.parametrize("text, ref, kept", [
    # nknews.org (c27)
    ("The missile test represents Pyongyang's first launch since September 15, when it successfully fired an "
     "Intermediate Range Ballistic Missile (IRBM). Next.", date(2020, 2, 22),
     "The missile test represents Pyongyang's first launch since September 15. Next."),
    # https://www.aayubo.com/news/North-Korea-resumes-first-missile-test-a-month-later-auesN33894u ("last", no date)
    ("North Korea's last test was on Jan. 30, when it fired a Hwasong-12 intermediate range ballistic missile. That "
     "capped a record month.", None, "North Korea's last test was on Jan. 30. That capped a record month."),
    # https://fox43.com/2017/07/06/spacex-rocket-finally-lifts-off-after-two-aborted-launch-attempts/ (timex: September
    # is months before a story of July)
    ("A series of smooth launches is just what SpaceX needed after suffering a major setback in September, when one of "
     "its rockets spontaneously erupted into flames on the launch pad.", date(2017, 7, 6),
     "A series of smooth launches is just what SpaceX needed after suffering a major setback in September."),
    # the day of the news keeps its clause
    ("On Tuesday, when the missile was fired, sirens sounded.", date(2017, 7, 6),
     "On Tuesday, when the missile was fired, sirens sounded."),
    # c25-us-echostar11-hdreport-2008: the main clause after the older one is kept
    ("Dish Network, who suffered a serious setback earlier in the year when its satellite failed to reach orbit, has "
     "successfully launched its EchoStar XI satellite.", date(2008, 7, 17),
     "Dish Network, who suffered a serious setback earlier in the year, has successfully launched its EchoStar XI "
     "satellite."),
])
def test_without_earlier_events_cuts_only_the_older_clause(text, ref, kept):
    assert without_earlier_events(text, ref, TODAY) == kept


# --- failures of earlier flights: counted, after "since", dated before the week ------------------------------------

@pytest.mark.parametrize("title, body, day", [
    # c27-jp-h3-second-flight-orbit-miragenews-2024 (miragenews.com)
    ("Japan Successfully Orbits Payload on H3 Rocket",
     "In a significant stride for its space program, Japan successfully launched its next-generation H3 rocket on "
     "Saturday, marking a triumphant return to form after two consecutive launch failures.", None),
    # http://www.hazardexonthenet.net/article/131251/SpaceX-returns-to-orbit-after-successful-launch.aspx
    ("SpaceX returns to orbit after successful launch",
     "A SpaceX Falcon rocket lifted off from Vandenberg Air Force Base in California on January 16, the first since a "
     "launch pad explosion destroyed a Falcon and its payload in September.", "2017-01-16"),
    # https://indiatvnews.com/ap/world-news-russian-rocket-lifts-off-for-1st-time-since-failure-475812 (a launch_failure
    # hit after "since", folded into the launch)
    ("", "MOSCOW (AP) — A Russian Soyuz rocket has put a military satellite in orbit, its first successful launch since "
         "a similar rocket recently failed to deliver a crew to the International Space Station.\nThe Russian military "
         "said a Soyuz-2 booster rocket lifted off from the Plesetsk launch facility in northern Russia Thursday.",
     "2018-11-03"),
    # https://www.gizmodo.com.au/2017/01/watch-spacex-launch-a-rocket-for-the-first-time-in-months/ (timex: "in
    # September" is months before a story of January)
    ("", "After some setbacks — including, but not limited to, an explosion in September — SpaceX has launched a Falcon 9 "
         "rocket from the Vandenberg Air Force Base in California.", "2017-01-15"),
    # guard: https://www.space.com/5905-spacex-successfully-launches-falcon-1-rocket-orbit.html
    ("SpaceX Successfully Launches Falcon 1 Rocket Into Orbit",
     "After three consecutive failures, a private spaceflight firm's Falcon 1 rocket successfully blasted into space "
     "late Sunday to become the first privately built liquid-fueled booster to reach orbit.", "2008-09-29"),
])
def test_an_earlier_flights_failure_is_not_this_launchs(analyse, title, body, day):
    assert _outcome(analyse, title, body, day, "satellite_launch") == "success"


def test_earlier_failure_readers():
    h3 = " marking a triumphant return to form after two consecutive launch failures "
    at = h3.index(" failures ")
    assert earlier_failure(h3, at, at + len(" failures "))
    # a failure of the day is the launch's: "the rocket exploded shortly after liftoff"
    today = " the rocket exploded shortly after liftoff on tuesday "
    at = today.index(" exploded ")
    assert not earlier_failure(today, at, at + len(" exploded "), date(2023, 3, 16), TODAY)
    # "an explosion in September" in a story of January: timex dates it before the week
    sept = " after some setbacks including but not limited to an explosion in september spacex has launched "
    at = sept.index(" explosion ")
    assert earlier_failure(sept, at, at + len(" explosion "), date(2017, 1, 15), TODAY)
    assert told_since(" its first successful launch since a similar rocket recently ")
    assert not told_since(" the rocket lifted off on tuesday and ")


# --- the toll of a period is every attack's -------------------------------------------------------------------------

def test_a_periods_toll_is_no_missiles_outcome(analyse):
    # c27-ru-29-drones-three-kh59-swissinfo (swissinfo.ch, Reuters): the drones were downed, the missiles' fate untold
    body = ("KYIV (Reuters) – Ukraine's air force said on Thursday that it shot down all 29 Russia-launched drones over "
            "eight Ukrainian regions during an overnight attack, which officials said caused only minor damage.\n\nRussia "
            "also launched three Kh-59 guided missiles during the attack, the air force said in a statement.\n\nEight more "
            "drones were downed over the southern region of Kherson, its governor said. Various Russian attacks in this "
            "region killed one person and injured 13 more over the past day, he said.")
    assert _outcome(analyse, "Ukraine downs all 29 Russia-launched drones during overnight attack, air force says", body,
                    None, "missile_launch") == "unknown"


def test_period_toll_reader():
    # https://kyivindependent.com/russian-attacks-kill-2-injure-11-in-ukraine/
    toll = " russian multi-weapon strikes against kherson oblast in the past 24 hours killed one person and wounded two "
    at = toll.index(" killed ")
    assert period_toll(toll, at, at + len(" killed "))
    # https://english.alarabiya.net/News/world/2023/08/28/Two-people-killed-in-Russian-attack-on-Ukraine-s-Poltava-
    one = " two people were killed in an overnight russian missile attack on ukraine s central poltava region "
    at = one.index(" killed ")
    assert not period_toll(one, at, at + len(" killed "))


# --- an interception told by its traces -----------------------------------------------------------------------------

@pytest.mark.parametrize("title, body, day", [
    # c27-lb-hezbollah-galilee-waves-ynetnews-2024 (ynetnews.com)
    ("Hezbollah fires over 20 missiles, rockets at Galilee",
     "Hezbollah fired rockets at Western Galilee in the early morning hours after targeting the Lower Galilee and "
     "Jezreel Valley overnight in three waves totaling 20 projectiles. Four people suffered light injuries as they ran "
     "for cover in the overnight barrage.\n\"This is just a small taste,\" said Ze'ev Gorodetzki after shrapnel from the "
     "intercepts fell near his home.", "2024-09-24"),
    # https://www.jewishpress.com/news/terrorism-news/rockets-from-gaza/2-rockets-intercepted-by-iron-dome-over-sderot/2020/08/16/
    ("", "At least one home in the southern Israeli border city of Sderot was seriously damaged shortly after midnight "
         "Saturday night in a double rocket attack launched from Gaza.\n\nDue to the shrapnel that fell from the "
         "interception, however, five Israelis were hurt.", "2020-08-16"),
    # https://www.pbs.org/newshour/world/israel-intercepts-four-rockets-tel-aviv
    ("Rockets fired at Tel Aviv",
     "The military wing of Hamas claimed that it fired self-made M75 missiles at Tel Aviv on Wednesday morning.\n\nWhen "
     "we got outside, we could see the smoke patterns of the intercepts.", "2012-11-21"),
])
def test_the_traces_of_an_interception_tell_it(analyse, title, body, day):
    assert _outcome(analyse, title, body, day, "missile_launch") == "intercepted"


@pytest.mark.parametrize("padded, told", [
    (" residents of kiryat shmona reported hearing dozens of explosions and intercepts ", True),  # lb-beit-hillel-ina-2024 (israelnationalnews)
    (" a fire broke out at the cemetery due to debris from a rocket interception ", True),  # c24-lb-five-rockets-central-israel-ynet-2024 (ynetnews.com)
    # signals, not a defence: https://100vampirenovels.net/pdf-novels/intelligence-from-secrets-to-policy-by-mark-m-lowenthal-free/22-page
    (" sigint consists of several different types of intercepts ", False),
    (" the interception of communications between two parties ", False),
    (" iron dome interception system was deployed near the city ", False),
])
def test_interception_traces(padded, told):
    assert (next(interception_traces(padded), None) is not None) is told


# --- a success told as what it would bring is still open ------------------------------------------------------------

def test_the_success_a_mission_would_bring_leaves_it_open(analyse):
    # c27-in-gslv-d5-gsat14-dailyexcelsior (dailyexcelsior.com): written at lift-off
    body = ("SRIHARIKOTA : GSLV-D5, powered by the indigenous cryogenic engine, blasted off from the SHAR Range at 1618 "
            "hrs.\nIt was an awesome sight as the giant vehicle took off flawlessly and soared into the skies.\nThe success "
            "of this mission would lead to India joining a select band of nations, including US and Russia, in mastering "
            "this technology.")
    assert _outcome(analyse, "", body, None, "satellite_launch") == "unknown"
