"""SSRF guard: which addresses watchfloor may connect to.

A feed URL, a redirect target or a webhook URL comes from a config file or, worse, from a
stranger's ``Location`` header. By default watchfloor only talks to public unicast
addresses; ``--allow-private-networks`` (``allow_private_networks=True``) lifts that for
self-hosted feeds on a LAN.

Three layers, because a hostname check alone loses to DNS rebinding (the name resolves to
a public address when checked and to 127.0.0.1 when connected):

1. :class:`GuardedResolver` wraps aiohttp's resolver and drops blocked addresses, so the
   connector can only ever dial an allowed address; the addresses checked are the ones
   connected to, in the same step.
2. :meth:`AddressPolicy.check_literal_host` covers IP literals in URLs, which aiohttp
   connects to without asking the resolver.
3. :meth:`AddressPolicy.check_peer` verifies the socket's peer address after connecting,
   which also protects a caller-supplied session built without the guarded connector.

:func:`check_url_allowed` is the synchronous, config-time check for webhook URLs.

Trust for destinations: ``trusted_destinations`` (host names and/or CIDR networks) builds,
through :func:`destination_policy`, the policy of the alert-delivery session only. Feeds,
their redirects and anything added at run time keep the plain policy: trusting
``alertmanager`` on a private Docker network never lets a feed reach that network.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

from streams.core.errors import BlockedAddressError, NetworkError
from streams.core.settings import split_trusted

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
FLAG = "--allow-private-networks"
ALLOWED_SCHEMES = ("http", "https")

# Ranges that ``ipaddress.is_global`` does not exclude on every Python version.
_EXTRA_BLOCKED = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",        # "this network": 0.0.0.0 reaches localhost on Linux
        "100.64.0.0/10",    # carrier-grade NAT
        "192.0.0.0/24",     # IETF protocol assignments
        "192.88.99.0/24",   # 6to4 relay anycast (RFC 7526, deprecated)
        "198.18.0.0/15",    # benchmarking
        "224.0.0.0/4",      # multicast
        "240.0.0.0/4",      # reserved, incl. broadcast
        "64:ff9b:1::/48",   # local-use NAT64
        "100::/64",         # discard-only
        "2001:db8::/32",    # documentation
        "3fff::/20",        # documentation (RFC 9637)
        "fc00::/7",         # unique local
        "fe80::/10",        # link-local
        "fec0::/10",        # deprecated site-local
        "ff00::/8",         # multicast
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address tunnels to (mapped, 6to4, Teredo, NAT64, compat)."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if int(ip) >> 32 == 0 and int(ip) > 1:  # deprecated IPv4-compatible ::a.b.c.d
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_private_address(ip: IPAddress) -> bool:
    """True for anything that is not plain public unicast: loopback, RFC 1918, fc00::/7,
    link-local, multicast, unspecified, reserved, CGNAT, and IPv6 forms embedding those."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            return True
        v4 = embedded_ipv4(ip)
        if v4 is not None:
            return is_private_address(v4)
    if (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_unspecified
        or ip.is_reserved
        or not ip.is_global
    ):
        return True
    return any(ip.version == net.version and ip in net for net in _EXTRA_BLOCKED)


def parse_ip(text: str) -> IPAddress | None:
    """An IP address from a host or sockaddr string (brackets and %zone tolerated), else None."""
    host = text.strip("[]")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _blocked_message(what: str, ip: object) -> str:
    return (
        f"{what}: address {ip} is private, loopback or otherwise not public; "
        f"refusing to connect (use {FLAG} to allow it)"
    )


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses may be connected to.

    ``allowed`` lists networks let through even when private (an operator allowlist, or a
    test's 127.0.0.1); ``is_blocked`` replaces the default predicate entirely.
    """

    allow_private_networks: bool = False
    allowed: frozenset[ipaddress.IPv4Network | ipaddress.IPv6Network] = field(default_factory=frozenset)
    is_blocked_fn: Callable[[IPAddress], bool] = is_private_address
    #: host names (lower case) whose every address is allowed: destinations the operator named
    trusted_hosts: frozenset[str] = field(default_factory=frozenset)

    def trusts(self, host: str | None) -> bool:
        """True when ``host`` (a URL's host name) is one the operator trusted by name."""
        return bool(host) and host.lower().rstrip(".") in self.trusted_hosts  # type: ignore[union-attr]

    @classmethod
    def allowing(cls, *networks: str, allow_private_networks: bool = False) -> "AddressPolicy":
        return cls(
            allow_private_networks=allow_private_networks,
            allowed=frozenset(ipaddress.ip_network(n, strict=False) for n in networks),
        )

    def is_blocked(self, ip: IPAddress) -> bool:
        if self.allow_private_networks:
            return False
        if any(ip.version == net.version and ip in net for net in self.allowed):
            return False
        return self.is_blocked_fn(ip)

    def check_ip(self, ip: IPAddress, what: str) -> None:
        if self.is_blocked(ip):
            raise BlockedAddressError(_blocked_message(what, ip))

    def check_literal_host(self, host: str | None, what: str) -> None:
        """Refuse an IP literal in a URL; hostnames are left to the resolver."""
        ip = parse_ip(host or "")
        if ip is not None:
            self.check_ip(ip, what)

    def check_peer(self, peername: Any, what: str) -> None:
        """Refuse a connected socket whose peer is blocked (``transport.get_extra_info('peername')``)."""
        if self.allow_private_networks:
            return
        if not peername:
            # A unix socket or a transport that hides its peer: nothing to verify against.
            raise BlockedAddressError(f"{what}: cannot verify the connected address; refusing (use {FLAG} to allow it)")
        ip = parse_ip(str(peername[0]).split("%", 1)[0])
        if ip is None:
            raise BlockedAddressError(f"{what}: unexpected peer {peername!r}; refusing (use {FLAG} to allow it)")
        self.check_ip(ip, what)

    def filter_addresses(self, host: str, addresses: Iterable[str]) -> list[str]:
        """The allowed addresses among ``addresses``; BlockedAddressError if none is."""
        addresses = list(addresses)
        if self.trusts(host):
            return addresses
        kept = [a for a in addresses if (ip := parse_ip(a.split("%", 1)[0])) is not None and not self.is_blocked(ip)]
        if addresses and not kept:
            raise BlockedAddressError(_blocked_message(f"host {host}", ", ".join(addresses)))
        return kept


class GuardedResolver(AbstractResolver):
    """An aiohttp resolver that only returns addresses the policy allows."""

    def __init__(self, policy: AddressPolicy, inner: AbstractResolver | None = None) -> None:
        self.policy = policy
        self._inner = inner
        self._owns_inner = inner is None

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        if self._inner is None:
            self._inner = aiohttp.ThreadedResolver()
        results = await self._inner.resolve(host, port, family)
        kept = set(self.policy.filter_addresses(host, [r["host"] for r in results]))
        return [r for r in results if r["host"] in kept]

    async def close(self) -> None:
        if self._inner is not None and self._owns_inner:
            await self._inner.close()


def guarded_connector(
    policy: AddressPolicy, resolver: AbstractResolver | None = None, **connector_kwargs: Any
) -> aiohttp.TCPConnector:
    """A TCPConnector whose DNS answers pass through the policy. Call inside a running loop."""
    return aiohttp.TCPConnector(resolver=GuardedResolver(policy, resolver), **connector_kwargs)


def is_guarded_session(session: aiohttp.ClientSession) -> bool:
    resolver = getattr(session.connector, "_resolver", None)  # no public accessor in aiohttp
    return isinstance(resolver, GuardedResolver)


def check_response_peer(policy: AddressPolicy, session: aiohttp.ClientSession, resp: aiohttp.ClientResponse,
                        what: str, *, host: str | None = None) -> None:
    """Refuse a response whose connected peer the policy blocks (every request, feeds and alerts).

    A response whose body arrived with its headers has already released its connection,
    so fall back to the protocol aiohttp keeps on the response. If the socket is gone
    too (``Connection: close``), trust a guarded connector, which never dials a blocked
    address, and refuse on any other session. ``host``: a host the policy trusts by name
    passes whatever it resolved to.
    """
    if policy.allow_private_networks or policy.trusts(host):
        return
    transport = resp.connection.transport if resp.connection is not None else None
    if transport is None:
        transport = getattr(getattr(resp, "_protocol", None), "transport", None)
    if transport is not None:
        policy.check_peer(transport.get_extra_info("peername"), what)
    elif not is_guarded_session(session):
        policy.check_peer(None, what)


def destination_policy(allow_private_networks: bool, trusted: Iterable[str] = ()) -> AddressPolicy:
    """The policy of the alert-delivery session: the plain one plus ``trusted_destinations``."""
    networks, hosts = split_trusted(trusted)
    return AddressPolicy(allow_private_networks=allow_private_networks,
                         allowed=frozenset(ipaddress.ip_network(n, strict=False) for n in networks),
                         trusted_hosts=frozenset(hosts))


def _origin(url: str) -> str:
    """scheme://host[:port] only: webhook paths and queries often carry the secret."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    return f"{parts.scheme}://{host}{port}"


def check_url_allowed(url: str, allow_private_networks: bool, *, policy: AddressPolicy | None = None) -> None:
    """Config-time check of a webhook or feed URL: http(s) only, and every address the
    host resolves to now must be allowed. Raises BlockedAddressError naming the flag,
    NetworkError when the name does not resolve. Messages show only the URL's origin.

    Resolution can change later; the fetcher and notifier re-check at connect time.
    """
    policy = policy or AddressPolicy(allow_private_networks=allow_private_networks)
    parts = urlsplit(url)
    shown = _origin(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise BlockedAddressError(f"{shown}: only http and https URLs are allowed", kind="bad_scheme")
    host = parts.hostname
    if not host:
        raise BlockedAddressError(f"{shown}: no host in URL", kind="bad_url")
    if policy.allow_private_networks or policy.trusts(host):
        return
    ip = parse_ip(host)
    if ip is not None:
        policy.check_ip(ip, shown)
        return
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise NetworkError(f"{shown}: cannot resolve {host}: {exc}", kind="dns") from exc
    for info in infos:
        addr = str(info[4][0]).split("%", 1)[0]
        ip = parse_ip(addr)
        if ip is None or policy.is_blocked(ip):
            raise BlockedAddressError(_blocked_message(f"{shown} (host {host})", addr))
