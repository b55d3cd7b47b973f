"""Platform quirks, recognised from an entry itself: Google News, Reddit, Mastodon, Bluesky, YouTube,
Google Alerts, Discourse forums and Hacker News (hnrss).

Each platform publishes feeds anyone may read, each with its own habits (Google News' titles end
in " - Publisher", Reddit wraps a post in "submitted by … [link] [comments]", Mastodon and
Bluesky posts have no title, Google Alerts links go through a redirect). They are recognised
from the entry's link, not from the configured URL, so a plain [[feeds]] entry with such a
feed gets the same treatment as a [[searches]] entry. One function per platform, each small and
tested on a real document of that platform (tests/fixtures/feeds/social/), so that one
platform's change breaks one test. Anything not recognised is read the generic way (parse.py).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from analysis.text import html_to_text, title_text
from ingest.models import RawEntry
from ingest.urls import site

# Titles built from a post's text (Mastodon, Bluesky) are cut at a word boundary below this:
# the Swedish news headlines in our demo and fixture feeds run to about 90 characters, and a
# longer title no longer reads as one in the dashboard's lists.
TITLE_CHARS = 100


@dataclass(frozen=True, slots=True)
class Post:
    """How a recognised entry reads: its fields as koll stores them."""

    platform: str  # google_news | reddit | mastodon | bluesky | youtube | google_alerts | discourse
    # | hacker_news
    title: str
    text: str
    link: str | None
    author: str | None
    source: str | None = None  # None: the link's site, as for any entry
    kind: str | None = None  # the platform's item kind ("comments": a comment); None: the feed's
    parent: str | None = None  # a comment's post, as a link, when the platform's link names it


def title_from_text(text: str, limit: int = TITLE_CHARS) -> str:
    """A title for a post that has none: its first line, cut at a word boundary with "…"."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–-") + "…"


# Tags a platform's plain-text description would hold only as markup: a tag name known to HTML
# followed by its attributes or its end. "Pris <500 kr, jag <3 Ikea > 100 kr" has none.
_MARKUP = re.compile(
    r"</?(?:p|br|a|div|span|b|i|em|strong|ul|ol|li|img|h[1-6]|blockquote|pre|code)"
    r"(?:\s[^<>]*)?/?>",
    re.I,
)


def plain_description(text: str) -> str:
    """A description the platform sends as plain text (YouTube's media:description, Bluesky's
    post): `<`, `>` and `&` are what the author typed, so nothing is stripped or decoded; only
    whitespace is tidied as for HTML. Real tags, should the platform ever send them, still go."""
    if _MARKUP.search(text):
        return html_to_text(text)
    return html_to_text(html.escape(text, quote=False))


# --- Google News -------------------------------------------------------------------------------

# The description is a link to the story plus the publisher's name in a grey <font> (or an <ol>
# of such pairs for a cluster); the publisher is already the item's source.
_FONT = re.compile(r"<font\b[^>]*>.*?</font>", re.S | re.I)


def google_news(entry: RawEntry, link: str) -> Post | None:
    """Items link to a Google redirect; `<source url=…>` names the publisher, who is the source
    (and so decides owned or earned), and the title's trailing " - Publisher" goes."""
    if not entry.source_href:
        return None
    title = title_text(entry.title or "")
    publisher = " ".join((entry.source_title or "").split())
    if publisher and title.endswith(" - " + publisher):
        title = title[: -len(publisher) - 3].rstrip()
    text = html_to_text(_FONT.sub("", entry.summary or entry.content or ""))
    if text == title:
        text = ""  # the description only repeats the headline
    return Post("google_news", title, text, link, None, site(entry.source_href), "news")


# --- Reddit ------------------------------------------------------------------------------------

_REDDIT_POST = re.compile(r"<!--\s*SC_OFF\s*-->(.*?)<!--\s*SC_ON\s*-->", re.S)
# The chrome after a post: "submitted by /u/x to r/y [link] [comments]" (in a <table> with the
# thumbnail for link posts); it begins at "submitted by" and a link to the user.
_REDDIT_CHROME = re.compile(r"submitted by(?:\s|&#32;)*<a\s[^>]*/u(?:ser)?/", re.I)
# A subreddit's name as Reddit allows it (letters, digits, underscores): it becomes the source,
# and a link whose path held markup there ("/r/<a href=…>…/") named a source of markup.
_SUBREDDIT = re.compile(r"^/r/(\w{2,21})/", re.ASCII)
# A post's (t3_) or comment's (t1_) id; both parsers resolve it against the feed's address.
_THING = re.compile(r"(?:^|/)t([13])_[0-9a-z]+$")
# A comment's link: its post's address, /r/SUB/comments/POST/SLUG/, and the comment's id.
_COMMENT_LINK = re.compile(r"^(/r/[^/]+/comments/[^/]+/[^/]+/)[^/]+/?$")


def reddit(entry: RawEntry, link: str) -> Post | None:
    """Atom; author `/u/name` is `name`; the subreddit is the source; the content keeps the
    post's own text and drops the chrome (thumbnail table, "submitted by", [link] [comments])."""
    parts = urlsplit(link)
    sub = _SUBREDDIT.match(parts.path)
    thing = _THING.search(entry.id or "")
    if sub is None or thing is None:
        return None  # Reddit's entries carry its "thing" ids; a link to Reddit is not enough
    markup = entry.content or entry.summary or ""
    post = _REDDIT_POST.search(markup)
    if post is not None:
        markup = post.group(1)
    else:
        chrome = _REDDIT_CHROME.search(markup)
        if chrome is not None:
            markup = markup[: chrome.start()]  # a link post: nothing but the chrome
    author = (entry.author or "").strip()
    for prefix in ("/u/", "u/"):
        author = author.removeprefix(prefix)
    # old., np. and new.reddit.com serve the same posts: one link (and key) for all of them
    link = urlunsplit(parts._replace(netloc="www.reddit.com"))
    text, source = html_to_text(markup), f"reddit.com/r/{sub.group(1)}"
    if thing.group(1) == "1":
        # A comment (a post's comment feed, /comments/POST/SLUG/.rss): hung under its post, and
        # titled by its own words, not "/u/kalle on <the post's title>", which would make every
        # comment a mention of whatever the post names.
        thread = _COMMENT_LINK.match(parts.path)
        parent = (
            urlunsplit(("https", "www.reddit.com", thread.group(1), "", "")) if thread else None
        )
        return Post(
            "reddit", title_from_text(text), text, link, author or None, source, "comments", parent
        )
    return Post(
        "reddit", title_text(entry.title or ""), text, link, author or None, source, "social"
    )


# --- Mastodon and Bluesky: posts without titles -----------------------------------------------

# A status's address: https://HOST/@user/ID, https://HOST/@user@other.host/ID (a remote account
# seen from this server) or https://HOST/users/user/statuses/ID.
_STATUS = re.compile(r"^/(?:@([^/@]+)(?:@([^/]+))?|users/([^/]+)/statuses)/(\d+)/?$")


def mastodon(entry: RawEntry, link: str) -> Post | None:
    """No title (one is built from the text); the author is the account, @user@server; the post
    is the description (an image's alt text comes as media:description, which is not the post)."""
    parts = urlsplit(link)
    m = _STATUS.match(parts.path)
    if m is None or (entry.title or "").strip() or entry.id not in (None, link):
        return None  # Mastodon's posts have no title, and their address as GUID
    user = m.group(1) or m.group(3)
    server = m.group(2) or (parts.hostname or "").lower()
    text = html_to_text(entry.summary or entry.content or "")
    return Post("mastodon", title_from_text(text), text, link, f"@{user}@{server}", None, "social")


_BSKY_POST = re.compile(r"^/profile/([^/]+)/post/[^/]+/?$")
# Bluesky's feed replaces quotes, images and link cards by this line.
_BSKY_EMBED = "[contains quote post or other embedded content]"


def bluesky(entry: RawEntry, link: str) -> Post | None:
    """One account per feed: the author is @handle; no title (one is built from the text); the
    placeholder for embedded content is not part of the post."""
    m = _BSKY_POST.match(urlsplit(link).path)
    if m is None or not (entry.id or "").startswith("at://"):
        return None  # Bluesky's own feeds give each post its at:// address
    text = plain_description(entry.summary or entry.content or "").replace(_BSKY_EMBED, "").strip()
    title = title_text(entry.title or "") or title_from_text(text)
    return Post("bluesky", title, text, link, "@" + m.group(1), None, "social")


# --- YouTube -----------------------------------------------------------------------------------


def youtube(entry: RawEntry, link: str) -> Post | None:
    """Atom with media:group: its media:description (beside ratings and view counts) is the
    text, which both parsers file as the entry's summary."""
    if not (entry.id or "").startswith("yt:video:"):
        return None  # a link to a video in someone's blog is that blog's entry
    return Post(
        "youtube",
        title_text(entry.title or ""),
        plain_description(entry.summary or entry.content or ""),
        link,
        (entry.author or "").strip() or None,
        None,
        "social",
    )


# --- Google Alerts -----------------------------------------------------------------------------


def google_alerts(entry: RawEntry, link: str) -> Post | None:
    """Links go through https://www.google.com/url?…&url=REAL: the real URL is the item's link
    (and so its key and source); `<b>` around the matched term goes with the other markup."""
    parts = urlsplit(link)
    if parts.path != "/url":
        return None
    params = dict(parse_qsl(parts.query))
    real = params.get("url") or params.get("q") or ""
    if not real.startswith(("http://", "https://")):
        return None
    return Post(
        "google_alerts",
        title_text(entry.title or ""),
        html_to_text(entry.content or entry.summary or ""),
        real,
        (entry.author or "").strip() or None,
    )


_BY_HOST = {
    "news.google.com": google_news,
    **dict.fromkeys(
        ("www.reddit.com", "reddit.com", "old.reddit.com", "np.reddit.com", "new.reddit.com"),
        reddit,
    ),
    "bsky.app": bluesky,
    **dict.fromkeys(("www.youtube.com", "youtube.com", "m.youtube.com"), youtube),
    **dict.fromkeys(("www.google.com", "google.com"), google_alerts),
}


# --- Discourse and Hacker News (hnrss): counters that change on their own ----------------------

# A Discourse topic (GUID "HOST-topic-N", link /t/SLUG/N) is described with its first post, then
# its counters ("<small>2 posts - 2 participants</small>", in the forum's language) and a link
# to the topic ("Read full topic"). hnrss describes a story (GUID its news.ycombinator.com item)
# with its "Points: N" and "# Comments: N". Those counts change with every reply and vote: kept,
# they made the item look edited on every run, and they are no words of the post.
_DISCOURSE_GUID = re.compile(r"-topic-\d+$")
_DISCOURSE_TAIL = re.compile(
    r"(?:\s*<p>\s*<small>[^<]*</small>\s*</p>)?(?:\s*<p>\s*<a\b[^>]*>[^<]*</a>\s*</p>)?\s*$", re.I
)
_HN_ITEM = "https://news.ycombinator.com/item?id="
_HN_COUNTERS = re.compile(r"<p>\s*(?:Points|# Comments):\s*\d+\s*</p>", re.I)


def discourse(entry: RawEntry, link: str) -> Post | None:
    """A topic's first post, without its counters and its link to the topic."""
    if not _DISCOURSE_GUID.search(entry.id or "") or "/t/" not in urlsplit(link).path:
        return None
    return _without(entry, link, "discourse", lambda m: _DISCOURSE_TAIL.sub("", m, count=1))


def hacker_news(entry: RawEntry, link: str) -> Post | None:
    """An hnrss story (or comment): its description without the points and comment counts."""
    if not (entry.id or "").startswith(_HN_ITEM):
        return None
    return _without(entry, link, "hacker_news", lambda m: _HN_COUNTERS.sub("", m))


def _without(entry: RawEntry, link: str, platform: str, strip: Callable[[str], str]) -> Post:
    """The entry as a post of `platform`, its description's markup with `strip` applied (the
    author is cleaned where every item's is, parse's author_text)."""
    markup = strip(entry.content or entry.summary or "")
    return Post(platform, title_text(entry.title or ""), html_to_text(markup), link, entry.author)


def read(entry: RawEntry) -> Post | None:
    """The entry as its platform publishes it, or None for an ordinary feed entry."""
    link = (entry.link or "").strip()
    if not link.startswith(("https://", "http://")):
        return None
    host = link.split("/", 3)[2].rsplit("@", 1)[-1].split(":", 1)[0].lower()
    quirk = _BY_HOST.get(host)
    if quirk is not None:
        return quirk(entry, link)
    if "/@" in link or "/statuses/" in link:
        return mastodon(entry, link)
    # Recognised by their GUIDs: any host runs Discourse, and an HN story links anywhere.
    return discourse(entry, link) or hacker_news(entry, link)
