"""JSON logs carry the fields an operator searches by."""

import json
import logging

from streams.logs import JSONFormatter, logging_config, record_fields


def test_json_lines_carry_operator_fields():
    record = logging.LogRecord("agents.cluster", logging.INFO, __file__, 1, "story %s", ("s1",), None)
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
