"""Every request to a destination is address-checked on use (agents/notify/sender.py).

Real receivers on 127.0.0.1; a resolver override plays DNS that answered a public address
when the worker started and answers 127.0.0.1 now (rebinding), or that failed at start.
"""

from __future__ import annotations

import socket

import aiohttp
import pytest
from aiohttp.abc import AbstractResolver

from agents.notify.destinations import Destination
from agents.notify.sender import Sender, destination_session
from streams.core.errors import BlockedAddressError, TransientDeliveryError
from streams.core.records import Alert
from streams.core.settings import Settings
from streams.ingest.fetch import FetchLimits, Fetcher
from streams.ingest.netguard import destination_policy
from tests.support import WebhookReceiver

NAME = "hooks.example.test"


class RebindingResolver(AbstractResolver):
    """Answers ``NAME`` with 127.0.0.1: what a rebinding DNS says once the start-up check passed."""

    def __init__(self) -> None:
        self.lookups: list[str] = []

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET):
        self.lookups.append(host)
        if host != NAME:
            raise OSError(f"no such host {host}")
        return [{"hostname": host, "host": "127.0.0.1", "port": port, "family": socket.AF_INET, "proto": 0,
                 "flags": socket.AI_NUMERICHOST}]

    async def close(self) -> None:
        pass


def alert() -> Alert:
    return Alert(id="story-9:r0", story_id="story-9", kind="new", topic="missile_launch", severity="high",
                 title="t", link="https://news.example/x", evidence="e", phrase="p", entities=[], sources=1,
                 first_seen=1_700_000_000.0, created=1_700_000_000.0, revision=0, links=[])


@pytest.fixture
def receiver():
    r = WebhookReceiver().start()
    yield r
    r.stop()


def by_name(receiver: WebhookReceiver) -> Destination:
    return Destination("ops", "webhook", receiver.url.replace("127.0.0.1", NAME))


async def test_a_sender_refuses_an_unguarded_session():
    """A peer check after the answer is too late for a POST (the alert is out): the only
    safe session is one whose connector never dials a blocked address."""
    async with aiohttp.ClientSession() as plain:
        with pytest.raises(ValueError, match="destination_session"):
            Sender(plain, policy=destination_policy(False, []))
        Sender(plain, policy=destination_policy(True, []))  # --allow-private-networks: nothing to guard


async def test_the_notifier_builds_its_sender_on_the_guarded_session(receiver):
    """The stage's session factory: what register() uses for webhooks, Slack and Alertmanager."""
    import inspect

    from agents.notify import stage

    source = inspect.getsource(stage.register)
    assert "destination_session(" in source and "aiohttp.ClientSession(" not in source


async def test_the_guarded_session_never_dials_a_blocked_address(receiver):
    policy = destination_policy(False, [])
    resolver = RebindingResolver()
    async with destination_session(policy, timeout=5, resolver=resolver) as session:
        with pytest.raises(TransientDeliveryError) as err:
            await Sender(session, policy=policy).send(alert(), by_name(receiver))
    assert err.value.kind == "blocked_address" and "127.0.0.1" in str(err.value)
    assert resolver.lookups == [NAME]
    assert receiver.received == []


async def test_an_ip_literal_is_checked_on_every_request(receiver):
    policy = destination_policy(False, [])
    async with destination_session(policy, timeout=5) as session:
        with pytest.raises(TransientDeliveryError, match="refusing"):
            await Sender(session, policy=policy).send(alert(), Destination("w", "webhook", receiver.url))
    assert receiver.received == []


@pytest.mark.parametrize("trusted", [[NAME], ["127.0.0.0/8"], [NAME.upper() + "."]])
async def test_a_trusted_destination_is_delivered_under_its_alert_id(receiver, trusted):
    policy = destination_policy(False, trusted)
    async with destination_session(policy, timeout=5, resolver=RebindingResolver()) as session:
        await Sender(session, policy=policy).send(alert(), by_name(receiver))
    [got] = receiver.delivered()
    assert got["headers"]["webhook-id"] == "story-9:r0"


async def test_trusting_destinations_never_opens_feeds(receiver):
    """trusted_destinations is the delivery session's policy, not the fetcher's."""
    settings = Settings(trusted_destinations=["127.0.0.0/8", "localhost"])
    async with Fetcher(FetchLimits.from_settings(settings)) as fetcher:
        with pytest.raises(BlockedAddressError):
            await fetcher.fetch(receiver.url)
        with pytest.raises(BlockedAddressError):
            await fetcher.fetch(receiver.url.replace("127.0.0.1", "localhost"))
    assert receiver.received == []
