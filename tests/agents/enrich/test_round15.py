"""Round 15 of issue 11: launch previews, forecasts, calendars, scrubs and same-day launch reports
from space pages (tests/agents/enrich/eval/real.yaml header, "round 15 additions", and the three previews
the full-page check left open). Sentences are the pages' own; each test names the general form it holds."""

from __future__ import annotations

from datetime import datetime, timezone


def _published(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp()


def test_a_bracketed_abbreviation_after_a_name_does_not_end_the_clause(analyse):
    # the plan cue "is slated for" comes after "(TDRS-M)", the name's abbreviation; "and" inside the
    # capitalised name ("Tracking and Data Relay Satellite-M") opens no new clause either
    body = ("A sign at NASA's Kennedy Space Center in Florida notes that a United Launch Alliance Atlas V rocket is "
            "scheduled to launch in two days. Liftoff of the Atlas V carrying Tracking and Data Relay Satellite-M "
            "(TDRS-M) is slated for Friday morning at 8:03 a.m. EDT from Space Launch Complex 41 at Florida's Cape "
            "Canaveral Air Force Station.")
    assert "satellite_launch" not in analyse("TDRS-M Launch Weather Remains Favorable for Friday; Atlas V Moves to Pad",
                                             body, published=_published("2017-08-16"))


def test_a_launch_noun_phrase_after_for_is_one_readied_for(analyse):
    # four words between "for" and the launch noun ("Friday Atlas V rocket"), and a phrase trigger too
    hits = analyse("Weather OK for Friday Atlas V rocket launch of NASA communications satellite",
                   "Weather conditions are mostly favorable.", published=_published("2017-08-15"))
    assert "satellite_launch" not in hits


def test_for_does_not_reach_across_a_relative_clause(analyse):
    body = ("The docking capped an exceptionally busy day for SpaceX that included the Crew Dragon's launch Sunday at "
            "10:53 p.m. EST, followed by two back-to-back Falcon 9 flights Monday.")
    assert "satellite_launch" in analyse("Crew Dragon docks with space station after smooth rendezvous", body,
                                         published=_published("2024-03-05"))


def test_a_pad_or_a_range_unit_is_a_name(analyse):
    # "Space Launch Delta 45", "Launch Complex 41": the trigger word is part of a name
    body = ("The forecast from the Space Force's Space Launch Delta 45 weather squadron and Launch Weather Officer "
            "Brian Belson for Monday evening's launch of Atlas V indicates a 75 percent chance of acceptable "
            "conditions.")
    assert "satellite_launch" not in analyse("", body, published=None)
    body = ("The robotic Juno spacecraft this morning was mated to the upper stage of a United Launch Alliance Atlas V "
            "rocket at Cape Canaveral Air Force Stations' Launch Complex 41.")
    assert "satellite_launch" not in analyse("NASA to preview next Space Coast, Baikonur launches", body,
                                             published=_published("2011-07-27"))


def test_preview_cues_before_a_launch(analyse):
    assert "satellite_launch" not in analyse(
        "", "ULA and the Air Force's 45th Space Wing on Monday completed readiness reviews giving go-aheads to "
            "proceed toward a first launch attempt on Thursday.", published=_published("2016-07-25"))
    assert "satellite_launch" not in analyse(
        "", "SpaceX's Starship Mars rocket is getting some work done to gear up for its coming orbital launch "
            "attempt.", published=None)
    assert "satellite_launch" not in analyse(
        "Antares and Cygnus to service space station",
        "This animation previews the flight of Orbital Sciences Antares rocket launching from Wallops Island, "
        "Virginia.", published=None)
    assert "satellite_launch" not in analyse(
        "", "SpaceX has reset tonight's Falcon 9 launch for 7:40 p.m. EDT (2340 GMT), at the end of tonight's "
            "window.", published=None)


def test_a_go_for_a_day_is_a_plan(analyse):
    assert "satellite_launch" not in analyse("ULA Atlas V launch a 'go' for Tuesday",
                                             "Mission mangers this morning gave a go.", published=_published("2014-09-12"))


def test_from_a_launch_pad_tells_where_it_left_from(analyse):
    # "pad" after the trigger usually ends a compound ("missile launch pad"); after "from" it is the place left
    body = ("3:28 p.m. update\nFalcon 9 lifted off from launch pad 39A at 3:22 p.m.\nNASA said the main engine has been "
            "cutoff and second stage separation has been completed.")
    assert "satellite_launch" in analyse("Timeline: Historic crewed launch successfully blasts off from Space Coast", body,
                                         published=_published("2020-05-30"))
    body = ("At 1:07pm ET 1/9/14 Orbital Sciences Corporation's Antares rocket launched from Pad 0A at the Wallops Flight "
            "Facility, Va. to send the company's Cygnus cargo ship on a its first supply mission to the International "
            "Space Station.")
    assert "satellite_launch" in analyse("", body, published=None)


def test_a_preview_in_the_present_describes_the_flight_to_come(analyse):
    # an -ing aside after the rocket before a present main verb, and what the rocket "is carrying", with no time
    body = ("Overall, there's a 60 percent chance of favorable conditions for the 4:07 a.m. liftoff from Launch Complex "
            "41, according to the Air Force's 45th Weather Squadron. The United Launch Alliance rocket, lifting off with "
            "the help of two solid rocket motors strapped to the first-stage booster, is carrying a U.S. National "
            "Reconnaissance Office mission labeled NROL-52.")
    assert "satellite_launch" not in analyse("So-so forecast for pre-dawn Thursday Atlas V launch from Cape Canaveral",
                                             body, published=_published("2017-10-02"))


def test_a_clock_time_is_no_clause_break_and_part_of_the_noun_phrase(analyse):
    # "12:17" split the clause at its colon, and the time words kept "planned" out of reach
    body = ("The forecast is excellent for Friday's planned 12:17 p.m. launch of an Atlas V rocket and Global "
            "Positioning System satellite from Cape Canaveral Air Force Station.")
    assert "satellite_launch" not in analyse("Excellent forecast for Friday Atlas V launch", body,
                                             published=_published("2015-10-26"))
    body = ('Mission mangers this morning gave a "go" to proceed toward a 5:44 p.m. Tuesday liftoff of a United Launch '
            'Alliance Atlas V rocket and classified U.S. government satellite from Cape Canaveral Air Force Station.')
    assert "satellite_launch" not in analyse("", body, published=_published("2014-09-12"))


def test_a_rocket_nearing_its_launch_is_ahead_of_it(analyse):
    assert "satellite_launch" not in analyse("", "Contact Dean at 321-242-3668.\n\nAtlas V rocket nears third October "
                                                 "launch\n\nU.S. Astronaut Hall of Fame closing soon for relocation",
                                             published=_published("2015-10-26"))


def test_direction_words_between_a_weapon_and_its_passive_verb_tell_where_it_flew(analyse):
    published = _published("2024-05-07")
    assert "missile_launch" in analyse("", "Rockets toward Sderot were launched from Gaza on Monday.", published)
    assert "missile_launch" in analyse("", "Two missiles heading toward Kyiv were fired by Russia on Monday.", published)


def test_a_failure_in_another_sentence_is_not_a_launch_told_as_successful(analyse):
    body = ("New Delhi, June 5: The Indian Space Research Organisation successfully launched its heaviest rocket, GSLV "
            "Mk-III D1, carrying 3,1360-kg communication satellite GSAT-19 at 5.28pm from the second launch pad at the "
            "Satish Dhawan Space Centre, Sriharikota on Monday.\n\nPrior to the launch, some engineers and scientists at "
            "ISRO were nervous as most first launches of India's rockets have ended in failure.")
    hit = analyse("", body, published=_published("2017-06-05"))["satellite_launch"]
    assert hit.event["outcome"] == "success"
    body = ("Beijing: China's Long March rocket on Monday successfully launched a new communication satellite, first time "
            "after its previous mission failed last month.\n\nThis was also the first attempt after a Long March II-C "
            "rocket failed to put a satellite in its intended orbit on Aug 19.\n\nChina Aerospace Science and Technology "
            "Corporation said that malfunction in the connection in servomechanism and second stage venire engine caused "
            "failure in second flight phase of the rocket.")
    hit = analyse("", body, published=None)["satellite_launch"]
    assert hit.event["outcome"] == "success"


def test_a_nationality_before_a_firms_rocket_is_where_it_is_from(analyse):
    hit = analyse("Chinese Ceres-1 rocket reaches orbit with first sea launch",
                  "China's commercial space company, Galactic Energy, successfully conducted its first sea launch.",
                  published=_published("2023-10-04"))["satellite_launch"]
    assert hit.event["actor"]["id"] == "org:galactic-energy"
    # a state's own rocket keeps its state
    hit = analyse("", "A Russian Soyuz rocket blasted off Thursday from the Baikonur Cosmodrome in Kazakhstan, boosting a "
                      "Progress resupply ship into orbit.", published=None)["satellite_launch"]
    assert hit.event["actor"]["id"] == "country:RU"


def test_a_counted_plural_is_a_noun_not_the_verb(analyse):
    body = ("We have a fair few launches coming up This Week in Rocket Launches, but the most interesting will be a "
            "crewed mission by SpaceX.")
    assert "satellite_launch" not in analyse("SpaceX to perform first commercial spacewalk - TWIRL 178", body,
                                             published=_published("2024-08-24"))
    body = ("This week has proven to be one of the most eventful in recent memory, featuring a flurry of activities "
            "including two launches to the International Space Station, four SpaceX launches, and four distinct "
            "rockets.")
    assert "satellite_launch" not in analyse("", body, published=_published("2023-08-21"))
    # with an "of" object the counted noun still tells the launches; a digit inside a name counts nothing
    assert "missile_launch" in analyse("", "North Korea conducted two launches of ballistic missiles on Monday, Seoul said.",
                                       published=_published("2024-05-07"))


def test_moving_a_launch_is_a_plan(analyse):
    body = ("SpaceX was forced to move launch of their Falcon-9 rocket from today to Saturday, 3rd June. Delay is caused "
            "by poor weather conditions at Kennedy Space Center.")
    assert "satellite_launch" not in analyse("CRS-11 mission delayed due weather conditions", body, published=None)


def test_a_number_in_a_rockets_name_counts_nothing(analyse):
    assert "satellite_launch" in analyse("Falcon 9 launches 60 Starlink satellites", "", published=None)


def test_whoever_made_the_payload_is_no_launcher(analyse):
    body = ("Rocket Lab’s fourteenth mission to deploy satellites in space has been a success, the company confirmed "
            "shortly before noon.\n\nThe launch from the Māhia Peninsula near Gisborne on Thursday morning had particular "
            "significance for the company.\n\nThe Electron rocket was carrying a satellite developed by Canon and a new generation of cube "
            "satellites for regular customer Planet.")
    hit = analyse("Rocket Lab declares 14th orbital mission a success", body, published=_published("2020-10-29"))
    assert hit["satellite_launch"].event["actor"]["id"] != "org:canon"
