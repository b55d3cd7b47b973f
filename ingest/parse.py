"""Feed bytes -> ParsedFeed of typed Items: hostile-input checks, encodings, fast path, feedparser.

The order matters: cheap refusals first (empty, HTML page, entity bombs), then encoding repair
(valid UTF-8 wins over a wrong declaration; ISO-8859-1 means Windows-1252 as browsers read it),
then the expat fast path for plain well-formed documents, and feedparser for everything else.
feedparser's dicts and the fast path's raw entries go no further than this module.
"""

from __future__ import annotations

import calendar
import codecs
import hashlib
import html
import json
import logging
import re
from datetime import UTC, datetime, timedelta
from types import ModuleType
from urllib.parse import urljoin

import feedparser

from analysis.text import author_name, content_hash, html_to_text, title_text
from ingest import dates, platforms
from ingest.comments import comment_entry, is_comment_feed
from ingest.comments import parent_key as comment_parent
from ingest.models import ParsedFeed, RawEntry, RawFeed
from ingest.urls import canonical_url, is_comment_anchor, site
from koll.store.items import fit_key
from koll.store.records import Item

log = logging.getLogger("koll.ingest")


def _load_fast_path() -> ModuleType | None:
    """ingest.fastparse, or None when the installed feedparser lacks the internals it replays.

    The fast path imports feedparser 6.0's private helpers and tables (pyproject.toml pins
    feedparser below 6.1 for that). A feedparser without them must not stop ingestion: every
    document then goes to feedparser.parse, slower but the same items.
    """
    try:
        from ingest import fastparse
    except (ImportError, AttributeError) as e:
        log.warning(
            "feedparser %s lacks what the fast parser replays (%s: %s); using feedparser only",
            getattr(feedparser, "__version__", "?"),
            e.__class__.__name__,
            e,
        )
        return None
    return fastparse


FAST = _load_fast_path()
dates.register()  # Swedish names, CET/CEST, times without a zone: for both parsers

# Dates before the web's first feeds or more than two days ahead are clock errors (Hugo sites
# emit year 0001): no date. Closer ahead (some CMSs emit local time labelled UTC a few hours
# ahead) the item is dated when it was fetched (_date).
EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
FUTURE_MARGIN = timedelta(days=2)
# Entity declarations whose values add up to more than this are refused: real feeds declare a
# few short ones (&nbsp;), expansion bombs declare many or nest them.
MAX_ENTITY_BYTES = 10_000


class FeedError(Exception):
    """The document is not a feed koll can read; the message says why."""


# --- hostile and broken input ------------------------------------------------------------------

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# An entity declaration: its value is quoted, and may hold `>` (a bomb hid its nesting so).
_ENTITY = re.compile(
    rb"""<!ENTITY\s+(?P<param>%\s+)?(?P<name>[^\s>]+)\s+
    (?P<kind>SYSTEM\b|PUBLIC\b|"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""",
    re.I | re.X,
)
# An entity named inside another's value; a character reference (`&#160;` for &nbsp;) is none,
# but it stands for its character before the value is used: `&#38;a0;` is `&a0;` (_as_used).
_REFERENCE = re.compile(rb"&[A-Za-z_:]")
_CHAR_REFERENCE = re.compile(rb"&#(?:x([0-9A-Fa-f]+)|([0-9]+));")
# Where the document uses an entity.
_USE = re.compile(rb"&([A-Za-z_:][\w.:-]*);")
# How much using declared entities may add to a document. Real feeds declare a few that stand for
# one character (`<!ENTITY nbsp "&#160;">`), which add nothing; one 9,000-byte entity used
# 200,000 times would add 1.8 GB (expat stops it, and the loose parser then stored 800 KB of
# `&big&big…` as an item's text). A megabyte is far beyond the first and far below the second.
MAX_ENTITY_GROWTH = 1_000_000
# The prolog up to the end of a DOCTYPE's internal subset, however long the comments before it
# (a bomb put its DOCTYPE past the first 4 KB) and whatever its quoted values hold.
_DOCTYPE = re.compile(
    rb"""(?:\s|<\?.*?\?>|<!--.*?-->)*<!DOCTYPE\b[^\[>]*
    (?:\[(?:"[^"]*"|'[^']*'|<!--.*?-->|[^\]"'])*\]\s*)?>?""",
    re.I | re.S | re.X,
)
_HTML_START = re.compile(
    rb"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S
)
_XML_DECL_ENC = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])([A-Za-z0-9._:-]+)([\"'])")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)
_SINGLE_BYTE = re.compile(
    r"^(iso-?8859-?\d+|latin-?1|l1|us-ascii|ascii|windows-125\d|cp125\d)$", re.I
)
_LATIN1 = re.compile(r"^(iso-?8859-?1|latin-?1|l1|us-ascii|ascii)$", re.I)


def check_document(body: bytes, content_type: str | None = None) -> None:
    """Refuse what is not worth parsing: empty bodies, HTML pages, entity expansion.

    A document in an encoding that does not write markup in ASCII's bytes is checked as its
    text too (_as_text), and as its bytes all the same: its declaration may lie."""
    _check(body)
    text = _as_text(body, content_type)
    if text is not None:
        _check(text)


def _check(body: bytes) -> None:
    stripped = body.lstrip()
    for bom in _BOMS:
        stripped = stripped.removeprefix(bom).lstrip()
    if not stripped:
        raise FeedError("empty response body")
    if _HTML_START.match(stripped[:4096]):
        raise FeedError("an HTML page, not a feed (find its feed with `koll discover URL`)")
    if b"<!ENTITY" not in stripped:  # XML spells it in capitals only
        return
    m = _DOCTYPE.match(stripped)
    prolog = m.group(0) if m else b""
    sizes: dict[bytes, int] = {}
    for m in _ENTITY.finditer(prolog):
        if m["param"] or m["kind"].upper() in (b"SYSTEM", b"PUBLIC"):
            raise FeedError("XML external or parameter entity refused")
        value = _as_used(m["dq"] if m["dq"] is not None else m["sq"])
        if _REFERENCE.search(value):
            raise FeedError(
                "XML entity expansion refused (nested entities: a 'billion laughs' bomb?)"
            )
        sizes[m["name"]] = len(value)
    if sum(sizes.values()) > MAX_ENTITY_BYTES:
        raise FeedError("XML entity expansion refused (oversized entity declarations)")
    if not sizes:
        return
    growth = 0
    for use in _USE.finditer(stripped, len(prolog)):
        if use[1] in sizes:
            growth += max(0, sizes[use[1]] - len(use[0]))
    if growth > MAX_ENTITY_GROWTH:
        raise FeedError(
            f"XML entity expansion refused (entities used so often they would add over "
            f"{MAX_ENTITY_GROWTH:,} characters)"
        )


def _as_used(value: bytes) -> bytes:
    """An entity's value with its character references resolved, as the parser stores it
    (`&#38;` is `&`, so `&#38;a0;` names entity a0 where the value is used)."""
    if b"&#" not in value:
        return value

    def char(m: re.Match) -> bytes:
        try:
            return chr(int(m[1], 16) if m[1] else int(m[2])).encode("utf-8", "replace")
        except (ValueError, OverflowError):  # no such character: the parser refuses it
            return b""

    return _CHAR_REFERENCE.sub(char, value)


# Encodings in which the markup is not ASCII's bytes, by the document's first bytes (XML 1.0,
# appendix F), longest first: a UTF-32 byte-order mark begins like UTF-16's.
_SNIFFED = (
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\xfe\xff", "utf-16"),
    (b"\xff\xfe", "utf-16"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)


def _as_text(body: bytes, content_type: str | None) -> bytes | None:
    """The body as UTF-8 when its encoding does not write markup in ASCII's bytes, else None:
    UTF-16 or UTF-32 (with a byte-order mark or without, sniffed or declared) or UTF-7, which
    the parsers read and the byte patterns of _check would not see (UTF-16LE without a mark,
    declared in the XML declaration, had hidden an external entity)."""
    for start, codec in _SNIFFED:
        if body.startswith(start):
            return body.decode(codec, "replace").encode("utf-8")
    declared = []
    if m := _XML_DECL_ENC.match(body[:300]):
        declared.append(m.group(2).decode("ascii"))
    if cm := _CHARSET.search(content_type or ""):
        declared.append(cm.group(1))
    for name in declared:
        try:
            if _ASCII_PROBE.decode(name, "replace").encode("ascii", "replace") != _ASCII_PROBE:
                return body.decode(name, "replace").encode("utf-8")
        except (LookupError, UnicodeError, ValueError):  # no codec Python has: nor the parsers
            continue
    return None


# Markup that an ASCII-compatible encoding reads as itself (UTF-7 reads `+ADw-` as `<`).
_ASCII_PROBE = b"<!ENTITY +ADw- &#38;>"


def repair_encoding(body: bytes, content_type: str | None) -> tuple[bytes, str | None]:
    """Fix the encoding lies and accidents we see most, returning (body, content_type).

    1. Bytes that are valid UTF-8 (with non-ASCII in them) but declared as a single-byte
       charset: UTF-8 wins (a Latin-1 text almost never happens to be valid UTF-8 too).
    2. ISO-8859-1 / ASCII declarations on bytes that are not UTF-8: read as Windows-1252, the
       superset browsers use, so curly quotes and € survive.
    3. A body cut short inside a character: the half character goes, or the parsers took the
       whole document for another charset and stored mojibake for good.
    4. A UTF-8 document (declared so, or undeclared) with a few stray Windows-1252 bytes (a
       CMS pasting Latin-1 into UTF-8): only those bytes are read as Windows-1252, rather than
       the parsers reading every å/ä/ö of the document as Windows-1252 too.
    """
    declared = []
    m = _XML_DECL_ENC.match(body[:300])
    if m:
        declared.append(m.group(2).decode("ascii", "replace"))
    cm = _CHARSET.search(content_type or "")
    if cm:
        declared.append(cm.group(1))
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return body, content_type
    trimmed = _trim_cut_character(body)
    try:
        trimmed.decode("utf-8")
        body, decodes = trimmed, True
    except UnicodeDecodeError:
        decodes = False
    valid_utf8 = decodes and not body.isascii()
    if all(d.lower().replace("_", "-") in ("utf-8", "utf8") for d in declared):
        mended = body if decodes else _mend_stray_bytes(body)
        if mended is body:
            return body, content_type
        body, target = mended, "utf-8"
    elif valid_utf8 and any(_SINGLE_BYTE.match(d) for d in declared):
        target = "utf-8"
    elif not valid_utf8 and all(_LATIN1.match(d) for d in declared) and not body.isascii():
        target = "windows-1252"
    else:
        return body, content_type
    if m:
        body = m.group(1) + target.encode() + m.group(3) + body[m.end() :]
    media = (content_type or "application/xml").split(";")[0].strip() or "application/xml"
    if media.startswith("text/"):
        media = "application/xml"  # RFC 3023: text/* without charset means us-ascii; avoid it
    return body, f"{media}; charset={target}"


def _trim_cut_character(body: bytes) -> bytes:
    """The body without an unfinished UTF-8 sequence at its very end (a transfer cut short
    inside a character); the caller keeps the trimmed body only when it is then valid UTF-8."""
    for n in range(1, min(4, len(body) + 1)):
        byte = body[-n]
        if byte < 0x80:
            return body  # ends in ASCII
        if byte >= 0xC0:  # the lead byte: how many bytes its character needs
            need = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return body[:-n] if need > n else body
    return body


# A well-formed UTF-8 sequence of two to four bytes.
_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH = bytes(range(0x80, 0x100))


def _stray_as_windows_1252(e: UnicodeError) -> tuple[str, int]:
    """Decode error handler: the offending bytes as Windows-1252 (Latin-1 for its 5 holes)."""
    assert isinstance(e, UnicodeDecodeError)  # registered for decoding only
    bad = e.object[e.start : e.end]
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in bad), e.end


codecs.register_error("koll-stray-1252", _stray_as_windows_1252)


def _mend_stray_bytes(body: bytes) -> bytes:
    """A body that is UTF-8 but for a few stray bytes, with those bytes read as Windows-1252 and
    written as UTF-8; any other body (Latin-1 under a UTF-8 label, where accidental UTF-8 pairs
    are few) as it is, for the parsers' own fallback."""
    multibyte = sum(len(s) for s in _UTF8_SEQ.findall(body))
    stray = len(body) - len(body.translate(None, _HIGH)) - multibyte
    if stray == 0 or multibyte < 4 * stray:
        return body
    return body.decode("utf-8", "koll-stray-1252").encode("utf-8")


# An Atom <link> whose href is empty. Both parsers resolve "" against xml:base or the feed's
# address, so the entry would link to the feed document itself (OneFootTsunami's link-posts,
# in the real corpus: three posts with their own GUIDs became one item keyed by wp-atom.php).
_EMPTY_HREF = re.compile(rb"""(<(?:[A-Za-z_][\w.-]*:)?link\b[^<>]*?)\s+href\s*=\s*(?:""|'')""")


def drop_empty_links(body: bytes) -> bytes:
    """The body with empty `href` attributes of <link> elements removed: no link, not the feed's
    own address, so such an entry is keyed by its GUID."""
    if b'""' not in body and b"''" not in body:
        return body  # no empty attribute at all: the common case, one scan in C
    return _EMPTY_HREF.sub(rb"\1", body)


# The C0 control characters XML forbids (all but tab, line feed and carriage return), as bytes
# and as character references. In any ASCII-compatible encoding such a byte is that character
# (a multi-byte character's bytes are all 0x40 or over), in UTF-16 and UTF-32 it is not.
_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]+")
_CONTROL_REFERENCE = re.compile(
    rb"&#(?:[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]));"
)
_WIDE = tuple(start for start, codec in _SNIFFED if "16" in codec or "32" in codec)
_CONTROL_CHARS = dict.fromkeys([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)], " ")


def drop_controls(body: bytes) -> bytes:
    """The body with each run of the control characters XML forbids made a space. One NUL in a
    title (`Noll\x00byte Fjällkraft`) made the document ill-formed: the strict parsers gave up,
    and what the loose one recovered PostgreSQL refused (NUL) and SQLite's functions cut at the
    NUL, so the mention was lost. A space, not nothing: `Fjällkraft\x00bra` still names the
    brand."""
    if body.startswith(_WIDE):
        return body  # UTF-16 or UTF-32: its zero bytes are half its characters
    if _CONTROLS.search(body):
        body = _CONTROLS.sub(b" ", body)
    if b"&#" in body and _CONTROL_REFERENCE.search(body):
        body = _CONTROL_REFERENCE.sub(b" ", body)
    return body


# An entry's title and text are cut beyond these (at a line or word past half the limit). Real
# titles stay under 300 characters (Reddit's own cap); a feed's text, as an article read in full
# (ingest/fulltext.py), stays under 30,000. A hostile feed's 8 MB title was stored whole and its
# scoring held a run for minutes (QA, 2026-12-04); matching and scoring cost grows with the text.
MAX_TITLE_CHARS = 1_000
MAX_TEXT_CHARS = 50_000


def capped(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, at the last line break (else space) after half
    of it, else at the limit."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    if cut <= limit // 2:
        cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip()


def _no_controls(text: str) -> str:
    """A field with its control characters made spaces, however they came in (escaped markup's
    `&amp;#0;` is a NUL once the markup is read)."""
    return text if text.isprintable() else text.translate(_CONTROL_CHARS)


# --- the two parsers ---------------------------------------------------------------------------


def _via_feedparser(body: bytes, feed_url: str, content_type: str | None, max_entries: int):
    headers = {"content-location": feed_url}
    if content_type:
        headers["content-type"] = content_type
    d = feedparser.parse(
        body, response_headers=headers, sanitize_html=False, resolve_relative_uris=True
    )
    if not d.entries and d.bozo and not d.feed:
        exc = d.get("bozo_exception")
        raise FeedError(
            what_it_is(body)
            or (
                f"not a readable feed: {exc.__class__.__name__}: {exc}"
                if exc
                else "not a readable feed"
            )
        )
    if not d.entries and not d.get("version"):
        raise FeedError(what_it_is(body) or "not a feed (no RSS/Atom elements found)")
    kept = d.entries[:max_entries]
    cut = d.bozo and len(kept) == len(d.entries) and kept and _ends_inside_entry(body)
    if cut:
        # The document stops inside its last entry (a transfer cut short): the loose parser
        # hands that entry over with half its text, and once stored under its key it would
        # never be read again. The next fetch brings it whole.
        kept = kept[:-1]
    entries = []
    for e in kept:
        content = None
        for c in e.get("content") or ():
            if c.get("value"):
                content = c["value"]
                break
        parent = e.get("thr_in-reply-to") or {}
        # feedparser files an RSS <source url=...> as {"href", "title"}; an Atom source (a whole
        # feed, with links and authors whose uri also lands on "href") is not read
        source = e.get("source")
        if not isinstance(source, dict) or not set(source) <= {"href", "title"}:
            source = {}
        entries.append(
            RawEntry(
                title=e.get("title"),
                link=e.get("link"),
                id=e.get("id"),
                published=e.get("published_parsed"),
                updated=e.get("updated_parsed"),
                created=e.get("created_parsed"),
                summary=e.get("summary") or e.get("description"),
                content=content,
                author=e.get("author"),
                in_reply_to=parent.get("href") if isinstance(parent, dict) else None,
                commentrss=e.get("wfw_commentrss"),
                source_href=source.get("href"),
                source_title=source.get("title") if source.get("href") else None,
            )
        )
    raw = RawFeed(
        title=d.feed.get("title"),
        link=d.feed.get("link"),
        entries=entries,
        version=d.get("version") or "",
        dropped=max(0, len(d.entries) - max_entries),
    )
    warning = None
    if d.bozo:
        exc = d.get("bozo_exception")
        warning = f"{exc.__class__.__name__}: {exc}" if exc else "malformed feed"
        if cut:
            warning += "; the document ends inside an entry, which is left for the next fetch"
    return raw, warning


# The root element's name, past the XML declaration, processing instructions, comments and a
# DOCTYPE (with its internal subset).
_ROOT = re.compile(
    rb"(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*<([A-Za-z_][\w.:-]*)", re.S
)
_FEED_ROOTS = frozenset(("rss", "feed", "rdf", "channel"))


def what_it_is(body: bytes) -> str | None:
    """Why a document no parser could read as a feed is none, named by what it is: a JSON Feed,
    other JSON, or XML with another root (an S3 `<Error>`, a sitemap). The parsers' own reason
    ("NonXMLContentType: no Content-type specified", "not well-formed") says what they tripped
    on, not what the address serves. None when it looks like RSS or Atom after all. Each starts
    "not a feed", as the dashboard's feed health recognises (dashboard/feed_errors.py)."""
    start = body.lstrip().removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    if start in (b"{", b"["):
        try:
            doc = json.loads(body)
        except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested past the limit
            return "not a feed: a broken JSON document"
        version = doc.get("version") if isinstance(doc, dict) else None
        if isinstance(version, str) and "jsonfeed.org" in version:
            return (
                "not a feed: a JSON Feed, which koll does not read (ask the site for RSS or Atom)"
            )
        return "not a feed: a JSON document"
    m = _ROOT.match(body.lstrip().removeprefix(b"\xef\xbb\xbf"))
    if m is None:
        return None
    root = m.group(1).decode("ascii", "replace")
    if root.rpartition(":")[2].lower() in _FEED_ROOTS:
        return None
    return f"not a feed: an XML document that is not RSS or Atom: <{root[:80]}>"


_ENTRY_OPEN = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>]")
_ENTRY_CLOSE = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")


def _ends_inside_entry(body: bytes) -> bool:
    """Whether the last <item>/<entry> the document opens is never closed."""
    opened = [m.end() for m in _ENTRY_OPEN.finditer(body)]
    return bool(opened) and _ENTRY_CLOSE.search(body, opened[-1]) is None


def _date(e: RawEntry, now: datetime) -> datetime | None:
    """When an entry fetched at `now` was published; None when it has no usable date."""
    for st in (e.published, e.updated, e.created):
        if st:
            try:
                dt = datetime.fromtimestamp(calendar.timegm(st), UTC)
            except (OverflowError, ValueError, OSError):
                continue
            if EARLIEST <= dt <= now + FUTURE_MARGIN:
                # Nothing was published after koll fetched it: a later date is local time
                # labelled UTC or a scheduled post's, and kept it would count the item on a day
                # still to come. The fetch time is the latest it can be, and close: not marked
                # estimated, which would keep a feed writing Stockholm time as GMT (every item
                # one or two hours ahead, fetched every 30 minutes) out of every spike alert.
                return min(dt, now)
    return None


def _generic(entry: RawEntry, feed_url: str) -> tuple[str, str, str | None, str | None]:
    """(title, text, link, author) of an ordinary feed entry."""
    link = (entry.link or "").strip() or None
    if link and not link.startswith(("http://", "https://")):
        # feedparser resolves relative links against xml:base / the feed URL; anything still
        # relative is resolved against the feed; other schemes (urn:, tag:, mailto:) are no
        # web address.
        link = urljoin(feed_url, link)
        if not link.startswith(("http://", "https://")):
            link = None
    return (
        title_text(entry.title or ""),
        html_to_text(entry.content or entry.summary or ""),
        link,
        (entry.author or "").strip() or None,
    )


# A GUID (RSS) or id (Atom) element's text, where it is plain (no markup in it).
_GUID_TEXT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:guid|id)\b[^<>]*>\s*([^<>\s]+)\s*</")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# A link element's text (RSS `<link>/x</link>`) or address (Atom `<link href="/x"/>`).
_LINK_TEXT = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?link\b(?:[^<>]*\bhref=[\"']([^\"'<>]+)[\"'][^<>]*>|[^<>]*>\s*([^<>\s]+)\s*</)"
)


def _drop_guid_links(raw: RawFeed, body: bytes, feed_url: str) -> None:
    """No link for an entry whose only link is a GUID written as a relative reference.

    Both parsers take a permalink GUID for the entry's link when it has none, resolved against
    the document's address: `<guid>miss-2</guid>` became the link and stored url
    https://HOST/feed/miss-2, a page that does not exist. Such a GUID still names the item (its
    key, `guid:` and the resolved GUID, so that two sites' `<guid>1</guid>` stay two items); only
    an absolute http(s) GUID is a link. The GUIDs as written are read off the document, and
    compared as the parsers resolved them (against the feed's address: under an xml:base
    another address, and the link is kept, as before)."""
    suspects = [e for e in raw.entries if e.link and e.link == e.id]
    if not suspects or (b"<guid" not in body and b"id>" not in body):
        return
    invented = set()
    for m in _GUID_TEXT.finditer(body):
        written = html.unescape(m[1].decode("utf-8", "replace"))
        if not _SCHEME.match(written):  # `miss-2`, `/?p=882`, `//host/post`: relative
            invented.add(urljoin(feed_url, written))
    # A link the document writes itself is a link, however its GUID reads: static sites write
    # `<link>/2026/11/post-1</link><guid>/2026/11/post-1</guid>` (review of 14837ab).
    for m in _LINK_TEXT.finditer(body):
        written = html.unescape((m[1] or m[2]).decode("utf-8", "replace"))
        invented.discard(urljoin(feed_url, written))
    for e in suspects:
        if e.link in invented:
            e.link = None


def _guid(entry: RawEntry, feed_url: str) -> str | None:
    """The entry's GUID; a site-relative one (`/?p=882#comment-7480`, from static exports of
    WordPress) is resolved against the feed, or two sites' first comments would be one."""
    guid = (entry.id or "").strip() or None
    if guid and guid.startswith("/") and not guid.startswith("//"):
        guid = urljoin(feed_url, guid)
    return guid


def _key(
    entry: RawEntry,
    feed_url: str,
    comment: bool,
    link: str | None,
    canon: str | None,
    guid: str | None,
    chash: str,
    shared: frozenset[str] = frozenset(),
) -> tuple[str, str | None]:
    """(key, parent key): a comment by its GUID, else its link with its anchor, hung under its
    post; anything else by its canonical link (when the link points at a post of its own on a
    page, see _own_anchor: by its GUID, else, on a page the document links several posts on,
    `shared`, see _shared_pages, by the link with its anchor), else its GUID, else its content
    on its site. `canon`: canonical_url(link), worked out once per entry."""
    if comment:
        if guid or link:
            key = "guid:" + (guid or link or "")
        else:
            # Nothing names it: who wrote what when does, so two readers' "Tack!" stay two.
            when = next((tuple(st[:6]) for st in (entry.published, entry.updated) if st), "")
            who = f"{entry.author or ''}\x1f{when}"
            key = f"hash:{site(feed_url)}:{hashlib.sha1(f'{who}{chash}'.encode()).hexdigest()}"
        in_reply_to = urljoin(feed_url, entry.in_reply_to) if entry.in_reply_to else None
        return key, comment_parent(link, in_reply_to)
    if link and _own_anchor(link):
        if guid and guid != link:
            return "guid:" + guid, None
        if canon in shared:
            # The GUID is the link itself (Scripting News), or there is none, on a page the
            # document links several posts on: the anchor is what names the post, so it stays
            # in the key, and the same post linked from another such feed still meets it there.
            return f"{canon}#{link.partition('#')[2]}", None
    if canon is not None:
        return canon, None
    # Without a link, the same text is the same post only on one site (design: "a title+text
    # hash within one site"); two sites' "Stängt idag" are two posts.
    return ("guid:" + guid if guid else f"hash:{site(feed_url)}:{chash}"), None


# Places on a page that name no post of their own: the comment form, the list of comments,
# "read more", the page's top or content; a fragment with `=` is a script's state or a click
# tracker (`#xtor=RSS-3`), and so is one with a `.` (AddThis' `#.VtCA1eS6FaQ`, `#tk.rss_all`,
# both in the real corpus) or Tynt's `#ixzz…`. Any other fragment names a post on its page
# (Scripting News' `26.html#a080605`, a live blog's `#update-4`).
_PLACE_ANCHOR = re.compile(
    r"^(respond|comments?|disqus_thread|more(-\d+)?|content|main|top|ixzz\w*|.*[=.].*)$", re.I
)


def _shared_pages(links: list[tuple[str | None, str | None]]) -> frozenset[str]:
    """The pages (canonical URLs) that two or more of a document's entries link to at different
    anchors of their own: a microblog's day page, a live blog. Only there does an anchor name a
    post; one post linking to its own page's `#kommentarer` or `#artikel` is that page's post,
    and keyed by it, so the same article from another feed without the anchor is one item
    (the anchor had been kept for any such link, and which key the item got depended on
    which feed was stored first)."""
    anchors: dict[str, set[str]] = {}
    for link, canon in links:
        if link and canon and _own_anchor(link):
            anchors.setdefault(canon, set()).add(link.partition("#")[2])
    return frozenset(page for page, seen in anchors.items() if len(seen) > 1)


def _own_anchor(link: str) -> bool:
    """Whether the link points at a post of its own on a page that holds several: those share
    one canonical URL (a fragment is a place on the page), so each is keyed by its GUID."""
    fragment = link.partition("#")[2]
    return bool(fragment) and not _PLACE_ANCHOR.match(fragment) and not is_comment_anchor(link)


def _read(
    entry: RawEntry, feed_url: str, feed_canon: str
) -> tuple[platforms.Post | None, str, str, str | None, str | None, str | None]:
    """(the platform's post or None, title, text, link, its canonical URL, author) of an entry;
    the link is canonicalised here once (it had been up to four times an entry)."""
    post = platforms.read(entry)  # None for all but the platforms' own feeds
    if post is not None:
        link = post.link
        canon = canonical_url(link) if link else None
        return post, post.title, post.text, link, canon, post.author
    title, text, link, author = _generic(entry, feed_url)
    canon = canonical_url(link) if link else None
    if canon is not None and canon == feed_canon:
        link = canon = None  # the feed document itself is no post's address (see _EMPTY_HREF)
    return None, title, text, link, canon, author


def _items(
    raw: RawFeed, feed_url: str, kind: str, now: datetime, backfill_before: datetime | None = None
) -> tuple[list[Item], list[str]]:
    """Raw entries -> Items, keyed and de-duplicated within the document.

    Comments (the whole document when it is a comment feed, whatever its configured kind, and
    any entry that points into a post; see ingest/comments.py) are keyed by GUID, else by their
    link with its anchor, and hung under their post.
    """
    items: list[Item] = []
    seen: set[str] = set()
    comment_feeds: list[str] = []
    feed_site = site(feed_url)
    all_comments = kind == "comments" or is_comment_feed(raw, feed_url)
    feed_canon = canonical_url(feed_url)
    reads = [_read(entry, feed_url, feed_canon) for entry in raw.entries]
    shared = _shared_pages([(r[3], r[4]) for r in reads])
    for entry, (post, title, text, link, canon, author) in zip(raw.entries, reads, strict=True):
        title = capped(_no_controls(title), MAX_TITLE_CHARS)
        text = capped(_no_controls(text), MAX_TEXT_CHARS)
        author = _no_controls(author) if author else author
        if not (title or text or link):
            continue  # nothing to read or link to (a stray <item/>): no item
        guid = _guid(entry, feed_url)
        published = _date(entry, now)
        chash = content_hash(title, text)
        # a platform's comment (Reddit's t1_) is one whatever the feed, under the post it names
        platform_comment = post is not None and post.kind == "comments"
        comment = all_comments or comment_entry(entry) or platform_comment
        key, parent = _key(entry, feed_url, comment, link, canon, guid, chash, shared)
        if post is not None and post.parent:
            parent = comment_parent(post.parent, None)
        # As stored (a link longer than the key column gets a shortened, hashed key): the
        # workers look stored items up, and file scores and mentions, by this key.
        key, parent = fit_key(key), (fit_key(parent) if parent is not None else None)
        if key in seen:
            continue  # duplicate GUID/link inside one document: the first one wins
        seen.add(key)
        if entry.commentrss:
            comment_feeds.append(entry.commentrss)
        items.append(
            Item(
                key=key,
                url=canon,
                guid=guid,
                title=title,
                text=text,
                published=published,
                published_estimated=published is None,
                author=author_name(author),
                source=(post and post.source)
                or (site(link) if link and "://" in link else feed_site),
                # a platform's kind replaces the default one, not a kind chosen for the feed
                kind="comments"
                if comment
                else (post.kind if post and post.kind and kind == "news" else kind),
                parent_key=parent,
                content_hash=chash,
                link=link,
                backfill=published is not None
                and backfill_before is not None
                and published < backfill_before,
            )
        )
    return items, comment_feeds


def parse(
    body: bytes,
    *,
    feed_url: str,
    kind: str = "news",
    now: datetime | None = None,
    content_type: str | None = None,
    max_entries: int = 2000,
    fast: bool = True,
    backfill_before: datetime | None = None,
) -> ParsedFeed:
    """Parse one feed document. Broken but recoverable documents yield items plus a warning.

    Items without a usable date get `published=None` and `published_estimated=True`; the store
    then uses the first-seen time. `now` is when the document was fetched: items dated after it
    (up to FUTURE_MARGIN) are dated `now`, not estimated. Items published before
    `backfill_before` (a search's creation) are marked as backfill.
    """
    now = now or datetime.now(UTC)
    check_document(body, content_type)
    if body[:1].isspace():
        # Blank lines before the XML declaration (a stray newline from a CMS plugin) make it
        # ill-formed: feedparser's strict parser gives up and its loose one guesses. Without
        # them both parsers read the document as the XML it was meant to be.
        body = body.lstrip()
    body, content_type = repair_encoding(body, content_type)
    body = drop_empty_links(drop_controls(body))
    raw, warning, parser = None, None, "feedparser"
    if fast and FAST is not None:
        try:
            raw = FAST.parse_fast(body, max_entries, base=feed_url, content_type=content_type)
            parser = "fast"
            if not raw.entries:
                raw = None  # let feedparser have a go at recovering something
        except FAST.Unsupported:
            raw = None
    if raw is None:
        raw, warning = _via_feedparser(body, feed_url, content_type, max_entries)
        parser = "feedparser"
    _drop_guid_links(raw, body, feed_url)
    items, comment_feeds = _items(raw, feed_url, kind, now, backfill_before)
    return ParsedFeed(
        title=title_text(raw.title or ""),
        link=raw.link,
        items=items,
        warning=warning,
        comment_feeds=comment_feeds,
        parser=parser,
        dropped_entries=raw.dropped,
    )
