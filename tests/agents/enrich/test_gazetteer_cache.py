"""The gazetteer cache (agents/enrich/gazetteer_cache.py): a read gives what a build gives,
any change to what the build reads makes a new build, and nothing about the cache can stop a
start. No timings here: bench/bench_start.py measures them."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from agents.enrich import places
from agents.enrich.entities import Extractor
from agents.enrich.gazetteer import Gazetteer
from agents.enrich.gazetteer_cache import cache_key, load_gazetteer
from agents.enrich.nlp import RuleTier
from streams.core.errors import ConfigError

REAL = Path(__file__).parent / "eval" / "real.yaml"
LOGGER = "agents.enrich.gazetteer_cache"
OPERATOR_ENTRY = [{"id": "vehicle:test-rocket", "label": "VEHICLE", "names": ["Zorblax Nine"]}]


def _load(extra_dirs, cache_dir, caplog) -> tuple[Gazetteer, str]:
    """The gazetteer and how it came: "read", "built" or "unusable" (a damaged file, rebuilt)."""
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        gaz = load_gazetteer(extra_dirs, cache_dir)
    said = " ".join(r.getMessage() for r in caplog.records if r.name == LOGGER)
    how = "unusable" if "unusable" in said else "read" if "read from" in said else "built"
    return gaz, how


def _cache_files(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("gazetteer-*.pickle"))


@pytest.fixture(scope="module")
def built_and_read(tmp_path_factory):
    cache_dir = tmp_path_factory.mktemp("cache")
    built = load_gazetteer((), cache_dir)
    return built, load_gazetteer((), cache_dir), cache_dir


def test_a_read_gazetteer_finds_what_a_built_one_finds_in_real_news(built_and_read):
    built, read, _ = built_and_read
    assert read is not built and read.entries == built.entries
    assert read.state() == built.state()  # every name's variants, in the order they are tried
    items = [i for i in yaml.safe_load(REAL.read_text(encoding="utf-8")) if i.get("split") == "dev"]
    assert len(items) > 1000
    fresh, cached = Extractor(built, RuleTier()), Extractor(read, RuleTier())
    for item in items:
        text = f"{item.get('title', '')}\n\n{item.get('text', '')}"
        assert cached.extract(text) == fresh.extract(text), item.get("url")


def test_a_new_worker_reads_the_capitals_too_without_parsing_geonames(built_and_read):
    # a process of its own, as a worker start: the capitals come from the file, not from GeoNames
    _, _, cache_dir = built_and_read
    code = ("import json, sys; from pathlib import Path\n"
            "from agents.enrich import places\n"
            "from agents.enrich.gazetteer_cache import load_gazetteer\n"
            "gaz = load_gazetteer((), Path(sys.argv[1]))\n"
            "print(json.dumps([places.place_entries.cache_info().currsize, places.capital_countries(),"
            " len(gaz.entries)]))\n")
    out = subprocess.run([sys.executable, "-c", code, str(cache_dir)], capture_output=True, text=True, check=True)
    parsed, capitals, n_entries = yaml.safe_load(out.stdout)
    assert parsed == 0
    assert capitals == places.capital_countries() and capitals["city:1871859"] == "country:KP"  # Pyongyang
    assert n_entries == len(built_and_read[0].entries)


def test_a_changed_or_added_operator_file_is_a_new_build(tmp_path, caplog):
    ops, cache_dir = tmp_path / "gazetteer", tmp_path / "cache"
    ops.mkdir()
    (ops / "mine.yaml").write_text(yaml.safe_dump(OPERATOR_ENTRY))
    gaz, how = _load([ops], cache_dir, caplog)
    assert how == "built" and gaz.lookup("Zorblax Nine").id == "vehicle:test-rocket"
    assert _load([ops], cache_dir, caplog)[1] == "read"

    # the same size, one letter changed: the content decides, not the size or the time
    (ops / "mine.yaml").write_text(yaml.safe_dump(OPERATOR_ENTRY).replace("Zorblax", "Zorblex"))
    gaz, how = _load([ops], cache_dir, caplog)
    assert how == "built" and gaz.lookup("Zorblax Nine") is None and gaz.lookup("Zorblex Nine") is not None

    (ops / "more.yaml").write_text(yaml.safe_dump([{"id": "org:quux", "label": "ORG", "names": ["Quuxworks"]}]))
    gaz, how = _load([ops], cache_dir, caplog)
    assert how == "built" and gaz.lookup("Quuxworks").id == "org:quux"
    # without the operator dir: the packaged gazetteer, its own file
    gaz, how = _load([], cache_dir, caplog)
    assert gaz.lookup("Quuxworks") is None


def test_the_key_covers_data_files_dirs_and_order(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "x.yaml").write_text(yaml.safe_dump(OPERATOR_ENTRY))
    assert cache_key([a]) != cache_key([])
    assert cache_key([b]) == cache_key([]) and cache_key([a, b]) == cache_key([a])  # an empty dir reads nothing
    (b / "y.yaml").write_text("[]\n")
    assert cache_key([a, b]) != cache_key([b, a])


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "writable by others"])
def test_a_damaged_cache_file_is_rebuilt_and_replaced(built_and_read, tmp_path, caplog, damage):
    built, _, shared = built_and_read
    good = _cache_files(shared)[0]
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    path = cache_dir / good.name
    body = good.read_bytes()
    path.write_bytes({"garbage": body[:90] + b"\x80\x05not a pickle at all",
                      "truncated": body[: len(body) // 2],
                      "foreign": b"watchfloor-gazetteer\n" + b"0" * 64 + b"\n" + body[86:],
                      "writable by others": body}[damage])
    path.chmod(0o666 if damage == "writable by others" else 0o600)
    gaz, how = _load((), cache_dir, caplog)
    assert how == "unusable" and gaz.entries == built.entries
    assert [r.levelname for r in caplog.records if "unusable" in r.getMessage()] == ["WARNING"]
    assert _load((), cache_dir, caplog)[1] == "read"  # replaced by a good one
    assert not list(cache_dir.glob(".gazetteer-*"))  # no temporary file left


def test_an_unwritable_cache_dir_still_starts(built_and_read, tmp_path, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    gaz, how = _load((), blocker / "cache", caplog)  # cannot be created, even by root
    assert how == "built" and gaz.entries == built_and_read[0].entries
    assert any("cannot write" in r.getMessage() and r.levelname == "WARNING" for r in caplog.records)


def test_an_unreadable_gazetteer_file_is_the_builds_config_error(tmp_path):
    ops = tmp_path / "gazetteer"
    (ops / "bad.yaml").mkdir(parents=True)  # a directory: unreadable as a file, even by root
    with pytest.raises(ConfigError, match="bad.yaml: cannot read"):
        load_gazetteer([ops], tmp_path / "cache")
    with pytest.raises(ConfigError, match="does not exist"):
        load_gazetteer([tmp_path / "nowhere"], tmp_path / "cache")


def test_no_cache_dir_builds(built_and_read):
    assert load_gazetteer((), None).entries == built_and_read[0].entries


def test_capitals_are_known_once(monkeypatch):
    monkeypatch.setattr(places, "_capitals", None)
    places.know_capital_countries({"city:1": "country:XX"})
    places.know_capital_countries({"city:2": "country:YY"})  # a second read does not replace the first
    assert places.capital_countries() == {"city:1": "country:XX"}
