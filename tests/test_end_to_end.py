"""The whole pipeline as an operator runs it: `watchfloor run` + feed server + webhook receiver.

On the real Apache Kafka broker (session fixture) and on the embedded Tansu broker, exactly
as the README's quick start starts it. Restarting must not alert again.
"""

from __future__ import annotations

import time
from email.utils import formatdate
from pathlib import Path

import pytest

from tests.support import FeedServer, Service, WebhookReceiver, wait_for_sync

LAUNCH = """<item>
  <title>Seoul and Tokyo condemn North Korea's failed spy satellite launch</title>
  <link>https://wire.example.com/asia/launch-{n}</link>
  <guid isPermaLink="false">wire-launch-{n}</guid>
  <pubDate>{date}</pubDate>
  <description><![CDATA[<p>North Korea launched a Chollima-1 rocket carrying a military reconnaissance satellite on
  Wednesday, but the rocket crashed into the sea after its second stage failed, Pyongyang's state media said.</p>
  <p>Japan and South Korea called the launch a violation of UN Security Council resolutions.</p>
  <p>We use cookies to improve your experience. Accept all cookies.</p>]]></description>
</item>"""

HARMLESS = """<item>
  <title>Harbour ferry timetable changes for the winter season</title>
  <link>https://wire.example.com/local/ferry-{n}</link>
  <guid isPermaLink="false">wire-ferry-{n}</guid>
  <pubDate>{date}</pubDate>
  <description>The ferry company will launch a reduced winter timetable next month, with the first boat at 7am.</description>
</item>"""


def feed(*items: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Wire Asia</title>"
        "<link>https://wire.example.com/</link>" + "".join(items) + "</channel></rss>"
    ).encode()


def now_rfc822() -> str:
    return formatdate(time.time(), usegmt=True)



def alerts_of(receiver: WebhookReceiver, topic: str | None = None) -> list[dict]:
    out = [r["body"]["data"] for r in receiver.delivered()]
    return [a for a in out if topic is None or a["topic"] == topic]


def run_and_restart(tmp_path: Path, feeds: FeedServer, receiver: WebhookReceiver, broker_args: list[str]) -> None:
    date = now_rfc822()
    url = feeds.set("/asia.xml", feed(LAUNCH.format(n=1, date=date), HARMLESS.format(n=1, date=date)))
    service = Service(tmp_path, "--feed", url, "--webhook", receiver.url, *broker_args)
    service.start().wait_ready()
    try:
        wait_for_sync(lambda: alerts_of(receiver, "satellite_launch"), 60, what="a satellite_launch alert")
        # wait until both articles went through the rules before judging the harmless one
        wait_for_sync(lambda: service.metric("watchfloor_articles_processed_total") >= 2, 30, what="2 processed")
        # everything the stories stage raised has been delivered: then count what arrived
        wait_for_sync(lambda: service.metric("watchfloor_deliveries_total", {"outcome": "delivered"})
                      >= service.metric("watchfloor_alerts_raised_total"), 30, what="all raised alerts delivered")
        launch = alerts_of(receiver, "satellite_launch")
        assert len(launch) == 1, launch
        # one alert per event: the failure is a qualifier of the launch, not a second alert
        assert len(alerts_of(receiver)) == 1, [a["topic"] for a in alerts_of(receiver)]
        assert launch[0]["qualifiers"] == ["launch_failure"]
        alert = launch[0]
        # the event the alert reports (issue 11): who launched what, and how it went
        assert alert["event"]["actor"]["id"] == "country:KP" and alert["event"]["outcome"] == "failure"
        assert alert["event"]["type"] == "satellite_launch" and alert["published"]
        ids = {e["id"] for e in alert["entities"]}
        assert {"country:KP", "country:JP", "country:KR", "vehicle:chollima-1"} <= ids, ids
        assert "Chollima-1" in alert["evidence"] or "launch" in alert["evidence"].lower()
        assert alert["link"] == "https://wire.example.com/asia/launch-1"
        assert not [a for a in alerts_of(receiver) if "ferry" in a["link"]], "the harmless item raised an alert"
        # every alert carries its idempotency key as webhook-id
        assert all(r["headers"]["webhook-id"] == r["body"]["data"]["id"] for r in receiver.delivered())
        before = len(receiver.received)
    finally:
        service.stop()

    # restart against the same feed: nothing already alerted may be alerted again
    date2 = now_rfc822()
    feeds.set("/asia.xml", feed(HARMLESS.format(n=2, date=date2), LAUNCH.format(n=1, date=date),
                                HARMLESS.format(n=1, date=date)))
    service.start().wait_ready()
    try:
        # the new harmless item proves the restarted pipeline ran end to end
        wait_for_sync(lambda: service.metric("watchfloor_articles_processed_total") >= 1, 60,
                      what="the new article processed after restart")
        assert service.metric("watchfloor_articles_published_total") == 1, "already-seen entries were re-published"
        assert len(receiver.received) == before, receiver.received[before:]
    finally:
        service.stop()


@pytest.mark.kafka
def test_pipeline_on_real_kafka_alerts_once_and_not_again_after_restart(tmp_path, kafka_broker, feeds, receiver):
    run_and_restart(tmp_path, feeds, receiver, ["--broker", kafka_broker.url])


@pytest.mark.embedded
def test_pipeline_on_embedded_broker_alerts_once_and_not_again_after_restart(tmp_path, feeds, receiver):
    run_and_restart(tmp_path, feeds, receiver, [])
