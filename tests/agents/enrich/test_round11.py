"""Round 11 of issue 11: classes found on fresh real-news batches (tests/agents/enrich/eval/real.yaml
header, "round 11 additions"). Sentences are the excerpts' own where the class allows; each test
names the general form it holds."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("body", [
    # an infinitive after the event noun is what is to be done: the support verb in it tells no test
    'US President Donald Trump has said he has ordered nuclear weapons tests to be conducted "on equal basis" with '
    "other countries that allegedly have nuclear testing programs.",
    # talk about an event is no event
    "As talk of nuclear weapon testing ramps up, with both Donald Trump and Vladimir Putin revealing their desire to "
    "start the practice up again, one defence expert claimed China also wants a 'slice of the cake'.",
])
def test_no_nuclear_test_round11(analyse, body):
    assert "nuclear_test" not in analyse("", body)


@pytest.mark.parametrize("body", [
    # a trigger that is the bare first part of a compound naming a place
    "Iran is slated to launch a satellite into space aboard a Russian Soyuz rocket on Friday as part of a "
    "multi-satellite mission conducted from the Russian space launch facility Vostochny Cosmodrome.",
    # a weapon's rockets: a guided rocket system's test flight is no space launch
    "Pakistan's military said Thursday it successfully conducted a successful test flight of a rocket system capable "
    "of carrying a conventional warhead up to a range of 140 kilometers (about 90 miles).",
])
def test_not_a_space_launch_round11(analyse, body):
    assert "satellite_launch" not in analyse("", body)


def test_a_launch_facility_does_not_hide_a_launch_from_it(analyse):
    # the compound is the word right after the verb only: a missile fired from a facility was fired
    body = "North Korea fired a ballistic missile from a facility near Pyongyang on Thursday, the South's military said."
    assert "missile_launch" in analyse("", body)


@pytest.mark.parametrize("body, vehicle", [
    # a name, then its class after a comma
    ("RAWALPINDI: As part of Exercise Indus, Pakistan successfully carried out a training launch of the Abdali weapon "
     "system, a 450-kilometre-range surface-to-surface missile, the Inter-Services Public Relations (ISPR) said on "
     "Saturday.", "Abdali"),
    # a class, then its name after a dash
    ("Putin on Sunday oversaw a test of another advanced nuclear-capable weapon — the Burevestnik cruise missile, which "
     'he said had an "unlimited range."', "Burevestnik"),
])
def test_an_object_restated_after_a_comma_or_dash(analyse, body, vehicle):
    hit = analyse("", body)["missile_launch"]
    assert vehicle in hit.phrase


@pytest.mark.parametrize("body", [
    # no restatement: the comma ends the verb's phrase, and what follows is another noun phrase
    "North Korea launched its new Chollima-1 rocket carrying a satellite on Tuesday, a missile expert said.",
    # a name before the comma, but the class word goes on with another noun: "a missile analyst"
    "Russia tested its heavy Angara A5 rocket from the Plesetsk Cosmodrome on Tuesday, a missile analyst said.",
])
def test_a_phrase_after_a_comma_is_no_restated_object(analyse, body):
    assert "missile_launch" not in analyse("", body)


def test_contact_lost_with_the_satellite_is_no_launch_failure(analyse):
    body = ("New Delhi: India's space agency said on Sunday it had lost contact with a telecommunications satellite "
            "successfully launched on Thursday, the trouble emerging while engineers were nudging the spacecraft in "
            "steps towards its assigned parking slot high above the equator.")
    assert analyse("", body)["satellite_launch"].event["outcome"] == "success"


def test_contact_lost_with_the_rocket_is_a_failure(analyse):
    body = ("A Proton rocket carrying a communications satellite blasted off from Baikonur on Wednesday, but "
            "controllers lost contact with its upper stage minutes later.")
    assert analyse("", body)["satellite_launch"].event["outcome"] == "failure"


def test_a_duty_to_test_is_no_test(analyse):
    body = ("The testing involves all the other parts of a nuclear weapon to make sure they are functioning and can set "
            "up a nuclear blast, said Wright, whose agency is responsible for testing U.S. nuclear weapons.")
    assert "nuclear_test" not in analyse("", body)


def test_a_launch_site_named_by_an_older_launch(analyse):
    # "the facility where it launched ... in December": the clause names the place
    body = ("Fresh satellite imagery shows North Korea has embarked on a major new construction programme at the "
            "facility where it launched a long-range rocket in December, a US research institute said.")
    assert "satellite_launch" not in analyse("", body, published=None)


@pytest.mark.parametrize("body", [
    # "as scheduled": the schedule was kept
    "The launch vehicle, with the three satellites on board, lifted off as scheduled at 0559 hours from the first "
    "launch pad at the Satish Dhawan Space Centre at Sriharikota in Andhra Pradesh, near Chennai, in near textbook "
    "conditions.",
    # "at" before a clock time tells when, not what it was aimed at
    "A Long March 2D rocket carrying three remote sensing satellites lifted off at 10:27 a.m. on Thursday.",
])
def test_a_launch_on_time(analyse, body):
    assert "satellite_launch" in analyse("", body)


def test_a_rocket_still_fired_at_a_place_is_aimed(analyse):
    # the cue "at" keeps its place before a place: a space launch is no barrage, and this is no space launch
    body = "Militants in Gaza fired rockets at Israel on Tuesday, the army said."
    assert "satellite_launch" not in analyse("", body)
    assert "missile_launch" in analyse("", body)


def test_a_leader_overseeing_the_launch_tells_it_happened(analyse):
    body = ("North Korean leader Kim Jong Un oversaw the launch of two long-range strategic cruise missiles, state "
            "media reported, calling it a test to confirm the reliability and operation of nuclear-capable weapons "
            "deployed in military units.")
    hits = analyse("", body)
    assert "missile_launch" in hits and "nuclear_test" not in hits


def test_a_plan_to_oversee_a_launch_is_still_a_plan(analyse):
    body = "Kim Jong Un will oversee the launch of two long-range strategic cruise missiles, state media reported."
    assert "missile_launch" not in analyse("", body)


@pytest.mark.parametrize("body", [
    # "in" before a bare trigger makes it a noun, and a noun's object does not cross the colon
    "This Week in Launch: Electron returns to flight and final Falcon Heavy of the year",
    # a schedule column: launches coming up
    "Unlike last week which was very quiet, This Week in Rocket Launches we have several missions coming up from "
    "SpaceX, Rocket Lab, and China's CNSA.",
])
def test_launch_columns_are_no_launch(analyse, body):
    assert "satellite_launch" not in analyse("", body)


def test_a_launch_told_before_another_coming_up(analyse):
    body = "SpaceX launched 22 Starlink satellites on Tuesday, with another launch coming up on Friday."
    assert "satellite_launch" in analyse("", body)


def test_a_so_called_satellite_names_no_reporter(analyse):
    # "so-called" is an adjective: the subject before it still launched
    body = ("North Korea hurriedly launched a so-called spy satellite in the middle of the night on Monday, but it "
            "reportedly failed when the rocket's first-stage booster exploded two minutes after liftoff. "
            "High-resolution Maxar satellite photos taken the next morning show a quiet launch station.")
    event = analyse("", body)["satellite_launch"].event
    assert event["actor"]["id"] == "country:KP" and event["outcome"] == "failure"


@pytest.mark.parametrize("body, published", [
    # a hedge on another verb before a past clause of time: the launch itself is told
    ("SEOUL: A North Korean missile appeared to have exploded just after it was launched yesterday, the US and South "
     "Korean militaries said.", None),
    # an aside set off by commas in the verb's phrase is no distance, and its cues are not the verb's
    ("Indian Space Research Organisation's workhorse Polar Satellite Launch Vehicle PSLV-C24 placed the IRNSS 1B, second "
     "of the seven planned satellites for the system, in precise orbit about 19 minutes after a perfect lift-off at "
     "5.14 pm from the Satish Dhawan Space Centre here.", None),
    # a participle opening the sentence describes the main clause's subject
    ("Launched Friday from the Baikonur Cosmodrome in Kazakhstan, the Progress MS-13/74P cargo ship's docking probe "
     "engaged the capture mechanism in the Russian Pirs module at 5:35 a.m. EST.", None),
    # a station supply ship named "ship"
    ("The ship launched from Tanegashima Space Center in southern Japan Saturday.", None),
])
def test_launches_told_in_longer_phrases(analyse, body, published):
    hits = analyse("", body, published)
    assert "missile_launch" in hits or "satellite_launch" in hits


def test_a_present_clause_of_time_after_a_modal_is_ahead(analyse):
    body = "A North Korean missile could explode as soon as it is launched, experts warned on Tuesday."
    assert "missile_launch" not in analyse("", body)


def test_the_country_of_a_launch_site_is_no_actor(analyse):
    body = ("Launched Friday from the Baikonur Cosmodrome in Kazakhstan, the Russian Progress MS-13 cargo ship docked "
            "with the International Space Station on Monday.")
    event = analyse("", body)["satellite_launch"].event
    assert event["actor"] is None or event["actor"]["id"] != "country:KZ"


@pytest.mark.parametrize("body", [
    # a failure months before
    "India successfully launched five satellites into orbit today, three months after the country's space ambitions "
    "suffered a setback when a rocket crashed at lift-off.",
    # failures in the past
    "Russia successfully tested on Friday its two new Bulava intercontinental missiles, which experienced several "
    "failures in the past.",
])
def test_older_failures_are_not_the_outcome(analyse, body):
    hits = analyse("", body)
    event = (hits.get("satellite_launch") or hits["missile_launch"]).event
    assert event["outcome"] == "success"


def test_a_ground_test_in_another_clause_keeps_the_launch(analyse):
    body = ("To celebrate, leader Kim Jong Un fired off the country's latest submarine-based test missile on Friday, "
            "detonated a fifth nuclear bomb, and conducted a rocket engine test.")
    assert "missile_launch" in analyse("", body)


def test_a_ground_test_in_the_clause_is_no_launch(analyse):
    body = "North Korea on Friday test-fired a new engine for a missile in a ground test at Sohae, state media said."
    assert "missile_launch" not in analyse("", body)


@pytest.mark.parametrize("title, body", [
    # a comma between two modifiers of the noun is no clause break: the modal still scopes over it
    ("", "The Communist Chinese government could be conducting secret, low-powered nuclear tests despite claiming that "
         "it was honoring an international agreement banning all nuke testing, a U.S. media report said."),
    # an allegation or a suggestion takes a whole clause, as a fear does
    ("China Dismisses U.S. Suggestion It Is Conducting Secret Nuclear Tests, Calls Report 'Irresponsible'",
     "Foreign Ministry spokesperson Zhao Lianjing told reporters at a daily briefing Thursday that the U.S. allegations "
     "were not even worth refuting."),
])
def test_suspected_tests_are_no_test(analyse, title, body):
    assert "nuclear_test" not in analyse(title, body)


def test_a_comma_after_a_day_still_breaks_the_clause(analyse):
    # "On Tuesday," is no modifier of the noun; the clause before it does not reach the trigger
    body = "Seismologists said it could be an earthquake. On Tuesday, North Korea conducted a nuclear test, KCNA said."
    assert "nuclear_test" in analyse("", body)


@pytest.mark.parametrize("title, body", [
    ("US claims China conducted Nuke test", "The report presents evidence of excavation at the Lop Nur test site."),
    ("", "The US has claimed that China has tested a low-capacity atomic bomb underground on Tuesday. However, China "
         "has denied this claim by the US."),
])
def test_a_claim_about_another_partys_test_is_no_test(analyse, title, body):
    assert "nuclear_test" not in analyse(title, body)


@pytest.mark.parametrize("body, topic", [
    # a claim of one's own is the news
    ("North Korea claimed it had successfully launched a reconnaissance satellite on Tuesday.", "satellite_launch"),
    # state media's claim is the state's report
    ("North Korea's state media claimed Kim Jong Un oversaw the launch of two cruise missiles on Tuesday.",
     "missile_launch"),
])
def test_own_claims_still_count(analyse, body, topic):
    assert topic in analyse("", body)


def test_a_carrier_restated_after_a_comma_is_no_object(analyse):
    """"launched on a Chollima-1 rocket, a new type of projectile": the rocket it rode, not a
    missile fired (real EFE report of North Korea's failed satellite launch)."""
    body = ("A rocket carrying a military spy satellite launched by North Korea on Wednesday crashed into the Yellow "
            "Sea due to a technical failure, Pyongyang reported.\nThe satellite was launched on a Chollima-1 rocket, a "
            "new type of projectile, at 6.27 am local time from the Sohae space launch station, KCNA reported.")
    assert set(analyse("North Korea says spy satellite crashed into sea", body, None)) == {"satellite_launch"}
