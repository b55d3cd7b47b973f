"""ingest/fetch.py on the wire: keep-alive, URLs as configured, broken HTTP, chunked caps, TLS, proxies."""

from __future__ import annotations

import asyncio
import gc
import gzip
import socket
import ssl
import threading
import warnings
from pathlib import Path

import pytest
from sqlalchemy import select

from ingest import fetch as fetch_mod
from ingest.fetch import Fetcher, FetchRequest, fetch_all
from koll.config import FetchSettings, load_settings
from tests.feedserver import FeedServer, rss

FEED = rss([{"title": "Hej", "link": "https://exempel.se/a", "text": "åäö"}])
FAST = FetchSettings(
    timeout_s=1.0,
    feed_budget_s=3.0,
    per_host_gap_s=0.0,
    per_host_concurrency=4,
    max_bytes=200_000,
    max_decompressed_bytes=1_000_000,
)
TLS = Path(__file__).parent / "fixtures" / "tls"


def fetch(url: str, settings: FetchSettings = FAST, **kw):
    async def go():
        async with Fetcher(settings) as f:
            return await f.fetch(FetchRequest(1, url, **kw))

    return asyncio.run(go())


def count_connections(server: FeedServer) -> list[int]:
    """Wrap the server's accept so that the returned one-element list counts TCP connections."""
    count = [0]
    accept = server.httpd.get_request

    def counting():
        conn = accept()
        count[0] += 1
        return conn

    server.httpd.get_request = counting
    return count


def chunked(body: bytes, size: int = 4096) -> bytes:
    return (
        b"".join(
            b"%x\r\n%s\r\n" % (len(c), c)
            for c in (body[i : i + size] for i in range(0, len(body), size))
        )
        + b"0\r\n\r\n"
    )


class RawServer:
    """A socket server on 127.0.0.1 that answers each path with scripted bytes, then closes.

    For what an HTTP library will not send: broken status lines and headers, truncated bodies,
    hand-made chunked encoding, Latin-1 header bytes. `requests` keeps each raw request head.
    """

    def __init__(self):
        self.routes: dict[str, bytes] = {}
        self.requests: list[bytes] = []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def add(self, path: str, response: bytes) -> str:
        self.routes[path] = response
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return  # closed by stop()
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            head = b""
            try:
                while b"\r\n\r\n" not in head:
                    data = conn.recv(4096)
                    if not data:
                        return
                    head += data
                self.requests.append(head)
                path = head.split(b" ", 2)[1].decode()
                conn.sendall(
                    self.routes.get(path, b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                )
                conn.shutdown(socket.SHUT_WR)
            except OSError:
                pass  # the client gave up mid-body (size caps): expected

    def stop(self) -> None:
        self.sock.close()


@pytest.fixture
def raw_server():
    server = RawServer()
    yield server
    server.stop()


def test_keep_alive_after_304_errors_and_redirects(feed_server):
    """Every answer that has no body we want is still read to its end, so connections are reused."""
    conns = count_connections(feed_server)
    for i in range(10):
        feed_server.add(f"/c{i}", FEED, etag=f'"v{i}"')
    # Error and redirect pages with bodies of real sizes (an HTML 404 page is often 10-50 KB).
    for i in range(5):
        feed_server.add(f"/missing{i}", b"<html>" + b"x" * 30_000, status=404)
    feed_server.add("/moved", b"<html>" + b"y" * 3_000, status=301, headers={"Location": "/c0"})
    settings = FetchSettings(per_host_concurrency=2, per_host_gap_s=0, concurrency=2)
    reqs = [FetchRequest(i, feed_server.url(f"/c{i}"), etag=f'"v{i}"') for i in range(10)]
    reqs += [FetchRequest(10 + i, feed_server.url(f"/missing{i}")) for i in range(5)]
    reqs += [FetchRequest(20 + i, feed_server.url("/moved")) for i in range(3)]
    reqs += [FetchRequest(30 + i, feed_server.url(f"/c{i}")) for i in range(3)]  # 200s
    results = asyncio.run(fetch_all(reqs, settings))
    outcomes = [r.outcome for r in results]
    assert outcomes == ["not_modified"] * 10 + ["error"] * 5 + ["ok"] * 6
    assert len(feed_server.requests) == 24  # 10 + 5 + 3 redirects and their targets + 3
    # Two fetches at a time: two connections carry all 24 requests (httpx opened one per 304).
    assert conns[0] <= 2


@pytest.mark.parametrize(
    ("configured", "on_the_wire"),
    [
        # Already valid: byte for byte, escapes kept in their case, even unreserved ones.
        ("/enc/%7Euser/%2fx%2F;p?q=%c3%a5&a=b%20c", "/enc/%7Euser/%2fx%2F;p?q=%c3%a5&a=b%20c"),
        # Non-ASCII path and query: UTF-8 escapes, existing escapes kept.
        ("/flöde/åäö.xml?q=ö&r=%20", "/fl%C3%B6de/%C3%A5%C3%A4%C3%B6.xml?q=%C3%B6&r=%20"),
        # Characters a URL may not carry raw, and a "%" that starts no escape.
        ("/a b/c|d/100%/x", "/a%20b/c%7Cd/100%25/x"),
        # The fragment stays on the client.
        ("/frag.xml#top", "/frag.xml"),
    ],
)
def test_urls_are_requested_as_configured(feed_server, configured, on_the_wire):
    feed_server.add(on_the_wire, FEED)
    res = fetch(feed_server.url(configured))
    assert res.outcome == "ok", res.error
    assert feed_server.requests[-1][0] == on_the_wire


def test_idn_host_and_proxy_from_environment(feed_server, monkeypatch):
    """HTTP_PROXY is honoured (the feed server plays the proxy), host names go out in IDNA form."""
    for name in ("HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", feed_server.base)
    # A proxy sees the absolute URL in the request line.
    feed_server.add("http://xn--flde-6qa.example/f%C3%B6rsta.xml", FEED)
    res = fetch("http://flöde.example/första.xml")
    assert res.outcome == "ok" and res.body == FEED, res.error
    path, headers, _ = feed_server.requests[-1]
    assert path == "http://xn--flde-6qa.example/f%C3%B6rsta.xml"
    assert headers["Host"] == "xn--flde-6qa.example"
    # NO_PROXY is honoured too: with a dead proxy configured, the direct fetch still works.
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    assert fetch(feed_server.add("/direct", FEED)).outcome == "ok"
    monkeypatch.delenv("NO_PROXY")
    res = fetch(feed_server.url("/direct"))
    assert res.outcome == "error" and "cannot connect to 127.0.0.1:9" in res.error


@pytest.mark.parametrize(
    ("url", "phrase"),
    [
        ("ftp://exempel.se/feed", "not an http(s) URL"),
        ("http://exempel.se:99999/feed", "Port out of range"),
        ("http:///feed", "no host"),
        ("http://[::1/feed", "IPv6"),
    ],
)
def test_invalid_urls_are_hard_errors(url, phrase):
    res = fetch(url)
    assert res.outcome == "error" and not res.soft and phrase in res.error


BROKEN = {
    "/garbage": (b"HELLO WORLD\r\n\r\n", "malformed HTTP response: Bad status line"),
    "/status": (b"HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n", "Invalid status code"),
    "/header": (
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nThis is not a header\r\n\r\nhello",
        "malformed HTTP response: Invalid header token",
    ),
    "/nul": (b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: a\x00b\r\n\r\nhello", "malformed"),
    "/two-lengths": (
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
        "Duplicate Content-Length",
    ),
    "/bad-chunk": (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
        "chunk size",
    ),
    "/cut-head": (b"HTTP/1.1 200 OK\r\nContent-Len", "closed the connection"),
    "/nothing": (b"", "closed the connection"),
    "/cut-body": (
        b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\nhello",
        "incomplete response body: Not enough data",
    ),
    "/not-gzip": (
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Encoding: gzip\r\n\r\nhello",
        "cannot decompress the body",
    ),
}


@pytest.mark.parametrize("path", list(BROKEN))
def test_broken_http_is_a_clear_error(raw_server, path):
    response, phrase = BROKEN[path]
    res = fetch(raw_server.add(path, response))
    assert res.outcome == "error" and res.soft, res
    assert phrase in res.error and "\n" not in res.error and len(res.error) < 200


@pytest.mark.parametrize(
    "response",
    [
        b"HTTP/1.1 200 OK\nContent-Length: 5\n\nhello",  # bare LF line ends
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: a\r\n  b\r\n\r\nhello",  # folded header
        b"HTTP/1.1 200\r\nContent-Length: 5\r\n\r\nhello",  # no reason phrase
        b"HTTP/1.0 200 OK\r\n\r\nhello",  # HTTP/1.0, the body ends with the connection
        # A 20 KB header: over aiohttp's default 8 KB line limit, real servers send such Links.
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nLink: <" + b"x" * 20_000 + b">\r\n\r\nhello",
    ],
)
def test_sloppy_but_readable_http_is_read(raw_server, response):
    res = fetch(raw_server.add("/sloppy", response))
    assert res.outcome == "ok" and res.body == b"hello", res.error


def test_chunked_bodies_are_capped_while_streaming(raw_server):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nTransfer-Encoding: chunked\r\n"
    res = fetch(raw_server.add("/ok", head + b"\r\n" + chunked(FEED, 7)))
    assert res.outcome == "ok" and res.body == FEED
    # No Content-Length to refuse up front: the cap stops the stream.
    res = fetch(raw_server.add("/big", head + b"\r\n" + chunked(b"<rss>" + b"a" * 500_000)))
    assert res.outcome == "error" and "too large: over 200,000 bytes" in res.error
    bomb = gzip.compress(b"<" + b"\0" * 5_000_000)
    res = fetch(raw_server.add("/bomb", head + b"Content-Encoding: gzip\r\n\r\n" + chunked(bomb)))
    assert res.outcome == "error" and "compression bomb" in res.error


def test_latin1_validators_are_kept_readable_and_not_sent_back(raw_server):
    url = raw_server.add(
        "/latin1",
        b'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nETag: "fl\xf6de"\r\n'
        b"Last-Modified: Mon, 02 Nov 2026 10:00:00 GMT\r\n\r\nhello",
    )
    first = fetch(url)
    assert first.outcome == "ok" and first.etag == '"flöde"'
    again = fetch(url, etag=first.etag, last_modified=first.last_modified)
    assert again.outcome == "ok"
    head = raw_server.requests[-1].decode("latin-1").lower()
    assert "if-none-match" not in head and "if-modified-since: mon, 02 nov 2026" in head


def test_ingest_records_broken_http_and_goes_on(raw_server, feed_server, write_config, tmp_path):
    # Imported here: the fetch tests above need nothing of the pipeline.
    from ingest.run import ingest_once
    from koll.store import Store
    from koll.store.schema import feeds

    good = feed_server.add("/good", FEED)
    garbage = raw_server.add("/garbage", BROKEN["/garbage"][0])
    body = FEED
    latin1 = raw_server.add(
        "/latin1",
        b'HTTP/1.1 200 OK\r\nContent-Length: %d\r\nETag: "\xe5"\r\n\r\n%s' % (len(body), body),
    )
    config = write_config(
        f'[storage]\nurl = "sqlite:///{tmp_path / "k.db"}"\n[[brands]]\nname = "Fjällkraft"\n'
        "[fetch]\ntimeout_s = 2\nper_host_gap_s = 0\n"
        + "".join(f'[[feeds]]\nurl = "{u}"\n' for u in (good, garbage, latin1))
    )
    settings = load_settings(config)
    report = ingest_once(settings=settings)
    assert report.feeds_ok == 2 and set(report.errors) == {garbage}
    assert "malformed HTTP response" in report.errors[garbage]
    store = Store(settings.database_url)
    with store.connect() as c:
        rows = {r.config_url: r for r in c.execute(select(feeds))}
    store.close()
    assert "malformed HTTP response: Bad status line" in rows[garbage].last_error
    assert rows[latin1].etag == '"å"'
    second = ingest_once(settings=settings, all_feeds=True)
    assert second.feeds_ok == 2 and second.new_items == 0


@pytest.fixture
def https_server():
    server = FeedServer()
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(TLS / "localhost.crt", TLS / "localhost.key")
    server.httpd.socket = ctx.wrap_socket(server.httpd.socket, server_side=True)
    # A rejected handshake fails in the server's accept; keep its traceback out of the output.
    server.httpd.handle_error = lambda *a: None
    server.start()
    fetch_mod._ssl_context.cache_clear()
    yield server
    fetch_mod._ssl_context.cache_clear()
    server.stop()


def test_tls_untrusted_is_soft_and_trusted_works(https_server, monkeypatch):
    url = https_server.add("/tls", FEED).replace("http://", "https://")
    res = fetch(url)
    assert res.outcome == "error" and res.soft
    assert "cannot connect to 127.0.0.1" in res.error and "CERTIFICATE_VERIFY_FAILED" in res.error
    # Trusted through SSL_CERT_FILE (as httpx honoured it): fetched over TLS.
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS / "localhost.crt"))
    fetch_mod._ssl_context.cache_clear()
    res = fetch(url)
    assert res.outcome == "ok" and res.body == FEED, res.error


def test_http_and_https_mixed_up_are_named(https_server, feed_server):
    # "cannot connect to …: ConnectionResetError" and "ClientOSError: [Errno 104] Connection
    # reset by peer" named neither TLS nor the address's scheme (QA, 2026-12-07).
    plain = fetch(feed_server.add("/p", FEED).replace("http://", "https://"))
    assert plain.outcome == "error" and "is the feed's address http://?" in plain.error, plain
    tls = fetch(https_server.add("/t", FEED))  # an http:// address of a TLS-only server
    assert tls.outcome == "error" and "is the feed's address https://?" in tls.error, tls


def test_sessions_are_closed(feed_server):
    """No 'Unclosed client session' / connector warnings, with or without `async with`."""
    url = feed_server.add("/f", FEED)

    async def without_context_manager():
        f = Fetcher(FAST)
        try:
            return await f.fetch(FetchRequest(1, url))
        finally:
            await f.aclose()

    # What earlier tests in this worker process left for the collector (a socket, a file) would
    # warn inside the block below and fail this test now and then under -n 2: collected first.
    gc.collect()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert fetch(url).outcome == "ok"
        assert asyncio.run(without_context_manager()).outcome == "ok"
        gc.collect()
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)], [
        str(w.message) for w in caught
    ]
