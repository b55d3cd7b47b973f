"""Generated documents in the shape of each search type's platform feed, for `bench.ingest --searches`.

Each follows the real document of its platform in tests/fixtures/feeds/social (Google News'
" - Publisher" titles and <source>, Reddit's Atom with /u/ authors and chrome, Mastodon's and
Bluesky's title-less posts, YouTube's media:group), filled with the same Swedish words as the
plain feeds of bench.ingest, so that a search costs what its platform's quirks cost and no more.
"""

from __future__ import annotations

import random
from xml.sax.saxutils import escape

from bench.ingest import WORDS
from koll.searches import SearchConfig

TYPES = ("google_news", "reddit", "mastodon", "bluesky", "youtube")
_WORDS = WORDS  # the plain feeds' words
BRAND = "Fjällkraft"


def search(i: int) -> SearchConfig:
    """The i-th benchmark search: the five types in turn."""
    kind = TYPES[i % len(TYPES)]
    if kind in ("google_news", "reddit"):
        return SearchConfig(kind, query=f"{BRAND} {i}")
    if kind == "mastodon":
        return SearchConfig(kind, query=f"fjallkraft{i}", instance="mastodon.exempel.se")
    if kind == "bluesky":
        return SearchConfig(kind, handle=f"konto{i}.bsky.social")
    return SearchConfig(kind, channel_id=f"UC{i:022d}")


def _text(rng: random.Random, n: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(n)]
    if rng.random() < 0.3:
        words[rng.randrange(n)] = BRAND
    return " ".join(words)


def _day(i: int, j: int) -> int:
    return 1 + (i + j) % 28


def _google_news(i: int, entries: int, rng: random.Random) -> str:
    items = []
    for j in range(entries):
        title, pub = _text(rng, 8).capitalize(), f"Tidning {j % 9}"
        link = f"https://news.google.com/rss/articles/CBMi{i}x{j}?oc=5"
        desc = f'<a href="{link}" target="_blank">{title}</a>&nbsp;&nbsp;<font color="#6f6f6f">{pub}</font>'
        items.append(
            f"<item><title>{escape(title)} - {pub}</title><link>{link}</link>"
            f'<guid isPermaLink="false">CBMi{i}x{j}</guid>'
            f"<pubDate>Mon, {_day(i, j):02d} Oct 2026 08:00:00 GMT</pubDate>"
            f"<description>{escape(desc)}</description>"
            f'<source url="https://tidning{j % 9}.se">{pub}</source></item>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><rss version="2.0" '
        'xmlns:media="http://search.yahoo.com/mrss/"><channel><generator>NFE/5.0</generator>'
        f"<title>{BRAND} {i} - Google News</title><link>https://news.google.com/</link>"
        + "".join(items)
        + "</channel></rss>"
    )


def _reddit(i: int, entries: int, rng: random.Random) -> str:
    parts = []
    for j in range(entries):
        sub, user, tid = f"sverige{j % 5}", f"anvandare{j % 11}", f"b{i}x{j}"
        link = f"https://www.reddit.com/r/{sub}/comments/{tid}/inlagg/"
        chrome = (
            f'&#32; submitted by &#32; <a href="https://www.reddit.com/user/{user}"> /u/{user} '
            f'</a> &#32; to &#32; <a href="https://www.reddit.com/r/{sub}/"> r/{sub} </a> <br/> '
            f'<span><a href="{link}">[link]</a></span> &#32; <span><a href="{link}">'
            "[comments]</a></span>"
        )
        body = (
            f'<!-- SC_OFF --><div class="md"><p>{_text(rng, 40)}.</p></div><!-- SC_ON --> {chrome}'
        )
        parts.append(
            f"<entry><author><name>/u/{user}</name><uri>https://www.reddit.com/user/{user}</uri>"
            f'</author><category term="{sub}" label="r/{sub}"/><content type="html">'
            f'{escape(body)}</content><id>t3_{tid}</id><link href="{link}" />'
            f"<updated>2026-10-{_day(i, j):02d}T08:00:00+00:00</updated>"
            f"<published>2026-10-{_day(i, j):02d}T08:00:00+00:00</published>"
            f"<title>{escape(_text(rng, 7).capitalize())}</title></entry>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:media="http://search.yahoo.com/mrss/"><updated>2026-10-28T08:00:00+00:00</updated>'
        f"<id>/search.rss?q={i}</id><title>{BRAND} {i} - sökresultat</title>"
        + "".join(parts)
        + "</feed>"
    )


def _mastodon(i: int, entries: int, rng: random.Random) -> str:
    items = []
    for j in range(entries):
        link = f"https://mastodon.exempel.se/@konto{j % 13}/{i:06d}{j:04d}"
        post = f"<p>{_text(rng, 30)}</p><p>#fjallkraft{i}</p>"
        media = (
            '<media:content url="https://files.exempel.se/a.png" type="image/png" medium="image">'
            f'<media:description type="plain">{_text(rng, 6)}</media:description></media:content>'
            if j % 4 == 0
            else ""
        )
        items.append(
            f'<item><guid isPermaLink="true">{link}</guid><link>{link}</link>'
            f"<pubDate>Mon, {_day(i, j):02d} Oct 2026 08:00:00 +0000</pubDate>"
            f"<description>{escape(post)}</description>{media}</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:media="http://search.yahoo.com/mrss/"><channel>'
        f"<title>#fjallkraft{i}</title><link>https://mastodon.exempel.se/tags/fjallkraft{i}</link>"
        "<generator>Mastodon v4.3.0</generator>" + "".join(items) + "</channel></rss>"
    )


def _bluesky(i: int, entries: int, rng: random.Random) -> str:
    items = []
    for j in range(entries):
        link = f"https://bsky.app/profile/konto{i}.bsky.social/post/3k{i}x{j}"
        text = f"{_text(rng, 25)}&#xA;&#xA;{_text(rng, 10)}"
        items.append(
            f"<item><link>{link}</link><description>{text}</description>"
            f"<pubDate>{_day(i, j):02d} Oct 2026 08:00 +0000</pubDate>"
            f'<guid isPermaLink="false">at://did:plc:konto{i}/app.bsky.feed.post/3k{i}x{j}'
            "</guid></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<description>Konto {i}</description>"
        f"<link>https://bsky.app/profile/konto{i}.bsky.social</link>"
        f"<title>@konto{i}.bsky.social - Konto {i}</title>" + "".join(items) + "</channel></rss>"
    )


def _youtube(i: int, entries: int, rng: random.Random) -> str:
    parts = []
    for j in range(entries):
        vid = f"v{i:05d}x{j:03d}"
        title = escape(_text(rng, 6).capitalize())
        parts.append(
            f"<entry><id>yt:video:{vid}</id><yt:videoId>{vid}</yt:videoId>"
            f"<yt:channelId>UC{i:022d}</yt:channelId><title>{title}</title>"
            f'<link rel="alternate" href="https://www.youtube.com/watch?v={vid}"/>'
            f"<author><name>Kanal {i}</name><uri>https://www.youtube.com/channel/UC{i:022d}</uri>"
            f"</author><published>2026-10-{_day(i, j):02d}T08:00:00+00:00</published>"
            f"<updated>2026-10-28T08:00:00+00:00</updated><media:group>"
            f"<media:title>{title}</media:title><media:description>{_text(rng, 40)}"
            "</media:description><media:community>"
            '<media:starRating count="11" average="5.00" min="1" max="5"/>'
            '<media:statistics views="528"/></media:community></media:group></entry>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns:yt="http://www.youtube.com/xml/'
        'schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" '
        f'xmlns="http://www.w3.org/2005/Atom"><id>yt:channel:{i:022d}</id>'
        f"<title>Kanal {i}</title>" + "".join(parts) + "</feed>"
    )


_MAKERS = {
    "google_news": _google_news,
    "reddit": _reddit,
    "mastodon": _mastodon,
    "bluesky": _bluesky,
    "youtube": _youtube,
}


def document(i: int, entries: int) -> bytes:
    """The i-th search's document: its platform's shape, `entries` entries, unique links."""
    return _MAKERS[search(i).type](i, entries, random.Random(i)).encode("utf-8")
