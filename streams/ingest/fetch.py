"""Fetch a feed or an article page: all HTTP etiquette and safety in one place.

Contract of :meth:`Fetcher.fetch` (modelled on Miniflux's ``reader/fetcher``):

* Conditional GET: ``If-None-Match`` / ``If-Modified-Since`` from the stored validators;
  a 304 comes back as ``status=304, body=b""`` with the old validators kept.
* Redirects are followed by hand, at most ``max_redirects`` hops, each hop SSRF-checked
  (see :mod:`streams.ingest.netguard`). ``permanent_redirect`` is the final URL only when every
  hop was 301/308, so the poller may store it; one 302/303/307 makes it ``None``.
* Bodies are decompressed here, not by aiohttp (gzip, deflate, br), and the cap
  ``max_body_bytes`` applies to the *decompressed* bytes as they are produced, so a small
  gzip bomb stops at the cap instead of inflating in memory. The raw stream has the same cap.
* Timeouts: connect and per-read (``sock_read``: a server silent for ``read_timeout``)
  come from aiohttp; ``total_timeout`` bounds the whole fetch, redirects included, which
  is what stops a server dripping one byte just often enough to dodge the read timeout.
* At most ``per_host_concurrency`` requests per host at once, whoever calls.

Errors (all carry the URL in their message, see :mod:`streams.core.errors`):
non-2xx/304 -> HTTPStatusError (``retry_after`` from Retry-After, seconds or HTTP-date);
over the cap -> BodyTooLargeError; timeouts -> FetchTimeoutError; DNS, refused, reset, TLS,
bad encoding, redirect loops (``kind="redirect_loop"``) and too many redirects
(``kind="too_many_redirects"``) -> NetworkError; blocked address -> BlockedAddressError.

The parser gets bytes, never a URL. What feedparser 6.0.14 does with hostile XML is
measured in ``tests/streams/ingest/test_xml_attacks.py`` and guarded in :mod:`streams.ingest.xmlguard`.
"""

from __future__ import annotations

import asyncio
import logging
import time
import zlib
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import AsyncIterator, Callable

import aiohttp
import brotli
from aiohttp.abc import AbstractResolver
from yarl import URL

from streams.core.errors import (
    BlockedAddressError,
    BodyTooLargeError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    NetworkError,
)
from streams.core.retry_after import FETCH_CAP, parse_retry_after
from streams.core.settings import Settings
from streams.ingest.netguard import ALLOWED_SCHEMES, AddressPolicy, check_response_peer, guarded_connector

log = logging.getLogger(__name__)

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/feed+json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
ACCEPT_ENCODING = "gzip, deflate, br"
DEFAULT_USER_AGENT = "watchfloor/0.1 (+https://github.com/watchfloor/watchfloor; news monitor)"

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Validators:
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchResult:
    url: str
    final_url: str
    status: int
    body: bytes
    validators: Validators
    permanent_redirect: str | None
    content_type: str | None
    elapsed: float


@dataclass(frozen=True)
class FetchLimits:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 45.0
    max_body_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    per_host_concurrency: int = 2
    user_agent: str = DEFAULT_USER_AGENT
    allow_private_networks: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> "FetchLimits":
        return cls(**{name: getattr(settings, name) for name in cls.__dataclass_fields__})


# --- bounded decompression ------------------------------------------------------------


class _Identity:
    def feed(self, data: bytes, limit: int) -> bytes:
        return data

    def finish(self) -> None:
        pass


class _Zlib:
    """gzip (possibly multi-member) or deflate (zlib-wrapped or, as some servers send, raw)."""

    def __init__(self, gzip: bool) -> None:
        self._gzip = gzip
        self._wbits = (32 + zlib.MAX_WBITS) if gzip else zlib.MAX_WBITS
        self._d = zlib.decompressobj(self._wbits)
        self._started = False

    def feed(self, data: bytes, limit: int) -> bytes:
        out: list[bytes] = []
        produced = 0
        while data:
            if self._d.eof:
                if not (self._gzip and data.startswith(b"\x1f\x8b")):
                    break  # trailing garbage after the last member is ignored, as browsers do
                self._d = zlib.decompressobj(self._wbits)  # next gzip member
            try:
                chunk = self._d.decompress(data, limit - produced + 1)
            except zlib.error:
                if self._gzip or self._started:
                    raise
                self._wbits = -zlib.MAX_WBITS  # "deflate" sent without the zlib header
                self._d = zlib.decompressobj(self._wbits)
                chunk = self._d.decompress(data, limit - produced + 1)
            self._started = True
            out.append(chunk)
            produced += len(chunk)
            if produced > limit:
                break  # the caller raises; the unconsumed tail is never inflated
            data = self._d.unused_data if self._d.eof else b""
        return b"".join(out)

    def finish(self) -> None:
        if self._started and not self._d.eof:
            raise zlib.error("compressed stream ended early")


class _Brotli:
    def __init__(self) -> None:
        self._d = brotli.Decompressor()

    def feed(self, data: bytes, limit: int) -> bytes:
        out = [self._d.process(data, output_buffer_limit=limit + 1)]
        produced = len(out[0])
        while produced <= limit and not self._d.can_accept_more_data():
            chunk = self._d.process(b"", output_buffer_limit=limit - produced + 1)
            if not chunk:
                break
            out.append(chunk)
            produced += len(chunk)
        return b"".join(out)

    def finish(self) -> None:
        if not self._d.is_finished():
            raise brotli.error("compressed stream ended early")


_DECODERS = {
    "gzip": lambda: _Zlib(gzip=True),
    "x-gzip": lambda: _Zlib(gzip=True),
    "deflate": lambda: _Zlib(gzip=False),
    "br": _Brotli,
    "identity": _Identity,
}


def _decoders_for(content_encoding: str | None, url: str) -> list:
    """Decoders in the order to apply them (the header lists encodings in the order applied)."""
    names = [n.strip().lower() for n in (content_encoding or "").split(",") if n.strip()]
    decoders = []
    for name in reversed(names):
        factory = _DECODERS.get(name)
        if factory is None:
            raise NetworkError(f"{url}: unsupported Content-Encoding {name!r}", kind="content_encoding", retriable=False)
        decoders.append(factory())
    return decoders


# --- the fetcher ----------------------------------------------------------------------


class Fetcher:
    """Fetches URLs politely and safely. Use as ``async with Fetcher(limits) as f``.

    ``session``: a shared aiohttp session (closed by its owner, not here); it should be built
    with :func:`streams.ingest.netguard.guarded_connector`, though the peer check below still
    refuses a blocked address before any body is read. ``policy`` and ``resolver`` let
    tests decide what is private and what a name resolves to.
    """

    def __init__(
        self,
        limits: FetchLimits,
        session: aiohttp.ClientSession | None = None,
        *,
        policy: AddressPolicy | None = None,
        resolver: AbstractResolver | None = None,
    ) -> None:
        self.limits = limits
        self.policy = policy or AddressPolicy(allow_private_networks=limits.allow_private_networks)
        self._resolver = resolver
        self._session = session
        self._owns_session = session is None
        self._hosts: dict[str, list] = {}  # host -> [semaphore, users]; dropped when unused

    async def __aenter__(self) -> "Fetcher":
        self._get_session()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._owns_session and self._session is not None:
            await self._session.close()
            self._session = None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=guarded_connector(self.policy, self._resolver, limit=0),
                cookie_jar=aiohttp.DummyCookieJar(),  # feeds must not share cookies
                trust_env=False,  # a proxy from the environment would hide the real peer
                auto_decompress=False,
            )
        return self._session

    @asynccontextmanager
    async def _host_slot(self, host: str) -> AsyncIterator[None]:
        entry = self._hosts.get(host)
        if entry is None:
            entry = self._hosts[host] = [asyncio.Semaphore(self.limits.per_host_concurrency), 0]
        entry[1] += 1
        try:
            async with entry[0]:
                yield
        finally:
            entry[1] -= 1
            if entry[1] == 0:
                del self._hosts[host]

    async def fetch(self, url: str, validators: Validators | None = None, *, accept: str = FEED_ACCEPT) -> FetchResult:
        started = time.monotonic()
        loop = asyncio.get_running_loop()
        try:
            # the total timeout runs from the first request, not from the queue for a host slot:
            # feeds waiting behind slow ones on the same host must not time out unasked
            async with asyncio.timeout(None) as deadline:

                def start_clock() -> None:
                    if deadline.when() is None:
                        deadline.reschedule(loop.time() + self.limits.total_timeout)

                result = await self._fetch(url, validators or Validators(), accept, start_clock)
        except BlockedAddressError as exc:
            if url in str(exc):
                raise
            # raised by the resolver, which only knows the host name
            raise BlockedAddressError(f"{url}: {exc}", kind=exc.kind) from exc
        except FetchError:
            raise
        except TimeoutError as exc:
            raise FetchTimeoutError(f"{url}: {_timeout_kind(exc, self.limits)}") from exc
        except aiohttp.ClientError as exc:
            raise _network_error(url, exc) from exc
        except (OSError, ValueError) as exc:  # ssl.SSLError, a URL yarl refuses
            raise NetworkError(f"{url}: {type(exc).__name__}: {exc}", kind="network") from exc
        return _with_elapsed(result, time.monotonic() - started)

    async def _fetch(self, url: str, validators: Validators, accept: str,
                     start_clock: Callable[[], None] = lambda: None) -> FetchResult:
        session = self._get_session()
        headers = {"User-Agent": self.limits.user_agent, "Accept": accept, "Accept-Encoding": ACCEPT_ENCODING}
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        timeout = aiohttp.ClientTimeout(
            total=None,
            connect=self.limits.connect_timeout,
            sock_connect=self.limits.connect_timeout,
            sock_read=self.limits.read_timeout,
        )
        current = URL(url).with_fragment(None)
        seen = {str(current)}
        permanent = True
        hops = 0
        while True:
            self._check_target(current, url)
            async with self._host_slot(current.host or ""):
                start_clock()
                async with session.get(
                    current, headers=headers, allow_redirects=False, auto_decompress=False, timeout=timeout
                ) as resp:
                    self._check_peer(session, resp, f"{url} (at {current})")
                    if resp.status not in REDIRECT_STATUSES:
                        return await self._answer(url, str(current), resp, validators, permanent and hops > 0)
                    location = resp.headers.get("Location")
                    if not location:
                        raise HTTPStatusError(f"{url}: HTTP {resp.status} from {current} without a Location", status=resp.status)
                    try:
                        target = current.join(URL(location)).with_fragment(None)
                    except ValueError as exc:
                        raise NetworkError(f"{url}: bad redirect Location {location!r}", kind="bad_redirect", retriable=False) from exc
                    permanent = permanent and resp.status in PERMANENT_REDIRECTS
            hops += 1
            if str(target) in seen:
                raise NetworkError(f"{url}: redirect loop at {target}", kind="redirect_loop", retriable=False)
            if hops > self.limits.max_redirects:
                raise NetworkError(
                    f"{url}: more than {self.limits.max_redirects} redirects (last to {target})",
                    kind="too_many_redirects",
                    retriable=False,
                )
            seen.add(str(target))
            current = target

    def _check_target(self, target: URL, url: str) -> None:
        if target.scheme not in ALLOWED_SCHEMES:
            raise BlockedAddressError(f"{url}: refusing {target.scheme!r} URL {target}; only http and https", kind="bad_scheme")
        if not target.host:
            raise NetworkError(f"{url}: no host in {target}", kind="bad_url", retriable=False)
        # aiohttp dials IP literals without asking the resolver, so check them here.
        self.policy.check_literal_host(target.host, f"{url} (at {target})")

    def _check_peer(self, session: aiohttp.ClientSession, resp: aiohttp.ClientResponse, what: str) -> None:
        """Verify the address actually connected to, before any body is handed back."""
        check_response_peer(self.policy, session, resp, what)

    async def _answer(
        self, url: str, final_url: str, resp: aiohttp.ClientResponse, old: Validators, moved: bool
    ) -> FetchResult:
        status = resp.status
        if status == 304:
            validators = Validators(
                etag=resp.headers.get("ETag") or old.etag,
                last_modified=resp.headers.get("Last-Modified") or old.last_modified,
            )
            body = b""
        elif 200 <= status < 300:
            validators = Validators(etag=resp.headers.get("ETag"), last_modified=resp.headers.get("Last-Modified"))
            body = await self._read_body(url, resp)
        else:
            retry_after = parse_retry_after(resp.headers.get("Retry-After"), now=time.time(), cap=FETCH_CAP)
            where = "" if final_url == url else f" (from {final_url})"
            raise HTTPStatusError(f"{url}: HTTP {status} {resp.reason or ''}{where}".rstrip(), status=status, retry_after=retry_after)
        return FetchResult(
            url=url,
            final_url=final_url,
            status=status,
            body=body,
            validators=validators,
            permanent_redirect=final_url if moved else None,
            content_type=resp.headers.get("Content-Type"),
            elapsed=0.0,
        )

    async def _read_body(self, url: str, resp: aiohttp.ClientResponse) -> bytes:
        cap = self.limits.max_body_bytes
        too_large = f"{url}: body larger than {cap} bytes"
        encoding = resp.headers.get("Content-Encoding")
        if resp.content_length is not None and resp.content_length > cap and not encoding:
            raise BodyTooLargeError(f"{too_large} (Content-Length {resp.content_length})")
        decoders = _decoders_for(encoding, url)
        out = bytearray()
        raw = 0
        try:
            async for chunk in resp.content.iter_chunked(_CHUNK):
                raw += len(chunk)
                if raw > cap:
                    raise BodyTooLargeError(f"{too_large} (compressed)")
                for decoder in decoders:
                    chunk = decoder.feed(chunk, cap - len(out))
                if len(out) + len(chunk) > cap:
                    raise BodyTooLargeError(f"{too_large} after decompression ({encoding})")
                out += chunk
            for decoder in decoders:
                decoder.finish()
        except (zlib.error, brotli.error) as exc:
            raise NetworkError(f"{url}: cannot decode {encoding} body: {exc}", kind="decode") from exc
        return bytes(out)


def _with_elapsed(result: FetchResult, elapsed: float) -> FetchResult:
    return FetchResult(**{**result.__dict__, "elapsed": elapsed})


def _timeout_kind(exc: BaseException, limits: FetchLimits) -> str:
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return f"connect timed out after {limits.connect_timeout}s"
    if isinstance(exc, aiohttp.SocketTimeoutError):
        return f"no data for {limits.read_timeout}s (read timeout)"
    return f"not done within {limits.total_timeout}s (total timeout)"


def _network_error(url: str, exc: aiohttp.ClientError) -> NetworkError:
    if isinstance(exc, aiohttp.InvalidURL):
        return NetworkError(f"{url}: invalid URL: {exc}", kind="bad_url", retriable=False)
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        kind = "dns"
    elif isinstance(exc, (aiohttp.ClientConnectorCertificateError, aiohttp.ClientSSLError)):
        kind = "tls"
    elif isinstance(exc, aiohttp.ClientConnectorError):
        kind = "connect"
    elif isinstance(exc, aiohttp.ServerDisconnectedError):
        kind = "disconnected"
    elif isinstance(exc, aiohttp.ClientPayloadError):
        kind = "payload"
    elif isinstance(exc, aiohttp.ClientOSError):
        kind = "reset"
    else:
        kind = "network"
    return NetworkError(f"{url}: {kind} error: {exc}", kind=kind)
