"""`watchfloor feeds ...` and `watchfloor alerts ...` in words, against a real `watchfloor run`:
tables with ISO times, errors of one line that exit non-zero, `feeds add` trying the feed
first, `alerts tail` following the worker's server-sent events."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from email.utils import formatdate

import pytest

from tests.streams.cli.test_feeds import REPO, cli
from tests.support import FeedServer, Service, wait_for_sync

LAUNCH = """<item><title>Seoul and Tokyo condemn North Korea's failed spy satellite launch</title>
<link>https://wire.example.com/asia/launch-{n}</link><guid isPermaLink="false">wire-launch-{n}</guid>
<pubDate>{date}</pubDate><description>North Korea launched a Chollima-1 rocket carrying a military reconnaissance
satellite on Wednesday, but the rocket crashed into the sea after its second stage failed, Pyongyang's state media
said.</description></item>"""


def rss(*items: str, title: str = "Wire") -> bytes:
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>{title}</title>" + "".join(items)
            + "</channel></rss>").encode()


@pytest.fixture(scope="module")
def feeds():
    server = FeedServer().start()
    server.set("/quiet.xml", rss(title="Quiet wire"))
    server.set("/html", b"<html><body>not a feed</body></html>", headers={"content-type": "text/html"})
    yield server
    server.stop()


@pytest.fixture(scope="module")
def service(tmp_path_factory, feeds):
    svc = Service(tmp_path_factory.mktemp("remote-cli"), "--feed", feeds.url("/quiet.xml")).start()
    try:
        svc.wait_ready(120)
        yield svc
    finally:
        svc.stop()


@pytest.mark.embedded
def test_feeds_add_tries_the_feed_and_says_what_it_found(service, feeds):
    url = feeds.set("/found.xml", rss("<item><title>First of two</title><guid>f1</guid></item>",
                                      "<item><title>Second of two</title><guid>f2</guid></item>", title="Found wire"))
    out = cli("feeds", "add", url, "-o", "table", "--api", service.api)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"added {url}: Found wire, 2 entries, newest 'First of two'"

    missing = feeds.url("/gone.xml")
    out = cli("feeds", "add", missing, "--api", service.api)
    assert out.returncode == 1 and "not added" in out.stderr and "HTTP 404" in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    out = cli("feeds", "add", feeds.url("/html"), "--api", service.api)
    assert out.returncode == 1 and "not added" in out.stderr, out.stderr
    # the refused URLs were never registered
    urls = {f["url"] for f in service.get("/feeds")["feeds"]}
    assert missing not in urls and feeds.url("/html") not in urls


@pytest.mark.embedded
def test_unknown_urls_and_ids_exit_non_zero(service):
    out = cli("feeds", "remove", "https://nope.example/rss", "--api", service.api)
    assert out.returncode == 1 and "HTTP 404: no feed https://nope.example/rss" in out.stderr, out.stderr
    out = cli("alerts", "unmute", "nosuchid", "--api", service.api)
    assert out.returncode == 1 and "no mute nosuchid" in out.stderr, out.stderr


@pytest.mark.embedded
@pytest.mark.parametrize("args, message", [
    (["topic", "missle_launch", "2h"], "did you mean missile_launch"),
    (["entity", "country:XX", "2h"], "no entity 'country:XX'"),
    (["topic", "nuclear_test", "2"], "give a unit"),
    (["topic", "nuclear_test", "soon"], "not a duration"),
])
def test_mutes_that_could_not_mean_what_was_typed_are_refused(service, args, message):
    out = cli("alerts", "mute", *args, "--api", service.api)
    assert out.returncode == 1 and message in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


@pytest.mark.embedded
def test_tables_with_iso_times(service, feeds):
    wait_for_sync(lambda: any(f["last_success"] for f in service.get("/feeds")["feeds"]), 60, what="a poll")
    out = cli("feeds", "list", "-o", "table", "--api", service.api)
    assert out.returncode == 0, out.stderr
    head, *rows = out.stdout.splitlines()
    assert head.split()[:4] == ["URL", "NAME", "STATE", "LAST"]
    quiet = next(r for r in rows if "/quiet.xml" in r)
    assert " ok " in quiet and time.strftime("%Y-%m-%dT", time.gmtime()) in quiet

    out = cli("feeds", "list", "--api", service.api)  # not a terminal: JSON Lines
    row = next(json.loads(line) for line in out.stdout.splitlines() if "/quiet.xml" in line)
    assert row["last_success"].endswith("Z") and "T" in row["last_success"]

    muted = cli("alerts", "mute", "topic", "nuclear_test", "90m", "-o", "table", "--api", service.api)
    assert muted.returncode == 0, muted.stderr
    assert muted.stdout.startswith("muted topic nuclear_test until ") and muted.stdout.rstrip().endswith(")")
    mute_id = muted.stdout.rsplit("id ", 1)[1].rstrip(")\n")
    wait_for_sync(lambda: service.get("/mutes")["mutes"], 30, what="the mute")
    out = cli("alerts", "mutes", "-o", "table", "--api", service.api)
    assert out.stdout.splitlines()[0].split() == ["ID", "SCOPE", "VALUE", "UNTIL", "ACTIVE", "REASON"]
    assert mute_id in out.stdout and "nuclear_test" in out.stdout and "Z" in out.stdout
    assert cli("alerts", "unmute", mute_id, "--api", service.api).returncode == 0


@pytest.mark.embedded
def test_alerts_tail_follows_the_stream(service, feeds, tmp_path):
    url = feeds.set("/launch.xml", rss(title="Launch wire"))
    assert cli("feeds", "add", url, "--interval", "1s", "--api", service.api).returncode == 0
    log = open(tmp_path / "tail.out", "w+")
    tail = subprocess.Popen([sys.executable, "-m", "streams.cli", "alerts", "tail", "-o", "json", "--api", service.api],
                            stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    try:
        # the stream is open once the worker counts a follower: no alert can slip in before
        wait_for_sync(lambda: service.get("/alerts")["followers"] >= 1, 30, what="`alerts tail` on the stream")
        feeds.set("/launch.xml", rss(LAUNCH.format(n=1, date=formatdate(time.time(), usegmt=True)), title="Launch wire"))
        line = wait_for_sync(lambda: next((json.loads(x) for x in (tmp_path / "tail.out").read_text().splitlines()
                                           if '"kind": "new"' in x), None), 90, what="the new alert from the stream")
        assert line["topic"] == "satellite_launch" and line["created"].endswith("Z")
    finally:
        tail.terminate()
        tail.wait(10)
        log.close()


@pytest.mark.embedded
def test_import_prints_one_line_per_problem(service, tmp_path):
    from tests.streams.cli.test_feeds import OPML

    raw = tmp_path / "raw.opml"  # the fixture as it is: its FEEDS/ placeholders are not URLs
    raw.write_text(OPML.read_text())
    out = cli("feeds", "import", str(raw), "--api", service.api)
    assert out.returncode == 0 and "imported 0 feed(s)" in out.stdout
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 7, out.stderr
    for line in lines:
        assert re.fullmatch(r"skipped FEEDS/\S+: HTTP 400: url: feed url must start with http:// or https://, "
                            r"got 'FEEDS/\S+'", line), line
    assert "validation error" not in out.stderr and "pydantic" not in out.stderr
