"""The page at ``/`` of every worker: stories and their alerts, feeds, mutes, links.

Pure: :func:`render` takes plain data (what /alerts, /feeds, /mutes and /health serve) and
returns HTML. Server-side, no build step, nothing fetched from elsewhere (works offline); the
only script reloads the page every 15 s unless a form field is being typed in. The mute
forms appear only when the operator has set ``web_token`` and must be sent with it.
"""

from __future__ import annotations

from html import escape
from typing import Any, Iterable

from streams.core.durations import describe
from streams.core.times import iso

STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1d1d1f;background:#fafafa}
h1{font-size:1.4em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.6em 0 .4em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #ddd;padding:.3em .5em;
text-align:left;vertical-align:top}th{background:#f0f0f0}.story{margin:.8em 0;padding:.5em .8em;background:#fff;
border-left:4px solid #888}.sev-critical,.sev-high{border-color:#c0392b}.sev-medium{border-color:#e67e22}
.sev-low{border-color:#2e86c1}.muted{color:#666}.state-failing,.state-gone{color:#c0392b;font-weight:bold}
.state-ok{color:#1e8449}.badge{display:inline-block;padding:0 .4em;border-radius:3px;background:#eee}
.status-ok{background:#d5f5e3}.status-bad{background:#fadbd8}nav a{margin-right:1em}.msg{padding:.4em;
background:#fef9e7;border:1px solid #f4d03f}
"""

RELOAD = """<script>
setInterval(function(){var a=document.activeElement;
if(!a||!/INPUT|SELECT|TEXTAREA/.test(a.tagName)){location.reload();}},15000);
</script>"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def _link(url: Any, text: Any = None) -> str:
    url = str(url or "")
    if not url.startswith(("http://", "https://")):
        return _e(text or url)
    return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(text or url)}</a>'


def event_words(alert: dict[str, Any]) -> tuple[str, str]:
    """(actor, outcome) of an alert's structured event, or dashes when it has none."""
    event = alert.get("event") if isinstance(alert.get("event"), dict) else {}
    actor = event.get("actor") if isinstance(event.get("actor"), dict) else {}
    return actor.get("text") or actor.get("id") or "—", event.get("outcome") or "—"


def _alerts_table(alerts: Iterable[dict[str, Any]]) -> str:
    rows = []
    for a in alerts:
        actor, outcome = event_words(a)
        rows.append(
            f"<tr class='alert'><td>{_e(iso(a.get('created')))}</td><td>{_e(a.get('kind'))}</td>"
            f"<td>{_e(a.get('topic'))}</td><td>{_e(a.get('severity'))}</td><td>{_e(actor)}</td>"
            f"<td>{_e(outcome)}</td><td>{_e(a.get('sources'))}</td><td>{_link(a.get('link'), a.get('title'))}</td>"
            f"<td>{_e(a.get('evidence'))}</td></tr>")
    if not rows:
        return "<p class='muted'>No alert delivered by this worker yet.</p>"
    return ("<table><tr><th>time (UTC)</th><th>kind</th><th>topic</th><th>severity</th><th>actor</th>"
            "<th>outcome</th><th>sources</th><th>headline</th><th>evidence</th></tr>" + "".join(rows) + "</table>")


def story_event_html(s: dict[str, Any]) -> str:
    """The story's event in one line: who did what, where, with what outcome, when; whether
    the actor confirmed it; and where reports disagree, each reading with its sources."""
    ev = s.get("event") or {}
    if not ev:
        return ""
    obj, site = ev.get("object") or {}, ev.get("site") or {}
    parts = [f"actor: {(ev.get('actor') or {}).get('text') or '—'}"]
    if obj.get("text") or obj.get("id"):
        parts.append(f"object: {obj.get('text') or obj.get('id')}" + (f" ({obj['class']})" if obj.get("class") else ""))
    if site:
        parts.append(f"site: {site.get('text') or site.get('id')}")
    parts += [f"outcome: {ev.get('outcome') or 'unknown'}", f"when: {ev.get('when') or '—'}",
              "confirmed by the actor" if ev.get("confirmed") else "not confirmed by the actor"]
    readings = "".join(
        f"<li>{_e(name)}: " + " / ".join(f"{_e(v)} ({_e(', '.join(srcs))})" for v, srcs in values.items()) + "</li>"
        for name, values in (ev.get("readings") or {}).items())
    return (f"<br><span class='event'>{_e(' · '.join(parts))}</span>"
            + (f"<details><summary>reports differ</summary><ul>{readings}</ul></details>" if readings else ""))


def stories_html(stories: list[dict[str, Any]], alerts: list[dict[str, Any]]) -> str:
    """Each story, latest news first, with its alerts newest first; then alerts of stories
    this worker does not hold (another worker's partitions, or closed)."""
    by_story: dict[str, list[dict[str, Any]]] = {}
    for a in sorted(alerts, key=lambda a: a.get("created") or 0, reverse=True):
        by_story.setdefault(str(a.get("story_id")), []).append(a)
    out = []
    for s in stories:
        mine = by_story.pop(str(s.get("id")), [])
        severity = mine[0].get("severity", "") if mine else ""
        cooldown = mine[0].get("cooldown") if mine else 0
        pace = f"; further reports come as one update at most every {describe(cooldown)}" if cooldown else ""
        links = "".join(f"<li>{_link(u)}</li>" for u in (s.get("links") or [])[:10])
        out.append(
            f"<div class='story sev-{_e(severity)}' id='story-{_e(s.get('id'))}'>"
            f"<b>{_e(s.get('topic'))}</b> <span class='badge'>{_e(severity or 'not sent yet')}</span> "
            f"{_e(s.get('title'))}<br><span class='muted'>{_e(s.get('sources'))} source(s), first seen "
            f"{_e(iso(s.get('first_seen')))}, latest {_e(iso(s.get('last_seen')))}, story {_e(s.get('id'))}{_e(pace)}</span>"
            f"{story_event_html(s)}{_alerts_table(mine) if mine else ''}<details><summary>links</summary><ul>{links}</ul></details></div>")
    rest = [a for group in by_story.values() for a in group]
    if rest:
        out.append("<h3>Other recent alerts</h3>" + _alerts_table(sorted(rest, key=lambda a: a.get("created") or 0,
                                                                        reverse=True)))
    if not out:
        return "<p class='muted'>No story yet: alerts appear here as the feeds report events.</p>"
    return "".join(out)


def feeds_html(feeds: list[dict[str, Any]], now: float) -> str:
    if not feeds:
        return ("<p class='muted'>No feed on this worker's partitions. Add one with "
                "<code>watchfloor feeds add URL</code> or <code>--feed URL</code>.</p>")
    rows = []
    for f in feeds:
        nxt = f.get("next_poll") or 0
        when = "now" if nxt <= now else f"in {describe(round(nxt - now))}"
        rows.append(
            f"<tr><td>{_link(f.get('url'), f.get('name') or f.get('url'))}</td>"
            f"<td class='state-{_e(f.get('state'))}'>{_e(f.get('state'))}</td><td>{_e(iso(f.get('last_success')))}</td>"
            f"<td>{_e(when)}</td><td>{_e(f.get('consecutive_failures') or 0)}</td><td>{_e(f.get('last_error'))}</td></tr>")
    return ("<table><tr><th>feed</th><th>state</th><th>last success (UTC)</th><th>next poll</th>"
            "<th>failures in a row</th><th>last error</th></tr>" + "".join(rows) + "</table>")


def mutes_html(mutes: list[dict[str, Any]], *, token_set: bool) -> str:
    rows = []
    for m in mutes:
        end = ""
        if token_set:
            end = (f"<form method='post' action='/ui/unmute'><input type='hidden' name='id' value='{_e(m.get('id'))}'>"
                   "<input type='password' name='token' placeholder='token' required>"
                   "<button type='submit'>end</button></form>")
        rows.append(f"<tr><td>{_e(m.get('id'))}</td><td>{_e(m.get('scope'))}</td><td>{_e(m.get('value'))}</td>"
                    f"<td>{_e(iso(m.get('until')))}</td><td>{_e(m.get('reason'))}</td>"
                    f"<td>{'yes' if m.get('active') else 'no'}</td><td>{end}</td></tr>")
    table = ("<table><tr><th>id</th><th>scope</th><th>value</th><th>until (UTC)</th><th>reason</th><th>active</th>"
             "<th></th></tr>" + "".join(rows) + "</table>") if rows else "<p class='muted'>No mute.</p>"
    if not token_set:
        return table + ("<p class='muted'>Read-only: set <code>web_token</code> to add and end mutes here, or use "
                        "<code>watchfloor alerts mute</code>.</p>")
    form = ("<form method='post' action='/ui/mute' id='mute-form'><select name='scope'><option>topic</option>"
            "<option>entity</option><option>story</option></select> <input name='value' placeholder="
            "'missile_launch or country:KP' required> for <input name='duration' placeholder='2h' size='5' required> "
            "<input name='reason' placeholder='reason'> <input type='password' name='token' placeholder='token' required>"
            " <button type='submit'>mute</button></form>")
    return table + form


def render(*, stories: list[dict[str, Any]], alerts: list[dict[str, Any]], feeds: list[dict[str, Any]],
           mutes: list[dict[str, Any]], health: dict[str, Any], token_set: bool, now: float,
           message: str = "") -> str:
    status = str(health.get("status", "unknown"))
    failing = sum(1 for f in feeds if f.get("state") in ("failing", "gone"))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>watchfloor</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head>
<body><h1>watchfloor</h1>
<p>worker status <span class="badge status-{'ok' if status == 'ok' else 'bad'}" id="status">{_e(status)}</span>
· {len(feeds)} feed(s), {failing} failing · {_e(health.get('destinations', 0))} destination(s) · {len(stories)}
open stor{'y' if len(stories) == 1 else 'ies'} · {_e(iso(now))}</p>
<nav><a href="/metrics">/metrics</a><a href="/health">/health</a><a href="/feeds">/feeds</a>
<a href="/alerts">/alerts</a><a href="/mutes">/mutes</a></nav>
{f"<p class='msg'>{_e(message)}</p>" if message else ""}
<h2>Stories and alerts</h2>{stories_html(stories, alerts)}
<h2>Feeds</h2>{feeds_html(feeds, now)}
<h2>Mutes</h2>{mutes_html(mutes, token_set=token_set)}
<p class="muted">This worker's share: with several workers, each shows the feeds and stories of its partitions.</p>
{RELOAD}</body></html>
"""
