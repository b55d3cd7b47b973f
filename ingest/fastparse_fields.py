"""What the fast parser builds: the fields koll reads, the entry in the making, and how an
element's text becomes a field's value (feedparser's mixin.pop, replayed).

See ingest/fastparse.py for the whole fast path and why each rule is feedparser's.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from feedparser.datetimes import _parse_date
from feedparser.urls import resolve_relative_uris

from ingest.fastparse_rules import (
    _CAN_BE_RELATIVE,
    _HTML_TEXTS,
    _HTML_TYPES,
    _XHTML,
    _fix_link,
    _looks_like_html,
    _needs_html_pass,
    _repair,
    _resolve,
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
        # an RSS <source url="...">title</source>: feedparser's entry.source href and title
        self.source_href: str | None = None
        self.source_title: str | None = None

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
            source_href=self.source_href,
            source_title=self.source_title,
        )


if TYPE_CHECKING:

    class _State:
        """What fastparse._Parser holds and its two mixins (_Fields, fastparse_elements._Elements)
        read and write, declared for the type checker only: at run time the mixins derive from
        object and the state lives in _Parser's __slots__."""

        _HANDLERS: ClassVar[dict[str, Callable[..., Any]]]  # start handler per element name
        max_entries: int
        feed: RawFeed
        version: str
        nsmap: dict[str | None, str]
        base: str
        entry: _Entry | None
        author_field: _Field | None
        infeed: bool
        inimage: bool
        intextinput: bool
        insource: bool
        inauthor: bool
        inpublisher: bool
        feed_image: bool
        feed_summary: bool
        feed_link_set: bool
        title_depth: int
        has_content: bool
        guidislink: bool
        summary_key: str | None

        def _ctx(self) -> str: ...
        def _tag(self, name: str, start: bool) -> tuple[str, bool, str]: ...

else:
    _State = object


class _Fields(_State):
    """The end of a text element: its text post-processed and stored (part of fastparse._Parser)."""

    __slots__ = ()

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
        elif el == "source":
            # _end_source: pop (no relative URIs or HTML pass for this element) and file the
            # text as the source's title when there is one
            self.insource = False
            assert e is not None  # _h_source refuses a source outside an entry
            e.source_title = _repair("".join(f.pieces).strip()) or None
        # "harmless": a push_content element whose value koll never reads
