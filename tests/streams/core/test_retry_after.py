"""One Retry-After parser for feeds and alert receivers (streams/core/retry_after.py)."""

from __future__ import annotations

from email.utils import formatdate

import pytest

from agents.notify.delivery import MAX_RETRY_AFTER
from streams.core.retry_after import FETCH_CAP, parse_retry_after

NOW = 1_700_000_000.0


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, None),
        ("", None),
        ("0", 0.0),
        ("120", 120.0),
        (" 0 ", 0.0),
        (formatdate(NOW + 90, usegmt=True), 90.0),
        (formatdate(NOW - 90, usegmt=True), 0.0),  # a date in the past means now
        ("Tue, 14 Nov 2023 22:14:20", 60.0),  # no zone: read as GMT (NOW is 22:13:20 GMT)
        ("soon", None),
        ("-5", None),
    ],
)
def test_seconds_and_http_dates(value, expected):
    got = parse_retry_after(value, now=NOW, cap=FETCH_CAP)
    assert got == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize("value", ["99999999", formatdate(NOW + 10 * MAX_RETRY_AFTER, usegmt=True)])
def test_cap_bounds_what_a_server_can_ask_for(value):
    assert parse_retry_after(value, now=NOW, cap=MAX_RETRY_AFTER) == MAX_RETRY_AFTER
    assert parse_retry_after(value, now=NOW, cap=10 * MAX_RETRY_AFTER) > MAX_RETRY_AFTER


@pytest.mark.parametrize("value", ["9" * 400, "99999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT"])
def test_absurd_values_become_the_cap_never_inf_or_an_overflow(value):
    got = parse_retry_after(value, now=NOW, cap=FETCH_CAP)
    assert got == FETCH_CAP
    # the poller adds it to the clock and a datetime must still be able to show it
    assert NOW + got < 1e10


def test_every_caller_passes_a_cap():
    with pytest.raises(TypeError):
        parse_retry_after("5", now=NOW)  # type: ignore[call-arg]
