"""The fast parser's element handlers: what each feedparser handler does at an element's start
and end, replayed for the fields koll reads (part of fastparse._Parser).

See ingest/fastparse.py for the whole fast path and why each rule is feedparser's.
"""

from __future__ import annotations

from ingest.fastparse_fields import Unsupported, _Entry, _Field, _State
from ingest.fastparse_rules import (
    _AUTHOR_CHILDREN,
    _AUTHORS,
    _CONTENT_TYPES,
    _DATES,
    _DESCRIPTIONS,
    _GEO,
    _HANDLED,
    _HARMLESS,
    _HARMLESS_LEAF,
    _HTML_TYPES,
    _KEEP_IMAGE,
    _KEEP_TEXTINPUT,
    _SENSITIVE,
    _SUBTITLES,
    _SUMMARIES,
    _TEXT_TYPES,
    _TITLES,
    _map_type,
    _resolve,
)


class _Elements(_State):
    """Start and end handlers of feedparser's elements, and the context they run in."""

    __slots__ = ()

    # -- feedparser's handlers, replayed ---------------------------------------------------------
    def _classify(self, name: str) -> tuple:
        """(name, ends image/textinput, refused in an entry's image, start handler) of a name."""
        fname, prefixed, tag = self._tag(name, True)
        handler = self._HANDLERS.get(fname)
        if handler is None:
            if fname in _HARMLESS:
                handler = _Elements._h_harmless
            elif fname in _HANDLED:
                handler = _Elements._h_refuse
            elif fname in _SENSITIVE:
                handler = _Elements._h_refuse_in_entry
            else:
                handler = _Elements._h_unknown
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
        if self.insource and not self.inauthor:
            raise Unsupported(f"{fname} in a source")  # feedparser files it as the source's href
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
        e = self.entry
        # feedparser's entry.source is rebuilt by every <source>: the last one decides
        e.source_href = e.source_title = None
        if "url" in attrs:
            # RSS 2.0's <source url="...">name</source> (Google News names the publisher so):
            # feedparser keeps the url as href and the text as title; an element inside it
            # is markup to us (Unsupported), as in no real feed
            e.source_href = attrs["url"]
            return _Field(fname, "source", None, depth), True
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

    # -- end handlers of the elements that are no text field ----------------------------------
    def _end_item(self) -> None:
        e = self.entry
        assert e is not None  # the end frame _h_item returned after setting it
        self.entry = None
        self.has_content = False
        if len(self.feed.entries) < self.max_entries:
            self.feed.entries.append(e.raw())
        else:
            self.feed.dropped += 1

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


_Elements._HANDLERS = {
    "item": _Elements._h_item,
    "entry": _Elements._h_item,
    **dict.fromkeys(_TITLES, _Elements._h_title),
    **dict.fromkeys(_DESCRIPTIONS | _SUMMARIES | {"abstract"}, _Elements._h_summary),
    **dict.fromkeys(("content", "content_encoded", "fullitem"), _Elements._h_content),
    "link": _Elements._h_link,
    "guid": _Elements._h_guid,
    "id": _Elements._h_guid,
    **dict.fromkeys(_DATES, _Elements._h_date),
    **dict.fromkeys(_AUTHORS, _Elements._h_author),
    **dict.fromkeys(("name", "email", "itunes_name", "itunes_email"), _Elements._h_name),
    **dict.fromkeys(("url", "uri", "homepage"), _Elements._h_href),
    **dict.fromkeys(("rss", "channel", "feed"), _Elements._h_root),
    "image": _Elements._h_image,
    "textinput": _Elements._h_textinput,
    "source": _Elements._h_source,
    "itunes_owner": _Elements._h_owner,
    **dict.fromkeys(_SUBTITLES, _Elements._h_subtitle),
    **dict.fromkeys(_HARMLESS_LEAF, _Elements._h_leaf),
    **dict.fromkeys(_GEO, _Elements._h_geo),
    **dict.fromkeys(("psc_chapters", "psc_chapter"), _Elements._h_chapter),
}
# Handler-less names koll reads, replayed: only while feedparser has no handler for them.
if "wfw_commentrss" not in _HANDLED:
    _Elements._HANDLERS["wfw_commentrss"] = _Elements._h_commentrss
if "thr_in-reply-to" not in _HANDLED:
    _Elements._HANDLERS["thr_in-reply-to"] = _Elements._h_inreplyto
