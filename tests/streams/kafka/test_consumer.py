"""The consumer's commit repair: never past an offset that was not processed."""

import pytest
from faust.types import TP

from streams.core.settings import Settings
from streams.kafka.faust_app import create_app


@pytest.mark.parametrize("topic, committed, acked, expected", [
    ("watchfloor-articles", 10, [10, 11, 12], 13),     # contiguous from the committed offset
    ("watchfloor-articles", 10, [11, 12, 13], None),   # offset 10 never processed: hold the commit
    ("watchfloor-articles", 10, [12, 13], None),
    ("watchfloor-alerts", 0, [1, 2], None),            # also at the very start of a partition
    ("watchfloor-feeds", 10, [11, 12], 13),            # compacted registry: Faust's own rule applies
])
def test_consumer_never_commits_past_an_unprocessed_offset(tmp_path, topic, committed, acked, expected):
    app = create_app(Settings(data_dir=tmp_path), broker_url="kafka://127.0.0.1:1", embedded=False).app
    consumer = app.consumer
    tp = TP(topic, 0)
    consumer._committed_offset[tp] = committed
    consumer._acked[tp] = list(acked)
    consumer._acked_index[tp] = set(acked)
    assert consumer._new_offset(tp) == expected


async def test_offset_jumps_on_pipeline_topics_are_not_treated_as_compaction_gaps(tmp_path):
    app = create_app(Settings(data_dir=tmp_path), broker_url="kafka://127.0.0.1:1", embedded=False).app
    consumer = app.consumer
    strict, compacted = TP("watchfloor-articles", 0), TP("watchfloor-feeds", 0)
    for tp in (strict, compacted):
        consumer._committed_offset[tp] = 10
        await consumer._add_gap(tp, 11, 14)  # the fetcher saw 10 then 15
        consumer._acked[tp] = [10, 15]
        consumer._acked_index[tp] = {10, 15}
    assert consumer._new_offset(strict) == 11  # 11..14 were never processed: not committed over
    assert consumer._new_offset(compacted) == 16  # compaction holes are Faust's business


def test_a_partition_never_committed_holds_at_its_first_offset(tmp_path):
    """aiokafka has no committed offset to seek to: the base is the partition's first offset
    (set by WatchfloorConsumer.perform_seek), and a hole there holds the commit as well."""
    app = create_app(Settings(data_dir=tmp_path), broker_url="kafka://127.0.0.1:1", embedded=False,
                     destinations=["ops"]).app
    consumer = app.consumer
    tp = TP("watchfloor-deliver-ops", 0)
    consumer._base_offset[tp] = 0
    consumer._acked[tp], consumer._acked_index[tp] = [1, 2], {1, 2}
    assert consumer._new_offset(tp) is None
    consumer._acked[tp], consumer._acked_index[tp] = [0, 1], {0, 1}
    assert consumer._new_offset(tp) == 2


def message(topic: str, offset: int):
    from faust.types.tuples import ConsumerMessage

    return ConsumerMessage(topic, 0, offset, 0.0, 0, None, b"k", b"v", None)


def test_a_hand_acked_queue_counts_only_settled_acks(tmp_path):
    """After a rebalance Faust skips a buffered event of the old generation and acks it, also on a
    ``noack`` stream; on a queue acked by hand that ack must not make the offset committable."""
    app = create_app(Settings(data_dir=tmp_path), broker_url="kafka://127.0.0.1:1", embedded=False,
                     destinations=["ops"]).app
    consumer = app.consumer
    queue, hits = "watchfloor-deliver-ops", "watchfloor-hits"
    app.topics._acking_topics.update({queue, hits})
    skipped, settled, auto = message(queue, 0), message(queue, 1), message(hits, 0)
    assert skipped.ack(consumer) is False
    consumer.settle(settled)
    assert settled.ack(consumer) is True
    assert auto.ack(consumer) is True  # streams that ack themselves are unchanged
    assert consumer._acked[TP(queue, 0)] == [1]
    assert consumer._acked[TP(hits, 0)] == [0]
