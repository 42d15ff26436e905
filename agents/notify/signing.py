"""Standard Webhooks signatures (https://www.standardwebhooks.com/).

Every webhook delivery carries three headers:

``webhook-id``
    the alert id: unique per story revision, identical on every resend, so a receiver
    can drop duplicates.
``webhook-timestamp``
    Unix seconds of *this attempt* (resends are signed afresh, so a slow retry is not
    refused as a replay).
``webhook-signature``
    ``v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">``; several signatures may be
    given, separated by spaces (secret rotation), and one matching is enough.

The secret is ``whsec_<base64 key>``. As in the reference library, the part after the
optional ``whsec_`` prefix is base64-decoded into the HMAC key, so ``whsec_abc`` and
``abc`` are the same secret. A secret that is not base64 is refused with a
``ConfigError`` instead of silently giving a key that receivers would not agree on.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from typing import Mapping

from streams.core.errors import ConfigError

SECRET_PREFIX = "whsec_"
SIGNATURE_VERSION = "v1"
DEFAULT_TOLERANCE = 300  # seconds either side of now, as in the reference library

HEADER_ID = "webhook-id"
HEADER_TIMESTAMP = "webhook-timestamp"
HEADER_SIGNATURE = "webhook-signature"


class VerificationError(ValueError):
    """A delivery failed verification: missing header, stale timestamp or no matching signature."""


def decode_secret(secret: str) -> bytes:
    """The HMAC key of a ``whsec_...`` (or bare base64) secret."""
    raw = secret[len(SECRET_PREFIX):] if secret.startswith(SECRET_PREFIX) else secret
    raw = raw.strip()
    try:
        # Unpadded base64 is common in copied secrets; extra padding is harmless.
        key = base64.b64decode(raw + "=" * (-len(raw) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise ConfigError("webhook secret must be 'whsec_' followed by base64 (e.g. whsec_ + 32 random bytes)")
    if not key:
        raise ConfigError("webhook secret is empty")
    return key


def _digest(key: bytes, msg_id: str, timestamp: int, body: bytes) -> bytes:
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return hmac.new(key, signed, hashlib.sha256).digest()


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<base64 signature>`` for one delivery."""
    digest = _digest(decode_secret(secret), msg_id, int(timestamp), _as_bytes(body))
    return f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode()}"


def signed_headers(secret: str, msg_id: str, body: bytes, *, timestamp: int | None = None) -> dict[str, str]:
    """The three Standard Webhooks headers for a delivery made now (or at ``timestamp``)."""
    ts = int(time.time()) if timestamp is None else int(timestamp)
    return {
        HEADER_ID: msg_id,
        HEADER_TIMESTAMP: str(ts),
        HEADER_SIGNATURE: sign(secret, msg_id, ts, body),
    }


def verify(
    secret: str,
    headers: Mapping[str, str],
    body: bytes | str,
    tolerance: float = DEFAULT_TOLERANCE,
    *,
    now: float | None = None,
) -> None:
    """Raise :class:`VerificationError` unless ``body`` was signed with ``secret``.

    ``headers`` may be any mapping; names are matched case-insensitively.
    """
    lower = {k.lower(): v for k, v in headers.items()}
    msg_id = lower.get(HEADER_ID)
    ts_text = lower.get(HEADER_TIMESTAMP)
    sig_text = lower.get(HEADER_SIGNATURE)
    if not (msg_id and ts_text and sig_text):
        raise VerificationError("missing webhook-id, webhook-timestamp or webhook-signature header")
    try:
        timestamp = int(ts_text)
    except ValueError:
        raise VerificationError(f"webhook-timestamp is not an integer: {ts_text[:32]!r}")
    current = time.time() if now is None else now
    if timestamp < current - tolerance:
        raise VerificationError("message timestamp too old")
    if timestamp > current + tolerance:
        raise VerificationError("message timestamp too new")
    expected = _digest(decode_secret(secret), msg_id, timestamp, _as_bytes(body))
    for candidate in sig_text.split(" "):
        version, _, encoded = candidate.partition(",")
        if version != SIGNATURE_VERSION or not encoded:
            continue
        try:
            given = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            continue
        if hmac.compare_digest(expected, given):
            return
    raise VerificationError("no matching signature")


def _as_bytes(body: bytes | str) -> bytes:
    return body.encode() if isinstance(body, str) else bytes(body)
