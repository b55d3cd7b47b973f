"""A real HTTP server on 127.0.0.1 for tests: serves fixture files and scripted responses."""

from __future__ import annotations

import gzip
import http.server
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    gzip: bool = False


class FeedServer:
    """Add routes with `add(path, ...)`/`add_file(path, file)`; `url(path)` gives the full URL.

    `hits` counts requests per path and `requests` keeps (path, headers) so tests can check
    conditional GETs and politeness.
    """

    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.hits: Counter = Counter()
        self.requests: list[tuple[str, dict]] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                path = self.path
                server.hits[path] += 1
                server.requests.append((path, dict(self.headers)))
                route = server.routes.get(path)
                if route is None:
                    route = Route(b"not found", 404)
                if route.delay_s:
                    time.sleep(route.delay_s)
                body = gzip.compress(route.body) if route.gzip else route.body
                self.send_response(route.status)
                headers = {"Content-Type": "application/xml", **route.headers}
                if route.gzip:
                    headers["Content-Encoding"] = "gzip"
                headers.setdefault("Content-Length", str(len(body)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str = b"", **kw) -> str:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = Route(body=body, **kw)
        return self.url(path)

    def add_file(self, path: str, file: Path, **kw) -> str:
        return self.add(path, Path(file).read_bytes(), **kw)

    def start(self) -> FeedServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
