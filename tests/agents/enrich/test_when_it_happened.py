"""When the event happened (issue 11's convention: within about a week of publication; older is no news), in the
forms check batches 25 and 26 showed on first sight and pages found beside them: a month named without its day, a
report "earlier this year", a quotation's "today" on an undated page that tells history, an anniversary's "today",
and a pronoun before an active verb read as what was intercepted. Each test holds the check page's sentence or a
found page's (URL in a comment), and the form that must still fire."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from agents.enrich.timex import time_mentions


def _published(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp() + 12 * 3600


def _only(sentence: str, ref: date | None, kind: str):
    [m] = [m for m in time_mentions(sentence, ref, date(2026, 12, 1)) if m.kind == kind]
    return m


# --- a month named without its day ------------------------------------------------------------------------------

# c26-us-minuteman-november-a-month-back-thewatch-journal-2025 (https://thewatch-journal.com/2025/12/04/u-s-air-force-
# tests-minuteman-iii-missile-as-nuclear-force-modernizes), a page of 4 December 2025 on the launch "on November 5"
_MINUTEMAN = ("The United States Air Force launched a Minuteman III missile across the Pacific Ocean in November 2025 as "
              "part of a nuclear force readiness initiative that coincides with an overhaul of the country's nuclear "
              "arsenal.")


def test_a_month_named_whole_is_older_than_the_week(analyse):
    assert "missile_launch" not in analyse("", _MINUTEMAN, published=_published("2025-12-04"))
    assert _only(_MINUTEMAN, date(2025, 12, 4), "month").history
    # the day named: the week's news (https://www.stripes.com/branches/air_force/2025-11-05/minuteman-iii-test-launch-
    # vandenberg-19664240.html, read on its day)
    got = analyse("", "The Air Force said it successfully launched an unarmed Minuteman III intercontinental ballistic "
                      "missile from Vandenberg Space Force Base early Wednesday, part of regular testing of the "
                      "land-based missiles designed to carry nuclear warheads.", published=_published("2025-11-05"))
    assert "missile_launch" in got


def test_a_months_late_days_and_the_current_month_may_be_the_week():
    assert _only(_MINUTEMAN, date(2025, 12, 4), "month").history
    # https://www.news5cleveland.com/news/national/south-korean-defense-ministry-says-north-korea-has-tested-a-short-range-missile
    # ("the Hwasong-15, which was launched in late November", of 29 November 2017): read on 3 December, its last days
    late = "Experts said the Hwasong-15, which was launched in late November, can likely hit much of the United States."
    assert not _only(late, date(2017, 12, 3), "month").history
    assert _only("The rocket lifted off in December from Jiuquan.", date(2025, 12, 4), "month").age is None


# --- "earlier this year" ----------------------------------------------------------------------------------------

# c25-us-patriot-contract-taskandpurpose-2024 (an undated contract story, the excerpt cut mid-word)
_PATRIOT = "As our colleagues at The War Zone noted earlier this year, Ukraine used a Patriot missile sys"


def test_earlier_this_year_is_older_than_the_week(analyse):
    assert "missile_launch" not in analyse("", _PATRIOT, published=None)
    assert "missile_launch" not in analyse("", _PATRIOT, published=_published("2024-06-20"))
    assert _only(_PATRIOT, date(2024, 6, 20), "this").history
    assert _only("Dish Network, who suffered a serious setback earlier in the year when its satellite failed to reach "
                 "orbit", date(2008, 7, 16), "this").history
    # the year's first days: it may be the past week
    assert not _only(_PATRIOT, date(2024, 1, 5), "this").history
    # this week's report still fires
    got = analyse("", "As the ministry said on Monday, Ukraine fired a Patriot missile at a Russian jet.")
    assert "missile_launch" in got


# --- a quotation's "today" on an undated page that tells history ----------------------------------------------

# c26-pk-chaghi-finest-hour-pakistanipages-2012 (http://pakistanipages.blogspot.com/2012/06/pakistan-youm-e-takbeer-28-
# may-1998.html, published: null)
_CHAGHI = ("On 28 May 1998, at 3:16 pm Pakistan conducted its first nuclear test in Chaghi, Balochistan. Pakistan "
           "detonated five nuclear devices in total. The time has been termed as \"Pakistan's Finest Hour\".\n"
           "In an TV address to the nation, the then Prime Minister of Pakistan,\nNawaz Sharif congratulated the "
           "Pakistani nation and said that \"Today, we\nhave settled a score and have carried out 5 successful nuclear "
           "tests.\"\nPakistan had become the world's 7th nuclear power and the first\nnuclear weapons state in the "
           "Islamic World. Two days later, Pakistan\nconducted its sixth nuclear test at Kharan, a flat desert valley "
           "150 km\nto the south of the Ras Koh Hills.")
# http://www.indiandefensenews.in/2022/05/pm-modi-remembers-1998-pokhran-tests.html, its body read without its date
_POKHRAN = ("After Operation Smiling Buddha in May 1974, this was the second time India had conducted nuclear testing.\n"
            "In a press conference after the tests, Prime Minister Atal Bihari Vajpayee said: \"Today, at 15:45 hours, "
            "India conducted three underground nuclear tests in the Pokhran range. The tests conducted today were with "
            "a fission device, a low yield device and a thermonuclear device.\"")


@pytest.mark.parametrize("body", [_CHAGHI, _POKHRAN])
def test_a_quoted_today_is_the_speakers_day(analyse, body):
    assert "nuclear_test" not in analyse("", body, published=None)
    # no older year before the quotation: the quote is the news
    assert "nuclear_test" in analyse("", "North Korea said on Tuesday: \"Today, we have carried out a successful "
                                         "nuclear test.\"", published=None)
    # a dated page's quoted "today" is its day
    assert "nuclear_test" in analyse("", "In May 1974 India tested its first device.\nKim said: \"Today, we have "
                                         "carried out a successful nuclear test.\"")


# --- an anniversary's "today" -----------------------------------------------------------------------------------

# c25-pk-silver-jubilee-jasarat-2023 (https://www.jasarat.com/en/nation-celebrates-silver-jubilee-of-nuclear-tests-
# today/, published: null)
_JUBILEE_TITLE = "Nation celebrates silver jubilee of nuclear tests today"
_JUBILEE = ("Nation celebrates silver jubilee of nuclear tests today\n\n\nhe nation is fervently celebrating "
            "Youm-e-Takbeer today (Sunday), which marks the historic day when Pakistan conducted successful nuclear "
            "tests in the hills of Chaghai 25 years ago.\n\nWith the tests, Pakistan became the seventh nuclear-armed "
            "country in the world and the first in the Islamic world.\n\nYoum-e-Takbeer is considered a red-letter day "
            "in Pakistan's history which ensured invincible defence capabilities and regional stability through power "
            "equilibrium.\n\nCongratulating the nation for being a nuclear-armed country, he said that Pakistan "
            "conducted the nuclear tests in response to India's declaration of possessing atomic warheads.")


def test_an_anniversarys_today_is_the_celebrations(analyse):
    assert "nuclear_test" not in analyse(_JUBILEE_TITLE, _JUBILEE, published=None)
    # https://spacenews.com/isro-celebrates-silver-jubilee-of-aryabhata-launch/ (undated)
    assert "satellite_launch" not in analyse("", "The ISRO Satellite Centre, Bangalore, today celebrated the Silver "
                                                 "Jubilee of the launch of India's first satellite 'Aryabhata'. To "
                                                 "commemorate the event, a function was organised at the Centre.",
                                             published=None)
    # https://archive.dnd.com.pk/nation-celebrate-youm-e-takbeer-wednesday/67912 (undated): the day "marked"
    assert "nuclear_test" not in analyse("", "ISLAMABAD: The nation is celebrating Youm-e-Takbeer on Wednesday with "
                                             "national fervour and great enthusiasm to mark the day of nuclear tests "
                                             "carried by Pakistan on May 28, 1998.\nThe historic nuclear tests "
                                             "conducted by the country in Chaghi in response to Indian explosions "
                                             "made Pakistan the seventh nuclear nation of the world.", published=None)
    # an anniversary of no launch or test dates the sentences after it as usual
    got = analyse("", "North Korea celebrated the anniversary of the founding of its army on Tuesday.\nThe North also "
                      "fired a ballistic missile into the sea, Seoul's military said.")
    assert "missile_launch" in got
    # a launch told before the anniversary is the sentence's own, on the anniversary (a written form)
    got = analyse("", "Sunday's launch came on the 60th anniversary of Sputnik's launch.\nThe Soyuz rocket lifted off "
                      "from Baikonur carrying a Progress cargo ship to the space station.",
                  published=_published("2017-10-09"))
    assert "satellite_launch" in got


# --- a pronoun before an active verb is its subject -------------------------------------------------------------

# c25-us-firefly-after-failure-slashgear-2025 (https://www.slashgear.com/1994536/firefly-first-launch-after-explosion-
# failure/, 14 October 2025, of the flight "on April 29")
_FIREFLY = ("This intense heating was made worse because the rocket was flying a steeper ascent angle than on its "
            "previous missions to meet the payload's delivery requirements. All these factors together caused the "
            "first stage to rupture mere milliseconds after separating. The resulting pressure wave then hit the "
            "rocket's second stage, which destroyed the nozzle extension on its single Lightning engine and severely "
            "cut its thrust.")


def test_a_pronoun_before_an_active_verb_is_no_interception(analyse):
    assert "missile_launch" not in analyse("", _FIREFLY, published=_published("2025-10-14"))
    got = analyse("", "Russia fired 40 missiles at Kyiv on Tuesday, most of which were intercepted.")
    assert got["missile_launch"].event["outcome"] == "intercepted"


# --- a span written with a teen ------------------------------------------------------------------------------------

# c29-pk-five-n-tests-chagai-rediff-1998 (https://www.rediff.com/news/1998/may/28bomb.htm), a page of 28 May 1998
_CHAGAI = ("Sixteen days after India detonated a nuclear device, and after days of fudging before American officials, "
           "Pakistan finally exploded five nuclear devices on Thursday at 1523 hours local time.")


@pytest.mark.parametrize("words, days", [("Sixteen days after", 16), ("thirteen weeks after", 91),
                                         ("nineteen years after", 19 * 365)])
def test_a_span_written_with_a_teen_is_read(words, days):
    assert _only(f"{words} the first test, another followed.", date(1998, 5, 28), "after").span == days


def test_the_event_a_teen_span_puts_before_the_news_is_not_the_news(analyse):
    hit = analyse("Pakistan conducts five N-tests", _CHAGAI, published=_published("1998-05-28"))["nuclear_test"]
    assert hit.event["actor"]["id"] == "country:PK"
