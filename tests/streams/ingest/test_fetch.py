"""Fetcher against real aiohttp servers on 127.0.0.1 (and 127.0.0.2 for SSRF cases)."""

from __future__ import annotations

import asyncio
import functools
import gzip
import socket
import time
import tracemalloc
import zlib
from contextlib import asynccontextmanager
from email.utils import formatdate
from typing import AsyncIterator, Callable

import aiohttp
import brotli
import pytest
from aiohttp import web
from aiohttp.abc import AbstractResolver

from streams.core.errors import (
    BlockedAddressError,
    BodyTooLargeError,
    FetchTimeoutError,
    HTTPStatusError,
    NetworkError,
)
from streams.ingest.fetch import (
    FEED_ACCEPT,
    PAGE_ACCEPT,
    FetchLimits,
    Fetcher,
    Validators,
)
from streams.ingest.netguard import AddressPolicy, guarded_connector
from streams.core.settings import Settings

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
OPEN = FetchLimits(allow_private_networks=True, connect_timeout=5, read_timeout=5, total_timeout=20)


@asynccontextmanager
async def serve(routes: dict[str, Callable], host: str = "127.0.0.1") -> AsyncIterator[str]:
    app = web.Application()
    for path, handler in routes.items():
        app.router.add_get(path, handler)
    runner = web.AppRunner(app, shutdown_timeout=0.5)
    await runner.setup()
    site = web.TCPSite(runner, host, 0)
    await site.start()
    try:
        yield f"http://{host}:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


def recorder(response: Callable[[web.Request], web.StreamResponse]) -> tuple[Callable, list[web.Request]]:
    seen: list[web.Request] = []

    async def handler(request: web.Request) -> web.StreamResponse:
        seen.append(request)
        return response(request)

    return handler, seen


class FakeResolver(AbstractResolver):
    """Answers from a table; a list of lists is consumed one answer per lookup."""

    def __init__(self, table: dict[str, list[list[str]]]) -> None:
        self.table = table
        self.lookups: list[str] = []

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET):
        self.lookups.append(host)
        answers = self.table.get(host)
        if not answers:
            raise socket.gaierror(socket.EAI_NONAME, f"no such host {host}")
        addrs = answers.pop(0) if len(answers) > 1 else answers[0]
        return [
            {"hostname": host, "host": a, "port": port, "family": socket.AF_INET, "proto": 0, "flags": socket.AI_NUMERICHOST}
            for a in addrs
        ]

    async def close(self) -> None:
        pass


# --- plain answers, headers, conditional GET -----------------------------------------


async def test_200_returns_body_validators_and_sends_etiquette_headers():
    handler, seen = recorder(
        lambda r: web.Response(body=FEED, content_type="application/rss+xml", headers={"ETag": '"v1"', "Last-Modified": "Wed, 01 Jan 2025 00:00:00 GMT"})
    )
    async with serve({"/feed": handler}) as base, Fetcher(OPEN) as f:
        res = await f.fetch(base + "/feed")
    assert (res.status, res.body, res.final_url, res.permanent_redirect) == (200, FEED, base + "/feed", None)
    assert res.validators == Validators('"v1"', "Wed, 01 Jan 2025 00:00:00 GMT")
    assert res.content_type.startswith("application/rss+xml")
    assert res.elapsed >= 0
    h = seen[0].headers
    assert h["User-Agent"] == OPEN.user_agent
    assert h["Accept"] == FEED_ACCEPT
    assert {e.strip() for e in h["Accept-Encoding"].split(",")} == {"gzip", "deflate", "br"}
    assert "If-None-Match" not in h and "If-Modified-Since" not in h


async def test_accept_is_configurable_for_article_pages():
    handler, seen = recorder(lambda r: web.Response(text="<html></html>", content_type="text/html"))
    async with serve({"/a": handler}) as base, Fetcher(OPEN) as f:
        await f.fetch(base + "/a", accept=PAGE_ACCEPT)
    assert seen[0].headers["Accept"] == PAGE_ACCEPT


def conditional(request: web.Request) -> web.Response:
    if request.headers.get("If-None-Match") == '"v1"' or request.headers.get("If-Modified-Since") == "Wed, 01 Jan 2025 00:00:00 GMT":
        return web.Response(status=304, headers={"X-Fresh": "yes"})
    return web.Response(body=FEED, headers={"ETag": '"v1"'})


@pytest.mark.parametrize(
    "validators",
    [Validators(etag='"v1"'), Validators(last_modified="Wed, 01 Jan 2025 00:00:00 GMT"), Validators('"v1"', "Wed, 01 Jan 2025 00:00:00 GMT")],
)
async def test_conditional_get_304_keeps_old_validators(validators):
    handler, seen = recorder(conditional)
    async with serve({"/feed": handler}) as base, Fetcher(OPEN) as f:
        res = await f.fetch(base + "/feed", validators)
    assert (res.status, res.body) == (304, b"")
    assert res.validators == validators
    assert seen[0].headers.get("If-None-Match") == validators.etag
    assert seen[0].headers.get("If-Modified-Since") == validators.last_modified


async def test_304_with_new_etag_replaces_it():
    handler, _ = recorder(lambda r: web.Response(status=304, headers={"ETag": '"v2"'}))
    async with serve({"/feed": handler}) as base, Fetcher(OPEN) as f:
        res = await f.fetch(base + "/feed", Validators('"v1"', "Wed, 01 Jan 2025 00:00:00 GMT"))
    assert res.validators == Validators('"v2"', "Wed, 01 Jan 2025 00:00:00 GMT")


async def test_stale_validators_get_a_full_answer():
    handler, _ = recorder(conditional)
    async with serve({"/feed": handler}) as base, Fetcher(OPEN) as f:
        res = await f.fetch(base + "/feed", Validators(etag='"old"'))
    assert (res.status, res.body, res.validators) == (200, FEED, Validators(etag='"v1"'))


# --- status errors and Retry-After ----------------------------------------------------

NOW = 1_700_000_000.0


@pytest.mark.parametrize("status", [429, 503])
@pytest.mark.parametrize("form", ["seconds", "http-date"])
async def test_retry_after_on_429_and_503(status, form):
    ahead = 3600
    value = str(ahead) if form == "seconds" else formatdate(time.time() + ahead, usegmt=True)
    handler, _ = recorder(lambda r: web.Response(status=status, headers={"Retry-After": value}))
    async with serve({"/feed": handler}) as base, Fetcher(OPEN) as f:
        with pytest.raises(HTTPStatusError) as info:
            await f.fetch(base + "/feed")
    err = info.value
    assert err.status == status and err.retriable
    assert base + "/feed" in str(err)
    # an HTTP-date has one-second resolution and some time passes before it is read
    assert ahead - 120 < err.retry_after <= ahead


@pytest.mark.parametrize("status, retriable", [(410, False), (404, False), (403, False), (500, True), (502, True)])
async def test_error_statuses(status, retriable):
    handler, _ = recorder(lambda r: web.Response(status=status, text="nope"))
    async with serve({"/feed": handler}) as base, Fetcher(OPEN) as f:
        with pytest.raises(HTTPStatusError) as info:
            await f.fetch(base + "/feed")
    assert (info.value.status, info.value.retriable, info.value.retry_after) == (status, retriable, None)
    assert base + "/feed" in str(info.value)


# --- redirects ------------------------------------------------------------------------


def chain_routes(statuses: list[int]) -> dict[str, Callable]:
    """/r0 -> /r1 -> ... -> /final with the given redirect statuses."""
    routes: dict[str, Callable] = {}
    for i, status in enumerate(statuses):
        target = f"/r{i + 1}" if i + 1 < len(statuses) else "/final"
        routes[f"/r{i}"] = functools.partial(lambda t, s, r: web.Response(status=s, headers={"Location": t}), target, status)
    routes["/final"] = lambda r: web.Response(body=FEED, headers={"ETag": '"f"'})
    return {p: recorder(h)[0] for p, h in routes.items()}


@pytest.mark.parametrize(
    "statuses, permanent",
    [([301], True), ([308], True), ([301, 308, 301], True), ([302], False), ([303], False), ([307], False), ([301, 302], False), ([302, 301], False)],
)
async def test_redirect_chain(statuses, permanent):
    async with serve(chain_routes(statuses)) as base, Fetcher(OPEN) as f:
        res = await f.fetch(base + "/r0")
    assert (res.status, res.body, res.url, res.final_url) == (200, FEED, base + "/r0", base + "/final")
    assert res.permanent_redirect == (base + "/final" if permanent else None)
    assert res.validators.etag == '"f"'


async def test_redirect_with_absolute_location_and_validators_on_every_hop():
    handler, seen = recorder(conditional)
    async with serve({"/feed": handler}) as base:
        moved, _ = recorder(lambda r: web.Response(status=301, headers={"Location": base + "/feed"}))
        async with serve({"/old": moved}) as other, Fetcher(OPEN) as f:
            res = await f.fetch(other + "/old", Validators(etag='"v1"'))
    assert (res.status, res.permanent_redirect) == (304, base + "/feed")
    assert seen[0].headers["If-None-Match"] == '"v1"'


async def test_redirect_loop():
    a, _ = recorder(lambda r: web.Response(status=302, headers={"Location": "/b"}))
    b, _ = recorder(lambda r: web.Response(status=301, headers={"Location": "/a"}))
    async with serve({"/a": a, "/b": b}) as base, Fetcher(OPEN) as f:
        with pytest.raises(NetworkError) as info:
            await f.fetch(base + "/a")
    assert info.value.kind == "redirect_loop" and base + "/a" in str(info.value)


@pytest.mark.parametrize("hops, ok", [(3, True), (4, False)])
async def test_max_redirects(hops, ok):
    limits = FetchLimits(allow_private_networks=True, max_redirects=3)
    async with serve(chain_routes([302] * hops)) as base, Fetcher(limits) as f:
        if ok:
            assert (await f.fetch(base + "/r0")).status == 200
        else:
            with pytest.raises(NetworkError) as info:
                await f.fetch(base + "/r0")
            assert info.value.kind == "too_many_redirects"


async def test_redirect_without_location_is_a_status_error():
    handler, _ = recorder(lambda r: web.Response(status=302))
    async with serve({"/a": handler}) as base, Fetcher(OPEN) as f:
        with pytest.raises(HTTPStatusError) as info:
            await f.fetch(base + "/a")
    assert info.value.status == 302


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1:70/_x"])
async def test_redirect_to_other_scheme_is_refused(location):
    handler, _ = recorder(lambda r: web.Response(status=301, headers={"Location": location}))
    async with serve({"/a": handler}) as base, Fetcher(OPEN) as f:
        with pytest.raises(BlockedAddressError) as info:
            await f.fetch(base + "/a")
    assert info.value.kind == "bad_scheme" and base + "/a" in str(info.value)


# --- bodies: compression and the cap -------------------------------------------------


def gz(data: bytes) -> bytes:
    return gzip.compress(data)


def raw_deflate(data: bytes) -> bytes:
    c = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return c.compress(data) + c.flush()


BIG_TEXT = b"<item>" + b"news " * 50_000 + b"</item>"


@pytest.mark.parametrize(
    "encoding, encode",
    [
        ("gzip", gz),
        ("x-gzip", gz),
        ("deflate", zlib.compress),
        ("deflate", raw_deflate),
        ("br", brotli.compress),
        ("gzip, br", lambda d: brotli.compress(gz(d))),
        ("identity", lambda d: d),
    ],
)
async def test_compressed_bodies_are_decoded(encoding, encode):
    handler, _ = recorder(lambda r: web.Response(body=encode(BIG_TEXT), headers={"Content-Encoding": encoding}))
    async with serve({"/feed": handler}) as base, Fetcher(OPEN) as f:
        res = await f.fetch(base + "/feed")
    assert res.body == BIG_TEXT


async def test_multi_member_gzip():
    handler, _ = recorder(lambda r: web.Response(body=gz(b"first ") + gz(b"second"), headers={"Content-Encoding": "gzip"}))
    async with serve({"/feed": handler}) as base, Fetcher(OPEN) as f:
        assert (await f.fetch(base + "/feed")).body == b"first second"


@functools.lru_cache(maxsize=None)
def bomb(kind: str, inflated: int = 256 * 1024 * 1024) -> bytes:
    zeros = bytes(1024 * 1024)
    if kind == "br":
        c = brotli.Compressor(quality=5)
        parts = [c.process(zeros) for _ in range(inflated // len(zeros))]
        return b"".join(parts) + c.finish()
    c = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return b"".join(c.compress(zeros) for _ in range(inflated // len(zeros))) + c.flush()


@pytest.mark.parametrize("kind, encoding", [("gzip", "gzip"), ("br", "br")])
async def test_decompression_bomb_stops_at_cap_without_inflating(kind, encoding):
    body = bomb(kind)
    cap = 1024 * 1024
    assert len(body) < cap  # small on the wire, 256 MiB inflated
    handler, _ = recorder(lambda r: web.Response(body=body, headers={"Content-Encoding": encoding}))
    limits = FetchLimits(allow_private_networks=True, max_body_bytes=cap)
    async with serve({"/bomb": handler}) as base, Fetcher(limits) as f:
        tracemalloc.start()
        try:
            with pytest.raises(BodyTooLargeError) as info:
                await f.fetch(base + "/bomb")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert base + "/bomb" in str(info.value) and not info.value.retriable
    # inflating the bomb would need 256 MiB; bounded reading needs a few caps' worth
    assert peak < 16 * cap


@pytest.mark.parametrize("chunked", [False, True])
async def test_plain_body_over_cap(chunked):
    async def handler(request):
        if not chunked:
            return web.Response(body=b"x" * 5000)
        resp = web.StreamResponse()
        await resp.prepare(request)
        for _ in range(5):
            await resp.write(b"x" * 1000)
        return resp

    limits = FetchLimits(allow_private_networks=True, max_body_bytes=4096)
    async with serve({"/big": handler}) as base, Fetcher(limits) as f:
        with pytest.raises(BodyTooLargeError):
            await f.fetch(base + "/big")
        # exactly at the cap is fine
        limits_ok = FetchLimits(allow_private_networks=True, max_body_bytes=5000)
        async with Fetcher(limits_ok) as g:
            assert len((await g.fetch(base + "/big")).body) == 5000


@pytest.mark.parametrize(
    "encoding, body, kind",
    [("gzip", gz(BIG_TEXT)[: len(gz(BIG_TEXT)) // 2], "decode"), ("gzip", b"not gzip at all", "decode"), ("br", b"\xff\xff\xff", "decode"), ("zstd", b"x", "content_encoding")],
)
async def test_broken_encodings(encoding, body, kind):
    handler, _ = recorder(lambda r: web.Response(body=body, headers={"Content-Encoding": encoding}))
    async with serve({"/feed": handler}) as base, Fetcher(OPEN) as f:
        with pytest.raises(NetworkError) as info:
            await f.fetch(base + "/feed")
    assert info.value.kind == kind and base + "/feed" in str(info.value)


# --- timeouts and network errors ------------------------------------------------------


def drip(interval: float, count: int = 600) -> Callable:
    async def handler(request):
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await resp.prepare(request)
        try:
            for _ in range(count):
                await resp.write(b"<")
                await asyncio.sleep(interval)
        except (ConnectionError, asyncio.CancelledError):
            pass
        return resp

    return handler


async def test_drip_slower_than_read_timeout():
    limits = FetchLimits(allow_private_networks=True, read_timeout=0.5, total_timeout=30)
    async with serve({"/drip": drip(1.0)}) as base, Fetcher(limits) as f:
        with pytest.raises(FetchTimeoutError) as info:
            await f.fetch(base + "/drip")
    assert "read timeout" in str(info.value) and base + "/drip" in str(info.value)
    assert info.value.retriable


async def test_drip_faster_than_read_timeout_hits_total_timeout():
    limits = FetchLimits(allow_private_networks=True, read_timeout=5, total_timeout=1.0)
    async with serve({"/drip": drip(0.05)}) as base, Fetcher(limits) as f:
        with pytest.raises(FetchTimeoutError) as info:
            await f.fetch(base + "/drip")
    assert "total timeout" in str(info.value)


async def test_server_that_never_answers_hits_read_timeout():
    async def silent(request):
        await asyncio.sleep(30)
        return web.Response()

    limits = FetchLimits(allow_private_networks=True, read_timeout=0.3, total_timeout=30)
    async with serve({"/x": silent}) as base, Fetcher(limits) as f:
        with pytest.raises(FetchTimeoutError):
            await f.fetch(base + "/x")


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


async def test_connection_refused():
    url = f"http://127.0.0.1:{closed_port()}/feed"
    async with Fetcher(OPEN) as f:
        with pytest.raises(NetworkError) as info:
            await f.fetch(url)
    assert info.value.kind == "connect" and info.value.retriable and url in str(info.value)


async def test_dns_failure():
    async with Fetcher(OPEN, resolver=FakeResolver({})) as f:
        with pytest.raises(NetworkError) as info:
            await f.fetch("http://nowhere.test/feed")
    assert info.value.kind == "dns" and "http://nowhere.test/feed" in str(info.value)


async def test_connection_reset_mid_body():
    async def reset(request):
        resp = web.StreamResponse(headers={"Content-Length": "100000"})
        await resp.prepare(request)
        await resp.write(b"x" * 10)
        request.transport.close()
        return resp

    async with serve({"/x": reset}) as base, Fetcher(OPEN) as f:
        with pytest.raises(NetworkError) as info:
            await f.fetch(base + "/x")
    assert info.value.retriable


# --- SSRF ----------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]", "0.0.0.0", "[::]"])
async def test_private_targets_refused_by_default(host):
    handler, seen = recorder(lambda r: web.Response(body=FEED))
    async with serve({"/feed": handler}) as base:
        port = base.rsplit(":", 1)[1]
        url = f"http://{host}:{port}/feed"
        async with Fetcher(FetchLimits()) as f:
            with pytest.raises(BlockedAddressError) as info:
                await f.fetch(url)
    msg = str(info.value)
    assert "--allow-private-networks" in msg and url in msg
    assert not info.value.retriable
    assert seen == []  # refused before connecting


async def test_same_server_allowed_with_flag():
    handler, seen = recorder(lambda r: web.Response(body=FEED))
    async with serve({"/feed": handler}) as base, Fetcher(FetchLimits(allow_private_networks=True)) as f:
        assert (await f.fetch(base + "/feed")).body == FEED
    assert len(seen) == 1


@pytest.mark.parametrize("numeric", ["2130706433", "127.1", "0x7f.1", "017700000001"])
async def test_legacy_numeric_hosts_do_not_reach_loopback(numeric):
    handler, seen = recorder(lambda r: web.Response(body=FEED))
    async with serve({"/feed": handler}) as base:
        port = base.rsplit(":", 1)[1]
        async with Fetcher(FetchLimits()) as f:
            with pytest.raises((BlockedAddressError, NetworkError)) as info:
                await f.fetch(f"http://{numeric}:{port}/feed")
    assert info.value.retriable is False or info.value.kind == "dns"
    assert seen == []


LOCAL_ONLY = AddressPolicy.allowing("127.0.0.1/32")  # 127.0.0.1 plays a public host; 127.0.0.2 stays private


@pytest.mark.parametrize("how", ["literal", "hostname"])
async def test_redirect_from_allowed_host_into_private_address_is_refused(how):
    inner, inner_seen = recorder(lambda r: web.Response(body=b"internal secrets"))
    async with serve({"/admin": inner}, host="127.0.0.2") as private:
        port = private.rsplit(":", 1)[1]
        target = f"{private}/admin" if how == "literal" else f"http://internal.test:{port}/admin"
        outer, _ = recorder(lambda r: web.Response(status=302, headers={"Location": target}))
        async with serve({"/feed": outer}) as public:
            resolver = FakeResolver({"internal.test": [["127.0.0.2"]]})
            async with Fetcher(FetchLimits(), policy=LOCAL_ONLY, resolver=resolver) as f:
                with pytest.raises(BlockedAddressError) as info:
                    await f.fetch(public + "/feed")
    assert public + "/feed" in str(info.value) and "--allow-private-networks" in str(info.value)
    assert inner_seen == []


async def test_hostname_resolving_to_allowed_and_private_addresses_uses_only_the_allowed():
    handler, seen = recorder(lambda r: web.Response(body=FEED))
    async with serve({"/feed": handler}) as base:
        port = base.rsplit(":", 1)[1]
        resolver = FakeResolver({"mixed.test": [["127.0.0.2", "127.0.0.1"]]})
        async with Fetcher(FetchLimits(), policy=LOCAL_ONLY, resolver=resolver) as f:
            assert (await f.fetch(f"http://mixed.test:{port}/feed")).body == FEED
    assert len(seen) == 1


async def test_dns_rebinding_second_answer_private_is_refused():
    public_handler, public_seen = recorder(lambda r: web.Response(body=FEED))
    private_handler, private_seen = recorder(lambda r: web.Response(body=b"internal secrets"))
    async with serve({"/feed": private_handler}, host="127.0.0.2") as private:
        port = int(private.rsplit(":", 1)[1])
        # the "public" server listens on the same port at 127.0.0.1 so one URL fits both answers
        app = web.Application()
        app.router.add_get("/feed", public_handler)
        runner = web.AppRunner(app, shutdown_timeout=0.5)
        await runner.setup()
        try:
            await web.TCPSite(runner, "127.0.0.1", port).start()
        except OSError:
            await runner.cleanup()
            pytest.skip("port taken on 127.0.0.1")
        try:
            resolver = FakeResolver({"rebind.test": [["127.0.0.1"], ["127.0.0.2"]]})
            connector = guarded_connector(LOCAL_ONLY, resolver, use_dns_cache=False, force_close=True)
            async with aiohttp.ClientSession(connector=connector) as session:
                f = Fetcher(FetchLimits(), session, policy=LOCAL_ONLY)
                url = f"http://rebind.test:{port}/feed"
                assert (await f.fetch(url)).body == FEED
                with pytest.raises(BlockedAddressError):
                    await f.fetch(url)
        finally:
            await runner.cleanup()
    assert resolver.lookups == ["rebind.test", "rebind.test"]
    assert len(public_seen) == 1 and private_seen == []


async def test_peer_check_protects_an_unguarded_session():
    """A caller's plain session resolves to a private address; no body may be returned."""
    handler, _ = recorder(lambda r: web.Response(body=b"internal secrets"))
    async with serve({"/x": handler}, host="127.0.0.2") as private:
        port = private.rsplit(":", 1)[1]
        connector = aiohttp.TCPConnector(resolver=FakeResolver({"sneaky.test": [["127.0.0.2"]]}))
        async with aiohttp.ClientSession(connector=connector) as session:
            f = Fetcher(FetchLimits(), session, policy=LOCAL_ONLY)
            with pytest.raises(BlockedAddressError) as info:
                await f.fetch(f"http://sneaky.test:{port}/x")
    assert "127.0.0.2" in str(info.value)


# --- concurrency, settings, session ownership -------------------------------------------


async def test_per_host_concurrency_limit():
    in_flight = 0
    peak = 0
    gate = asyncio.Event()
    reached = asyncio.Event()

    async def handler(request):
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        if in_flight >= 2:
            reached.set()
        await gate.wait()
        in_flight -= 1
        return web.Response(body=FEED)

    limits = FetchLimits(allow_private_networks=True, per_host_concurrency=2)
    async with serve({"/feed": handler}) as base, Fetcher(limits) as f:
        tasks = [asyncio.create_task(f.fetch(base + "/feed")) for _ in range(5)]
        await asyncio.wait_for(reached.wait(), 10)

        async def all_queued():
            # all five have entered the host slot; two hold the semaphore, three wait on it
            while not (f._hosts.get("127.0.0.1", [None, 0])[1] == 5 and f._hosts["127.0.0.1"][0].locked()):
                await asyncio.sleep(0.01)

        await asyncio.wait_for(all_queued(), 10)
        assert in_flight == 2
        gate.set()
        results = await asyncio.wait_for(asyncio.gather(*tasks), 20)
    assert [r.status for r in results] == [200] * 5
    assert peak == 2
    assert f._hosts == {}  # semaphores of idle hosts are dropped


def test_limits_from_settings():
    s = Settings(connect_timeout=3, read_timeout=4, total_timeout=9, max_body_bytes=123, max_redirects=2,
                 per_host_concurrency=7, user_agent="ua/1", allow_private_networks=True)
    assert FetchLimits.from_settings(s) == FetchLimits(3, 4, 9, 123, 2, 7, "ua/1", True)


async def test_given_session_is_not_closed():
    handler, _ = recorder(lambda r: web.Response(body=FEED))
    async with serve({"/feed": handler}) as base:
        async with aiohttp.ClientSession(connector=guarded_connector(AddressPolicy(allow_private_networks=True))) as session:
            async with Fetcher(OPEN, session) as f:
                assert (await f.fetch(base + "/feed")).body == FEED
            assert not session.closed
        async with Fetcher(OPEN) as f:
            await f.fetch(base + "/feed")
            own = f._session
        assert own is None or own.closed


async def test_unguarded_session_refuses_when_the_peer_cannot_be_verified():
    """Connection: close leaves no socket to inspect; an unguarded session must not be trusted."""
    handler, _ = recorder(lambda r: web.Response(body=b"internal secrets", headers={"Connection": "close"}))
    async with serve({"/x": handler}, host="127.0.0.2") as private:
        port = private.rsplit(":", 1)[1]
        connector = aiohttp.TCPConnector(resolver=FakeResolver({"sneaky.test": [["127.0.0.2"]]}), force_close=True)
        async with aiohttp.ClientSession(connector=connector) as session:
            f = Fetcher(FetchLimits(), session, policy=LOCAL_ONLY)
            with pytest.raises(BlockedAddressError):
                await f.fetch(f"http://sneaky.test:{port}/x")


async def test_guarded_session_with_connection_close_still_works():
    handler, _ = recorder(lambda r: web.Response(body=FEED, headers={"Connection": "close"}))
    async with serve({"/feed": handler}) as base:
        port = base.rsplit(":", 1)[1]
        resolver = FakeResolver({"feed.test": [["127.0.0.1"]]})
        connector = guarded_connector(LOCAL_ONLY, resolver, force_close=True)
        async with aiohttp.ClientSession(connector=connector) as session:
            f = Fetcher(FetchLimits(), session, policy=LOCAL_ONLY)
            assert (await f.fetch(f"http://feed.test:{port}/feed")).body == FEED
