"""One duration parser for settings, feeds and mutes."""

from __future__ import annotations

import pytest

from streams.core.durations import describe, parse_duration, seconds


@pytest.mark.parametrize("text, expected", [("90s", 90), ("5m", 300), ("2h", 7200), ("1d", 86400), ("1h30m", 5400),
                                            (" 2H ", 7200), ("1.5h", 5400), ("45", 45), (45, 45), (0.5, 0.5),
                                            ("0", 0)])
def test_seconds(text, expected):
    assert seconds(text) == expected


@pytest.mark.parametrize("text", ["inf", "nan", float("inf"), float("nan"), "-1h", "-5", -5, "2x", "", "forever",
                                  True, "1e309"])
def test_seconds_refuses(text):
    with pytest.raises(ValueError):
        seconds(text)


@pytest.mark.parametrize("text", ["2", 2, "7200"])
def test_a_mute_needs_its_unit(text):
    with pytest.raises(ValueError, match="give a unit"):
        parse_duration(text, unit_required=True)
    assert parse_duration("2h", unit_required=True) == 7200


def test_zero_is_not_a_length():
    assert seconds("0s") == 0
    with pytest.raises(ValueError, match="positive"):
        parse_duration("0m")


@pytest.mark.parametrize("total, text", [(600, "10m"), (5400, "1h30m"), (1.5, "1.5s"), (86400, "1d"), (30, "30s")])
def test_describe(total, text):
    assert describe(total) == text
