"""Find the feeds of a blog or site from its home page: <link rel="alternate">, WordPress comment feeds.

Given a page URL, koll fetches it (with the same politeness, caps and timeouts as ingestion),
reads the `<link rel="alternate">` feed links in its head, and, for WordPress-style blogs, adds
the site-wide comment feed and the per-post comment feeds that the main feed announces
(`wfw:commentRss`). When a page names no feed, a few conventional paths are tried (/feed/,
/rss.xml, ...). A URL that already is a feed is returned as it is.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from ingest import sources
from ingest.fetch import Fetcher, FetchRequest, FetchResult
from ingest.fulltext import decode_page
from ingest.models import ParsedFeed
from ingest.parse import FeedError, parse
from koll.config import FetchSettings
from koll.searches import SEARCH_KINDS, SearchConfig

FEED_TYPES = {
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/rdf+xml": "rdf",
    "application/feed+json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
# Tried in this order when a page announces no feed; the first that parses wins.
GUESSES = ("/feed/", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml", "/rss/")
# Per-post comment feeds announced by the main feed: enough to follow a blog's live threads
# without turning one discovery into hundreds of feeds.
MAX_POST_COMMENT_FEEDS = 20


@dataclass(frozen=True)
class Found:
    url: str
    kind: str  # blog | comments | news | social (a koll feed kind)
    title: str
    how: str  # link | guess | itself | wfw:commentRss | profile
    # The platform feed's search, to paste as [[searches]] (ingest/sources.py), else None.
    search: SearchConfig | None = None


def _as_search(found: Found) -> Found:
    """A platform's feed (a YouTube channel's, a Mastodon account's...) becomes its search."""
    search = sources.search_for_feed(found.url)
    if search is None:
        return found
    return Found(found.url, SEARCH_KINDS[search.type], found.title, found.how, search)


class _Links(HTMLParser):
    """Collects <link rel="alternate" type="feed type" href> and the generator meta tag."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []  # href, type, title
        self.generator = ""
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "base" and a.get("href") and self.base is None:
            self.base = a["href"]
        elif tag == "link" and "alternate" in a.get("rel", "").lower().split():
            typ = a.get("type", "").lower().split(";")[0].strip()
            if typ in FEED_TYPES and a.get("href"):
                self.links.append((a["href"].strip(), typ, a.get("title", "").strip()))
        elif tag == "meta" and a.get("name", "").lower() == "generator":
            self.generator = a.get("content", "")


def feed_links(html: str, page_url: str) -> tuple[list[tuple[str, str]], bool]:
    """([(absolute feed URL, title)], looks like WordPress) from a page's markup."""
    p = _Links()
    with contextlib.suppress(Exception):  # broken markup: keep whatever was collected
        p.feed(html)
    base = urljoin(page_url, p.base) if p.base else page_url
    seen, out = set(), []
    for href, typ, title in p.links:
        if typ == "application/feed+json":
            continue  # koll reads RSS and Atom
        url = urljoin(base, href)
        if url not in seen and urlsplit(url).scheme in ("http", "https"):
            seen.add(url)
            out.append((url, title))
    wordpress = "wordpress" in p.generator.lower() or "/wp-content/" in html or "/wp-json/" in html
    return out, wordpress


def _is_comment_feed(url: str, title: str) -> bool:
    t = title.lower()
    return "/comments/" in url or "comment" in t or "kommentar" in t


# Fetches one address with the discovery's fetcher (its politeness, caps and timeouts).
_Get = Callable[[str], Awaitable[FetchResult]]


async def _discover(page_url: str, settings: FetchSettings, comments: bool) -> list[Found]:
    profile = sources.search_for_page(page_url)
    if profile is not None:
        # a Bluesky profile, a YouTube channel's own address, or a platform's feed: its search
        # is known from the address alone
        return [
            Found(sources.feed_url(profile), SEARCH_KINDS[profile.type], "", "profile", profile)
        ]
    async with Fetcher(settings) as f:

        async def get(url: str) -> FetchResult:
            return await f.fetch(FetchRequest(0, url))

        return await _from_page(get, page_url, comments)


async def _from_page(get: _Get, page_url: str, comments: bool) -> list[Found]:
    """The feeds found from `page_url`: the page itself when it is a feed, else the feeds its
    markup names (or a guessed one); with `comments`, also its main feed's per-post ones."""
    res = await get(page_url)
    if res.outcome != "ok":
        raise FeedError(f"{page_url}: {res.error or res.outcome}")
    # Relative links are relative to where the page was found, after any redirect (a 302
    # from /redir/ to /sub/dir/ made href="feed.xml" /redir/feed.xml, a 404).
    base = res.final_url or page_url
    try:
        itself = parse(res.body, feed_url=base, content_type=res.content_type)
    except FeedError:
        found = await _linked_or_guessed(get, res, base, comments)
        main = await _main_feed(get, found) if comments else None
    else:
        kind = "comments" if _is_comment_feed(page_url, itself.title) else "blog"
        found = [Found(page_url, kind, itself.title, "itself")]
        main = (itself, base)
    if comments and main is not None:
        feed, feed_base = main
        found += _post_comment_feeds(feed, feed_base, found)
    return found


def _feed_or_none(res: FetchResult, feed_url: str) -> ParsedFeed | None:
    """`res` parsed as the feed at `feed_url`; None when it was not fetched or is no feed."""
    if res.outcome != "ok":
        return None
    try:
        return parse(res.body, feed_url=feed_url, content_type=res.content_type)
    except FeedError:
        return None


async def _linked_or_guessed(get: _Get, res: FetchResult, base: str, comments: bool) -> list[Found]:
    """The feeds a page that is no feed links to; when it links to none, the first of GUESSES
    that is one; and with `comments`, a WordPress site's comment feed when none was found."""
    # in its declared charset (a windows-1252 page's titles read as U+FFFD in UTF-8)
    html = decode_page(res.body, res.content_type)
    links, wordpress = feed_links(html, base)
    found = [
        _as_search(Found(u, "comments" if _is_comment_feed(u, t) else "blog", t, "link"))
        for u, t in links
    ]
    if not found:
        for path in GUESSES:
            url = urljoin(base, path)
            parsed = _feed_or_none(await get(url), url)
            if parsed is not None:
                found.append(Found(url, "blog", parsed.title, "guess"))
                break
    if wordpress and comments and not any(x.kind == "comments" for x in found):
        # WordPress serves the site-wide comment feed here even when the theme hides it.
        url = urljoin(base, "/comments/feed/")
        if _feed_or_none(await get(url), url) is not None:
            found.append(Found(url, "comments", "", "guess"))
    return found


async def _main_feed(get: _Get, found: list[Found]) -> tuple[ParsedFeed, str] | None:
    """The first blog feed `found`, parsed, and the address its links are relative to; None
    without one or when it cannot be read."""
    first = next((x for x in found if x.kind == "blog"), None)
    if first is None:
        return None
    g = await get(first.url)
    base = g.final_url or first.url  # the feed's links are relative to it
    parsed = _feed_or_none(g, base)
    return None if parsed is None else (parsed, base)


def _post_comment_feeds(feed: ParsedFeed, base: str, found: list[Found]) -> list[Found]:
    """The per-post comment feeds `feed` announces (wfw:commentRss), at most
    MAX_POST_COMMENT_FEEDS of them, less those already `found`."""
    known = {x.url for x in found}
    out = []
    for url in feed.comment_feeds[:MAX_POST_COMMENT_FEEDS]:
        url = urljoin(base, url)
        if url not in known:
            known.add(url)
            out.append(Found(url, "comments", "", "wfw:commentRss"))
    return out


def discover(
    page_url: str, settings: FetchSettings | None = None, *, comments: bool = True
) -> list[Found]:
    """The feeds of a page (see the module docstring); FeedError when the page cannot be read."""
    return asyncio.run(_discover(page_url, settings or FetchSettings(), comments))
