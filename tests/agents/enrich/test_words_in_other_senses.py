"""Trigger words in another sense than a launch (issue 11: the false missile alerts of check batch 24, a class that
recurred across check batches; tests/agents/enrich/eval/real.yaml, "words in other senses").

Every sentence is a real page's: the dev items' own (their real.yaml id in the comment) and sentences found with the
search tool's stored pages (their URL in the comment), so that each rule is shaped by the class, not by one page. Each
negative case fails on the code before this change (main 3d74179); the kept forms beside them guard the rule's reach
and pass on both."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from agents.enrich.other_senses import names_a_team, use_names_no_firing
from agents.enrich.timex import in_outlet_name, time_mentions


def _published(day: str | None) -> float | None:
    if day is None:
        return None
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp() + 12 * 3600


# --- "use" that names no firing: a purpose, a state, a kind of weapon -----------------------------------------------

USE_NAMES_NO_FIRING = [
    # c24-us-raytheon-seven-year-missile-deal-stratnewsglobal: a reduced relative describes the weapon's type
    ("Production of AMRAAM missiles — the primary beyond-visual-range air-to-air weapon used by the U.S. Air Force and "
     "Navy — will rise to at least 1,900 units per year.", None),
    # c24-ir-iaea-inspections-deal-scotsman-2012: a purpose
    ("UNITED Nations inspectors are set go back into Iran to investigate whether the country is secretly producing "
     "weapons- grade uranium for use in nuclear missiles.", None),
    # https://procurement952.rssing.com/chan-38789818/article15.html: a state
    ("The SM-3 is an evolutionary design based on the SM-2 air defense missile in use by the United States and some "
     "Allies since the early Seventies.", "2011-03-25"),
    # fr-m51-wednesday-freetvonline: the present passive tells what the missile is for
    ("The M51 missile has been in service since 2010 and is used by the French Navy's nuclear submarines.", None),
    # https://nosi.org/2008/08/17/us-navy-navy-reacts-to-missile-threats/: the participle as an adjective
    ("The weapon outranges any sea-based weapon, including strike aircraft, and is hard to intercept with the most "
     "widely used versions of the Standard Missile, which are designed to hit aircraft.", "2008-08-17"),
]


@pytest.mark.parametrize("body,day", USE_NAMES_NO_FIRING)
def test_use_that_names_no_firing_is_no_launch(analyse, body, day):
    assert "missile_launch" not in analyse("", body, published=_published(day))


USE_AS_FIRING = [
    # https://defence-industry.eu/russia-launches-kinzhal-hypersonic-missiles-at-kiev-in-latest-attack/
    ("Russia used several Kinzhal hypersonic missiles to attack the Ukrainian capital Kiev on Tuesday as its residents "
     "were hit with a heavy barrage in the latest Russian onslaught, the Ukrainian air force said.", "2024-01-02"),
    # https://www.bloombergquint.com/politics/russia-says-it-used-hypersonic-kinzhal-missiles-for-first-time
    ("The Ministry of Defense said the military used Kinzhal (Dagger) missiles on Friday to target the site storing "
     "missiles and aviation ammunition in the village of Delyatyn, outside the city of Ivano-Frankivsk, according to "
     "an emailed statement.", "2022-03-19"),
    # https://www.newsweek.com/ukraine-russia-hypersonic-kinzhal-weapons-1689720
    ("Russia has said that it has used its newest Kinzhal hypersonic missiles for the first time in the Ukraine war, "
     "which if confirmed would signal an escalation by the invading forces.", "2022-03-19"),
]


@pytest.mark.parametrize("body,day", USE_AS_FIRING)
def test_a_finite_use_of_missiles_is_still_a_launch(analyse, body, day):
    assert "missile_launch" in analyse("", body, published=_published(day))


@pytest.mark.parametrize("text,phrase,dated,want", [
    ("uranium for use in nuclear missiles", "use", False, True),
    ("missiles for use on Navy cruisers", "use", True, True),  # a purpose, whatever the date
    ("condemned its use of cruise missiles", "use", False, True),
    ("condemned its use of cruise missiles", "use", True, False),  # a practice with a time of its own: an act
    ("the missiles were used in the attack", "used", False, False),  # a past passive: one act
    ("the missiles Russia used in the attack", "used", False, False),  # a subject before "used": finite
    ("the weapon used by the Navy", "used", False, True),
    ("the weapon used by the Navy", "used", True, False),
])
def test_use_names_no_firing_reads_the_grammar(text, phrase, dated, want):
    vs = text.index(f" {phrase} ") + 1
    o1 = text.index("missiles") + len("missiles") if "missiles" in text else text.index("weapon") + len("weapon")
    assert use_names_no_firing(text, 0, vs, o1, dated) is want


# --- a team named after the weapon ----------------------------------------------------------------------------------

TEAMS = [
    # c24-nba-rockets-tie-threes-record-dreamshake-2019
    ("The story of the game, however, was the Rockets hot outside shooting as the team matched the NBA single-game "
     "record they set earlier this season with 26 threes (at a 42 percent clip!).", "2019-04-03"),
    # https://us.blastingnews.com/sports/2017/05/red-hot-rockets-thrash-spurs-tie-series-at-2-001682005.html
    ("James Harden had 28 points, 12 assists on 10 of 18 shooting, the Rockets shot 52 percent from the field, and 44 "
     "percent from three, and Houston ties up the series at two apiece.", "2017-05-08"),
]


@pytest.mark.parametrize("body,day", TEAMS)
def test_a_team_named_rockets_fires_nothing(analyse, body, day):
    assert "missile_launch" not in analyse("", body, published=_published(day))


ROCKETS_FIRED = [
    # lb-four-rockets-razvanmihalcea-2013
    ("BREAKING: Rockets fired at northern Israel from Lebanon. Iron Dome shoots one down. Developing…", "2013-08-24"),
    # c24-lb-three-rockets-nahariya-jewishtimes: headline capitals, no game words
    ("Rockets Fired From Lebanon Into Northern Israel", None),
    # il-gaza-rockets-sderot-jewishnews
    ("Rockets fired from Gaza intercepted by Iron Dome", None),
]


@pytest.mark.parametrize("title,day", ROCKETS_FIRED)
def test_rockets_fired_in_a_headline_are_still_a_launch(analyse, title, day):
    assert "missile_launch" in analyse(title, "", published=_published(day))


@pytest.mark.parametrize("text,want", [
    # https://www.globaltimes.cn/page/201812/1132932.shtml: headline capitals with a game's words
    ("Rockets sink record 26 three-pointers", True),
    # https://www.pressreader.com/usa/houston-chronicle/20190320/282016148662828
    ("Just as they had days earlier, the Rockets misfired for a half and then blasted their way through the second "
     "half, burying the Atlanta Hawks 121-105.", True),
    ("Rockets Fired From Lebanon Into Northern Israel", False),
    ("the rockets fired at Sderot", False),  # lowercase: the weapon
])
def test_names_a_team(text, want):
    o0 = text.lower().index("rockets")
    assert names_a_team(text, 0, len(text), o0, o0 + len("rockets")) is want


# --- a weekday inside a newspaper's name ----------------------------------------------------------------------------

def test_a_papers_weekday_dates_nothing():
    # https://www.apdnews.com/article/54a2c35 (the failed Trident test was in June of the year before)
    sentence = ("The government \"covered up\" a malfunctioned unarmed test of Britain's Trident missile system, "
                "The Sunday Times reported.")
    assert [m for m in time_mentions(sentence, date(2017, 1, 23), date(2017, 1, 23)) if m.kind == "weekday"] == []


def test_the_weekday_of_a_papers_report_is_not_the_events_day(analyse):
    # https://www.apdnews.com/article/54a2c35: published on the Monday, the paper of the Sunday
    hit = analyse("", "The government \"covered up\" a malfunctioned unarmed test of Britain's Trident missile system, "
                      "The Sunday Times reported.", published=_published("2017-01-23"))
    assert hit["missile_launch"].event.get("when") != "2017-01-22"


@pytest.mark.parametrize("sentence,weekday,want", [
    ("the Mail on Sunday reported", "Sunday", True),
    ("according to the Sunday Telegraph", "Sunday", True),
    ("fired a missile on Sunday, the South Korean military said", "Sunday", False),
    ("fired a missile on Sunday morning", "Sunday", False),
    ("Sunday's launch", "Sunday", False),
])
def test_in_outlet_name(sentence, weekday, want):
    i = sentence.index(weekday)
    assert in_outlet_name(sentence, i, i + len(weekday)) is want
