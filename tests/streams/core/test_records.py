"""new_entity must build the very record the Faust constructor builds."""

import pytest

from streams.core.records import Article, EnrichedArticle, Entity, new_entity


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
