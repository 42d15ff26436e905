"""Full text: the article page read through the real fetcher, boilerplate stripped."""


import pytest

from streams.ingest.fulltext import extract_text, read_in_full
from streams.ingest.fetch import Fetcher, FetchLimits
from streams.core.records import Article
from tests.support import FIXTURES, FeedServer

PAGE = (FIXTURES / "pages" / "article.html").read_bytes()

pytest.importorskip("trafilatura")


@pytest.fixture
def server():
    srv = FeedServer().start()
    yield srv
    srv.stop()


def test_boilerplate_is_stripped():
    text = extract_text(PAGE, "https://x.org/a")
    assert "fired a ballistic missile off its east coast" in text
    assert "Japan's defence ministry" in text
    for junk in ("ADVERTISEMENT", "cookies", "Celebrity chef", "All rights reserved", "Weather"):
        assert junk not in text, junk


def test_a_page_without_an_article_gives_nothing():
    assert extract_text(b"<html><body><nav>Home</nav><p>Log in to read.</p></body></html>") is None


async def test_summary_only_article_is_read_in_full(server):
    url = server.set("/world/missile", body=PAGE, headers={"Content-Type": "text/html; charset=utf-8"})
    article = Article(id="a1", feed_url="f", link=url, title="North Korea fires missile",
                      summary="North Korea fired a missile, Seoul said.")
    async with Fetcher(FetchLimits(allow_private_networks=True)) as fetcher:
        full, why_not = await read_in_full(article, fetcher)
    assert why_not is None
    assert "600 kilometres" in full.content and full.summary == article.summary and full.id == "a1"
    assert "text/html" in server.hits("/world/missile")[0]["headers"]["Accept"]


async def test_private_page_is_refused_and_article_kept(server):
    url = server.set("/world/missile", body=PAGE)
    article = Article(id="a1", feed_url="f", link=url, title="t", summary="s")
    async with Fetcher(FetchLimits(allow_private_networks=False)) as fetcher:
        same, why_not = await read_in_full(article, fetcher)
    assert same is article and why_not == "blocked_address"
    assert server.hits("/world/missile") == []


async def test_broken_page_keeps_the_feed_text(server):
    url = server.set("/gone", status=404)
    article = Article(id="a1", feed_url="f", link=url, title="t", summary="s")
    async with Fetcher(FetchLimits(allow_private_networks=True)) as fetcher:
        same, why_not = await read_in_full(article, fetcher)
    assert same is article and why_not == "http_4xx"
