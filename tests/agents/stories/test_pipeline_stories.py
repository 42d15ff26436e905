"""One alert per event, through the real pipeline: `watchfloor run` on the real Kafka broker.

Five hand-written wire feeds (tests/fixtures/stories/) report one Hwasong-18 launch in ten
different wordings; the story stage must raise one ``new`` alert for it, and follow-ups must
be ``update`` alerts of the same story, never new alerts. Different launches on the same day
must stay apart. Alerts are counted per topic.

The first report is served alone and the other nine once it has alerted, as a wire flash
precedes the follow-ups (the stories do not depend on the order; which report raises `new`
does). The synthetic story set (sets/synthetic.yaml) then runs on two workers in three shuffled
orders and must give the same stories each time.
"""

from __future__ import annotations

import asyncio
import collections
import random
from pathlib import Path

import pytest

from streams.core.records import Article
from streams.kafka.topics import TopicNames
from tests.agents.stages import article
from tests.agents.stories.story_sets import expected_stories, with_hits
from tests.support import FeedServer, Service, WebhookReceiver, story_feed, wait_for_sync
from tests.workload import PARTITIONS, create_topics, inject, kafka_service

#: five outlets, two reports each, all of one launch
LAUNCH_FEEDS = ("yonhap.xml", "reuters.xml", "ap.xml", "kyodo.xml", "nhk.xml")
LEAD_FEED, LEAD_GUID = "ap.xml", "presswire-3f9a1c"



def delivered(receiver: WebhookReceiver, topic: str | None = None, kind: str | None = None) -> list[dict]:
    """Bodies of the 2xx deliveries, in arrival order."""
    return [r["body"] for r in receiver.delivered()
            if (topic is None or r["body"]["data"]["topic"] == topic)
            and (kind is None or r["body"]["data"]["kind"] == kind)]


def stories_of(service: Service, topic: str) -> list[dict]:
    return [s for s in service.get("/alerts?limit=200")["stories"] if s["topic"] == topic]


def start_with_lead_report(tmp_path: Path, kafka_broker, feeds: FeedServer, receiver: WebhookReceiver,
                           env: dict[str, str]) -> Service:
    """The five launch feeds, empty but for the lead report; returns once that report alerted."""
    urls = [feeds.set(f"/{name}", story_feed(name, only=(LEAD_GUID,) if name == LEAD_FEED else ()))
            for name in LAUNCH_FEEDS]
    args = ["--broker", kafka_broker.url, "--webhook", receiver.url]
    for url in urls:
        args += ["--feed", url]
    service = Service(tmp_path, *args, env=env).start().wait_ready()
    wait_for_sync(lambda: delivered(receiver, "missile_launch", "new"), 90, what="the lead report's new alert")
    return service


def publish_all_reports(feeds: FeedServer, service: Service) -> None:
    """Serve the nine follow-ups; return once all ten reports went through the story stage."""
    for name in LAUNCH_FEEDS:
        feeds.set(f"/{name}", story_feed(name))
    wait_for_sync(lambda: sum(len(s["article_ids"]) for s in stories_of(service, "missile_launch")) >= 10,
                  120, what="all ten reports in the story table")


@pytest.mark.kafka
def test_ten_reports_of_one_launch_raise_one_new_alert(tmp_path, kafka_broker, feeds, receiver):
    service = start_with_lead_report(tmp_path, kafka_broker, feeds, receiver, {"WATCHFLOOR_STORY_COOLDOWN": "0"})
    try:
        publish_all_reports(feeds, service)
        stories = stories_of(service, "missile_launch")
        # the story table is the truth: a second `new` alert would be a second story here
        assert len(stories) == 1, [(s["title"], s["sources"]) for s in stories]
        story = stories[0]
        assert story["sources"] == 5, story
        assert story["revision"] == 9, story
        assert story["event"]["object"]["id"] == "vehicle:hwasong-18", story["event"]
        assert story["event"]["actor"]["id"] == "country:KP", story["event"]
        news = delivered(receiver, "missile_launch", "new")
        assert len(news) == 1, [n["data"]["title"] for n in news]
        assert news[0]["type"] == "alert.created"
        assert news[0]["data"]["story_id"] == story["id"]
        # whatever else arrived for the topic belongs to the same story and is not a new alert
        others = delivered(receiver, "missile_launch")[1:]
        assert all(b["data"]["story_id"] == story["id"] and b["data"]["kind"] == "update" for b in others), others
        assert service.metric("watchfloor_alerts_raised_total", {"topic": "missile_launch"}) == 1
    finally:
        service.stop()


@pytest.mark.kafka
def test_follow_up_reports_arrive_as_updates_when_the_event_changes(tmp_path, kafka_broker, feeds, receiver):
    service = start_with_lead_report(tmp_path, kafka_broker, feeds, receiver, {"WATCHFLOOR_STORY_COOLDOWN": "0"})
    try:
        publish_all_reports(feeds, service)
        # not one message per report: the second source, the third, and facts that changed
        wait_for_sync(lambda: any(any(c["kind"] == "sources_3" for c in b["data"]["changes"])
                                  for b in delivered(receiver, "missile_launch", "update")),
                      60, what="the update for the third source")
        # an update raised just now may still be on its way: compare once what was raised arrived
        wait_for_sync(lambda: service.metric("watchfloor_alert_updates_total", {"topic": "missile_launch"})
                      == len(delivered(receiver, "missile_launch", "update")), 60, what="every raised update delivered")
        [new] = delivered(receiver, "missile_launch", "new")
        updates = delivered(receiver, "missile_launch", "update")
        assert all(u["type"] == "alert.updated" and u["version"] == "3" for u in updates)
        assert {u["data"]["story_id"] for u in updates} == {new["data"]["story_id"]}
        kinds = [c["kind"] for u in updates for c in u["data"]["changes"]]
        assert all(u["data"]["changes"] for u in updates), updates
        assert kinds.count("corroborated") == 1 and kinds.count("sources_3") == 1, kinds
        assert len(updates) < 9  # nine follow-ups, fewer messages
        revisions = [u["data"]["revision"] for u in updates]
        assert revisions == sorted(revisions), revisions
        story = new["data"]["story"]
        assert story["actor"]["id"] == "country:KP" and story["sources"] == 1
        assert updates[-1]["data"]["story"]["sources"] >= 3
    finally:
        service.stop()


@pytest.mark.kafka
def test_reaction_report_joins_the_flash_of_the_same_launch(tmp_path, kafka_broker, feeds, receiver):
    """Seoul's report first, then Washington's reaction: same Hwasong-18 launch, one story."""
    flash, reaction = "seoulwire-20260612000452315", "worldwire-asia-nk-icbm-0612-2"
    url_a = feeds.set("/yonhap.xml", story_feed("yonhap.xml", only=(flash,)))
    url_b = feeds.set("/reuters.xml", story_feed("reuters.xml", only=()))
    service = Service(tmp_path, "--broker", kafka_broker.url, "--webhook", receiver.url, "--feed", url_a,
                      "--feed", url_b).start().wait_ready()
    try:
        wait_for_sync(lambda: delivered(receiver, "missile_launch", "new"), 90, what="the flash's new alert")
        feeds.set("/reuters.xml", story_feed("reuters.xml", only=(reaction,)))
        wait_for_sync(lambda: sum(len(s["article_ids"]) for s in stories_of(service, "missile_launch")) >= 2,
                      90, what="the reaction report in the story table")
        stories = stories_of(service, "missile_launch")
        assert len(stories) == 1, [(s["title"], s["event"]) for s in stories]
    finally:
        service.stop()


@pytest.mark.kafka
def test_different_launches_on_one_day_raise_one_new_alert_each(tmp_path, kafka_broker, feeds, receiver):
    """Hwasong-18 ICBM (missile_launch), Iran's Simorgh and North Korea's failed Chollima-1
    (both satellite_launch; the failure rides on the Chollima-1 alert as a qualifier)."""
    urls = [feeds.set("/ap.xml", story_feed("ap.xml", only=(LEAD_GUID,))),
            feeds.set("/iran.xml", story_feed("iran.xml")),
            feeds.set("/chollima.xml", story_feed("chollima.xml"))]
    args = ["--broker", kafka_broker.url, "--webhook", receiver.url]
    for url in urls:
        args += ["--feed", url]
    expected = {"missile_launch": 1, "satellite_launch": 2}
    service = Service(tmp_path, *args).start().wait_ready()
    try:
        wait_for_sync(lambda: all(len(delivered(receiver, t, "new")) >= n for t, n in expected.items()), 90,
                      what=f"new alerts {expected}")
        wait_for_sync(lambda: service.metric("watchfloor_articles_processed_total") >= 3, 30, what="3 processed")
        for topic, n in expected.items():
            news = delivered(receiver, topic, "new")
            assert len(news) == n, (topic, [b["data"]["title"] for b in news])
            assert len({b["data"]["story_id"] for b in news}) == n
            assert len(stories_of(service, topic)) == n
        launches = {tuple(sorted(e["id"] for e in b["data"]["entities"] if e["label"] == "VEHICLE")):
                    b["data"]["qualifiers"] for b in delivered(receiver, "satellite_launch", "new")}
        assert launches == {("vehicle:simorgh",): [], ("vehicle:chollima-1",): ["launch_failure"]}, launches
        # nothing but the three new alerts: no update, nothing for another topic
        assert len(delivered(receiver)) == sum(expected.values()), [b["data"]["title"] for b in delivered(receiver)]
    finally:
        service.stop()


# --- the synthetic story set on two workers, three arrival orders ------------------------------

#: each order is moved by four weeks (weekdays stay what the texts say) and gets its own ids and
#: feeds, so the three replays share the workers and the tables but never a story
SHIFT = 28 * 86400.0


def shuffled_articles(reports: list[dict], order: int) -> list[Article]:
    out = []
    for r in random.Random(order).sample(reports, len(reports)):
        host = r["feed"].split("//", 1)[1]
        a = article(f"o{order}-{r['id']}", r["title"], r["text"], feed=f"https://o{order}.{host}")
        a.published = r["at"] + order * SHIFT
        out.append(a)
    return out


def stories_by_order(services: list[Service]) -> dict[int, list[set]]:
    """Every story of both workers as {(report id, topic)}, grouped by the order it came from."""
    out: dict[int, list[set]] = collections.defaultdict(list)
    for service in services:
        for s in service.get("/alerts?limit=1000")["stories"]:
            orders = {int(aid.split("-", 1)[0][1:]) for aid in s["article_ids"]}
            assert len(orders) == 1, s["article_ids"]  # the orders never meet
            out[orders.pop()].append({(aid.split("-", 1)[1], s["topic"]) for aid in s["article_ids"]})
    return out


@pytest.mark.kafka
def test_the_same_stories_on_two_workers_in_three_arrival_orders(tmp_path, kafka_broker, receiver):
    reports, hits = with_hits("synthetic")
    want = expected_stories(reports, hits)
    about = {(r["id"], r["type"]) for r in reports if r["event_key"]}
    total = sum(len(hits[r["id"]]) for r in reports)  # every hit, mentions of another topic too
    first = kafka_service(tmp_path / "a", kafka_broker, receiver)
    second = kafka_service(tmp_path / "b", kafka_broker, receiver, app_id=first.app_id)
    asyncio.run(create_topics(kafka_broker.bootstrap, first.app_id, PARTITIONS))
    services = [first.start(), second.start()]
    try:
        for s in services:
            s.wait_ready(120)
        wait_for_sync(lambda: all(s.healthy() and s.get("/health")["feed_partitions"] for s in services), 120,
                      what="partitions spread over both workers")
        topic = TopicNames(first.app_id).articles
        for order in (1, 2, 3):
            asyncio.run(inject(kafka_broker.bootstrap, topic, shuffled_articles(reports, order)))
        wait_for_sync(lambda: sum(len(s) for ss in stories_by_order(services).values() for s in ss) >= 3 * total,
                      150, what=f"{3 * total} hits in the story tables")
        got = stories_by_order(services)
        for order in (1, 2, 3):
            assert sorted((s & about for s in got[order] if s & about), key=sorted) == want, order
        # every story was announced by one `new` alert; a `new` beyond that belongs to a story
        # that a later report merged into another (a shuffled backlog may open one early)
        stories = [st for svc in services for st in svc.get("/alerts?limit=1000")["stories"]]
        wait_for_sync(lambda: {s["id"] for s in stories} <= {n["data"]["story_id"] for n in delivered(receiver, kind="new")},
                      60, what="a new alert for every story")
        news = {n["data"]["story_id"] for n in delivered(receiver, kind="new")}
        assert news <= {s["id"] for s in stories} | {m for s in stories for m in s["merged"]}
        print(f"new alerts {len(news)} for {len(stories)} stories ({len(want)} events x 3 orders)")
    finally:
        for s in services:
            s.stop()
