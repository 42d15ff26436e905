"""``watchfloor run``: broker, topics, Faust worker and every stage, in one process.

Order: check what can be checked (data_dir writable, web port free, destinations and feeds
against the SSRF rule, the broker answering) -> start the embedded broker when no
``--broker`` is set -> create topics -> create the app and register the stages (ingest,
enrich, stories, notify, then the web views over them; the enrich stage's gazetteer and rule
pack load in a thread meanwhile, overlapping Faust's start) -> run the Faust worker until
SIGINT/SIGTERM -> save the embedded snapshot -> stop the broker.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
import socket

from agents.enrich import stage as enrich
from agents.notify import stage as notify
from agents.notify.destinations import destinations_from_settings
from agents.stories import stage as stories
from streams import web
from streams.core import logs
from streams.core.errors import BlockedAddressError, ConfigError
from streams.core.metrics import Metrics
from streams.core.settings import Settings
from streams.ingest import stage as ingest
from streams.ingest.netguard import AddressPolicy, check_url_allowed, destination_policy
from streams.kafka.embedded import EmbeddedBroker, restore_queues, save_queues
from streams.kafka.faust_app import Runtime, Worker, create_app
from streams.kafka.topics import TopicNames, bootstrap_of, ensure_topics

log = logging.getLogger(__name__)

#: in data_dir: alerts the embedded broker held undelivered at the last stop
PENDING_DELIVERIES = "pending-deliveries.jsonl"


def check_destinations(settings: Settings) -> None:
    """Refuse private/loopback destinations and feeds up front unless --allow-private-networks
    (destinations: or ``trusted_destinations``). Every request is checked again on use:
    the feed fetcher's and the notifier's sessions both go through the guarded connector."""
    dest_policy = destination_policy(settings.allow_private_networks, settings.trusted_destinations)
    feed_policy = AddressPolicy(allow_private_networks=settings.allow_private_networks)
    checks = [(d.url, dest_policy, str(d)) for d in destinations_from_settings(settings)]
    checks += [(f.url, feed_policy, f.url.split("?")[0]) for f in settings.feeds]
    for url, policy, shown in checks:
        try:
            check_url_allowed(url, settings.allow_private_networks, policy=policy)
        except BlockedAddressError:
            raise
        except Exception as exc:  # DNS may be down at start: the guarded sessions check every request
            log.warning("could not check %s now (%s); it will be checked on use", shown, exc)


def check_data_dir(settings: Settings) -> None:
    """``data_dir`` exists (or can be made) and takes a file, else one ConfigError line."""
    path = settings.data_dir
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".watchfloor-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(f"data_dir {path}: not writable ({exc.strerror or exc})") from None


def check_web_port(settings: Settings) -> None:
    """The web port is free now (Faust binds it later, and would die with a traceback)."""
    if settings.web_port == 0:
        return
    family = socket.AF_INET6 if ":" in settings.web_host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp binds: TIME_WAIT is no conflict
        try:
            sock.bind((settings.web_host, settings.web_port))
        except OSError as exc:
            raise ConfigError(f"web_port {settings.web_port} on {settings.web_host}: cannot listen "
                              f"({exc.strerror or exc}); is another watchfloor running? choose another --web-port"
                              ) from None


def build(settings: Settings, *, broker_url: str, embedded: bool, metrics: Metrics | None = None
          ) -> tuple[Runtime, web.Stages]:
    """The app with every stage registered on it (what a worker runs). The enrich stage is
    still being built in its thread when this returns (:mod:`streams.core.background`)."""
    rt = create_app(settings, broker_url=broker_url, embedded=embedded, metrics=metrics,
                    destinations=[d.id for d in destinations_from_settings(settings)])
    feeds = ingest.register(rt)
    enrich_stage = enrich.register(rt)
    story_stage = stories.register(rt)
    notify_stage = notify.register(rt)
    stages = web.Stages(feeds=feeds, stories=story_stage, notify=notify_stage, enrich=enrich_stage)
    web.register(rt, stages)

    @rt.app.task
    async def stop_if_enrich_fails() -> None:
        # a bad rule pack or gazetteer directory: the worker stops as on SIGTERM, and serve()
        # raises the error (one line, exit 1), as when the stage was built before the worker
        try:
            await enrich_stage.wait()
        except Exception:
            os.kill(os.getpid(), signal.SIGTERM)

    @rt.app.task
    async def announce_ready() -> None:
        while web.health(rt, stages)[0]["status"] != "ok":
            await asyncio.sleep(0.2)
        log.info("%s", ready_line(settings, broker_url=broker_url, embedded=embedded,
                                  destinations=[d.kind for d in notify_stage.destinations]))

    return rt, stages


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
    check_data_dir(settings)
    check_web_port(settings)
    check_destinations(settings)
    broker: EmbeddedBroker | None = None
    if settings.broker:
        broker_url = settings.broker
    else:
        broker = EmbeddedBroker(settings.embedded_port, log_path=settings.data_dir / "tansu.log").start()
        broker_url = broker.url
        log.warning("using the EMBEDDED broker on %s: in memory only, for trials; production uses Apache Kafka",
                    broker.bootstrap)
    feeds: ingest.FeedRegistry | None = None
    names = TopicNames(settings.app_id)
    queues = [names.delivery(d.id) for d in destinations_from_settings(settings)]
    pending = settings.data_dir / PENDING_DELIVERIES
    started = False
    try:
        layout = names.layout(settings.topic_partitions, [d.id for d in destinations_from_settings(settings)])
        asyncio.run(ensure_topics(bootstrap_of(broker_url), layout,
                                  replication_factor=settings.replication_factor, timeout=settings.kafka_timeout))
        if broker is not None:
            restored = asyncio.run(restore_queues(broker.bootstrap, pending, queues, timeout=settings.kafka_timeout))
            if restored:
                log.info("restored %d undelivered alert(s) kept in %s at the last stop", restored, pending)
        started = True
        rt, stages = build(settings, broker_url=broker_url, embedded=broker is not None)
        feeds = stages.feeds
        # the app built above lives as long as the worker: out of the cyclic collector's sight,
        # its full passes walk only what processing creates (bench/README.md, "Worker CPU per
        # article, branch pipeline-speed"); the enrich stage freezes itself once built. No
        # gc.collect() first: it found ~60 objects to free and walked all ~630,000, 0.26-0.72 s
        # of the start once the gazetteer was in memory (bench/README.md, "Start to consuming")
        gc.freeze()
        worker = Worker(rt.app, loglevel=settings.log_level.lower(),
                              logging_config=logs.logging_config(settings.log_level, settings.log_json))
        # Faust's terminal spinner sets the root logger to DEBUG below INFO (to spin on every
        # record): every logger.debug in Faust's send path then builds a LogRecord (~3% of a
        # worker's CPU under load) only for the handler to drop it. A service has no terminal.
        worker.spinner = None
        code = 0
        try:
            worker.execute_from_commandline()
        except SystemExit as exc:
            code = int(exc.code or 0)
        failed = stages.enrich.error()
        if failed is not None:
            raise failed
        return code
    finally:
        if feeds is not None and broker is not None:
            try:
                feeds.save_snapshot()
            except Exception:
                log.exception("could not save the feed snapshot")
        if broker is not None and started:
            # the embedded broker forgets everything: keep what was not delivered for the next start
            try:
                kept = asyncio.run(save_queues(broker.bootstrap, settings.app_id, queues, pending,
                                               timeout=settings.kafka_timeout))
                if kept:
                    log.warning("kept %d undelivered alert(s) in %s; they are sent at the next start", kept, pending)
            except Exception as exc:
                log.error("could not keep the undelivered alerts of the embedded broker: %s", exc)
        if broker is not None:
            broker.stop()
