"""Classes found by check batch 18 of issue 11 (tests/agents/enrich/eval/real.yaml header, "check batch 18"): fresh
real pages measured once on the merged code of the session, then fixed in general form. Sentences are the pages' own."""

from __future__ import annotations

from datetime import date, datetime, timezone

from agents.enrich.timex import RECENT_DAYS, time_mentions


def _published(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp()


def test_earlier_this_month_late_in_a_month_is_further_back_than_the_week(analyse):
    # middleeasteye.net, 30 March 2022: the Erbil strike was on 13 March
    body = ("The announcement follows an Iranian missile attack on Erbil, Iraq, earlier this month, when a dozen "
            "ballistic missiles were launched at the city.")
    assert "missile_launch" not in analyse("US sanctions suppliers to Iran's ballistic missile programme", body,
                                           published=_published("2022-03-30"))


def test_earlier_this_month_early_in_a_month_may_be_this_week():
    [late] = time_mentions("a missile attack earlier this month", date(2022, 3, 30), date(2022, 3, 30))
    [early] = time_mentions("a missile attack earlier this month", date(2022, 3, 6), date(2022, 3, 6))
    [plain] = time_mentions("the ninth time this month", date(2022, 3, 30), date(2022, 3, 30))
    assert late.age == RECENT_DAYS + 1 and late.history
    assert early.age is None and plain.age is None


def test_launches_to_watch_are_a_list_of_launches_ahead(analyse):
    # parabolicarc.com, 3 January 2018
    title = "Some Rocket Launches to Watch in 2018"
    body = ("Some Rocket Launches to Watch in 2018\n\nThe world’s most powerful booster is set to make a flight test "
            "sometime in January. If all goes well, 27 first stage engines will power the new booster off Pad 39A at "
            "NASA’s Kennedy Space Center.\n\nTwo boosters that failed in their maiden launches last year will get "
            "second chances in January. Japan’s SS-520 microsat launcher will attempt to launch the TRICOM-1R CubeSat.")
    assert "satellite_launch" not in analyse(title, body, published=_published("2018-01-03"))
