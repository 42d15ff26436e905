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


class FlakyTopic:
    """A topic whose first sends never get an ack (a broker that is down), then recover."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.sent: list = []

    def get_topic_name(self) -> str:
        return "wf-test"

    async def send(self, key, value):
        import asyncio

        fut = asyncio.get_running_loop().create_future()
        if self.failures > 0:
            self.failures -= 1  # never resolves: the ack does not come
        else:
            self.sent.append((key, value))
            fut.set_result("metadata")
        return fut


async def test_send_acked_times_out_instead_of_hanging():
    import asyncio

    from streams.app import send_acked

    with pytest.raises(asyncio.TimeoutError):
        await send_acked(FlakyTopic(failures=1), "k", "v", timeout=0.05)


async def test_send_until_acked_retries_counts_and_never_raises():

    from streams import app as app_module
    from streams.metrics import Metrics

    metrics = Metrics()
    topic = FlakyTopic(failures=2)
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    await app_module.send_until_acked(topic, "k", "v", timeout=0.05, metrics=metrics, label="alerts", sleep=sleep)
    assert waits == [1.0, 2.0]  # backoff between attempts
    assert topic.sent == [("k", "v")]
    assert metrics.registry.get_sample_value("watchfloor_kafka_send_errors_total", {"topic": "alerts"}) == 2


def test_every_table_changelog_is_created_up_front(tmp_path):
    from streams.topics import TABLES, TopicNames

    app, ctx = create_app(Settings(data_dir=tmp_path, topic_partitions=5), broker_url="kafka://127.0.0.1:1",
                          embedded=False)
    assert set(app.tables.keys()) == set(TABLES)
    layout = TopicNames(ctx.settings.app_id).layout(5)
    for table in app.tables.values():
        assert layout[table.changelog_topic.get_topic_name()] == (5, True)


@pytest.mark.parametrize("topic, committed, acked, expected", [
    ("watchfloor-articles", 10, [10, 11, 12], 13),     # contiguous from the committed offset
    ("watchfloor-articles", 10, [11, 12, 13], None),   # offset 10 never processed: hold the commit
    ("watchfloor-articles", 10, [12, 13], None),
    ("watchfloor-alerts", 0, [1, 2], None),            # also at the very start of a partition
    ("watchfloor-feeds", 10, [11, 12], 13),            # compacted registry: Faust's own rule applies
])
def test_consumer_never_commits_past_an_unprocessed_offset(tmp_path, topic, committed, acked, expected):
    from faust.types import TP

    app, _ = create_app(Settings(data_dir=tmp_path), broker_url="kafka://127.0.0.1:1", embedded=False)
    consumer = app.consumer
    tp = TP(topic, 0)
    consumer._committed_offset[tp] = committed
    consumer._acked[tp] = list(acked)
    consumer._acked_index[tp] = set(acked)
    assert consumer._new_offset(tp) == expected


async def test_offset_jumps_on_pipeline_topics_are_not_treated_as_compaction_gaps(tmp_path):
    from faust.types import TP

    app, _ = create_app(Settings(data_dir=tmp_path), broker_url="kafka://127.0.0.1:1", embedded=False)
    consumer = app.consumer
    strict, compacted = TP("watchfloor-articles", 0), TP("watchfloor-feeds", 0)
    for tp in (strict, compacted):
        consumer._committed_offset[tp] = 10
        await consumer._add_gap(tp, 11, 14)  # the fetcher saw 10 then 15
        consumer._acked[tp] = [10, 15]
        consumer._acked_index[tp] = {10, 15}
    assert consumer._new_offset(strict) == 11  # 11..14 were never processed: not committed over
    assert consumer._new_offset(compacted) == 16  # compaction holes are Faust's business


async def test_started_producer_is_returned_without_yielding_and_override_survives(tmp_path):
    app, _ = create_app(Settings(data_dir=tmp_path), broker_url="kafka://127.0.0.1:1", embedded=False)

    class Started:
        started = True

    class NotStarted:
        started = False

        async def maybe_start(self) -> None:
            self.started = True

    app._producer = NotStarted()
    assert await app.maybe_start_producer() is app._producer  # first call goes through Faust's path
    app._producer = Started()
    assert await app.maybe_start_producer() is app._producer
    assert "maybe_start_producer" not in vars(app), "a stampede wrapper on the instance would hide the override"


async def test_send_health_follows_the_last_produce_outcome():
    import asyncio

    from streams.app import SendHealth

    health = SendHealth()
    assert not health.failing
    loop = asyncio.get_running_loop()
    failed, ok = loop.create_future(), loop.create_future()
    failed.set_exception(ConnectionError("broker gone"))
    health.observe(failed)
    assert health.failing and health.last_error_text == "ConnectionError: broker gone"
    await asyncio.sleep(0.01)  # the clock must move on for "later"
    ok.set_result("metadata")
    health.observe(ok)
    assert not health.failing


async def test_send_acked_gives_up_waiting_without_cancelling_the_pending_send():
    import asyncio

    from streams.app import send_acked

    pending: list = []

    class SlowTopic(FlakyTopic):
        async def send(self, key, value):
            fut = asyncio.get_running_loop().create_future()
            pending.append(fut)
            return fut

    with pytest.raises(TimeoutError, match="not acked by the broker within 0.05 s"):
        await send_acked(SlowTopic(failures=0), "k", "v", timeout=0.05)
    assert not pending[0].cancelled()  # Faust's message stays pending, to land or fail by itself
