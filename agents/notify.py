"""Alerts out: destinations, one payload formatter per kind of destination, and the sender.

The formatters are pure (``Alert`` in, JSON-ready data out). :class:`Sender` does one
HTTP attempt and says how it went through the error tree: it returns on success and
raises ``PermanentDeliveryError`` or ``TransientDeliveryError`` (with ``retry_after``),
never anything else except ``CancelledError``. Retrying is :mod:`agents.delivery`'s job.

Pacing: messages to one Slack webhook go one at a time, each at least
``slack_min_interval`` after the previous one finished (Slack allows about one a second
per incoming webhook), and after a 429/503 with ``Retry-After`` no
call goes to that destination until it expires. ``send`` waits for its slot when that
is at most ``max_wait`` seconds away; otherwise it raises ``TransientDeliveryError``
with ``retry_after`` set to the remaining time, so the caller's schedule takes over.

Slack incoming webhooks cannot thread replies: an update is a new message that reads as
a follow-up. With a bot token and a channel (``slack_bot_token``, ``slack_channel``) the
``slack_api`` destination posts with ``chat.postMessage``: ``send`` returns the message's
``ts``, and the caller passes it back as ``thread_ts`` so that updates are threaded replies.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Literal
from urllib.parse import quote, urlsplit

import aiohttp

from agents import signing
from agents.delivery import RateLimiter, classify_response
from streams.errors import ConfigError, DeliveryError, PermanentDeliveryError, TransientDeliveryError
from streams.records import Alert

SCHEMA_VERSION = "1"
EVENT_TYPES = {"new": "alert.created", "update": "alert.updated", "digest": "alert.digest",
               "resolved": "alert.resolved"}
SLACK_HOSTS = frozenset({"hooks.slack.com", "hooks.slack-gov.com"})
ALERTNAME = "WatchfloorAlert"
# The lead re-sends active stories at this period; Alertmanager resolves an alert by
# itself at 3x this if the re-sends stop (as Prometheus does with its own resend delay).
ALERTMANAGER_RESEND_AFTER = 900.0
USER_AGENT = "watchfloor/0.1 (+https://github.com/watchfloor/watchfloor; alert delivery)"

# Slack Block Kit limits (characters / counts).
SLACK_TEXT_MAX = 40000
SLACK_SECTION_MAX = 3000
SLACK_HEADER_MAX = 150
SLACK_BLOCKS_MAX = 50
SLACK_MAX_ENTITIES = 15
SLACK_MAX_EXTRA_LINKS = 10
SEVERITY_ICONS = {"critical": "🔴", "high": "🟠", "medium": "🟡", "low": "🔵", "info": "⚪"}

DestinationKind = Literal["webhook", "slack", "slack_api", "alertmanager"]
SLACK_KINDS = frozenset({"slack", "slack_api"})
# chat.postMessage errors that no retry can fix (https://api.slack.com/methods/chat.postMessage)
SLACK_API_PERMANENT = frozenset({
    "channel_not_found", "not_in_channel", "is_archived", "invalid_auth", "not_authed", "account_inactive",
    "token_revoked", "token_expired", "no_permission", "missing_scope", "invalid_blocks", "invalid_blocks_format",
    "msg_too_long", "no_text", "too_many_attachments", "restricted_action", "ekm_access_denied",
})


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


# ---------------------------------------------------------------- formatting helpers


def _iso(ts: float | None) -> str | None:
    if not ts:
        return None
    return datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _truncate(text: str, limit: int) -> str:
    """At most ``limit`` characters, ending in an ellipsis when cut (never inside an &entity;)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    amp = cut.rfind("&", max(0, len(cut) - 6))
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + "…"


def _esc(text: str) -> str:
    """Slack mrkdwn escaping: the three control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_url(url: str) -> str | None:
    if not url or urlsplit(url).scheme not in ("http", "https"):
        return None
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")  # encodes | < > and spaces, which end a Slack link


def _slack_link(url: str, label: str, limit: int) -> str:
    target = _slack_url(url)
    if target is None or len(target) > limit // 2:
        return _truncate(_esc(label), limit)
    return f"<{target}|{_truncate(_esc(label), limit - len(target) - 3)}>"


def _entity_names(alert: Alert) -> list[str]:
    names, seen = [], set()
    for e in alert.entities or []:
        key = e.id or e.text.lower()
        if key in seen:
            continue
        seen.add(key)
        names.append(f"{e.text} ({e.label})" if e.label else e.text)
    return names


def _topic_label(topic: str, qualifiers: Iterable[str] = ()) -> str:
    label = topic.replace("_", " ").replace("-", " ").strip().capitalize() or "Alert"
    quals = [q.replace("_", " ") for q in qualifiers or ()]
    return f"{label} ({', '.join(quals)})" if quals else label


def _sources(n: int) -> str:
    return f"{n} source" if n == 1 else f"{n} sources"


# ---------------------------------------------------------------- payloads


def slack_payload(alert: Alert) -> dict:
    """A Block Kit message for an incoming webhook, within Slack's limits."""
    sev = (alert.severity or "info").lower()
    icon = SEVERITY_ICONS.get(sev, "⚪")
    topic = _topic_label(alert.topic, alert.qualifiers)
    if alert.kind == "update":
        lead = f"update: now {_sources(alert.sources)}"
        header = f"↪ Update · {topic} · now {_sources(alert.sources)}"
    elif alert.kind == "resolved":
        lead, header = "resolved", f"✅ Resolved · {topic}"
    elif alert.kind == "digest":
        lead, header = "digest", f"🗞 Digest · {topic} · {sev.upper()}"
    else:
        lead, header = "", f"{icon} {topic} · {sev.upper()}"
    prefix = f"{lead} — " if lead else ""

    headline_prefix = f"_{_esc(prefix)}_" if prefix else ""
    headline = headline_prefix + "*" + _slack_link(
        alert.link, alert.title or "(untitled)", SLACK_SECTION_MAX - len(headline_prefix) - 2) + "*"
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": _truncate(header, SLACK_HEADER_MAX), "emoji": True}},
        {"type": "section", "text": {"type": "mrkdwn", "text": headline}},
    ]
    names = _entity_names(alert)
    if names:
        shown = ", ".join(_esc(n) for n in names[:SLACK_MAX_ENTITIES])
        more = f" and {len(names) - SLACK_MAX_ENTITIES} more" if len(names) > SLACK_MAX_ENTITIES else ""
        blocks.append({"type": "section", "text": {
            "type": "mrkdwn", "text": _truncate(f"*Entities:* {shown}{more}", SLACK_SECTION_MAX)}})
    if alert.evidence:
        quoted = "\n".join("> " + line for line in _esc(alert.evidence.strip()).splitlines() or [""])
        if alert.phrase:
            quoted = f"{_truncate(quoted, SLACK_SECTION_MAX - 200)}\n_matched:_ `{_truncate(_esc(alert.phrase), 150)}`"
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _truncate(quoted, SLACK_SECTION_MAX)}})
    extra = [u for u in (alert.links or []) if u and u != alert.link][:SLACK_MAX_EXTRA_LINKS]
    if extra:
        links = ", ".join(_slack_link(u, urlsplit(u).hostname or u, 280) for u in extra)
        blocks.append({"type": "section", "text": {
            "type": "mrkdwn", "text": _truncate(f"*Also reported by:* {links}", SLACK_SECTION_MAX)}})
    context = [_sources(alert.sources), f"{sev} severity", f"story `{_truncate(_esc(alert.story_id), 100)}`"]
    if alert.first_seen:
        fallback = _iso(alert.first_seen)
        context.append(f"first seen <!date^{int(alert.first_seen)}^{{date_short_pretty}} {{time}}|{fallback}>")
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": " · ".join(context)}]})

    text = f"{prefix}[{sev.upper()}] {topic}: {alert.title}"
    if alert.link:
        text += f" {alert.link}"
    return {"text": _truncate(_esc(text), SLACK_TEXT_MAX), "blocks": blocks[:SLACK_BLOCKS_MAX],
            "unfurl_links": False, "unfurl_media": False}


def webhook_payload(alert: Alert) -> dict:
    """The documented generic webhook body (docs/webhooks.md, schema version 1)."""
    try:
        event_type = EVENT_TYPES[alert.kind]
    except KeyError:
        raise ValueError(f"unknown alert kind {alert.kind!r}") from None
    return {
        "type": event_type,
        "version": SCHEMA_VERSION,
        # The alert's creation time, not the send time: a resend carries the same body.
        "timestamp": _iso(alert.created or time.time()),
        "data": {
            "id": alert.id,
            "story_id": alert.story_id,
            "kind": alert.kind,
            "revision": alert.revision,
            "topic": alert.topic,
            "qualifiers": list(alert.qualifiers or []),
            "severity": alert.severity,
            "title": alert.title,
            "link": alert.link,
            "links": list(alert.links or []),
            "evidence": alert.evidence,
            "phrase": alert.phrase,
            "entities": [{"text": e.text, "label": e.label, "id": e.id} for e in alert.entities or []],
            "sources": alert.sources,
            "source": alert.source,
            "first_seen": _iso(alert.first_seen),
            "created": _iso(alert.created),
        },
    }


def alertmanager_payload(
    alerts: Iterable[Alert],
    *,
    resolved: bool = False,
    now: float | None = None,
    resend_after: float = ALERTMANAGER_RESEND_AFTER,
) -> list[dict]:
    """Alertmanager v2 ``postableAlerts``: one alert per story, identified by its labels.

    Labels are what stays the same for a story (alertname, topic, severity, story_id), so
    each update refreshes the same Alertmanager alert instead of adding one.
    """
    now = time.time() if now is None else now
    ends = now if resolved else now + 3 * resend_after
    out = []
    for a in alerts:
        starts = min(a.first_seen or a.created or now, ends)
        item: dict[str, Any] = {
            "labels": {"alertname": ALERTNAME, "topic": a.topic, "severity": a.severity, "story_id": a.story_id},
            "annotations": {
                "summary": a.title,
                "description": f"{_topic_label(a.topic, a.qualifiers)} ({a.severity}): {a.title} — {_sources(a.sources)}",
                "evidence": a.evidence,
                "link": a.link,
                "sources": str(a.sources),
            },
            "startsAt": _iso(starts),
            "endsAt": _iso(ends),
        }
        if a.qualifiers:
            item["annotations"]["qualifiers"] = ", ".join(a.qualifiers)
        if urlsplit(a.link or "").scheme in ("http", "https"):
            item["generatorURL"] = a.link
        out.append(item)
    return out


def alertmanager_endpoint(url: str) -> str:
    """``alertmanager_url`` may be the base URL or the full ``/api/v2/alerts`` URL."""
    base = url.rstrip("/")
    return base if base.endswith("/api/v2/alerts") else base + "/api/v2/alerts"


def _json(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def build_request(alert: Alert, dest: Destination, *, secret: str | None, now: int,
                  thread_ts: str | None = None) -> tuple[str, bytes, dict]:
    """(url, body, headers) of one attempt. Pure; raises ValueError on an alert it cannot format."""
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
    if dest.kind == "slack":
        return dest.url, _json(slack_payload(alert)), headers
    if dest.kind == "slack_api":
        body = {**slack_payload(alert), "channel": dest.channel}
        if thread_ts:
            body["thread_ts"] = thread_ts
        headers["Authorization"] = f"Bearer {dest.token}"
        headers["Content-Type"] = "application/json; charset=utf-8"
        return dest.url.rstrip("/") + "/chat.postMessage", _json(body), headers
    if dest.kind == "alertmanager":
        body = _json(alertmanager_payload([alert], resolved=alert.kind == "resolved", now=now))
        return alertmanager_endpoint(dest.url), body, headers
    body = _json(webhook_payload(alert))
    headers[signing.HEADER_ID] = alert.id
    headers[signing.HEADER_TIMESTAMP] = str(now)
    if secret:
        headers[signing.HEADER_SIGNATURE] = signing.sign(secret, alert.id, now, body)
    return dest.url, body, headers


# ---------------------------------------------------------------- sending


class Sender:
    """One HTTP attempt per ``send``; the session is the caller's (tests pass a real one)."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        *,
        webhook_secret: Any = None,
        timeout: float = 10.0,
        slack_min_interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        max_wait: float = 30.0,
        wall_clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Any] = asyncio.sleep,
    ) -> None:
        if webhook_secret is not None and hasattr(webhook_secret, "get_secret_value"):
            webhook_secret = webhook_secret.get_secret_value()
        if webhook_secret:
            signing.decode_secret(webhook_secret)  # a bad secret is a ConfigError at start-up
        self._session = session
        self._secret = webhook_secret or None
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._slack_min_interval = slack_min_interval
        self._max_wait = max_wait
        self._wall = wall_clock
        self._sleep = sleep
        self.limiter = RateLimiter(clock=clock)
        self._slack_locks: dict[str, asyncio.Lock] = {}

    async def send(self, alert: Alert, dest: Destination, *, thread_ts: str | None = None) -> str | None:
        """One attempt. Returns the Slack message ``ts`` for ``slack_api``, else None."""
        try:
            if dest.kind in SLACK_KINDS:
                # One message in flight per Slack webhook: the gap is measured from the end of
                # the previous call, which only holds if calls do not overlap.
                async with self._slack_locks.setdefault(dest.id, asyncio.Lock()):
                    return await self._send(alert, dest, thread_ts)
            return await self._send(alert, dest, thread_ts)
        except (asyncio.CancelledError, DeliveryError):
            raise
        except Exception as exc:  # the contract: only the delivery errors leave this method
            # Only the type: the message of an arbitrary exception may quote the (secret) URL.
            raise TransientDeliveryError(f"{dest}: unexpected {type(exc).__name__}", kind="unexpected")

    async def _send(self, alert: Alert, dest: Destination, thread_ts: str | None = None) -> str | None:
        try:
            url, body, headers = build_request(alert, dest, secret=self._secret, now=int(self._wall()),
                                               thread_ts=thread_ts)
        except Exception as exc:  # the same alert will never format: do not retry it
            raise PermanentDeliveryError(f"{dest}: cannot format alert {alert.id}: {exc}", kind="payload")
        await self._pace(dest)
        try:
            async with self._session.post(url, data=body, headers=headers, timeout=self._timeout,
                                          allow_redirects=False) as resp:
                status, resp_headers = resp.status, resp.headers
                detail = "" if 200 <= status < 300 else await _snippet(resp)
                answer = await _slack_answer(resp) if dest.kind == "slack_api" and status == 200 else None
        except asyncio.CancelledError:
            raise
        except (asyncio.TimeoutError, TimeoutError):
            raise TransientDeliveryError(f"{dest}: no answer within {self._timeout.total}s", kind="timeout")
        except aiohttp.ClientError as exc:
            raise TransientDeliveryError(f"{dest}: {type(exc).__name__}", kind="network")
        finally:
            # Space Slack messages from the end of the previous call, not its start: Slack
            # counts arrivals, and a slow first request would otherwise shrink the gap.
            if dest.kind in SLACK_KINDS:
                self.limiter.block(dest.id, self._slack_min_interval)
        try:
            classify_response(status, resp_headers, detail=detail)
        except TransientDeliveryError as err:
            if err.retry_after is not None or status == 429:
                self.limiter.block(dest.id, err.retry_after if err.retry_after is not None else self._interval(dest))
            raise TransientDeliveryError(f"{dest}: {err}", retry_after=err.retry_after, kind=err.kind) from None
        except PermanentDeliveryError as err:
            raise PermanentDeliveryError(f"{dest}: {err}", kind=err.kind) from None
        if answer is None:
            return None
        # the Web API answers 200 even when it refuses: the verdict is in the body
        if answer.get("ok"):
            return str(answer.get("ts") or "") or None
        error = str(answer.get("error") or "unknown_error")
        if error in SLACK_API_PERMANENT:
            raise PermanentDeliveryError(f"{dest}: Slack refused: {error}", kind="http_4xx")
        raise TransientDeliveryError(f"{dest}: Slack error: {error}", kind="http_5xx")

    def _interval(self, dest: Destination) -> float:
        return self._slack_min_interval if dest.kind in SLACK_KINDS else 0.0

    async def _pace(self, dest: Destination) -> None:
        waiting = self.limiter.wait_time(dest.id)
        if waiting > self._max_wait:
            raise TransientDeliveryError(f"{dest}: rate limited for {waiting:.1f}s more", retry_after=waiting,
                                         kind="rate_limited")
        delay = self.limiter.reserve(dest.id, self._interval(dest))
        if delay > 0:
            await self._sleep(delay)


async def _slack_answer(resp: aiohttp.ClientResponse) -> dict:
    try:
        data = json.loads(await resp.content.read(65536) or b"{}")
    except (ValueError, aiohttp.ClientError, asyncio.TimeoutError, TimeoutError):
        return {"ok": False, "error": "unreadable_answer"}
    return data if isinstance(data, dict) else {"ok": False, "error": "unreadable_answer"}


async def _snippet(resp: aiohttp.ClientResponse, limit: int = 200) -> str:
    """The start of an error body, for the log line (Slack explains itself there)."""
    try:
        raw = await resp.content.read(limit)
    except (aiohttp.ClientError, asyncio.TimeoutError, TimeoutError):
        return ""
    return raw.decode("utf-8", "replace").strip().replace("\n", " ")
