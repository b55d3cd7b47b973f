"""A feed's last error in the reader's language: the common kinds said in a few words, the message
as stored (English, for the technical reader) kept beside them.

The kinds follow the messages ingest stores (ingest/fetch.py, ingest/parse.py, ingest/batch.py):
"cannot connect to host:port: reason" (DNS, TCP or "TLS: …"), "timed out after N s", "gave up
after the N s budget per feed", "HTTP code reason", "response too large: …", "an HTML page, not a
feed …", "not a feed …", "not a readable feed …" and so on. A message of no known kind is shown
as it is.
"""

from __future__ import annotations

import re

from dash import html

from dashboard.components import text
from dashboard.i18n import t

# (i18n key under feed.err., pattern on the stored message), the first match wins: the more
# particular kinds first (a TLS or DNS failure is also a "cannot connect").
_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (k, re.compile(p, re.IGNORECASE))
    for k, p in [
        ("tls", r"^cannot connect to .*: TLS: |certificate verify failed|\bSSL\b"),
        (
            "dns",
            r"^cannot connect to .*(name or service not known|name resolution|"
            r"nodename nor servname|no address associated|getaddrinfo)",
        ),
        ("refused", r"^cannot connect to .*(connect call failed|connection refused)"),
        ("unreachable", r"^cannot connect to .*(network is unreachable|no route to host)"),
        ("timeout", r"^timed out after |^gave up after the .* budget|\btimed? ?out\b"),
        ("connect", r"^cannot connect to "),
        ("http429", r"^HTTP 429\b"),
        ("gone", r"^HTTP 410\b"),
        ("not_found", r"^HTTP 404\b"),
        ("forbidden", r"^HTTP (?P<code>40[13])\b"),
        ("server", r"^HTTP (?P<code>5\d\d)\b"),
        ("redirects", r"^HTTP 3\d\d without Location|redirects$|^redirect loop"),
        ("http", r"^HTTP (?P<code>\d{3})\b"),
        ("too_large", r"^response too large|^decompressed body over"),
        ("html", r"^an HTML page, not a feed"),
        ("empty", r"^empty response body"),
        ("not_feed", r"^not a (readable )?feed"),
        ("xml", r"^XML .*refused"),
        (
            "broken",
            r"^the server closed the connection|^incomplete response body|"
            r"^malformed HTTP response|^cannot decompress",
        ),
        ("bad_url", r"^invalid URL|^URL longer than"),
        ("internal", r"^internal error|^parser failed"),
    ]
]


def error_kind(message: str) -> tuple[str, dict[str, str]] | None:
    """The kind of a stored feed error (a key under feed.err. and its values), None if unknown."""
    for key, pattern in _KINDS:
        if m := pattern.search(message):
            return key, {k: v for k, v in m.groupdict().items() if v}
    return None


def error_cell(stored, lang: str) -> html.Span | str:
    """The error column's cell: the kind in `lang`, the stored message on hover (and as it is
    when its kind is not known). `stored`: the column's value (None or NaN when there is none)."""
    message = text(stored)
    if not message:
        return ""
    kind = error_kind(message)
    if kind is None:
        return message
    key, values = kind
    return html.Span(t(f"feed.err.{key}", lang, **values), title=message, className="feed-error")
