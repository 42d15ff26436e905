"""Output for people and for programs: ``--output table|json``.

A table when standard output is a terminal, JSON Lines otherwise (a pipe, a file, a test).
Times are ISO 8601 in UTC in both (``2026-03-03T09:12:44Z``), never epoch floats.
"""

from __future__ import annotations

import json
import sys
from typing import IO, Any, Iterable, Sequence

import click

from streams.core.times import iso

#: fields that hold epoch seconds in what the worker serves
TIME_FIELDS = frozenset({"added", "created", "first_seen", "last_seen", "last_poll", "last_success", "next_poll",
                         "until", "alerted_at", "last_update_sent_at", "published", "time", "last_ok",
                         "retry_after_until", "last_change"})

option = click.option("--output", "-o", "output", type=click.Choice(["table", "json"]), default=None,
                      help="table (the default on a terminal) or json (JSON Lines, the default otherwise).")


def choose(output: str | None, stream: IO[str] | None = None) -> str:
    stream = stream or sys.stdout
    if output:
        return output
    isatty = getattr(stream, "isatty", None)
    return "table" if isatty is not None and isatty() else "json"


def with_iso_times(row: dict[str, Any]) -> dict[str, Any]:
    return {k: iso(v) if k in TIME_FIELDS and isinstance(v, (int, float)) and not isinstance(v, bool) else v
            for k, v in row.items()}


def cell(value: Any, width: int) -> str:
    if value is None:
        text = ""
    elif isinstance(value, (list, tuple)):
        text = ", ".join(str(v) for v in value)
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str, int]]) -> list[str]:
    """Aligned lines: ``columns`` are (key, heading, widest); rows have ISO times already."""
    cells = [[cell(r.get(key), widest) for key, _, widest in columns] for r in rows]
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, (_, h, _) in enumerate(columns)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    return [line([h.upper() for _, h, _ in columns])] + [line(c) for c in cells]


def emit(rows: Iterable[dict[str, Any]], columns: Sequence[tuple[str, str, int]], output: str | None,
         *, empty: str = "") -> None:
    rows = [with_iso_times(r) for r in rows]
    if choose(output) == "json":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
        return
    if not rows:
        if empty:
            click.echo(empty)
        return
    for line in table(rows, columns):
        click.echo(line)
