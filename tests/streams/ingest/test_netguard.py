"""SSRF guard: address classification, the resolver filter, peer checks, config-time checks."""

from __future__ import annotations

import ipaddress
import socket

import pytest
from aiohttp.abc import AbstractResolver

from streams.core.errors import BlockedAddressError, NetworkError
from streams.ingest.netguard import AddressPolicy, GuardedResolver, check_url_allowed, is_private_address

PRIVATE = [
    "127.0.0.1", "127.255.255.254", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "100.64.0.1", "100.127.255.254",  # carrier-grade NAT
    "0.0.0.0", "0.1.2.3", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
    "198.18.0.1", "192.0.0.8", "192.0.2.1",
    "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1", "2001:db8::1",
    "3fff::1", "3fff:fff:ffff::1",  # documentation, RFC 9637
    "192.88.99.1",  # 6to4 relay anycast
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",  # IPv4-mapped
    "::127.0.0.1",  # IPv4-compatible
    "2002:7f00:1::1", "2002:a00:1::",  # 6to4 of loopback / 10/8
    "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe",  # NAT64 of loopback / metadata
]
PUBLIC = ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "2a00:1450:4001::200e",
          "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"]


@pytest.mark.parametrize("addr", PRIVATE)
def test_private_addresses(addr):
    assert is_private_address(ipaddress.ip_address(addr))


@pytest.mark.parametrize("addr", PUBLIC)
def test_public_addresses(addr):
    assert not is_private_address(ipaddress.ip_address(addr))


@pytest.mark.parametrize(
    "policy, addr, blocked",
    [
        (AddressPolicy(), "10.0.0.1", True),
        (AddressPolicy(allow_private_networks=True), "10.0.0.1", False),
        (AddressPolicy.allowing("127.0.0.1/32"), "127.0.0.1", False),
        (AddressPolicy.allowing("127.0.0.1/32"), "127.0.0.2", True),
        (AddressPolicy.allowing("10.1.0.0/16"), "10.1.2.3", False),
        (AddressPolicy.allowing("10.1.0.0/16"), "10.2.0.1", True),
        (AddressPolicy(is_blocked_fn=lambda ip: str(ip) == "8.8.8.8"), "8.8.8.8", True),
        (AddressPolicy(is_blocked_fn=lambda ip: str(ip) == "8.8.8.8"), "127.0.0.1", False),
    ],
)
def test_policy(policy, addr, blocked):
    assert policy.is_blocked(ipaddress.ip_address(addr)) is blocked


@pytest.mark.parametrize(
    "peer, ok",
    [
        (("8.8.8.8", 443), True),
        (("2606:4700:4700::1111", 443, 0, 0), True),
        (("127.0.0.1", 80), False),
        (("fe80::1%eth0", 80, 0, 2), False),
        (None, False),  # cannot verify
        (("not-an-ip", 1), False),
    ],
)
def test_check_peer(peer, ok):
    policy = AddressPolicy()
    if ok:
        policy.check_peer(peer, "http://x/")
    else:
        with pytest.raises(BlockedAddressError, match="--allow-private-networks"):
            policy.check_peer(peer, "http://x/")


class Table(AbstractResolver):
    def __init__(self, addrs):
        self.addrs = addrs

    async def resolve(self, host, port=0, family=socket.AF_INET):
        return [{"hostname": host, "host": a, "port": port, "family": socket.AF_INET, "proto": 0, "flags": 0} for a in self.addrs]

    async def close(self):
        pass


async def test_guarded_resolver_filters_and_refuses():
    mixed = GuardedResolver(AddressPolicy(), Table(["10.0.0.1", "8.8.8.8", "127.0.0.1"]))
    assert [r["host"] for r in await mixed.resolve("mixed.example", 80)] == ["8.8.8.8"]
    only_private = GuardedResolver(AddressPolicy(), Table(["10.0.0.1", "::1"]))
    with pytest.raises(BlockedAddressError) as info:
        await only_private.resolve("internal.example", 80)
    assert "internal.example" in str(info.value) and "--allow-private-networks" in str(info.value)
    allowed = GuardedResolver(AddressPolicy(allow_private_networks=True), Table(["10.0.0.1"]))
    assert [r["host"] for r in await allowed.resolve("internal.example", 80)] == ["10.0.0.1"]


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9093/api", "http://localhost/hook", "https://[::1]/x", "http://169.254.169.254/latest/meta-data/",
     "http://10.0.0.5/hooks?token=s3cr3t"],
)
def test_check_url_allowed_refuses_private(url):
    with pytest.raises(BlockedAddressError) as info:
        check_url_allowed(url, allow_private_networks=False)
    assert "--allow-private-networks" in str(info.value)
    assert "s3cr3t" not in str(info.value)  # messages show the origin only
    check_url_allowed(url, allow_private_networks=True)


@pytest.mark.parametrize("url, kind", [("file:///etc/passwd", "bad_scheme"), ("ftp://8.8.8.8/x", "bad_scheme"), ("http:///nohost", "bad_url")])
def test_check_url_allowed_refuses_bad_urls_even_with_flag(url, kind):
    with pytest.raises(BlockedAddressError) as info:
        check_url_allowed(url, allow_private_networks=True)
    assert info.value.kind == kind


def test_check_url_allowed_accepts_public_literal_and_reports_dns_failure():
    check_url_allowed("https://8.8.8.8/hook", allow_private_networks=False)
    with pytest.raises(NetworkError) as info:
        check_url_allowed("https://does-not-exist.invalid/services/T000/B000/XXXX", allow_private_networks=False)
    assert info.value.kind == "dns" and "XXXX" not in str(info.value)
