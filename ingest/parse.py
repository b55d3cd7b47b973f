"""Feed bytes -> ParsedFeed of typed Items, via feedparser; its dicts go no further than this module."""

from __future__ import annotations

import calendar
import hashlib
from datetime import UTC, datetime, timedelta
from urllib.parse import urldefrag

import feedparser

from analysis.text import html_to_text, normalize
from ingest.models import Item, ParsedFeed
from ingest.urls import canonical_url, site

# Dates before the web's first feeds or more than two days ahead are clock errors (Hugo sites
# emit year 0001; some CMSs emit local time labelled UTC a few hours ahead, hence the margin).
EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
FUTURE_MARGIN = timedelta(days=2)


class FeedError(Exception):
    """The document is not a feed koll can read; the message says why."""


def content_hash(title: str, text: str) -> str:
    return hashlib.sha1(normalize(f"{title} {text}").encode("utf-8")).hexdigest()


def _date(entry, now: datetime) -> datetime | None:
    for k in ("published_parsed", "updated_parsed", "created_parsed"):
        st = entry.get(k)
        if st:
            try:
                dt = datetime.fromtimestamp(calendar.timegm(st), UTC)
            except (OverflowError, ValueError, OSError):
                continue
            if EARLIEST <= dt <= now + FUTURE_MARGIN:
                return dt
    return None


def _text(entry) -> str:
    for c in entry.get("content") or ():
        if c.get("value"):
            return html_to_text(c["value"])
    return html_to_text(entry.get("summary") or entry.get("description") or "")


def parse(
    body: bytes,
    *,
    feed_url: str,
    kind: str = "news",
    now: datetime | None = None,
    content_type: str | None = None,
    max_entries: int = 2000,
) -> ParsedFeed:
    """Parse one feed document. Broken but recoverable documents yield items plus a warning."""
    now = now or datetime.now(UTC)
    headers = {"content-location": feed_url}
    if content_type:
        headers["content-type"] = content_type
    d = feedparser.parse(
        body, response_headers=headers, sanitize_html=False, resolve_relative_uris=True
    )
    if not d.entries and d.bozo and not d.feed:
        exc = d.get("bozo_exception")
        raise FeedError(
            f"not a readable feed: {exc.__class__.__name__}: {exc}"
            if exc
            else "not a readable feed"
        )
    if not d.entries and not d.get("version"):
        raise FeedError("not a feed (no RSS/Atom elements found; an HTML page?)")
    items: list[Item] = []
    seen: set[str] = set()
    comment_feeds: list[str] = []
    for entry in d.entries[:max_entries]:
        title = html_to_text(entry.get("title") or "")
        text = _text(entry)
        link = entry.get("link") or None
        guid = (entry.get("id") or "").strip() or None
        published = _date(entry, now)
        chash = content_hash(title, text)
        parent_key = None
        if kind == "comments":
            key = "guid:" + guid if guid else ("guid:" + link if link else "hash:" + chash)
            parent = entry.get("thr_in-reply-to") or {}
            parent_ref = parent.get("href") if isinstance(parent, dict) else None
            if link:
                parent_key = canonical_url(urldefrag(link)[0])
            elif parent_ref:
                parent_key = canonical_url(parent_ref)
        elif link and link.startswith(("http://", "https://")):
            key = canonical_url(link)
        elif guid:
            key = "guid:" + guid
        else:
            key = "hash:" + chash
        if key in seen:
            continue
        seen.add(key)
        if entry.get("wfw_commentrss"):
            comment_feeds.append(entry["wfw_commentrss"])
        items.append(
            Item(
                key=key,
                url=canonical_url(link) if link else None,
                guid=guid,
                title=title,
                text=text,
                published=published,
                published_estimated=published is None,
                author=(entry.get("author") or "").strip() or None,
                source=site(link) if link and "://" in link else site(feed_url),
                kind=kind,
                parent_key=parent_key,
                content_hash=chash,
            )
        )
    warning = None
    if d.bozo:
        exc = d.get("bozo_exception")
        warning = f"{exc.__class__.__name__}: {exc}" if exc else "malformed feed"
    return ParsedFeed(
        title=html_to_text(d.feed.get("title") or ""),
        link=d.feed.get("link"),
        items=items,
        warning=warning,
        comment_feeds=comment_feeds,
    )
