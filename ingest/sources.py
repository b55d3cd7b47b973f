"""Feed URLs from searches: each [[searches]] entry becomes one feed, polled like any other.

A search names a platform and a query or an account; this module knows where each platform
publishes the matching feed. The feed then goes through the same fetching (politeness,
conditional GET, backoff), parsing (ingest/platforms.py reads the platform's habits from the
document) and health records (`koll feeds`) as a [[feeds]] entry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from urllib.parse import parse_qs, quote, quote_plus, unquote, urlsplit

from koll import searches as values
from koll.config import DEFAULT_INTERVAL_S, ConfigError, FeedConfig, Settings, polite_interval
from koll.searches import SEARCH_KINDS, SearchConfig

# Where each platform is reached. Settings.search_bases replaces these for tests and
# benchmarks that serve the platforms locally (Mastodon's base then stands for the instance).
BASES: dict[str, str] = {
    "google_news": "https://news.google.com",
    "reddit": "https://www.reddit.com",
    "bluesky": "https://bsky.app",
    "youtube": "https://www.youtube.com",
}
# Google News in Swedish, as seen from Sweden: the edition decides which outlets it searches.
GOOGLE_NEWS_EDITION = "hl=sv&gl=SE&ceid=SE:sv"


def feed_url(s: SearchConfig, bases: Mapping[str, str] | None = None) -> str:
    """The feed a search reads (the addresses of the table in docs/config.md)."""
    base = {**BASES, **(bases or {})}.get(s.type)
    if s.type == "google_news":
        assert s.query is not None  # koll.searches requires a query of this type (as below)
        return f"{base}/rss/search?q={quote_plus(s.query)}&{GOOGLE_NEWS_EDITION}"
    if s.type == "reddit":
        assert s.query is not None
        q = quote_plus(s.query)
        if s.subreddit:
            return f"{base}/r/{s.subreddit}/search.rss?q={q}&restrict_sr=on&sort=new"
        return f"{base}/search.rss?q={q}&sort=new"
    if s.type == "mastodon":
        user, _, server = (s.handle or "").partition("@")
        origin = base if base is not None else f"https://{server or s.instance}"
        if s.handle:
            return f"{origin}/@{user}.rss"
        assert s.query is not None  # a hashtag search, when no handle
        return f"{origin}/tags/{quote(s.query)}.rss"
    if s.type == "bluesky":
        return f"{base}/profile/{s.handle}/rss"
    if s.type == "youtube":
        return f"{base}/feeds/videos.xml?channel_id={s.channel_id}"
    raise ValueError(f"unknown search type {s.type!r}")


def search_feed(s: SearchConfig, bases: Mapping[str, str] | None = None) -> FeedConfig:
    """The feed of a search: its kind is the platform's, and an owned search's brand owns it."""
    url = feed_url(s, bases)
    return FeedConfig(
        url=url,
        kind=SEARCH_KINDS[s.type],
        owner=s.brand if s.owned else None,
        interval_s=polite_interval(url, s.interval_s or DEFAULT_INTERVAL_S),
        search=s,
    )


def with_searches(settings: Settings) -> Settings:
    """The settings with one feed per [[searches]] entry after the [[feeds]] entries.

    Each search's feed carries its search (FeedConfig.search); `searches` is then empty, so a
    second call changes nothing. A search whose feed is also listed under [[feeds]] is a config
    error (one feed cannot have two kinds and owners); two equal searches were refused when
    koll.toml was read.
    """
    listed = {f.url: i for i, f in enumerate(settings.feeds)}
    feeds = list(settings.feeds)
    for i, s in enumerate(settings.searches):
        feed = search_feed(s, settings.search_bases)
        if feed.url in listed:
            from koll.config_lines import settings_line

            raise ConfigError(
                settings.config_path,
                f"searches[{i}]",
                f"its feed {feed.url} is listed as feeds[{listed[feed.url]}] too; keep one",
                line=settings_line(settings, f"searches[{i}]"),
            )
        feeds.append(feed)
    return replace(settings, feeds=tuple(feeds), searches=())


# --- the other way round: which search a page or a feed URL is (for `koll discover`) -----------

_BSKY_PROFILE = re.compile(r"^/profile/([^/]+)(?:/rss)?/?$")
_YT_CHANNEL = re.compile(r"^/channel/(UC[A-Za-z0-9_-]{22})(?:/.*)?$")
_MASTODON_FEED = re.compile(r"^/@([A-Za-z0-9_.-]+)\.rss$")
_MASTODON_TAG_FEED = re.compile(r"^/tags/([^/]+)\.rss$")


def _checked(make) -> SearchConfig | None:
    try:
        return make()
    except ValueError:  # not a valid handle, channel id or name after all
        return None


def search_for_page(url: str) -> SearchConfig | None:
    """The search that follows a profile or channel page, recognised from its address alone:
    https://bsky.app/profile/HANDLE and https://www.youtube.com/channel/UC… (other YouTube
    addresses and Mastodon profiles name their feed in the page, see search_for_feed)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host == "bsky.app":
        m = _BSKY_PROFILE.match(parts.path)
        if m:
            return _checked(lambda: SearchConfig("bluesky", handle=values.bluesky_handle(m[1])))
    if host in ("www.youtube.com", "youtube.com", "m.youtube.com"):
        m = _YT_CHANNEL.match(parts.path)
        if m:
            return SearchConfig("youtube", channel_id=m[1])
    return search_for_feed(url)


def search_for_feed(url: str) -> SearchConfig | None:
    """The search whose feed is exactly this URL (as feed_url builds it), or None: a Google
    News feed of another edition, say, stays a [[feeds]] entry."""
    found = _search_in(url)
    return found if found is not None and feed_url(found) == url else None


def _search_in(url: str) -> SearchConfig | None:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    query = parse_qs(parts.query)
    first = {k: v[0] for k, v in query.items() if v}
    if host == "news.google.com" and parts.path == "/rss/search" and first.get("q"):
        return SearchConfig("google_news", query=" ".join(first["q"].split()))
    if host in ("www.reddit.com", "reddit.com", "old.reddit.com") and first.get("q"):
        sub = re.match(r"^/r/([^/]+)/search\.rss$", parts.path)
        if parts.path == "/search.rss" or sub:
            return _checked(
                lambda: SearchConfig(
                    "reddit",
                    query=" ".join(first["q"].split()),
                    subreddit=values.subreddit(sub[1]) if sub else None,
                )
            )
    if host == "bsky.app" and parts.path.endswith("/rss"):
        m = _BSKY_PROFILE.match(parts.path)
        if m:
            return _checked(lambda: SearchConfig("bluesky", handle=values.bluesky_handle(m[1])))
    if host in ("www.youtube.com", "youtube.com") and parts.path == "/feeds/videos.xml":
        return _checked(
            lambda: SearchConfig(
                "youtube", channel_id=values.channel_id(first.get("channel_id", ""))
            )
        )
    m = _MASTODON_FEED.match(parts.path)
    if m and host:  # an account's feed as Mastodon names it in its profile page
        return _checked(
            lambda: SearchConfig(
                "mastodon", handle=values.mastodon_handle(f"{unquote(m[1])}@{host}")
            )
        )
    tag = _MASTODON_TAG_FEED.match(parts.path)
    if tag and host:  # a hashtag's feed on a Mastodon server
        return _checked(lambda: _mastodon_tag(unquote(tag[1]), host))
    return None


def _mastodon_tag(tag: str, host: str) -> SearchConfig:
    """A hashtag search on a server, its values checked as koll.toml's are (ValueError)."""
    return SearchConfig("mastodon", query=values.hashtag(tag), instance=values.host(host))
