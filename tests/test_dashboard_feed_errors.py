"""Källor's feed health says a feed's last error in Swedish by kind, the message as ingest stored
it (English) on hover: the QA pass found "cannot connect to 127.0.0.1:33075: …" in the Swedish UI."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dashboard import data
from dashboard.feed_errors import error_cell, error_kind
from dashboard.pages import sources
from dashboard.params import Params
from koll.store.feeds import feed_ids_by_url, record_failure
from tests.browser.workspace import LAST_DAY, make_workspace
from tests.test_dashboard import find

# Messages as ingest stores them (ingest/fetch.py, ingest/parse.py, ingest/batch.py) and their kind.
STORED = [
    ("cannot connect to 127.0.0.1:33075: Connect call failed ('127.0.0.1', 33075)", "refused"),
    ("cannot connect to example.se:443: [Errno 111] Connection refused", "refused"),
    ("cannot connect to nosuch.example:443: Name or service not known", "dns"),
    ("cannot connect to nosuch.example:443: Temporary failure in name resolution", "dns"),
    ("cannot connect to example.se:443: TLS: certificate verify failed: self-signed", "tls"),
    ("cannot connect to example.se:443: Network is unreachable", "unreachable"),
    ("cannot connect to example.se:443: OSError", "connect"),
    ("timed out after 30 s", "timeout"),
    ("gave up after the 120 s budget per feed", "timeout"),
    ("HTTP 429 Too Many Requests", "http429"),
    ("HTTP 404 Not Found", "not_found"),
    ("HTTP 410 Gone: the feed was removed", "gone"),
    ("HTTP 403 Forbidden", "forbidden"),
    ("HTTP 503 Service Unavailable", "server"),
    ("HTTP 301 without Location", "redirects"),
    ("more than 10 redirects", "redirects"),
    ("HTTP 418 I'm a teapot", "http"),
    ("response too large: over 10,485,760 bytes", "too_large"),
    ("decompressed body over 52,428,800 bytes (compression bomb?)", "too_large"),
    ("an HTML page, not a feed (find its feed with `koll discover URL`)", "html"),
    ("not a feed (no RSS/Atom elements found)", "not_feed"),
    ("not a readable feed: SAXParseException: syntax error", "not_feed"),
    ("empty response body", "empty"),
    ("XML external or parameter entity refused", "xml"),
    ("the server closed the connection before a complete response", "broken"),
    ("internal error: KeyError: 'x'", "internal"),
]


@pytest.mark.parametrize(("message", "kind"), STORED)
def test_each_common_kind_of_stored_error_is_recognised(message, kind):
    got = error_kind(message)
    assert got is not None and got[0] == kind, (message, got)


def test_a_recognised_error_reads_swedish_with_the_stored_message_on_hover():
    raw = STORED[0][0]
    cell = error_cell(raw, "sv")
    assert cell.children == "Servern tar inte emot anslutningar" and cell.title == raw
    assert error_cell("HTTP 503 Service Unavailable", "sv").children == "Fel hos servern (HTTP 503)"
    assert (
        error_cell("HTTP 418 I'm a teapot", "sv").children == "Servern svarade med fel (HTTP 418)"
    )
    assert error_cell("something new", "sv") == "something new"  # unknown kinds as stored
    assert error_cell(None, "sv") == ""


def test_the_feed_health_table_shows_the_swedish_reason(tmp_path):
    settings = make_workspace(tmp_path)
    data.configure(settings)
    try:
        raw = STORED[0][0]
        with data.store().begin() as conn:
            feed = feed_ids_by_url(conn)["https://blogg.fjallkraft.se/feed/"]
            record_failure(conn, feed, now=LAST_DAY, next_due=LAST_DAY + timedelta(hours=1),
                           error=raw, status="failing", failures=3)  # fmt: skip
        panel = sources.feed_health(data.resolve(Params()))
        cells = find(panel, lambda c: getattr(c, "title", None) == raw)
        assert [c.children for c in cells] == ["Servern tar inte emot anslutningar"]
    finally:
        data.store().close()
