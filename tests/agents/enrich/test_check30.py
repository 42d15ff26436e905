"""Check batch 30's first-sight errors, in the general forms they showed (tests/agents/enrich/eval/real.yaml, the
"check batch 30" block): an interception done in a test is the test's success; a participle that hangs on a launch
still ahead; "take place"; a purchase of launches; a coordinated subject under a modal. Sentences are the pages' own
(URL in a comment); each false alert has beside it the form that must still fire."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest


def _published(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp() + 12 * 3600


# --- an interception told as done in a test -------------------------------------------------------------------------

@pytest.mark.parametrize("title, body", [
    # foxnews.com 2023 (USS Daniel Inouye)
    ("US Navy warship successfully intercepts medium-range ballistic missile in test",
     "The U.S. Navy successfully intercepted a medium-range ballistic missile in a military drill on Thursday."),
    # jpost.com 2008 (USS Lake Erie)
    ("US military intercepts missile off Hawaii in first test since February",
     "The US military says it has intercepted a ballistic missile near Hawaii in a test. The USS Lake Erie fired two "
     "interceptor missiles at the target."),
])
def test_an_interception_in_a_test_is_the_test_s_success(analyse, title, body):
    hit = analyse(title, body, published=_published("2023-03-31"))["missile_launch"]
    assert hit.event["outcome"] == "success"


def test_an_interception_of_another_s_attack_stays_intercepted(analyse):
    body = "Saudi air defences intercepted a ballistic missile launched by the Houthis toward Riyadh on Tuesday."
    hit = analyse("", body, published=_published("2023-03-28"))["missile_launch"]
    assert hit.event["outcome"] == "intercepted"


# --- a participle that hangs on a launch still ahead ----------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    # norcal.news 2017 (EchoStar 23)
    "Carrying the television broadcast satellite, the Falcon 9 rocket will launch at the opening of the two-and-a-half "
    "hour window at 1:34 a.m. EDT on coming Tuesday.",
    # abcactionnews.com 2018 (GPS III SV01)
    "The rocket is now scheduled to launch at 9:07 a.m., sending a global positioning system satellite into orbit.",
])
def test_a_participle_under_a_launch_ahead_tells_no_launch(analyse, sentence):
    assert "satellite_launch" not in analyse("", sentence, published=_published("2017-03-10"))


@pytest.mark.parametrize("sentence", [
    "Carrying the television broadcast satellite, the Falcon 9 rocket lifted off at 1:34 a.m. EDT on Thursday.",
    "The rocket lifted off at 9:07 a.m. on Wednesday, sending a global positioning system satellite into orbit.",
])
def test_a_participle_under_a_lift_off_tells_the_launch(analyse, sentence):
    assert "satellite_launch" in analyse("", sentence, published=_published("2018-12-23"))


# --- words that only look like a launch -----------------------------------------------------------------------------

def test_take_place_is_no_placing_in_orbit(analyse):
    # archeonis 2026 (Challenger remembrance)
    body = ("NASA remembered the Challenger crew on Wednesday. The ceremony took place at the Space Mirror Memorial, "
            "which is inscribed with the names of 25 astronauts lost in the line of duty.")
    assert "satellite_launch" not in analyse("", body, published=_published("2026-01-28"))


def test_a_launch_agreement_for_a_rocket_is_a_purchase(analyse):
    # rssing.com 2024 (Rocket Lab's earnings)
    body = ("On Wednesday, the company announced a new launch agreement for its medium-lift rocket with a "
            "confidential commercial satellite constellation operator, to launch two missions on the Neutron rocket "
            "in mid-2026.")
    assert "satellite_launch" not in analyse("", body, published=_published("2024-11-13"))


@pytest.mark.parametrize("sentence", [
    # rssing.com 2024 (Rocket Lab's earnings)
    "Rocket Lab said its Electron rocket was the third-most-frequently launched rocket in the world this year.",
    "Rocket Lab said its Electron rocket was among the most launched rockets this year.",
])
def test_a_graded_participle_is_an_adjective(analyse, sentence):
    assert "satellite_launch" not in analyse("", sentence, published=_published("2024-11-13"))


# --- a coordinated subject under a modal ----------------------------------------------------------------------------

def test_an_event_noun_coordinated_under_a_modal_is_ahead(analyse):
    # iranfocus.com 2007 (the Guards' war games)
    body = "“Missile interception and test firing will be included in the war games,” state television said."
    assert "missile_launch" not in analyse("", body, published=_published("2007-04-25"))


def test_an_interception_and_a_new_clause_with_a_modal_stays_news(analyse):
    body = "Missile interception was reported on Tuesday, and officials will meet on Friday."
    hit = analyse("Israel intercepts missile fired from Yemen", body, published=_published("2024-05-07"))
    assert "missile_launch" in hit


# --- a spun copy's look-alike letters (streams/core/lookalikes.py) --------------------------------------------------

def test_the_launcher_of_a_spun_story_is_found(analyse):
    # gistsvilla 2016: Cyrillic letters for Latin ones, "thе North test-fired а ballistic missile"
    body = ("Juѕt оnе day аftеr thе announcement аbоut THAAD thе North test-fired а ballistic missile frоm а submarine "
            "оff іtѕ eastern coast, but South Korea’s military ѕауѕ thе launch wаѕ a failure.")
    hit = analyse("North Korea Threatens Action Against US Anti-missile System", body,
                  published=_published("2016-07-09"))["missile_launch"]
    assert hit.event["actor"]["id"] == "country:KP"


# --- outcome words of another event ---------------------------------------------------------------------------------

def test_a_failure_a_count_runs_from_is_an_earlier_flight_s(analyse):
    # latestly.com 2024 (GSLV-F14)
    body = ("ISRO Chairman S Somanath announced on Saturday that the INSAT-3DS satellite has been injected into the "
            "Geosynchronous Transfer Orbit (GTO). \"The spacecraft has been injected into a very good orbit.\"\n"
            "Speaking about the GSLV launch vehicle, Somnath said that two successful missions have taken place after "
            "the failure of GSLV F10.")
    hit = analyse("", body, published=_published("2024-02-17"))["satellite_launch"]
    assert hit.event["outcome"] == "success"


def test_a_time_after_launch_is_no_count(analyse):
    body = ("The small rocket launched on Friday from Vandenberg. Around 40 minutes after launch, however, the rocket’s "
            "second stage burn failed, and Alpha did not deliver the payload to its precise target orbit.")
    hit = analyse("", body, published=_published("2023-12-23"))["satellite_launch"]
    assert hit.event["outcome"] == "failure"


def test_an_interception_the_news_came_after_is_another_attack_s(analyse):
    # independent.co.uk 2024 (Gibraltar Eagle)
    body = ("Iran-backed Houthi rebels have struck a US-owned cargo vessel with an anti-ship ballistic missile off the "
            "coast of Yemen.\nThe attack involved three missiles, one of which struck the Gibraltar Eagle and caused a "
            "fire.\nIt came after US fighter aircraft intercepted and destroyed an anti-ship cruise missile launched by "
            "Houthi rebels in Yemen towards the USS Laboon destroyer in the Red Sea.")
    hit = analyse("", body, published=_published("2024-01-15"))["missile_launch"]
    assert hit.event["outcome"] == "success"


@pytest.mark.parametrize("beside", [
    # twocircles.net 2007 (Agni-1)
    "On Thursday night the local administration had warned fishermen not to venture into the sea.",
    # usnews.com 2009
    "The regime \"successfully conducted one more underground nuclear test on May 25\", KCNA said.",
])
def test_a_success_word_of_people_or_of_a_nuclear_test_tells_nothing_of_the_missile(analyse, beside):
    body = f"India Friday tested its nuclear capable missile Agni-1 from a military base here.\n{beside}"
    hit = analyse("", body, published=_published("2007-10-05"))["missile_launch"]
    assert hit.event["outcome"] == "unknown"


def test_a_nuclear_capable_missile_fired_successfully_still_succeeded(analyse):
    body = "India on Monday successfully test-fired its nuclear-capable Agni-5 missile from Abdul Kalam Island."
    hit = analyse("", body, published=_published("2018-06-04"))["missile_launch"]
    assert hit.event["outcome"] == "success"


# --- the actor a relative pronoun points back to --------------------------------------------------------------------

def test_the_name_before_which_fired_is_the_launcher(analyse):
    # sputnikglobe.com 2024
    body = ("IDF fighter jets struck a large military complex belonging to Hezbollah in Lebanon. The Israeli strikes "
            "follow the latest attack by Hezbollah, which fired some 40 rockets at northern areas of Israel on Friday.")
    hit = analyse("IDF Destroys 3 Rocket Launchers in Gaza, Strikes Hezbollah’s Military Complex", body,
                  published=_published("2024-07-06"))["missile_launch"]
    assert hit.event["actor"]["id"] == "org:hezbollah"


def test_a_which_clause_of_a_thing_leaves_the_subject_the_launcher(analyse):
    body = "North Korea fired a ballistic missile, which flew 600 km, into the sea on Tuesday."
    hit = analyse("", body, published=_published("2024-07-02"))["missile_launch"]
    assert hit.event["actor"]["id"] == "country:KP"


def test_a_nation_s_private_launch_is_its_company_s(analyse):
    # fortune.com 2018 (Zhuque-1)
    body = ("China’s first try at sending a privately developed rocket that could carry a satellite into space failed "
            "during a launch Saturday.\nThe first and second stage of the Zhuque-1 rocket operated as it should have, "
            "according to Beijing-based Landspace, which developed the spacecraft.")
    hit = analyse("China’s Private Attempt to Send a Satellite-Carrying Rocket Into Space Fails", body,
                  published=_published("2018-10-28"))["satellite_launch"]
    assert hit.event["actor"]["id"] == "org:landspace"


# --- Starship's test flights (the labels' convention: suborbital, nothing to orbit) -------------------------------

@pytest.mark.parametrize("title, body", [
    # cleveland.com 2023 (the first integrated flight test)
    ("", "SpaceX’s uncrewed Starship rocket exploded midair shortly after it launched at 9:28 a.m. Thursday morning in "
         "South Texas."),
    # mid-day.com 2024 (the fifth flight)
    ("", "SpaceX pulled off the boldest test flight yet of its enormous Starship rocket on Sunday, catching the "
         "returning booster back at the launch pad with mechanical arms."),
    # https://nicosiamoneynews.com/spacex-s-starship-lost-control-on-its-first-test-flight/ (its sentence)
    ("", "SpaceX's latest rocket, the Starship, lost control and crashed on its first test flight on Thursday."),
])
def test_a_starship_test_flight_is_no_satellite_launch(analyse, title, body):
    assert "satellite_launch" not in analyse(title, body, published=_published("2024-10-13"))


def test_a_falcon_9_launch_beside_a_starship_still_fires(analyse):
    body = ("A SpaceX Falcon 9 rocket launched 60 Starlink satellites into orbit on Thursday, hours after a Starship "
            "prototype exploded on landing in Texas.")
    hit = analyse("", body, published=_published("2021-03-05"))["satellite_launch"]
    assert hit.event["object"]["class"] != "suborbital_test"
