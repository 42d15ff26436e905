"""parse_feed on real feed bytes: ids, text, dates, caps and broken input."""

import calendar

import pytest

from streams.core.errors import ParseError
from streams.ingest.parse import article_id, canonical_link, html_to_text, parse_feed
from tests.support import FIXTURES

FIXTURES = FIXTURES / "feeds"


def test_rss_items_become_articles_with_text_and_dates():
    parsed = parse_feed("https://news.example.org/rss", (FIXTURES / "launch_rss.xml").read_bytes())
    assert parsed.title == "Harbour Desk World News"
    assert [a.title for a in parsed.articles] == [
        "Allies pledge closer defence ties after Pyongyang's failed satellite shot",
        "City council approves new cycle lanes for the harbour district",
    ]
    first = parsed.articles[0]
    assert "Chollima-1" in first.content and "<p>" not in first.content
    assert first.published == calendar.timegm((2026, 11, 26, 9, 15, 0))  # pubDate, GMT
    assert first.feed_url == "https://news.example.org/rss"
    assert "Chollima-1" in first.text() and first.text().startswith(first.title)


def test_atom_entries_parse_and_html_summary_is_text():
    parsed = parse_feed("https://garden.example.net/atom", (FIXTURES / "quiet_atom.xml").read_bytes())
    assert len(parsed.articles) == 2
    assert parsed.articles[0].summary == "Bulbs go in six inches deep, pointy end up."


def test_ids_are_stable_across_parses_and_unique_per_entry():
    body = (FIXTURES / "launch_rss.xml").read_bytes()
    a = parse_feed("https://news.example.org/rss", body).articles
    b = parse_feed("https://news.example.org/rss", body).articles
    assert [x.id for x in a] == [x.id for x in b]
    assert len({x.id for x in a}) == len(a)


@pytest.mark.parametrize(
    "guid_a, link_a, feed_a, guid_b, link_b, feed_b, same",
    [
        # a URL guid is global: the same story from two feeds is one article
        ("https://x.org/a", None, "f1", "https://x.org/a", None, "f2", True),
        # a plain guid is only unique within its feed
        ("123", None, "f1", "123", None, "f2", False),
        # no guid: canonical link, tracking parameters and fragment ignored
        (None, "https://X.org/a?utm_source=rss#c", "f1", None, "https://x.org/a", "f2", True),
        (None, "https://x.org/a?id=1", "f1", None, "https://x.org/a?id=2", "f1", False),
    ],
)
def test_article_id_rules(guid_a, link_a, feed_a, guid_b, link_b, feed_b, same):
    ida = article_id(feed_a, guid_a, link_a, "t", None)
    idb = article_id(feed_b, guid_b, link_b, "t", None)
    assert (ida == idb) is same


def test_canonical_link_drops_tracking_only():
    assert canonical_link("HTTPS://News.Example.org/a?b=2&utm_campaign=x&fbclid=y#frag") == "https://news.example.org/a?b=2"


def test_html_to_text_drops_scripts_and_keeps_paragraphs():
    text = html_to_text("<p>One&nbsp;&amp; two</p><script>alert(1)</script><p>Three</p>")
    assert text == "One & two\nThree"


def test_entry_cap_is_applied_and_reported():
    items = "".join(f"<item><title>t{i}</title><guid>g{i}</guid></item>" for i in range(30))
    body = f"<rss version='2.0'><channel><title>c</title>{items}</channel></rss>".encode()
    parsed = parse_feed("https://x.org/rss", body, max_entries=10)
    assert len(parsed.articles) == 10 and parsed.truncated == 20


@pytest.mark.parametrize("body", [b"", b"not a feed at all", b"<html><body><p>hello</p></body></html>", b"\x00\xff" * 50])
def test_non_feeds_raise_parse_error(body):
    with pytest.raises(ParseError) as exc:
        parse_feed("https://x.org/rss", body)
    assert "https://x.org/rss" in str(exc.value)


def test_entries_without_any_text_are_skipped():
    body = b"<rss version='2.0'><channel><title>c</title><item><guid>1</guid></item><item><title>ok</title></item></channel></rss>"
    parsed = parse_feed("https://x.org/rss", body)
    assert [a.title for a in parsed.articles] == ["ok"] and parsed.skipped == 1


def test_bytes_naming_a_local_file_are_not_read_as_a_path(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_bytes(b"<rss version='2.0'><channel><title>LEAKED</title><item><title>x</title></item></channel></rss>")
    with pytest.raises(ParseError):
        parse_feed("https://x.org/rss", str(secret).encode())


def test_entity_declarations_are_refused():
    body = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">]>
<rss version="2.0"><channel><title>&a;</title><item><title>&a;&a;</title></item></channel></rss>"""
    with pytest.raises(ParseError) as exc:
        parse_feed("https://x.org/rss", body)
    assert exc.value.kind == "xml_dtd"


# --- JSON Feed (the fetcher advertises application/feed+json) ---------------------------


@pytest.mark.parametrize("content_type", ["application/feed+json", "application/json", None])
def test_json_feed_items_become_articles_like_rss_items(content_type):
    body = (FIXTURES / "launch_jsonfeed.json").read_bytes()
    parsed = parse_feed("https://news.example.org/feed.json", body, content_type=content_type)
    assert parsed.title == "Harbour Desk World News"
    assert [a.title for a in parsed.articles] == [
        "Allies pledge closer defence ties after Pyongyang's failed satellite shot",
        "City council approves new cycle lanes for the harbour district",
    ]
    assert parsed.skipped == 1  # an item with neither title nor text
    first, second = parsed.articles
    assert "Chollima-1" in first.content and "<p>" not in first.content and "\u2014" in first.content
    assert first.summary.startswith("Washington and Tokyo")
    assert first.published == calendar.timegm((2026, 11, 26, 9, 15, 0))
    assert second.published == calendar.timegm((2026, 11, 26, 10, 2, 0))  # +02:00 read as such
    assert second.content.startswith("Councillors voted")
    # ids follow the same rules as RSS guids: a plain id is scoped to the feed, a URL id is not
    assert first.id == article_id("https://news.example.org/feed.json", "harbourdesk-2026-0611-0042", None, "", None)
    assert second.id == article_id("https://other.example/feed", "https://news.example.org/local/cycle-lanes",
                                   None, "", None)


@pytest.mark.parametrize("body", [b'{"items": []}', b'{"version": "https://jsonfeed.org/version/1.1"}',
                                  b'{"version": "https://jsonfeed.org/version/1', b"[1, 2]"])
def test_json_that_is_not_a_json_feed_is_a_parse_error(body):
    with pytest.raises(ParseError, match="not a feed"):
        parse_feed("https://x.example/feed.json", body, content_type="application/json")
