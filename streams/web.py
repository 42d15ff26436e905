"""HTTP views on the worker's web port: / (the page), /metrics, /health, /feeds, /alerts,
/alerts/stream (server-sent events), /mutes.

Every worker serves its own view: /feeds and /alerts show the feeds and stories of the
partitions it owns (behind a load balancer, ask each worker or aggregate in Grafana).
Unknown feed URLs and mute ids answer 404; a mute of a topic or entity that no rule pack or
gazetteer knows answers 400 with a suggestion. The page's mute forms need ``web_token``.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any

from aiohttp.web import Response as AioResponse
from aiohttp.web import StreamResponse
from faust import web
from prometheus_client import CONTENT_TYPE_LATEST, ProcessCollector, generate_latest
from pydantic import ValidationError

from agents.enrich.stage import EnrichStage
from agents.notify.stage import NotifyStage
from agents.stories.mutes import Mute, check_target, make_mute
from agents.stories.stage import StoryStage
from streams.core.background import Background
from streams.core.errors import WatchfloorError
from streams import page
from streams.core.metrics import Metrics
from streams.core.settings import FeedConfig
from streams.core.times import iso
from streams.ingest.feeds import add_command, remove_command
from streams.ingest.fetch import FetchLimits
from streams.ingest.netguard import check_url_allowed
from streams.ingest.probe import probe
from streams.ingest.stage import FeedRegistry
from streams.kafka.faust_app import Runtime, install_faust_sensors


log = logging.getLogger(__name__)

#: /alerts?limit=: more than this is a mistake, not a view
MAX_ALERTS_LIMIT = 10_000


@dataclass(frozen=True)
class Stages:
    """The stages whose state the views show."""

    feeds: FeedRegistry
    stories: StoryStage
    notify: NotifyStage
    #: built in a thread while the worker starts (agents/enrich/stage.py)
    enrich: Background[EnrichStage]


def health(rt: Runtime, stages: Stages) -> tuple[dict[str, Any], int]:
    app = rt.app
    recovered = app.tables.recovery.completed.is_set() if app.tables else False
    try:
        actives = sorted(rt.owned_partitions(rt.names.feeds))
    except Exception:
        actives = []
    ready = recovered and not app.rebalancing and app.consumer is not None and stages.enrich.done()
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


def new_mute(enrich: EnrichStage, body: Any) -> Mute:
    """A mute from operator input, its target checked against the topics and entities known."""
    mute = make_mute(body["scope"], body["value"], body["duration"], now=time.time(), reason=str(body.get("reason", "")))
    check_target(mute.scope, str(body["value"]), topics=enrich.pack.topics, entity_ids=enrich.extractor.gazetteer.entries)
    return mute


def mutes_view(stages: Stages) -> list[dict[str, Any]]:
    now = time.time()
    return [dict(m.to_dict(), active=m.active(now)) for m in stages.stories.book.mutes.values()]


def page_html(rt: Runtime, stages: Stages, message: str = "") -> str:
    return page.render(stories=stages.stories.open_stories(100), alerts=list(stages.notify.recent_alerts),
                       feeds=stages.feeds.owned_views(), mutes=mutes_view(stages), health=health(rt, stages)[0],
                       token_set=rt.settings.web_token is not None, now=time.time(), message=message)


def token_ok(rt: Runtime, given: str) -> bool:
    token = rt.settings.web_token
    return token is not None and hmac.compare_digest(token.get_secret_value().encode(), given.encode())


def serve_metrics(app: Any, metrics: Metrics) -> None:
    """/metrics: watchfloor's metrics, Faust's sensors and the process's, from one registry."""
    install_faust_sensors(app, metrics)
    registry = metrics.registry
    # the process itself: memory, CPU, file descriptors, and its start time, whose changes
    # count restarts (a stuck worker exits for its supervisor to restart it: streams/kafka/watchdog.py)
    ProcessCollector(registry=registry)

    @app.page("/metrics")
    async def metrics_view(self: web.View, request: web.Request) -> web.Response:
        # aiohttp refuses a charset inside content_type=, and the exposition format needs one
        return AioResponse(body=generate_latest(registry), headers={"Content-Type": CONTENT_TYPE_LATEST})


def register(rt: Runtime, stages: Stages) -> None:
    app = rt.app
    serve_metrics(app, rt.metrics)

    end_streams_on_shutdown(app.web.web_app, stages)

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
                body = body if isinstance(body, dict) else {"url": body}
                check = body.pop("check", False) is not False
                feed = FeedConfig(**body)
                check_url_allowed(feed.url, rt.settings.allow_private_networks)
            except ValidationError as exc:
                return self.json({"error": "; ".join(f"{'.'.join(map(str, e['loc']))}: "
                                                     f"{str(e['msg']).removeprefix('Value error, ')}"
                                                     for e in exc.errors())}, status=400)
            except (ValueError, WatchfloorError) as exc:
                return self.json({"error": str(exc)}, status=400)
            answer: dict[str, Any] = {"added": feed.url}
            if check:  # try it once: the operator hears "HTTP 404" now, not from a failing feed later
                try:
                    answer["found"] = await probe(feed.url, FetchLimits.from_settings(rt.settings),
                                                  max_entries=rt.settings.max_entries_per_feed)
                except WatchfloorError as exc:
                    return self.json({"error": f"not added: {exc}"}, status=422)
            await stages.feeds.send(add_command(feed.url, name=feed.name, interval=feed.interval,
                                                full_text=feed.full_text))
            return self.json(answer, status=202)

        async def delete(self, request: web.Request) -> web.Response:
            url = request.query.get("url")
            if not url:
                return self.json({"error": "give the feed as ?url=..."}, status=400)
            # the registry table holds this worker's partitions: a URL of another worker's is passed on
            if url not in stages.feeds.table and stages.feeds.owns(url):
                return self.json({"error": f"no feed {url} in the registry"}, status=404)
            await stages.feeds.send(remove_command(url))
            return self.json({"removed": url}, status=202)

    @app.page("/mutes")
    class MutesView(web.View):
        async def get(self, request: web.Request) -> web.Response:
            return self.json({"mutes": mutes_view(stages)})

        async def post(self, request: web.Request) -> web.Response:
            try:
                mute = new_mute(await stages.enrich.wait(), await request.json())
            except KeyError as exc:
                return self.json({"error": f"give scope (topic|entity|story), value and duration: {exc} is missing"},
                                 status=400)
            except (ValueError, TypeError) as exc:
                return self.json({"error": str(exc)}, status=400)
            await stages.stories.book.mute(mute)
            return self.json({"muted": mute.to_dict()}, status=202)

        async def delete(self, request: web.Request) -> web.Response:
            mute_id = request.query.get("id")
            if not mute_id:
                return self.json({"error": "give the mute as ?id=..."}, status=400)
            if mute_id not in stages.stories.book.mutes:
                return self.json({"error": f"no mute {mute_id}; `watchfloor alerts mutes` lists them"}, status=404)
            await stages.stories.book.unmute(mute_id)
            return self.json({"unmuted": mute_id}, status=202)

    @app.page("/")
    async def index_view(self: web.View, request: web.Request) -> web.Response:
        message = request.query.get("message", "")[:300]
        return AioResponse(text=page_html(rt, stages, message), content_type="text/html", charset="utf-8")

    @app.page("/ui/mute")
    class MuteForm(web.View):
        async def post(self, request: web.Request) -> web.Response:
            form = await request.post()  # type: ignore[attr-defined]  # aiohttp's request
            form = {k: str(v) for k, v in form.items()}
            if not token_ok(rt, form.get("token", "")):
                return redirect("the page is read-only: wrong or no web_token")
            try:
                mute = new_mute(await stages.enrich.wait(), form)
            except (KeyError, ValueError, TypeError) as exc:
                return redirect(f"not muted: {exc}")
            await stages.stories.book.mute(mute)
            return redirect(f"muted {mute.scope} {mute.value} until {iso(mute.until)} (id {mute.id})")

    @app.page("/ui/unmute")
    class UnmuteForm(web.View):
        async def post(self, request: web.Request) -> web.Response:
            form = await request.post()  # type: ignore[attr-defined]  # aiohttp's request
            if not token_ok(rt, str(form.get("token", ""))):
                return redirect("the page is read-only: wrong or no web_token")
            mute_id = str(form.get("id", ""))
            if mute_id not in stages.stories.book.mutes:
                return redirect(f"no mute {mute_id}")
            await stages.stories.book.unmute(mute_id)
            return redirect(f"mute {mute_id} ended")

    @app.page("/alerts/stream")
    async def alerts_stream(self: web.View, request: web.Request) -> StreamResponse:
        return await stream_alerts(request, stages)

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
                          "recent_alerts": list(stages.notify.recent_alerts)[-limit:],
                          # clients following /alerts/stream now (`watchfloor alerts tail`)
                          "followers": len(stages.stories.watchers)})


def redirect(message: str) -> AioResponse:
    """Back to the page, which shows ``message`` (post/redirect/get: a reload does not resend)."""
    return AioResponse(status=303, headers={"Location": "/?" + urllib.parse.urlencode({"message": message})})


def end_streams_on_shutdown(web_app: Any, stages: Stages) -> None:
    """aiohttp calls ``on_shutdown`` before it waits for the open requests to finish: every
    /alerts/stream ends then, and the worker stops at once (not at the stream's next keepalive,
    or after aiohttp's shutdown timeout for a follower still reading)."""

    async def end_streams(_web_app: Any) -> None:
        stages.stories.end_watchers()

    web_app.on_shutdown.append(end_streams)


async def stream_alerts(request: Any, stages: Stages, keepalive: float = 15.0) -> StreamResponse:
    """Server-sent events: one ``alert`` event per alert the story stage of this worker emits,
    from now on; a comment line every ``keepalive`` seconds keeps proxies from closing it. The
    stream ends when the worker stops."""
    resp = StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"})
    await resp.prepare(request)  # Faust's aiohttp driver hands views aiohttp's own request
    queue = stages.stories.watch()
    try:
        await resp.write(b": watching\n\n")
        while True:
            try:
                alert = await asyncio.wait_for(queue.get(), keepalive)
            except asyncio.TimeoutError:
                await resp.write(b": keepalive\n\n")
                continue
            if alert is None:  # the worker stops (StoryStage.end_watchers)
                break
            await resp.write(f"event: alert\ndata: {json.dumps(alert, default=str)}\n\n".encode())
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    finally:
        stages.stories.unwatch(queue)
    return resp
