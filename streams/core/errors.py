"""The one exception tree of watchfloor.

::

    WatchfloorError                  root; ``retriable`` says whether trying again may help
    ├── ConfigError                  bad settings, feed list, rule pack or gazetteer (not retriable)
    ├── FetchError                   one feed or page could not be fetched
    │   ├── BlockedAddressError      SSRF guard refused the address (not retriable)
    │   ├── HTTPStatusError          non-2xx answer; retriable for 408/425/429/5xx
    │   ├── BodyTooLargeError        body over the cap after decompression (not retriable)
    │   ├── FetchTimeoutError        connect/read/total timeout (retriable)
    │   └── NetworkError             DNS, refused, reset, TLS (retriable)
    ├── ParseError                   bytes are not a usable feed (not retriable)
    ├── DeliveryError                an alert could not be delivered
    │   ├── PermanentDeliveryError   400/401/403/404/410...: do not retry (not retriable)
    │   └── TransientDeliveryError   5xx, 429, timeouts: retry with backoff (retriable)
    └── BrokerError                  the broker did not start or answer in time (retriable)

Every error carries ``kind``: a short, bounded string used as a metric label.
"""

from __future__ import annotations


class WatchfloorError(Exception):
    retriable: bool = False
    kind: str = "error"

    def __init__(self, message: str, *, retriable: bool | None = None, kind: str | None = None):
        super().__init__(message)
        if retriable is not None:
            self.retriable = retriable
        if kind is not None:
            self.kind = kind


class ConfigError(WatchfloorError):
    kind = "config"


class FetchError(WatchfloorError):
    kind = "fetch"
    retriable = True


class BlockedAddressError(FetchError):
    kind = "blocked_address"
    retriable = False


class HTTPStatusError(FetchError):
    kind = "http_status"

    def __init__(self, message: str, *, status: int, retry_after: float | None = None):
        retriable = status in (408, 425, 429) or status >= 500
        super().__init__(message, retriable=retriable, kind=f"http_{status // 100}xx")
        self.status = status
        self.retry_after = retry_after


class BodyTooLargeError(FetchError):
    kind = "body_too_large"
    retriable = False


class FetchTimeoutError(FetchError):
    kind = "timeout"
    retriable = True


class NetworkError(FetchError):
    kind = "network"
    retriable = True


class ParseError(WatchfloorError):
    kind = "parse"
    retriable = False


class DeliveryError(WatchfloorError):
    kind = "delivery"


class PermanentDeliveryError(DeliveryError):
    kind = "permanent"
    retriable = False


class TransientDeliveryError(DeliveryError):
    kind = "transient"
    retriable = True

    def __init__(self, message: str, *, retry_after: float | None = None, kind: str | None = None):
        super().__init__(message, kind=kind)
        self.retry_after = retry_after


class BrokerError(WatchfloorError):
    kind = "broker"
    retriable = True
