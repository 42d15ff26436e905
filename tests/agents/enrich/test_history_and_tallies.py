"""Time and genre on real pages (issue 11, branch issue11-time): history columns, tallies of a span, habits, a time
told in another clause or an earlier paragraph, and launches told inside analyses and background pieces. Classes that
recurred across check batches 19-22 (tests/agents/enrich/eval/real.yaml, "history columns and tallies"), each test on
a check batch page's sentences and on sentences of other pages found with the search tool (URL in a comment), in the
form the rule must stop and the form it must keep."""

from __future__ import annotations

from datetime import datetime, timezone


def _published(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp() + 12 * 3600


def test_an_analysis_headline_reports_the_days_launch(analyse):
    # nbcnewyork.com, 5 Apr 2017 (check batch 20): an analysis of the day's launch is no opinion piece
    body = ("North Korea rarely misses an opportunity to conduct banned missile tests to coincide with high-profile world "
            "events at which the impoverished yet nuclear-armed country is likely to be discussed.\n\nOn Wednesday, it "
            "fired a missile a day before the first meeting between U.S. President Donald Trump and his Chinese "
            "counterpart, Xi Jinping.")
    got = analyse("Analysis: Motives for North Korea's Latest Missile Test", body, published=_published("2017-04-05"))
    assert got["missile_launch"].event["actor"]["id"] == "country:KP"
    # https://www3.nhk.or.jp/nhkworld/en/news/backstories/39/ (undated)
    assert "missile_launch" in analyse("Analysis: North Korea's Missile Launch",
                                       "Nishikawa: The North launched the missile while the leaders of Japan and the US "
                                       "were meeting in Florida. Why did officials in Pyongyang choose this timing?",
                                       published=None)
    # an opinion piece still raises nothing
    assert analyse("Opinion: Motives for North Korea's Latest Missile Test", body, published=_published("2017-04-05")) == {}


def test_a_history_column_tells_the_past_day(analyse):
    # thejc.com, 18 Jan 2011 (check batch 22): "the early hours of the morning" are 18 January 1991's
    scud = ("The Jewish Chronicle\n\nOn this day: Iraq attacks Israel\n\nJanuary 18 1991: Scud missiles hit Israel\n\n"
            "After the US-lead forces launched Operation Desert Storm, Iraq aimed Scud missiles at the bustling Israeli "
            "cities of Tel Aviv and Haifa.\n\nThe missiles, armed with conventional high explosives, hit in the early hours "
            "of the morning, as Israel slept.")
    assert analyse("On this day: Iraq attacks Israel", scud, published=_published("2011-01-18")) == {}
    # the same sentences told as the day's news, with no column's frame, report the attack
    assert "missile_launch" in analyse("Iraq attacks Israel", scud.replace("On this day: ", ""),
                                       published=_published("1991-01-18"))
    # outsider.com, 1 Feb 2022 (check batch 20): the frame opens the body
    body = ("On this day in history, the United States notably entered the space age with the launch of Explorer 1 in "
            "1958. Explorer 1 is the first successfully launched satellite by the U.S.\n\nMeanwhile, a Jupiter-C rocket "
            "carried Explorer 1 into orbit.")
    assert "satellite_launch" not in analyse("", body, published=_published("2022-02-01"))
    # https://spacenews.com/week-space-history-9/ (the entries' years lost in the page's text)
    assert analyse("This Week In Space History", "Aug. 29\n\nJapan successfully launches its two-stage H-2A rocket, "
                   "which has become its workhorse launch system.", published=None) == {}
    # https://www.reporternews.com/story/opinion/2016/01/14/today-in-history-rocket-on-jet-explodes-aboard-uss-enterprise/92021910/
    assert analyse("Today in history: Rocket on jet explodes aboard USS Enterprise",
                   "Today in history: On Jan. 14, 1969, a rocket accidentally detonates aboard the aircraft carrier USS "
                   "Enterprise, docked at Pearl Harbor, killing 27. It blew up, setting off other explosions and fire.",
                   published=_published("2016-01-14")) == {}


def test_a_count_over_a_span_is_a_tally(analyse):
    # equities.com, undated (check batch 22)
    assert analyse("This Graphic Shows the Reach of North Korea's Most Successful Missile Test",
                   "As of June 13, North Korea has launched 16 missiles in 10 tests this year alone.", published=None) == {}
    # yahoo.com, 1 Mar 2024 (check batch 21): "through the end of February" bounds the count, it dates no launch
    assert analyse("", "After 13 rockets lifted off through the end of February, officials have projected the 2024 "
                   "total could reach an unprecedented 111 launches — led by SpaceX.", published=_published("2024-03-01")) == {}
    # https://www.yahoo.com/tech/launch-today-upcoming-spacex-nasa-200906426.html
    assert analyse("", "But with 32 rockets lifting off by the end of April, this year's speedier cadence projects out to "
                   "a new annual record of 96 launches.", published=_published("2024-05-01")) == {}
    # a launch with its own day beside the span's count still reports:
    # http://abcnews.go.com/International/north-korean-missile-test-year/story?id=46592733
    assert "missile_launch" in analyse("", "On Tuesday night, North Korea launched a missile from its eastern coast into "
                                       "the Sea of Japan, marking the fourth missile test conducted by the North Korean "
                                       "regime this year alone.", published=_published("2017-03-22"))
    # https://www.siasat.com/spacex-aims-for-12-launches-a-month-as-it-eyes-satellite-based-phone-service-2739956/
    assert "satellite_launch" in analyse("", "Meanwhile, a SpaceX Falcon 9 rocket on Sunday launched 23 Starlink internet "
                                         "satellites to orbit, the company's second mission in 24 hours.",
                                         published=_published("2023-10-02"))


def test_a_habit_is_no_launch(analyse):
    # supchina.com, 2 Apr 2020 (check batch 21): a participle tells what its main clause tells, here what is usual
    assert analyse("", "China's space launch activities are usually something of a riddle. Launches from remote launch "
                   "sites come with little warning, or even sometimes none, sending civilian, science, and military "
                   "satellites to a range of different orbits and destinations.", published=_published("2020-04-02")) == {}
    # rt.com, 31 Jul 2019 (an older dev page): how often, not when
    assert analyse("", "\"The research programs of the armed forces are drawn up and carried out every year… including "
                   "missile tests.\"", published=_published("2019-07-31")) == {}
    # https://soylentnews.org/article.pl?sid=20/09/08/2245254&from=rss: a participle after a bare plural names a kind
    assert "satellite_launch" not in analyse("", "As often happens with the first stages of Chinese rockets launching "
                                             "from the inland Taiyuan facility, the spent Long March 4B booster fell "
                                             "downstream of the spaceport.", published=None)
    # a participle after a main clause in the past reports:
    # https://www.vocativ.com/393190/spacex-launches-first-rocket-since-september-explosion/index.html
    assert "satellite_launch" in analyse("", "For the first time since a September launchpad explosion, SpaceX once again "
                                         "took to the cosmos on Saturday, launching a Falcon 9 rocket from Vandenberg Air "
                                         "Force Base in California.", published=_published("2017-01-14"))


def test_the_storys_time_carries_past_the_two_sentence_window(analyse):
    # spacenews.com, undated (check batch 21): "last month's Electron launch" is the story's; the failure told three
    # paragraphs on, "the rocket's altitude started falling", is of that launch
    body = ("A Rocket Lab Electron astride its New Zealand pad in 2018 ahead of the company's second commercial launch. "
            "Credit: Rocket Lab\n\nThe first sign of a problem during last month's Electron launch was when the numbers "
            "that should have been going up started going down.\n\nLike many other launch companies, Rocket Lab displays "
            "basic telemetry during webcasts of its missions, showing the vehicle's altitude and speed. As the Electron "
            "took off from the company's launch site in New Zealand on the morning of July 5 on a flight dubbed \"Pics or "
            "It Didn't Happen\", those numbers increased as the rocket lifted off and headed for orbit.\n\nHowever, about 5 "
            "minutes, 45 seconds after liftoff, the rocket's velocity topped out at nearly 13,700 kilometers per hour, well "
            "short of orbital velocity, and started to decrease. A short time later, the velocity started increasing "
            "again, but only as the rocket's altitude started falling from 195 kilometers.")
    assert analyse("The small launch industry's inflection point", body, published=None) == {}
    # supchina.com, 2 Apr 2020 (check batch 21): "The recent launch" is the lead's of March 16
    body = ("On March 16, China launched the first Long March 7A, a rocket that could become the main vehicle for sending "
            "large communications satellites toward geostationary orbits. But ninety minutes after the launch, a terse news "
            "release from Xinhua confirmed that the flight had suffered an anomaly and the mission failed.\n\nChina's space "
            "launch activities are usually something of a riddle. The recent launch — and failure — of a new rocket from a "
            "new, coastal spaceport was much more public, but ultimately still tightly controlled.")
    assert analyse("The quiet, public failure of China's new Long March rocket", body,
                   published=_published("2020-04-02")) == {}
    # a lead that tells the day's launch keeps the story's later sentences news:
    # https://www.wkar.org/post/spacex-launches-first-rocket-florida-explosion
    body = ("LOS ANGELES (AP) - A SpaceX Falcon 9 rocket lifted off from California today, marking the company's first "
            "launch since a similar rocket exploded on a Florida launch pad more than four months ago.\n\nThe satellites "
            "were expected to be deployed about an hour after lift off.\n\nAbout nine minutes after the rocket blasted "
            "off, to cheers from the control room, its jettisoned first stage landed upright on a so-called droneship in "
            "the Pacific Ocean south of Vandenberg.")
    assert "satellite_launch" in analyse("SpaceX launches first rocket since Florida explosion", body,
                                         published=_published("2017-01-14"))


def test_a_time_in_another_clause_bounds_the_launch(analyse):
    # minzhuzhongguo.org, 11 Feb 2013 (check batch 22): what followed the launch was last month, so was the launch
    assert "satellite_launch" not in analyse("", "North Korea has threatened to carry out its third nuclear test in "
                                             "retaliation for United Nations sanctions that were expanded last month in "
                                             "response to a recent long-range rocket launch.",
                                             published=_published("2013-02-11"))
    # odishatv.in, undated (an older dev page): the failure of May 2010 came after the rocket plunged
    assert analyse("Indigenous cryogenic engine tested successfully", "The maiden flight test of the indigenous "
                   "cryogenic stage onboard GSLV-D3 failed in May 2010 after it developed a snag and the rocket plunged "
                   "into the sea minutes after lift-off.", published=None) == {}
    # sputnikglobe.com, 27 Jan 2016 (check batch 22): a "when" clause takes the time it opens on
    assert analyse("", "The official estimates that the launch could come as soon as one week from now.\nIf true, this "
                   "would be North Korea's first long-range missile launch since 2012, when it successfully placed an "
                   "object into Earth orbit.", published=_published("2016-01-27")) == {}
    # abs-cbn.com, 17 Jun 2023 (check batch 21): the satellite's crash is the flight the rocket carried it on
    assert analyse("South Korean military salvages North Korea's Cholima-1", "The rocket was carrying a North Korean "
                   "military reconnaissance satellite that crashed into sea following a launch failure on 31 May 2023, "
                   "according to South Korea's Joint Chiefs of Staff (JCS).", published=_published("2023-06-17")) == {}
    # what followed within the week leaves the launch news:
    # https://www.abc.net.au/news/2012-04-17/un-tightens-sanctions-over-north-korea-rocket-launch/3954106
    assert "satellite_launch" in analyse("UN tightens N Korea sanctions over rocket launch", "The UN Security Council has "
                                         "foreshadowed new sanctions against North Korea in the wake of last week's "
                                         "failed rocket launch.", published=_published("2012-04-17"))


def test_a_page_with_no_date_is_as_late_as_the_day_it_tells_a_report_on(analyse):
    # spacenews.com, undated (an older dev page): told on Oct. 8, the flight of Sept. 29 is history
    body = ("PARIS — Satellite fleet operator SES on Oct. 8 said its SES-8 telecommunications satellite had arrived in "
            "Cape Canaveral, Fla., to prepare for a November launch aboard the new SpaceX Falcon 9 v1.1 rocket.\n\n"
            "Luxembourg-based SES had ordered SES-8 shipped by road transport on Oct. 2 from manufacturer Orbital Sciences "
            "Corp.'s Dulles, Va., plant, following Falcon 9 v1.1's inaugural flight Sept. 29 from Vandenberg Air Force "
            "Base, Calif.\n\nThe launch placed a Canadian scientific satellite into low Earth orbit.")
    assert analyse("", body, published=None) == {}
    # straitstimes.com, undated (an older dev page): told on Wednesday (July 19), the launch of July 4 is history
    body = ("Satellite imagery suggested that Pyongyang could be testing components and missile control facilities in the "
            "run-up to a launch, CNN reported on Wednesday (July 19), quoting two US administration officials.\n\nNorth "
            "Korea launched a ballistic missile on July 4 which marked its first test of an intercontinental ballistic "
            "missile (ICBM) potentially capable of reaching the mainland United States.")
    assert "missile_launch" not in analyse("North Korea said to be preparing for another ballistic missile test launch",
                                           body, published=None)
    # a launch four days before the told day is news:
    # https://headlinersdaily.com/breaking-news/north-korea-claims-to-have-launched-satellite-for-science/
    body = ("According to North Korea's state-run television network, on March 17, 2016, it was reported they launched a "
            "satellite into space.\n\nThe KCNA network stated that Kwangmyongsong-4, the carrier rocket, was launched from "
            "the Space Center in Sahoe, on Sunday, March 13, and was in orbit less than a minute later.")
    assert "satellite_launch" in analyse("North Korea Claims to Have Launched Satellite for Science", body, published=None)


def test_a_flight_its_own_blast_ended(analyse):
    # nhub.news, undated (check batch 20): a background piece with the Friday's failed launch; "from every launch,
    # success or failure" is any launch
    body = ("„They want to show they can, “ said one U. S. official. „They believe they learn something new from every "
            "launch, success or failure.“\nNorth Korea is „throwing“ missiles up — some still experimental — to show the "
            "Trump administration the country is a „serious“ international player, multiple U. S. officials told NBC "
            "News.\nOn Friday, a missile capable of striking targets in South Korea detonated "
            "minutes after launch, scattering debris over land and sea. The missile, called the NK-17, is among those the "
            "officials said the North has launched knowing they might not be ready.")
    got = analyse("", body, published=None)
    assert got["missile_launch"].event["outcome"] == "failure"
    assert got["missile_launch"].event["actor"]["id"] == "country:KP"
    # https://www.nbcsandiego.com/news/local/Unarmed-Missile-Destroyed-After-Vandenberg-Launch-126246398.html
    assert "missile_launch" in analyse("Unarmed Missile Destroyed After Vandenberg Launch", "An unarmed intercontinental "
                                       "ballistic missile was destroyed minutes after launch from Vandenberg Air Force "
                                       "Base, according to military officials.", published=None)


def test_a_vehicle_lifting_off_in_a_story_of_space_is_a_rocket(analyse):
    # rocketrundown.com, undated (an older dev page): "the ranks of nations launching orbital vehicles" is a kind; the
    # launch is the vehicle that lifted off
    kind = "New Zealand has joined the ranks of nations launching orbital vehicles with Rocket Lab's Electron rocket."
    assert analyse("", kind, published=None) == {}
    got = analyse("", kind + " The launch provider's \"Still Testing\" vehicle lifted off from one of the most beautiful "
                  "launch sites in the world on New Zealand's Mahia Peninsula at 01:43 GMT (14:43 local time) on Jan. 21.",
                  published=None)
    assert got["satellite_launch"].event["actor"]["id"] == "org:rocket-lab"
