"""CLI groups that talk to a running worker over its web port: feeds, alerts.

They work the same with the embedded broker and with Kafka, because the worker turns each
request into a command on the right topic.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import click

from streams.cli import output as output_mod

_api = click.option("--api", default="http://127.0.0.1:6066", envvar="WATCHFLOOR_API", show_default=True,
                    help="Web address of a running worker.")


def call(api: str, method: str, path: str, body: Any = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(api.rstrip("/") + path, data=data, method=method,
                                 headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        raise click.ClickException(f"HTTP {exc.code}: {error_text(exc.read())}") from exc
    except urllib.error.URLError as exc:
        raise click.ClickException(f"no watchfloor worker answers at {api} ({exc.reason}); is `watchfloor run` up?")


def error_text(raw: bytes) -> str:
    """The worker's ``{"error": ...}`` as one line (or the raw answer's first line)."""
    text = raw.decode("utf-8", "replace")
    try:
        text = str(json.loads(text).get("error", text))
    except (ValueError, AttributeError):
        pass
    return " ".join(text.split())[:500]


def follow(api: str, path: str, timeout: float = 60.0) -> Iterator[dict[str, Any]]:
    """The ``data:`` of each server-sent event at ``path`` (the worker comments every 15 s, so a
    silence of ``timeout`` means the connection is gone)."""
    req = urllib.request.Request(api.rstrip("/") + path, headers={"accept": "text/event-stream"})
    try:
        resp = urllib.request.urlopen(req, timeout=timeout)
    except urllib.error.HTTPError as exc:
        raise click.ClickException(f"HTTP {exc.code}: {error_text(exc.read())}") from exc
    except urllib.error.URLError as exc:
        raise click.ClickException(f"no watchfloor worker answers at {api} ({exc.reason}); is `watchfloor run` up?")
    with resp:
        data: list[str] = []
        for raw in resp:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if line.startswith("data:"):
                data.append(line[5:].lstrip())
            elif not line and data:
                yield json.loads("\n".join(data))
                data = []


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


FEED_COLUMNS = [("url", "url", 60), ("name", "name", 24), ("state", "state", 8), ("last_success", "last success", 20),
                ("next_poll", "next poll", 20), ("consecutive_failures", "failures", 8), ("last_error", "last error", 50)]
MUTE_COLUMNS = [("id", "id", 12), ("scope", "scope", 6), ("value", "value", 30), ("until", "until", 20),
                ("active", "active", 6), ("reason", "reason", 40)]
ALERT_COLUMNS = [("created", "time", 20), ("kind", "kind", 7), ("topic", "topic", 18), ("severity", "severity", 8),
                 ("sources", "sources", 7), ("title", "title", 70), ("link", "link", 60)]


@click.group()
def feeds() -> None:
    """Manage the feed registry of a running service."""


@feeds.command("add")
@_api
@click.argument("url")
@click.option("--name")
@click.option("--interval", help="Time between polls: 90s, 5m, 2h.")
@click.option("--full-text", is_flag=True, help="Fetch each article page and read it in full.")
@click.option("--no-check", is_flag=True, help="Register without trying the feed first.")
@output_mod.option
def feeds_add(api: str, url: str, name: str | None, interval: str | None, full_text: bool, no_check: bool,
              output: str | None) -> None:
    """Try URL once (the worker fetches and parses it) and, if it is a feed, register it."""
    answer = call(api, "POST", "/feeds", {"url": url, "name": name, "interval": interval, "full_text": full_text,
                                          "check": not no_check})
    if output_mod.choose(output) == "json":
        click.echo(json.dumps(answer))
    elif "found" in answer:
        found = answer["found"]
        click.echo(f"added {url}: {found.get('title') or 'untitled'}, {found.get('entries', 0)} entries"
                   + (f", newest {found['newest']!r}" if found.get("newest") else ""))
    else:
        click.echo(f"added {url} (not tried)")


@feeds.command("remove")
@_api
@click.argument("url")
def feeds_remove(api: str, url: str) -> None:
    """Remove URL from the registry; a URL that is not there is an error."""
    call(api, "DELETE", "/feeds?" + urllib.parse.urlencode({"url": url}))
    click.echo(f"removed {url}")


@feeds.command("list")
@_api
@output_mod.option
def feeds_list(api: str, output: str | None) -> None:
    """The feeds this worker polls: state, last success, next poll, errors."""
    output_mod.emit(call(api, "GET", "/feeds")["feeds"], FEED_COLUMNS, output, empty="no feed on this worker")


@feeds.command("import")
@_api
@click.argument("opml", type=click.Path(exists=True, dir_okay=False))
@click.option("--no-check", is_flag=True, help="Register without trying each feed first.")
def feeds_import(api: str, opml: str, no_check: bool) -> None:
    """Register every feed of an OPML file; one line per feed that could not be added."""
    added = 0
    for feed in opml_feeds(Path(opml)):
        try:
            call(api, "POST", "/feeds", {**feed, "check": not no_check})
            added += 1
        except click.ClickException as exc:
            click.echo(f"skipped {feed['url']}: {exc.message}", err=True)
    click.echo(f"imported {added} feed(s)")


@click.group()
def alerts() -> None:
    """Follow and mute alerts of a running service."""


@alerts.command("tail")
@_api
@click.option("--once", is_flag=True, help="Print the current stories and exit.")
@output_mod.option
def alerts_tail(api: str, once: bool, output: str | None) -> None:
    """The open stories, then every alert as the worker raises it (a server-sent-events stream)."""
    fmt = output_mod.choose(output)
    stories = [{"created": s.get("last_seen"), "kind": "story", **s}
               for s in reversed(call(api, "GET", "/alerts?limit=200")["stories"])]
    if fmt == "json":
        for s in stories:
            click.echo(json.dumps(output_mod.with_iso_times({k: s.get(k) for k in (
                "id", "topic", "title", "sources", "revision", "first_seen", "last_seen", "links")})))
    else:
        for line in output_mod.table([output_mod.with_iso_times(s) for s in stories], ALERT_COLUMNS):
            click.echo(line)
    sys.stdout.flush()
    if once:
        return
    widths = [w for _, _, w in ALERT_COLUMNS]
    for alert in follow(api, "/alerts/stream"):
        row = output_mod.with_iso_times(alert)
        if fmt == "json":
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        else:
            click.echo("  ".join(output_mod.cell(row.get(k), w).ljust(w) for (k, _, _), w in
                                 zip(ALERT_COLUMNS, widths)).rstrip())
        sys.stdout.flush()
    raise click.ClickException(f"the worker at {api} closed the stream")


@alerts.command("mute")
@_api
@click.argument("scope", type=click.Choice(["topic", "entity", "story"]))
@click.argument("value")
@click.argument("duration")
@click.option("--reason", default="")
@output_mod.option
def alerts_mute(api: str, scope: str, value: str, duration: str, reason: str, output: str | None) -> None:
    """Hold alerts of a topic (missile_launch), an entity (country:KP) or a story for DURATION (90m, 2h, 1d)."""
    answer = call(api, "POST", "/mutes", {"scope": scope, "value": value, "duration": duration, "reason": reason})
    mute = answer["muted"]
    if output_mod.choose(output) == "json":
        click.echo(json.dumps(answer))  # the worker's answer as it is, for scripts
    else:
        click.echo(f"muted {mute['scope']} {mute['value']} until {output_mod.iso(mute['until'])} (id {mute['id']})")


@alerts.command("unmute")
@_api
@click.argument("mute_id")
def alerts_unmute(api: str, mute_id: str) -> None:
    """End a mute; an id that is not a mute is an error."""
    call(api, "DELETE", "/mutes?" + urllib.parse.urlencode({"id": mute_id}))
    click.echo(f"unmuted {mute_id}")


@alerts.command("mutes")
@_api
@output_mod.option
def alerts_mutes(api: str, output: str | None) -> None:
    """The mutes, active or not yet swept."""
    output_mod.emit(call(api, "GET", "/mutes")["mutes"], MUTE_COLUMNS, output, empty="no mute")
