"""Feed state kept in the data directory, for the embedded broker, which forgets everything.

Written atomically (temp file + rename) every few seconds and on shutdown; read once at start
and replayed as ``restore`` commands. With Apache Kafka the registry's changelog is the
source of truth and this file is not used.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FILENAME = "feeds.json"


def save_snapshot(data_dir: Path, states: list[dict[str, Any]]) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / FILENAME
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"version": 1, "feeds": states}, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def load_snapshot(data_dir: Path) -> list[dict[str, Any]]:
    path = data_dir / FILENAME
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        feeds = data["feeds"]
        return [f for f in feeds if isinstance(f, dict) and isinstance(f.get("url"), str)]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        # a corrupt snapshot costs the history (the backfill window then applies), not the service
        log.error("feed snapshot %s unreadable, starting without it: %s", path, exc)
        return []
