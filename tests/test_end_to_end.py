"""The whole pipeline as an operator runs it: `watchfloor run` + feed server + webhook receiver.

On the real Apache Kafka broker (session fixture) and on the embedded Tansu broker, exactly
as the README's quick start starts it. Restarting must not alert again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import HARMLESS, LAUNCH, FeedServer, Service, WebhookReceiver, feed, now_rfc822, wait_for_sync

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
