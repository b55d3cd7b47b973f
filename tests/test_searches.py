"""[[searches]]: each entry is checked, expands to its platform's feed and shows in `koll feeds`."""

from __future__ import annotations

import json
import tomllib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from ingest.run import ingest_once, run
from ingest.sources import feed_url, with_searches
from koll.cli import main
from koll.cli.feeds import feed_health
from koll.config import ConfigError, load_settings, settings_from_dict
from koll.store import Store
from koll.store.schema import feeds, item_feeds, items, mentions

FIVE = """
[[brands]]
name = "Fjällkraft"

[[searches]]
type = "google_news"
query = "Fjällkraft"
brand = "Fjällkraft"

[[searches]]
type = "reddit"
query = "Fjällkraft vindkraft"
subreddit = "sweden"

[[searches]]
type = "reddit"
query = "Fjällkraft"

[[searches]]
type = "mastodon"
query = "fjällkraft"
instance = "mastodon.nu"

[[searches]]
type = "mastodon"
handle = "fjallkraft@mastodon.nu"
brand = "fjällkraft"
owned = true

[[searches]]
type = "bluesky"
handle = "fjallkraft.bsky.social"
brand = "Fjällkraft"
owned = true

[[searches]]
type = "youtube"
channel_id = "UCY_XiFwLImCn3arzomg8eRA"
"""

EXPECTED = [
    (
        "https://news.google.com/rss/search?q=Fj%C3%A4llkraft&hl=sv&gl=SE&ceid=SE:sv",
        {"type": "google_news", "query": "Fjällkraft", "brand": "Fjällkraft"},
    ),
    (
        "https://www.reddit.com/r/sweden/search.rss?q=Fj%C3%A4llkraft+vindkraft"
        "&restrict_sr=on&sort=new",
        {"type": "reddit", "query": "Fjällkraft vindkraft", "subreddit": "sweden"},
    ),
    (
        "https://www.reddit.com/search.rss?q=Fj%C3%A4llkraft&sort=new",
        {"type": "reddit", "query": "Fjällkraft"},
    ),
    (
        "https://mastodon.nu/tags/fj%C3%A4llkraft.rss",
        {"type": "mastodon", "query": "fjällkraft", "instance": "mastodon.nu"},
    ),
    (
        "https://mastodon.nu/@fjallkraft.rss",
        {
            "type": "mastodon",
            "handle": "fjallkraft@mastodon.nu",
            "brand": "Fjällkraft",
            "owned": True,
        },
    ),
    (
        "https://bsky.app/profile/fjallkraft.bsky.social/rss",
        {
            "type": "bluesky",
            "handle": "fjallkraft.bsky.social",
            "brand": "Fjällkraft",
            "owned": True,
        },
    ),
    (
        "https://www.youtube.com/feeds/videos.xml?channel_id=UCY_XiFwLImCn3arzomg8eRA",
        {"type": "youtube", "channel_id": "UCY_XiFwLImCn3arzomg8eRA"},
    ),
]


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "koll.toml"
    path.write_text('[storage]\nurl = "sqlite:///koll.db"\n' + text, encoding="utf-8")
    return path


def _with_store(config: Path) -> Path:
    """The config, with the (empty) store `koll feeds` reads beside it: it creates none."""
    Store(f"sqlite:///{config.parent / 'koll.db'}").close()
    return config


def test_one_search_of_each_type_expands_to_its_platforms_feed(tmp_path, capsys):
    config = _config(tmp_path, FIVE + '\n[[feeds]]\nurl = "https://blogg.exempel.se/feed/"\n')
    assert main(["feeds", "--config", str(_with_store(config)), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    # the contract's fields stay; each search's feed names the search it came from
    assert all(
        {"url", "status", "last_success", "failures", "last_error", "next_due"} <= set(f)
        for f in listed
    )
    assert listed[0]["url"] == "https://blogg.exempel.se/feed/"
    assert listed[0]["search"] is None
    assert [(f["url"], f["search"]) for f in listed[1:]] == EXPECTED
    assert [f["kind"] for f in listed[1:]] == ["news"] + ["social"] * 6
    assert [f["owner"] for f in listed[1:]] == [None] * 4 + ["Fjällkraft"] * 2 + [None]
    assert {f["status"] for f in listed} == {"never"}


def test_the_table_shows_each_search_and_google_news_terms(tmp_path, capsys):
    config = _config(tmp_path, FIVE)
    assert main(["feeds", "--config", str(_with_store(config))]) == 0
    out = capsys.readouterr().out
    assert 'search: type="reddit" query="Fjällkraft vindkraft" subreddit="sweden"' in out
    assert "personal, non-commercial use" in out


def test_google_news_is_polled_at_most_every_15_minutes(tmp_path):
    settings = load_settings(
        _config(
            tmp_path,
            '[[searches]]\ntype = "google_news"\nquery = "x"\ninterval = "5m"\n'
            '[[searches]]\ntype = "reddit"\nquery = "x"\ninterval = "5m"\n'
            '[[feeds]]\nurl = "https://news.google.com/rss/search?q=y"\ninterval = "1m"\n',
        ),
        env={},
    )
    intervals = [f.interval_s for f in with_searches(settings).feeds]
    assert intervals == [15 * 60, 15 * 60, 5 * 60]


def test_with_searches_twice_is_once(tmp_path):
    settings = with_searches(load_settings(_config(tmp_path, FIVE), env={}))
    assert with_searches(settings) == settings


def test_a_search_listed_as_a_feed_too_is_refused(tmp_path, capsys):
    config = _config(
        tmp_path,
        '[[searches]]\ntype = "bluesky"\nhandle = "a.bsky.social"\n'
        '[[feeds]]\nurl = "https://bsky.app/profile/a.bsky.social/rss"\n',
    )
    assert main(["feeds", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "searches[0]: its feed https://bsky.app/profile/a.bsky.social/rss" in err
    assert "feeds[0]" in err and "Traceback" not in err
    # With the line of the search's table, as other config errors (a contracts audit).
    line = config.read_text(encoding="utf-8").splitlines().index("[[searches]]") + 1
    assert f"koll.toml:{line}: searches[0]:" in err


BAD = [
    ('type = "twitter"\nquery = "x"', "searches[0].type", "expected one of google_news, reddit"),
    ('query = "x"', "searches[0].type", "missing"),
    ('type = "google_news"', "searches[0].query", "missing (a google_news search needs it)"),
    ('type = "google_news"\nquery = "  "', "searches[0].query", "non-empty string"),
    ('type = "google_news"\nquery = "x"\nhandle = "a"', "searches[0].handle", "not used by"),
    ('type = "reddit"\nquery = "x"\nsubreddit = "a b"', "searches[0].subreddit", "subreddit"),
    ('type = "reddit"\nquery = "x"\nchannel_id = "UC"', "searches[0].channel_id", "not used"),
    ('type = "mastodon"\nquery = "x"', "searches[0].instance", "missing"),
    ('type = "mastodon"\ninstance = "mastodon.nu"', "searches[0].query", "one of the two"),
    (
        'type = "mastodon"\nquery = "x"\nhandle = "a@b.se"\ninstance = "b.se"',
        "searches[0].query",
        "one of the two",
    ),
    ('type = "mastodon"\nhandle = "a@b.se"\ninstance = "b.se"', "searches[0].instance", "not used"),
    ('type = "mastodon"\nquery = "två ord"\ninstance = "b.se"', "searches[0].query", "hashtag"),
    ('type = "mastodon"\nquery = "x"\ninstance = "https://"', "searches[0].instance", "host"),
    ('type = "mastodon"\nhandle = "fjallkraft"', "searches[0].handle", "user@instance"),
    ('type = "bluesky"\nhandle = "a b"', "searches[0].handle", "expected a handle"),
    ('type = "bluesky"\nquery = "x"', "searches[0].query", "not used by bluesky"),
    ('type = "youtube"\nchannel_id = "@fjallkraft"', "searches[0].channel_id", "channel id"),
    ('type = "youtube"', "searches[0].channel_id", "missing"),
    ('type = "reddit"\nquery = "x"\nbrand = "Okänd"', "searches[0].brand", "names no [[brands]]"),
    ('type = "reddit"\nquery = "x"\nowned = true', "searches[0].owned", "needs brand"),
    ('type = "reddit"\nquery = "x"\nowned = "ja"', "searches[0].owned", "true or false"),
    ('type = "reddit"\nquery = "x"\ninterval = "ofta"', "searches[0].interval", "duration"),
    ('type = "reddit"\nquery = "x"\nqeury = "y"', "searches[0].qeury", "unknown key"),
]


@pytest.mark.parametrize(("table", "key", "problem"), BAD, ids=[b[1] + ":" + b[2] for b in BAD])
def test_mistakes_in_a_search_are_one_line_config_errors(tmp_path, table, key, problem):
    doc = tomllib.loads(f'[[brands]]\nname = "Fjällkraft"\n[[searches]]\n{table}\n')
    with pytest.raises(ConfigError) as e:
        settings_from_dict(doc, tmp_path / "koll.toml", env={})
    assert e.value.key == key
    assert problem in e.value.problem
    assert "\n" not in str(e.value)


def test_the_same_search_twice_is_refused(tmp_path):
    doc = tomllib.loads(
        '[[searches]]\ntype = "mastodon"\nquery = "#Fjällkraft"\ninstance = "Mastodon.nu"\n'
        '[[searches]]\ntype = "mastodon"\nquery = "Fjällkraft"\ninstance = "https://mastodon.nu/"\n'
    )
    with pytest.raises(ConfigError, match=r"searches\[1\]: the same search as searches\[0\]"):
        settings_from_dict(doc, tmp_path / "koll.toml", env={})


def test_pasted_forms_are_normalised(tmp_path):
    doc = tomllib.loads(
        '[[searches]]\ntype = "mastodon"\nhandle = "@Anna@Mastodon.NU"\n'
        '[[searches]]\ntype = "bluesky"\nhandle = "@Fjallkraft.bsky.social"\n'
        '[[searches]]\ntype = "reddit"\nquery = " Fjällkraft  AB "\nsubreddit = "r/sweden"\n'
    )
    found = [s.describe() for s in settings_from_dict(doc, tmp_path / "k.toml", env={}).searches]
    assert found == [
        {"type": "mastodon", "handle": "Anna@mastodon.nu"},
        {"type": "bluesky", "handle": "fjallkraft.bsky.social"},
        {"type": "reddit", "query": "Fjällkraft AB", "subreddit": "sweden"},
    ]


# --- through the real fetch path: each platform's document served locally ---------------------

SOCIAL = Path(__file__).parent / "fixtures" / "feeds" / "social"
RUN_AT = datetime(2026, 12, 1, 12, tzinfo=UTC)

SEARCHES = """
[[brands]]
name = "Fjällkraft"

[[searches]]
type = "google_news"
query = "Brent crude oil price"

[[searches]]
type = "reddit"
query = "lissy93"

[[searches]]
type = "mastodon"
query = "privacy"
instance = "mastodon.social"

[[searches]]
type = "mastodon"
handle = "lissy93@mastodon.social"
brand = "Fjällkraft"
owned = true

[[searches]]
type = "bluesky"
handle = "kaedotcom.bsky.social"

[[searches]]
type = "youtube"
channel_id = "UCY_XiFwLImCn3arzomg8eRA"
"""
DOCS = {  # search (by position above) -> the platform's document it is answered with
    0: "google_news",
    1: "reddit",
    2: "mastodon",
    3: "mastodon",  # the same posts, reached through the account: stored once
    4: "bluesky",
    5: "youtube",
}


def _social(prefix: str) -> Path:
    (path,) = SOCIAL.glob(prefix + "__*.xml")
    return path


def _serve_searches(feed_server, settings):
    """The settings with every platform on the local server, each search's feed served there."""
    bases = {t: f"{feed_server.base}/{t}" for t in ("google_news", "reddit", "bluesky", "youtube")}
    bases["mastodon"] = f"{feed_server.base}/mastodon"
    settings = replace(settings, search_bases=bases)
    for i, search in enumerate(settings.searches):
        url = feed_url(search, bases)
        feed_server.add_file(url.removeprefix(feed_server.base), _social(DOCS[i]))
    return settings


def _stored(settings) -> dict:
    store = Store(settings.database_url)
    try:
        with store.connect() as c:
            rows = list(c.execute(select(items)))
            links = list(c.execute(select(item_feeds)))
    finally:
        store.close()
    return {r.key: r for r in rows}, links


def _utc(*a) -> datetime:
    return datetime(*a)  # the store keeps naive UTC


def test_each_platforms_document_ingests_through_a_search(feed_server, tmp_path):
    config = _config(
        tmp_path,
        SEARCHES
        + f'[[feeds]]\nurl = "{feed_server.url("/alerts.xml")}"\n'  # Google Alerts: a plain feed
        + "[fetch]\nper_host_gap_s = 0\nper_host_concurrency = 8\n",
    )
    feed_server.add_file("/alerts.xml", _social("google_alerts"))
    settings = _serve_searches(feed_server, load_settings(config, env={}))

    report = ingest_once(settings=settings, now=RUN_AT)
    assert (report.feeds_ok, report.feeds_failed) == (7, 0), report.errors
    stored, links = _stored(settings)
    by_source: dict[str, list] = {}
    for r in stored.values():
        by_source.setdefault(r.source, []).append(r)

    news = next(r for r in stored.values() if r.title.startswith("Oil price dives"))
    assert (news.source, news.kind, news.author, news.text) == ("bbc.com", "news", None, "")
    assert news.title == "Oil price dives as US and Iran pause attacks"
    assert news.published == _utc(2026, 7, 27, 7, 0)

    post = stored[
        "https://reddit.com/r/privacy/comments/uvd7mz/comparison_of_privacyrespecting_email_providers"
    ]
    assert (post.title, post.author, post.source, post.kind) == (
        "Comparison of Privacy-Respecting Email Providers",
        "lissy93",
        "reddit.com/r/privacy",
        "social",
    )
    assert post.text.startswith("In light of CTemplar") and "submitted by" not in post.text
    assert post.published == _utc(2022, 5, 22, 15, 26, 19)

    toot = stored["https://mastodon.social/@lissy93/112066566923814329"]
    assert toot.title == "This last week I've been updating Awesome Privacy."
    assert (toot.author, toot.source, toot.kind) == (
        "@lissy93@mastodon.social",
        "mastodon.social",
        "social",
    )
    assert "Would love to hear your thoughts" in toot.text and "Start typing" not in toot.text
    assert toot.published == _utc(2024, 3, 9, 16, 1, 45)

    skeet = stored["https://bsky.app/profile/kaedotcom.bsky.social/post/3mcfiov2e7k2r"]
    assert (skeet.title, skeet.text) == (
        "But the Starlink hardware must be somehow acquired …",
        "But the Starlink hardware must be somehow acquired …",
    )
    assert (skeet.author, skeet.source, skeet.kind) == (
        "@kaedotcom.bsky.social",
        "bsky.app",
        "social",
    )
    assert skeet.published == _utc(2026, 1, 14, 16, 33)

    video = stored["https://youtube.com/watch?v=c-k9rYxTwxI"]
    assert (video.title, video.author, video.source, video.kind) == (
        "Happy App Demo",
        "Alicia Sykes",
        "youtube.com",
        "social",
    )
    assert video.text.startswith("Here's a web app I made") and video.text.endswith("Enjoy 😁")
    assert video.published == _utc(2019, 1, 12, 21, 25, 4)

    alert = next(r for r in stored.values() if r.source == "investorplace.com")
    assert alert.key == "https://investorplace.com/2019/07/slack-stock-truly-compelling"
    assert alert.title == "Slack Stock Has a Compelling Story and the Numbers to Back It Up"

    # the same Mastodon posts through the hashtag and the account: stored once, two feeds each
    toots = [r for r in stored.values() if r.source == "mastodon.social"]
    assert len(toots) == 4
    feeds_of = {}
    for link in links:
        feeds_of.setdefault(link.item_id, set()).add(link.feed_id)
    assert all(len(feeds_of[r.id]) == 2 for r in toots)
    assert len(stored) == 6 + 25 + 4 + 1 + 3 + 20

    # a new search's first fetch: everything older than the search is backfill; a plain
    # feed's items are not
    alerts = _alerts_feed_id(settings)
    assert {r.backfill for r in stored.values() if r.feed_id != alerts} == {True}
    assert {r.backfill for r in stored.values() if r.feed_id == alerts} == {False}


def _alerts_feed_id(settings) -> int:
    store = Store(settings.database_url)
    try:
        with store.connect() as c:
            return c.execute(
                select(feeds.c.id).where(feeds.c.url.like("%/alerts.xml"))
            ).scalar_one()
    finally:
        store.close()


def test_a_searchs_new_posts_are_not_backfill(feed_server, tmp_path):
    config = _config(
        tmp_path,
        '[[searches]]\ntype = "bluesky"\nhandle = "kaedotcom.bsky.social"\n'
        "[fetch]\nper_host_gap_s = 0\n",
    )
    settings = replace(load_settings(config, env={}), search_bases={"bluesky": feed_server.base})
    path = "/profile/kaedotcom.bsky.social/rss"
    old = _social("bluesky").read_bytes()
    feed_server.add(path, old)
    ingest_once(settings=settings, now=RUN_AT)
    new_post = (
        b"<item><link>https://bsky.app/profile/kaedotcom.bsky.social/post/3new</link>"
        b"<description>Fj\xc3\xa4llkraft bygger nytt</description>"
        b"<pubDate>01 Dec 2026 13:05 +0000</pubDate>"
        b'<guid isPermaLink="false">at://did:plc:x/app.bsky.feed.post/3new</guid></item>'
    )
    feed_server.add(path, old.replace(b"<item>", new_post + b"<item>", 1))
    ingest_once(settings=settings, now=RUN_AT + timedelta(hours=2))
    stored, _ = _stored(settings)
    flags = {r.title: r.backfill for r in stored.values()}
    assert flags == {
        "But the Starlink hardware must be somehow acquired …": True,  # before the search
        "Fjällkraft bygger nytt": False,  # published after it was added
    }


def test_a_file_of_searches_alone_is_fetched_by_the_scheduled_run(feed_server, tmp_path):
    """`koll ingest` had said "lists no [[feeds]], so there is nothing to fetch" and exited 0
    for a koll.toml with [[searches]] only, as the README shows one, so cron fetched nothing."""
    config = _config(
        tmp_path,
        '[[searches]]\ntype = "bluesky"\nhandle = "kaedotcom.bsky.social"\n'
        "[fetch]\nper_host_gap_s = 0\n",
    )
    settings = replace(load_settings(config, env={}), search_bases={"bluesky": feed_server.base})
    feed_server.add("/profile/kaedotcom.bsky.social/rss", _social("bluesky").read_bytes())
    assert run(settings=settings) == 0
    stored, _ = _stored(settings)
    assert len(stored) > 0


# --- YouTube's feed carries only the channel's latest 15 videos --------------------------------


def _channel(first: int, n: int = 15) -> bytes:
    """YouTube's real channel document with its entry repeated as videos first..first+n-1,
    newest first, the way YouTube serves the channel's latest 15."""
    real = _social("youtube").read_text(encoding="utf-8")
    head, _, rest = real.partition(" <entry>")
    entry = " <entry>" + rest.split(" </entry>")[0] + " </entry>\n"
    videos = []
    for v in range(first + n - 1, first - 1, -1):
        vid = f"vid{v:08d}"
        videos.append(
            entry.replace("c-k9rYxTwxI", vid)
            .replace("Happy App Demo", f"Video {v}")
            .replace("2019-01-12T21:25:04", f"2026-11-{1 + v // 24:02d}T{v % 24:02d}:00:00")
        )
    return (head + "".join(videos) + "</feed>\n").encode()


def test_a_youtube_window_all_new_after_a_poll_is_reported(feed_server, tmp_path, caplog):
    config = _config(
        tmp_path,
        '[[searches]]\ntype = "youtube"\nchannel_id = "UCY_XiFwLImCn3arzomg8eRA"\n'
        "[fetch]\nper_host_gap_s = 0\n",
    )
    settings = replace(load_settings(config, env={}), search_bases={"youtube": feed_server.base})
    path = "/feeds/videos.xml?channel_id=UCY_XiFwLImCn3arzomg8eRA"
    polls = [
        (0, []),  # the first poll: 15 videos, all new, but nothing came before to miss
        (10, []),  # 10 new, 5 already seen: the window overlaps the last poll
        (30, [feed_server.url(path)]),  # 30..44 all new: 25..29 came and went between polls
        (30, []),  # the same document again: nothing new
    ]
    for i, (first, full) in enumerate(polls):
        feed_server.add(path, _channel(first))
        caplog.clear()
        report = ingest_once(settings=settings, now=RUN_AT + timedelta(hours=i), all_feeds=True)
        assert report.feeds_ok == 1, report.errors
        assert report.windows_full == full, first
        warned = [
            r.getMessage() for r in caplog.records if "may have been missed" in r.getMessage()
        ]
        assert len(warned) == len(full)
    stored, _ = _stored(settings)
    assert len(stored) == 15 + 10 + 15
    assert all(r.title.startswith("Video ") and r.kind == "social" for r in stored.values())


def test_a_search_is_polled_like_a_feed_conditional_get_back_off_and_health(feed_server, tmp_path):
    config = _config(
        tmp_path,
        '[[searches]]\ntype = "reddit"\nquery = "lissy93"\nbrand = "Fjällkraft"\n'
        '[[brands]]\nname = "Fjällkraft"\n[fetch]\nper_host_gap_s = 0\n',
    )
    settings = replace(load_settings(config, env={}), search_bases={"reddit": feed_server.base})
    path = "/search.rss?q=lissy93&sort=new"
    feed_server.add(path, _social("reddit").read_bytes(), etag='"r1"')
    assert ingest_once(settings=settings, now=RUN_AT).new_items == 25
    # the second poll asks conditionally and gets a 304
    second = ingest_once(settings=settings, now=RUN_AT + timedelta(hours=1), all_feeds=True)
    assert (second.not_modified, second.new_items) == (1, 0)
    assert feed_server.requests[-1][1].get("If-None-Match") == '"r1"'
    # a failing platform: the search backs off and `koll feeds` shows its health and search
    feed_server.add(path, b"", status=503)
    failed = ingest_once(settings=settings, now=RUN_AT + timedelta(hours=2), all_feeds=True)
    assert failed.feeds_failed == 1
    # what `koll feeds --format json` prints (the settings' platform is the local server here)
    live = with_searches(settings)
    store = Store(settings.database_url)
    try:
        (row,) = feed_health(store, {f.url: f.search for f in live.feeds if f.search})
    finally:
        store.close()
    assert row["url"] == feed_server.url(path)
    assert row["search"] == {"type": "reddit", "query": "lissy93", "brand": "Fjällkraft"}
    assert (row["failures"], row["last_error"]) == (1, "HTTP 503 Service Unavailable")
    due = datetime.fromisoformat(row["next_due"])
    assert due > RUN_AT + timedelta(hours=2)  # backed off, not due at once


def test_google_news_publisher_decides_owned_or_earned(feed_server, tmp_path, database_url):
    """Every Google News link points to news.google.com; the publisher (<source url>) is what
    a brand's owned_domains are compared with, through ingest and the store (both engines)."""
    config = _config(
        tmp_path,
        '[[brands]]\nname = "BBC"\nowned_domains = ["bbc.com"]\n'
        '[[brands]]\nname = "Iran"\n'
        '[[searches]]\ntype = "google_news"\nquery = "Brent crude oil price"\n'
        "[fetch]\nper_host_gap_s = 0\n",
    )
    settings = replace(
        load_settings(config, env={}),
        database_url=database_url,
        search_bases={"google_news": feed_server.base},
    )
    feed_server.add_file(
        "/rss/search?q=Brent+crude+oil+price&hl=sv&gl=SE&ceid=SE:sv", _social("google_news")
    )
    assert ingest_once(settings=settings, now=RUN_AT).feeds_ok == 1
    store = Store(settings.database_url)
    try:
        with store.connect() as c:
            rows = c.execute(
                select(items.c.title, mentions.c.brand, mentions.c.owned, mentions.c.source)
                .join(mentions, mentions.c.item_id == items.c.id)
                .order_by(items.c.id, mentions.c.brand)
            ).all()
    finally:
        store.close()
    owned = {(r.title, r.brand): (r.owned, r.source) for r in rows}
    assert owned[("Oil price dives as US and Iran pause attacks", "BBC")] == (True, "bbc.com")
    # the same article names Iran: for that brand it is earned
    assert owned[("Oil price dives as US and Iran pause attacks", "Iran")] == (False, "bbc.com")
    assert all(source != "news.google.com" for _, source in owned.values())
