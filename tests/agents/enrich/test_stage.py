"""The enrich stage in-process: what the dedup table forgets, and the stage object on real text."""

from __future__ import annotations

import pytest

from agents.enrich.stage import SEEN_TTL, EnrichStage, stale_ids
from streams.core.metrics import Metrics
from streams.core.records import EnrichedArticle
from tests.agents.stages import article, pipeline

NOW = 1_800_000_000.0


@pytest.mark.parametrize("ages, max_ids, forgotten", [
    ([("a", 30), ("b", 20)], 10, []),                                    # young and few: keep all
    ([("a", SEEN_TTL + 1), ("b", 20)], 10, ["a"]),                        # past the TTL
    ([("a", 30), ("b", 20), ("c", 10), ("d", 5)], 2, ["a", "b"]),          # the oldest beyond the cap
    ([("a", SEEN_TTL + 5), ("b", 30), ("c", 20), ("d", 10)], 2, ["a", "b"]),  # TTL, then the cap
    ([("a", SEEN_TTL + 9), ("b", SEEN_TTL + 5), ("c", 1)], 1, ["a", "b"]),  # TTL beyond the cap's due
    ([("a", 10), ("b", 10), ("c", 10)], 3, []),                           # exactly at the cap
])
def test_stale_ids_are_the_expired_then_the_oldest_beyond_the_cap(ages, max_ids, forgotten):
    seen = [(key, NOW - age) for key, age in ages]
    assert stale_ids(seen, size=len(seen), now=NOW, ttl=SEEN_TTL, max_ids=max_ids) == forgotten


def test_stale_ids_reads_no_further_than_it_must():
    read: list[str] = []

    def table():
        for i in range(1_000_000):
            read.append(f"id{i}")
            yield f"id{i}", NOW - 1_000_000 + i  # oldest first, none expired

    assert stale_ids(table(), size=1_000_000, now=NOW, ttl=SEEN_TTL, max_ids=999_990) == [f"id{i}" for i in range(10)]
    assert len(read) == 11  # the ten it drops, and the first it keeps


def test_tombstones_are_forgotten():
    seen = [("gone", None), ("a", NOW - 3), ("b", NOW - 2)]
    assert stale_ids(seen, size=3, now=NOW, ttl=SEEN_TTL, max_ids=5) == ["gone"]


# --- the stage object, driven in-process (tables as dicts) --------------------------------


def make_stage(seen: dict | None = None, max_ids: int = 10) -> tuple[EnrichStage, Metrics]:
    extractor, pack = pipeline()
    metrics = Metrics()
    return EnrichStage(extractor=extractor, pack=pack, seen={} if seen is None else seen, page_fetcher=None,
                       metrics=metrics, dedup_max_ids=max_ids), metrics


LAUNCH = article("a1", "North Korea fires ICBM into sea off Japan",
                 "North Korea fired an intercontinental ballistic missile on Monday that landed in waters off "
                 "Hokkaido, Japan's defence ministry said.")


async def test_enrich_then_classify_gives_entities_and_a_hit_keyed_by_topic():
    stage, metrics = make_stage()
    enriched = await stage.enrich(LAUNCH)
    assert {"country:KP", "country:JP"} <= {e.id for e in enriched.entities}
    [(key, value)] = stage.classify(enriched)
    assert key == "missile_launch" and value["hit"]["topic"] == "missile_launch"
    assert EnrichedArticle.from_data(value["enriched"]).article.id == "a1"
    assert metrics.registry.get_sample_value("watchfloor_articles_processed_total") == 1
    assert metrics.registry.get_sample_value("watchfloor_entities_extracted_total", {"label": "COUNTRY"}) >= 2


async def test_a_backfilled_article_is_classified_but_raises_nothing():
    stage, metrics = make_stage()
    old = article("a2", LAUNCH.title, LAUNCH.summary)
    old.backfill = True
    assert stage.classify(await stage.enrich(old)) == []
    assert metrics.registry.get_sample_value("watchfloor_articles_processed_total") == 1


async def test_an_extractor_that_fails_costs_the_entities_not_the_article():
    stage, _ = make_stage()

    class Broken:
        def extract(self, text, *, wide=True):
            raise RuntimeError("boom")

    stage.extractor = Broken()
    enriched = await stage.enrich(LAUNCH)
    assert enriched.article.id == "a1" and enriched.entities == []


def test_seen_ids_are_marked_and_pruned_to_the_cap():
    stage, _ = make_stage(max_ids=2)
    for i in range(4):
        stage.mark_seen(f"id{i}", NOW + i)
    assert stage.is_seen("id0") and not stage.is_seen("other")
    assert stage.prune(NOW + 10) == 2
    assert list(stage.seen) == ["id2", "id3"]


# a wire story that names its minister past the lede (the model-free tier's 800 characters)
_LEDE_FILLER = ("Officials in Tokyo and Seoul were analysing the flight data through the morning, and regional "
                "markets were little changed as traders weighed the news against weak export figures. ") * 5
LATE_MINISTER = ("North Korea fired an intercontinental ballistic missile on Monday that landed in waters off Hokkaido. "
                 + _LEDE_FILLER + "Defence Minister Yasukazu Hamada told reporters the missile flew for 66 minutes.")
QUIET = "Trade talks resumed in Geneva on Monday. " + _LEDE_FILLER + "Defence Minister Yasukazu Hamada spoke later."


async def test_an_article_a_rule_may_fire_on_is_read_past_its_lede():
    stage, _ = make_stage()
    assert LATE_MINISTER.index("Yasukazu") > 900
    enriched = await stage.enrich(article("a2", "", LATE_MINISTER))
    people = {e.text for e in enriched.entities if e.label == "PERSON"}
    [(_, value)] = stage.classify(enriched)
    assert "Yasukazu Hamada" in people
    assert "Yasukazu Hamada" in {e.text for e in EnrichedArticle.from_data(value["enriched"]).entities}
    # an article no rule can fire on pays for its lede only
    quiet = await stage.enrich(article("a3", "", QUIET))
    assert stage.classify(quiet) == [] and "Yasukazu Hamada" not in {e.text for e in quiet.entities}
