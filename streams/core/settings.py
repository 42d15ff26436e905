"""The one settings class.

Built once by the CLI and passed down; nothing else reads the environment.
Precedence, highest first: command-line flags, ``WATCHFLOOR_*`` environment variables,
the YAML config file (``--config``), defaults. Lists in the environment may be JSON
(``["a","b"]``) or comma-separated. Secrets are ``SecretStr`` and print as ``<redacted>``.
"""

from __future__ import annotations

import base64
import binascii
import difflib
import ipaddress
import json
import math
import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    YamlConfigSettingsSource,
)

from streams.core.durations import seconds
from streams.core.errors import ConfigError


#: seconds before each delivery attempt (Svix's schedule: at once, 5 s, 5 min, 30 min, 2 h, 5 h,
#: 10 h), then dead-letter
RETRY_SCHEDULE: tuple[float, ...] = (0, 5, 300, 1800, 7200, 18000, 36000)
#: at most one update per story this often, seconds
STORY_COOLDOWN = 600.0


class FeedConfig(BaseModel):
    """One feed as written in the config file: a bare URL or a mapping."""

    model_config = {"frozen": True, "extra": "forbid"}

    url: str
    name: str | None = None
    interval: float | None = Field(default=None, gt=0, description="overrides poll_interval; 90s, 5m, 2h")
    full_text: bool = False

    @field_validator("url")
    @classmethod
    def _http_only(cls, v: str) -> str:
        v = v.strip()
        if not (v.startswith("http://") or v.startswith("https://")):
            raise ValueError(f"feed url must start with http:// or https://, got {v!r}")
        if any(c.isspace() for c in v):
            # YAML folds a mis-indented "- next-url" line into the item above it
            raise ValueError("a feed url has no spaces; is a list item below it indented too far?")
        return v

    @field_validator("interval", mode="before")
    @classmethod
    def _interval(cls, v: Any) -> Any:
        return None if v is None else seconds(v)


#: settings read as durations (``90s``, ``5m``, ``2h`` or seconds; streams/core/durations.py)
DURATIONS = ("kafka_timeout", "producer_linger", "session_timeout", "stuck_timeout", "poll_interval",
             "poll_interval_min", "poll_interval_max", "backfill_window", "connect_timeout", "read_timeout",
             "total_timeout", "delivery_timeout", "story_cooldown", "story_timer_interval", "alertmanager_resend",
             "alertmanager_quiet", "destination_failing_after")


_HOST_NAME = re.compile(r"(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*")
_BROKER_PART = re.compile(r"^(?:kafka://)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})/?$")


def split_trusted(entries: Any) -> tuple[list[str], list[str]]:
    """``trusted_destinations`` entries as (CIDR networks, host names); ValueError names a bad one."""
    networks, hosts = [], []
    for entry in entries or []:
        text = str(entry).strip()
        try:
            networks.append(str(ipaddress.ip_network(text, strict=False)))
            continue
        except ValueError:
            pass
        name = text.lower().rstrip(".")
        if not _HOST_NAME.fullmatch(name):
            raise ValueError(f"{entry!r} is neither a host name nor an IP network (e.g. alertmanager, 172.18.0.0/16)")
        hosts.append(name)
    return networks, hosts


def check_broker_url(url: str) -> str:
    """``kafka://host:port[,host:port]`` (or ``;``-separated ``kafka://`` parts); ValueError says what is wrong."""
    parts = [p.strip() for p in url.replace(";", ",").split(",")]
    if not any(parts):
        raise ValueError("empty; give kafka://host:port[,host:port]")
    for part in parts:
        m = _BROKER_PART.match(part)
        if not m or not 1 <= int(m.group(2)) <= 65535:
            raise ValueError(f"{part!r} is not kafka://host:port (e.g. kafka://localhost:9092)")
    return url.strip()


def default_cache_dir(environ: Any) -> Path:
    """``$XDG_CACHE_HOME/watchfloor``, or ``~/.cache/watchfloor`` (the XDG base directory default)."""
    base = environ.get("XDG_CACHE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "watchfloor"


def _split_list(v: Any) -> Any:
    if isinstance(v, str):
        s = v.strip()
        if not s:
            return []
        if s.startswith("["):
            return json.loads(s)
        return [part.strip() for part in s.split(",") if part.strip()]
    return v


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="WATCHFLOOR_", frozen=True, extra="forbid", yaml_file=None
    )

    # where the data flows
    broker: str | None = Field(None, description="kafka://host:port[,host:port]; unset = embedded Tansu")
    embedded_port: int = Field(0, ge=0, le=65535, description="embedded broker port; 0 = a free one")
    data_dir: Path = Field(Path("./watchfloor-data"), description="state kept across restarts")
    cache_dir: Path | None = Field(
        default_factory=lambda: default_cache_dir(os.environ),
        description="derived data kept to start faster (the built gazetteer), rebuilt when stale; empty = none")
    app_id: str = Field("watchfloor", description="Kafka consumer group and topic prefix")
    topic_partitions: int = Field(8, ge=1, le=1024)
    replication_factor: int = Field(1, ge=1, le=10)
    kafka_timeout: float = Field(30.0, gt=0, description="bound on every produce/admin call, seconds")
    producer_linger: float = Field(0.005, ge=0, le=1, description="seconds records wait to share a produce request")
    session_timeout: float = Field(
        10.0, ge=6, le=40, description="consumer-group session: how soon a dead worker's partitions move, seconds")
    stuck_timeout: float = Field(
        300.0, ge=0, description="a worker whose loop is blocked or that rebalances this long exits (70); 0 = never")

    # feeds
    feeds: Annotated[list[FeedConfig], NoDecode] = Field(default_factory=list)
    poll_interval: float = Field(300.0, gt=0, description="default seconds between polls of a feed")
    poll_interval_min: float = Field(60.0, gt=0)
    poll_interval_max: float = Field(3600.0, gt=0)
    poll_jitter: float = Field(0.1, ge=0, le=0.5, description="fraction of the interval")
    failing_after: int = Field(5, ge=1, description="consecutive failures before a feed is 'failing'")
    backfill_window: float = Field(
        86400.0, ge=0,
        description="on first sight of a feed, entries older than this many seconds are recorded but not alerted",
    )

    # fetch limits
    allow_private_networks: bool = Field(False, description="allow feeds/webhooks on private or loopback addresses")
    user_agent: str = "watchfloor/0.1 (+https://github.com/watchfloor/watchfloor; news monitor)"
    connect_timeout: float = Field(10.0, gt=0)
    read_timeout: float = Field(20.0, gt=0)
    total_timeout: float = Field(45.0, gt=0)
    max_body_bytes: int = Field(10 * 1024 * 1024, gt=0, description="cap after decompression")
    max_entries_per_feed: int = Field(500, gt=0)
    max_redirects: int = Field(5, ge=0, le=20)
    per_host_concurrency: int = Field(2, ge=1)
    fetch_concurrency: int = Field(50, ge=1)

    # thinking
    rules_dirs: Annotated[list[Path], NoDecode] = Field(default_factory=list, description="extra rule packs")
    gazetteer_dirs: Annotated[list[Path], NoDecode] = Field(default_factory=list, description="extra gazetteers")
    nlp_model: str | None = Field(None, description="spaCy model name for the statistical tier")
    nlp_max_chars: int = Field(800, ge=0, description="statistical tier reads title and lede up to this; 0 = all")
    dedup_max_ids: int = Field(200_000, gt=0, description="article ids the enrich stage remembers per worker (~150 B each)")

    # alerts out
    webhooks: Annotated[list[str], NoDecode] = Field(default_factory=list)
    slack_webhook: SecretStr | None = None
    slack_bot_token: SecretStr | None = Field(None, description="xoxb-... token: post with chat.postMessage, threads updates")
    slack_channel: str | None = Field(None, description="channel for slack_bot_token (id such as C0123 or #name)")
    slack_api_url: str = Field("https://slack.com/api", description="Slack Web API base (change only to test)")
    webhook_secret: SecretStr | None = Field(None, description="Standard Webhooks secret (whsec_...)")
    alertmanager_url: str | None = None
    routes_file: Path | None = None
    retry_schedule: Annotated[list[float], NoDecode] = Field(
        default_factory=lambda: list(RETRY_SCHEDULE),
        description="seconds before each delivery attempt (Svix's schedule); then dead-letter",
    )
    delivery_timeout: float = Field(10.0, gt=0, description="one delivery attempt, seconds")
    trusted_destinations: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="host names and/or CIDR networks of configured destinations allowed on private addresses "
                    "(e.g. alertmanager, 172.18.0.0/16); never applies to feeds")
    destination_failing_after: float = Field(
        300.0, gt=0, description="/health is degraded when a destination has failed, or holds an undelivered "
                                 "alert, this long, seconds")
    story_cooldown: float = Field(STORY_COOLDOWN, ge=0, description="at most one update per story this often, seconds")
    story_timer_interval: float = Field(15.0, gt=0, description="how often held updates and digests are checked")
    alertmanager_resend: float = Field(60.0, gt=0, description="re-send active stories to Alertmanager, seconds")
    alertmanager_quiet: float = Field(3600.0, gt=0, description="resolve a story after this long without news")

    # operating
    web_host: str = "127.0.0.1"
    web_port: int = Field(6066, ge=0, le=65535)
    web_token: SecretStr | None = Field(None, description="lets the page at / add and end mutes; unset = read-only")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_json: bool = False

    _durations = field_validator(*DURATIONS, mode="before")(lambda cls, v: seconds(v))
    _split = field_validator("rules_dirs", "gazetteer_dirs", "webhooks", "retry_schedule", "trusted_destinations",
                             mode="before")(
        lambda cls, v: _split_list(v)
    )

    @field_validator("cache_dir", mode="before")
    @classmethod
    def _no_cache(cls, v: Any) -> Any:
        return None if isinstance(v, str) and not v.strip() else v

    @field_validator("feeds", mode="before")
    @classmethod
    def _feeds(cls, v: Any) -> Any:
        v = _split_list(v)
        return [{"url": item} if isinstance(item, str) else item for item in (v or [])]

    @field_validator("retry_schedule")
    @classmethod
    def _schedule(cls, v: list[float]) -> list[float]:
        if not v:
            raise ValueError("retry_schedule is empty: give the seconds before each attempt, e.g. 0,5,300")
        bad = [x for x in v if not math.isfinite(x) or x < 0]
        if bad:
            raise ValueError(f"retry_schedule entries must be finite seconds >= 0, got {bad[0]}")
        return v

    @field_validator("trusted_destinations")
    @classmethod
    def _trusted(cls, v: list[str]) -> list[str]:
        split_trusted(v)
        return [str(e).strip() for e in v]

    @field_validator("broker")
    @classmethod
    def _broker(cls, v: str | None) -> str | None:
        return None if v is None else check_broker_url(v)

    @field_validator("webhook_secret")
    @classmethod
    def _secret(cls, v: SecretStr | None) -> SecretStr | None:
        if v is None or not v.get_secret_value():
            return v
        raw = v.get_secret_value().strip()
        raw = raw[len("whsec_"):] if raw.startswith("whsec_") else raw
        try:  # the Standard Webhooks key; unpadded base64 is common in copied secrets
            key = base64.b64decode(raw + "=" * (-len(raw) % 4), validate=True)
        except (binascii.Error, ValueError):
            key = b""
        if not key:
            raise ValueError("webhook_secret must be 'whsec_' followed by base64 (e.g. whsec_ + 32 random bytes)")
        return v

    @model_validator(mode="after")
    def _bounds(self) -> "Settings":
        if self.poll_interval_min > self.poll_interval_max:
            raise ValueError("poll_interval_min must not exceed poll_interval_max")
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, YamlConfigSettingsSource(settings_cls))

    @property
    def embedded(self) -> bool:
        return not self.broker

    def masked(self) -> dict[str, Any]:
        """The settings as plain data with secrets shown as ``<redacted>``."""
        out = json.loads(self.model_dump_json())
        for name, field in type(self).model_fields.items():
            value = getattr(self, name)
            if isinstance(value, SecretStr) and value.get_secret_value():
                out[name] = "<redacted>"
        return out


def load_settings(config_file: Path | str | None = None, **overrides: Any) -> Settings:
    """Build the settings from flags (``overrides``), environment and an optional YAML file.

    Every problem is a :class:`ConfigError` of one line per problem naming where the value
    came from (the file and line, the environment variable or the flag), the key and the
    value, with a suggestion for an unknown key."""
    overrides = {k: v for k, v in overrides.items() if v is not None and v != () and v != []}
    path = None if config_file is None else Path(config_file)
    lines: dict[tuple[Any, ...], int] = {}
    if path is not None:
        if not path.is_file():
            raise ConfigError(f"config file not found: {path}")
        lines = yaml_lines(path)
    try:
        if path is None:
            return Settings(**overrides)
        bound = type("Settings", (Settings,), {"model_config": {**Settings.model_config, "yaml_file": path}})
        return bound(**overrides)
    except ValidationError as exc:
        raise ConfigError("\n".join(explain(err, path, lines, overrides) for err in exc.errors())) from None


def yaml_lines(path: Path) -> dict[tuple[Any, ...], int]:
    """The line of every key and list item of a YAML config file, by its location
    (``("feeds", 1, "url")``); a file that is not YAML, or not a mapping, is a ConfigError."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ConfigError(f"{where}: not valid YAML: {exc.problem or exc.context}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise ConfigError(f"{path}:{root.start_mark.line + 1}: expected settings as `key: value` lines "
                          f"(feeds:, webhooks:, ...), found a {root.tag.rsplit(':', 1)[-1]}")
    out: dict[tuple[Any, ...], int] = {}

    def walk(node: yaml.Node, loc: tuple[Any, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                out[loc + (key.value,)] = key.start_mark.line + 1
                walk(value, loc + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                out[loc + (i,)] = item.start_mark.line + 1
                walk(item, loc + (i,))

    walk(root, ())
    return out


def explain(err: Any, path: Path | None, lines: dict[tuple[Any, ...], int], overrides: dict[str, Any]) -> str:
    """One line for one pydantic error: where, key, value, what is wrong."""
    loc = tuple(err.get("loc") or ())
    name = str(loc[0]) if loc else ""
    key = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in loc).replace(".[", "[")
    if name in overrides:
        where = "--" + name.replace("_", "-")
    elif "WATCHFLOOR_" + name.upper() in os.environ:
        where = "WATCHFLOOR_" + name.upper()
    else:
        found = [lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in lines]
        where = f"{path}:{found[0]}" if path is not None and found else str(path or "settings")
    if err.get("type") == "extra_forbidden":
        known = list(FeedConfig.model_fields) if len(loc) > 1 and loc[0] == "feeds" else list(Settings.model_fields)
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]}?)" if close else f" (known: {', '.join(known)})"
        return f"{where}: unknown setting {key}{hint}"
    value = err.get("input")
    shown = "<redacted>" if "secret" in name or "token" in name or name == "slack_webhook" else repr(value)
    msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{where}: {key} = {shown}: {msg}" if key else f"{where}: {msg}"
