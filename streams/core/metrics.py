"""Every watchfloor metric, declared in one place against a registry passed in.

Names follow Prometheus practice: ``watchfloor_`` prefix, base units (seconds, bytes),
``_total`` on counters. Labels are bounded: status classes, error kinds, topics and
severities from the rule packs, destination kinds, and feed URLs only for the configured
feeds up to ``MAX_LABELLED_FEEDS`` (feeds beyond that are aggregated as ``other``).

Catalogue (also in the README):

======================================================  =========  ==========================
name                                                    type       labels
======================================================  =========  ==========================
watchfloor_feed_fetches_total                           counter    status_class
watchfloor_feed_fetch_duration_seconds                  histogram  status_class
watchfloor_feed_fetch_errors_total                      counter    kind
watchfloor_feed_not_modified_total                      counter
watchfloor_feeds                                        gauge      state
watchfloor_feed_last_success_timestamp_seconds          gauge      feed
watchfloor_feed_staleness_seconds                       gauge      feed
watchfloor_articles_fetched_total                       counter
watchfloor_articles_published_total                     counter
watchfloor_articles_deduplicated_total                  counter
watchfloor_articles_processed_total                     counter
watchfloor_articles_backfilled_total                    counter
watchfloor_entities_extracted_total                     counter    label
watchfloor_fulltext_reads_total                         counter    outcome
watchfloor_alerts_raised_total                          counter    topic, severity
watchfloor_alert_updates_total                          counter    topic
watchfloor_alerts_muted_total                           counter    topic
watchfloor_deliveries_total                             counter    destination_kind, outcome
watchfloor_delivery_retries_total                       counter    destination_kind
watchfloor_dead_letters_total                           counter    destination_kind, reason
watchfloor_delivery_duration_seconds                    histogram  destination_kind
watchfloor_delivery_oldest_undelivered_seconds          gauge      destination
watchfloor_destination_failing_seconds                  gauge      destination
watchfloor_stage_duration_seconds                       histogram  stage
watchfloor_alert_latency_seconds                        histogram  destination_kind
watchfloor_kafka_send_errors_total                      counter    topic
watchfloor_consumer_rereads_total                       counter    stage
watchfloor_build_info                                   gauge      version
watchfloor_faust_event_runtime_seconds                  histogram
======================================================  =========  ==========================

Faust's own sensors (consumer lag, commit latency, rebalances) are exported beside these
under the ``watchfloor_faust_`` prefix, and the process's own ``process_*`` metrics, by
:func:`streams.web.register`. Faust's ``events_runtime_ms`` (a unit abbreviation that
``promtool check metrics`` refuses) is replaced by ``watchfloor_faust_event_runtime_seconds``
(:func:`streams.kafka.faust_app.install_faust_sensors`). No ``_created`` series: they double
every counter and histogram and read as counters of their own.
"""

from __future__ import annotations

import time
from typing import Iterable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, disable_created_metrics
from prometheus_client.core import GaugeMetricFamily

from streams import __version__

MAX_LABELLED_FEEDS = 500

disable_created_metrics()  # process-wide: no ``*_created`` series on /metrics

FETCH_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
STAGE_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600)


def status_class(status: int | None) -> str:
    """A bounded label for an HTTP status: 2xx, 3xx, 4xx, 5xx, or ``error`` (no answer)."""
    return f"{status // 100}xx" if status else "error"


class _FeedFreshness:
    """Collector: per-feed last success and staleness, computed at scrape time."""

    def __init__(self) -> None:
        self.last_success: dict[str, float] = {}

    def collect(self) -> Iterable[GaugeMetricFamily]:
        now = time.time()
        ts = GaugeMetricFamily(
            "watchfloor_feed_last_success_timestamp_seconds",
            "Unix time of the feed's last successful poll (200 or 304).",
            labels=["feed"],
        )
        stale = GaugeMetricFamily(
            "watchfloor_feed_staleness_seconds",
            "Seconds since the feed's last successful poll.",
            labels=["feed"],
        )
        for feed, t in list(self.last_success.items()):
            ts.add_metric([feed], t)
            stale.add_metric([feed], max(0.0, now - t))
        yield ts
        yield stale


class Metrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry if registry is not None else CollectorRegistry()
        r = self.registry
        self.feed_fetches = Counter(
            "watchfloor_feed_fetches", "Feed polls that got an answer or failed, by HTTP status class.",
            ["status_class"], registry=r)
        self.feed_fetch_duration = Histogram(
            "watchfloor_feed_fetch_duration_seconds", "Time to fetch a feed, by HTTP status class.",
            ["status_class"], buckets=FETCH_BUCKETS, registry=r)
        self.feed_fetch_errors = Counter(
            "watchfloor_feed_fetch_errors", "Feed polls that failed, by kind of failure.", ["kind"], registry=r)
        self.feed_not_modified = Counter(
            "watchfloor_feed_not_modified", "Feed polls answered 304 Not Modified.", registry=r)
        self.feeds = Gauge("watchfloor_feeds", "Feeds polled by this worker, by state.", ["state"], registry=r)
        self.articles_fetched = Counter(
            "watchfloor_articles_fetched", "New feed entries parsed by the poller.", registry=r)
        self.articles_published = Counter(
            "watchfloor_articles_published", "Articles published to the articles topic.", registry=r)
        self.articles_deduplicated = Counter(
            "watchfloor_articles_deduplicated", "Articles dropped as already seen.", registry=r)
        self.articles_processed = Counter(
            "watchfloor_articles_processed", "Articles that went through rule matching.", registry=r)
        self.articles_backfilled = Counter(
            "watchfloor_articles_backfilled", "Articles older than the backfill window: recorded, not alerted.",
            registry=r)
        self.entities_extracted = Counter(
            "watchfloor_entities_extracted", "Entities found in articles, by label.", ["label"], registry=r)
        self.fulltext_reads = Counter(
            "watchfloor_fulltext_reads", "Article pages read in full, by outcome (ok or why not).", ["outcome"],
            registry=r)
        self.alerts_raised = Counter(
            "watchfloor_alerts_raised", "New alerts (first article of a story), by topic and severity.",
            ["topic", "severity"], registry=r)
        self.alert_updates = Counter(
            "watchfloor_alert_updates", "Follow-ups to an existing story, by topic.", ["topic"], registry=r)
        self.alerts_muted = Counter(
            "watchfloor_alerts_muted", "Alerts held by a mute or snooze, by topic.", ["topic"], registry=r)
        self.deliveries = Counter(
            "watchfloor_deliveries", "Delivery attempts, by destination kind and outcome.",
            ["destination_kind", "outcome"], registry=r)
        self.delivery_retries = Counter(
            "watchfloor_delivery_retries", "Deliveries scheduled for another attempt.", ["destination_kind"],
            registry=r)
        self.dead_letters = Counter(
            "watchfloor_dead_letters", "Alerts sent to the dead-letter topic.", ["destination_kind", "reason"],
            registry=r)
        self.delivery_duration = Histogram(
            "watchfloor_delivery_duration_seconds", "Time of one delivery attempt.", ["destination_kind"],
            buckets=FETCH_BUCKETS, registry=r)
        # destination: the id of a configured destination (webhook name, slack, alertmanager): bounded
        self.oldest_undelivered = Gauge(
            "watchfloor_delivery_oldest_undelivered_seconds",
            "Age of the oldest alert this worker has not yet delivered to a destination (0: none waiting).",
            ["destination"], registry=r)
        self.destination_failing = Gauge(
            "watchfloor_destination_failing_seconds",
            "How long a destination has been failing (0: its last attempt succeeded).", ["destination"], registry=r)
        self.stage_duration = Histogram(
            "watchfloor_stage_duration_seconds", "Processing time of one record in a pipeline stage.",
            ["stage"], buckets=STAGE_BUCKETS, registry=r)
        self.alert_latency = Histogram(
            "watchfloor_alert_latency_seconds",
            "Seconds from an article's first sight by the poller to its alert being delivered.",
            ["destination_kind"], buckets=LATENCY_BUCKETS, registry=r)
        self.kafka_send_errors = Counter(
            "watchfloor_kafka_send_errors", "Produce calls that failed or timed out, by topic.", ["topic"],
            registry=r)
        self.consumer_rereads = Counter(
            "watchfloor_consumer_rereads", "Partitions read again from the committed offset because an event "
            "there was never processed (Faust recovery race), by pipeline topic.", ["stage"], registry=r)
        self.build_info = Gauge("watchfloor_build_info", "Always 1; the version as a label.", ["version"],
                                registry=r)
        self.build_info.labels(__version__).set(1)
        self.faust_event_runtime = Histogram(
            "watchfloor_faust_event_runtime_seconds", "Time an agent spent on one event (Faust's sensor).",
            buckets=STAGE_BUCKETS, registry=r)
        self._freshness = _FeedFreshness()
        r.register(self._freshness)
        for label in ("2xx", "3xx", "4xx", "5xx", "error"):
            self.feed_fetches.labels(label)

    def feed_label(self, feed_url: str) -> str:
        """The feed URL as a label, or ``other`` past the bound."""
        known = self._freshness.last_success
        if feed_url in known or len(known) < MAX_LABELLED_FEEDS:
            return feed_url
        return "other"

    def feed_succeeded(self, feed_url: str, when: float | None = None) -> None:
        self._freshness.last_success[self.feed_label(feed_url)] = when or time.time()

    def forget_feed(self, feed_url: str) -> None:
        self._freshness.last_success.pop(feed_url, None)
