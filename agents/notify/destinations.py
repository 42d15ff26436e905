"""Where alerts go: the destinations named in the settings.

A ``webhooks`` entry is ``URL`` or ``NAME=URL``; one on Slack's hook host is a Slack
destination. ``slack_webhook``, ``slack_bot_token`` + ``slack_channel`` and
``alertmanager_url`` add one each. A destination's URL may be a secret (Slack's is): it is
never printed, only its host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

from streams.core.errors import ConfigError

SLACK_HOSTS = frozenset({"hooks.slack.com", "hooks.slack-gov.com"})
DestinationKind = Literal["webhook", "slack", "slack_api", "alertmanager"]
SLACK_KINDS = frozenset({"slack", "slack_api"})


@dataclass(frozen=True)
class Destination:
    """Where alerts go. The URL may be a secret (Slack's is), so repr and str show the host only."""

    id: str
    kind: DestinationKind
    url: str = field(repr=False)
    token: str | None = field(default=None, repr=False)  # slack_api: the bot token (secret)
    channel: str | None = None  # slack_api: channel id or name

    @property
    def safe_url(self) -> str:
        parts = urlsplit(self.url)
        host = parts.hostname or "?"
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{host}{port}/…"

    def __repr__(self) -> str:
        return f"Destination(id={self.id!r}, kind={self.kind!r}, url={self.safe_url!r})"

    def __str__(self) -> str:
        return f"{self.kind}:{self.id} ({self.safe_url})"


_NAMED = re.compile(r"^([A-Za-z0-9_.-]+)=(https?://.+)$")


def _check_url(url: str, what: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        # Never echo the URL itself: it may be a secret.
        raise ConfigError(f"{what}: not an http(s) URL with a host")
    return url


def destinations_from_settings(settings: Any) -> list[Destination]:
    """The configured destinations, in a stable order: webhooks, Slack, Alertmanager.

    A ``webhooks`` entry is ``URL`` (id ``webhook-N``, N its 1-based position) or
    ``NAME=URL`` (id ``NAME``); one on ``hooks.slack.com`` is a Slack destination. The
    ``slack_webhook`` secret has id ``slack``; ``alertmanager_url`` has id ``alertmanager``.
    """
    out: list[Destination] = []
    for i, entry in enumerate(getattr(settings, "webhooks", None) or [], start=1):
        m = _NAMED.match(entry.strip())
        dest_id, url = (m.group(1), m.group(2)) if m else (f"webhook-{i}", entry)
        url = _check_url(url, f"webhooks[{i}]")
        kind: DestinationKind = "slack" if urlsplit(url).hostname in SLACK_HOSTS else "webhook"
        out.append(Destination(dest_id, kind, url))
    slack = getattr(settings, "slack_webhook", None)
    if slack is not None:
        url = slack.get_secret_value() if hasattr(slack, "get_secret_value") else str(slack)
        if url.strip():
            out.append(Destination("slack", "slack", _check_url(url, "slack_webhook")))
    bot = getattr(settings, "slack_bot_token", None)
    channel = getattr(settings, "slack_channel", None)
    if bot is not None and channel:
        token = bot.get_secret_value() if hasattr(bot, "get_secret_value") else str(bot)
        api = _check_url(getattr(settings, "slack_api_url", None) or "https://slack.com/api", "slack_api_url")
        out.append(Destination("slack-bot", "slack_api", api, token=token, channel=channel))
    elif bot is not None or channel:
        raise ConfigError("slack_bot_token and slack_channel go together: set both or neither")
    am = getattr(settings, "alertmanager_url", None)
    if am:
        out.append(Destination("alertmanager", "alertmanager", _check_url(am, "alertmanager_url")))
    seen: set[str] = set()
    for d in out:
        if d.id in seen:
            raise ConfigError(f"two destinations share the id {d.id!r}")
        seen.add(d.id)
    return out
