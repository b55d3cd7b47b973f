"""Recognise comment feeds and comments whatever kind a feed was configured with.

Users paste the feed URLs `koll discover` prints, and not every one of them sets `kind =
"comments"`: read as a blog, a comment's link `…/hej-varlden/#comment-1` would lose its anchor
and become its post. So a document is read as comments when it says it is one (its channel
title, a WordPress or Blogger comment-feed address), and an entry is a comment when it points
into a post (a comment anchor, `thr:in-reply-to`), in any feed.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urldefrag, urlencode, urlsplit, urlunsplit

from ingest.models import RawEntry, RawFeed
from ingest.urls import canonical_url, is_comment_anchor

# Channel titles of comment feeds as WordPress writes them (its own translations: "Comments on:
# Post", "Comments for Site", "Kommentarer till Post", Norwegian/Danish "til", German "zu"/"für")
# and Blogger's "Comments on Blog: Post". Seen in the real feeds of tests/fixtures/feeds/comments.
_TITLE = re.compile(
    r"^\s*(comments\s+(on|for)\b|kommentarer\s+(till|til|för|for|på|pa)\b|"
    r"kommentare\s+(zu|für)\b)",
    re.I,
)
# Addresses of comment feeds: WordPress /comments/feed/ (the site's) and Blogger's
# /feeds/comments/… and /feeds/POSTID/comments/…. A post's own /slug/feed/ looks like any
# category feed, so only the title and the entries tell that one apart.
_FEED_URL = re.compile(r"/comments/feed/?$|/feeds/(\d+/)?comments/", re.I)
# Blogger adds ?showComment=<ms> to a comment's link; the post is the link without it.
_COMMENT_QUERY = ("showcomment",)
# WordPress splits a long thread into pages and links a comment on page 2 as
# `<post>/comment-page-2/#comment-456` (`post.html/comment-page-1#comment-…` in dcrainmaker.xml,
# tests/fixtures/feeds/real): the page of comments is not a post, the post is the path before it.
_COMMENT_PAGE = re.compile(r"/comment-page-\d+/?$", re.I)


def is_comment_feed(raw: RawFeed, feed_url: str) -> bool:
    """The document is a comment feed: its title or address says so, or every entry with a
    link is a comment (comment_entry)."""
    if _TITLE.match(raw.title or "") or _FEED_URL.search(urlsplit(feed_url).path):
        return True
    linked = [e for e in raw.entries if e.link or e.in_reply_to]
    return bool(linked) and all(comment_entry(e) for e in linked)


def comment_entry(entry: RawEntry) -> bool:
    """The entry answers a post: it has thr:in-reply-to, or its link is a comment anchor."""
    return bool(entry.in_reply_to) or is_comment_anchor(entry.link or "")


def parent_key(link: str | None, in_reply_to: str | None) -> str | None:
    """The key of the post a comment answers: its thr:in-reply-to when that is a web address,
    else its own link without the anchor (and without Blogger's showComment and WordPress'
    /comment-page-N/)."""
    target = (
        in_reply_to if in_reply_to and in_reply_to.startswith(("http://", "https://")) else link
    )
    if not target:
        return None
    url = urldefrag(target)[0]
    parts = urlsplit(url)
    if _COMMENT_PAGE.search(parts.path):
        parts = parts._replace(path=_COMMENT_PAGE.sub("", parts.path) or "/")
        url = urlunsplit(parts)
    if parts.query:
        query = [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k.lower() not in _COMMENT_QUERY
        ]
        url = urlunsplit(parts._replace(query=urlencode(query)))
    return canonical_url(url)
