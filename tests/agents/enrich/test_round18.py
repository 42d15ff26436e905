"""Round 18 of issue 11: space launches as the wires and non-US outlets write them, and negatives that use the
same words (tests/agents/enrich/eval/real.yaml header, "round 18 additions"). Sentences are the pages' own; each
test names the general form it holds."""

from __future__ import annotations

from datetime import datetime, timezone


def _published(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp() + 12 * 3600


def test_a_crew_capsule_that_touched_down_after_a_list_of_names_is_a_return(analyse):
    # the participle "carrying" names the crew, three names with commas; the main verb after them is a landing
    body = ("JIUQUAN, Nov. 14 (Xinhua) -- The return capsule of the Shenzhou-21 spaceship, carrying the Shenzhou-20 "
            "astronauts Chen Dong, Chen Zhongrui and Wang Jie, touched down at the Dongfeng landing site in north "
            "China's Inner Mongolia Autonomous Region on Friday.")
    assert "satellite_launch" not in analyse("China's Shenzhou-21 return capsule touches down on Earth", body,
                                             published=_published("2025-11-14"))
    body = ("The return capsule of the Shenzhou-14 manned spaceship, carrying astronauts Chen Dong, Liu Yang and Cai "
            "Xuzhe, touched the ground at the Dongfeng landing site in north China’s Inner Mongolia.")
    assert "satellite_launch" not in analyse("", body, published=None)


def test_a_launch_told_with_crew_names_still_counts(analyse):
    body = ("A Soyuz spacecraft, carrying Russian cosmonauts Sergey Ryzhikov and Alexey Zubritsky and NASA astronaut "
            "Jonny Kim, lifted off Tuesday from the Baikonur Cosmodrome in Kazakhstan.")
    assert "satellite_launch" in analyse("", body, published=_published("2025-04-08"))


def test_a_hyphened_particle_after_a_trigger_verb_makes_a_noun(analyse):
    # "Send-off ceremony": a farewell before the flight, no sending
    body = ("A send-off ceremony is being held at Jiuquan Satellite Launch Center for three Chinese astronauts set to "
            "travel into space on board the Shenzhou-12 spacecraft.")
    assert "satellite_launch" not in analyse("Shenzhou-12 mission: Send-off ceremony held for astronauts", body,
                                             published=_published("2021-06-17"))


def test_cues_before_an_attempt_at_launching_are_that_attempts(analyse):
    body = ("SEOUL, Nov. 6 (UPI) -- South Korea will send its first military reconnaissance satellite into orbit on "
            "Nov. 30, defense officials confirmed on Monday, amid reports that North Korea is moving ahead with plans "
            "for a third attempt at launching its own spy satellite.")
    assert "satellite_launch" not in analyse("", body, published=_published("2023-11-06"))


def test_an_ing_participle_after_a_comma_has_its_main_clauses_plan(analyse):
    body = ("The GSLV-Mark-III rocket fitted with the cryogenic upper stage is expected to lift off in the first "
            "quarter of this year, carrying a 4-tonne class communication satellite.")
    assert "satellite_launch" not in analyse("", body, published=_published("2017-01-28"))


def test_an_ing_participle_after_a_done_launch_still_counts(analyse):
    body = ("The rocket blasted off at 12:12 p.m. from the Jiuquan Satellite Launch Center on Thursday, carrying the "
            "Shijian-26 satellite.")
    assert "satellite_launch" in analyse("", body, published=_published("2025-05-29"))


def test_a_quantified_or_bare_plural_is_a_kind_not_a_thing_that_flew(analyse):
    body = ("Most rockets used to launch satellites and other objects into space perform controlled re-entrances "
            "aimed at the ocean.")
    assert "satellite_launch" not in analyse("", body, published=None)
    body = ("The space sector contributes to the advancement of industry and daily life in areas such as national "
            "security, disaster prevention and reduction, weather forecasting and others, through information "
            "obtained from artificial satellites launched by rockets.")
    assert "satellite_launch" not in analyse("Strategic Headquarters for Space Development", body,
                                             published=_published("2025-05-30"))
    body = ('"Hainan will make full use of the synergistic advantage of the launch site and policies of the FTP, '
            'striving to build Wenchang into a top-ranking international space city, and to accelerate the '
            'construction of industrial chains of rocket launch, satellite and data," Feng Fei said on Wednesday.')
    assert "satellite_launch" not in analyse("", body, published=_published("2022-07-06"))


def test_satellites_the_sentence_dates_still_count(analyse):
    body = "The satellites launched by the Long March 2D rocket on Sunday entered their preset orbits."
    assert "satellite_launch" in analyse("", body, published=_published("2020-08-24"))


def test_put_together_is_no_orbit_insertion(analyse):
    body = ("On April 5, Japan’s Liberal Democratic Party’s Special Committee on Space and Ocean Development put "
            "together a proposal called “Towards a Space Security Concept and a New Basic Plan for Space.”")
    assert "satellite_launch" not in analyse("", body, published=_published("2023-04-07"))


def test_an_agent_named_by_launched_by_beats_the_rockets_usual_operator(analyse):
    body = ("An H-2A rocket carrying a high-speed Internet satellite named Kizuna was successfully launched from "
            "Tanegashima Space Center in Minami-Tanecho, Kagoshima Prefecture, at about 6 p.m. Saturday.\n\n"
            "The satellite was developed by the Japan Aerospace Exploration Agency and the National Institute of "
            "Information and Communications Technology, and was launched by Mitsubishi Heavy Industries Ltd.")
    hit = analyse("", body, published=_published("2008-02-23"))["satellite_launch"]
    assert hit.event["actor"]["id"] == "org:mitsubishi-heavy"


def test_the_rocket_used_names_the_launcher_not_the_customer(analyse):
    body = ("South Korea successfully launched its third military reconnaissance satellite from the Vandenberg "
            "Space Force Base in California using a SpaceX Falcon 9 rocket, the defense ministry announced.")
    hit = analyse("", body, published=_published("2024-12-22"))["satellite_launch"]
    assert hit.event["actor"]["id"] == "org:spacex"


def test_the_nation_of_a_payload_is_the_customer_not_the_launcher(analyse):
    # the open class of check batch 18: "five British satellites" were ISRO's customers
    body = ("A file photo.\nSRIHARIKOTA, AP (PTI): Riding high on the successful launch of five British satellites "
            "Friday night, Indian Space Research Organisation (ISRO) said it has planned a slew of launches, "
            "including GSLV-Mark II next month and three more navigational satellites before March 2016.")
    hit = analyse("ISRO to launch GSLV-Mark II next month", body, published=_published("2015-07-11"))
    assert hit["satellite_launch"].event["actor"]["id"] == "agency:isro"


def test_a_conditional_orbit_leaves_the_outcome_open(analyse):
    body = ("South Korea launched its first military spy satellite on a SpaceX rocket on Friday, days after North "
            "Korea’s satellite launch.\n\nSeoul's reconnaissance satellite, carried by one of Elon Musk's SpaceX "
            "Falcon 9 rockets, lifted off from the Vandenberg US Space Force Base in California. If it is "
            "successfully put into orbit, South Korea will have acquired its first domestically built spy satellite.")
    hit = analyse("SpaceX launches S. Korea's first military spy satellite", body, published=_published("2023-12-02"))
    assert hit["satellite_launch"].event["outcome"] == "unknown"


def test_targeting_a_launch_aims_at_its_date(analyse):
    # open since round 15: a forecast headline; "rockets targeting Israel were launched" keeps its verb
    hits = analyse("Atlas V targeting Thursday launch; weather 'so-so'",
                   "The forecast calls for a 60 percent chance of acceptable weather.", published=_published("2015-12-01"))
    assert "satellite_launch" not in hits


def test_weapons_targeting_a_place_were_still_launched(analyse):
    body = "Dozens of rockets targeting Israel were launched from Gaza on Tuesday, the military said."
    assert "missile_launch" in analyse("", body, published=_published("2023-10-10"))


def test_a_weekday_the_headline_puts_ahead_stays_ahead_in_the_body(analyse):
    # open since round 15: a Tuesday forecast page, "Friday's launch" is the coming Friday
    body = ("The 191-foot-tall Atlas V rocket is expected to roll out to the pad from the Vertical Integration Facility "
            "at 9 a.m. Wednesday, a ULA official said.\nBut the spacecraft isn't the only notable part of the TDRS-M "
            "mission – Friday's launch marks a return to flight of sorts for Atlas V, which hasn't seen a Space Coast "
            "launch since April when it vaulted an Orbital ATK Cygnus spacecraft to the International Space Station.")
    hits = analyse("Weather OK for Friday Atlas V rocket launch of NASA communications satellite", body,
                   published=_published("2017-08-15"))
    assert "satellite_launch" not in hits


def test_a_weekday_of_a_done_launch_still_counts(analyse):
    body = ("An Atlas V rocket lifted off from Cape Canaveral with a NASA satellite on Friday.\nFriday's launch marks a "
            "return to flight of sorts for Atlas V, grounded since April.")
    assert "satellite_launch" in analyse("Atlas V launches NASA satellite", body, published=_published("2017-08-19"))
