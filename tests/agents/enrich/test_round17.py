"""Round 17 of issue 11: general news that uses the trigger words in other senses (tests/agents/enrich/eval/real.yaml
header, "round 17 additions"). Sentences are the excerpts' own; each test names the general form it holds."""

from __future__ import annotations

from datetime import datetime, timezone

# a stock photo caption over contract news (payloadspace.com, undated)
CAPTION = ("Civil\n\nNASA Awards 12 Launch Services Contracts\n\nA SpaceX Falcon 9 rocket launches with NASA’s Imaging "
           "X-ray Polarimetry Explorer (IXPE) spacecraft onboard from Launch Complex 39A, Thursday, Dec. 9, 2021, at "
           "NASA’s Kennedy Space Center in Florida. The IXPE spacecraft is the first satellite dedicated to measuring "
           "the polarization of X-rays from a variety of cosmic sources, such as black holes and neutron stars. Launch "
           "occurred at 1:00 a.m. EST. Photo Credit: (NASA/Joel Kowsky)\n\nYesterday, NASA announced it had awarded 12 "
           "launch services contracts totaling $300M to support its Venture-Class Acquisition of Dedicated and "
           "Rideshare (VADR) missions.")


def _published(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp()


def test_a_photo_caption_in_the_present_with_its_full_date_is_no_report(analyse):
    assert "satellite_launch" not in analyse("NASA Awards 12 Launch Services Contracts", CAPTION, published=None)


def test_a_pad_name_holds_no_trigger(analyse):
    # "from Launch Complex 39A": the launch verb is the first word of a pad's name, not the spacecraft's launch
    hits = analyse("NASA Awards 12 Launch Services Contracts", CAPTION, published=None)
    assert not [h for h in hits.values() if "Launch" in h.phrase]


def test_a_present_tense_headline_and_a_past_tense_body_still_report(analyse):
    body = "A SpaceX Falcon 9 rocket launched NASA’s IXPE spacecraft from Florida on Thursday, Dec. 9, 2021."
    assert "satellite_launch" in analyse("SpaceX launches IXPE", body, published=_published("2021-12-09"))


def test_a_persons_part_in_a_deed_under_the_main_verbs_time_is_a_career(analyse):
    title = "Jesco von Puttkamer, Von Braun Rocket Team Member, Dies at 79"
    body = ("Jesco von Puttkamer, a NASA engineer who helped launch the first astronauts to the moon, died Thursday "
            "(Dec. 27) at the age of 79 following a brief illness.")
    assert "satellite_launch" not in analyse(title, body, published=_published("2012-12-28"))


def test_a_deed_dated_in_its_own_relative_clause_still_reports(analyse):
    body = "The ground crew who helped launch the satellite into orbit on Thursday were thanked by the minister."
    assert "satellite_launch" in analyse("", body)


def test_a_dictionary_sense_opening_on_a_bare_verb_is_no_event(analyse):
    body = ("Oxford dictionary definitions “1. Set a boat or ship afloat, especially by sliding it into the water; "
            "2. Send a rocket, missile, etc. on its course; hurl forcefully.”\n\nI hadn’t slid my book into the water, "
            "nor hurled it forcefully anywhere, but I did like the image of blasting something into space.")
    assert "satellite_launch" not in analyse("Launching a Novel: Moonshot or Catapult?", body,
                                             published=_published("2014-04-22"))


def test_a_sentence_opening_on_a_subject_still_reports(analyse):
    assert "satellite_launch" in analyse("", "SpaceX sent a rocket with 60 satellites into orbit on Thursday.")


def test_a_hedge_naming_what_flew_is_no_distance(analyse):
    body = ("SEOUL/TOKYO - North Korea fired what is believed to have been an intermediate-range ballistic missile toward "
            "the Sea of Japan on Sunday, marking its first such activity of the year and coming less than a month after "
            "it launched a solid-fuel intercontinental ballistic missile, the South Korean military said.")
    hit = analyse("", body, published=_published("2024-01-14"))["missile_launch"]
    assert hit.event["actor"]["id"] == "country:KP"
    assert "believed" in hit.phrase


def test_by_after_an_irregular_participle_is_that_verbs_agent(analyse):
    body = ("The latest test-firing comes three days after Pyongyang launched a Hwansong-17 intercontinental ballistic "
            "missile in response to joint military drills held by the United States and South Korea over 11 days "
            "called \"Freedom Shield 23.\"")
    hit = analyse("", body, published=_published("2023-03-19"))["missile_launch"]
    assert hit.event["actor"]["id"] == "country:KP"


def test_a_barrage_of_artillery_shells_is_no_rocket_fire(analyse):
    body = ("The launch came as tensions remain high on the Korean Peninsula, with the North recently firing a barrage "
            "of artillery shells near the disputed western maritime boundary with South Korea and Seoul conducting a "
            "military exercise in retaliation.")
    assert "missile_launch" not in analyse("", body, published=_published("2024-01-14"))


def test_a_barrage_of_rockets_and_shells_is_still_rocket_fire(analyse):
    body = "Hezbollah fired a barrage of rockets and artillery shells at northern Israel on Sunday."
    assert "missile_launch" in analyse("", body)
