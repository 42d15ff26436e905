"""Logging, configured once at the entry point.

``--log-json`` prints one JSON object per line with the fields an operator searches by:
``feed``, ``article_id``, ``topic``, ``partition``, ``offset``, ``alert_id`` when the record
carries them (``log.info(..., extra={"feed": url})``).
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

#: ``topic``/``partition``/``offset`` are the Kafka record's; ``alert_topic`` is a rule topic
FIELDS = ("feed", "article_id", "alert_id", "story_id", "alert_topic", "topic", "partition", "offset", "destination")


def record_fields(stream: Any) -> dict[str, Any]:
    """Kafka coordinates of the record a Faust agent is processing, for ``extra=``."""
    event = getattr(stream, "current_event", None)
    message = getattr(event, "message", None)
    if message is None:
        return {}
    return {"topic": message.topic, "partition": message.partition, "offset": message.offset}


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for name in FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                out[name] = value
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


class RepeatFilter(logging.Filter):
    """Lets one record per (logger, level, message) through every ``interval`` seconds; the
    next one that passes says how many were held back.

    The key is the rendered message, not its template: two different dead letters (same
    ``"alert %s ... dead-lettered"`` template, other ids) are two lines; only a true repeat
    is held back.

    While a broker is down aiokafka logs "Unable connect to node" for every attempt (a
    40-second outage wrote 4,725 such lines): the first line says what is wrong, a flood
    hides everything else. Records with an exception are never held back.
    """

    def __init__(self, interval: float = 10.0, clock: Any = time.monotonic) -> None:
        super().__init__()
        self.interval, self.clock = interval, clock
        self._last: dict[tuple[str, int, str], tuple[float, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            return True
        key = (record.name, record.levelno, record.getMessage())
        now = self.clock()
        last = self._last.get(key)
        if last is not None and now - last[0] < self.interval:
            self._last[key] = (last[0], last[1] + 1)
            return False
        held = last[1] if last is not None else 0
        if len(self._last) > 10_000:  # bounds memory when many distinct messages pass
            self._last.clear()
        self._last[key] = (now, 0)
        if held:
            record.msg = f"{record.msg} ({held} more like this in the last {self.interval:g} s held back)"
        return True


def logging_config(level: str = "INFO", json_lines: bool = False) -> dict[str, Any]:
    """A dictConfig for the whole process (Faust's worker takes it as ``logging_config``)."""
    formatter = (
        {"()": JSONFormatter}
        if json_lines
        else {"format": "%(asctime)s %(levelname)-7s %(name)s: %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": formatter},
        "filters": {"repeats": {"()": RepeatFilter}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "default", "stream": "ext://sys.stderr",
                                "filters": ["repeats"]}},
        "root": {"level": level, "handlers": ["stderr"]},
        # the Kafka client is chatty at INFO about every connection; Faust and mode draw ~180
        # lines of start-up tables and "Starting..." at INFO: at DEBUG only (watchfloor says
        # "ready: ..." in one line instead, streams/service.py)
        "loggers": {"aiokafka": {"level": "WARNING"}, "faust.transport": {"level": "WARNING"},
                    **({} if level == "DEBUG" else {"faust": {"level": "WARNING"}, "mode": {"level": "WARNING"}})},
    }


def configure(level: str = "INFO", json_lines: bool = False) -> None:
    import logging.config

    logging.config.dictConfig(logging_config(level, json_lines))
