"""A feed and a webhook receiver on 127.0.0.1, for trying watchfloor with no internet.

    python3 docs/trial/trial_server.py [PORT]      # default 8000

GET /feed.xml serves docs/trial/feed.xml dated now; POST /hook prints each alert it
receives in one line (time, kind, topic, severity, sources, title). Standard library only.
"""

from __future__ import annotations

import json
import sys
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FEED = Path(__file__).with_name("feed.xml")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path != "/feed.xml":
            self.send_error(404)
            return
        body = FEED.read_text().replace("{now}", formatdate(time.time(), usegmt=True)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # noqa: N802
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(204 if self.path == "/hook" else 404)
        self.end_headers()
        try:
            alert = json.loads(raw).get("data", {})
        except ValueError:
            alert = {}
        print(time.strftime("%H:%M:%S"), "ALERT", alert.get("kind"), alert.get("topic"), alert.get("severity"),
              f"{alert.get('sources')} source(s):", alert.get("title"), flush=True)

    def log_message(self, format: str, *args: object) -> None:  # quiet: only alerts are printed
        pass


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8000
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"feed at http://127.0.0.1:{port}/feed.xml, webhook receiver at http://127.0.0.1:{port}/hook", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
