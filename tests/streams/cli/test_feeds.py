"""`watchfloor feeds add|remove|list|import` and `watchfloor config`, run as an operator runs them:
``python -m streams.cli ... --api http://127.0.0.1:PORT`` against a real `watchfloor run` on the
embedded broker, with feeds served by a real local server.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support import FIXTURES, ROOT, FeedServer, Service, wait_for_sync

OPML = FIXTURES / "opml" / "newsroom.opml"
OPML_PATHS = ["/wires/asia.xml", "/wires/europe.xml", "/space/launches.atom", "/space/notams.xml",
              "/defence/press.xml", "/science/seismic.xml"]
REPO = ROOT


def rss(title: str, n: int = 1) -> bytes:
    items = "".join(f"<item><title>{title} item {i}</title><guid isPermaLink='false'>{title}-{i}</guid></item>"
                    for i in range(n))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>{title}</title>{items}</channel></rss>").encode()


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("WATCHFLOOR_")}
    return subprocess.run([sys.executable, "-m", "streams.cli", *args], capture_output=True, text=True, timeout=120,
                          env={**base, **(env or {})}, cwd=REPO)


def listed(service: Service) -> dict[str, dict[str, Any]]:
    return {f["url"]: f for f in service.get("/feeds")["feeds"]}


@pytest.fixture(scope="module")
def feeds():
    server = FeedServer().start()
    for path in OPML_PATHS + ["/extra.xml"]:
        server.set(path, rss(path.strip("/").replace("/", "-")))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def service(tmp_path_factory, feeds):
    svc = Service(tmp_path_factory.mktemp("feeds-cli")).start()
    try:
        svc.wait_ready(120)
        yield svc
    finally:
        svc.stop()


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    """A second service that keeps the default: no feeds on private or loopback addresses."""
    svc = Service(tmp_path_factory.mktemp("feeds-cli-guarded"), env={"WATCHFLOOR_ALLOW_PRIVATE_NETWORKS": "false"})
    svc.start()
    try:
        svc.wait_ready(120)
        yield svc
    finally:
        svc.stop()


def opml_for(server: FeedServer, tmp_path: Path) -> Path:
    path = tmp_path / "subscriptions.opml"
    path.write_text(OPML.read_text().replace("FEEDS/", server.url("/")))
    return path


@pytest.mark.embedded
def test_import_nested_opml_then_list_shows_and_polls_every_feed(service, feeds, tmp_path):
    result = cli("feeds", "import", str(opml_for(feeds, tmp_path)), "--api", service.api)
    assert result.returncode == 0, result.stderr
    # seven outlines carry a feed URL (one twice); folders and the plain link do not
    assert "imported 7 feed(s)" in result.stdout
    expected = {feeds.url(p) for p in OPML_PATHS}
    wait_for_sync(lambda: expected <= set(listed(service)), 60, what="the imported feeds in /feeds")
    wait_for_sync(lambda: all(listed(service)[u]["last_status"] in (200, 304) for u in expected), 60,
                  what="every imported feed polled")
    assert all(feeds.hits(p) for p in OPML_PATHS)

    out = cli("feeds", "list", "--api", service.api)
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    assert expected <= {r["url"] for r in rows}
    names = {r["url"]: r["name"] for r in rows}
    assert names[feeds.url("/space/notams.xml")] == "Range safety notices"
    assert names[feeds.url("/defence/press.xml")] == "Defence ministry press"  # lower-case xmlurl
    assert {r["url"]: r["title"] for r in rows}[feeds.url("/wires/asia.xml")] == "wires-asia.xml"


@pytest.mark.embedded
def test_add_then_remove_stops_polling(service, feeds):
    url = feeds.url("/extra.xml")
    added = cli("feeds", "add", url, "--name", "Extra", "--interval", "1", "--api", service.api)
    assert added.returncode == 0, added.stderr
    answer = json.loads(added.stdout)  # not a terminal: JSON
    assert answer["added"] == url and answer["found"]["entries"] == 1 and answer["found"]["title"] == "extra.xml"
    wait_for_sync(lambda: len(feeds.hits("/extra.xml")) >= 2, 60, what="the added feed polled twice")
    assert listed(service)[url]["name"] == "Extra"
    assert service.get("/feeds")["feed_partitions"] == service.get("/health")["feed_partitions"] == [0, 1, 2, 3]

    control = "/science/seismic.xml"  # registered here too: this test must not lean on the import test
    assert cli("feeds", "add", feeds.url(control), "--api", service.api).returncode == 0
    removed = cli("feeds", "remove", url, "--api", service.api)
    assert removed.returncode == 0, removed.stderr
    wait_for_sync(lambda: url not in listed(service), 60, what="the removed feed gone from /feeds")
    # a fetch started just before the removal may still land: let one poll of another feed pass first
    seen = len(feeds.hits(control))
    wait_for_sync(lambda: len(feeds.hits(control)) > seen, 60, what="one more poll of the control feed")
    count = len(feeds.hits("/extra.xml"))
    seen = len(feeds.hits(control))
    wait_for_sync(lambda: len(feeds.hits(control)) >= seen + 2, 60, what="two more polls of the control feed")
    assert len(feeds.hits("/extra.xml")) == count, "the removed feed is still polled"


@pytest.mark.embedded
@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/feed.xml",
    "http://localhost/feed.xml",
    "http://10.1.2.3/feed.xml",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/feed.xml",
    "http://192.168.0.1/rss",
])
def test_add_of_a_private_address_is_refused_naming_the_flag(guarded, url):
    result = cli("feeds", "add", url, "--api", guarded.api)
    assert result.returncode != 0
    assert "HTTP 400" in result.stderr and "--allow-private-networks" in result.stderr, result.stderr
    assert url not in listed(guarded)


@pytest.mark.embedded
def test_import_into_a_guarded_service_skips_each_private_feed(guarded, feeds, tmp_path):
    result = cli("feeds", "import", str(opml_for(feeds, tmp_path)), "--api", guarded.api)
    assert result.returncode == 0
    assert "imported 0 feed(s)" in result.stdout
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 7 and all("--allow-private-networks" in line for line in skipped), result.stderr
    assert guarded.get("/feeds")["count"] == 0


def test_cli_without_a_running_worker_says_so():
    from tests.support import free_port

    result = cli("feeds", "list", "--api", f"http://127.0.0.1:{free_port()}")
    assert result.returncode != 0 and "is `watchfloor run` up?" in result.stderr


SLACK = "https://hooks.slack.com/services/T0CANARY/B0CANARY/Zq8sEcReTtOkEn1234567890"
WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


@pytest.mark.parametrize("source", ["env", "yaml"])
def test_config_masks_secrets(source, tmp_path):
    if source == "env":
        result = cli("config", env={"WATCHFLOOR_SLACK_WEBHOOK": SLACK, "WATCHFLOOR_WEBHOOK_SECRET": WHSEC})
    else:
        path = tmp_path / "watchfloor.yaml"
        path.write_text(f"slack_webhook: {SLACK}\nwebhook_secret: {WHSEC}\npoll_interval: 120\n")
        result = cli("config", "--config", str(path))
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["slack_webhook"] == "<redacted>" and shown["webhook_secret"] == "<redacted>"
    assert "CANARY" not in result.stdout + result.stderr and "whsec_" not in result.stdout + result.stderr
    if source == "yaml":
        assert shown["poll_interval"] == 120  # the file was read, so the masking was tested on it


@pytest.mark.parametrize("query", ["limit=abc", "limit=-3", "limit=0", "limit=" + "9" * 40])
def test_a_bad_query_parameter_answers_400_with_one_line(service, query):
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(f"{service.api}/alerts?{query}", timeout=5)
    assert err.value.code == 400
    body = json.loads(err.value.read())
    assert "limit" in body["error"] and "\n" not in body["error"]
    assert service.get("/alerts?limit=5")["recent_alerts"] == []
