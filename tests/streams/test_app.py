"""The app factory's wiring decisions, checked without a broker."""

import json

import pytest
from aiokafka.partitioner import DefaultPartitioner

from streams.app import IdempotentProducer, create_app, partition_for
from streams.settings import Settings


@pytest.mark.parametrize("embedded, idempotent", [(False, True), (True, False)])
def test_idempotent_producer_on_kafka_not_on_tansu(tmp_path, embedded, idempotent):
    app, ctx = create_app(Settings(data_dir=tmp_path), broker_url="kafka://127.0.0.1:1", embedded=embedded)
    producer = app.producer
    assert isinstance(producer, IdempotentProducer) is idempotent
    extra = producer._settings_extra()
    assert extra.get("enable_idempotence", False) is idempotent
    assert app.conf.producer_acks == -1


@pytest.mark.parametrize("key", ["https://a.example/feed", "story-1", "satellite_launch", "ü-ñ"])
@pytest.mark.parametrize("partitions", [1, 4, 8, 13])
def test_partition_for_matches_kafka_default_partitioner_on_json_keys(key, partitions):
    raw = json.dumps(key).encode()
    expected = DefaultPartitioner()(raw, list(range(partitions)), list(range(partitions)))
    assert partition_for(key, partitions) == expected


def test_all_pipeline_topics_share_the_partition_count(tmp_path):
    app, ctx = create_app(Settings(data_dir=tmp_path, topic_partitions=6), broker_url="kafka://127.0.0.1:1",
                          embedded=False)
    for name in ("feeds", "articles", "enriched", "hits", "alerts"):
        assert ctx.topics[name].partitions == 6, name
