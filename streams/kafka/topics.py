"""Topic names, partition counts, and explicit creation.

Every topic is created explicitly with its partition count before a worker starts (the
embedded broker would otherwise give auto-created topics 4 partitions, and Kafka would give
them ``num.partitions``). Faust creates its own changelog topics for tables.

==========================  ==========================  ===========================
topic                       key                         value
==========================  ==========================  ===========================
<app>-feeds                 feed URL                    FeedCommand (compacted)
<app>-articles              article id                  Article
<app>-enriched              article id                  EnrichedArticle
<app>-hits                  story key (topic|actor)     Hit
<app>-alerts                story id                    Alert
<app>-mutes                 mute id                     Mute command
<app>-dead-letters          alert id                    DeadLetter
<app>-deliver-<dest id>     story id                    Alert (one per destination)
==========================  ==========================  ===========================

``<app>-deliver-<dest id>`` is a destination's own queue (:mod:`agents.notify.stage`): one per
configured destination, so a destination that is down holds back only its own topic.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError

from streams.core.errors import BrokerError
from streams.kafka.tables import TABLES

log = logging.getLogger(__name__)


def topic_label(topic_name: str) -> str:
    """``<app_id>-enriched`` -> ``enriched``: the bounded metric label of a pipeline topic."""
    return topic_name.rsplit("-", 1)[-1]


@dataclass(frozen=True)
class TopicNames:
    app_id: str

    @property
    def feeds(self) -> str:
        return f"{self.app_id}-feeds"

    @property
    def articles(self) -> str:
        return f"{self.app_id}-articles"

    @property
    def enriched(self) -> str:
        return f"{self.app_id}-enriched"

    @property
    def hits(self) -> str:
        return f"{self.app_id}-hits"

    @property
    def alerts(self) -> str:
        return f"{self.app_id}-alerts"

    @property
    def mutes(self) -> str:
        return f"{self.app_id}-mutes"

    @property
    def dead_letters(self) -> str:
        return f"{self.app_id}-dead-letters"

    def delivery(self, dest_id: str) -> str:
        """The queue of one destination (ids are ``[A-Za-z0-9_.-]``, valid in a topic name)."""
        return f"{self.app_id}-deliver-{dest_id}"

    def changelog(self, table: str) -> str:
        return f"{self.app_id}-{table}-changelog"

    def layout(self, partitions: int, destinations: Iterable[str] = ()) -> dict[str, tuple[int, bool]]:
        """name -> (partitions, compacted); ``destinations``: the configured destination ids."""
        changelogs = {self.changelog(t.name): (partitions, True) for t in TABLES}
        return {
            **changelogs,
            self.feeds: (partitions, True),
            self.articles: (partitions, False),
            self.enriched: (partitions, False),
            self.hits: (partitions, False),
            self.alerts: (partitions, False),
            # mutes are few and read by every worker: one partition keeps them in order
            self.mutes: (1, True),
            self.dead_letters: (1, False),
            **{self.delivery(d): (partitions, False) for d in destinations},
        }


async def ensure_topics(
    bootstrap: str, layout: dict[str, tuple[int, bool]], *, replication_factor: int = 1, timeout: float = 30.0
) -> list[str]:
    """Create the topics that do not exist yet; return the names created. Existing topics are
    left as they are (a partition count that differs is logged, not changed: repartitioning a
    keyed topic moves keys and is an operator's decision)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=int(timeout * 1000))
    try:
        await asyncio.wait_for(admin.start(), timeout)
        existing = set(await asyncio.wait_for(admin.list_topics(), timeout))
        missing = [
            NewTopic(
                name=name,
                num_partitions=parts,
                replication_factor=replication_factor,
                topic_configs={"cleanup.policy": "compact"} if compacted else {},
            )
            for name, (parts, compacted) in layout.items()
            if name not in existing
        ]
        if missing:
            await asyncio.wait_for(admin.create_topics(missing), timeout)
            log.info("created topics %s", ", ".join(t.name for t in missing))
        for name in layout:
            if name in existing:
                log.debug("topic %s exists", name)
        return [t.name for t in missing]
    except asyncio.TimeoutError as exc:
        raise BrokerError(f"broker {bootstrap} did not answer topic creation within {timeout}s") from exc
    except (KafkaError, OSError) as exc:  # refused, unreachable, unknown host: one line, no traceback
        raise BrokerError(f"broker {bootstrap}: cannot connect ({exc})") from None
    finally:
        await admin.close()


def bootstrap_of(broker_url: str) -> str:
    """``kafka://h1:9092;kafka://h2:9092`` or ``kafka://h1:9092,h2:9092`` -> ``h1:9092,h2:9092``."""
    hosts = []
    for part in broker_url.replace(";", ",").split(","):
        part = part.strip()
        if "://" in part:
            part = part.split("://", 1)[1]
        if part:
            hosts.append(part.rstrip("/"))
    return ",".join(hosts)
