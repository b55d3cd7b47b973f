"""The [[searches]] settings: the search types, the values their keys take, and platforms' own politeness.

A search is a feed koll builds from a query or an account (ingest/sources.py turns each into its
feed URL). koll/config.py reads the table and reports mistakes; this module holds what is
particular to searches and platforms, so that config.py stays one reader of koll.toml. It
imports nothing from koll.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SEARCH_TYPES = ("google_news", "reddit", "mastodon", "bluesky", "youtube")
# Items found by a search are social posts, except Google News', which are news articles.
SEARCH_KINDS = {
    "google_news": "news",
    "reddit": "social",
    "mastodon": "social",
    "bluesky": "social",
    "youtube": "social",
}
# How many of its latest items a platform's feed carries at most. YouTube's channel feed holds
# its 15 latest videos and Reddit's search feed its 25 newest posts (the documents we hold have
# those caps; no page 2 exists): when a poll finds the whole window new, older items may have
# slipped out unseen between polls (ingest/batch.py warns to poll more often).
WINDOWS = {"youtube": 15, "reddit": 25}
# Keys that every search may have; the others depend on the type (TYPE_KEYS).
COMMON_KEYS = frozenset({"type", "brand", "owned", "interval"})
# Per type: (required keys, optional keys). Mastodon takes a hashtag (query + instance) or an
# account (handle), checked apart.
TYPE_KEYS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "google_news": (frozenset({"query"}), frozenset()),
    "reddit": (frozenset({"query"}), frozenset({"subreddit"})),
    "mastodon": (frozenset(), frozenset({"query", "instance", "handle"})),
    "bluesky": (frozenset({"handle"}), frozenset()),
    "youtube": (frozenset({"channel_id"}), frozenset()),
}
ALL_KEYS = COMMON_KEYS.union(*(required | optional for required, optional in TYPE_KEYS.values()))


@dataclass(frozen=True)
class SearchConfig:
    """One [[searches]] entry, its values checked and normalised (no '#', '@', 'r/', scheme)."""

    type: str
    query: str | None = None  # google_news, reddit: a search; mastodon: a hashtag
    handle: str | None = None  # bluesky: a handle; mastodon: user@instance
    channel_id: str | None = None  # youtube
    instance: str | None = None  # mastodon hashtags: which server's view
    subreddit: str | None = None  # reddit: search one subreddit only
    brand: str | None = None  # whose search this is
    owned: bool = False  # with brand: everything it finds is that brand's own voice
    interval_s: int | None = None  # None: the feeds' default

    def identity(self) -> tuple:
        """What decides the feed URL: two searches with the same identity are the same feed."""
        return (self.type, self.query, self.handle, self.channel_id, self.instance, self.subreddit)

    def describe(self) -> dict:
        """The keys that are set, as in koll.toml (for `koll feeds` and `koll discover`)."""
        out: dict = {"type": self.type}
        for key in ("query", "handle", "channel_id", "instance", "subreddit", "brand"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.owned:
            out["owned"] = True
        return out


# --- values --------------------------------------------------------------------------------------

_HOST = re.compile(
    r"^(?=.{4,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$"
)
_HASHTAG = re.compile(r"^\w*[^\W\d_]\w*$")  # word characters, at least one letter
_MASTODON_USER = re.compile(r"^[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*$")
_SUBREDDIT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_]{1,20}$")
_CHANNEL_ID = re.compile(r"^UC[A-Za-z0-9_-]{22}$")
_DID = re.compile(r"^did:(?:plc|web):[a-z0-9.:%-]+$")


def host(value: str) -> str:
    """A server's host name; a pasted https://…/ around it is dropped."""
    h = value.strip().lower().removeprefix("https://").removeprefix("http://").rstrip("/")
    if not _HOST.match(h):
        raise ValueError(f"expected a server's host name such as 'mastodon.nu', got {value!r}")
    return h


def hashtag(value: str) -> str:
    """A Mastodon hashtag without its '#': letters, digits and '_' (Swedish letters too)."""
    tag = value.strip().removeprefix("#")
    if not _HASHTAG.match(tag):
        raise ValueError(
            f"expected one hashtag such as 'fjällkraft' (letters, digits, _), got {value!r}"
        )
    return tag


def mastodon_handle(value: str) -> str:
    """user@instance (a leading '@' is dropped); the instance is checked as a host name."""
    user, at, server = value.strip().removeprefix("@").partition("@")
    if not at or not _MASTODON_USER.match(user):
        raise ValueError(
            f"expected an account user@instance such as 'fjallkraft@mastodon.nu', got {value!r}"
        )
    return f"{user}@{host(server)}"


def bluesky_handle(value: str) -> str:
    """A Bluesky handle (a domain name such as 'fjallkraft.bsky.social') or a did:plc: id."""
    h = value.strip().removeprefix("@").lower()
    if not (_HOST.match(h) or _DID.match(h)):
        raise ValueError(f"expected a handle such as 'fjallkraft.bsky.social', got {value!r}")
    return h


def subreddit(value: str) -> str:
    """A subreddit's name; a leading 'r/' or '/r/' is dropped."""
    name = value.strip().removeprefix("/").removeprefix("r/").rstrip("/")
    if not _SUBREDDIT.match(name):
        raise ValueError(f"expected a subreddit's name such as 'sweden', got {value!r}")
    return name


def channel_id(value: str) -> str:
    """A YouTube channel id: 'UC' and 22 more characters (not a @name or a video)."""
    v = value.strip()
    if not _CHANNEL_ID.match(v):
        raise ValueError(
            "expected a channel id such as 'UCY_XiFwLImCn3arzomg8eRA' "
            f"(`koll discover` finds it from the channel's page), got {value!r}"
        )
    return v


# --- reading one [[searches]] table ----------------------------------------------------------------


def _keys(r: Any, kind: str) -> None:
    """The keys a search of this type needs, may have and may not have."""
    required, optional = TYPE_KEYS[kind]
    allowed = COMMON_KEYS | required | optional
    for k in r.table:
        if k not in allowed:
            raise r.fail(k, f"not used by {kind} searches")
    for k in sorted(required):
        if k not in r.table:
            raise r.fail(k, f"missing (a {kind} search needs it)")
    if kind != "mastodon":
        return
    if ("handle" in r.table) == ("query" in r.table):
        raise r.fail(
            "query",
            "a mastodon search follows a hashtag (query and instance) or an account (handle), "
            "one of the two",
        )
    if "query" in r.table and "instance" not in r.table:
        raise r.fail("instance", "missing (which server's view of the hashtag)")
    if "handle" in r.table and "instance" in r.table:
        raise r.fail("instance", "not used with handle (user@instance names the server)")


def _value(r: Any, name: str, check) -> str | None:
    """A key's string normalised by `check`, whose ValueError becomes the config error."""
    value = r.str(name)
    if value is None:
        return None
    try:
        return check(value)
    except ValueError as e:
        raise r.fail(name, str(e)) from None


def read(r: Any, *, brand: str | None, interval_s: int | None) -> SearchConfig:
    """One [[searches]] table, through the reader `r` koll.config passes (koll.config_values'
    _Reader: its errors name file and key).

    `brand` and `interval_s` are read by koll.config, which knows the brands and durations.
    """
    r.only(ALL_KEYS)  # a misspelt key first, whatever the type
    kind = r.str("type", required=True)
    if kind not in SEARCH_TYPES:
        raise r.fail("type", f"expected one of {', '.join(SEARCH_TYPES)}, got {kind!r}")
    _keys(r, kind)
    query = r.str("query", required="query" in r.table)
    if query is not None:
        query = _value(r, "query", hashtag) if kind == "mastodon" else " ".join(query.split())
    owned = r.flag("owned")
    if owned and brand is None:
        raise r.fail("owned", "needs brand (whose own voice it is)")
    return SearchConfig(
        type=kind,
        query=query,
        handle=_value(r, "handle", mastodon_handle if kind == "mastodon" else bluesky_handle),
        channel_id=_value(r, "channel_id", channel_id),
        instance=_value(r, "instance", host),
        subreddit=_value(r, "subreddit", subreddit),
        brand=brand,
        owned=owned,
        interval_s=interval_s,
    )


# --- platforms' politeness -----------------------------------------------------------------------


@dataclass(frozen=True)
class HostRule:
    """What a platform asks of its readers beyond [fetch]'s per-host politeness."""

    concurrency: int | None = None  # requests at once (None: [fetch] per_host_concurrency)
    gap_s: float | None = None  # between request starts (None: [fetch] per_host_gap_s)
    min_interval_s: int | None = None  # a feed on this host is polled at most this often
    # A feed that would wait longer than this for its turn at the host is not fetched in this
    # run but becomes due when its turn comes (None: it waits, as on any other host).
    max_wait_s: float | None = None


# Google News answers fast but blocks readers that poll a search more often than every few
# minutes; its results change on the scale of a quarter of an hour, so 15 minutes loses nothing.
# Reddit throttles unauthenticated readers hard (429 after a few requests a minute from one
# address): one request per minute per host, and a run waits at most two turns, so 20 Reddit
# searches spread over the next runs instead of holding one run for 20 minutes.
PLATFORM_HOSTS: dict[str, HostRule] = {
    "news.google.com": HostRule(min_interval_s=15 * 60),
    "reddit.com": HostRule(concurrency=1, gap_s=60.0, max_wait_s=120.0),
}


def host_rule(hostname: str, rules: Mapping[str, HostRule] | None = None) -> HostRule | None:
    """The rule for a host or its subdomains (www.reddit.com is reddit.com's)."""
    rules = PLATFORM_HOSTS if rules is None else rules
    h = (hostname or "").lower().rstrip(".")
    while h:
        if h in rules:
            return rules[h]
        h = h.partition(".")[2]
    return None
