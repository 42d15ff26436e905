"""HTTP views on the worker's web port: /metrics, /health, /feeds, /alerts, /mutes.

Every worker serves its own view: /feeds and /alerts show the feeds and stories of the
partitions it owns (behind a load balancer, ask each worker or aggregate in Grafana).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from aiohttp.web import Response as AioResponse
from faust import web
from faust.sensors.prometheus import setup_prometheus_sensors
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, ProcessCollector, generate_latest
from pydantic import ValidationError

from agents.notify.stage import NotifyStage
from agents.stories.mutes import make_mute
from agents.stories.stage import StoryStage
from streams.core.errors import WatchfloorError
from streams.core.settings import FeedConfig
from streams.ingest.feeds import add_command, remove_command
from streams.ingest.netguard import check_url_allowed
from streams.ingest.stage import FeedRegistry
from streams.kafka.faust_app import Runtime


log = logging.getLogger(__name__)

#: /alerts?limit=: more than this is a mistake, not a view
MAX_ALERTS_LIMIT = 10_000


@dataclass(frozen=True)
class Stages:
    """The stages whose state the views show."""

    feeds: FeedRegistry
    stories: StoryStage
    notify: NotifyStage


def health(rt: Runtime, stages: Stages) -> tuple[dict[str, Any], int]:
    app = rt.app
    recovered = app.tables.recovery.completed.is_set() if app.tables else False
    try:
        actives = sorted(rt.owned_partitions(rt.names.feeds))
    except Exception:
        actives = []
    ready = recovered and not app.rebalancing and app.consumer is not None
    sends = getattr(app.producer, "send_health", None)
    failing = bool(sends is not None and sends.failing)
    # a destination failing or backed up: the worker is ready and restarting it would not help,
    # so "degraded" answers 200 and names the destination and why
    destinations = stages.notify.health()
    status = "stopping" if app.should_stop else "kafka_failing" if failing else "starting" if not ready else (
        "degraded" if destinations else "ok")
    body = {
        "status": status,
        "embedded_broker": rt.embedded,
        "rebalancing": bool(app.rebalancing),
        "tables_recovered": recovered,
        "feed_partitions": actives,
        "destinations": len(stages.notify.destinations),
        "degraded": destinations,
        # the last produce failed (broker down, unreachable or refusing): nothing moves on
        "kafka": {
            "sending": "failing" if failing else "ok",
            "last_ok": sends.last_ok if sends else None,
            "last_error": sends.last_error_text if sends and sends.last_error else None,
        },
        "time": time.time(),
    }
    return body, 200 if body["status"] in ("ok", "degraded") else 503


def serve_metrics(app: Any, registry: CollectorRegistry) -> None:
    """/metrics: watchfloor's metrics, Faust's sensors and the process's, from one registry."""
    # Faust's own sensors (lag, commit latency, rebalances) go into the same registry; the
    # /metrics page it installs is replaced by ours below, which serves that registry too.
    setup_prometheus_sensors(app, pattern="/faust-metrics", registry=registry, name_prefix="watchfloor_faust")
    # the process itself: memory, CPU, file descriptors, and its start time, whose changes
    # count restarts (a stuck worker exits for its supervisor to restart it: streams/kafka/watchdog.py)
    ProcessCollector(registry=registry)

    @app.page("/metrics")
    async def metrics_view(self: web.View, request: web.Request) -> web.Response:
        # aiohttp refuses a charset inside content_type=, and the exposition format needs one
        return AioResponse(body=generate_latest(registry), headers={"Content-Type": CONTENT_TYPE_LATEST})


def register(rt: Runtime, stages: Stages) -> None:
    app = rt.app
    serve_metrics(app, rt.metrics.registry)

    @app.page("/health")
    async def health_view(self: web.View, request: web.Request) -> web.Response:
        body, status = health(rt, stages)
        return self.json(body, status=status)

    @app.page("/feeds")
    class FeedsView(web.View):
        async def get(self, request: web.Request) -> web.Response:
            feeds = stages.feeds.owned_views()
            # one worker's share: with several workers, each lists the feeds of its partitions
            return self.json({"feeds": feeds, "count": len(feeds),
                              "feed_partitions": sorted(rt.owned_partitions(rt.names.feeds))})

        async def post(self, request: web.Request) -> web.Response:
            try:
                body = await request.json()
                feed = FeedConfig(**(body if isinstance(body, dict) else {"url": body}))
                check_url_allowed(feed.url, rt.settings.allow_private_networks)
            except (ValueError, ValidationError, WatchfloorError) as exc:
                return self.json({"error": str(exc)}, status=400)
            await stages.feeds.send(add_command(feed.url, name=feed.name, interval=feed.interval,
                                                full_text=feed.full_text))
            return self.json({"added": feed.url}, status=202)

        async def delete(self, request: web.Request) -> web.Response:
            url = request.query.get("url")
            if not url:
                return self.json({"error": "give the feed as ?url=..."}, status=400)
            await stages.feeds.send(remove_command(url))
            return self.json({"removed": url}, status=202)

    @app.page("/mutes")
    class MutesView(web.View):
        async def get(self, request: web.Request) -> web.Response:
            now = time.time()
            return self.json({"mutes": [dict(m.to_dict(), active=m.active(now))
                                        for m in stages.stories.book.mutes.values()]})

        async def post(self, request: web.Request) -> web.Response:
            try:
                body = await request.json()
                mute = make_mute(body["scope"], body["value"], body["duration"], now=time.time(),
                                 reason=str(body.get("reason", "")))
            except (ValueError, KeyError, TypeError) as exc:
                return self.json({"error": f"give scope (topic|entity|story), value and duration: {exc}"}, status=400)
            await stages.stories.book.mute(mute)
            return self.json({"muted": mute.to_dict()}, status=202)

        async def delete(self, request: web.Request) -> web.Response:
            mute_id = request.query.get("id")
            if not mute_id:
                return self.json({"error": "give the mute as ?id=..."}, status=400)
            await stages.stories.book.unmute(mute_id)
            return self.json({"unmuted": mute_id}, status=202)

    @app.page("/alerts")
    async def alerts_view(self: web.View, request: web.Request) -> web.Response:
        raw = request.query.get("limit", "50")
        try:
            limit = int(raw)
        except ValueError:
            limit = -1
        if not 1 <= limit <= MAX_ALERTS_LIMIT:
            return self.json({"error": f"limit must be a whole number from 1 to {MAX_ALERTS_LIMIT}, not {raw!r}"},
                             status=400)
        return self.json({"stories": stages.stories.open_stories(limit),
                          "recent_alerts": list(stages.notify.recent_alerts)[-limit:]})
