"""Standard Webhooks signing, checked against the reference test vectors.

The vectors come from standard-webhooks/standard-webhooks,
libraries/python/tests/test_webhooks.py: the fixed ``test_sign_function`` vector, and the
verification cases built around DEFAULT_MSG_ID / DEFAULT_PAYLOAD / DEFAULT_SECRET.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

import pytest

from agents.notify.signing import VerificationError, decode_secret, sign, signed_headers, verify
from streams.core.errors import ConfigError
from tests.support import ROOT

# Reference vectors.
DEFAULT_MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
DEFAULT_PAYLOAD = '{"test": 2432232314}'
DEFAULT_SECRET = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SIGN_VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SIGN_VECTOR_TIMESTAMP = 1614265330
SIGN_VECTOR_EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
TOLERANCE = 300


def reference_headers(timestamp: int) -> dict[str, str]:
    """Headers signed as the reference test's PayloadForTesting signs them (independently of sign())."""
    to_sign = f"{DEFAULT_MSG_ID}.{timestamp}.{DEFAULT_PAYLOAD}".encode()
    sig = base64.b64encode(hmac.new(base64.b64decode(DEFAULT_SECRET), to_sign, hashlib.sha256).digest()).decode()
    return {"webhook-id": DEFAULT_MSG_ID, "webhook-signature": "v1," + sig, "webhook-timestamp": str(timestamp)}


def test_sign_function_reference_vector():
    got = sign(SIGN_VECTOR_SECRET, DEFAULT_MSG_ID, SIGN_VECTOR_TIMESTAMP, DEFAULT_PAYLOAD.encode())
    assert got == SIGN_VECTOR_EXPECTED


def test_reference_vector_verifies_at_its_own_time():
    headers = {
        "webhook-id": DEFAULT_MSG_ID,
        "webhook-timestamp": str(SIGN_VECTOR_TIMESTAMP),
        "webhook-signature": SIGN_VECTOR_EXPECTED,
    }
    verify(SIGN_VECTOR_SECRET, headers, DEFAULT_PAYLOAD.encode(), now=SIGN_VECTOR_TIMESTAMP + 10)
    with pytest.raises(VerificationError, match="too old"):
        verify(SIGN_VECTOR_SECRET, headers, DEFAULT_PAYLOAD.encode())  # today it is a replay


@pytest.mark.parametrize("secret", [DEFAULT_SECRET, "whsec_" + DEFAULT_SECRET])
def test_valid_signature_with_and_without_prefix(secret):
    verify(secret, reference_headers(int(time.time())), DEFAULT_PAYLOAD)


def test_unbranded_headers_any_case():
    headers = {k.upper(): v for k, v in reference_headers(int(time.time())).items()}
    verify(DEFAULT_SECRET, headers, DEFAULT_PAYLOAD.encode())


@pytest.mark.parametrize("missing", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_missing_header_raises(missing):
    headers = reference_headers(int(time.time()))
    del headers[missing]
    with pytest.raises(VerificationError, match="missing"):
        verify(DEFAULT_SECRET, headers, DEFAULT_PAYLOAD)


def test_invalid_timestamp_raises():
    headers = reference_headers(int(time.time()))
    headers["webhook-timestamp"] = "hello"
    with pytest.raises(VerificationError):
        verify(DEFAULT_SECRET, headers, DEFAULT_PAYLOAD)


def test_invalid_signature_raises():
    headers = reference_headers(int(time.time()))
    headers["webhook-signature"] = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA="
    with pytest.raises(VerificationError, match="no matching signature"):
        verify(DEFAULT_SECRET, headers, DEFAULT_PAYLOAD)


def test_tampered_body_raises():
    headers = reference_headers(int(time.time()))
    with pytest.raises(VerificationError, match="no matching signature"):
        verify(DEFAULT_SECRET, headers, DEFAULT_PAYLOAD.replace("2432232314", "2432232315"))


@pytest.mark.parametrize(("offset", "message"), [(-TOLERANCE - 1, "too old"), (TOLERANCE + 1, "too new")])
def test_timestamp_outside_tolerance_fails(offset, message):
    now = int(time.time())
    with pytest.raises(VerificationError, match=message):
        verify(DEFAULT_SECRET, reference_headers(now + offset), DEFAULT_PAYLOAD, now=now)


def test_multi_sig_payload_is_valid():
    headers = reference_headers(int(time.time()))
    headers["webhook-signature"] = " ".join([
        "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
        "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
        headers["webhook-signature"],
        "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
    ])
    verify(DEFAULT_SECRET, headers, DEFAULT_PAYLOAD)


def test_v2_signature_with_valid_bytes_is_ignored():
    headers = reference_headers(int(time.time()))
    headers["webhook-signature"] = headers["webhook-signature"].replace("v1,", "v2,")
    with pytest.raises(VerificationError):
        verify(DEFAULT_SECRET, headers, DEFAULT_PAYLOAD)


def test_signed_headers_round_trip_and_wrong_secret():
    body = b'{"type":"alert.created"}'
    headers = signed_headers(SIGN_VECTOR_SECRET, "a1", body)
    verify(SIGN_VECTOR_SECRET, headers, body)
    other = "whsec_" + base64.b64encode(b"another key of 24 bytes!").decode()
    with pytest.raises(VerificationError):
        verify(other, headers, body)


@pytest.mark.parametrize("secret", ["whsec_", "whsec_not base64!", "pa$$word"])
def test_bad_secret_is_a_config_error(secret):
    with pytest.raises(ConfigError):
        decode_secret(secret)


def test_unpadded_secret_decodes_like_padded():
    key = b"0123456789abcdefghij"  # 20 bytes: base64 needs padding
    padded = base64.b64encode(key).decode()
    assert padded.endswith("=")
    assert decode_secret("whsec_" + padded.rstrip("=")) == key == decode_secret(padded)


def _docs_helper():
    """The receiver helper published in docs/webhooks.md, executed as written."""
    import re

    doc = (ROOT / "docs" / "webhooks.md").read_text()
    [code] = [c for c in re.findall(r"```python\n(.*?)```", doc, re.S) if "def verify_watchfloor" in c]
    namespace: dict = {}
    exec(code, namespace)
    return namespace["verify_watchfloor"]


def test_documented_receiver_helper_verifies_our_signatures():
    verify_watchfloor = _docs_helper()
    body = b'{"type":"alert.created","version":"1"}'
    headers = signed_headers(SIGN_VECTOR_SECRET, "story-1:r0", body)
    verify_watchfloor(SIGN_VECTOR_SECRET, headers, body)
    with pytest.raises(ValueError):
        verify_watchfloor(SIGN_VECTOR_SECRET, headers, body + b" ")
    old = signed_headers(SIGN_VECTOR_SECRET, "story-1:r0", body, timestamp=int(time.time()) - 1000)
    with pytest.raises(ValueError):
        verify_watchfloor(SIGN_VECTOR_SECRET, old, body)
