"""Shared pytest fixtures for watchfloor's tests."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from tests.support import CORPUS_CACHE, FEEDPARSER_VERSION, this_checkout_first

# Every child process a test starts (`watchfloor run`, the CLI) imports this checkout
os.environ["PYTHONPATH"] = this_checkout_first(os.environ.get("PYTHONPATH"))


def pytest_report_header(config) -> list[str]:
    where = CORPUS_CACHE / f"feedparser-{FEEDPARSER_VERSION}" / "tests"
    state = "cached" if where.is_dir() else "downloaded with pip from PyPI on first use"
    return [f"feedparser {FEEDPARSER_VERSION} test corpus (slow robustness tests): {where} ({state})"]

@pytest.fixture(scope="session", autouse=True)
def shared_cache_dir(tmp_path_factory):
    """One ``cache_dir`` (the built gazetteer) for every worker the session starts, in-process or
    ``watchfloor run``, shared by the xdist workers of one run: built once, read at each start.
    A ``WATCHFLOOR_CACHE_DIR`` already set (a CI cache kept between runs) is used as it is."""
    if "WATCHFLOOR_CACHE_DIR" in os.environ:
        yield Path(os.environ["WATCHFLOOR_CACHE_DIR"])
        return
    base = tmp_path_factory.getbasetemp()
    where = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "watchfloor-cache"
    os.environ["WATCHFLOOR_CACHE_DIR"] = str(where)
    try:
        yield where
    finally:
        os.environ.pop("WATCHFLOOR_CACHE_DIR", None)


# --- real Kafka broker (tests/kafka/broker.py) -----------------------------
# Loaded by path under a unique name: a package called `kafka` under tests/
# would shadow the kafka-python distribution for everything else.
_KAFKA_BROKER_MODULE = "watchfloor_tests_kafka_broker"


def _kafka_broker_module():
    mod = sys.modules.get(_KAFKA_BROKER_MODULE)
    if mod is None:
        path = Path(__file__).resolve().parent / "kafka" / "broker.py"
        spec = importlib.util.spec_from_file_location(_KAFKA_BROKER_MODULE, path)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[_KAFKA_BROKER_MODULE] = mod
        spec.loader.exec_module(mod)
    return mod


def pytest_collection_modifyitems(config, items) -> None:
    """Groups for ``--dist loadgroup`` (the broker phase of ``./dev test``): every test on the
    session's Kafka broker in one group, so they run one at a time in one worker against one
    broker, as without xdist; every other module a group of its own (its module fixtures start
    once), which runs in another worker beside them. Without loadgroup the marks do nothing."""
    for item in items:
        group = "kafka-broker" if "kafka_broker" in item.fixturenames else item.nodeid.split("::", 1)[0]
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
def kafka_broker():
    """One real single-node KRaft Kafka broker for the whole test session.

    Yields a ``KafkaBroker``: ``.bootstrap`` ("127.0.0.1:PORT"), ``.url``
    ("kafka://127.0.0.1:PORT"), ``.create_topics({name: partitions},
    compacted={...})`` / ``await .acreate_topics(...)``, ``.pid``, ``.log_path``.
    Jars are fetched by Maven once, into $WATCHFLOOR_KAFKA_CACHE or
    ~/.cache/watchfloor/kafka-<version>.
    """
    broker = _kafka_broker_module().KafkaBroker()
    broker.start()
    try:
        yield broker
    finally:
        broker.stop()


@pytest.fixture
def kafka_url(kafka_broker) -> str:
    """``kafka://127.0.0.1:PORT`` of the session's broker (for faust.App(broker=...))."""
    return kafka_broker.url


# --- real HTTP peers on 127.0.0.1 (tests/support.py) ------------------------


@pytest.fixture
def feeds():
    """A feed server in its own thread: ``.set(path, body, status, headers)``, ``.hits(path)``."""
    from tests.support import FeedServer

    server = FeedServer().start()
    yield server
    server.stop()


@pytest.fixture
def receiver():
    """A webhook receiver that answers 200 and records every request."""
    from tests.support import WebhookReceiver

    hook = WebhookReceiver().start()
    yield hook
    hook.stop()


@pytest.fixture
def idle_receiver():
    """A webhook receiver the test starts itself (``.start()``), e.g. after an outage; stopped
    afterwards if it was started."""
    from tests.support import WebhookReceiver

    hook = WebhookReceiver()
    yield hook
    if hook.server.running:
        hook.stop()
