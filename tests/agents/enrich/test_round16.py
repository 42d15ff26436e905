"""Round 16 of issue 11: classes found on fresh defence pages (missile and nuclear news from many outlets,
tests/agents/enrich/eval/real.yaml header, "round 16 additions"). Sentences are the pages' own; each
test names the general form it holds."""

from __future__ import annotations

from datetime import datetime, timezone


def _published(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp()


# real.yaml's outcome convention: a partly intercepted barrage is intercepted, whatever hit beside it (round 16 had the
# part that got through decide it)
def test_only_some_of_a_barrage_intercepted_is_intercepted(analyse):
    body = ("The IDF Spokesperson's Unit reported on Saturday that Hezbollah fired at least 10 rockets toward Haifa "
            "with only some of them being intercepted by the Iron Dome. The hit damaged the local \"Avot U'Banim\" "
            "synagogue in the city")
    hit = analyse("", body, published=_published("2024-10-19"))["missile_launch"]
    assert hit.event["outcome"] == "intercepted"


def test_intercepting_multiple_rockets_of_a_barrage_that_hit_is_intercepted(analyse):
    body = ("Dozens of rockets were launched from Lebanon toward northern Israeli communities Friday evening, hitting "
            "areas in the western Galilee that were not evacuated during the war.\n"
            "The Iron Dome air defense system intercepted multiple rockets over the Upper Galilee following the "
            "barrage. Sirens blared in Ma'alot Tarshiha and several nearby communities.\n"
            "Nine rockets launched from Lebanon fell in the Ga'aton area, with seven exploding in unpopulated areas.")
    hit = analyse("Hezbollah fires dozens of rockets, striking deep into northern Israel", body,
                  published=_published("2024-10-04"))["missile_launch"]
    assert hit.event["outcome"] == "intercepted"


def test_a_hit_told_with_an_adverb_or_as_a_score_is_a_success(analyse):
    for title, body in [
        ("Iran launches wave of missiles at Israel",
         "Iran launched a wave of missiles at Israel on Tuesday. Israel media said more than 200 rockets and "
         "missiles were fired from Iran towards Israel, with several directly hitting Israeli cities."),
        ("Ukraine Missile Strike Scores Hit on Flagship of the Russian Black Sea Fleet",
         "Earlier today Ukrainian forces scored a hit on the Russian cruiser Moskva (Moscow) with domestically "
         "produced \"Neptune\" anti-ship missiles."),
        ("Iran Launches Barrage of Missiles and Drones at Israel, Mostly Thwarted by Air Defense Systems",
         "Air raid sirens blared across Israel on Saturday evening as Iran launched a barrage of more than 300 "
         "missiles and drones at the country in a retaliatory attack. Only a few ballistic missiles managed to land "
         "in the country, causing minor damage to one military base."),
    ]:
        hit = analyse(title, body, published=_published("2024-10-01"))["missile_launch"]
        assert hit.event["outcome"] == "success", title


def test_the_name_right_before_an_object_told_first_is_its_owner(analyse):
    body = ("Israeli media reported a Houthi missile was intercepted en-route to the Jewish state as the Iran-backed "
            "group continues its almost daily attacks.")
    hit = analyse("Houthi missile falls short of Israel as attacks continue", body,
                  published=_published("2025-05-12"))["missile_launch"]
    assert hit.event["actor"]["id"] == "org:houthis"


def test_a_launch_agent_in_the_lead_beats_the_defender_named_first(analyse):
    body = ("Israel's air defenses intercepted a ballistic missile launched by Yemen's Houthi rebels, backed by Iran, "
            "the military confirmed Tuesday. The missile triggered nationwide alarms but caused no casualties or damage "
            "after being neutralized outside Israeli territory.")
    hit = analyse("Ballistic missile fired at Israel intercepted by air defenses", body,
                  published=_published("2024-07-23"))["missile_launch"]
    assert hit.event["actor"]["id"] == "org:houthis"


def test_a_verb_in_a_definitions_predicate_is_no_event(analyse):
    body = ("An intercontinental ballistic missile (ICBM) is a long-range weapon used to deliver warheads to distant "
            "targets.\nIt is a type of ballistic missile, which are powered and guided toward a target but fall onto "
            "to it under gravity.")
    assert "missile_launch" not in analyse("WHAT IS AN ICBM?", body, published=_published("2018-08-01"))


def test_the_agents_name_after_by_is_no_noun_compound_cue(analyse):
    body = ("New Delhi: The new generation ballistic missile Agni-Prime was successfully flight-tested by Defence "
            "Research and Development Organisation (DRDO) and Strategic Forces Command (SFC) from Dr APJ Abdul Kalam "
            "Island off the coast of Odisha at around 7 pm on Wednesday.")
    hit = analyse("", body, published=_published("2024-04-04"))["missile_launch"]
    assert hit.event["actor"]["id"] == "agency:drdo"


def test_the_same_verb_on_the_named_object_retells_the_dated_event(analyse):
    body = ("Ewen MacAskill looks at the details of the test off Florida last year and the political implications of "
            "its failure\n\nWhat is at issue?\n\nIn June last year, the Royal Navy test-fired an unarmed Trident II D5 "
            "ballistic missile. The weapon is 13 metres long, weighs 60 tonnes and can carry nuclear warheads with up to "
            "eight times the destructive capacity of the bombs that hit Hiroshima and Nagasaki in the second world war. "
            "The navy likes to boast about the missile's accuracy: it can hit a target 4,000 nautical miles away and be "
            "accurate to within a few metres.\n\nThe problem is that when HMS Vengeance, one of the UK's four nuclear "
            "submarines, test-fired the missile off the coast of Florida, the missile was not out by a few metres but "
            "several thousand miles.")
    assert "missile_launch" not in analyse("How did the Trident test fail and what did Theresa May know?", body,
                                           published=_published("2017-01-23"))


def test_who_made_or_supplied_the_missiles_is_not_who_fired_them(analyse):
    body = ("Kiev's forces have attempted to attack Crimea with ATACMS supplied by Washington, the Russian military has "
            "said\nRussian air defenses have shot down four US-manufactured long-range missiles over Crimea, according "
            "to the Defense Ministry in Moscow.")
    hit = analyse("", body, published=_published("2024-05-05"))["missile_launch"]
    assert (hit.event["actor"] or {}).get("id") != "country:US"


def test_explosions_heard_and_a_denied_landing_tell_no_outcome(analyse):
    body = ("At least two rockets were fired towards Tel Aviv, Israel from Gaza Thursday evening; prompting authorities "
            "to sound the nationwide warning sirens for the first time since 2014.\n\nTwo sirens blared as loud "
            "explosions boomed in Tel Aviv, the Jerusalem Post reported.\n\nDespite the apparent activation of Israel's "
            "Iron Dome air defence system, the military said no rockets were shot down nor landed in any built-up areas.")
    hit = analyse("Rockets fired from Gaza at Tel Aviv, explosions heard: Israeli military, witnesses", body,
                  published=_published("2019-03-14"))["missile_launch"]
    assert hit.event["outcome"] == "unknown"


def test_a_destroyed_target_is_a_success(analyse):
    body = ("BrahMos, the supersonic cruise missile, on Wednesday lifted off from the Indian Naval ship \"Rajput' speeding "
            "in the Bay of Bengal and destroyed a target on an uninhabited island in the Nicobar group of islands.")
    hit = analyse("BrahMos test-fired", body, published=_published("2008-03-06"))["missile_launch"]
    assert hit.event["outcome"] == "success"


def test_an_interception_with_no_launcher_in_its_sentence_takes_the_attacker_the_article_names(analyse):
    body = ("Russia launched an overnight air attack against Ukraine on Sunday, sending missiles over Kyiv and other "
            "parts of the country, authorities said.\n\nThe Ukrainian military reported shooting down four cruise "
            "missiles of up to eight total airborne targets detected, adding that the rest of the targets were "
            "\"probably false\".")
    hit = analyse("Russia sends in elite troops to stop Ukrainian breakthrough", body,
                  published=_published("2023-08-27"))["missile_launch"]
    assert hit.event["actor"]["id"] == "country:RU"


def test_an_interception_takes_no_defender_for_the_launcher(analyse):
    body = ("Saudi Arabia says it has intercepted a missile that is heading towards the country's capital, Riyadh, on "
            "Wednesday. Interception has been possible using the Patriot missile defense system, Col. Turki Al-Malki, a "
            "spokesman for the Arab Coalition, told CNN.")
    hit = analyse("Saudi Arabia intercepts a missile aimed at its capital", body,
                  published=_published("2018-06-20"))["missile_launch"]
    assert hit.event["actor"] is None
