"""``watchfloor run``: broker, topics, Faust worker, in one process.

Order: check destinations against the SSRF rule -> start the embedded broker when no
``--broker`` is set -> create topics -> run the Faust worker until SIGINT/SIGTERM -> save
the embedded snapshot -> stop the broker.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from .errors import BlockedAddressError
from .settings import Settings

log = logging.getLogger(__name__)


def check_destinations(settings: Settings) -> None:
    """Refuse private/loopback webhooks and feeds up front unless --allow-private-networks."""
    from .netguard import check_url_allowed

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


def serve(settings: Settings) -> int:
    import faust

    from . import logs
    from .app import create_app
    from .embedded import EmbeddedBroker
    from .topics import bootstrap_of, ensure_topics

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
    app: Any = None
    ctx: Any = None
    try:
        from .topics import TopicNames

        asyncio.run(ensure_topics(bootstrap_of(broker_url), TopicNames(settings.app_id).layout(settings.topic_partitions),
                                  replication_factor=settings.replication_factor, timeout=settings.kafka_timeout))
        app, ctx = create_app(settings, broker_url=broker_url, embedded=broker is not None)
        worker = faust.Worker(app, loglevel=settings.log_level.lower(),
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
        if ctx is not None and "save_snapshot" in ctx.services:
            try:
                ctx.services["save_snapshot"]()
            except Exception:
                log.exception("could not save the feed snapshot")
        if broker is not None:
            broker.stop()
