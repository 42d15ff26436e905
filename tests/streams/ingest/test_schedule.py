"""The polling policy: adaptive intervals, backoff, Retry-After, gone, failing."""

import pytest

from streams.ingest import schedule as s
POLICY = s.Policy(base_interval=100, min_interval=10, max_interval=1000, jitter=0.0, failing_after=3)


def fresh(**kw):
    return dict(s.new_state("https://x.org/feed", now=0.0), **kw)


def ok(state, now, new_ids=(), current=(), status=200, etag=None):
    return s.on_success(state, status=status, now=now, new_ids=list(new_ids), current_ids=list(current),
                        etag=etag, last_modified=None, policy=POLICY)


def test_new_feed_is_due_immediately():
    assert s.is_due(fresh(), 0.0)


@pytest.mark.parametrize(
    "polls, expected_interval",
    [
        ([True], 100),  # new entries: base interval
        ([False], 150),  # nothing new: stretch by 1.5
        ([False, False, False], 337.5),
        ([False] * 20, 1000),  # capped at max
        ([False, False, True], 100),  # news brings it back to base
    ],
)
def test_adaptive_interval(polls, expected_interval):
    state, now = fresh(), 0.0
    for i, has_new in enumerate(polls):
        state = ok(state, now, new_ids=[f"id{i}"] if has_new else [], current=[f"id{i}"])
        now = state["next_poll"]
    assert state["current_interval"] == pytest.approx(expected_interval)


def test_feed_interval_overrides_default_but_stays_in_bounds():
    assert ok(fresh(interval=5), 0, new_ids=["a"])["current_interval"] == 10
    assert ok(fresh(interval=50), 0, new_ids=["a"])["current_interval"] == 50


def test_backoff_doubles_and_marks_failing_after_n():
    state, intervals = fresh(), []
    for i in range(5):
        state = s.on_error(state, now=1000.0 * i, error="boom", kind="network", policy=POLICY)
        intervals.append(state["next_poll"] - 1000.0 * i)
    assert intervals == [100, 200, 400, 800, 1000]
    assert state["state"] == s.FAILING and state["consecutive_failures"] == 5
    recovered = ok(state, 9000.0)
    assert recovered["state"] == s.OK and recovered["consecutive_failures"] == 0


def test_retry_after_is_a_floor():
    state = s.on_error(fresh(), now=0.0, error="slow down", kind="http_4xx", status=429, retry_after=500.0,
                       policy=POLICY)
    assert state["next_poll"] == 100.0
    assert not s.is_due(state, 499.0)
    assert s.is_due(state, 500.0)


def test_gone_stops_polling_until_readded():
    state = s.on_error(fresh(), now=0.0, error="gone", kind="http_4xx", status=410, policy=POLICY)
    assert state["state"] == s.GONE and not s.is_due(state, 10**9)
    again = s.update_config(state, name=None, interval=None, full_text=False)
    assert again["state"] == s.NEW and s.is_due(again, 0.0)


def test_not_modified_keeps_validators_and_seen_ids():
    state = ok(fresh(), 0.0, new_ids=["a"], current=["a"], etag='"v1"')
    state = ok(state, 200.0, current=state["seen_ids"], status=304)
    assert state["etag"] == '"v1"' and state["seen_ids"] == ["a"] and state["last_status"] == 304


def test_seen_ids_are_bounded():
    policy = s.Policy(max_seen_ids=5, jitter=0.0)
    state = fresh()
    for i in range(4):
        state = s.on_success(state, status=200, now=float(i), new_ids=[], current_ids=[f"{i}a", f"{i}b"],
                             etag=None, last_modified=None, policy=policy)
    assert state["seen_ids"][:2] == ["3a", "3b"] and len(state["seen_ids"]) == 5


def test_jitter_spreads_polls_within_bounds():
    policy = s.Policy(base_interval=100, min_interval=10, max_interval=1000, jitter=0.1)
    lo = s.on_success(fresh(), status=200, now=0, new_ids=["a"], current_ids=["a"], etag=None, last_modified=None,
                      policy=policy, rng=lambda: 0.0)
    hi = s.on_success(fresh(), status=200, now=0, new_ids=["a"], current_ids=["a"], etag=None, last_modified=None,
                      policy=policy, rng=lambda: 1.0)
    assert (lo["next_poll"], hi["next_poll"]) == pytest.approx((90.0, 110.0))
