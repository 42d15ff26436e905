"""JSON logs carry the fields an operator searches by."""

import json
import logging

from streams.core.logs import JSONFormatter, logging_config, record_fields


def test_json_lines_carry_operator_fields():
    record = logging.LogRecord("agents.stories.stage", logging.INFO, __file__, 1, "story %s", ("s1",), None)
    record.feed, record.article_id, record.topic, record.partition, record.offset = "https://f", "a1", "wf-hits", 3, 42
    out = json.loads(JSONFormatter().format(record))
    assert out["msg"] == "story s1" and out["level"] == "INFO"
    assert (out["feed"], out["article_id"], out["topic"], out["partition"], out["offset"]) == ("https://f", "a1", "wf-hits", 3, 42)


def test_exceptions_are_one_line_of_json():
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    line = JSONFormatter().format(record)
    assert "\n" not in line and "ValueError: boom" in json.loads(line)["exc"]


def test_record_fields_from_a_stream_event():
    class Message:
        topic, partition, offset = "wf-articles", 2, 7

    class Event:
        message = Message()

    class Stream:
        current_event = Event()

    assert record_fields(Stream()) == {"topic": "wf-articles", "partition": 2, "offset": 7}
    assert record_fields(object()) == {}


def test_config_switches_formatter():
    assert logging_config(json_lines=True)["formatters"]["default"]["()"] is JSONFormatter
    assert "format" in logging_config(json_lines=False)["formatters"]["default"]


def test_repeats_are_held_back_and_counted_then_let_through():
    import logging

    from streams.core.logs import RepeatFilter

    now = [100.0]
    f = RepeatFilter(interval=10.0, clock=lambda: now[0])

    def rec(msg: str, *args, exc=None) -> logging.LogRecord:
        return logging.LogRecord("aiokafka", logging.ERROR, __file__, 1, msg, args, exc)

    assert f.filter(rec("Unable connect to node with id %s", 1))
    held = [f.filter(rec("Unable connect to node with id %s", 1)) for _ in range(5)]
    assert held == [False] * 5
    assert f.filter(rec("another message"))  # other templates are not held back
    assert f.filter(rec("x", exc=(ValueError, ValueError("boom"), None)))  # nor exceptions
    now[0] += 10.0
    r = rec("Unable connect to node with id %s", 1)
    assert f.filter(r)
    assert r.getMessage() == "Unable connect to node with id 1 (5 more like this in the last 10 s held back)"
    assert f.filter(rec("x", exc=None))
    assert not f.filter(rec("x"))


def test_two_different_messages_of_one_template_are_two_lines():
    """Two different dead letters must give two ERROR lines, not one and a count."""
    from streams.core.logs import RepeatFilter

    f = RepeatFilter(interval=10.0, clock=lambda: 100.0)
    template = "alert %s to %s dead-lettered after %d attempt(s): %s"

    def rec(*args) -> logging.LogRecord:
        return logging.LogRecord("agents.notify.stage", logging.ERROR, __file__, 1, template, args, None)

    assert f.filter(rec("a1", "webhook:ops", 7, "HTTP 500"))
    assert f.filter(rec("a2", "webhook:ops", 7, "HTTP 500"))
    assert not f.filter(rec("a2", "webhook:ops", 7, "HTTP 500"))  # a true repeat is still held back
