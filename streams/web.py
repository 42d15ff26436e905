"""HTTP views on the worker's web port: /metrics, /health, /feeds, /alerts.

Every worker serves its own view: /feeds and /alerts show the feeds and stories of the
partitions it owns (behind a load balancer, ask each worker or aggregate in Grafana).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from aiohttp.web import Response as AioResponse
from faust import web
from faust.sensors.prometheus import setup_prometheus_sensors
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import ValidationError

from . import schedule
from .app import owned_partitions
from .errors import WatchfloorError
from .settings import FeedConfig

log = logging.getLogger(__name__)


def health(app: Any, ctx: Any) -> tuple[dict[str, Any], int]:
    recovered = app.tables.recovery.completed.is_set() if app.tables else False
    try:
        actives = sorted(owned_partitions(app, ctx.names.feeds))
    except Exception:
        actives = []
    ready = recovered and not app.rebalancing and app.consumer is not None
    sends = getattr(app.producer, "send_health", None)
    failing = bool(sends is not None and sends.failing)
    body = {
        "status": "stopping" if app.should_stop else "kafka_failing" if failing else "ok" if ready else "starting",
        "embedded_broker": ctx.embedded,
        "rebalancing": bool(app.rebalancing),
        "tables_recovered": recovered,
        "feed_partitions": actives,
        "destinations": len(ctx.services.get("destinations", [])),
        # the last produce failed (broker down, unreachable or refusing): nothing moves on
        "kafka": {
            "sending": "failing" if failing else "ok",
            "last_ok": sends.last_ok if sends else None,
            "last_error": sends.last_error_text if sends and sends.last_error else None,
        },
        "time": time.time(),
    }
    return body, 200 if body["status"] == "ok" else 503


def register(app: Any, ctx: Any) -> None:
    registry = ctx.metrics.registry
    # Faust's own sensors (lag, commit latency, rebalances) go into the same registry; the
    # /metrics page it installs is replaced by ours below, which serves that registry too.
    setup_prometheus_sensors(app, pattern="/faust-metrics", registry=registry, name_prefix="watchfloor_faust")
    # the process itself: memory, CPU, file descriptors, and its start time, whose changes
    # count restarts (a stuck worker exits for its supervisor to restart it: streams/watchdog.py)
    from prometheus_client import ProcessCollector

    ProcessCollector(registry=registry)

    @app.page("/metrics")
    async def metrics_view(self: web.View, request: web.Request) -> web.Response:
        # aiohttp refuses a charset inside content_type=, and the exposition format needs one
        return AioResponse(body=generate_latest(registry), headers={"Content-Type": CONTENT_TYPE_LATEST})

    @app.page("/health")
    async def health_view(self: web.View, request: web.Request) -> web.Response:
        body, status = health(app, ctx)
        return self.json(body, status=status)

    @app.page("/feeds")
    class FeedsView(web.View):
        async def get(self, request: web.Request) -> web.Response:
            table = ctx.tables["feeds"]
            poller = ctx.services.get("poller")
            feeds = []
            for url, state in list(table.items()):
                if not state or (poller is not None and not poller.owns(url)):
                    continue
                feeds.append(schedule.public_view(state))
            feeds.sort(key=lambda f: f["url"])
            # one worker's share: with several workers, each lists the feeds of its partitions
            return self.json({"feeds": feeds, "count": len(feeds),
                              "feed_partitions": sorted(owned_partitions(app, ctx.names.feeds))})

        async def post(self, request: web.Request) -> web.Response:
            try:
                body = await request.json()
                feed = FeedConfig(**(body if isinstance(body, dict) else {"url": body}))
                from .netguard import check_url_allowed

                check_url_allowed(feed.url, ctx.settings.allow_private_networks)
            except (ValueError, ValidationError, WatchfloorError) as exc:
                return self.json({"error": str(exc)}, status=400)
            from .registry import add_command

            await ctx.services["send_feed_command"](
                add_command(feed.url, name=feed.name, interval=feed.interval, full_text=feed.full_text))
            return self.json({"added": feed.url}, status=202)

        async def delete(self, request: web.Request) -> web.Response:
            url = request.query.get("url")
            if not url:
                return self.json({"error": "give the feed as ?url=..."}, status=400)
            from .registry import remove_command

            await ctx.services["send_feed_command"](remove_command(url))
            return self.json({"removed": url}, status=202)

    register_mutes(app, ctx)

    @app.page("/alerts")
    async def alerts_view(self: web.View, request: web.Request) -> web.Response:
        limit = int(request.query.get("limit", "50"))
        table = ctx.tables.get("stories")
        stories = []
        if table is not None:
            for key, bucket in list(table.items()):
                if key.startswith("held|"):
                    continue
                for story in bucket or []:
                    stories.append({k: v for k, v in story.items() if k != "samples"})
        stories.sort(key=lambda s: s.get("last_seen") or 0, reverse=True)
        return self.json({"stories": stories[:limit], "recent_alerts": ctx.services.get("recent_alerts", [])[-limit:]})


def register_mutes(app: Any, ctx: Any) -> None:
    @app.page("/mutes")
    class MutesView(web.View):
        async def get(self, request: web.Request) -> web.Response:
            book = ctx.services["mutebook"]
            now = time.time()
            return self.json({"mutes": [dict(m.to_dict(), active=m.active(now)) for m in book.mutes.values()]})

        async def post(self, request: web.Request) -> web.Response:
            from agents.mutes import make_mute

            try:
                body = await request.json()
                mute = make_mute(body["scope"], body["value"], body["duration"], now=time.time(),
                                 reason=str(body.get("reason", "")))
            except (ValueError, KeyError, TypeError) as exc:
                return self.json({"error": f"give scope (topic|entity|story), value and duration: {exc}"}, status=400)
            await ctx.services["send_mute"]({"op": "mute", "mute": mute.to_dict()}, mute.id)
            return self.json({"muted": mute.to_dict()}, status=202)

        async def delete(self, request: web.Request) -> web.Response:
            mute_id = request.query.get("id")
            if not mute_id:
                return self.json({"error": "give the mute as ?id=..."}, status=400)
            await ctx.services["send_mute"]({"op": "unmute", "id": mute_id}, mute_id)
            return self.json({"unmuted": mute_id}, status=202)
