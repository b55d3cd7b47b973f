"""Comments stay comments: recognised whatever a feed's configured kind, never merged by their
text, never collapsed into their post; real WordPress trios through the real fetch path."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

from ingest.comments import parent_key
from ingest.parse import parse
from ingest.urls import canonical_url, is_comment_anchor
from koll.cli import main
from koll.store import Store
from koll.store.schema import items
from tests.conftest import FIXTURES

TRIOS = FIXTURES / "feeds" / "comments"
# (path on the test server, fixture file) as the blogs publish them.
WHIZZY = {
    "/feed/": "8none1__old_whizzy_dot_org__feed__index.xml",
    "/comments/feed/": "8none1__old_whizzy_dot_org__comments__feed__index.xml",
    "/2021/01/02/double-helping-of-pi-hole/feed/": (
        "8none1__old_whizzy_dot_org__2021__01__02__double-helping-of-pi-hole__feed__index.xml"
    ),
}
MLMEK = {
    "/mlmek/feed/": "srickardsson__MlMek__feed__index.xml",
    "/mlmek/comments/feed/": "srickardsson__MlMek__comments__feed__index.xml",
    "/mlmek/2021/10/05/hej-varlden/feed/": (
        "srickardsson__MlMek__2021__10__05__hej-varlden__feed__index.xml"
    ),
}


def _guids(name: str) -> list[str]:
    return re.findall(r"<guid[^>]*>([^<]*)</guid>", (TRIOS / name).read_text(encoding="utf-8"))


def test_comment_anchors_stay_in_canonical_urls():
    assert canonical_url("https://www.mlmek.se/2021/10/05/hej-varlden/#comment-1") == (
        "https://mlmek.se/2021/10/05/hej-varlden#comment-1"
    )
    assert canonical_url("https://x.se/a/#top") == "https://x.se/a"  # a place on the page
    blogger = "https://x.blogspot.com/2020/01/p.html?showComment=1580#c1234"
    assert is_comment_anchor(blogger) and canonical_url(blogger).endswith("#c1234")
    assert not is_comment_anchor("https://x.se/kapitel.html#c2")  # no showComment: a section
    for anchor in ("#comment-12", "#comment_12", "#li-comment-12", "#comments-12"):
        assert is_comment_anchor("https://x.se/p/" + anchor), anchor


@pytest.mark.parametrize("kind", ["blog", "news", "comments"])
def test_wordpress_comment_feeds_are_comments_whatever_their_kind(kind):
    post = parse(
        (TRIOS / MLMEK["/mlmek/feed/"]).read_bytes(), feed_url="https://www.mlmek.se/feed/"
    ).items[0]
    for path in ("/comments/feed/", "/2021/10/05/hej-varlden/feed/"):
        name = MLMEK["/mlmek" + path]
        got = parse((TRIOS / name).read_bytes(), feed_url="https://www.mlmek.se" + path, kind=kind)
        (c,) = got.items
        assert c.kind == "comments"
        assert c.key == "guid:https://www.mlmek.se/?p=1#comment-1"
        assert c.parent_key == post.key == "https://mlmek.se/2021/10/05/hej-varlden"
        assert c.link == "https://www.mlmek.se/2021/10/05/hej-varlden/#comment-1"
    assert post.kind == "news" and post.parent_key is None


def test_relative_guids_of_static_exports_belong_to_their_site():
    """whizzy.org's export has GUIDs like /?p=1020#comment-4016: two blogs' first comments
    must not be one item."""
    name = WHIZZY["/2021/01/02/double-helping-of-pi-hole/feed/"]
    a = parse((TRIOS / name).read_bytes(), feed_url="https://a.example/x/feed/", kind="blog")
    b = parse((TRIOS / name).read_bytes(), feed_url="https://b.example/x/feed/", kind="blog")
    assert {i.key for i in a.items}.isdisjoint({i.key for i in b.items})
    assert a.items[0].key == "guid:https://a.example/?p=1020#comment-4016"
    assert {i.parent_key for i in a.items} == {
        "https://a.example/2021/01/02/double-helping-of-pi-hole"
    }


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0">
<title>{title}</title><id>tag:x</id><updated>2026-11-10T10:00:00Z</updated>
{entries}</feed>"""
ENTRY = """<entry><title>{title}</title><id>{id}</id><link rel="alternate" href="{link}"/>
{reply}<updated>2026-11-10T10:00:00Z</updated><author><name>Lisa</name></author>
<content type="text">Bra skrivet!</content></entry>"""


def test_in_reply_to_and_blogger_comments_are_recognised():
    blogger = "https://fjallbloggen.blogspot.com/2026/11/storm.html"
    doc = ATOM.format(
        title="Fjällbloggen",  # nothing in the title: the entries say it
        entries=ENTRY.format(
            title="Lisa",
            id="tag:blogger.com,1999:blog-1.post-2.comment-3",
            link=blogger + "?showComment=1762768800000#c3",
            reply=f'<thr:in-reply-to ref="tag:blogger.com,1999:blog-1.post-2" href="{blogger}"/>',
        ),
    )
    (c,) = parse(
        doc.encode(), feed_url="https://fjallbloggen.blogspot.com/feeds/2/comments/default"
    ).items
    assert c.kind == "comments" and c.parent_key == canonical_url(blogger)
    # One reply with thr:in-reply-to in an ordinary blog feed is a comment; its neighbour a post.
    mixed = ATOM.format(
        title="Blandat",
        entries=ENTRY.format(
            title="Svar",
            id="tag:x,1",
            link="https://b.se/svar-1",
            reply='<thr:in-reply-to ref="tag:x,0" href="https://b.se/inlagg"/>',
        )
        + ENTRY.format(title="Inlägg", id="tag:x,0", link="https://b.se/inlagg", reply=""),
    )
    reply, post = parse(mixed.encode(), feed_url="https://b.se/feed", kind="blog").items
    assert (reply.kind, reply.parent_key) == ("comments", "https://b.se/inlagg")
    assert (post.kind, post.parent_key, post.key) == ("blog", None, "https://b.se/inlagg")


def test_a_comment_on_a_later_page_of_its_thread_hangs_under_its_post():
    """WordPress links a comment on page 2 of a long thread as `<post>/comment-page-2/#comment-N`
    (dcrainmaker.xml in the real corpus has `….html/comment-page-1#comment-…`): its parent was the
    page of comments, an item that never exists, so the comment hung under nothing."""
    post = parse(
        (TRIOS / MLMEK["/mlmek/feed/"]).read_bytes(), feed_url="https://www.mlmek.se/feed/"
    ).items[0]
    paged = (
        (TRIOS / MLMEK["/mlmek/comments/feed/"])
        .read_bytes()
        .replace(b"/hej-varlden/#comment-", b"/hej-varlden/comment-page-2/#comment-")
    )
    assert b"comment-page-2" in paged
    (c,) = parse(paged, feed_url="https://www.mlmek.se/comments/feed/").items
    assert c.link.endswith("/hej-varlden/comment-page-2/#comment-1")
    assert c.parent_key == post.key == "https://mlmek.se/2021/10/05/hej-varlden"
    assert parent_key("https://blogg.se/2026/11/prishojning/comment-page-2/#comment-456", None) == (
        "https://blogg.se/2026/11/prishojning"
    )
    dcrainmaker = "https://www.dcrainmaker.com/2017/10/garmin-opens-up-cycling-dynamics-to-other-companies.html"
    assert parent_key(dcrainmaker + "/comment-page-1#comment-2582328", None) == canonical_url(
        dcrainmaker
    )


def _serve(feed_server, files: dict[str, str]) -> list[str]:
    return [feed_server.add_file(path, TRIOS / name) for path, name in files.items()]


def test_real_trios_store_one_item_per_post_and_per_comment(
    feed_server, write_config, database_url, capsys
):
    """Blog, site comments and one post's comments of two real WordPress blogs, every feed
    configured as a blog (as a user pasting `koll discover`'s URLs may do), fetched over HTTP
    twice with `koll ingest --all`: each post once, each comment once, hung under its post."""
    urls = _serve(feed_server, WHIZZY) + _serve(feed_server, MLMEK)
    feeds = "".join(f'\n[[feeds]]\nurl = "{u}"\nkind = "blog"\n' for u in urls)
    config = write_config(
        f'[storage]\nurl = "{database_url}"\n\n[[brands]]\nname = "Asterisk"\n{feeds}'
    )
    posts = len(_guids(WHIZZY["/feed/"])) + len(_guids(MLMEK["/mlmek/feed/"]))
    comments = len(
        {
            *_guids(WHIZZY["/comments/feed/"]),
            *_guids(WHIZZY["/2021/01/02/double-helping-of-pi-hole/feed/"]),
        }
    ) + len(set(_guids(MLMEK["/mlmek/comments/feed/"])))
    assert (posts, comments) == (51, 51)
    store = Store(database_url)
    try:
        for _ in range(2):
            assert main(["ingest", "--config", str(config), "--all"]) == 0
            with store.connect() as conn:
                kinds = dict(
                    conn.execute(select(items.c.kind, func.count()).group_by(items.c.kind)).all()
                )
                assert kinds == {"blog": posts, "comments": comments}
                rows = conn.execute(
                    select(items.c.key, items.c.title, items.c.kind, items.c.parent_key)
                ).all()
        by_key = {r.key: r for r in rows}
        pihole = canonical_url(feed_server.url("/2021/01/02/double-helping-of-pi-hole/"))
        assert by_key[pihole].title == "Double helping of Pi Hole"  # not a comment's title
        assert sum(r.parent_key == pihole for r in rows) == 4
        hej = by_key["https://mlmek.se/2021/10/05/hej-varlden"]
        assert hej.title == "Hej världen!" and hej.kind == "blog"
        # Every comment whose post is in the posts feed hangs under it.
        parents = {r.parent_key for r in rows if r.kind == "comments"}
        assert pihole in parents and hej.key in parents
        assert all(r.parent_key for r in rows if r.kind == "comments")
        # The export gives each item's own link as published, the anchor of a comment kept.
        capsys.readouterr()
        assert main(["export", "items", "--config", str(config), "--format", "jsonl"]) == 0
        out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        urls_out = {o["url"] for o in out}
        assert "https://www.mlmek.se/2021/10/05/hej-varlden/#comment-1" in urls_out
        assert "https://www.mlmek.se/2021/10/05/hej-varlden/" in urls_out
        assert not any(u.startswith(("guid:", "hash:")) for u in urls_out)
    finally:
        store.close()


def _comment(link: str, author: str, text: str, when: str, guid: str | None = None) -> str:
    return (
        f"<item><title>Av: {author}</title><link>{link}</link>"
        f'<guid isPermaLink="false">{guid or link}</guid><dc:creator>{author}</dc:creator>'
        f"<pubDate>{when}</pubDate><description>{text}</description></item>"
    )


def _rss(title: str, entries: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{title}</title><link>https://bloggen.example.se/</link>"
        f"{''.join(entries)}</channel></rss>"
    )


def test_comments_are_never_merged_by_their_text(feed_server, write_config, database_url):
    """Two readers' "Bra skrivet!" on one post, and the spokesperson's standard reply on two
    threads of one site: four comments. A post repeated on the site under another link is
    still one post (reposts by content stay for posts)."""
    base = "https://bloggen.example.se/2026/11"
    reply = "Tack för att du tar upp det, vi återkommer så snart vi vet mer. /Anna Berg, Fjällkraft"
    when = "Tue, 10 Nov 2026 {}:00:00 +0000"
    comments = [
        _comment(f"{base}/elpriset/#comment-1", "Lisa", "Bra skrivet!", when.format(10)),
        _comment(f"{base}/elpriset/#comment-2", "Per", "Bra skrivet!", when.format(11)),
        _comment(f"{base}/elpriset/#comment-3", "Anna Berg", reply, when.format(12)),
        _comment(f"{base}/stormen/#comment-4", "Anna Berg", reply, when.format(13)),
    ]
    post = (
        "<item><title>Elpriset och Fjällkraft</title><link>{}</link>"
        "<pubDate>Tue, 10 Nov 2026 08:00:00 +0000</pubDate>"
        "<description>Fjällkraft höjer priset, skriver bloggen.</description></item>"
    )
    blog = _rss(
        "Bloggen",
        [post.format(f"{base}/elpriset/"), post.format(f"{base}/elpriset-kopia/")],
    )
    urls = [
        feed_server.add("/bloggen/feed/", blog),
        # Configured as a blog: the channel title says what it is.
        feed_server.add("/bloggen/comments/feed/", _rss("Kommentarer till Bloggen", comments)),
    ]
    feeds = "".join(f'\n[[feeds]]\nurl = "{u}"\nkind = "blog"\n' for u in urls)
    config = write_config(
        f'[storage]\nurl = "{database_url}"\n\n[[brands]]\nname = "Fjällkraft"\n'
        f'people = ["Anna Berg"]\n{feeds}'
    )
    assert main(["ingest", "--config", str(config)]) == 0
    store = Store(database_url)
    try:
        with store.connect() as conn:
            rows = conn.execute(select(items.c.kind, items.c.author, items.c.parent_key)).all()
    finally:
        store.close()
    assert sorted((k, a) for k, a, _ in rows if k == "comments") == [
        ("comments", "Anna Berg"),
        ("comments", "Anna Berg"),
        ("comments", "Lisa"),
        ("comments", "Per"),
    ]
    assert [k for k, _, _ in rows].count("blog") == 1  # the repost is the same post
