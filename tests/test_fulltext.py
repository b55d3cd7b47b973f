"""Full text of teaser items (ingest/fulltext.py) against a real local server: robots.txt, caps, faults.

Every page is served by tests/feedserver.py over HTTP on 127.0.0.1 and fetched by koll's own
Fetcher; extraction is trafilatura itself. The feed is parsed by koll's parser, so items carry
the links, keys and content hashes the run gives them.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from analysis.brands import Brand
from ingest import fulltext, paywall, work
from ingest.fetch import Fetcher
from ingest.parse import parse
from ingest.run import ingest_once
from koll.config import ConfigError, FeedConfig, FetchSettings, load_settings
from koll.store import Store
from koll.store import feeds as store_feeds
from koll.store import items as store_items
from koll.store.schema import items as items_table
from tests.article_pages import (
    ARTICLE_SENTENCES,
    BOILERPLATE_MARKERS,
    PAYWALL_BOX_WORDS,
    PAYWALL_LEAD,
    article_page,
    news_page,
)
from tests.conftest import skip_or_fail
from tests.feedserver import rss

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
SETTINGS = FetchSettings(
    timeout_s=3, per_host_gap_s=0, per_host_concurrency=4, max_bytes=512 * 1024, feed_budget_s=20
)
HTML = {"Content-Type": "text/html; charset=utf-8"}
TEASER = "Fjällkraft vill bygga vindkraft i Åre, men alla är inte glada …"


@pytest.fixture
def needs_extractor():
    if not fulltext.available():
        skip_or_fail("full-text tests need trafilatura: pip install -e '.[dev]'")


def _date(day: int) -> str:
    return f"Mon, {day:02d} Nov 2026 08:00:00 +0000"


def _feed_items(server, entries: list[dict]) -> list:
    """Serve an RSS feed of `entries` and parse it as a run would."""
    url = server.add("/feed.xml", rss(entries))
    return parse(rss(entries), feed_url=url, kind="news", now=NOW).items


def _fill(items, settings=SETTINGS, **kw):
    async def go():
        async with Fetcher(settings) as fetcher:
            return await fulltext.fill_teasers(
                fetcher, items, settings, fulltext.RobotsCache(fetcher), **kw
            )

    return asyncio.run(go())


# -- configuration --------------------------------------------------------------------------


def test_config_option_is_optional_and_typed(write_config):
    path = write_config(
        """
        [fetch]
        fulltext_max_pages = 5
        [[feeds]]
        url = "https://exempel.se/nyheter.xml"
        fulltext = true
        [[feeds]]
        url = "https://exempel.se/blogg.xml"
        """
    )
    s = load_settings(path, env={})
    assert [f.fulltext for f in s.feeds] == [True, False]
    assert s.fulltext_feeds == {"https://exempel.se/nyheter.xml"}
    assert s.fetch.fulltext_max_pages == 5
    assert FetchSettings().fulltext_max_pages == 20

    bad = write_config('[[feeds]]\nurl = "https://exempel.se/f"\nfulltext = "ja"\n', "bad.toml")
    with pytest.raises(ConfigError) as e:
        load_settings(bad, env={})
    assert e.value.key == "feeds[0].fulltext" and "bad.toml" in str(e.value)
    assert "expected true or false, got 'ja'" in str(e.value)

    comments = write_config(
        '[[feeds]]\nurl = "https://exempel.se/f"\nkind = "comments"\nfulltext = true\n', "c.toml"
    )
    with pytest.raises(ConfigError, match="not for comment feeds"):
        load_settings(comments, env={})


def test_missing_extractor_is_one_config_error(write_config, monkeypatch):
    path = write_config('[[feeds]]\nurl = "https://exempel.se/f"\nfulltext = true\n')
    # None in sys.modules makes `import trafilatura` fail exactly as an uninstalled package does.
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(ConfigError) as e:
        load_settings(path, env={})
    assert e.value.key == "feeds[0].fulltext"
    assert "pip install 'koll[fulltext]'" in str(e.value)
    # A config without the option does not need the library.
    load_settings(write_config('[[feeds]]\nurl = "https://exempel.se/f"\n', "ok.toml"), env={})


# -- pure parts -----------------------------------------------------------------------------


def test_teasers_and_page_decoding():
    assert fulltext.is_teaser("Kort ingress")
    assert fulltext.is_teaser("x" * 900 + " Läs mer")
    assert fulltext.is_teaser("x" * 900 + " [...]")
    assert not fulltext.is_teaser("x" * 900 + ".")
    assert not fulltext.is_teaser("x" * 2000 + " …")
    page = "<html><body><p>Räksmörgås på Åland</p></body></html>"
    # Valid UTF-8 wins over a wrong declaration; otherwise the declaration, else Windows-1252.
    assert "Räksmörgås" in fulltext.decode_page(page.encode(), "text/html; charset=iso-8859-1")
    assert "Räksmörgås" in fulltext.decode_page(page.encode("cp1252"), "text/html; charset=utf-8")
    assert "Räksmörgås" in fulltext.decode_page(page.encode("latin-1"), None)
    meta = '<meta charset="iso-8859-15">' + page
    assert "Räksmörgås" in fulltext.decode_page(meta.encode("iso-8859-15"), "text/html")
    assert fulltext.is_html("text/html; charset=utf-8", b"")
    assert fulltext.is_html(None, b"  <!DOCTYPE html><html>")
    assert not fulltext.is_html("application/pdf", b"<html>")
    assert not fulltext.is_html("application/rss+xml", b"<rss>")


def test_paywall_signals_that_are_not_one():
    """Near misses of each signal, as free pages carry them."""
    head = '<html><head><script type="application/ld+json">{}</script></head><body>{}</body></html>'
    related = (
        '{"@type": "NewsArticle", "isAccessibleForFree": true, "relatedLink": '
        '[{"@type": "NewsArticle", "isAccessibleForFree": false}]}'
    )
    assert paywall.markup_free(head.format(related, "")) is True  # a locked related article
    graph = '{"@graph": [{"@type": "WebSite"}, {"@type": "NewsArticle", "hasPart": '
    graph += '{"@type": "WebPageElement", "isAccessibleForFree": "False"}}]}'
    assert paywall.markup_free(head.format(graph, "")) is False
    broken = '{"@type": "NewsArticle", "isAccessibleForFree": false,}'  # trailing comma
    assert paywall.markup_free(head.format(broken, "")) is False
    assert paywall.markup_free(head.format("{}", "")) is None
    box = "<p>Logga in för att läsa hela artikeln.</p>"
    for page in (
        '<div class="no-paywall">' + box + "</div>",  # a class naming the paywall's absence
        '<div class="paywall"><div id="mount"></div></div>' + box,  # a script fills it
        f"<script>el.innerHTML = '<div class=\"paywall\">{box}</div>'</script>",
    ):
        assert not paywall.has_paywall_box(head.format("{}", page)), page
    assert paywall.has_paywall_box(head.format("{}", '<div class="x paywall">' + box + "</div>"))
    # The box's phrases count only together and at the end of the text.
    assert paywall.ends_in_paywall_text("Ingress.\nDet här är en låst artikel\nBli prenumerant")
    assert not paywall.ends_in_paywall_text(
        "Ingress.\nBli prenumerant\nRedan prenumerant? Logga in"
    )
    locked_early = "Artikeln är låst, sa hon om förra veckans text. Logga in. " + "Mer text. " * 100
    assert not paywall.ends_in_paywall_text(locked_early)


# -- one feed's new items against a real server ---------------------------------------------


def test_fill_teasers_against_a_real_server(feed_server, needs_extractor, monkeypatch, caplog):
    s = feed_server
    s.add(
        "/robots.txt", "User-agent: *\nDisallow: /privat/\n", headers={"Content-Type": "text/plain"}
    )
    s.add("/nyheter/vindkraft?utm_source=rss", article_page(), headers=HTML)
    s.add("/privat/vindkraft", article_page(), headers=HTML)
    s.add("/nyheter/enorm", article_page(paragraphs=4000), headers=HTML)  # about 1 MB
    s.add("/nyheter/mellan", article_page(paragraphs=400), headers=HTML)  # about 100 KB
    s.add("/rapport.pdf", b"%PDF-1.7 " + b"0" * 5000, headers={"Content-Type": "application/pdf"})
    s.add("/nyheter/tom", "<html><head><title>Tom</title></head><body></body></html>", headers=HTML)
    s.add("/nyheter/lang", article_page(), headers=HTML)
    full_text = "Ett långt inlägg om Fjällkraft. " * 40  # not a teaser: left alone
    entries = [
        {"title": "Vindkraft på fjället delar Åre", "link": s.url("/nyheter/vindkraft?utm_source=rss"), "text": TEASER, "date": _date(9)},
        {"title": "Privat", "link": s.url("/privat/vindkraft"), "text": TEASER + " 2", "date": _date(8)},
        {"title": "Borta", "link": s.url("/nyheter/borta"), "text": TEASER + " 3", "date": _date(7)},
        {"title": "Enorm", "link": s.url("/nyheter/enorm"), "text": TEASER + " 4", "date": _date(6)},
        {"title": "Mellan", "link": s.url("/nyheter/mellan"), "text": TEASER + " 5", "date": _date(5)},
        {"title": "Rapport", "link": s.url("/rapport.pdf"), "text": TEASER + " 6", "date": _date(4)},
        {"title": "Tom", "link": s.url("/nyheter/tom"), "text": TEASER + " 7", "date": _date(3)},
        {"title": "Ingen länk", "guid": "urn:uuid:5c1d6a52", "text": TEASER + " 8", "date": _date(2)},
        {"title": "Lång", "link": s.url("/nyheter/lang"), "text": full_text, "date": _date(1)},
    ]  # fmt: skip
    items = _feed_items(s, entries)
    assert len(items) == 9 and items[7].url is None
    # Pages over this are not extracted (CPU), even when the Fetcher's cap lets them through.
    monkeypatch.setattr(fulltext, "MAX_PAGE_BYTES", 50_000)
    caplog.set_level("DEBUG", logger="koll.fulltext")
    out = _fill(items)

    assert [it.key for it in out] == [it.key for it in items]  # every item, in order
    assert [it.content_hash for it in out] == [it.content_hash for it in items]  # teaser's hash
    article = out[0].text
    for sentence in ARTICLE_SENTENCES:
        assert sentence in article  # the article, åäö intact
    assert not [m for m in BOILERPLATE_MARKERS if m in article]
    assert not article.startswith("Vindkraft på fjället")  # the headline repeats the title
    assert s.hits["/nyheter/vindkraft?utm_source=rss"] == 1  # the link as given, not canonical
    assert [it.text for it in out[1:8]] == [it.text for it in items[1:8]]  # teasers kept
    assert out[8] is items[8]
    assert s.hits["/privat/vindkraft"] == 0  # robots.txt: never requested
    assert s.hits["/nyheter/lang"] == 0  # not a teaser: never requested
    assert s.hits["/robots.txt"] == 1  # once per host, though seven pages asked
    log = caplog.text
    assert "disallowed by robots.txt" in log
    assert "HTTP 404" in log
    assert "response too large" in log  # /nyheter/enorm: the Fetcher's 512 KB cap
    assert "page over 50,000 bytes" in log  # /nyheter/mellan: the extraction cap
    assert "not an HTML page (application/pdf)" in log
    assert "no article text found" in log
    assert "full text: 1 of 7 teasers filled" in log


def test_robots_unreachable_means_no_pages(feed_server, needs_extractor):
    feed_server.add("/robots.txt", "fel", status=503)
    feed_server.add("/a", article_page(), headers=HTML)
    items = _feed_items(
        feed_server, [{"title": "A", "link": feed_server.url("/a"), "text": TEASER}]
    )
    assert _fill(items) == items
    assert feed_server.hits["/a"] == 0


def test_missing_robots_allows_and_pages_over_the_cap_keep_teasers(feed_server, needs_extractor):
    entries = []
    for day in range(1, 6):  # no robots.txt on this server (404): everything allowed
        feed_server.add(f"/n/{day}", article_page(title=f"Nyhet {day}"), headers=HTML)
        entries.append(
            {
                "title": f"Nyhet {day}",
                "link": feed_server.url(f"/n/{day}"),
                "text": TEASER,
                "date": _date(day),
            }
        )
    items = _feed_items(feed_server, entries)
    out = _fill(items, replace(SETTINGS, fulltext_max_pages=2))
    # The two newest items (days 5 and 4) get their pages; the others keep their teasers unfetched.
    assert [feed_server.hits[f"/n/{d}"] for d in range(1, 6)] == [0, 0, 0, 1, 1]
    assert [it.text != TEASER for it in out] == [False, False, False, True, True]


def test_a_slow_page_keeps_its_teaser_within_the_budget(feed_server, needs_extractor):
    feed_server.add("/snabb", article_page(), headers=HTML)
    feed_server.add("/seg", article_page(), headers=HTML, delay_s=4)
    items = _feed_items(
        feed_server,
        [
            {"title": "Snabb", "link": feed_server.url("/snabb"), "text": TEASER},
            {"title": "Seg", "link": feed_server.url("/seg"), "text": TEASER},
        ],
    )
    out = _fill(items, replace(SETTINGS, feed_budget_s=1))
    assert out[0].text != TEASER and out[1].text == TEASER


# -- paywalls: a subscriber-only page's stub is not the article --------------------------------


def test_paywalled_pages_keep_the_feed_text(feed_server, needs_extractor, caplog):
    """Each page is what a Swedish subscription site serves a crawler: lead, paywall box."""
    s = feed_server
    pages = {  # path -> (page, the signal that finds it first)
        "/ld-false": (news_page(free=False, box_class="paywall"), "schema.org isAccessibleForFree"),
        "/ld-string": (
            news_page(free="False", box_class="offer"),
            "schema.org isAccessibleForFree",
        ),
        "/meta": (
            news_page(meta_free="false", box_class="offer"),
            "schema.org isAccessibleForFree",
        ),
        "/class": (news_page(box_class="paywall-box premium-lock"), "paywall container"),
        "/phrases": (news_page(box_class="offer", label="Plus"), "paywall text"),
    }
    entries = []
    for i, (path, (page, _)) in enumerate(pages.items()):
        s.add(path, page, headers=HTML)
        entries.append({"title": f"Låst {i}", "link": s.url(path), "text": f"{TEASER} {i}"})
    items = _feed_items(s, entries)
    caplog.set_level("DEBUG", logger="koll.fulltext")
    out = _fill(items)

    assert [it.text for it in out] == [it.text for it in items]  # the feed's own text, stored
    assert not [w for it in out for w in PAYWALL_BOX_WORDS if w in it.text]
    assert all(s.hits[path] == 1 for path in pages)
    for path, (_, signal) in pages.items():
        assert f"{s.url(path)}: keeps its teaser: paywalled: {signal}" in caplog.text
    assert "full text: 0 of 5 teasers filled; kept: paywalled (5)" in caplog.text


def test_free_articles_mentioning_subscriptions_use_the_page(feed_server, needs_extractor):
    """Words of the paywall box in an article's own text do not make it a paywalled page."""
    s = feed_server
    premium = PAYWALL_LEAD + (
        "Bolaget säljer elen som premium-el till företag som vill kunna visa att den är förnybar.",
        "Tidningens prenumeranter har under hösten kunnat ställa frågor till bolagets vd, som "
        "lovar att svara på alla senast i december.",
        "– Den som vill bli prenumerant på vår el ska inte behöva logga in på tre olika sajter, "
        "säger vd:n, som kallar Premium-avtalet bolagets viktigaste produkt.",
    )
    s.add("/premium", news_page(paragraphs=premium), headers=HTML)
    s.add("/fri", news_page(paragraphs=PAYWALL_LEAD + ARTICLE_SENTENCES, free=True), headers=HTML)
    # A short free article followed by the site's offer, which says nothing is locked; the
    # extractor keeps the offer's text with so short an article.
    s.add(
        "/erbjudande",
        news_page(paragraphs=premium[:3], box_class="offer")
        .replace("Det här är en låst artikel", "Gillar du lokal journalistik?")
        .replace("För att läsa vidare behöver du vara prenumerant.", "Stöd oss."),
        headers=HTML,
    )
    entries = [
        {"title": "Premium", "link": s.url("/premium"), "text": TEASER},
        {"title": "Fri", "link": s.url("/fri"), "text": TEASER},
        {"title": "Erbjudande", "link": s.url("/erbjudande"), "text": TEASER},
    ]
    out = _fill(_feed_items(s, entries))
    assert "premium-el" in out[0].text and "logga in på tre olika sajter" in out[0].text
    assert ARTICLE_SENTENCES[3] in out[1].text
    assert "premium-el" in out[2].text and "Redan prenumerant? Logga in" in out[2].text


# -- in the run's pipeline: dedup first, then full text, then matching and scoring -------------


def test_new_items_get_full_text_scored_and_stored_once(feed_server, needs_extractor, tmp_path):
    """The recipe for the run: only items not stored yet are filled, then matched and scored."""
    s = feed_server
    s.add("/artikel", article_page(), headers=HTML)
    entries = [{"title": "Vindkraft", "link": s.url("/artikel"), "text": "Ny vindkraft i Åre …"}]
    work.init((Brand("Fjällkraft"),))
    store = Store(f"sqlite:///{tmp_path / 'koll.db'}")

    async def in_pool(fn, *args):
        return await asyncio.to_thread(fn, *args)

    async def one_run() -> int:
        items = _feed_items(s, entries)
        with store.connect() as conn:
            known = store_items.stored_versions(conn, [it.key for it in items])
        fresh = [it for it in items if it.key not in known]
        if not fresh:
            return 0
        scored = work.score_job(fresh, None)
        assert not scored[1]  # the teaser does not name the brand
        async with Fetcher(SETTINGS) as fetcher:
            robots = fulltext.RobotsCache(fetcher)
            scored = await fulltext.fill_scored(scored, None, fetcher, SETTINGS, robots, in_pool)
        new, mentions_of, item_scores, mention_scores = scored
        assert [m.brand for m in mentions_of[new[0].key]] == ["Fjällkraft"]  # found in the article
        assert (new[0].key, "Fjällkraft") in mention_scores and new[0].key in item_scores
        with store.begin() as conn:
            store_feeds.sync_feeds(conn, (FeedConfig(s.url("/feed.xml"), fulltext=True),))
            feed_id = store_feeds.feed_ids_by_url(conn)[s.url("/feed.xml")]
            return store_items.save_items(
                conn,
                feed_id,
                new,
                now=NOW,
                mentions_of=mentions_of,
                item_scores=item_scores,
                mention_scores=mention_scores,
            )

    try:
        assert asyncio.run(one_run()) == 1
        assert asyncio.run(one_run()) == 0  # second run: stored already, page not fetched again
        assert s.hits["/artikel"] == 1
        with store.connect() as conn:
            row = conn.execute(items_table.select()).one()
        assert ARTICLE_SENTENCES[1] in row.text
        assert row.content_hash == _feed_items(s, entries)[0].content_hash
    finally:
        store.close()


# -- koll ingest end to end -------------------------------------------------------------------


def test_koll_ingest_fills_teasers_of_fulltext_feeds_once(feed_server, needs_extractor, tmp_path):
    from koll.cli import main

    s = feed_server
    s.add("/robots.txt", "User-agent: *\nDisallow: /privat/\n")
    entries = []
    for i in range(3):
        path = "/privat/0" if i == 0 else f"/nyheter/{i}"
        s.add(path, article_page(title=f"Nyhet {i}"), headers=HTML)
        entries.append({"title": f"Nyhet {i}", "link": s.url(path), "text": f"Ingress {i} …"})
    ft = s.add("/ft.xml", rss(entries), etag='"1"')
    plain = s.add(
        "/plain.xml", rss([{"title": "Vanlig", "link": s.url("/nyheter/9"), "text": "Kort"}])
    )
    s.add("/nyheter/9", article_page(), headers=HTML)
    cfg = tmp_path / "koll.toml"
    cfg.write_text(
        f'[fetch]\nper_host_gap_s = 0\n[[brands]]\nname = "Fjällkraft"\n'
        f'[[feeds]]\nurl = "{ft}"\nfulltext = true\n[[feeds]]\nurl = "{plain}"\n',
        encoding="utf-8",
    )
    assert main(["ingest", "--config", str(cfg)]) == 0
    # The feed changes: one new teaser item; the next run fetches only that item's page.
    s.add("/nyheter/3", article_page(title="Nyhet 3"), headers=HTML)
    entries.append({"title": "Nyhet 3", "link": s.url("/nyheter/3"), "text": "Ingress 3 …"})
    s.add("/ft.xml", rss(entries), etag='"2"')
    assert main(["ingest", "--config", str(cfg), "--all"]) == 0

    store = Store(f"sqlite:///{tmp_path / 'koll.db'}")
    try:
        with store.connect() as conn:
            texts = {r.title: r.text for r in conn.execute(items_table.select())}
            mentioned = {r.title for r in conn.execute(store_items.mentions_query(["Fjällkraft"]))}
    finally:
        store.close()
    for title in ("Nyhet 1", "Nyhet 2", "Nyhet 3"):
        assert ARTICLE_SENTENCES[1] in texts[title]  # the article, scored as such
    assert texts["Nyhet 0"] == "Ingress 0 …"  # robots.txt
    assert texts["Vanlig"] == "Kort"  # a feed without `fulltext`
    assert [s.hits[f"/nyheter/{i}"] for i in (1, 2, 3, 9)] == [1, 1, 1, 0]
    assert s.hits["/privat/0"] == 0
    # The brand is named in the articles, not in the teasers.
    assert mentioned == {"Nyhet 1", "Nyhet 2", "Nyhet 3"}


def test_an_edited_teaser_fetches_its_page_again_or_keeps_the_article(
    feed_server, needs_extractor, tmp_path
):
    """A fulltext feed edits two items' title and teaser: the item whose page is read again is
    updated (new title, the article as text); the one whose page is gone now keeps the stored
    article rather than be cut back to the new teaser, and takes the new title; an unchanged
    item's page is not fetched again."""
    from koll.cli import main

    s = feed_server
    s.add("/robots.txt", "User-agent: *\n")
    for i in range(3):
        s.add(f"/nyheter/{i}", article_page(title=f"Nyhet {i}"), headers=HTML)

    def feed(edited: bool) -> None:
        entries = [
            {
                "title": f"Nyhet {i}" + (" (uppdaterad)" if edited and i < 2 else ""),
                "link": s.url(f"/nyheter/{i}"),
                "text": ("Ny ingress" if edited and i < 2 else "Ingress") + f" {i} …",
            }
            for i in range(3)
        ]
        s.add("/ft.xml", rss(entries), etag=f'"{edited}"')

    feed(False)
    cfg = tmp_path / "koll.toml"
    cfg.write_text(
        f'[fetch]\nper_host_gap_s = 0\n[[brands]]\nname = "Fjällkraft"\n'
        f'[[feeds]]\nurl = "{s.url("/ft.xml")}"\nfulltext = true\n',
        encoding="utf-8",
    )
    assert main(["ingest", "--config", str(cfg)]) == 0
    feed(True)
    s.add("/nyheter/1", b"", status=404)
    assert main(["ingest", "--config", str(cfg), "--all"]) == 0
    store = Store(f"sqlite:///{tmp_path / 'koll.db'}")
    try:
        with store.connect() as conn:
            rows = {r.url.rsplit("/", 1)[1]: r for r in conn.execute(items_table.select())}
    finally:
        store.close()
    assert len(rows) == 3
    assert rows["0"].title == "Nyhet 0 (uppdaterad)" and ARTICLE_SENTENCES[1] in rows["0"].text
    assert rows["1"].title == "Nyhet 1 (uppdaterad)" and ARTICLE_SENTENCES[1] in rows["1"].text
    assert [s.hits[f"/nyheter/{i}"] for i in range(3)] == [2, 2, 1]


def test_a_title_edit_is_applied_when_the_article_is_kept(feed_server, needs_extractor, tmp_path):
    """A fulltext feed changes an item's headline alone (the teaser as it was) and its page
    cannot be read this time: the stored article stays the text and the new headline is the
    title, its mentions matched and its tone scored on both, and the days' counts follow at once.
    The headline edit was dropped: the item kept the old title for good (only the hash moved)."""
    from koll.cli import main
    from koll.store import rollups
    from koll.store.schema import mentions, scores

    s = feed_server
    s.add("/robots.txt", "User-agent: *\n")
    s.add("/nyheter/1", article_page(title="Vindkraft på fjället"), headers=HTML)

    def feed(title: str) -> None:
        entry = {"title": title, "link": s.url("/nyheter/1"), "text": "Ingress …", "date": _date(9)}
        s.add("/ft.xml", rss([entry]), etag=f'"{title}"')

    feed("Vindkraft på fjället")
    cfg = tmp_path / "koll.toml"
    cfg.write_text(
        f'[fetch]\nper_host_gap_s = 0\n[[brands]]\nname = "Fjällkraft"\n[[brands]]\nname = '
        f'"Nordvind"\n[[feeds]]\nurl = "{s.url("/ft.xml")}"\nfulltext = true\n',
        encoding="utf-8",
    )
    assert main(["ingest", "--config", str(cfg)]) == 0
    assert main(["analyse", "--config", str(cfg)]) == 0
    feed("Nordvind köper vindkraften på fjället")
    s.add("/nyheter/1", b"", status=404)
    store = Store(f"sqlite:///{tmp_path / 'koll.db'}")

    # The page, still answering 404, waits and is asked for again (koll/store/page_retries.py):
    # its wait's columns change, nothing else.
    kept = [c for c in items_table.c if not c.name.startswith("page_")]

    def stored():
        with store.connect() as conn:
            (row,) = conn.execute(items_table.select().with_only_columns(*kept)).all()
            brands = sorted(m.brand for m in conn.execute(mentions.select()))
            scored_at = conn.execute(scores.select()).one().scored_at
            return row, brands, scored_at, rollups.stored_day_totals(conn)

    try:
        _, _, first_scored, _ = stored()
        assert main(["ingest", "--config", str(cfg), "--all"]) == 0
        row, brands, scored_at, totals = stored()
        assert row.title == "Nordvind köper vindkraften på fjället"
        assert ARTICLE_SENTENCES[1] in row.text  # the article stays the text
        assert brands == ["Fjällkraft", "Nordvind"]  # the headline's brand, the article's brand
        assert scored_at > first_scored
        assert totals.get(("Nordvind", row.day)) == 1  # counted at once, before `koll analyse`
        # Seen again unchanged, an hour on (the page's next try is due 30 minutes after the
        # last): nothing is rewritten.
        later = datetime.now(UTC) + timedelta(hours=1)
        ingest_once(settings=load_settings(cfg, env={}), now=later, all_feeds=True)
        assert stored()[:3] == (row, brands, scored_at)
        assert s.hits["/nyheter/1"] == 3
    finally:
        store.close()
