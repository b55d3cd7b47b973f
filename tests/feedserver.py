"""A real HTTP server on 127.0.0.1 for tests: serves fixture files, scripted responses and faults."""

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
    delay_s: float = 0.0  # before the status line
    gzip: bool = False
    drip_s: float = 0.0  # pause between chunks of the body (a slow-loris server)
    drip_bytes: int = 1024  # the chunk size when dripping
    no_length: bool = False  # no Content-Length: the body ends when the connection closes
    # Conditional GET: answer 304 when the request's If-None-Match equals this ETag.
    etag: str | None = None
    # The body's last byte waits until this is set (a feed held in flight while a test acts).
    hold: threading.Event | None = None


class _Server(http.server.ThreadingHTTPServer):
    # The default listen backlog of 5 drops connections when a run opens dozens at once; the
    # client then waits for SYN retransmits (1 s, 3 s, 7 s), which looks like a slow server.
    request_queue_size = 256
    daemon_threads = True
    # stop() must not wait for handlers still sleeping in a route's delay (a test that kills a
    # client mid-request left 60 s delays running, and the suite waited for them at teardown).
    block_on_close = False


class FeedServer:
    """Add routes with `add(path, ...)`/`add_file(path, file)`; `url(path)` gives the full URL.

    `hits` counts requests per path and `requests` keeps (path, headers, monotonic time) so
    tests can check conditional GETs and politeness. `host` may be another loopback address
    (127.0.0.2, ...) so that tests and benchmarks can have several "hosts".
    """

    def __init__(self, host: str = "127.0.0.1"):
        self.routes: dict[str, Route] = {}
        self.hits: Counter = Counter()
        self.requests: list[tuple[str, dict, float]] = []
        self.lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                path = self.path
                with server.lock:
                    server.hits[path] += 1
                    server.requests.append((path, dict(self.headers), time.monotonic()))
                route = server.routes.get(path)
                if route is None:
                    route = Route(b"not found", 404)
                if route.delay_s:
                    time.sleep(route.delay_s)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = gzip.compress(route.body, 1) if route.gzip else route.body
                self.send_response(route.status)
                headers = {"Content-Type": "application/xml", **route.headers}
                if route.etag:
                    headers["ETag"] = route.etag
                if route.gzip:
                    headers.setdefault("Content-Encoding", "gzip")
                if route.no_length:
                    headers["Connection"] = "close"
                    self.close_connection = True
                else:
                    headers.setdefault("Content-Length", str(len(body)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    if route.hold is not None:
                        self.wfile.write(body[:-1])
                        self.wfile.flush()
                        route.hold.wait(120)
                        self.wfile.write(body[-1:])
                    elif route.drip_s:
                        step = route.drip_bytes
                        for i in range(0, len(body), step):
                            self.wfile.write(body[i : i + step])
                            self.wfile.flush()
                            time.sleep(route.drip_s)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = _Server((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str = b"", **kw) -> str:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = Route(body=body, **kw)
        return self.url(path)

    def add_file(self, path: str, file: Path, **kw) -> str:
        return self.add(path, Path(file).read_bytes(), **kw)

    def redirect(self, path: str, target: str, status: int = 301) -> str:
        return self.add(path, b"", status=status, headers={"Location": target})

    def start(self) -> FeedServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def rss(
    items: list[dict],
    *,
    title: str = "Testflöde",
    encoding: str = "utf-8",
    declare: str | None = None,
    link: str = "https://exempel.se/",
) -> bytes:
    """A small RSS 2.0 document; each item dict may have title, link, guid, date, text, author."""
    parts = [
        f'<?xml version="1.0" encoding="{declare or encoding}"?>\n<rss version="2.0"><channel>',
        f"<title>{title}</title><link>{link}</link><description>test</description>",
    ]
    for it in items:
        parts.append("<item>")
        for tag, key in (
            ("title", "title"),
            ("link", "link"),
            ("guid", "guid"),
            ("pubDate", "date"),
            ("description", "text"),
            ("author", "author"),
        ):
            if it.get(key) is not None:
                parts.append(f"<{tag}>{it[key]}</{tag}>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode(encoding)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol "lol">\n'
    + b"".join(
        b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b']>\n<rss version="2.0"><channel><title>&lol9;</title>'
    b"<item><title>x</title><link>https://exempel.se/x</link></item></channel></rss>"
)

HTML_PAGE = (
    b'<!DOCTYPE html>\n<html lang="sv"><head><title>Bloggen</title>'
    b'<link rel="alternate" type="application/rss+xml" title="Fl\xc3\xb6de" href="/feed/">'
    b"</head><body><h1>V\xc3\xa4lkommen</h1></body></html>"
)
