"""The outcome round of issue 11: outcome errors on the dev set once its labels follow one convention
(tests/agents/enrich/eval/real.yaml header, "Outcome convention"; the "# outcome round" block). Sentences
are the pages' own; each test names the general form it holds."""

from __future__ import annotations

from datetime import datetime, timezone


def _published(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp()


def test_a_defence_that_could_not_intercept_intercepted_nothing(analyse):
    body = ("Odesa Governor Oleh Kiper said Russia fired Kalibr missiles at an unspecified port from a submarine in the "
            "Black Sea. He said a security building had been destroyed and two cars damaged.\n"
            "Ukraine's air force said it wasn't able to shoot down the Kalibr missiles, although it said it had downed "
            "eight drones overnight in other regions of Ukraine.")
    hit = analyse("Russia missile attack hits port infrastructure in Ukraine's Odesa: Governor", body,
                  published=_published("2023-07-27"))["missile_launch"]
    assert "missile_interception" not in hit.qualifiers
    assert hit.event["outcome"] == "success"


def test_an_intercept_test_that_failed_to_hit_is_no_interception(analyse):
    body = ("The U.S. Missile Defense Agency (MDA) and Japan in a joint missile intercept test Wednesday night failed "
            "to hit a missile launched off Hawaii's coast.")
    hit = analyse("US fails to intercept missile in overnight test", body,
                  published=_published("2017-06-22"))["missile_launch"]
    assert "missile_interception" not in hit.qualifiers
    assert hit.event["outcome"] == "failure"
