"""feedparser's tables and text rules that the expat fast path (ingest/fastparse.py) replays.

Taken from feedparser itself where it exposes them (namespace prefixes, handler names, URL
joining), written out where it does not (which handlers are harmless to koll, its Latin-1 and
Windows-1252 repair, when its HTML pass can change koll's text), each with the feedparser code it
mirrors named. tests/test_parse_fastpath.py checks the written-out ones against feedparser.
"""

from __future__ import annotations

import contextlib
import html.entities
import re
from xml.sax.saxutils import escape as _escape

from feedparser.mixin import _FeedParserMixin
from feedparser.urls import _urljoin

# feedparser's own tables, so that an upgrade of feedparser cannot silently drift from them.
_MATCH = {k.lower(): v for k, v in _FeedParserMixin.namespaces.items()}
_HANDLED = frozenset(
    n.split("_", 2)[2] for n in dir(_FeedParserMixin) if n.startswith(("_start_", "_end_"))
)
_CAN_BE_RELATIVE = _FeedParserMixin.can_be_relative_uri
_HTML_TYPES = _FeedParserMixin.html_types
_looks_like_html = _FeedParserMixin.looks_like_html
_map_type = _FeedParserMixin.map_content_type

# Elements whose feedparser handlers only write keys koll never reads (tags, enclosures, media,
# podcast data, rights, ...) and change no state the fields below depend on. Their children are
# dispatched by name, as feedparser does.
_HARMLESS = frozenset(
    [
        "category",
        "keywords",
        "dc_subject",
        "media_category",
        "itunes_category",
        "tags",
        "enclosure",
        "cloud",
        "media_content",
        "media_thumbnail",
        "media_credit",
        "media_rating",
        "media_restriction",
        "media_license",
        "media_player",
        "media_keywords",
        "media_group",
        "itunes_image",
        "itunes_link",
        "itunes_block",
        "itunes_explicit",
        "itunes_keywords",
        "language",
        "dc_language",
        "webmaster",
        "dc_publisher",
        "generator",
        "expirationdate",
        "newlocation",
        "dcterms_valid",
        "contributor",
        "dc_contributor",
        "width",
        "height",
        "url",
        "uri",
        "homepage",
        "name",
        "email",
        "itunes_name",
        "itunes_email",
    ]
)
# Harmless elements whose text feedparser reads with push_content: like a summary's, their child
# elements become markup text (see _Parser._markup) instead of being dispatched.
_HARMLESS_LEAF = frozenset(
    ("rights", "copyright", "dc_rights", "info", "feedburner_browserfriendly")
)
# GeoRSS shapes: pushed text feedparser parses into entry.where (children are dispatched)
_GEO = frozenset(("georss_point", "georss_line", "georss_polygon", "georss_box"))
# An entry's subtitle is what feedparser's entry.get("description") gives when there is no
# summary (FeedParserDict.keymap), so koll reads it then.
_SUBTITLES = frozenset(("subtitle", "tagline", "itunes_subtitle"))
# map_content_type of the types the fast path reads (type values are lower-cased by then)
_TEXT_TYPES = {t: _map_type(t) for t in ("text", "plain", "html", "text/plain", "text/html")}
_XHTML = "application/xhtml+xml"
_CONTENT_TYPES = {**_TEXT_TYPES, "xhtml": _XHTML, _XHTML: _XHTML}
# Text elements feedparser reads with push_content, whose child elements become XHTML text.
_MARKUP_FIELDS = frozenset(("title", "description", "summary", "content", "subtitle", "harmless"))
_TITLES = frozenset(("title", "dc_title", "media_title"))
_DESCRIPTIONS = frozenset(("description", "dc_description", "media_description"))
_SUMMARIES = frozenset(("summary", "itunes_summary"))
_AUTHORS = frozenset(("author", "itunes_author", "dc_author", "dc_creator", "managingeditor"))
_DATES = {
    "published": "published",
    "issued": "published",
    "pubdate": "published",
    "dcterms_issued": "published",
    "updated": "updated",
    "modified": "updated",
    "lastbuilddate": "updated",
    "dc_date": "updated",
    "dcterms_modified": "updated",
    "created": "created",
    "dcterms_created": "created",
}
# An author's children feedparser files under the author, plus a title (a job title, say),
# which it files as the entry's title under the depth rule.
_AUTHOR_CHILDREN = frozenset(
    ("name", "email", "itunes_name", "itunes_email", "url", "uri", "homepage", "title")
)
# Handler-less element names that would land on a key koll reads.
_SENSITIVE = frozenset(
    [
        "published_parsed",
        "updated_parsed",
        "created_parsed",
        "guidislink",
        "links",
        "content",
        "summary",
    ]
)
# The unprefixed names that leave feedparser's image / textinput context open ("special hack").
_KEEP_TEXTINPUT = frozenset(("title", "link", "description", "name"))
_KEEP_IMAGE = frozenset(("title", "link", "description", "url", "href", "width", "height"))

# feedparser maps the C1 range to Windows-1252 characters (a common mislabelling).
_CP1252 = {c: bytes([c]).decode("cp1252", errors="ignore") or chr(c) for c in range(0x80, 0xA0)}
# For texts beyond Latin-1 (see _repair) a C1 character is looked for with a regex; the mapping
# is applied only when one is there (str.translate with a dict walks in Python-level steps).
_C1 = re.compile("[\x80-\x9f]")
_NOT_CONTINUATION = bytes(c for c in range(256) if not 0x80 <= c <= 0xBF)
_NOT_C1 = bytes(c for c in range(256) if not 0x80 <= c <= 0x9F)
_LINK_REF = re.compile(r"&([A-Za-z0-9_]+);")


_HTML_TEXTS = frozenset(("description", "summary", "content", "subtitle"))
# Markup whose extent and text feedparser's HTML pass (feedparser/html.py, sgmllib) and koll's
# html_to_text see alike: start/end tags with quoted attribute values free of < and > (whatever
# is inside a tag is dropped with it), plain comments, and text whose references are complete
# character references, named entities HTML 4 knows, or "&" before anything but a name or "#".
_SAFE_TAGS = re.compile(
    r"""</?[A-Za-z][A-Za-z0-9]*(?:\s+[^\s<>"'=/]+(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|"""
    r"""[^\s"'<>=`]+))?)*\s*/?>|<!--(?:[^<>&-]|-(?!-))*-->"""
)
_SAFE_REF = re.compile(
    r"&(?:([A-Za-z][A-Za-z0-9]*);|#[0-9]+;|#[xX][0-9A-Fa-f]+;|(?=[^A-Za-z#]))"
).match
_KNOWN_ENTITIES = frozenset(html.entities.name2codepoint) | {"apos"}


def _needs_html_pass(text: str) -> bool:
    """Whether feedparser's HTML pass could change what html_to_text makes of `text`."""
    if "<" in text:
        # the safe tags out (a NUL keeps a reference from running into the next text): any
        # "<" left is one feedparser's pass may read differently
        text = _SAFE_TAGS.sub("\0", text)
        if "<" in text:
            return True
    i = text.find("&")
    while i >= 0:
        m = _SAFE_REF(text, i)
        if m is None or (m.group(1) is not None and m.group(1) not in _KNOWN_ENTITIES):
            return True
        i = text.find("&", i + 1)
    return False


# Absolute http(s) URLs that urllib's urljoin returns unchanged whatever the base (no blanks or
# control characters, no params, no empty query or fragment, nothing before the host): the
# common case skips feedparser's _urljoin (tests/test_parse_fastpath.py checks the claim).
_PLAIN_URL = re.compile(
    r"https?://[A-Za-z0-9][A-Za-z0-9.-]*(?::[0-9]+)?(?:/[^\s?#;\x00-\x1f\x7f]*)?"
    r"(?:\?[^\s#\x00-\x1f\x7f]+)?(?:#[^\s\x00-\x1f\x7f]+)?\Z"
)


def _resolve(base: str, uri: str) -> str:
    """feedparser's resolve_uri: the URI joined to the current base."""
    if _PLAIN_URL.match(uri):
        return uri
    return _urljoin(base or "", uri)


def _fix_link(link: str) -> str:
    """feedparser's repair of "?a=1&b;=2" in links (mixin.pop)."""
    return _LINK_REF.sub(r"&\g<1>", link) if "&" in link else link


_ATTR_KEYS: dict[str, tuple[str, str]] = {}


def _attr_keys(name: str) -> tuple[str, str]:
    """The two keys strict.startElementNS files an expat attribute under (namespaced, local)."""
    uri, _, local = name.rpartition(" ")
    p = _MATCH.get(uri.lower(), "") if uri else ""
    keys = _ATTR_KEYS[name] = ((p + ":" + local if p else local).lower(), local.lower())
    return keys


def _strattrs(attrs: dict) -> str:
    """mixin.strattrs: attributes as feedparser writes them into XHTML content."""
    return "".join(f' {k}="{_escape(v, _QUOT)}"' for k, v in attrs.items())


_QUOT = {'"': "&quot;"}


def _strip_div(pieces: list[str]) -> list[str]:
    """mixin.pop for Atom XHTML: drop the <div> that wraps all of it (pieces: tags and text)."""
    pieces = list(pieces)
    while pieces and len(pieces) > 1 and not pieces[-1].strip():
        del pieces[-1]
    while pieces and len(pieces) > 1 and not pieces[0].strip():
        del pieces[0]
    if (
        pieces
        and (pieces[0] == "<div>" or pieces[0].startswith("<div "))
        and pieces[-1] == "</div>"
    ):
        depth = 0
        for piece in pieces[:-1]:
            if piece.startswith("</"):
                depth -= 1
                if depth == 0:
                    break
            elif piece.startswith("<") and not piece.endswith("/>"):
                depth += 1
        else:
            pieces = pieces[1:-1]
    return pieces


def _repair(s: str) -> str:
    """feedparser's post-processing of every text it stores (mixin.pop)."""
    if s.isascii():
        return s
    # Regex character classes walk a Swedish paragraph at ~10 ns a character; the Latin-1 bytes
    # and bytes.translate answer the same questions at C speed.
    try:
        b = s.encode("iso-8859-1")
    except UnicodeEncodeError:
        b = None
    # feedparser's repair of UTF-8 that was decoded as Latin-1 somewhere upstream: it can only
    # succeed when some byte is a UTF-8 continuation byte (0x80-0xBF).
    if b is not None and b.translate(None, _NOT_CONTINUATION):
        with contextlib.suppress(UnicodeDecodeError):
            s, b = b.decode("utf-8"), None
    # feedparser maps the C1 range to Windows-1252 characters (a common mislabelling).
    if b.translate(None, _NOT_C1) if b is not None else _C1.search(s):
        s = s.translate(_CP1252)
    return s
