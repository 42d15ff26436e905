"""The app factory's wiring decisions, checked without a broker."""

import pytest

from streams.core.settings import Settings
from streams.kafka.faust_app import create_app
from streams.kafka.producer import IdempotentProducer
from streams.kafka.tables import TABLES
from streams.kafka.topics import TopicNames
from streams.service import build


@pytest.mark.parametrize("embedded, idempotent", [(False, True), (True, False)])
def test_idempotent_producer_on_kafka_not_on_tansu(tmp_path, embedded, idempotent):
    app = create_app(Settings(data_dir=tmp_path), broker_url="kafka://127.0.0.1:1", embedded=embedded).app
    producer = app.producer
    assert isinstance(producer, IdempotentProducer) is idempotent
    extra = producer._settings_extra()
    assert extra.get("enable_idempotence", False) is idempotent
    assert app.conf.producer_acks == -1


def test_all_pipeline_topics_share_the_partition_count(tmp_path):
    rt = create_app(Settings(data_dir=tmp_path, topic_partitions=6), broker_url="kafka://127.0.0.1:1",
                   embedded=False)
    for name in ("feeds", "articles", "enriched", "hits", "alerts"):
        assert getattr(rt.topics, name).partitions == 6, name


def test_every_table_changelog_is_created_up_front(tmp_path):
    rt, _ = build(Settings(data_dir=tmp_path, topic_partitions=5), broker_url="kafka://127.0.0.1:1", embedded=False)
    app = rt.app
    assert set(app.tables.keys()) == {t.name for t in TABLES}
    layout = TopicNames(rt.settings.app_id).layout(5)
    for table in app.tables.values():
        assert layout[table.changelog_topic.get_topic_name()] == (5, True)


async def test_started_producer_is_returned_without_yielding_and_override_survives(tmp_path):
    app = create_app(Settings(data_dir=tmp_path), broker_url="kafka://127.0.0.1:1", embedded=False).app

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
