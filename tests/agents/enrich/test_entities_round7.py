"""Entities round 7 of issue 11: key-entity classes missed on 66 fresh real-news excerpts
(tests/agents/enrich/eval/real.yaml header, "entities round 7 additions"), tested on the excerpts' own
sentences, each named by its general form."""

from __future__ import annotations

import pytest


def texts(extractor, text: str) -> set[str]:
    return {e.text for e in extractor.extract(text)}


def ids(extractor, text: str) -> set[str]:
    return {e.id for e in extractor.extract(text) if e.id}


# --- how far the model-free tier reads -------------------------------------------------------------

def test_the_rule_tier_reads_past_the_statistical_lede(extractor):
    # a wire story names the minister who congratulated the team after its lede: the rule tier's
    # people, bodies and craft are found to 1,600 characters, not the statistical tier's 800
    body = ("Ajay Banerjee\nNew Delhi, April 5\nIndia successfully flight-tested the new generation nuclear-capable "
            "ballistic missile 'Agni-Prime' from the APJ Abdul Kalam Island off the coast of Odisha.\nThe Ministry of "
            "Defence said on Thursday that the Strategic Forces Command (SFC), along with Defence Research and "
            "Development Organisation (DRDO), conducted the successful flight-test of New Generation Ballistic "
            "Missile Agni-Prime from Dr APJ Abdul Kalam Island off the coast of Odisha on Tuesday around 7 pm.\n"
            "The test met all the trial objectives validating its reliable performance, as confirmed from the data "
            "captured by a number of range sensors deployed at different locations, including two ships placed at "
            "the terminal point. The launch was witnessed by the Chief of Defence Staff, Chief of Strategic Forces "
            "Command and senior officials from DRDO and the Indian Army.\nDefence Minister Rajnath Singh has "
            "congratulated DRDO, SFC and the Armed Forces for the successful test.")
    assert body.index("Rajnath Singh") > 800
    assert "Rajnath Singh" in texts(extractor, body)


# --- ships -----------------------------------------------------------------------------------------

def test_a_ship_named_right_after_the_noun_of_its_kind(extractor):
    # "the merchant vessel <Name>", "the <flag>-owned bulk carrier <Name>", "the <flag>-flagged <Name>"
    body = ("Eight people were injured, two of them fatally, when Yemeni missiles struck the merchant vessel True "
            "Confidence in the Gulf of Aden, the US military said on Wednesday.")
    assert "True Confidence" in texts(extractor, body)
    body = ("Earlier this week, the British-owned bulk carrier Rubymar sank in the Gulf of Aden, almost two weeks "
            "after being struck by Houthi missiles and evacuated.")
    assert "Rubymar" in texts(extractor, body)
    body = ("On 18 February 2024, Houthi rebels launched a missile attack on the Belize-flagged Rubymar Cargo ship "
            "traveling in the Bab el-Mandeb Strait that links the Red Sea to the Gulf of Aden.")
    assert "Rubymar" in texts(extractor, body)
    body = ("The Joint Maritime Information Center (JMIC), run by a 45-member international naval coalition, "
            "identified the vessel as the Liberia-flagged crude oil tanker Delta Atlantica.")
    assert "Delta Atlantica" in texts(extractor, body)


def test_a_place_inside_a_ships_name_is_the_ship(extractor):
    # "INS Chennai" is a destroyer, not the city; "Gibraltar Eagle" a container ship (round 6's open case)
    body = "The missile was launched from Indian Navy's indigenously built stealth destroyer INS Chennai."
    assert "INS Chennai" in texts(extractor, body)
    assert "city:1264527" not in ids(extractor, body)
    body = ("Earlier on Monday, the US Central Command said the Marshall Islands-flagged container ship Gibraltar "
            "Eagle, owned and operated by a US shipping company, was hit by a Houthi missile at 4 p.m. local time.")
    assert "Gibraltar Eagle" in texts(extractor, body)


# --- gazetteer data --------------------------------------------------------------------------------

def test_flag_states_by_their_demonym(extractor):
    # shipping news names the flag or the owner's state by its demonym ("Liberian-owned", "Panamanian-flagged")
    body = ("The attack on the Liberian-owned bulk carrier True Confidence further escalates the conflict on a "
            "crucial maritime route linking Asia and the Middle East to Europe that has disrupted global shipping.")
    assert "country:LR" in ids(extractor, body)
    body = ("Iranian-backed Houthis launched one anti-ship ballistic missile (ASBM) into the Red Sea and struck M/T "
            "Wind, a Panamanian-flagged, Greek owned and operated oil tanker.")
    assert {"country:PA", "country:GR"} <= ids(extractor, body)


def test_held_things_under_another_spelling(extractor):
    # the gazetteer holds them; news spells them its own way
    body = ("A crude oil tanker was struck by a missile off the coast of Yemen's southwestern city of Mokha, near the "
            "strategic Bab al-Mandeb strait, according to maritime security firm Ambrey on Saturday.")
    assert "place:bab-el-mandeb" in ids(extractor, body)
    body = ("The U.K. Maritime Trade Operations reported on 19 February that the ship was anchored in the strait and "
            "the crew members are safe and unharmed.")
    assert "org:ukmto" in ids(extractor, body)
    body = ("The statement on the website further said that the satellite 'Noor' or light was deployed from a "
            "satellite launcher called Qassed, meaning 'messenger', deployed in the Markazi Desert.")
    assert {"spacecraft:noor", "vehicle:qased"} <= ids(extractor, body)
    body = ("The official Saudi news agency SPA quoted Colonel Turki Al Maliki as saying that at exactly 8:07pm local "
            "time (17:07 GMT), a ballistic missile was fired from Yemeni territory towards the kingdom.")
    assert "org:spa" in ids(extractor, body)


def test_bodies_and_outlets_launch_and_strike_news_cites(extractor):
    body = ("NESCOM chairman Raza Samar who witnessed the training launch, appreciated the standard of training and "
            "operational preparedness of Army Strategic Forces.")
    assert "agency:nescom" in ids(extractor, body)
    body = ("The headquarters of Russia's Black Sea fleet in occupied Crimea was hit in a Ukrainian missile strike on "
            "Friday, local authorities said.")
    assert "agency:black-sea-fleet" in ids(extractor, body)
    body = ("Meanwhile, Hezbollah's Al Manar network reported that over 30 rockets were fired into Israel in the first "
            "barrage. The Magen David Adom ambulance services said that it did not receive any immediate reports of "
            "casualties.")
    assert {"org:al-manar", "org:magen-david-adom"} <= ids(extractor, body)


# --- facilities ------------------------------------------------------------------------------------

def test_an_airport_named_after_a_king_is_no_person(extractor):
    # "King" is a title before a person, but a place's head ends the name: the airport, not "Khaled Airport"
    body = ("It was the second ballistic missile fired from Yemen this month, after an earlier rocket was brought "
            "down near King Khaled Airport on the northern outskirts of the capital Riyadh.")
    found = {e.text: e.label for e in extractor.extract(body)}
    assert "King Khaled Airport" in found and found["King Khaled Airport"] != "PERSON"
    assert "Khaled Airport" not in found


def test_airport_is_no_town(extractor):
    # GeoNames holds a US town called Airport: "... Airport" in any name made the article American
    body = ("Israel's defenses with the most recent being a rocket that struck near Ben Gurion Airport in Tel Aviv on "
            "May 4.")
    assert "country:US" not in ids(extractor, body)


# --- people ----------------------------------------------------------------------------------------

def test_a_person_after_a_role_of_a_named_body(extractor):
    # "<role> of the <body's own name, ended by a state body's head> <Given> <Surname>", no comma
    body = "This was reported by the head of the Kharkiv Regional Military Administration Oleh Synyehubov."
    assert "Oleh Synyehubov" in texts(extractor, body)
    body = ("Iran will send a series of military satellites into orbit over the coming years, Space Commander of the "
            "Revolutionary Guards' Aerospace Force Ali Jafarabadi said on Tuesday, the semi-official Fars news agency "
            "reported.")
    assert "Ali Jafarabadi" in texts(extractor, body)


def test_university_is_no_town(extractor):
    # GeoNames holds a Florida town called University: a satellite named after a university made the article American
    body = ("Five commercial satellites were aboard Monday's flight. Tianjin University-1 is an infrared remote sensing "
            "satellite developed by Changguang Satellite Technology, a Changchun-based remote sensing constellation "
            "operator and spinoff from the Chinese Academy of Sciences' CIOMP.")
    assert "country:US" not in ids(extractor, body)


# --- craft -----------------------------------------------------------------------------------------

def test_craft_named_with_their_designation_after_a_plural_noun(extractor):
    body = ("Indian rocket Polar Satellite Launch Vehicle (PSLV) lifted off successfully with two British satellites, "
            "NovaSAR and S1-4, from the rocket port at the Satish Dhawan Space Centre, Sriharikota in Andhra Pradesh.")
    assert {"NovaSAR", "S1-4"} <= texts(extractor, body)


def test_a_sentences_subject_defined_as_a_craft(extractor):
    # "<Name> is a <modifiers> satellite built by", "<Name> and <Name> are <modifiers> satellites developed by"
    body = ("GX5 is a mobile telecommunications satellite built by Thales Alenia Space for the British operator "
            "Inmarsat.")
    assert "GX5" in texts(extractor, body)
    body = ("Five commercial satellites were aboard Monday's flight. Lize-1 and Baoyun are scientific experiment "
            "satellites developed by Changsha-based Spacety.")
    assert {"Lize-1", "Baoyun"} <= texts(extractor, body)
    # a craft noun that qualifies another defines no craft
    assert "Orienspace" not in {e.text for e in extractor.extract("Orienspace is a rocket company based in Beijing.")
                                if e.label == "PRODUCT"}


def test_a_person_before_a_title_case_role_of_a_body(extractor):
    # "<Given> <Surname>, <Title-case role> from/of <body>": the role set off after the name
    body = ("The projectile may have landed in Japan's Exclusive Economic Zone, Takahiro Hirano, Public Affairs "
            "Officer from Japan's Ministry of Defense told CNN.")
    assert "Takahiro Hirano" in texts(extractor, body)
    body = ("The declaration of 29 August as the International Day against Nuclear Tests is an acknowledgement of the "
            "need to halt nuclear testing once and for all, Tibor Tóth, Executive Secretary of the Preparatory "
            "Commission for the Comprehensive Nuclear-Test-Ban Treaty Organization (CTBTO), said.")
    assert "Tibor Tóth" in texts(extractor, body)


def test_package_places_by_the_names_news_gives_them(extractor):
    # an oblast named after its capital, a city news spells its own way, a big city of four letters
    body = ("Four Russian S-300 missiles hit a civilian enterprise in the city of Kharkiv overnight on Sept. 17, "
            "Kharkiv Oblast governor Oleh Syniehubov reported.")
    assert {"region:UA-63", "city:706483"} <= ids(extractor, body)
    body = ("They noted the incident occurred 76 nautical miles (140 kilometers) off Yemen's Hodeidah but did not "
            "specify the type of vessel involved.")
    assert "city:79415" in ids(extractor, body)
    body = ("The UK Maritime Trade Operations (UKMTO) reported that the missile exploded in waters about 60 miles "
            "southwest of the Yemeni city of Aden on January 26.")
    assert "city:415189" in ids(extractor, body)


def test_towns_listed_after_a_plural_noun_of_places(extractor):
    # "communities in northern Israel, including <A>, <B>, <C>": small towns no list holds
    body = ("Incoming air raid sirens sounded in multiple communities in northern Israel, including Meron, Sasa, "
            "Tziv'on, Bar'am, Bar Yohai, Marom HaGalil Regional Center, Gush Halav - Jish, Or HaGanuz, Kfar Hoshen - "
            "Safsufa. The attack targeted the Mount Meron air traffic control base.")
    found = {e.text: e.label for e in extractor.extract(body)}
    assert all(found.get(t) == "GPE" for t in ("Meron", "Sasa", "Tziv'on", "Bar'am", "Bar Yohai"))


def test_cities_in_the_spelling_news_uses(extractor):
    body = ("Bhubaneshwar (Odisha) [India], April 4 (ANI): The Strategic Forces Command (SFC), along with the Defence "
            "Research and Development Organisation (DRDO), conducted a successful test flight of the next-generation "
            "ballistic missile Agni-Prime from Dr APJ Abdul Kalam Island off the coast of Odisha around 7 pm on Wednesday.")
    assert "city:1275817" in ids(extractor, body)


def test_a_person_after_a_role_in_a_body_set_off_by_commas(extractor):
    # "<role> in <body>, <Name>, <verb>": "in" places the role as "of", "at" and "for" do
    body = ("Manmohan Singh, who along with Minister in Prime Minister's Office, V. Narayanasamy, witnessed the launch, "
            "congratulated ISRO scientists and engineers and EADS Astrium of France and Osaka Institute of Technology of "
            "Japan for the successful launch of their satellites.")
    assert "V. Narayanasamy" in texts(extractor, body)


# --- spellings of listed bodies that the gazetteer lacked (dev misses after round 7) ---------------

@pytest.mark.parametrize("text, want", [
    ("The commander of the Islamic Revolution Guards Corps (IRGC) Hossein Salami has told local media on Saturday.",
     "agency:irgc"),
    ("Two Earth-observation satellites lost in Rocketlab launch failure", "org:rocket-lab"),
    ("The Missile Defence Agency (mda), together with the US Army, has successfully test fired a terminal "
     "high-altitude area defense interceptor.", "agency:mda"),
    ("The test took place at 5:35 p.m. Wednesday at the recently renamed Nevada National Security Site, NNSA "
     "spokesman Darwin Morgan said.", "agency:nnsa"),
])
def test_news_spellings_of_listed_bodies(extractor, text, want):
    # British spelling, a translated "Revolution Guards", a firm's name run together, an acronym
    assert want in ids(extractor, text)


@pytest.mark.parametrize("text, want", [
    # check batch 18's misses in spellings the lists lacked, and leaders named without a title
    ("Rockets fell in Beer Sheva and Ashdod on Monday.", "city:295530"),
    ("Satellite imagery shows tunnelling at the P'unggye nuclear site.", "site:punggye-ri"),
    ("\"The successful test firing of Agni-V is the result of the hardwork of scientists,\" Modi said.",
     "person:narendra-modi"),
    ("\"The international community must respond,\" said Nikki Haley, the US ambassador to the UN.",
     "person:nikki-haley"),
    ("Kishida told reporters the launch was a grave threat.", "person:fumio-kishida"),
])
def test_leaders_and_place_spellings_of_check18(extractor, text, want):
    assert want in ids(extractor, text)


def test_a_surname_that_is_a_common_word_is_no_leader(extractor):
    # "May" the month, "Moon" the body: only the full names are listed
    assert not ids(extractor, "The rocket will fly to the Moon in May.") & {"person:theresa-may", "person:moon-jae-in"}


@pytest.mark.parametrize("text, absent", [
    ("Sirens sounded in the Modi’in Illit Jewish settlement.", "person:narendra-modi"),
    ("Sirens sounded in Modi'in on Tuesday.", "person:narendra-modi"),
])
def test_a_listed_name_glued_to_a_word_by_an_apostrophe_is_another_word(extractor, text, absent):
    # the town of Modi'in is not Modi; "Modi's government" still is (the possessive and contractions)
    assert absent not in ids(extractor, text)
    assert absent in ids(extractor, text.replace("Modi’in Illit", "Modi’s").replace("Modi'in", "Modi's office"))
