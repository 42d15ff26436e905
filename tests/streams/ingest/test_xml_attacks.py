"""What feedparser 6.0.14 + the installed expat really do with hostile XML.

Each parse runs in a child process under RLIMIT_AS, so a parser that inflates a bomb dies
of MemoryError in the child instead of taking the test run down. The findings are written
up in streams/ingest/xmlguard.py's docstring.
"""

from __future__ import annotations

import json
import pyexpat
import secrets
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from streams.core.errors import ParseError
from streams.ingest.xmlguard import reject_dangerous_xml
from tests.support import FIXTURES

HOSTILE = FIXTURES / "hostile"
MEMORY_LIMIT = 768 * 1024 * 1024

CHILD = r"""
import io, json, resource, sys
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
import feedparser
data = sys.stdin.buffer.read()
src = data if sys.argv[2] == "bytes" else io.BytesIO(data)
try:
    r = feedparser.parse(src)
except MemoryError:
    print(json.dumps({"memory_error": True}))
    sys.exit(0)
texts = [r.feed.get("title", ""), r.feed.get("subtitle", "")]
for e in r.entries:
    texts += [e.get("title", ""), e.get("summary", "")]
print(json.dumps({
    "memory_error": False,
    "bozo": bool(r.bozo),
    "exception": repr(r.get("bozo_exception"))[:200],
    "text": "\n".join(t[:10000] for t in texts),
    "text_len": sum(len(t) for t in texts),
    "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
}))
"""


def parse_in_child(data: bytes, mode: str = "stream") -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(MEMORY_LIMIT), mode],
        input=data, capture_output=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    return json.loads(proc.stdout)


@pytest.fixture
def secret_file(tmp_path):
    marker = "SECRET-" + secrets.token_hex(8)
    path = tmp_path / "secret.txt"
    path.write_text(marker + "\n")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak SYSTEM "file://{path}">\n')
    return marker, path, dtd


def hostile(name: str, secret_path: Path | None = None, dtd_path: Path | None = None) -> bytes:
    data = (HOSTILE / name).read_bytes()
    if secret_path:
        data = data.replace(b"@SECRET_PATH@", str(secret_path).encode())
    if dtd_path:
        data = data.replace(b"@DTD_PATH@", str(dtd_path).encode())
    return data


def test_expat_has_billion_laughs_protection():
    # expat 2.4.0 added the amplification limit that stops billion laughs
    assert pyexpat.version_info >= (2, 4, 0), pyexpat.EXPAT_VERSION
    assert feedparser.__version__ == "6.0.14"  # findings below are for this version


@pytest.mark.parametrize("name", ["xxe_general.xml", "xxe_comment_bypass.xml", "xxe_parameter.xml"])
def test_xxe_does_not_read_local_files(name, secret_file):
    marker, path, dtd = secret_file
    out = parse_in_child(hostile(name, path, dtd))
    assert not out["memory_error"]
    assert marker not in out["text"]
    assert out["text"]  # the feed was parsed, just without the file


@pytest.mark.parametrize("name", ["billion_laughs.xml", "billion_laughs_comment_bypass.xml"])
def test_billion_laughs_is_bounded(name):
    out = parse_in_child(hostile(name))
    assert not out["memory_error"]
    assert out["text_len"] < 10 * 1024 * 1024  # 3 GB if expanded


def quadratic(entity_bytes: int, refs: int) -> bytes:
    return (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "' + b"A" * entity_bytes + b'">\n]>\n'
        b'<rss version="2.0"><channel><title>' + b"&a;" * refs + b"</title><link>http://example.com/</link></channel></rss>"
    )


def test_feedparser_alone_expands_a_quadratic_blowup():
    """The reason for streams.ingest.xmlguard: expat refuses, then feedparser's loose parser expands.

    If this starts failing, a newer feedparser stopped expanding "safe" entities and the
    guard may be revisited.
    """
    data = quadratic(10_000, 3_000)  # 40 KB in, 30 MB out
    out = parse_in_child(data)
    assert out["memory_error"] or out["text_len"] >= 10_000 * 3_000


def test_feedparser_reads_a_local_file_named_by_a_bytes_body(secret_file, tmp_path):
    """feedparser.parse(bytes) opens the bytes as a path when such a file exists."""
    marker, _, _ = secret_file
    feed = tmp_path / "local.xml"
    feed.write_text(f'<rss version="2.0"><channel><title>{marker}</title></channel></rss>')
    assert marker in parse_in_child(str(feed).encode(), mode="bytes")["text"]
    assert marker not in parse_in_child(str(feed).encode(), mode="stream")["text"]


@pytest.mark.parametrize(
    "data",
    [
        quadratic(10_000, 3_000),
        pytest.param(b"", id="billion_laughs"),
        pytest.param(b"", id="billion_laughs_comment_bypass"),
        pytest.param(b"", id="xxe_general"),
        pytest.param(b"", id="xxe_comment_bypass"),
        pytest.param(b"", id="xxe_parameter"),
    ],
)
def test_guard_refuses_every_hostile_sample(data, request):
    name = request.node.callspec.id
    if not data:
        data = hostile(name + ".xml", Path("/etc/hostname"), Path("/tmp/x.dtd"))
    with pytest.raises(ParseError) as info:
        reject_dangerous_xml(data, url="http://evil.example/feed")
    assert info.value.kind == "xml_dtd" and "http://evil.example/feed" in str(info.value)
