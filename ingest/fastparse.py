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
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any, ClassVar
from xml.parsers import expat
from xml.sax.saxutils import escape as _escape

from feedparser.datetimes import _parse_date
from feedparser.encodings import convert_to_utf8
from feedparser.urls import _urljoin, make_safe_absolute_uri, resolve_relative_uris

from ingest.fastparse_rules import (
    _ATTR_KEYS,
    _AUTHOR_CHILDREN,
    _AUTHORS,
    _CAN_BE_RELATIVE,
    _CONTENT_TYPES,
    _DATES,
    _DESCRIPTIONS,
    _GEO,
    _HANDLED,
    _HARMLESS,
    _HARMLESS_LEAF,
    _HTML_TEXTS,
    _HTML_TYPES,
    _KEEP_IMAGE,
    _KEEP_TEXTINPUT,
    _MARKUP_FIELDS,
    _MATCH,
    _SENSITIVE,
    _SUBTITLES,
    _SUMMARIES,
    _TEXT_TYPES,
    _TITLES,
    _XHTML,
    _attr_keys,
    _fix_link,
    _looks_like_html,
    _map_type,
    _needs_html_pass,
    _repair,
    _resolve,
    _strattrs,
    _strip_div,
)
from ingest.models import RawEntry, RawFeed


class Unsupported(Exception):
    """The document needs feedparser (the message says why, for the statistics)."""


_EMAIL = re.compile(
    r"""(([a-zA-Z0-9\_\-\.\+]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9\-]+\.)+))"""
    r"""([a-zA-Z]{2,4}|[0-9]{1,3})(\]?))(\?subject=\S+)?"""
)


def _sync_author(e: _Entry) -> None:
    """mixin._sync_author_detail for an entry, verbatim: entry.author from the current author.

    With details (name, e-mail) it is "name (email)"; without, feedparser instead parses the
    entry's author text into the current author's details, which a later child then joins.
    """
    detail = e.author_detail
    if detail:
        name, email = detail.get("name"), detail.get("email")
        if name and email:
            e.vals["author"] = f"{name} ({email})"
        elif name:
            e.vals["author"] = name
        elif email:
            e.vals["author"] = email
        return
    author, email = e.vals.get("author"), None
    if not author:
        return
    m = _EMAIL.search(author)
    if m:
        email = m.group(0)
        author = author.replace(email, "").replace("()", "").replace("<>", "")
        author = author.replace("&lt;&gt;", "").strip()
        if author and author[0] == "(":
            author = author[1:]
        if author and author[-1] == ")":
            author = author[:-1]
        author = author.strip()
    if author:
        detail["name"] = author
    if email:
        detail["email"] = email


def _stable_base(base: str) -> str:
    """The base every element without xml:base keeps: feedparser re-joins it to itself."""
    if base and (make_safe_absolute_uri(base, base) or base) != base:
        raise Unsupported("a base URL that changes when joined to itself")
    return base


class _Field:
    """An open element whose text feedparser pops (mixin.push / push_content + pop)."""

    __slots__ = ("name", "element", "ctype", "pieces", "depth", "expecting")

    def __init__(self, name, element, ctype, depth, expecting=True):
        self.name = name  # feedparser's element name (title, media_title, dc_creator, ...)
        self.element = element  # the key feedparser pops it as (title, description, id, ...)
        self.ctype = ctype  # contentparams['type'] for push_content elements, else None
        self.pieces: list[str] = []
        self.depth = depth
        self.expecting = expecting


class _Entry:
    """One entry in the making: feedparser's dict, reduced to the keys koll reads."""

    def __init__(self):
        self.vals: dict[str, str] = {}  # title, summary, id, author, wfw_commentrss
        self.depths: dict[str, int] = {}  # feedparser's property_depth_map for those keys
        self.link: str | None = None
        self.contents: list[str] = []
        self.dates: dict[str, time.struct_time | None] = {}  # feedparser's _parse_date()
        self.in_reply_to: object = None
        self.author_detail: dict[str, str] = {}  # the current author's (feedparser: authors[-1])

    def put(self, key: str, value: str, depth: int) -> None:
        """mixin.pop's store: a value from a shallower or equally deep element wins."""
        old = self.depths.get(key)
        if old is None or depth <= old:
            self.depths[key] = depth
            self.vals[key] = value

    def raw(self) -> RawEntry:
        v = self.vals
        return RawEntry(
            title=v.get("title"),
            link=self.link,
            id=v.get("id"),
            published=self.dates.get("published"),
            updated=self.dates.get("updated"),
            created=self.dates.get("created"),
            summary=v["summary"] if "summary" in v else v.get("subtitle"),
            content=next((c for c in self.contents if c), None),
            author=v.get("author"),
            in_reply_to=self.in_reply_to.get("href")
            if isinstance(self.in_reply_to, dict)
            else None,
            commentrss=v.get("wfw_commentrss"),
        )


class _Parser:
    __slots__ = (
        "author_field", "base", "end_names", "entry", "escape", "feed", "feed_image",
        "feed_link_set", "feed_summary", "field", "guidislink", "has_content", "inauthor",
        "infeed", "inimage", "inpublisher", "insource", "intextinput", "max_entries", "names",
        "ns_in_use", "nsmap", "sink", "stack", "summary_key", "title_depth", "version", "xlink",
    )  # fmt: skip
    # start handler per feedparser element name; filled in below the class
    _HANDLERS: ClassVar[dict[str, Callable[..., Any]]]

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

    # -- feedparser's handlers, replayed ---------------------------------------------------------
    def _classify(self, name: str) -> tuple:
        """(name, ends image/textinput, refused in an entry's image, start handler) of a name."""
        fname, prefixed, tag = self._tag(name, True)
        handler = self._HANDLERS.get(fname)
        if handler is None:
            if fname in _HARMLESS:
                handler = _Parser._h_harmless
            elif fname in _HANDLED:
                handler = _Parser._h_refuse
            elif fname in _SENSITIVE:
                handler = _Parser._h_refuse_in_entry
            else:
                handler = _Parser._h_unknown
        # an entry's image may hold a title (filed as the entry's, under the depth rule) and a
        # text link (dropped); other handlers would write to the feed's image
        guarded = fname in _HANDLED and fname not in _HARMLESS and fname not in ("title", "link")
        hack = not prefixed and not (fname in _KEEP_TEXTINPUT and fname in _KEEP_IMAGE)
        return fname, hack, guarded, handler.__get__(self), tag

    def _ctx(self) -> str:
        """mixin._get_context: where feedparser's _save and feed-level pops write."""
        if self.insource:
            return "source"
        if self.inimage and self.feed_image:
            return "image"
        if self.intextinput:
            return "textinput"
        return "entry" if self.entry is not None else "feed"

    @staticmethod
    def _ctype(attrs: dict, default: str) -> str:
        """push_content's contentparams['type']; base64 and XHTML bodies are feedparser's."""
        t = attrs.get("type")
        if t is None and "mode" not in attrs:
            return default
        t = _CONTENT_TYPES.get(t or default) if attrs.get("mode") != "base64" else None
        if t is None:
            raise Unsupported(f"content type {attrs.get('type')}")
        return t

    def _author_child(self, fname: str) -> None:
        if fname in _HANDLED and fname not in _AUTHOR_CHILDREN:
            raise Unsupported(f"author child {fname}")

    # start handlers: (name, attrs, depth) -> (end frame, whether feedparser pushes an element)
    def _h_item(self, fname: str, attrs: dict, depth: int):
        if self.entry is not None or self.inauthor or self.insource:
            raise Unsupported("nested entry")
        if "lastmod" in attrs or "href" in attrs:
            raise Unsupported("CDF item attributes")
        self.entry = e = _Entry()
        self.guidislink = False
        self.title_depth = -1
        about = attrs.get(self.nsmap.get("rdf", "rdf") + ":about")
        if about:
            e.vals["id"] = about
        return self._end_item, True

    def _h_title(self, fname: str, attrs: dict, depth: int):
        ctype = self._ctype(attrs, "text/plain")
        return _Field(
            fname, "title", ctype, depth, (self.infeed or self.entry is not None or self.insource)
        ), True

    def _h_summary(self, fname: str, attrs: dict, depth: int):
        return self._start_summary(
            fname, attrs, depth, (self.infeed or self.entry is not None or self.insource)
        ), True

    def _h_content(self, fname: str, attrs: dict, depth: int):
        if self._ctx() not in ("entry", "feed"):
            raise Unsupported(f"{fname} outside entry and feed")
        self.has_content = True
        if fname == "content" and "src" in attrs and "type" in attrs:
            # out-of-line content (src=...): feedparser keeps an empty value of any type, and
            # only copies it into the summary for text types
            t = _TEXT_TYPES.get(attrs["type"])
            return _Field(fname, "content_src", t, depth), True
        default = "text/plain" if fname == "content" else "text/html"
        # a src attribute only adds contentparams['src'], which koll does not read
        return _Field(fname, "content", self._ctype(attrs, default), depth), True

    def _h_link(self, fname: str, attrs: dict, depth: int):
        return self._start_link(
            attrs, depth, (self.infeed or self.entry is not None or self.insource)
        )

    def _h_guid(self, fname: str, attrs: dict, depth: int):
        self.guidislink = attrs.get("ispermalink", "true") == "true"
        return _Field(fname, "id", None, depth), True

    def _h_date(self, fname: str, attrs: dict, depth: int):
        return _Field(fname, _DATES[fname], None, depth), True

    def _h_author(self, fname: str, attrs: dict, depth: int):
        e = self.entry
        self.inauthor = True
        if e is None or self.insource:
            return self._end_author_feed, True
        e.author_detail = {}
        self.author_field = f = _Field(fname, "author", None, depth)
        return f, True

    def _h_name(self, fname: str, attrs: dict, depth: int):
        if self.inauthor and not self.inpublisher and self.entry is not None and not self.insource:
            key = "name" if fname.endswith("name") else "email"
            return _Field(fname, key, None, depth, expecting=False), True
        return None, True

    def _h_href(self, fname: str, attrs: dict, depth: int):
        # url / uri / homepage: an author's web address, which feedparser's _save_author
        # handles like a name or e-mail (it re-syncs entry.author on the way)
        if self.inauthor and self.entry is not None and not self.insource:
            return _Field(fname, "href", None, depth), True
        return None, True

    def _h_commentrss(self, fname: str, attrs: dict, depth: int):
        if attrs:
            raise Unsupported("wfw:commentRss with attributes")
        return _Field(fname, "wfw_commentrss", None, depth), True

    def _h_inreplyto(self, fname: str, attrs: dict, depth: int):
        e = self.entry
        if e is not None and not self.insource:
            if e.in_reply_to is not None:
                raise Unsupported("two in-reply-to")
            # with attributes feedparser keeps them (koll reads href); else the text, unread
            e.in_reply_to = attrs or ""
        return None, not attrs

    def _h_root(self, fname: str, attrs: dict, depth: int):
        if self.entry is not None:
            raise Unsupported(f"{fname} inside an entry")
        return self._start_root(fname, attrs), False

    def _h_image(self, fname: str, attrs: dict, depth: int):
        if self.insource:
            raise Unsupported("image in source")
        if self.entry is None:
            if self._ctx() != "feed":
                raise Unsupported("image outside the channel")
            self.feed_image = True
        self.inimage = True
        self.title_depth = -1
        return self._end_image, True

    def _h_textinput(self, fname: str, attrs: dict, depth: int):
        if self.entry is not None:
            raise Unsupported("textinput in an entry")
        self.intextinput = True
        self.title_depth = -1
        return self._end_textinput, True

    def _h_source(self, fname: str, attrs: dict, depth: int):
        # an entry's source feed: feedparser files its children under entry.source
        if self.entry is None or self.insource:
            raise Unsupported("source outside an entry")
        self.insource = True
        self.title_depth = -1
        return self._end_source, True

    def _h_owner(self, fname: str, attrs: dict, depth: int):
        self.inpublisher = True
        return self._end_owner, True

    def _h_subtitle(self, fname: str, attrs: dict, depth: int):
        if self.entry is not None:
            return _Field(fname, "subtitle", self._ctype(attrs, "text/plain"), depth), True
        return self._h_leaf(fname, attrs, depth)

    def _h_leaf(self, fname: str, attrs: dict, depth: int):
        """A push_content element koll never reads; its children are markup to feedparser."""
        ctype = _map_type(attrs.get("type", "text/plain"))
        return _Field(fname, "harmless", ctype, depth, expecting=False), True

    def _h_geo(self, fname: str, attrs: dict, depth: int):
        return _Field(fname, "leaf", None, depth, expecting=False), True

    def _h_chapter(self, fname: str, attrs: dict, depth: int):
        if fname == "psc_chapter" and "start" not in attrs:
            raise Unsupported("podlove chapter without start")  # feedparser raises TypeError
        return None, False

    def _h_harmless(self, fname: str, attrs: dict, depth: int):
        return None, True

    def _h_refuse(self, fname: str, attrs: dict, depth: int):
        raise Unsupported(f"element {fname}")

    def _h_refuse_in_entry(self, fname: str, attrs: dict, depth: int):
        if self.entry is not None:
            raise Unsupported(f"element {fname}")
        return None, not attrs

    def _h_unknown(self, fname: str, attrs: dict, depth: int):
        # no handler: feedparser keeps it under its own name (with attributes: not even pushed)
        return None, not attrs

    def _start_root(self, fname: str, attrs: dict):
        if "lastmod" in attrs or "href" in attrs:
            raise Unsupported("CDF attributes")
        if fname == "rss":
            if not self.version.startswith("rss"):
                v = attrs.get("version", "")
                self.version = {
                    "0.91": "rss091u",
                    "0.92": "rss092",
                    "0.93": "rss093",
                    "0.94": "rss094",
                }.get(v) or ("rss20" if v.startswith("2.") else "rss")
            return None
        if fname == "feed" and not self.version:
            v = attrs.get("version", "")
            self.version = {"0.1": "atom01", "0.2": "atom02", "0.3": "atom03"}.get(v, "atom")
        self.infeed = True
        return self._end_channel

    def _start_summary(self, fname: str, attrs: dict, depth: int, expecting: bool) -> _Field:
        """_start_description / _start_summary / _start_abstract: summary, or content when a
        summary exists and no content yet."""
        ctx = self._ctx()
        e = self.entry
        if fname == "abstract":
            return _Field(fname, "description", self._ctype(attrs, "text/plain"), depth, expecting)
        if ctx == "entry" and e is not None:  # (an entry's context always has one)
            has_summary = "summary" in e.vals
        elif ctx == "feed":
            has_summary = self.feed_summary
        elif fname in _DESCRIPTIONS and ctx in ("image", "textinput"):
            has_summary = False  # feedparser files it under the image / textinput
        else:
            raise Unsupported(f"{fname} in {ctx}")
        if has_summary and not self.has_content:
            self.summary_key = "content"
            self.has_content = True
            if "src" in attrs:
                raise Unsupported("content src")
            return _Field(fname, "content", self._ctype(attrs, "text/plain"), depth)
        if fname in _SUMMARIES:
            self.summary_key = "summary"
            return _Field(fname, "summary", self._ctype(attrs, "text/plain"), depth)
        return _Field(fname, "description", self._ctype(attrs, "text/html"), depth, expecting)

    def _start_link(self, attrs: dict, depth: int, expecting: bool) -> tuple[object, bool]:
        rel = attrs.setdefault("rel", "alternate")
        typ = attrs.setdefault("type", "application/atom+xml" if rel == "self" else "text/html")
        href = attrs.get("url", attrs.get("uri", attrs.get("href")))
        if href:
            attrs["href"] = href
        ctx = self._ctx()
        if "href" not in attrs:
            return _Field("link", "link", None, depth, expecting), True
        if self.entry is not None and self.inimage:
            raise Unsupported("link with href in an entry's image")
        href = _resolve(self.base, attrs["href"])
        if rel == "alternate" and _map_type(typ) in _HTML_TYPES:
            if ctx == "entry" and self.entry is not None:
                self.entry.link = href
            elif ctx == "feed":
                self.feed.link = href
                self.feed_link_set = True
        return None, False

    # -- end handlers ---------------------------------------------------------------------------
    def _pop(self, f: _Field, depth: int) -> str:
        """mixin.pop for the fields koll reads: post-process the text and store it."""
        pieces = f.pieces
        if f.ctype == _XHTML and self.version == "atom10":
            pieces = _strip_div(pieces)
        output = "".join(pieces).strip()
        if not f.expecting:
            return output
        el = f.element
        if el in _CAN_BE_RELATIVE and output and (el != "id" or self.guidislink):
            output = _resolve(self.base, output)
        ctype = f.ctype
        if (
            ctype == "text/plain"
            and not self.version.startswith("atom")
            and _looks_like_html(output)
        ):
            ctype = f.ctype = "text/html"
        if el == "title" and ctype in _HTML_TYPES:
            # koll keeps unknown markup in titles as text, so feedparser's rewriting of tags
            # would show; summaries and contents lose their tags in html_to_text.
            if "<" in output or _needs_html_pass(output):
                output = resolve_relative_uris(output, self.base, "utf-8", ctype)
        elif ctype in _HTML_TYPES and el in _HTML_TEXTS and _needs_html_pass(output):
            # html_to_text reads simple markup the same before and after feedparser's HTML
            # pass; anything else (comments, stray "<", unknown entities) gets the real pass.
            output = resolve_relative_uris(output, self.base, "utf-8", ctype)
        output = _repair(output)
        if el == "title" and -1 < self.title_depth <= depth:
            return output
        e = self.entry
        if e is not None and not self.insource:
            if el == "content":
                e.contents.append(output)
            elif el == "link":
                if not self.inimage:
                    e.link = _fix_link(output.replace("&amp;", "&"))
            else:
                e.put("summary" if el == "description" else el, output, depth)
        elif (self.infeed or self.insource) and self._ctx() == "feed":
            if el == "title":
                self.feed.title = output
            elif el == "link":
                self.feed.link = _fix_link(output)
                self.feed_link_set = True
            elif el == "summary":
                self.feed_summary = True
        return output

    def _end_field(self, f: _Field, depth: int) -> None:
        el = f.element
        e = self.entry
        if el == "title":
            before = self.title_depth
            value = self._pop(f, depth)
            if f.name == "media_title":
                self.title_depth = before
            elif value:
                self.title_depth = depth
        elif el == "content":
            value = self._pop(f, depth)
            self.summary_key = None
            # _end_content copies a text or HTML content into an absent summary (_save)
            if e is not None:
                e.vals.setdefault("summary", value)
            else:
                self.feed_summary = True
        elif el == "content_src":
            if "".join(f.pieces).strip():
                raise Unsupported("text in out-of-line content")
            self.summary_key = None
            if e is not None:
                e.contents.append("")
                if f.ctype is not None:
                    e.vals.setdefault("summary", "")
            elif f.ctype is not None:
                self.feed_summary = True
        elif el in ("description", "summary"):
            self._pop(f, depth)
            self.summary_key = None
        elif el == "id":
            value = self._pop(f, depth)
            if self.guidislink:
                ctx = self._ctx()
                if ctx == "entry" and e is not None and e.link is None:
                    e.link = value
                elif ctx == "feed" and not self.feed_link_set:
                    self.feed.link = value
                    self.feed_link_set = True
        elif el in ("published", "updated", "created"):
            value = self._pop(f, depth)
            if e is not None and not self.insource:  # in an entry only the entry's own
                e.dates[el] = _parse_date(value)
        elif el == "author":
            self._pop(f, depth)
            self.inauthor = False
            assert e is not None  # _h_author opens an author field only inside an entry
            _sync_author(e)
        elif el in ("name", "email", "href"):
            # mixin._save_author: sync entry.author first, then note the new detail
            value = self._pop(f, depth)
            assert e is not None  # _h_name / _h_href open these only inside an entry
            _sync_author(e)
            e.author_detail[el] = value
        elif el in ("link", "wfw_commentrss", "subtitle"):
            self._pop(f, depth)
        # "harmless": a push_content element whose value koll never reads

    def _end_item(self) -> None:
        e = self.entry
        assert e is not None  # the end frame _h_item returned after setting it
        self.entry = None
        self.has_content = False
        if len(self.feed.entries) < self.max_entries:
            self.feed.entries.append(e.raw())

    def _end_author_feed(self) -> None:
        self.inauthor = False

    def _end_channel(self) -> None:
        self.infeed = False

    def _end_source(self) -> None:
        self.insource = False

    def _end_image(self) -> None:
        self.inimage = False

    def _end_textinput(self) -> None:
        self.intextinput = False

    def _end_owner(self) -> None:
        self.inpublisher = False


_Parser._HANDLERS = {
    "item": _Parser._h_item,
    "entry": _Parser._h_item,
    **dict.fromkeys(_TITLES, _Parser._h_title),
    **dict.fromkeys(_DESCRIPTIONS | _SUMMARIES | {"abstract"}, _Parser._h_summary),
    **dict.fromkeys(("content", "content_encoded", "fullitem"), _Parser._h_content),
    "link": _Parser._h_link,
    "guid": _Parser._h_guid,
    "id": _Parser._h_guid,
    **dict.fromkeys(_DATES, _Parser._h_date),
    **dict.fromkeys(_AUTHORS, _Parser._h_author),
    **dict.fromkeys(("name", "email", "itunes_name", "itunes_email"), _Parser._h_name),
    **dict.fromkeys(("url", "uri", "homepage"), _Parser._h_href),
    **dict.fromkeys(("rss", "channel", "feed"), _Parser._h_root),
    "image": _Parser._h_image,
    "textinput": _Parser._h_textinput,
    "source": _Parser._h_source,
    "itunes_owner": _Parser._h_owner,
    **dict.fromkeys(_SUBTITLES, _Parser._h_subtitle),
    **dict.fromkeys(_HARMLESS_LEAF, _Parser._h_leaf),
    **dict.fromkeys(_GEO, _Parser._h_geo),
    **dict.fromkeys(("psc_chapters", "psc_chapter"), _Parser._h_chapter),
}
# Handler-less names koll reads, replayed: only while feedparser has no handler for them.
if "wfw_commentrss" not in _HANDLED:
    _Parser._HANDLERS["wfw_commentrss"] = _Parser._h_commentrss
if "thr_in-reply-to" not in _HANDLED:
    _Parser._HANDLERS["thr_in-reply-to"] = _Parser._h_inreplyto


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
