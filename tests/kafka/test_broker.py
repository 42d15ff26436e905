"""The real Kafka test broker works with aiokafka: topics, idempotent
producer (acks=all), consumer groups, compacted topics."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

pytestmark = pytest.mark.kafka


def _name(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


async def test_produce_and_consume_100_with_group(kafka_broker):
    topic, group = _name("t-roundtrip"), _name("g-roundtrip")

    admin = AIOKafkaAdminClient(bootstrap_servers=kafka_broker.bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, 3, 1)])
    finally:
        await admin.close()
    # wait until all 3 partitions have leaders
    await kafka_broker.acreate_topics({topic: 3})

    producer = AIOKafkaProducer(
        bootstrap_servers=kafka_broker.bootstrap, acks="all", enable_idempotence=True
    )
    await producer.start()
    try:
        futures = [
            await producer.send(topic, key=f"k{i}".encode(), value=f"v{i}".encode())
            for i in range(100)
        ]
        metas = await asyncio.gather(*futures)
    finally:
        await producer.stop()
    assert {m.partition for m in metas} == {0, 1, 2}

    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=kafka_broker.bootstrap,
        group_id=group,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    seen: dict[bytes, bytes] = {}
    try:
        async with asyncio.timeout(60):
            while len(seen) < 100:
                batch = await consumer.getmany(timeout_ms=1000)
                for records in batch.values():
                    for r in records:
                        seen[r.key] = r.value
        await consumer.commit()
        assert {tp.partition for tp in consumer.assignment()} == {0, 1, 2}
    finally:
        await consumer.stop()

    assert set(seen) == {f"k{i}".encode() for i in range(100)}
    assert all(seen[f"k{i}".encode()] == f"v{i}".encode() for i in range(100))


async def test_compacted_topic(kafka_broker):
    topic = _name("t-compact")
    await kafka_broker.acreate_topics({topic: 2}, compacted={topic})

    admin = AIOKafkaAdminClient(bootstrap_servers=kafka_broker.bootstrap)
    await admin.start()
    try:
        [resp] = await admin.describe_configs(
            [ConfigResource(ConfigResourceType.TOPIC, topic)]
        )
    finally:
        await admin.close()
    configs = {entry[0]: entry[1] for entry in resp.resources[0][4]}
    assert configs["cleanup.policy"] == "compact"


def test_sync_helpers_and_urls(kafka_broker, kafka_url):
    assert kafka_url == f"kafka://{kafka_broker.bootstrap}"
    assert kafka_broker.bootstrap.startswith("127.0.0.1:")
    assert kafka_broker.running and kafka_broker.pid
    assert kafka_broker.log_path.exists()
    topic = _name("t-sync")
    kafka_broker.create_topics({topic: 2})
    kafka_broker.create_topics({topic: 2})  # exist_ok by default
