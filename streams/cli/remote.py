"""CLI groups that talk to a running worker over its web port: feeds, alerts.

They work the same with the embedded broker and with Kafka, because the worker turns each
request into a command on the right topic.
"""

from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import click

_api = click.option("--api", default="http://127.0.0.1:6066", envvar="WATCHFLOOR_API", show_default=True,
                    help="Web address of a running worker.")


def call(api: str, method: str, path: str, body: Any = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(api.rstrip("/") + path, data=data, method=method,
                                 headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace")
        raise click.ClickException(f"{method} {path}: HTTP {exc.code}: {detail}") from exc
    except urllib.error.URLError as exc:
        raise click.ClickException(f"no watchfloor worker answers at {api} ({exc.reason}); is `watchfloor run` up?")


def opml_feeds(path: Path) -> list[dict[str, Any]]:
    """Feed URLs (and titles) from an OPML file; nested outlines included."""
    from defusedxml import ElementTree

    try:
        root = ElementTree.parse(str(path)).getroot()
    except Exception as exc:
        raise click.ClickException(f"{path}: not a readable OPML file: {exc}") from exc
    out = []
    for node in root.iter("outline"):
        url = node.get("xmlUrl") or node.get("xmlurl")
        if url:
            out.append({"url": url.strip(), "name": node.get("title") or node.get("text")})
    return out


@click.group()
def feeds() -> None:
    """Manage the feed registry of a running service."""


@feeds.command("add")
@_api
@click.argument("url")
@click.option("--name")
@click.option("--interval", type=float, help="Seconds between polls.")
@click.option("--full-text", is_flag=True, help="Fetch each article page and read it in full.")
def feeds_add(api: str, url: str, name: str | None, interval: float | None, full_text: bool) -> None:
    click.echo(json.dumps(call(api, "POST", "/feeds", {"url": url, "name": name, "interval": interval,
                                                       "full_text": full_text})))


@feeds.command("remove")
@_api
@click.argument("url")
def feeds_remove(api: str, url: str) -> None:
    click.echo(json.dumps(call(api, "DELETE", "/feeds?" + urllib.parse.urlencode({"url": url}))))


@feeds.command("list")
@_api
def feeds_list(api: str) -> None:
    for feed in call(api, "GET", "/feeds")["feeds"]:
        click.echo(json.dumps(feed))


@feeds.command("import")
@_api
@click.argument("opml", type=click.Path(exists=True, dir_okay=False))
def feeds_import(api: str, opml: str) -> None:
    added = 0
    for feed in opml_feeds(Path(opml)):
        try:
            call(api, "POST", "/feeds", feed)
            added += 1
        except click.ClickException as exc:
            click.echo(f"skipped {feed['url']}: {exc.message}", err=True)
    click.echo(f"imported {added} feed(s)")


@click.group()
def alerts() -> None:
    """Follow and mute alerts of a running service."""


@alerts.command("tail")
@_api
@click.option("--interval", default=2.0, show_default=True)
@click.option("--once", is_flag=True, help="Print the current stories and exit.")
def alerts_tail(api: str, interval: float, once: bool) -> None:
    shown: dict[str, int] = {}
    while True:
        for story in reversed(call(api, "GET", "/alerts?limit=200")["stories"]):
            if shown.get(story["id"]) == story.get("revision"):
                continue
            shown[story["id"]] = story.get("revision", 0)
            click.echo(json.dumps({k: story.get(k) for k in ("id", "topic", "title", "sources", "revision",
                                                                "first_seen", "last_seen", "links")}))
        sys.stdout.flush()
        if once:
            return
        time.sleep(interval)


@alerts.command("mute")
@_api
@click.argument("scope", type=click.Choice(["topic", "entity", "story"]))
@click.argument("value")
@click.argument("duration")
@click.option("--reason", default="")
def alerts_mute(api: str, scope: str, value: str, duration: str, reason: str) -> None:
    """Hold alerts of a topic (missile_launch), an entity (country:KP) or a story for DURATION (2h, 1d)."""
    click.echo(json.dumps(call(api, "POST", "/mutes", {"scope": scope, "value": value, "duration": duration,
                                                       "reason": reason})))


@alerts.command("unmute")
@_api
@click.argument("mute_id")
def alerts_unmute(api: str, mute_id: str) -> None:
    click.echo(json.dumps(call(api, "DELETE", "/mutes?" + urllib.parse.urlencode({"id": mute_id}))))


@alerts.command("mutes")
@_api
def alerts_mutes(api: str) -> None:
    for mute in call(api, "GET", "/mutes")["mutes"]:
        click.echo(json.dumps(mute))
