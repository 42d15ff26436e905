"""An older event retold on its own day (agents/enrich/commemorations.py): a dated page that remembers a launch or a
test tells it in the words of its day (a quotation's "today", the day without its year), and the headline of an
anniversary names the remembered event. Each test holds a real page's sentences (URL in a comment), read on the page's
date; the guards beside them (marked) are live reports of the same forms, right before and after."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest


def _published(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp() + 12 * 3600


# --- a quotation's "today" on a dated page that remembers ---------------------------------------------------------

# c27-in-modi-remembers-pokhran-indiandefensenews-2022 (http://www.indiandefensenews.in/2022/05/pm-modi-remembers-
# 1998-pokhran-tests.html, 12 May 2022): Vajpayee's 1998 statement quoted on the day it is remembered
_POKHRAN = ("New Delhi: Prime Minister Narendra Modi on Wednesday expressed gratitude to brilliant scientists and their "
            "efforts that led to the successful Pokhran tests in 1998.\n\n"
            "Sharing a video clip of the nuclear tests on National Technology Day, the PM also remembered the exemplary "
            "leadership of Atal Bihari Vajpayee saying he \u201cshowed outstanding political courage and "
            "statesmanship.\u201d\n\n"
            "After Operation Smiling Buddha in May 1974, this was the second time India had conducted nuclear "
            "testing.\n\n"
            "In a press conference after the tests, Prime Minister Atal Bihari Vajpayee said: \u201cToday, at 15:45 "
            "hours, India conducted three underground nuclear tests in the Pokhran range. The tests conducted today were "
            "with a fission device, a low yield device and a thermonuclear device.\u201d")


def test_a_quoted_today_on_a_page_that_remembers_is_the_remembered_day(analyse):
    assert "nuclear_test" not in analyse("", _POKHRAN, published=_published("2022-05-12"))


# guards (right before and after): a live report's quoted "today" holding the trigger, on its own dated page with no
# remembrance before it (dev items pk-hatf5-jamali-spacewar-2004, http://spacewar.com/2004/040529112838.ln7kfxuh.html,
# and c26-pk-shaheen3-no-confidence-day-newindian-2022, https://newindian.in/pakistan-test-fires-nuclear-capable-
# shaheen-iii-missile/; each quotation alone, so the hit is the quotation's)
@pytest.mark.parametrize("body, day", [
    ("\"We have successfully test-fired today (the) nuclear-capable 1,500-kilometer (930-mile) range Hatf V missile,\" "
     "military spokesman Major General Shaukat Sultan told AFP.", "2004-05-29"),
    ("\u201cPakistan today conducted a successful flight test of Shaheen-III surface to surface ballistic missile. The "
     "test flight was aimed at revalidating various design and technical parameters of the weapon system,\u201d "
     "Inter-Services Public Relations (ISPR) tweeted.", "2022-04-09"),
])
def test_a_live_quote_of_the_day_still_fires(analyse, body, day):
    assert "missile_launch" in analyse("", body, published=_published(day))


# --- the day without its year on a page that remembers ------------------------------------------------------------

# https://www.thenews.com.pk/latest/477517-youm-e-takbir-pakistan-marks-anniversary-of-nuclear-tests (28 May 2019)
_TAKBIR_TITLE = "Youm-e-Takbir: Pakistan marks anniversary of nuclear tests"
_TAKBIR = ("KARACHI: Pakistanis are observing Youm-e-Takbeer to mark the country's first nuclear tests.\n\n"
           "On May 28, Pakistan carried out five nuclear tests in Chagai, Balochistan  followed by another  test on May "
           "30 in Kharan.")
# https://sundayguardianlive.com/news/recalling-pokhran-test-ii-a-milestone-in-indias-nuclear-aspirations (14 May 2023)
_POKHRAN_II = ("New Delhi: 11 May marked the completion of 25 years of the Pokhran nuclear test II, a landmark event "
               "which proved to be a milestone in the nuclear aspirations of India. A set of five nuclear tests, led by "
               "former President A.P.J. Abdul Kalam, were conducted on 11 and 13 May 1998, in Pokhran in Rajasthan.\n\n"
               "The two nuclear devices detonated simultaneously on 13 May were also in the sub-kiloton range\u20130.5 "
               "kt and 0.3 kt.")


def test_the_anniversarys_day_without_its_year_is_the_remembered_day(analyse):
    assert "nuclear_test" not in analyse(_TAKBIR_TITLE, _TAKBIR, published=_published("2019-05-28"))


def test_a_date_told_again_without_its_year_is_the_older_date(analyse):
    assert "nuclear_test" not in analyse("", _POKHRAN_II, published=_published("2023-05-14"))


# guard (right before and after): a live report's day without its year, an older full date of another day before it
# (http://panafricannews.blogspot.com/2009/05/democratic-people-republic-of-korea.html, 25 May 2009)
def test_a_live_day_without_its_year_after_an_older_date_still_fires(analyse):
    got = analyse("", "Missile launch in the Democratic People's Republic of Korea (DPRK) on April 5, 2009. The DPRK "
                      "conducted an underground nuclear test on May 25.\nSEOUL, May 25 (Reuters) - Following is a full "
                      "text of the English-language report on North Korea's KCNA news agency on Monday saying it had "
                      "conducted a nuclear test:\n\"The Democratic People's Republic of Korea successfully conducted one "
                      "more underground nuclear test on May 25 as part of the measures to bolster up its nuclear "
                      "deterrent for self-defence in every way as requested by its scientists and technicians.",
                  published=_published("2009-05-25"))
    assert "nuclear_test" in got


# --- the headline of an anniversary -------------------------------------------------------------------------------

# https://www.reuters.com/article/us-korea-nuclear-idUSSEO24321020071009 (9 October 2007)
_MIRACLE_TITLE = "Unrepentant North Korea marks \"miracle\" nuclear test"
_MIRACLE = ("SEOUL (Reuters) - North Korea on Tuesday marked the first anniversary of the nuclear test that made it "
            "globally ostracized and the target of painful sanctions by calling it a \u201cgreat miracle\u201d for all "
            "Koreans.")


def test_a_headline_over_an_anniversary_names_the_remembered_test(analyse):
    assert "nuclear_test" not in analyse(_MIRACLE_TITLE, _MIRACLE, published=_published("2007-10-09"))


# guard (right before and after): a lead that tells its own test first, on an anniversary of something else
# (http://www.dimensiontoday.com/tag/korea-peninsula, the 2016 fifth test)
def test_a_headline_over_a_test_on_an_anniversary_still_fires(analyse):
    got = analyse("North Korea celebrated founding anniversary with its fifth and largest nuclear test",
                  "Defying pressure from the U.S. and World community North Korea celebrated it\u2019s 68th anniversary "
                  "of the founding of North Korea in Kim Jong Un\u2019s style by conducting a successful nuclear test.This "
                  "is North Korea\u2019s fifth and largest ever nuclear test. North Korea State Media confirmed that North "
                  "Korea conducted a test explosion of a nuclear warhead at its Punggye-ri nuclear test site.",
                  published=_published("2016-09-09"))
    assert "nuclear_test" in got
