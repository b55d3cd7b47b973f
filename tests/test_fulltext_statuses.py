"""Which failed full-text pages are asked for again: one list, in the code, the fetched pages and the docs.

Review: the retried statuses were listed four ways ("404, 408, 429, 5xx" in the README, with
425 in docs/config.md, "404, 429 or 5xx" in koll/store/page_retries.py). ingest/fulltext.py
names them once (RETRIED_STATUSES, and any 5xx); pages answering each status from
tests/feedserver.py, a redirect without Location, a TLS handshake with a plain HTTP server and
an answer that is not HTTP wait or not as it says, and the four texts name the same list.
"""

from __future__ import annotations

import asyncio
import re
import socket
import threading
from datetime import UTC, datetime
from pathlib import Path
from urllib.robotparser import RobotFileParser

import pytest

from ingest import fulltext
from ingest.fetch import Fetcher
from koll.config import FetchSettings
from koll.store import page_retries
from koll.store.records import Item
from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
STATUSES = [400, 401, 403, 404, 405, 408, 410, 418, 425, 429, 451, 500, 502, 503, 504, 599]


def _item(url: str) -> Item:
    when = datetime(2026, 11, 9, 8, tzinfo=UTC)
    return Item(url, url, None, "Nyhet", "Fjällkraft bygger …", when, False, None, "s", "news")


def _not_http() -> tuple[socket.socket, str]:
    """A server that answers every connection with bytes that are not HTTP, and its URL."""
    srv = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                conn, _ = srv.accept()
            except OSError:
                return
            conn.recv(4096)
            conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    return srv, f"http://127.0.0.1:{srv.getsockname()[1]}/page"


async def _waiting(urls: list[str]) -> set[str]:
    """The urls whose pages wait after fill_teasers asked for them once (robots.txt allowing all)."""
    settings = FetchSettings(per_host_gap_s=0, timeout_s=1, fulltext_max_pages=100)
    pages = fulltext.Pages.of(settings)
    async with Fetcher(settings) as fetcher:
        robots = fulltext.RobotsCache(fetcher)
        for u in urls:
            rp = RobotFileParser()
            rp.parse([])
            robots.rules[fulltext._root(u)] = rp
        items = [_item(u) for u in urls]
        await fulltext.fill_teasers(fetcher, items, settings, robots, pages=pages)
    return set(pages.waits)


def test_a_page_waits_after_the_listed_statuses_and_failures_that_may_pass(feed_server):
    if not fulltext.available():
        skip_or_fail("full-text tests need trafilatura: pip install -e '.[dev]'")
    s = feed_server
    for code in STATUSES:
        s.add(f"/s/{code}", b"fel", status=code)
    s.add("/no-location", b"", status=302)
    srv, garbage = _not_http()
    try:
        tls = s.url("/s/200").replace("http://", "https://")
        urls = [s.url(f"/s/{c}") for c in STATUSES] + [s.url("/no-location"), tls, garbage]
        waits = asyncio.run(_waiting(urls))
    finally:
        srv.close()
    retried = [c for c in STATUSES if c in fulltext.RETRIED_STATUSES or c >= 500]
    expected = {s.url(f"/s/{c}") for c in retried} | {s.url("/no-location"), tls, garbage}
    assert waits == expected
    assert retried == [404, 408, 425, 429, 500, 502, 503, 504, 599]


def _paragraph(text: str, start: str) -> str:
    i = text.index(start)
    return text[i : text.index("\n\n", i)]


@pytest.mark.parametrize(
    "where",
    ["README.md", "docs/config.md", "ingest/fulltext.py", "koll/store/page_retries.py"],
)
def test_the_docs_name_the_one_list_of_retried_statuses(where):
    """Each text that says which failed pages are asked for again names RETRIED_STATUSES and
    5xx, in that order, and no other list starting with 404."""
    text = {
        "README.md": lambda: _paragraph(
            (ROOT / "README.md").read_text(encoding="utf-8"), "**Full text of teaser feeds.**"
        ),
        "docs/config.md": lambda: _paragraph(
            (ROOT / "docs/config.md").read_text(encoding="utf-8"),
            "A full-text page that fails in a way that may pass",
        ),
        "ingest/fulltext.py": lambda: fulltext.__doc__ or "",
        "koll/store/page_retries.py": lambda: page_retries.__doc__ or "",
    }[where]()
    flat = " ".join(text.replace("`", "").split())
    named = ", ".join(map(str, fulltext.RETRIED_STATUSES)) + " or 5xx"
    assert named in flat
    lists = re.findall(r"\b404(?:(?:,| or| and) (?:\d{3}|5xx)\b)+", flat)
    assert lists and set(lists) == {named}
