"""Feed discovery from a blog's home page, WordPress comment feeds, and robots-aware full text."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from ingest.discover import discover
from ingest.parse import FeedError
from ingest.sources import feed_url, search_for_feed
from koll.cli import main
from koll.config import FetchSettings, settings_from_dict
from tests.feedserver import FeedServer, rss

FAST = FetchSettings(timeout_s=2, per_host_gap_s=0, per_host_concurrency=4)

WP_HOME = """<!DOCTYPE html><html lang="sv-SE"><head>
<meta name="generator" content="WordPress 6.5.2" />
<link rel="alternate" type="application/rss+xml" title="Fjällbloggen &raquo; Flöde" href="/feed/" />
<link rel="alternate" type="application/rss+xml" title="Fjällbloggen &raquo; Kommentarsflöde" href="/comments/feed/" />
<link rel="alternate" type="application/json" href="/wp-json/" />
<link rel="stylesheet" href="/wp-content/themes/x.css" />
</head><body><h1>Fjällbloggen</h1></body></html>"""


def _wp_feed(base: str) -> bytes:
    body = rss([{"title": f"Inlägg {i}", "link": f"{base}/inlagg-{i}/"} for i in range(3)])
    # WordPress announces each post's comment feed with wfw:commentRss.
    for i in range(3):
        body = body.replace(
            f"<link>{base}/inlagg-{i}/</link>".encode(),
            f"<link>{base}/inlagg-{i}/</link><wfw:commentRss>{base}/inlagg-{i}/feed/</wfw:commentRss>".encode(),
        )
    return body.replace(
        b'<rss version="2.0">',
        b'<rss version="2.0" xmlns:wfw="http://wellformedweb.org/CommentAPI/">',
    )


def test_wordpress_blog(feed_server):
    base = feed_server.base
    home = feed_server.add("/", WP_HOME, headers={"Content-Type": "text/html; charset=utf-8"})
    feed_server.add("/feed/", _wp_feed(base))
    feed_server.add("/comments/feed/", rss([]))
    found = discover(home, FAST)
    assert [(f.url, f.kind, f.how) for f in found] == [
        (f"{base}/feed/", "blog", "link"),
        (f"{base}/comments/feed/", "comments", "link"),
        *[(f"{base}/inlagg-{i}/feed/", "comments", "wfw:commentRss") for i in range(3)],
    ]
    assert found[0].title == "Fjällbloggen » Flöde"
    assert [f.url for f in discover(home, FAST, comments=False)] == [
        f"{base}/feed/",
        f"{base}/comments/feed/",
    ]


def test_page_without_links_gets_conventional_paths_tried(feed_server):
    home = feed_server.add(
        "/blogg",
        "<html><head><title>x</title></head><body>hej</body></html>",
        headers={"Content-Type": "text/html"},
    )
    feed_server.add(
        "/rss.xml", rss([{"title": "a", "link": "https://exempel.se/a"}], title="Gissad")
    )
    (found,) = discover(home, FAST)
    assert (found.url, found.how, found.title) == (feed_server.url("/rss.xml"), "guess", "Gissad")


def test_a_feed_url_is_its_own_feed(feed_server):
    url = feed_server.add("/f", rss([], title="Själv"))
    (found,) = discover(url, FAST)
    assert (found.url, found.how) == (url, "itself")


def test_unreachable_page_is_a_clear_error():
    with pytest.raises(FeedError, match="connect"):
        discover("http://127.0.0.1:9/", FAST)


def test_cli_prints_pasteable_toml(feed_server, capsys):
    home = feed_server.add("/", WP_HOME, headers={"Content-Type": "text/html"})
    feed_server.add("/feed/", _wp_feed(feed_server.base))
    feed_server.add("/comments/feed/", rss([]))
    assert main(["discover", home, "--no-comments"]) == 0
    doc = tomllib.loads(capsys.readouterr().out)
    assert [(f["url"], f["kind"]) for f in doc["feeds"]] == [
        (feed_server.url("/feed/"), "blog"),
        (feed_server.url("/comments/feed/"), "comments"),
    ]
    assert main(["discover", "ftp://x"]) == 2


def test_full_text_respects_robots(feed_server):
    fulltext = pytest.importorskip("ingest.fulltext")
    pytest.importorskip("trafilatura")
    article = (
        "<html><head><title>Artikel</title></head><body><nav>Meny</nav><article><h1>Vindkraft i Åre</h1>"
        + "".join(
            f"<p>Stycke {i}: Fjällkraft bygger nya turbiner i fjällen och invånarna är kluvna "
            "till projektet som väntas ge el till tusentals hushåll.</p>"
            for i in range(8)
        )
        + "</article><footer>Sidfot</footer></body></html>"
    )
    feed_server.add(
        "/robots.txt", "User-agent: *\nDisallow: /privat/\n", headers={"Content-Type": "text/plain"}
    )
    ok = feed_server.add("/nyheter/1", article, headers={"Content-Type": "text/html"})
    private = feed_server.add("/privat/1", article, headers={"Content-Type": "text/html"})
    texts = fulltext.fetch_full_texts([ok, private], FAST)
    assert list(texts) == [ok]
    assert "invånarna är kluvna" in texts[ok] and "Sidfot" not in texts[ok]
    assert feed_server.hits["/privat/1"] == 0  # never even requested
    assert fulltext.is_teaser("Kort ingress …") and not fulltext.is_teaser(texts[ok])


# --- profile and channel pages become [[searches]] ---------------------------------------------


def _pasted(capsys, url: str) -> dict:
    """`koll discover URL`'s output, read as the koll.toml it is meant to be pasted into."""
    assert main(["discover", url]) == 0
    text = capsys.readouterr().out
    doc = tomllib.loads(text)
    settings_from_dict(doc, Path("koll.toml"), env={})  # a valid config as it stands
    return doc


def test_a_bluesky_profile_becomes_a_search(capsys):
    doc = _pasted(capsys, "https://bsky.app/profile/Fjallkraft.bsky.social")
    assert doc == {"searches": [{"type": "bluesky", "handle": "fjallkraft.bsky.social"}]}


def test_a_youtube_channel_becomes_a_search(capsys):
    doc = _pasted(capsys, "https://www.youtube.com/channel/UCY_XiFwLImCn3arzomg8eRA/videos")
    assert doc == {"searches": [{"type": "youtube", "channel_id": "UCY_XiFwLImCn3arzomg8eRA"}]}


PROFILE = """<!DOCTYPE html><html><head><title>{title}</title>
<link rel="alternate" type="application/rss+xml" href="{feed}">
</head><body></body></html>"""


@pytest.mark.parametrize(
    ("path", "feed", "search"),
    [
        (  # a Mastodon profile names its feed in the page
            "/@lissy93",
            "https://mastodon.social/@lissy93.rss",
            {"type": "mastodon", "handle": "lissy93@mastodon.social"},
        ),
        (  # a YouTube @name page names its channel's feed
            "/@fjallkraft",
            "https://www.youtube.com/feeds/videos.xml?channel_id=UCY_XiFwLImCn3arzomg8eRA",
            {"type": "youtube", "channel_id": "UCY_XiFwLImCn3arzomg8eRA"},
        ),
    ],
)
def test_a_profile_page_naming_its_platform_feed_becomes_a_search(
    feed_server, capsys, path, feed, search
):
    page = feed_server.add(
        path,
        PROFILE.format(title="Profil", feed=feed),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    (found,) = discover(page, FAST)
    assert (found.url, found.kind, found.search.describe()) == (feed, "social", search)
    assert feed_server.hits == {path: 1}  # nothing else was asked (no comment-feed lookup)
    doc = _pasted(capsys, page)
    assert doc == {"searches": [search]}


# Each search's feed URL (the table in docs/config.md) pasted into `koll discover`: the search
# itself, known from the address alone (nothing is fetched: no server runs here).
FEED_URLS = [
    (
        "https://news.google.com/rss/search?q=Fj%C3%A4llkraft+AB&hl=sv&gl=SE&ceid=SE:sv",
        {"type": "google_news", "query": "Fjällkraft AB"},
    ),
    (
        "https://www.reddit.com/search.rss?q=Fj%C3%A4llkraft&sort=new",
        {"type": "reddit", "query": "Fjällkraft"},
    ),
    (
        "https://www.reddit.com/r/sweden/search.rss?q=vindkraft&restrict_sr=on&sort=new",
        {"type": "reddit", "query": "vindkraft", "subreddit": "sweden"},
    ),
    (
        "https://mastodon.nu/tags/fj%C3%A4llkraft.rss",
        {"type": "mastodon", "query": "fjällkraft", "instance": "mastodon.nu"},
    ),
    (
        "https://mastodon.social/@lissy93.rss",
        {"type": "mastodon", "handle": "lissy93@mastodon.social"},
    ),
    (
        "https://bsky.app/profile/kaedotcom.bsky.social/rss",
        {"type": "bluesky", "handle": "kaedotcom.bsky.social"},
    ),
    (
        "https://www.youtube.com/feeds/videos.xml?channel_id=UCY_XiFwLImCn3arzomg8eRA",
        {"type": "youtube", "channel_id": "UCY_XiFwLImCn3arzomg8eRA"},
    ),
]


@pytest.mark.parametrize(("url", "search"), FEED_URLS, ids=[s["type"] for _, s in FEED_URLS])
def test_a_platform_feed_url_becomes_its_search(capsys, url, search):
    assert _pasted(capsys, url) == {"searches": [search]}
    assert feed_url(search_for_feed(url)) == url  # the exact round trip


@pytest.mark.parametrize(
    "url",
    [
        "https://news.google.com/rss/search?q=Fj%C3%A4llkraft&hl=en-GB&gl=GB&ceid=GB:en",
        "https://www.reddit.com/r/sweden/.rss",
        "https://blogg.exempel.se/tags/nyheter/feed/",
    ],
)
def test_other_feeds_on_those_hosts_stay_feeds(url):
    assert search_for_feed(url) is None  # another edition, a subreddit's listing, a blog's tag


def test_cli_toml_loads_whatever_the_page_names(feed_server, capsys):
    """Astral characters in a URL (json.dumps wrote them as surrogate pairs, which TOML
    forbids), a DEL in a URL, and control characters in a link's title (they went raw into the
    `# title` comment) still print as a koll.toml that loads."""
    page = (
        "<html><head>"
        '<link rel="alternate" type="application/rss+xml" title="Emoji \U0001f600 fl\u00f6de"'
        ' href="/fl\u00f6de/\U0001f600.xml">'
        '<link rel="alternate" type="application/rss+xml" title="Bad\x00title\x01\x1b\x7fx"'
        ' href="/ctrl\x7f.xml">'
        "</head><body></body></html>"
    )
    home = feed_server.add("/sida", page, headers={"Content-Type": "text/html; charset=utf-8"})
    assert main(["discover", home, "--no-comments"]) == 0
    text = capsys.readouterr().out
    doc = tomllib.loads(text)
    # (the config then refuses a URL with a control character, in a line of its own)
    settings_from_dict({"feeds": doc["feeds"][:1]}, Path("koll.toml"), env={})
    assert [f["url"] for f in doc["feeds"]] == [
        feed_server.url("/fl\u00f6de/\U0001f600.xml"),
        feed_server.url("/ctrl\x7f.xml"),
    ]
    assert "# Emoji \U0001f600 fl\u00f6de" in text and "# Bad title x" in text


def test_links_are_relative_to_where_a_302_led(feed_server):
    """/redir/ -> 302 -> another host's /sub/dir/: the page's href="feed.xml", the WordPress
    comment feed guess and the feed's relative wfw:commentRss are read from where each
    document was found, not from the URL first asked for (they gave /redir/feed.xml, a 404)."""
    other = FeedServer("127.0.0.2").start()
    try:
        page = WP_HOME.replace('href="/feed/"', 'href="feed.xml"').replace(
            '<link rel="alternate" type="application/rss+xml" title="Fjällbloggen &raquo; '
            'Kommentarsflöde" href="/comments/feed/" />',
            "",
        )
        other.add("/sub/dir/", page, headers={"Content-Type": "text/html; charset=utf-8"})
        other.redirect("/sub/dir/feed.xml", other.url("/sub/dir/v2/feed.xml"), status=307)
        feed = _wp_feed("https://exempel.se").replace(
            b"<wfw:commentRss>https://exempel.se/inlagg-0/feed/",
            b"<wfw:commentRss>inlagg-0/feed/",
        )
        other.add("/sub/dir/v2/feed.xml", feed)
        other.add("/comments/feed/", rss([]))
        start = feed_server.redirect("/redir/", other.url("/sub/dir/"), status=302)
        found = discover(start, FAST)
        assert [(f.url, f.kind, f.how) for f in found] == [
            (other.url("/sub/dir/feed.xml"), "blog", "link"),
            (other.url("/comments/feed/"), "comments", "guess"),
            (other.url("/sub/dir/v2/inlagg-0/feed/"), "comments", "wfw:commentRss"),
            ("https://exempel.se/inlagg-1/feed/", "comments", "wfw:commentRss"),
            ("https://exempel.se/inlagg-2/feed/", "comments", "wfw:commentRss"),
        ]
        assert feed_server.hits == {"/redir/": 1}
    finally:
        other.stop()


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://[::1/", "(Invalid IPv6 URL)"),  # ended in a traceback
        ("http://exempel.se:99999/", "(Port out of range 0-65535)"),
        ("http:///feed/", ""),
        ("ftp://exempel.se/", ""),
    ],
)
def test_a_url_that_is_none_is_one_line_and_exit_2(capsys, url, why):
    assert main(["discover", url]) == 2
    out, err = capsys.readouterr()
    assert (
        out == ""
        and err == f"koll: expected an http(s) URL, got {url!r}{' ' + why if why else ''}\n"
    )


def test_a_page_is_read_in_its_declared_charset(feed_server):
    """A windows-1252 page (in the header, or only in a meta tag): its titles came out with
    U+FFFD where ä, ö and the dash were."""
    page = WP_HOME.replace("&raquo;", "\u2013")
    for path, ctype, meta in [
        ("/cp1252-header/", "text/html; charset=windows-1252", ""),
        ("/cp1252-meta/", "text/html", '<meta charset="windows-1252">'),
    ]:
        body = page.replace("<head>", "<head>" + meta).encode("cp1252")
        home = feed_server.add(path, body, headers={"Content-Type": ctype})
        found = discover(home, FAST, comments=False)
        assert [f.title for f in found] == [
            "Fjällbloggen \u2013 Flöde",
            "Fjällbloggen \u2013 Kommentarsflöde",
        ]


@pytest.mark.parametrize(
    ("path", "title", "kind"),
    [
        ("/comments/feed/", "Fjällbloggen", "comments"),  # WordPress' site-wide comment feed
        ("/kommentarer.xml", "Kommentarer till Fjällbloggen", "comments"),
        ("/feed/", "Fjällbloggen", "blog"),
    ],
)
def test_a_comment_feed_given_itself_is_a_comment_feed(feed_server, path, title, kind):
    url = feed_server.add(path, rss([], title=title))
    (found,) = discover(url, FAST)
    assert (found.url, found.kind, found.how) == (url, kind, "itself")
