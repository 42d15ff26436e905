"""The feed registry's commands, and what each does to a feed's entry.

Feeds live in a compacted topic keyed by feed URL (``<app>-feeds``); commands on it are
``add`` (upsert the configuration, keep the history), ``remove`` and ``restore`` (put back a
state saved by the embedded mode). Values of the registry are the feed states of
:mod:`streams.ingest.schedule`. Pure: time is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from streams.ingest import schedule


def add_command(url: str, *, name: str | None = None, interval: float | None = None, full_text: bool = False,
                configured: bool = False) -> dict[str, Any]:
    """``configured``: the feed comes from the configuration (``feeds:`` / ``--feed``), not from
    ``watchfloor feeds add``; such a feed leaves the registry when it leaves the configuration."""
    return {"op": "add", "url": url, "name": name, "interval": interval, "full_text": full_text,
            "configured": configured}


def remove_command(url: str) -> dict[str, Any]:
    return {"op": "remove", "url": url}


def restore_command(state: dict[str, Any]) -> dict[str, Any]:
    return {"op": "restore", "url": state["url"], "state": state}


def apply_command(current: dict[str, Any] | None, cmd: dict[str, Any], now: float) -> dict[str, Any] | None:
    """The registry entry after ``cmd``; ``None`` means the feed is removed."""
    op = cmd.get("op")
    if op == "remove":
        return None
    if op == "restore":
        # a restored state never overwrites a live one (Kafka may know better than the file)
        return current if current is not None else dict(cmd["state"])
    if op == "add":
        if current is None:
            state = schedule.new_state(cmd["url"], name=cmd.get("name"), interval=cmd.get("interval"),
                                       full_text=bool(cmd.get("full_text")), now=now)
        else:
            state = schedule.update_config(current, name=cmd.get("name"), interval=cmd.get("interval"),
                                           full_text=bool(cmd.get("full_text")))
        # the last add says where the feed comes from: an operator's `feeds add` of a configured
        # feed takes it over, and it stays when the configuration drops it
        return {**state, "configured": bool(cmd.get("configured"))}
    raise ValueError(f"unknown feed command {op!r}")


def dropped_from_config(states: Iterable[tuple[str, Any]], configured_urls: set[str]) -> list[str]:
    """The feeds registered from the configuration that the configuration no longer has."""
    return sorted(url for url, state in states if state and state.get("configured") and url not in configured_urls)
