"""One delivery attempt: :class:`Sender` does one
HTTP attempt and says how it went through the error tree: it returns on success and
raises ``PermanentDeliveryError`` or ``TransientDeliveryError`` (with ``retry_after``),
never anything else except ``CancelledError``. Retrying is :mod:`agents.notify.delivery`'s job.

Pacing: messages to one Slack webhook go one at a time, each at least
``slack_min_interval`` after the previous one finished (Slack allows about one a second
per incoming webhook), and after a 429/503 with ``Retry-After`` no
call goes to that destination until it expires. ``send`` waits for its slot when that
is at most ``max_wait`` seconds away; otherwise it raises ``TransientDeliveryError``
with ``retry_after`` set to the remaining time, so the caller's schedule takes over.

Address guard: every request goes through :func:`destination_session`'s guarded connector
(the resolver drops blocked addresses; a Sender refuses any other session) and ``send`` checks
an IP-literal host before and the connected peer after each request, so a name that resolved to a public address at start and
to 127.0.0.1 now is refused, and a destination whose DNS failed at start is checked on use.
The policy is :func:`streams.ingest.netguard.destination_policy`: ``trusted_destinations``
apply here and nowhere else.

Slack incoming webhooks cannot thread replies: an update is a new message that reads as
a follow-up. With a bot token and a channel (``slack_bot_token``, ``slack_channel``) the
``slack_api`` destination posts with ``chat.postMessage``: ``send`` returns the message's
``ts``, and the caller passes it back as ``thread_ts`` so that updates are threaded replies.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any, Callable
from urllib.parse import urlsplit

import aiohttp

from agents.notify import signing
from agents.notify.delivery import RateLimiter, classify_response
from agents.notify.destinations import SLACK_KINDS, Destination
from agents.notify.payloads import alertmanager_endpoint, alertmanager_payload, slack_payload, webhook_payload
from streams.core.errors import BlockedAddressError, DeliveryError, PermanentDeliveryError, TransientDeliveryError
from streams.core.records import Alert
from streams.ingest.netguard import AddressPolicy, check_response_peer, guarded_connector, is_guarded_session

DEFAULT_USER_AGENT = "watchfloor/0.1 (+https://github.com/watchfloor/watchfloor; alert delivery)"
# chat.postMessage errors that no retry can fix (https://api.slack.com/methods/chat.postMessage)
SLACK_API_PERMANENT = frozenset({
    "channel_not_found", "not_in_channel", "is_archived", "invalid_auth", "not_authed", "account_inactive",
    "token_revoked", "token_expired", "no_permission", "missing_scope", "invalid_blocks", "invalid_blocks_format",
    "msg_too_long", "no_text", "too_many_attachments", "restricted_action", "ekm_access_denied",
})


def _json(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def build_request(alert: Alert, dest: Destination, *, secret: str | None, now: int,
                  thread_ts: str | None = None, user_agent: str = DEFAULT_USER_AGENT) -> tuple[str, bytes, dict]:
    """(url, body, headers) of one attempt. Pure; raises ValueError on an alert it cannot format."""
    headers = {"Content-Type": "application/json", "User-Agent": user_agent}
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


def destination_session(policy: AddressPolicy, *, timeout: float, resolver: Any = None) -> aiohttp.ClientSession:
    """The one HTTP session for alert delivery: guarded connector, no proxy from the
    environment (it would hide the real peer), no cookies. Call inside the running loop."""
    return aiohttp.ClientSession(connector=guarded_connector(policy, resolver), trust_env=False,
                                 cookie_jar=aiohttp.DummyCookieJar(),
                                 timeout=aiohttp.ClientTimeout(total=timeout))


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
        user_agent: str = DEFAULT_USER_AGENT,
        policy: AddressPolicy | None = None,
    ) -> None:
        if webhook_secret is not None and hasattr(webhook_secret, "get_secret_value"):
            webhook_secret = webhook_secret.get_secret_value()
        if webhook_secret:
            signing.decode_secret(webhook_secret)  # a bad secret is a ConfigError at start-up
        self.policy = policy or AddressPolicy()
        if session is not None and not self.policy.allow_private_networks and not is_guarded_session(session):
            # a check after the answer is too late for a POST: the alert has been sent by then
            raise ValueError("Sender needs a session from destination_session() (the guarded connector)")
        self._session = session
        self._secret = webhook_secret or None
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._slack_min_interval = slack_min_interval
        self._max_wait = max_wait
        self._wall = wall_clock
        self._sleep = sleep
        self.limiter = RateLimiter(clock=clock)
        self._slack_locks: dict[str, asyncio.Lock] = {}
        self._user_agent = user_agent

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
                                               thread_ts=thread_ts, user_agent=self._user_agent)
        except Exception as exc:  # the same alert will never format: do not retry it
            raise PermanentDeliveryError(f"{dest}: cannot format alert {alert.id}: {exc}", kind="payload")
        await self._pace(dest)
        host = urlsplit(url).hostname
        try:
            if not self.policy.trusts(host):
                self.policy.check_literal_host(host, str(dest))  # aiohttp dials literals without the resolver
            async with self._session.post(url, data=body, headers=headers, timeout=self._timeout,
                                          allow_redirects=False) as resp:
                check_response_peer(self.policy, self._session, resp, str(dest), host=host)
                status, resp_headers = resp.status, resp.headers
                detail = "" if 200 <= status < 300 else await _snippet(resp)
                answer = await _slack_answer(resp) if dest.kind == "slack_api" and status == 200 else None
        except asyncio.CancelledError:
            raise
        except BlockedAddressError as exc:
            # it passed the start-up check, so its DNS changed (or failed then): retried, then dead-lettered
            raise TransientDeliveryError(f"{dest}: {exc}", kind="blocked_address") from None
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
