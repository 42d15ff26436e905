"""new_entity and new_hit must build the very record the Faust constructor builds; EnrichedArticle.payload() must encode as the record does."""

import faust
import pytest

from streams.core.records import AlertHit, Article, EnrichedArticle, Entity, new_entity, new_hit


@pytest.mark.parametrize("fields", [
    {"text": "North Korea", "label": "COUNTRY", "id": "country:KP", "start": 0, "end": 11, "source": "gazetteer"},
    {"text": "Kim Yo Jong", "label": "PERSON", "id": None, "start": 40, "end": 51, "source": "rules"},
    {"text": "Japan", "label": "COUNTRY", "id": "country:JP", "start": 7, "end": 7, "source": "implied"},
])
def test_new_entity_is_the_faust_record(fields):
    fast, slow = new_entity(**fields), Entity(**fields)
    assert type(fast) is Entity
    assert fast.__dict__ == slow.__dict__
    assert fast == slow and hash(repr(fast)) == hash(repr(slow))
    assert fast.asdict() == slow.asdict() and fast.dumps() == slow.dumps()
    article = Article(id="a", feed_url="f", link="", title="t")
    assert EnrichedArticle(article=article, entities=[fast]).dumps() == \
        EnrichedArticle(article=article, entities=[slow]).dumps()
    assert Entity.loads(fast.dumps()) == slow


@pytest.mark.parametrize("event", [None, {"type": "missile_launch", "actor": {"id": "country:KP", "text": "North Korea"}}])
def test_new_hit_is_the_faust_record(event):
    fields = {"topic": "missile_launch", "severity": "high", "evidence": "North Korea fired a missile.",
              "phrase": "fired a missile", "rule": "missile-fired", "event": event}
    fast, slow = new_hit(**fields), AlertHit(**fields)
    assert type(fast) is AlertHit
    assert fast.__dict__ == slow.__dict__
    assert fast.qualifiers is slow.qualifiers  # Faust's default list, shared by the hits it builds too
    assert fast == slow and repr(fast) == repr(slow)
    assert fast.asdict() == slow.asdict() and fast.dumps() == slow.dumps()
    assert AlertHit.loads(fast.dumps()) == slow
    assert fast.derive(qualifiers=["launch_failure"]) == slow.derive(qualifiers=["launch_failure"])


def test_enriched_payload_is_what_the_topic_writes_for_the_record():
    """The enrich agent sends ``EnrichedArticle.payload()``: the topic must write the very bytes
    it writes for the record (a consumer of ``enriched`` cannot tell), default fields included."""
    app = faust.App("test-payload", key_serializer="json", value_serializer="json")
    topic = app.topic("test-payload-enriched", key_type=str, value_type=EnrichedArticle)
    article = Article(id="a", feed_url="f", link="l", title="T \u2014 \u00e9", summary="s", published=1.5,
                      first_seen=2.0, source="src", backfill=True)
    entities = [new_entity("North Korea", "COUNTRY", "country:KP", 0, 11, "gazetteer"),
                Entity(text="Kim", label="PERSON", start=4, end=7),  # id and source from their defaults
                Entity(text="x", label="ORG")]
    for ents in ([], entities):
        record = EnrichedArticle(article=article, entities=ents)
        assert topic.prepare_value(record.payload(), None)[0] == topic.prepare_value(record, None)[0]
        assert EnrichedArticle.loads(topic.prepare_value(record.payload(), None)[0]) == record


@pytest.mark.parametrize("data", [
    {"id": "a", "feed_url": "f", "link": "l", "title": "t"},  # the defaults
    {"id": "a", "feed_url": "f", "link": "l", "title": "T \u2014 \u00e9", "summary": "s", "content": "c",
     "published": 1.5, "first_seen": 2.0, "source": "src", "backfill": True, "full_text": True},
    {"id": "a", "feed_url": "f", "link": "l", "title": "t", "published": 5, "backfill": 1},  # not coerced
    {"id": "a", "feed_url": "f", "link": "l", "title": "t", "extra": 1},  # Faust's path: unknown field
    {"id": "a", "feed_url": "f", "link": "l"},  # Faust's path: a field missing
    {"id": "a", "feed_url": "f", "link": "l", "title": "t",
     "__faust": {"ns": "streams.core.records.Article"}},  # Faust's path: a namespace
])
def test_article_decoded_from_the_topic_is_faust_s_record(data):
    """The articles topic decodes through ``Article.from_data``: the same record as Faust's own
    ``Record.from_data`` (or the same error)."""
    app = faust.App("test-article-decode", key_serializer="json", value_serializer="json")
    topic = app.topic("test-article-decode-articles", key_type=str, value_type=Article)
    wire = faust.serializers.codecs.dumps("json", data)
    try:
        slow = faust.Record.from_data.__func__(Article, dict(data), preferred_type=Article)
    except TypeError as exc:
        with pytest.raises(TypeError, match=str(exc)[:20]):
            Article.from_data(dict(data), preferred_type=Article)
        return
    fast = app.serializers.loads_value(topic.value_type, wire, serializer=topic.value_serializer)
    assert type(fast) is Article
    assert fast.__dict__ == slow.__dict__ and fast == slow and repr(fast) == repr(slow)
    assert fast.dumps() == slow.dumps() and fast.text() == slow.text()


def test_entity_identities_one_per_thing():
    from streams.core.records import entity_identities, new_entity
    ents = [new_entity("Lloyd Austin", "PERSON", "person:lloyd-austin", 0, 12, "gazetteer"),
            new_entity("Yasukazu Hamada", "PERSON", None, 20, 35, "rules"),
            new_entity("Austin", "PERSON", "person:lloyd-austin", 40, 46, "gazetteer"),
            new_entity("Hamada", "PERSON", None, 50, 56, "rules"),   # the surname after the full name
            new_entity("Hamada", "GPE", None, 60, 66, "rules"),      # a place of that name is another thing
            new_entity("Kim", "PERSON", None, 70, 73, "rules")]      # a surname nobody was named in full with
    ids = entity_identities(ents)
    assert ids[0] == ids[2] and ids[1] == ids[3]
    assert len({ids[0], ids[1], ids[4], ids[5]}) == 4
