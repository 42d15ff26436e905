"""Events on alerts (issue 11): time words against the publication date, arguments, outcomes.
Pure cores, no broker; sentences are written here to pin behaviour, the real-news figures
are in eval/real.yaml."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from agents.enrich.analysis import alerts, analyze
from agents.enrich.entities import load_extractor
from agents.enrich.events import find_actor, place_in_time
from agents.enrich.rules import RulePack
from agents.enrich.timex import time_mentions
from streams.core.records import Article

REF = date(2023, 3, 16)  # a Thursday
TODAY = date(2026, 11, 29)
PUBLISHED = datetime(2023, 3, 16, 12, tzinfo=timezone.utc).timestamp()


@pytest.fixture(scope="module")
def pack():
    return RulePack.load()


@pytest.fixture(scope="module")
def extractor():
    return load_extractor()


@pytest.mark.parametrize("text, when, age", [
    ("fired on Monday", date(2023, 3, 13), 3),
    ("yesterday", date(2023, 3, 15), 1),
    ("launched on March 3", date(2023, 3, 3), 13),
    ("two weeks ago", date(2023, 3, 2), 14),
    ("next week", None, -1),
    ("in 2006", None, 5919),  # from the end of that year
    ("on this day in 1998", None, 365),
    ("a day after the failed launch", None, 0),
    ("since late December 2013", None, None),
    # round 7: "last <month>" is the month before the current one's; "more than a week ago" is beyond the week
    ("last March", None, 350),
    ("last February", None, 16),
    ("more than a week ago", date(2023, 3, 7), 9),
])
def test_time_words_resolve_against_the_publication_date(text, when, age):
    (m,) = time_mentions(text, REF, TODAY)[:1]
    assert (m.when, m.age) == (when, age)


def analyse(pack, extractor, title, body="", published=PUBLISHED):
    article = Article(id="t", feed_url="", link="", title=title, summary=body, published=published)
    return {h.topic: h for h in alerts(article, extractor, pack)[1]}


@pytest.mark.parametrize("title, body, topics", [
    ("North Korea fires ballistic missile", "North Korea fired a ballistic missile on Monday, Seoul said.",
     {"missile_launch"}),
    ("", "North Korea, which carried out nuclear tests in 2006 and 2009, fired a missile on Monday.",
     {"missile_launch"}),
    ("", "The country conducted its first nuclear test in 2006.", set()),
    ("", "Officials said North Korea will launch a satellite next week.", set()),
    ("", "Desch said the launch of 10 satellites aboard a Falcon 9 rocket will occur in September.", set()),
    ("", "SpaceX already launches Falcon 9 rockets from the pad.", set()),
    ("", "Pyongyang has completed its preparations to conduct the underground nuclear test.", set()),
    ("", "The club will launch and display model rockets at the school fair on Saturday.", set()),
    ("22 Years Since India's Historic Nuclear Test", "", set()),
    # round 6: "today in <year>" is an anniversary; "fifty years after" a span; "the four most
    # recent" ranks a series; a subcritical experiment is no explosion; "missile defence" a compound
    ("", "The Soviet Union launched the first satellite - Sputnik 1 - today in 1957.", set()),
    ("", "Fifty years after Sputnik's launch, more than 800 satellites now orbit the Earth.", set()),
    ("", "Activity continues at the tunnel in which the four most recent nuclear tests have taken place.", set()),
    ("A subcritical nuclear test was conducted by the USA in Nevada", "", set()),
    ("Hit or miss, missile defence test is a key milestone", "", set()),
    # a headline's bare plural after a preposition is a kind of event, and the lead's day is
    # when someone spoke; "away from", a series counted with "recent", "take place"
    ("Macron acknowledges France's debt to Polynesia over nuclear tests",
     "Emmanuel Macron said Tuesday in Papeete that France had a debt to French Polynesia.", set()),
    ("", "North Korea is only a political decision away from carrying out its seventh nuclear test, "
         "a senior U.S. official said Friday.", set()),
    ("", "The imagery showed the tunnel where four of North Korea's recent nuclear tests were initiated.", set()),
    ("", "Space launches are set to take place in the UK after Virgin Orbit was granted licences.", set()),
    ("New U.S. weather satellite with improved camera sends back first images", "", set()),
    ("Rocket Lab pushes back second Electron launch to Sunday", "", set()),
    ("", "NASA will not release a summary of its investigation into the Falcon 9 failure.", set()),
])
def test_what_is_an_event(pack, extractor, title, body, topics):
    assert set(analyse(pack, extractor, title, body)) & {"missile_launch", "satellite_launch", "nuclear_test"} == topics


def test_event_arguments(pack, extractor):
    hit = analyse(pack, extractor, "", "Japan's defence ministry said North Korea fired a Hwasong-18 missile "
                                       "from Sunan on Monday.")["missile_launch"]
    ev = hit.event
    assert ev["actor"] == {"id": "country:KP", "text": "North Korea"}  # not the reporter, Japan
    assert ev["object"]["class"] == "missile" and ev["object"]["id"] == "vehicle:hwasong-18"
    assert ev["site"]["id"] == "site:sunan"
    assert (ev["when"], ev["when_text"]) == ("2023-03-13", "on Monday")


@pytest.mark.parametrize("body, actor", [
    ("Pyongyang said it fired a missile on Monday.", "country:KP"),  # a capital acting for its government
    ("Saudi air defences intercepted a Houthi missile on Tuesday.", "org:houthis"),  # the missile's owner
    ("The Hwasong-15 missile launched early Wednesday flew 950 km.", "country:KP"),  # the vehicle's operator
    ("Talks in Vienna resumed a day after Iran fired a missile.", "country:IR"),
    # a non-state origin names who fired, not the subject that intercepted
    ("Israel's air defences tracked a rocket fired from the Gaza Strip on Sunday toward Sderot.", "org:gaza-militants"),
    # "by Yemen's Houthi rebels": the possessor only locates the agent
    ("A ballistic missile fired by Yemen's Houthi rebels was shot down on Saturday.", "org:houthis"),
    # the backer in "Iran-backed" did not fire; "from rebel-held territory in Yemen" is an origin
    ("Saudi air defences intercepted a missile fired by the Iran-backed Houthi militias on Sunday.", "org:houthis"),
    ("The Saudi-led coalition said Houthi rebels fired a missile at Riyadh on Tuesday.", "org:houthis"),
    ("Saudi air defenses on Thursday intercepted a ballistic missile fired from rebel-held territory in "
     "neighboring Yemen.", "org:houthis"),
    # a dateline says where the copy was filed; a payload whose it was
    ("SEOUL, South Korea (AP) — A ballistic missile was fired on Monday, the military said. North Korea has "
     "conducted 20 launches this year.", "country:KP"),
    # round 7: the agent of "by <gerund>" is the clause's subject, not the nearest name
    ("North Korea marred Japanese Prime Minister Abe's visit to Washington by test-firing a ballistic missile "
     "on Sunday.", "country:KP"),
    # the trigger's "its" points back to the nearest name, though it is what the sentence's verb acted on
    ("The United States imposed sanctions on North Korea on Monday over its latest ballistic missile launch.",
     "country:KP"),
])
def test_the_actor(pack, extractor, body, actor):
    assert analyse(pack, extractor, "", body)["missile_launch"].event["actor"]["id"] == actor


@pytest.mark.parametrize("title, body, topic, outcome", [
    ("", "The rocket carrying a satellite exploded seconds after lift-off on Tuesday.", "satellite_launch", "failure"),
    ("", "Israel's Iron Dome intercepted most of 40 rockets fired from Gaza on Saturday.", "missile_launch",
     "intercepted"),
    ("", "North Korea fired a ballistic missile on Monday that flew 1,000 km.", "missile_launch", "success"),
    ("", "North Korea fired a ballistic missile on Monday. It was not immediately clear how far it flew.",
     "missile_launch", "unknown"),
    ("", "North Korea fired a ballistic missile on Monday, Seoul said.", "missile_launch", "unknown"),
    ("", "Rocket Lab launched its Electron rocket on Friday, its first flight since a mission failure in "
         "September.", "satellite_launch", "success"),
    # round 6: a failure "since a previous mission" is that mission's; a spent stage's return is none
    ("", "A Soyuz rocket carrying three astronauts lifted off on Monday, the first crew since a previous "
         "mission was aborted after a booster failed to separate.", "satellite_launch", "success"),
    ("China's Long March 5B rocket crashes over Indian Ocean",
     "China launched the Wentian science module on a Long March 5B rocket last Sunday. "
     "Its core stage made an uncontrolled reentry on Saturday.", "satellite_launch", "success"),
])
def test_the_outcome(pack, extractor, title, body, topic, outcome):
    hits = analyse(pack, extractor, title, body)
    assert hits[topic].event["outcome"] == outcome
    assert "launch_failure" not in hits and "missile_interception" not in hits  # never alone


def test_interceptor_named_by_by_is_not_the_actor():
    """For an interception the actor owns the missile: "shot down by Israel's Iron Dome" names
    the interceptor, "fired by the Houthis" the shooter."""
    pack, ex = RulePack.load(), load_extractor()
    for text, trigger, want in [
        ("A rocket was shot down by Israel's Iron Dome on Saturday.", "rocket was shot down", None),
        ("Saudi defences intercepted a missile fired by the Houthis on Monday.", "intercepted a missile",
         "org:houthis"),
    ]:
        t0 = text.index(trigger)
        actor = find_actor(pack, text, (0, len(text)), (t0, t0 + len(trigger)), ex.extract(text), 0, from_object=True)
        assert (actor.id if actor else None) == want, text


def test_origin_actor_names_who_launches_from_a_place():
    """``context.origin_actors``: rockets fired from the Gaza Strip were fired by militants."""
    art = Article(id="t", feed_url="", link="", title="",
                  summary="Iron Dome intercepted rockets fired from the Gaza Strip on Sunday.")
    _, hits = analyze(art, load_extractor(), RulePack.load())
    assert [(h.event["actor"] or {}).get("id") for h in hits if h.topic == "missile_launch"] == ["org:gaza-militants"]


def test_origin_actor_is_the_country_of_the_facility_it_came_from():
    """A passive launch "from a facility in central North Korea", reported by the South's
    military: North Korea launched (real text)."""
    art = Article(id="t", feed_url="", link="", title="",
                  summary='The two "unidentified ballistic missiles" were launched on Wednesday afternoon from a '
                          "facility in central North Korea into the waters of the Korean Peninsula's east coast, "
                          "according to the Joint Chiefs of Staff of South Korea.")
    _, hits = analyze(art, load_extractor(), RulePack.load())
    assert [(h.event["actor"] or {}).get("id") for h in hits if h.topic == "missile_launch"] == ["country:KP"]


@pytest.mark.parametrize("title, body, when", [
    # a weekday that modifies another noun dates that noun, not the launch
    ("", "The U.S. fired 59 Tomahawk cruise missiles at a Syrian airfield in response to a Tuesday chemical "
         "weapons attack.", None),
    ("", "North Korea fired a ballistic missile after Sunday's election in the South.", None),
    ("", "The Monday launch of the missile alarmed Japan.", date(2023, 3, 13)),
    # a dateline is when the copy was filed
    ("", "Seoul, March 16 (Jiji Press)--North Korea fired a ballistic missile on Monday, the South Korean "
         "military said.", date(2023, 3, 13)),
    ("", "North Korea on Wednesday fired a ballistic missile into the sea.", date(2023, 3, 15)),
    # a time in a relative clause of a later noun dates that clause's event
    ("", "The United States launched a salvo of 59 cruise missiles on an airfield, in response to a chemical "
         "attack that killed at least 80 people on Monday.", None),
    ("", "North Korea fired a missile that landed in the sea on Wednesday.", date(2023, 3, 15)),
    # a headline states no time; its lead tells the same event with one
    ("Russia launches mass missile strikes against Kyiv",
     "Russia launched a large-scale missile attack against Ukraine in the early hours of Wednesday, officials said.",
     date(2023, 3, 15)),
    # the lead's time of another thing is not the headline's
    ("Russia launches mass missile strikes against Kyiv",
     "The strikes came two days after a drone attack on Monday killed three people.", None),
])
def test_the_events_own_time(pack, extractor, title, body, when):
    hit = analyse(pack, extractor, title, body)["missile_launch"]
    assert hit.event["when"] == (when.isoformat() if when else None)


def test_the_day_of_a_reaction_does_not_date_the_launch():
    text = "The UN Security Council on Wednesday condemned North Korea's launch of a ballistic missile."
    i = text.index("launch")
    assert place_in_time(text, (i, i + 6), REF, TODAY) == (True, None)
    text = "North Korea on Wednesday fired a missile; Japan condemned it."
    i = text.index("fired")
    assert place_in_time(text, (i, i + 5), REF, TODAY)[1].when == date(2023, 3, 15)


@pytest.mark.parametrize("lead, ref", [
    ("JERUSALEM, Dec 22 (NNN-MA'AN) – A missile launched from Yemen early yesterday morning", date(2024, 12, 22)),
    ("Seoul, Dec. 20 (Jiji Press)--North Korea fired", date(2024, 12, 20)),
    ("TOKYO, Dec. 5 (Xinhua) -- The Japanese government", date(2024, 12, 21)),  # too far off: a date, not today
    ("North Korea fired a missile, Dec 22 officials said", date(2024, 12, 21)),  # no dateline
])
def test_a_dateline_a_day_off_the_page_date_is_the_writers_today(lead, ref):
    from agents.enrich.events import ref_date
    published = datetime(2024, 12, 21, 19, 9, tzinfo=timezone.utc).timestamp()
    assert ref_date(published, "Title\n\n" + lead) == ref


def test_a_headline_event_is_dated_by_the_launch_its_lead_names():
    """"supervised Monday's launch ..., KCNA said Saturday": Monday's dates the launch (a weekday
    modifying a launch noun), Saturday the saying."""
    published = datetime(2023, 3, 20, 12, tzinfo=timezone.utc).timestamp()  # a Monday
    hit = analyse(pack=RulePack.load(), extractor=load_extractor(), title="Kim Jong Un oversaw ICBM launch, state media says",
                  body="SEOUL, South Korea (AP) — North Korean leader Kim Jong Un supervised Monday's launch of the "
                       "Hwasong-18 missile, the official Korean Central News Agency said Saturday.",
                  published=published)["missile_launch"]
    assert hit.event["when"] == "2023-03-20" and hit.event["actor"]["id"] == "country:KP"


def test_a_payload_is_not_who_launched(pack, extractor):
    hit = analyse(pack, extractor, "", "MOSCOW — A rocket carrying two American astronauts blasted off on Wednesday "
                                       "from Baikonur. The Soyuz booster reached orbit.")["satellite_launch"]
    assert (hit.event["actor"] or {}).get("id") != "country:US"


@pytest.mark.parametrize("body", [
    "New Delhi, Dec 5 (PTI): A rocket carrying 20 satellites lifted off on Thursday.",
    "NEW DELHI (Reuters) — A rocket carrying 20 satellites lifted off on Thursday.",
])
def test_the_place_a_story_was_filed_from_is_not_the_actor(pack, extractor, body):
    hit = analyse(pack, extractor, "", body)["satellite_launch"]
    assert (hit.event["actor"] or {}).get("id") not in ("country:IN", "org:pti", "org:reuters")


def test_its_before_the_trigger_is_the_sanctioned_state(pack, extractor):
    # real text (24newslanka.com): Pyongyang is where the sanctions fell and whose test it was
    body = ('They say the missile, launched off the east coast, flew about 800km and fell into the water.\n\n'
            'US President Barack Obama earlier imposed new sanctions on Pyongyang, after its recent "illicit" nuclear '
            'test and satellite launch.')
    hit = analyse(pack, extractor, "North Korea has fired ballistic missile into sea", body)["nuclear_test"]
    assert hit.event["actor"]["id"] == "country:KP"


@pytest.mark.parametrize("title, body", [
    # real text (kdvr.com, the Tomahawk strike on Shayrat): the missiles destroyed, they were not destroyed
    ("", 'A U.S. defense official said that 58 of the 59 Tomahawk missiles "severely degraded or destroyed" their '
         "intended targets."),
    ("", "Two U.S. senior military officials said about 20 planes were destroyed in the hail of missiles early Friday."),
    # real text (sophattech.info): the Houston Rockets beat a team, no rocket was brought down
    ("", "In a hard-fought battle, the Rockets took down a formidable opponent, the Golden State Warriors, in their own "
         "building, winning 118-109."),
])
def test_a_missile_that_acts_on_something_else_was_not_intercepted(pack, extractor, title, body):
    hit = analyse(pack, extractor, title, body).get("missile_launch")
    assert hit is None or hit.event["outcome"] != "intercepted"


def test_a_missile_destroyed_in_flight_still_counts(pack, extractor):
    hit = analyse(pack, extractor, "", "Air defences destroyed two cruise missiles over the capital on Monday.")["missile_launch"]
    assert hit.event["outcome"] == "intercepted"


def test_blazes_lit_by_rockets_and_rockets_that_came_down_are_hezbollahs_launch_not_a_failure(pack, extractor):
    # real text (jpost.com): "Fires" is the blazes, lit "by Hezbollah rockets"; "fallen rockets" landed
    title = "Fires ignited in northern Israel by Hezbollah rockets, IDF strikes terrorist targets in Lebanon"
    body = ("Hezbollah launched over 60 rockets into northern Israel, according to the group's affiliated Al-Mayadeen.\n"
            "The IDF carried out a series of strikes in Lebanon on targets belonging to Hezbollah, the military announced "
            "Saturday afternoon.\nIsrael Police later confirmed that there were several fallen rockets in the northern "
            "district which has resulted in several fires being ignited.")
    event = analyse(pack, extractor, title, body)["missile_launch"].event
    assert event["actor"]["id"] == "org:hezbollah" and event["outcome"] != "failure"


@pytest.mark.parametrize("body", [
    # real text (devdiscourse.com): damage done says the missiles went home
    'Russia fired missiles and attack drones at the central Ukrainian region of Poltava overnight, inflicting "some '
    'damage of infrastructure and equipment" at the Myrhorod military airfield, the regional governor said on Saturday.',
    # real text (ynet.co.il): two of the barrage came down inside Israel
    "Air raid sirens sounded in northern Israel shortly after noon on Wednesday as a barrage of rockets was fired from "
    "Lebanon, with two landing inside Israeli territory.",
])
def test_damage_done_or_a_landing_inside_says_the_strike_went_home(pack, extractor, body):
    assert analyse(pack, extractor, "", body)["missile_launch"].event["outcome"] == "success"


def test_damage_the_debris_did_says_nothing_of_the_missiles(pack, extractor):
    # real text (swissinfo.ch): the debris of downed drones or missiles broke the windows
    body = ("Russia also launched three Kh-59 guided missiles during the attack, the air force said in a statement. "
            "The governor of the central region of Cherkasy said debris damaged windows one private business.")
    assert analyse(pack, extractor, "", body)["missile_launch"].event["outcome"] == "unknown"
