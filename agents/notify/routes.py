"""Which destinations get which alert, from a YAML routes file.

::

    routes:
      - match:
          topics: [missile_launch, "nuclear_*"]   # exact names or shell-style patterns
          min_severity: high                       # info < low < medium < high < critical
        destinations: [slack, ops]                 # destination ids or URLs
      - match: {severities: [critical]}
        destinations: [alertmanager]
    default: all                                   # all (default) | none | [ids or URLs]

Contract, in order:

1. A route matches when every condition in its ``match`` holds (an empty ``match``
   matches everything). An alert whose severity is not on the scale never meets a
   ``min_severity``.
2. The alert goes to the union of the destinations of *all* matching routes, in the
   order the destinations are configured, each once.
3. If no route matches, it goes to ``default``: every destination unless said otherwise.
4. Without a routes file, every alert goes to every destination.

A bad file raises ``ConfigError`` naming the file and the entry; references to
destinations that do not exist are caught by :func:`check_routes` at start-up.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import yaml

from streams.core.errors import ConfigError
from streams.core.severity import SEVERITIES, rank_or_lowest, severity_rank
_MATCH_KEYS = frozenset({"topics", "severities", "min_severity"})
_ROUTE_KEYS = frozenset({"match", "destinations"})
_TOP_KEYS = frozenset({"routes", "default"})


@dataclass(frozen=True)
class Route:
    destinations: tuple[str, ...]
    topics: tuple[str, ...] | None = None
    severities: frozenset[str] | None = None
    min_severity: str | None = None

    def matches(self, alert: Any) -> bool:
        if self.topics is not None and not any(fnmatch.fnmatchcase(alert.topic, t) for t in self.topics):
            return False
        if self.severities is not None and (alert.severity or "").lower() not in self.severities:
            return False
        if self.min_severity is not None:
            rank = severity_rank(alert.severity)
            if rank is None or rank < rank_or_lowest(self.min_severity):
                return False
        return True


@dataclass(frozen=True)
class Routes:
    rules: tuple[Route, ...] = ()
    default: tuple[str, ...] | None = None  # None: every destination


def _fail(source: str, where: str, message: str) -> ConfigError:
    return ConfigError(f"{source}: {where}: {message}")


def _str_list(value: Any, source: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(source, where, "must be a non-empty list of strings")
    return tuple(v.strip() for v in value)


def _severity(value: Any, source: str, where: str) -> str:
    if not isinstance(value, str) or severity_rank(value) is None:
        raise _fail(source, where, f"unknown severity {value!r}; expected one of {', '.join(SEVERITIES)}")
    return value.lower()


def parse_routes(data: Any, *, source: str = "routes") -> Routes:
    """Routes from the parsed YAML document."""
    if data is None:
        return Routes()
    if not isinstance(data, dict):
        raise _fail(source, "top level", "must be a mapping with a 'routes' list")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise _fail(source, "top level", f"unknown key(s) {sorted(unknown)}; expected 'routes' and 'default'")
    raw_routes = data.get("routes") or []
    if not isinstance(raw_routes, list):
        raise _fail(source, "routes", "must be a list")
    rules = []
    for i, raw in enumerate(raw_routes):
        where = f"routes[{i}]"
        if not isinstance(raw, dict):
            raise _fail(source, where, "must be a mapping with 'match' and 'destinations'")
        unknown = set(raw) - _ROUTE_KEYS
        if unknown:
            raise _fail(source, where, f"unknown key(s) {sorted(unknown)}")
        if "destinations" not in raw:
            raise _fail(source, where, "has no 'destinations'")
        match = raw.get("match") or {}
        if not isinstance(match, dict):
            raise _fail(source, f"{where}.match", "must be a mapping")
        unknown = set(match) - _MATCH_KEYS
        if unknown:
            raise _fail(source, f"{where}.match", f"unknown key(s) {sorted(unknown)}; expected {sorted(_MATCH_KEYS)}")
        topics = _str_list(match["topics"], source, f"{where}.match.topics") if "topics" in match else None
        severities = None
        if "severities" in match:
            names = _str_list(match["severities"], source, f"{where}.match.severities")
            severities = frozenset(_severity(s, source, f"{where}.match.severities") for s in names)
        min_sev = _severity(match["min_severity"], source, f"{where}.match.min_severity") \
            if "min_severity" in match else None
        dests = _str_list(raw["destinations"], source, f"{where}.destinations")
        rules.append(Route(dests, topics, severities, min_sev))
    default = data.get("default", "all")
    if default == "all":
        default_refs = None
    elif default == "none" or default == []:
        default_refs = ()
    else:
        default_refs = _str_list(default, source, "default")
    return Routes(tuple(rules), default_refs)


def load_routes(path: Path | str) -> Routes:
    """Read and check a routes file; ``ConfigError`` if it is missing or malformed."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(f"routes file {path}: cannot read: {err.strerror or err}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise ConfigError(f"routes file {path}: not valid YAML: {err}") from None
    return parse_routes(data, source=f"routes file {path}")


def _resolve(ref: str, destinations: Sequence[Any]) -> Any | None:
    for d in destinations:
        if d.id == ref or d.url == ref:
            return d
    return None


def check_routes(routes: Routes, destinations: Sequence[Any]) -> None:
    """ConfigError if a route names a destination that is not configured (names only the id or index)."""
    refs = [(f"routes[{i}]", ref) for i, r in enumerate(routes.rules) for ref in r.destinations]
    refs += [("default", ref) for ref in routes.default or ()]
    for where, ref in refs:
        if _resolve(ref, destinations) is None:
            shown = ref if "://" not in ref else "a URL"  # a URL may be a secret
            known = ", ".join(d.id for d in destinations) or "none"
            raise ConfigError(f"routes: {where}: no destination {shown}; configured ids: {known}")


def route(alert: Any, routes: Routes | Sequence[Route] | None, destinations: Sequence[Any]) -> list[Any]:
    """The destinations ``alert`` goes to (see the module docstring for the rules)."""
    if routes is None:
        return list(destinations)
    if not isinstance(routes, Routes):
        routes = Routes(tuple(routes))
    if not routes.rules and routes.default is None:
        return list(destinations)
    chosen: set[int] = set()
    matched = False
    for rule in routes.rules:
        if rule.matches(alert):
            matched = True
            chosen.update(id(d) for ref in rule.destinations if (d := _resolve(ref, destinations)) is not None)
    if not matched:
        if routes.default is None:
            return list(destinations)
        chosen.update(id(d) for ref in routes.default if (d := _resolve(ref, destinations)) is not None)
    return [d for d in destinations if id(d) in chosen]
