"""Success words that tell of something other than this flight: talks that "have fallen off", bombers that "have
flown", an older missile that "last month flew over Japan", a programme "far from successful". The launch they sit
beside keeps the outcome the page gives it (unknown when it says nothing of the flight). Sentences are the pages' own
(c29, thehill.com 2022)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

_LAUNCH = ("The DPRK has test-fired more than 23 ballistic missile tests in the region this year, including two "
           "short-range missiles launched last week as South Korea wrapped up other military drills.")


def _published(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp()


@pytest.mark.parametrize("beside", [
    "After a pause during the COVID-19 pandemic, the U.S. and South Korea have resumed the military drills as "
    "negotiations with North Korean Leader Kim Jong Un have fallen off.",
    "One ballistic missile last month flew over Japan, prompting the country to issue warnings and evacuations.",
    "It was the first time B-1Bs have flown to the Korean peninsula since December.",
    "Its missile programme has been far from successful.",
])
def test_a_success_word_of_something_else_tells_nothing_of_the_launch(analyse, beside):
    hit = analyse("North Korea warns of 'powerful' response to joint US, South Korea drills", f"{_LAUNCH}\n{beside}",
                  published=_published("2022-11-01"))["missile_launch"]
    assert hit.event["outcome"] == "unknown"


@pytest.mark.parametrize("beside, outcome", [
    ("One of them flew over Japan, prompting the country to issue warnings and evacuations.", "success"),
    ("The missile has fallen off the coast of Hokkaido, the ministry said.", "success"),
])
def test_the_launch_s_own_flight_still_tells_its_outcome(analyse, beside, outcome):
    hit = analyse("", f"{_LAUNCH}\n{beside}", published=_published("2022-11-01"))["missile_launch"]
    assert hit.event["outcome"] == outcome
