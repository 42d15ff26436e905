"""Spun copies' Cyrillic look-alike letters read as Latin (streams/core/lookalikes.py), with Russian and Greek text and
Cyrillic names left as written. The spun sentence is a page's own (gistsvilla, 2016; check batch 30)."""

from __future__ import annotations

import pytest

from streams.core.lookalikes import latin_lookalikes
from streams.core.records import Article

_SPUN = "Juѕt оnе day аftеr thе announcement аbоut THAAD thе North test-fired а ballistic missile frоm а submarine"


def test_a_spun_sentence_reads_as_english():
    assert latin_lookalikes(_SPUN) == ("Just one day after the announcement about THAAD the North test-fired a "
                                       "ballistic missile from a submarine")


@pytest.mark.parametrize("text", [
    "Россия запустила ракету «Сармат» с космодрома Плесецк",  # Russian: "с" stays Cyrillic
    "Ο Ποσειδώνας είναι ένα σύστημα",  # Greek
    "President Putin called the missile «Сармат» on Tuesday.",  # a Cyrillic name with letters no Latin twin has
])
def test_russian_greek_and_cyrillic_names_stay_as_written(text):
    assert latin_lookalikes(text) == text


def test_every_offset_holds():
    assert len(latin_lookalikes(_SPUN)) == len(_SPUN)


def test_the_article_text_that_the_stages_read_is_read_in_latin():
    article = Article(id="t", feed_url="", link="", title="North Korea hаѕ threatened а “physical response”",
                      summary=_SPUN)
    assert "has threatened a" in article.text() and "test-fired a ballistic" in article.text()

