"""Statements that tell no done act although a trigger phrase is there (issue 11, the false alerts that recurred across
check batches 19-23: tests/agents/enrich/eval/real.yaml, "acts that are not done").

Every sentence is a real page's: the dev items' own (their real.yaml id in the comment) and sentences found with the
search tool's stored pages (their URL in the comment), so that each rule is shaped by the class, not by one page. The
two modal interceptions are the exception, said where they stand. Each negative case fails on the code before this
change (main 26a6ce5); the kept forms beside them guard the rule's reach and pass on both."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest


def _published(day: str | None) -> float | None:
    if day is None:
        return None
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp() + 12 * 3600


# --- another party's telling, denied or disputed ---------------------------------------------------------------

DENIED = [
    # c23-cn-lop-nur-denial-scmp-2020
    ("nuclear_test", "China dismisses US claims it carried out a nuclear test as ‘a distortion of the facts’", "",
     "2020-04-16"),
    # http://english.kyodonews.jp/news/2017/02/457892.html
    ("missile_launch", "", "Iran's Defense Minister Brig. Gen. Hossein Dehqan on Wednesday rejected U.S. media reports "
     "of a new Iranian missile test, calling the allegations \"fabricated\" and accusing Washington of engaging in "
     "psychological warfare against Tehran.", "2017-02-09"),
    # http://en.chinagate.cn/2017-02/09/content_40256816.htm
    ("missile_launch", "", "Iran's defense minister on Thursday denied as \"fabricated\" media reports that the Islamic "
     "republic has test-fired another missile recently.", "2017-02-09"),
    # http://uk.reuters.com/article/uk-iran-missiles-idUKTRE7BT0GM20111231
    ("missile_launch", "", "TEHRAN Iran's senior navy commander denied state media reports that the Islamic Republic had "
     "test-fired long-range missiles during a naval drill on Saturday, saying the missiles would be launched in the "
     "coming days.", "2011-12-31"),
    # https://www.rnz.co.nz/news/world/95036/missile-tests-denied-by-iraq
    ("missile_launch", "Missile tests denied by Iraq", "Iran has denied reports by state media that long-range missiles "
     "were test-fired during military exercises in the Gulf.", "2012-01-01"),
    # https://wideo.ovh/video/xndkjz/iran-denies-reports-of-long-range-missile-test
    ("missile_launch", "", "That's according to a senior navy commander who is denying state media reports that "
     "missiles were fired on Saturday.", "2012-01-01"),
    # https://thehill.com/policy/international/352325-irans-ballistic-missile-launch-was-fake-report
    ("missile_launch", "Iran's ballistic missile launch was fake: report", "Iran's recent ballistic missile launch was "
     "fake and never took place, U.S. officials told Fox News on Monday.", "2017-09-25"),
]


@pytest.mark.parametrize("topic,title,body,day", DENIED)
def test_a_denied_telling_tells_no_act(analyse, topic, title, body, day):
    assert topic not in analyse(title, body, published=_published(day))


def test_a_telling_not_denied_still_reports(analyse):
    # http://en.chinagate.cn/2017-02/09/content_40256816.htm: another party's report, no denial in its clause
    got = analyse("", "On Thursday, an unidentified U.S. official told CNN that Iran fired a surface-to-air missile on "
                      "Wednesday.", published=_published("2017-02-09"))
    assert "missile_launch" in got


# --- the day's event, still ahead ---------------------------------------------------------------------------------

AHEAD_TODAY = [
    # c23-us-prsm-vandenberg-today-newsminimalist (the page's first sentences and its last paragraph's)
    ("missile_launch", "US Army testing next-generation missile in California today",
     "US Army testing next-generation missile in California today\nThe US Army is testing a new long-range missile "
     "today. This test is important for ensuring the missile is both reliable and accurate. The launch will take place "
     "at Vandenberg Space Force Base in California between 10:30 and 11:00 AM ET. The missile costs $3.5 million and can "
     "hit targets up to 300 miles away. This test follows other successful launches of the Precision Strike Missile "
     "(PrSM) by the Army and the company Lockheed Martin. It will replace a missile system called ATACMS, which has been "
     "used since the Gulf War. Recently, they opened a new facility for testing the HAWK missile, which defends against "
     "threats like drones and bombers.", None),
    # https://heavy.com/tech/2018/04/spacex-nasa-tess-launch-live-stream/
    ("satellite_launch", "", "Today SpaceX is launching NASA’s Transiting Exoplanet Survey Satellite (TESS) from Cape "
     "Canaveral Air Force Station in Florida. The TESS will be deployed into an elliptical orbit about 48 minutes after "
     "the launch. You can watch a live stream of the launch below. The launch window begins at 6:51 p.m. Eastern and "
     "lasts for 30 seconds.", "2018-04-18"),
    # https://www.yahoo.com/tech/delta-iv-heavy-launch-today-091923119.html
    ("satellite_launch", "ULA Delta IV Heavy launch today", "It's launch day — for the final flight of United Launch "
     "Alliance's mighty triple-core Delta IV Heavy rocket! ULA is targeting 1:40 p.m. EDT for liftoff from Launch "
     "Complex 37 at Cape Canaveral Space Force Station.", "2024-03-28"),
]


@pytest.mark.parametrize("topic,title,body,day", AHEAD_TODAY)
def test_the_days_event_still_ahead_is_no_act(analyse, topic, title, body, day):
    assert topic not in analyse(title, body, published=_published(day))


def test_a_heading_in_headline_grammar_previews_like_a_headline(analyse):
    # this-week-crew7-spaceexplored-2023: a heading between the calendar and its paragraph
    got = analyse("This Week in Launches: SpaceX Crew-7 launch week, along with many other missions",
                  "This Week’s Launches:\n\nSpaceX launching four times and four astronauts\n\nSpaceX has planned a total "
                  "of four launches across its three launch pads in Florida and California. The initial two missions are "
                  "slated for standard Starlink deployments.", published=_published("2023-08-21"))
    assert "satellite_launch" not in got


def test_a_clause_under_a_future_first_time_is_ahead(analyse):
    # demo2-live-jennikwondesigns-2020
    got = analyse("SpaceX launch LIVE updates: What time and how to watch the NASA mission?",
                  "If the attempt proves successful, it would be the first crewed spaceflight to take off from US soil in "
                  "nearly a decade.\n\nThis will be the first time that astronauts launched into space from US soil since "
                  "2011.", published=None)
    assert "satellite_launch" not in got


def test_a_launch_done_today_still_reports(analyse):
    # https://www.kcbx.org/san-luis-obispo-county/2014-09-23/update-missile-launched-tuesday-morning-from-vandenberg-air-force-base:
    # the update line tells it done; the schedule beside it is the preview's
    got = analyse("UPDATE: Missile launched Tuesday morning from Vandenberg Air Force Base",
                  "An unarmed Minuteman III intercontinental ballistic missile (ICBM) was launched during an operational "
                  "test at 7:45 a.m. from Vandenberg Air Force Base on Tuesday. An unarmed Minuteman III, an "
                  "intercontinental ballistic missile, or ICBM, is scheduled to launch Tuesday between 3:45 and 9:45 in "
                  "the morning.", published=_published("2014-09-23"))
    assert "missile_launch" in got


def test_a_preview_headline_is_no_act(analyse):
    # c23-au-gilmour-preview-worldsciencefestival
    got = analyse("Homegrown rocket set for historic and game-changing launch from Bowen, Queensland",
                  "Homegrown rocket set for historic and game-changing launch from Bowen, Queensland\n\nGilmour Space "
                  "Technologies is about to put Australia on the space innovation map, with an historic and imminent "
                  "rocket launch from Bowen in Far North Queensland.\n\nHeadquartered on the Gold Coast, with a spaceport "
                  "in Bowen, Gilmour Space Technologies has bold plans for the future, with Test Flight 1 of the Eris "
                  "rocket just the beginning of a rocket launching enterprise from Australia.", published=None)
    assert "satellite_launch" not in got


# --- an interception that would happen, not did ------------------------------------------------------------------
# The launch sentence is https://breakingheadlinestories.com/index.php/2023/08/24/breaking-news-missile-fired-country-
# orders-shelter-in-place/'s; the two modal sentences beside it are written in the forms the brief names (no stored
# page found gives them beside a launch), the third is the done form.
LAUNCH = ("All eyes were on North Korea in the early hours of Thursday morning as they launched a missile over Japan, "
          "causing panic among citizens and governments alike.")


@pytest.mark.parametrize("interception", [
    "Tokyo said the missile would be intercepted if it threatened Japanese territory.",
    "The projectile could be shot down by Aegis destroyers, officials said.",
])
def test_an_interception_that_would_happen_is_no_outcome(analyse, interception):
    got = analyse("", f"{LAUNCH} {interception}", published=_published("2023-08-24"))
    assert got["missile_launch"].event["outcome"] != "intercepted"
    # ... and one that happened is
    done = analyse("", f"{LAUNCH} Japan's air defences managed to shoot down the missile.",
                   published=_published("2023-08-24"))
    assert done["missile_launch"].event["outcome"] == "intercepted"


# --- a rocket's hop below space ----------------------------------------------------------------------------------

HOPS = [
    # c23-us-starship-sn9-rightwingdailybrief-2021
    ("SpaceX Starship explodes in test flight crash landing", "SpaceX’s latest prototype blew up during a test flight "
     "crash landing on Tuesday. The steel Starship prototype Serial Number 9 ( SN9), blasted off from Boca Chica, Texas "
     "and flew as high as 10 kilometers, or about 32,800 feet altitude. As it touched down, the rocket exploded into a "
     "large fireball.", None),
    # vikram-s-suborbital-hindustantimes-2022
    ("", "Prime Minister Narendra Modi on Friday hailed the launch of Vikram-S, India's first private rocket which lifted "
     "off from Indian Space Research Organisation (ISRO) launchpad at Sriharikota.\n\n“A historic moment for India as the "
     "rocket Vikram-S, developed by Skyroot Aerospace, took off from Sriharikota today!” the prime minister tweeted.\n\n"
     "The private rocket developed by Hyderabad-based startup Skyroot Aerospace reached the peak altitude of 90 "
     "kilometres which is below the internationally recognised 100-km Kamran line that separates the earth from the "
     "outer space.", "2022-11-18"),
    # https://www.kurv.com/landmark-test-launch-of-big-starship-prototype-deemed-a-success/
    ("Landmark test launch of big Starship prototype deemed a success", "Another piece of aerospace history made at Boca "
     "Chica Beach. SpaceX successfully launched its latest Starship prototype Wednesday afternoon. The landing, however, "
     "was not so successful. The rocket, dubbed the SN8, lifted off at about 4:45, shot straight up for several minutes "
     "to an unprecedented altitude of about 40,000 feet, or about 7-1/2 miles.", "2020-12-09"),
    # https://www.aiaa.org/news/news/2020/12/10/spacex-conducts-first-high-altitude-test-flight-of-starship-sn8-prototype-which-explodes-upon-landing
    ("SpaceX Conducts First High-Altitude Test Flight of Starship SN8 Prototype, Which Explodes Upon Landing",
     "Space News reports that on Wednesday, SpaceX conducted a test flight of its Starship SN8 prototype, which lifted "
     "off at 5:45 p.m. EST from Boca Chica, Texas, with the intention of achieving an altitude of 12.5 km.", "2020-12-10"),
    # https://noosaonlinenews.com.au/spacex-starship-sn10-prototype-successfully-lands-before-exploding-in-flames
    ("SpaceX Starship SN10 prototype successfully lands before exploding in flames", "Elon Musk’s SpaceX Starship has "
     "completed its first vertical landing, only to explode minutes after the successful touchdown. The prototype, "
     "called SN10, was the third Starship to run a high-altitude flight test, but only the first to stick the landing. "
     "The launch at Boca Chica, Texas, was streamed live by SpaceX, but its broadcast ended before the explosion.",
     "2021-03-04"),
]


@pytest.mark.parametrize("title,body,day", HOPS)
def test_a_hop_below_space_is_no_satellite_launch(analyse, title, body, day):
    assert "satellite_launch" not in analyse(title, body, published=_published(day))


def test_a_hop_beside_an_orbital_launch_keeps_the_launch(analyse):
    # starlink17-sn10-space-2021: the page tells the orbit too, so it is no hop story
    got = analyse("SpaceX Falcon 9 rocket launches and lands for 8th time, delivering 60 Starlink satellites to orbit",
                  "CAPE CANAVERAL, Fla. — A SpaceX Falcon 9 rocket launched a new batch of 60 Starlink internet "
                  "satellites into orbit Thursday morning (March 4), and nailed its landing on a floating platform at "
                  "sea to top off the long-awaited mission. The successful liftoff came just a few hours after SpaceX's "
                  "Starship prototype, SN10, successfully completed a high-altitude test flight at the company's "
                  "facilities in Texas. The stainless-steel launcher soared 6.2 miles (10 kilometers) in the sky, before "
                  "touching back down.", published=_published("2021-03-04"))
    assert "satellite_launch" in got


# --- business news: a firm's name is no place in space ------------------------------------------------------------

def test_space_closing_a_firms_name_is_no_orbit(analyse):
    # c23-us-stoke-series-b-geekwire-2023, https://www.geekwire.com/2023/stoke-space-fuels-up-with-100m-in-funding-in-quest-to-build-fully-reusable-rockets/
    got = analyse("", "Stoke Space announced Thursday that it raised $100 million, boosting the Kent, Wash.-based "
                      "company’s quest to develop a new breed of fully reusable rockets and reach orbit by 2025.",
                  published=_published("2023-02-09"))
    assert "satellite_launch" not in got


# --- an event told weeks later -------------------------------------------------------------------------------------

def test_a_failure_told_weeks_later_is_no_news(analyse):
    # c23-gb-trident-misfire-weeks-later-times-2024 (undated page: the event's own day governs, not the telling's)
    body = ("However, this was a test and the missile was fitted with dummy warheads. However, much to the dismay of those "
            "onboard, the first stage boosters did not ignite and rather than soar beyond the earth’s atmosphere at "
            "speeds of up to Mach 18 (about 13,300mph), the 58-ton missile crashed into the Atlantic ocean and sank, just "
            "yards away from the boat itself.\nShapps spent 17 hours on the boat before heading back to the UK, where "
            "details of the failed test remained secret for several weeks, until Tuesday night.\nThe Ministry of Defence "
            "blamed the incident, which took place on January 30, on an unexpected “anomaly”.")
    assert "missile_launch" not in analyse("", body, published=None)


def test_concealed_before_a_noun_is_no_lateness(analyse):
    # gaza-two-rockets-ashkelon-reason-2013 (a kept form: an adjective, no concealment of the news; the first wording of
    # the rule read it as one and lost this launch)
    got = analyse("Israel's Iron Dome System Intercepts Rocket Fired From Gaza",
                  "Militants in the Gaza Strip fired two rockets at southern Israeli coastal cities on Monday, but one "
                  "was intercepted by Israel's Iron Dome missile defense system and the other fell into the sea. The "
                  "Israeli Air Force bombed two concealed rocket launchers in northern Gaza.",
                  published=_published("2013-10-28"))
    assert "missile_launch" in got


# --- a blaze is no firing --------------------------------------------------------------------------------------

def test_a_fire_is_no_firing(analyse):
    # ru-s300-fire-denied-latimes-2001
    got = analyse("Missile Problem Just a Fire, Officials Say",
                  "Missile Problem Just a Fire, Officials Say\n\nRussian Defense Minister Sergei B. Ivanov denied that "
                  "there was an explosion at a military base near Moscow, where a fire destroyed several costly rockets.",
                  published=_published("2001-06-10"))
    assert "missile_launch" not in got
