"""A fast path for well-formed, plain RSS 2.0 / RSS 1.0 / Atom 1.0 documents, built on expat.

feedparser is thorough but slow (about 1 ms per entry here). Most real feeds are well-formed UTF-8
documents that use a handful of elements, and for those this module produces exactly the raw
fields that feedparser would, in a fraction of the time. It is deliberately timid: anything it
does not fully understand (a DOCTYPE, xml:base, relative links, an element outside its
whitelist, another encoding, markup inside a text element, ...) raises `Unsupported`, and the
caller falls back to feedparser. tests/test_parse_fastpath.py proves on the whole real feed corpus
that every document it accepts gives the same items as feedparser.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from xml.parsers import expat

from feedparser.datetimes import _parse_date

RSS1 = "http://purl.org/rss/1.0/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
WFW = "http://wellformedweb.org/CommentAPI/"
SLASH = "http://purl.org/rss/1.0/modules/slash/"
THR = "http://purl.org/syndication/thread/1.0"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
MEDIA = "http://search.yahoo.com/mrss/"
XML_NS = "http://www.w3.org/XML/1998/namespace"


class Unsupported(Exception):
    """The document needs feedparser (the message says why, for the statistics)."""


@dataclass
class RawEntry:
    """The feedparser fields koll uses, as strings (None when absent)."""

    title: str | None = None
    link: str | None = None
    id: str | None = None
    published: object = None  # time.struct_time (UTC) or None, as feedparser's *_parsed
    updated: object = None
    created: object = None
    summary: str | None = None
    content: str | None = None
    author: str | None = None
    in_reply_to: str | None = None
    commentrss: str | None = None


@dataclass
class RawFeed:
    title: str | None = None
    link: str | None = None
    entries: list[RawEntry] = field(default_factory=list)
    version: str = ""


# Element -> field for entry children. Elements mapped to None are known to leave every field
# koll reads untouched in feedparser, so they are skipped. Everything else means "fall back".
_RSS_ENTRY = {
    "title": "title",
    "link": "link",
    "guid": "id",
    "pubDate": "published",
    "description": "summary",
    "author": "author",
    "comments": None,
    "category": None,
    "enclosure": None,
    "source": None,
    CONTENT + " encoded": "content",
    DC + " creator": "author",
    DC + " date": "updated",
    DC + " subject": None,
    WFW + " commentRss": "commentrss",
    WFW + " comment": None,
    SLASH + " comments": None,
    DC + " language": None,
    ITUNES + " duration": None,
    ITUNES + " explicit": None,
    ITUNES + " image": None,
    ITUNES + " episode": None,
    ITUNES + " episodeType": None,
    ITUNES + " season": None,
    ITUNES + " block": None,
    MEDIA + " content": None,
    MEDIA + " thumbnail": None,
}
_RSS1_ENTRY = {RSS1 + " " + k: v for k, v in _RSS_ENTRY.items() if " " not in k and k != "guid"}
_RSS1_ENTRY.update({k: v for k, v in _RSS_ENTRY.items() if " " in k})
_ATOM_ENTRY = {
    ATOM + " title": "title",
    ATOM + " id": "id",
    ATOM + " published": "published",
    ATOM + " updated": "updated",
    ATOM + " summary": "summary",
    ATOM + " content": "content",
    ATOM + " category": None,
}
_DATES = ("published", "updated", "created")
_TEXT_TYPES = {"text", "html", "text/plain", "text/html"}

# feedparser maps the C1 range to Windows-1252 characters (a common mislabelling).
_CP1252 = {c: bytes([c]).decode("cp1252", errors="ignore") or chr(c) for c in range(0x80, 0xA0)}
# str.translate with a mapping walks the string in Python-level steps (about 25 µs per Swedish
# paragraph); a C-level search first skips the many texts with no C1 character at all.
_C1 = re.compile("[\x80-\x9f]")
_DECL_ENC = re.compile(rb"(<\?xml[^>]*?encoding\s*=\s*[\"'])([A-Za-z0-9._:-]+)([\"'])")
# Single-byte encodings whose bytes map one-to-one onto characters: transcoding them to UTF-8
# before expat reads them changes nothing feedparser would see.
_TRANSCODABLE = re.compile(r"^(iso-8859-([1-9]|1[0-5])|windows-125[0-8]|koi8-[ru])$")
_LINK_REF = re.compile(r"&([A-Za-z0-9_]+);")


def _absolute_id(value: str) -> str:
    """feedparser resolves scheme-less ids against the base URL; leave those to it."""
    m = _SCHEME.match(value)
    if not m:
        raise Unsupported("relative id")
    if m.group(0).lower() in ("http:", "https:") and m.group(0) not in ("http:", "https:"):
        raise Unsupported("upper-case scheme")  # feedparser normalises it
    return value


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _fix_text(s: str) -> str:
    """feedparser's post-processing of every element value (see its mixin.pop)."""
    s = s.strip()
    if not s.isascii():
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            # feedparser's repair of UTF-8 that was decoded as Latin-1 somewhere upstream
            s = s.encode("iso-8859-1").decode("utf-8")
        if _C1.search(s):
            s = s.translate(_CP1252)
    return s


class _Parser:
    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self.feed = RawFeed()
        self.stack: list[str] = []
        self.entry: RawEntry | None = None
        self.entry_depth = -1
        self.field: str | None = None  # the entry/feed field whose text is being collected
        self.text: list[str] = []
        self.link_from_element = False
        self.atom_author = False
        self.author_name: str | None = None
        self.author_email: str | None = None
        self.authors_seen = 0
        self.guid_is_link = False
        self.guid_explicit_false = False

    # -- handlers ---------------------------------------------------------------------------
    def start(self, name: str, attrs: dict) -> None:
        if self.field is not None:
            raise Unsupported(f"markup inside <{self.stack[-1]}>")
        if XML_NS + " base" in attrs:
            raise Unsupported("xml:base")
        depth = len(self.stack)
        self.stack.append(name)
        if depth == 0:
            if name == "rss":
                if attrs.get("version", "2.0") not in ("2.0", "0.91", "0.92"):
                    raise Unsupported("RSS version")
                self.feed.version = "rss"
            elif name == RDF + " RDF":
                self.feed.version = "rss1"
            elif name == ATOM + " feed":
                self.feed.version = "atom"
            else:
                raise Unsupported(f"root element {name}")
            return
        v = self.feed.version
        if self.entry is None:
            if (
                (v == "rss" and name == "item" and self.stack[-2] == "channel" and depth == 2)
                or (v == "rss1" and name == RSS1 + " item" and depth == 1)
                or (v == "atom" and name == ATOM + " entry" and depth == 1)
            ):
                self.entry = RawEntry()
                if v == "rss1" and attrs.get(RDF + " about"):
                    self.entry.id = _absolute_id(attrs[RDF + " about"].strip())
                self.entry_depth = depth
                self.link_from_element = False
                self.guid_is_link = self.guid_explicit_false = False
                self.authors_seen = 0
                return
            if v == "rss" and name == "item":
                raise Unsupported("item outside channel")
            # Feed-level title and link (direct children of channel / feed only).
            parent_ok = (v == "rss" and depth == 2 and self.stack[-2] == "channel") or (
                v == "rss1" and depth == 2 and self.stack[-2] == RSS1 + " channel"
            )
            if parent_ok and name in ("title", RSS1 + " title"):
                self._collect("feed_title")
            elif v == "atom" and depth == 1 and name == ATOM + " title":
                if attrs.get("type", "text") not in _TEXT_TYPES:
                    raise Unsupported("feed title type")
                self._collect("feed_title")
            elif v == "atom" and depth == 1 and name == ATOM + " link":
                self._atom_link(attrs, feed=True)
            return
        rel = depth - self.entry_depth
        if v == "atom":
            if rel == 1 and name == ATOM + " link":
                self._atom_link(attrs, feed=False)
                return
            if rel == 1 and name == ATOM + " author":
                if self.authors_seen:
                    raise Unsupported("several authors")
                self.authors_seen = 1
                self.atom_author = True
                return
            if rel == 2 and self.atom_author:
                if name == ATOM + " name":
                    self._collect("author_name")
                elif name == ATOM + " email":
                    self._collect("author_email")
                elif name != ATOM + " uri":
                    raise Unsupported(f"author child {name}")
                return
            if rel == 1 and name == THR + " in-reply-to":
                if self.entry.in_reply_to is not None:
                    raise Unsupported("two in-reply-to")
                href = attrs.get("href") or attrs.get("ref")
                if not href or "href" not in attrs or not href.startswith(("http://", "https://")):
                    raise Unsupported("in-reply-to without absolute href")
                self.entry.in_reply_to = href
                return
            if rel == 1 and name in _ATOM_ENTRY:
                target = _ATOM_ENTRY[name]
                if name in (ATOM + " title", ATOM + " summary", ATOM + " content"):
                    t = attrs.get("type", "text")
                    if t not in _TEXT_TYPES or "src" in attrs:
                        raise Unsupported(f"{name} type {t}")
                if target is None:
                    self.stack[-1] = "\0skip"
                    return
                if target == "id":
                    # feedparser treats atom:id like an RSS guid: it becomes the link when
                    # the entry has none (yet).
                    self.guid_is_link, self.guid_explicit_false = True, False
                self._collect(target)
                return
            raise Unsupported(f"entry element {name}")
        table = _RSS_ENTRY if v == "rss" else _RSS1_ENTRY
        if rel == 1 and name in table:
            target = table[name]
            if target is None:
                self.stack[-1] = "\0skip"
                return
            if target == "id":
                self.guid_is_link = attrs.get("isPermaLink", "true") == "true"
                self.guid_explicit_false = attrs.get("isPermaLink") == "false"
                if "isPermaLink" in attrs and attrs["isPermaLink"] not in ("true", "false"):
                    raise Unsupported("odd isPermaLink")
            self._collect(target)
            return
        raise Unsupported(f"entry element {name}")

    def _collect(self, target: str) -> None:
        self.field = target
        self.text = []

    def _atom_link(self, attrs: dict, *, feed: bool) -> None:
        rel = attrs.get("rel", "alternate")
        typ = attrs.get("type", "application/atom+xml" if rel == "self" else "text/html")
        href = attrs.get("href")
        if href is None:
            raise Unsupported("atom link without href")
        if not href.startswith(("http://", "https://")):
            raise Unsupported("relative link")
        if rel == "alternate" and typ in ("text/html", "application/xhtml+xml", "html", "xhtml"):
            href = href.strip()
            if feed:
                self.feed.link = href
            else:
                self.entry.link = href

    def chars(self, data: str) -> None:
        if self.field is not None:
            self.text.append(data)

    def end(self, name: str) -> None:
        self.stack.pop()
        if self.field is not None:
            value = "".join(self.text)
            target, self.field = self.field, None
            self._store(target, value)
            return
        if self.entry is not None and len(self.stack) == self.entry_depth:
            if self.feed.version == "atom":
                # feedparser's entry.author is "Name (email)", or whichever of the two exists.
                name, email = self.author_name, self.author_email
                if name and email:
                    self.entry.author = f"{name} ({email})"
                elif name or email:
                    self.entry.author = name or email
            self.author_name = self.author_email = None
            if len(self.feed.entries) < self.max_entries:
                self.feed.entries.append(self.entry)
            self.entry = None
        elif (
            self.entry is not None and self.atom_author and len(self.stack) == self.entry_depth + 1
        ):
            self.atom_author = False

    def _store(self, target: str, value: str) -> None:
        value = _fix_text(value)
        if target == "feed_title":
            self.feed.title = value
            return
        if target == "author_name":
            self.author_name = value
            return
        if target == "author_email":
            self.author_email = value
            return
        e = self.entry
        if target == "link":
            if not value:
                raise Unsupported("empty link")
            value = _LINK_REF.sub(r"&\g<1>", value.replace("&amp;", "&"))
            if not value.startswith(("http://", "https://")):
                raise Unsupported("relative link")
            e.link = value
            self.link_from_element = True
        elif target == "id":
            if not value:
                raise Unsupported("empty guid")
            # An RSS guid marked isPermaLink="false" is left alone by feedparser.
            e.id = value if self.guid_explicit_false else _absolute_id(value)
            if self.guid_is_link and e.link is None:
                e.link = value
        elif target in _DATES:
            if getattr(e, target + "_raw", None) is not None:
                raise Unsupported("two dates of one kind")
            setattr(e, target + "_raw", value)
            setattr(e, target, _parse_date(value) if value else None)
        elif target == "author":
            if e.author is not None:
                raise Unsupported("two authors")
            e.author = value
        elif target == "commentrss":
            if not value.startswith(("http://", "https://")):
                raise Unsupported("relative comment feed")
            e.commentrss = value
        else:
            if getattr(e, target) is not None:
                raise Unsupported(f"two {target}")
            setattr(e, target, value)


def parse_fast(body: bytes, max_entries: int = 2000) -> RawFeed:
    """Parse a well-formed UTF-8 feed; raises Unsupported whenever feedparser is needed."""
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unsupported("UTF-16")
    body = body.removeprefix(b"\xef\xbb\xbf").lstrip()  # feedparser tolerates leading blanks
    head = body[:512]
    if b"<!DOCTYPE" in head or b"<!doctype" in head or b"<!ENTITY" in body[:4096]:
        raise Unsupported("DOCTYPE")
    m = _DECL_ENC.match(head)
    if m and m.group(2).lower() not in (b"utf-8", b"utf8"):
        enc = m.group(2).decode("ascii").lower()
        if not _TRANSCODABLE.match(enc):
            raise Unsupported("declared encoding")
        try:
            text = body.decode(enc)
        except (UnicodeDecodeError, LookupError):
            raise Unsupported("bytes do not match the declared encoding") from None
        body = (m.group(1) + b"utf-8" + m.group(3)).decode() + text[m.end() :]
        body = body.encode("utf-8")
    p = _Parser(max_entries)
    x = expat.ParserCreate("utf-8", " ")
    x.buffer_text = True
    x.ordered_attributes = False
    x.StartElementHandler = p.start
    x.EndElementHandler = p.end
    x.CharacterDataHandler = p.chars

    def refuse(*_a):
        raise Unsupported("DTD")

    x.StartDoctypeDeclHandler = refuse
    x.EntityDeclHandler = refuse
    try:
        x.Parse(body, True)
    except expat.ExpatError as e:
        raise Unsupported(f"not well-formed: {e}") from None
    except (AttributeError, TypeError, ValueError, IndexError) as e:
        # A construct the handlers did not foresee: feedparser's job, never a crash.
        raise Unsupported(f"unexpected {e.__class__.__name__}") from None
    if not p.feed.version:
        raise Unsupported("no feed")
    return p.feed
