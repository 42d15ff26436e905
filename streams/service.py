"""``watchfloor run``: broker, topics, Faust worker and every stage, in one process.

Order: check destinations against the SSRF rule -> start the embedded broker when no
``--broker`` is set -> create topics -> create the app and register the stages (ingest,
enrich, stories, notify, then the web views over them) -> run the Faust worker until
SIGINT/SIGTERM -> save the embedded snapshot -> stop the broker.
"""

from __future__ import annotations

import asyncio
import logging

from agents.enrich import stage as enrich
from agents.notify import stage as notify
from agents.stories import stage as stories
from streams import web
from streams.core import logs
from streams.core.errors import BlockedAddressError
from streams.core.metrics import Metrics
from streams.core.settings import Settings
from streams.ingest import stage as ingest
from streams.ingest.netguard import check_url_allowed
from streams.kafka.embedded import EmbeddedBroker
from streams.kafka.faust_app import Runtime, Worker, create_app
from streams.kafka.topics import TopicNames, bootstrap_of, ensure_topics

log = logging.getLogger(__name__)


def check_destinations(settings: Settings) -> None:
    """Refuse private/loopback webhooks and feeds up front unless --allow-private-networks."""
    urls = list(settings.webhooks)
    if settings.slack_webhook:
        urls.append(settings.slack_webhook.get_secret_value())
    if settings.alertmanager_url:
        urls.append(settings.alertmanager_url)
    urls += [f.url for f in settings.feeds]
    for url in urls:
        try:
            check_url_allowed(url, settings.allow_private_networks)
        except BlockedAddressError:
            raise
        except Exception as exc:  # DNS may be down at start: the fetcher checks again on every request
            log.warning("could not check %s now (%s); it will be checked on use", url.split("?")[0], exc)


def build(settings: Settings, *, broker_url: str, embedded: bool, metrics: Metrics | None = None
          ) -> tuple[Runtime, ingest.FeedRegistry]:
    """The app with every stage registered on it (what a worker runs)."""
    rt = create_app(settings, broker_url=broker_url, embedded=embedded, metrics=metrics)
    feeds = ingest.register(rt)
    enrich_stage = enrich.register(rt)
    story_stage = stories.register(rt)
    notify_stage = notify.register(rt)
    stages = web.Stages(feeds=feeds, stories=story_stage, notify=notify_stage, enrich=enrich_stage)
    web.register(rt, stages)

    @rt.app.task
    async def announce_ready() -> None:
        while web.health(rt, stages)[0]["status"] != "ok":
            await asyncio.sleep(0.2)
        log.info("%s", ready_line(settings, broker_url=broker_url, embedded=embedded,
                                  destinations=[d.kind for d in notify_stage.destinations]))

    return rt, feeds


def ready_line(settings: Settings, *, broker_url: str, embedded: bool, destinations: list[str]) -> str:
    """The one line that says the worker is up, where to look, and what is missing."""
    host = settings.web_host if settings.web_host not in ("0.0.0.0", "::") else "127.0.0.1"
    web_url = f"http://{host}:{settings.web_port}/"
    configured = len(settings.feeds)
    # feeds added with `watchfloor feeds add` are in the registry, listed at /feeds
    feeds = f"{configured} configured" if configured else (
        "none configured (add --feed URL, or `watchfloor feeds add URL`; /feeds lists the registry)")
    if destinations:
        kinds: dict[str, int] = {}
        for kind in destinations:
            kinds[kind] = kinds.get(kind, 0) + 1
        dests = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    else:
        dests = "none (alerts show only on the page; add --webhook, --slack-webhook or --alertmanager-url)"
    broker = (f"embedded {bootstrap_of(broker_url)} (in memory, for trials)" if embedded
              else bootstrap_of(broker_url))
    return f"ready: page {web_url} (and /metrics, /health); feeds: {feeds}; destinations: {dests}; broker: {broker}"


def serve(settings: Settings) -> int:
    check_destinations(settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    broker: EmbeddedBroker | None = None
    if settings.broker:
        broker_url = settings.broker
    else:
        broker = EmbeddedBroker(settings.embedded_port, log_path=settings.data_dir / "tansu.log").start()
        broker_url = broker.url
        log.warning("using the EMBEDDED broker on %s: in memory only, for trials; production uses Apache Kafka",
                    broker.bootstrap)
    feeds: ingest.FeedRegistry | None = None
    try:
        asyncio.run(ensure_topics(bootstrap_of(broker_url), TopicNames(settings.app_id).layout(settings.topic_partitions),
                                  replication_factor=settings.replication_factor, timeout=settings.kafka_timeout))
        rt, feeds = build(settings, broker_url=broker_url, embedded=broker is not None)
        worker = Worker(rt.app, loglevel=settings.log_level.lower(),
                              logging_config=logs.logging_config(settings.log_level, settings.log_json))
        # Faust's terminal spinner sets the root logger to DEBUG below INFO (to spin on every
        # record): every logger.debug in Faust's send path then builds a LogRecord (~3% of a
        # worker's CPU under load) only for the handler to drop it. A service has no terminal.
        worker.spinner = None
        try:
            worker.execute_from_commandline()
        except SystemExit as exc:
            return int(exc.code or 0)
        return 0
    finally:
        if feeds is not None and broker is not None:
            try:
                feeds.save_snapshot()
            except Exception:
                log.exception("could not save the feed snapshot")
        if broker is not None:
            broker.stop()
