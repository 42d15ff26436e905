"""Which partition a key is on: the same answer as Kafka's default partitioner."""

import json

import pytest
from aiokafka.partitioner import DefaultPartitioner

from streams.kafka.ownership import partition_for


@pytest.mark.parametrize("key", ["https://a.example/feed", "story-1", "satellite_launch", "ü-ñ"])
@pytest.mark.parametrize("partitions", [1, 4, 8, 13])
def test_partition_for_matches_kafka_default_partitioner_on_json_keys(key, partitions):
    raw = json.dumps(key).encode()
    expected = DefaultPartitioner()(raw, list(range(partitions)), list(range(partitions)))
    assert partition_for(key, partitions) == expected
