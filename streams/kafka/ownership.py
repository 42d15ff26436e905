"""Which keys this worker owns.

Every pipeline topic and table has ``topic_partitions`` partitions, keys are JSON-serialised,
and Faust assigns partition *p* of all of them to the same worker: the partitions of a topic
this worker is active for also say which table keys it owns. Timers that walk a table use
this to touch only their own share (another worker owns the rest).
"""

from __future__ import annotations

from collections.abc import Callable
from json import dumps
from typing import Any

from aiokafka.partitioner import murmur2


def partition_for(key: str, partitions: int) -> int:
    """The partition Kafka's default partitioner picks for a JSON-serialised string key."""
    return (murmur2(dumps(key).encode()) & 0x7FFFFFFF) % partitions


def owned_partitions(app: Any, topic: str) -> set[int]:
    """The partitions of ``topic`` this worker is active for."""
    return {tp.partition for tp in app.assignor.assigned_actives() if tp.topic == topic}


def owns_key(app: Any, topic: str, partitions: int) -> Callable[[str], bool]:
    """``key -> bool``: is ``key`` on a partition of ``topic`` this worker is active for (now)?"""
    owned = owned_partitions(app, topic)
    return lambda key: partition_for(key, partitions) in owned
