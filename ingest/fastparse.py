"""A fast path for well-formed feeds: expat plus a faithful copy of the feedparser rules koll needs.

feedparser is thorough but slow (about 1 ms per entry here). For a well-formed document its
strict mode is expat driving a state machine (feedparser/mixin.py, namespaces/*.py); this module
replays the part of that machine that decides the fields koll reads (entry title, link, id,
dates, summary, content, author, in-reply-to, comment feed; feed title and link), with
feedparser's own decoding, namespace table, URL joining, date parser and HTML pass, so both give
the same values. Element names are mapped as feedparser maps them (namespace -> its prefix,
lower-cased); every element with a feedparser handler is either replayed (titles and their depth
rule, summaries turning into content, authors, dates, links, xml:base, XHTML written back as
text, ...) or listed as harmless (its handler only writes keys koll never reads); elements
without a handler are what feedparser makes of them, a key of their own name, harmless unless
koll reads that key. Whatever is not understood (a DOCTYPE, an unreplayed handler, base64 or
SVG content, a document expat rejects, ...) raises `Unsupported`, and the caller falls back to
feedparser. tests/test_parse_fastpath.py proves on the whole real corpus and feedparser's own
test documents that every document accepted here gives the same items as feedparser.

The parser is split by noun: this module reads the document (expat, names and namespaces,
attributes, xml:base, the stack of open elements); fastparse_elements.py holds what each
element's start and end do; fastparse_fields.py what is built (RawFeed, RawEntry and the entry
in the making) and how an element's text becomes a value; fastparse_rules.py holds feedparser's
tables and the text helpers.
"""

from __future__ import annotations

from xml.parsers import expat
from xml.sax.saxutils import escape as _escape

from feedparser.encodings import convert_to_utf8
from feedparser.urls import _urljoin, make_safe_absolute_uri

from ingest.fastparse_elements import _Elements
from ingest.fastparse_fields import Unsupported, _Entry, _Field, _Fields
from ingest.fastparse_rules import (
    _ATTR_KEYS,
    _HANDLED,
    _KEEP_IMAGE,
    _KEEP_TEXTINPUT,
    _MARKUP_FIELDS,
    _MATCH,
    _XHTML,
    _attr_keys,
    _strattrs,
)
from ingest.models import RawEntry, RawFeed

__all__ = ["RawEntry", "RawFeed", "Unsupported", "parse_fast"]


def _stable_base(base: str) -> str:
    """The base every element without xml:base keeps: feedparser re-joins it to itself."""
    if base and (make_safe_absolute_uri(base, base) or base) != base:
        raise Unsupported("a base URL that changes when joined to itself")
    return base


class _Parser(_Elements, _Fields):
    """feedparser's strict parser and the state of its mixin, for one document."""

    __slots__ = (
        "author_field", "base", "end_names", "entry", "escape", "feed", "feed_image",
        "feed_link_set", "feed_summary", "field", "guidislink", "has_content", "inauthor",
        "infeed", "inimage", "inpublisher", "insource", "intextinput", "max_entries", "names",
        "ns_in_use", "nsmap", "sink", "stack", "summary_key", "title_depth", "version", "xlink",
    )  # fmt: skip

    def __init__(self, max_entries: int, base: str):
        self.max_entries = max_entries
        self.feed = RawFeed()
        self.version = ""
        self.ns_in_use: dict[str | None, str] = {}  # feedparser's namespaces_in_use
        self.nsmap: dict[str | None, str] = {}  # feedparser's namespacemap
        self.names: dict[str, tuple] = {}  # expat name -> _classify(), per namespaces
        self.end_names: dict[str, str] = {}
        # one record per open element: (name, end frame, text sink, xml:base)
        self.stack: list[tuple] = []
        self.field: _Field | None = None  # the innermost open text element
        self.author_field: _Field | None = None  # an open entry author (fields nest only there)
        self.sink: list[str] | None = None  # where character data goes now
        self.escape = False  # feedparser escapes text inside XHTML content
        self.xlink = False  # an xlink prefix was declared (feedparser adds it to attributes)
        self.base = _stable_base(base)
        self.entry: _Entry | None = None
        self.infeed = self.inimage = self.intextinput = self.insource = False
        self.inauthor = self.inpublisher = False
        self.feed_image = False  # 'image' in feedparser's feeddata
        self.feed_summary = False  # 'summary' in feedparser's feeddata
        self.feed_link_set = False
        self.title_depth = -1
        self.has_content = False
        self.guidislink = False
        self.summary_key: str | None = None

    # -- names, attributes and xml:base, as feedparser's strict parser sees them ----------------
    def ns_decl(self, prefix: str | None, uri: str | None) -> None:
        """mixin.track_namespace (via strict.startPrefixMapping)."""
        if not uri:
            return
        prefix = prefix or None
        if prefix and uri == "http://www.w3.org/1999/xlink":
            self.xlink = True
        lower = uri.lower()
        if not self.version:
            if (prefix, lower) == (None, "http://my.netscape.com/rdf/simple/0.9/"):
                self.version = "rss090"
            elif lower == "http://purl.org/rss/1.0/":
                self.version = "rss10"
            elif lower == "http://www.w3.org/2005/atom":
                self.version = "atom10"
        if "backend.userland.com/rss" in lower:
            uri = lower = "http://backend.userland.com/rss"
        if lower in _MATCH:
            self.nsmap[prefix] = _MATCH[lower]
            self.ns_in_use[_MATCH[lower]] = uri
        else:
            self.ns_in_use[prefix or ""] = uri
        self.names.clear()
        self.end_names.clear()

    def _tag(self, name: str, start: bool) -> tuple[str, bool, str]:
        """strict.startElementNS / endElementNS, then mixin.unknown_starttag's handler name.

        Returns (name, prefixed, strict tag): e.g. ("media_title", True, "media:title").
        """
        uri, _, local = name.rpartition(" ")
        lower = uri.lower()
        if start and "backend.userland.com/rss" in lower:
            uri = lower = "http://backend.userland.com/rss"
        prefix = _MATCH.get(lower)
        local = local.lower()
        if prefix:
            local = prefix.lower() + ":" + local
        elif uri:
            for p, v in self.ns_in_use.items():
                if p and v == uri:
                    local = p + ":" + local
                    break
        tag = local.lower()
        if ":" in tag:
            p, suffix = tag.split(":", 1)
            p = self.nsmap.get(p, p)
            return (p + "_" + suffix, True, tag) if p else (suffix, False, tag)
        return tag, False, tag

    @staticmethod
    def _attrs(raw: dict) -> dict:
        """strict.startElementNS's attribute dict, then mixin._normalize_attributes."""
        keys = _ATTR_KEYS
        d = {}
        for k, v in raw.items():
            names = keys.get(k) or _attr_keys(k)
            d[names[0]] = v
        for k, v in raw.items():
            d[keys[k][1]] = v
        if "rel" in d:
            d["rel"] = d["rel"].lower()
        if "type" in d:
            d["type"] = d["type"].lower()
        return d

    def _set_base(self, given: str) -> None:
        """mixin.unknown_starttag's xml:base tracking, for an element that sets xml:base."""
        if self.base:
            self.base = make_safe_absolute_uri(self.base, given) or self.base
        else:
            self.base = _urljoin(self.base, given)
        self.base = _stable_base(self.base)

    # -- expat handlers ----------------------------------------------------------------------
    def start(self, name: str, raw_attrs: dict) -> None:
        cached = self.names.get(name)
        if cached is None:
            cached = self.names[name] = self._classify(name)
        fname, hack, guarded, handler, tag = cached
        attrs = self._attrs(raw_attrs) if raw_attrs else {}
        f = self.field
        if f is not None:
            if f is not self.author_field:
                self._markup(f, fname, tag, attrs)
                return
            self._author_child(fname)
        if attrs and ("xml:base" in attrs or "base" in attrs):
            given = attrs.get("xml:base", attrs.get("base"))
            if given:
                self._set_base(given)
        if hack:
            # feedparser's "special hack": most unprefixed elements end image/textinput context
            if fname not in _KEEP_TEXTINPUT:
                self.intextinput = False
            if fname not in _KEEP_IMAGE:
                self.inimage = False
        if guarded and self.entry is not None and self.inimage:
            # feedparser files these under the feed's image, or drops them
            raise Unsupported(f"{fname} inside an entry's image")
        frame, pushes = handler(fname, attrs, len(self.stack) + 1)
        if frame.__class__ is _Field:
            sink = frame.pieces
            self.field = frame
            self.escape = frame.ctype == _XHTML
        elif pushes:
            sink = None
        else:
            sink = self.sink  # nothing on feedparser's stack: its text goes to the enclosing one
        self.stack.append((fname, frame, sink, self.base))
        self.sink = sink

    def _markup(self, f: _Field, fname: str, tag: str, attrs: dict) -> None:
        """An element inside a text element: feedparser writes it into the text as XHTML."""
        if f.element not in _MARKUP_FIELDS:
            raise Unsupported(f"markup inside <{f.name}>")
        # feedparser still calls the end handler of a markup element: only handler-less ones
        if fname in _HANDLED or fname in ("svg", "math") or self.xlink:
            raise Unsupported(f"<{tag}> inside <{f.name}>")
        if not f.ctype.endswith("xml"):
            # escaped HTML with real elements in it: from here on feedparser reads XHTML
            if tag in ("xhtml:div", "div"):
                raise Unsupported("div inside escaped markup")  # feedparser skips it, unevenly
            if any("<" in p for p in f.pieces):
                raise Unsupported("'<' in text before markup")
            f.ctype = _XHTML
            self.escape = True
        if attrs and ("xml:base" in attrs or "base" in attrs):
            given = attrs.get("xml:base", attrs.get("base"))
            if given:
                self._set_base(given)
        local = tag.split(":", 1)[1] if ":" in tag else tag
        f.pieces.append(f"<{local}{_strattrs(attrs)}>")
        self.stack.append((fname, local, f.pieces, self.base))
        self.sink = f.pieces

    def chars(self, data: str) -> None:
        if self.sink is not None:
            self.sink.append(_escape(data) if self.escape else data)

    def end(self, name: str) -> None:
        fname = self.end_names.get(name)
        if fname is None:
            fname = self.end_names[name] = self._tag(name, False)[0]
        stack = self.stack
        top = stack.pop()
        if fname != top[0]:
            raise Unsupported(f"end tag {fname} for {top[0]}")
        frame = top[1]
        if frame is not None:
            if frame.__class__ is _Field:
                if frame is self.author_field:
                    self.author_field = self.field = None
                else:
                    self.field = self.author_field
                self.escape = False
                self._end_field(frame, len(stack) + 1)
            elif frame.__class__ is str:
                top[2].append(f"</{frame}>")  # the end of a markup element (see _markup)
            else:
                frame()
        if stack:
            parent = stack[-1]
            self.sink = parent[2]
            if parent[3]:
                self.base = parent[3]
        else:
            self.sink = None


def parse_fast(
    body: bytes, max_entries: int = 2000, base: str = "", content_type: str | None = None
) -> RawFeed:
    """Parse a well-formed feed as feedparser.parse(body, response_headers=...) would.

    `base` is the content-location and `content_type` the Content-Type header feedparser gets
    (parse.py passes both). Raises Unsupported whenever feedparser is needed.
    """
    # feedparser's own decoding (BOMs, RFC 3023 rules, the XML declaration, fallbacks) gives
    # the very characters its expat sees; e.g. without a Content-Type it reads an undeclared
    # document as ISO-8859-1, which leaves author names and link attributes in mojibake.
    headers = {"content-location": base} if base else {}
    if content_type:
        headers["content-type"] = content_type
    result: dict = {}
    body = convert_to_utf8(headers, body, result)
    if not result.get("encoding"):
        raise Unsupported("encoding unknown")  # feedparser then reads it with its loose parser
    if b"<!DOCTYPE" in body[:4096] or b"<!doctype" in body[:4096] or b"<!ENTITY" in body[:4096]:
        raise Unsupported("DOCTYPE")
    p = _Parser(max_entries, base)
    x = expat.ParserCreate("utf-8", " ")
    x.buffer_text = True
    x.ordered_attributes = False
    x.StartElementHandler = p.start
    x.EndElementHandler = p.end
    x.CharacterDataHandler = p.chars
    x.StartNamespaceDeclHandler = p.ns_decl

    def refuse(*_a):
        raise Unsupported("DTD")

    x.StartDoctypeDeclHandler = refuse
    x.EntityDeclHandler = refuse
    try:
        x.Parse(body, True)
    except expat.ExpatError as e:
        raise Unsupported(f"not well-formed: {e}") from None
    except Unsupported:
        raise
    except Exception as e:  # feedparser's helpers, our handlers: never a crash
        # A construct the handlers did not foresee: feedparser's job.
        raise Unsupported(f"unexpected {e.__class__.__name__}: {e}") from None
    p.feed.version = p.version
    return p.feed
