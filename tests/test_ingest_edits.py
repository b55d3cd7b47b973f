"""Items their feed edits after they were stored: title, text, tone and mentions follow, on both engines."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from analysis.text import content_hash
from ingest.run import ingest_once
from koll.config import FeedConfig, load_settings
from koll.jobs.analyse import analyse_all
from koll.jobs.rollups import update_rollups
from koll.store import Store, rollups
from koll.store import feeds as store_feeds
from koll.store import items as store_items
from koll.store.filters import Filter
from koll.store.item_edits import is_edit
from koll.store.records import Item, Mention
from koll.store.schema import (
    corrections,
    items,
    mentions,
    scores,
    story_marks,
    term_days,
    thread_marks,
)
from koll.store.sentiment_store import MANUAL, add_correction
from tests.feedserver import rss

CONFIG = """
[storage]
url = "{db}"

[fetch]
timeout_s = 2
feed_budget_s = 8
per_host_gap_s = 0

[[brands]]
name = "Fjällkraft"

[[brands]]
name = "Nordvind"

[[feeds]]
url = "{feed}"
"""

PRICE = "https://nyheter.example.se/pris"
WIND = "https://nyheter.example.se/vind"
DATE = "Thu, 03 Dec 2026 09:00:00 +0000"


def _feed(price_text: str, wind_title: str) -> bytes:
    return rss(
        [
            {"title": "Fjällkraft höjer priset", "link": PRICE, "text": price_text, "date": DATE},
            {"title": wind_title, "link": WIND, "text": "Ett nytt projekt i norr.", "date": DATE},
        ]
    )


def test_an_edited_item_is_updated_rescored_and_rematched(feed_server, write_config, database_url):
    """QA: a corrected text and a headline that now names another brand were never stored
    ("0 new items"); they are updated in place, the brands follow, an analyst's correction of a
    mention that stays is kept, and `koll analyse` counts the new mentions."""
    url = feed_server.add("/rss", _feed("Priset höjs med 10 procent.", "Fjällkraft bygger vind"))
    settings = load_settings(write_config(CONFIG.format(db=database_url, feed=url)))
    assert ingest_once(settings=settings).new_items == 2
    analyse_all(settings=settings, deliver=False)
    store = Store(settings.database_url)
    with store.begin() as c:
        ids = {r.key: r.id for r in c.execute(select(items.c.id, items.c.key))}
        add_correction(c, ids[PRICE], "Fjällkraft", "neg", "analytiker")
        before = {r.item_id: r.scored_at for r in c.execute(select(scores))}

    corrected = "Priset höjs med 12 procent, inte 10 som vi först skrev. Kunderna är arga."
    feed_server.add("/rss", _feed(corrected, "Nordvind bygger vind"))
    report = ingest_once(settings=settings, all_feeds=True)
    assert report.new_items == 0
    with store.connect() as c:
        got = {r.key: r for r in c.execute(select(items))}
        ments = {(r.item_id, r.brand): r for r in c.execute(select(mentions))}
        after = {r.item_id: r.scored_at for r in c.execute(select(scores))}
    assert set(got) == {PRICE, WIND} and {r.id for r in got.values()} == set(ids.values())
    assert got[PRICE].text == corrected and got[WIND].title == "Nordvind bygger vind"
    assert all(after[i] > before[i] for i in ids.values())  # the item's tone was scored again
    # The wind item no longer names Fjällkraft and now names Nordvind; the price item keeps its
    # mention, with the analyst's correction.
    assert set(ments) == {(ids[PRICE], "Fjällkraft"), (ids[WIND], "Nordvind")}
    kept = ments[(ids[PRICE], "Fjällkraft")]
    assert (kept.label, kept.model) == ("neg", MANUAL)
    assert ments[(ids[WIND], "Nordvind")].label is not None  # scored at ingest

    # Seen again unchanged: nothing is rewritten.
    ingest_once(settings=settings, all_feeds=True)
    with store.connect() as c:
        assert {r.item_id: r.scored_at for r in c.execute(select(scores))} == after

    analyse_all(settings=settings, deliver=False)
    with store.connect() as c:
        totals = rollups.stored_day_totals(c)
        counted = {(r.brand, r.day) for r in c.execute(select(term_days))}
        n_corrections = len(c.execute(select(corrections)).all())
    day = got[WIND].day
    assert totals.get(("Nordvind", day)) == 1 and totals.get(("Fjällkraft", day)) == 1
    assert ("Nordvind", day) in counted
    assert n_corrections == 1
    if database_url.startswith("sqlite"):  # the search index follows the edited text
        with store.connect() as c:
            hits = c.exec_driver_sql(
                "SELECT rowid FROM items_fts WHERE items_fts MATCH 'Kunderna'"
            ).all()
            old = c.exec_driver_sql(
                "SELECT rowid FROM items_fts WHERE items_fts MATCH 'Fjällkraft'"
            )
            assert [h[0] for h in hits] == [ids[PRICE]]
            assert ids[WIND] not in {h[0] for h in old}
    store.close()


NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def _feeds(store: Store, *urls: str) -> list[int]:
    """The ids of feeds at `urls`, configured in the store."""
    with store.begin() as conn:
        store_feeds.sync_feeds(conn, [FeedConfig(url=u) for u in urls])
        ids = store_feeds.feed_ids_by_url(conn)
    return [ids[u] for u in urls]


def _item(text: str, chash: str) -> Item:
    return Item(
        key=PRICE,
        url=PRICE,
        guid=None,
        title="Fjällkraft höjer priset",
        text=text,
        published=NOW,
        published_estimated=False,
        author=None,
        source="nyheter.example.se",
        kind="news",
        content_hash=chash,
    )


def test_a_teaser_does_not_replace_the_stored_article_nor_does_another_feed(database_url):
    """An edited teaser whose page could not be read again leaves the article's full text (only
    its hash is kept); the same item in a second feed with another text is not an edit; an
    unscored feed changes nothing."""
    article = "Fjällkraft höjer priset. " + "Hela artikeln med detaljer. " * 40
    score = store_items.Score("neu", 0.0, 0.5, "sv", "test")
    mention = Mention(PRICE, "Fjällkraft", False, None, None)
    with Store(database_url) as store:
        a, b = _feeds(store, "https://a.example.se/rss", "https://b.example.se/rss")
        with store.begin() as conn:
            store_items.save_items(conn, a, [_item(article, "h1")], now=NOW)

        def save(feed_id: int, it: Item, teasers=frozenset()) -> None:
            one = store_items.FeedItems(
                feed_id, [it], {it.key: [mention]}, {it.key: score}, {}, teasers
            )
            with store.begin() as conn:
                store_items.save_feeds(conn, [one], now=NOW)

        save(b, _item("Annan ingress.", "h2"))  # another feed's description: not an edit
        save(a, replace(_item("Ändrad ingress …", "h3"), title="Ny"), frozenset({PRICE}))
        with store.begin() as conn:
            store_items.save_items(conn, a, [_item("Ointressant", "h4")], now=NOW)  # unscored
            (row,) = conn.execute(select(items)).all()
            assert (row.text, row.title, row.content_hash) == (
                article,
                "Fjällkraft höjer priset",
                "h3",
            )
            assert conn.execute(select(mentions)).all() == []
        save(a, _item("Ny text utan artikel.", "h5"))  # an edit that is no teaser is stored
        with store.connect() as conn:
            (row,) = conn.execute(select(items)).all()
            assert (row.text, row.content_hash) == ("Ny text utan artikel.", "h5")
            assert [m.brand for m in conn.execute(select(mentions))] == ["Fjällkraft"]


def test_an_edited_teaser_replaces_a_stored_teaser_however_short(database_url):
    """QA (/tmp/review/teaser.py): a paywalled fulltext feed's item is stored with its teaser
    (the page never read); the paper corrects the brand in a shorter teaser, paywalled again.
    The stored text was taken for the article because it was longer, the edit lost for good."""
    score = store_items.Score("neu", 0.0, 0.5, "sv", "test")

    def teaser(title: str, text: str) -> Item:
        return replace(_item(text, content_hash(title, text)), title=title)

    with Store(database_url) as store:
        (a,) = _feeds(store, "https://a.example.se/rss")

        def save(it: Item, brand: str) -> None:
            m = {it.key: [Mention(PRICE, brand, False, None, None)]}
            one = store_items.FeedItems(a, [it], m, {it.key: score}, {}, frozenset({PRICE}))
            with store.begin() as conn:
                store_items.save_feeds(conn, [one], now=NOW)

        save(
            teaser("Fjällkraft höjer priset", "Fjällkraft höjer med tio procent, säger vd:n."),
            "Fjällkraft",
        )
        save(teaser("Nordvind höjer priset", "Nordvind höjer priset."), "Nordvind")
        with store.connect() as conn:
            (row,) = conn.execute(select(items)).all()
            assert (row.title, row.text) == ("Nordvind höjer priset", "Nordvind höjer priset.")
            assert [m.brand for m in conn.execute(select(mentions))] == ["Nordvind"]


def test_an_edit_that_drops_a_brand_leaves_no_stale_counts_threads_or_story_firsts(database_url):
    """QA (/tmp/review/rollup.py): a brand an edited headline no longer names kept being counted
    by the stored rollups (a removed mention leaves no newer id to mark its day changed) until
    the next `koll analyse`; its stored threads and story firsts stayed too."""
    score = store_items.Score("neu", 0.0, 0.5, "sv", "test")
    with Store(database_url) as store:
        (a,) = _feeds(store, "https://a.example.se/rss")

        def save(title: str, brand: str) -> None:
            it = replace(_item("Ett nytt projekt.", content_hash(title, "")), title=title)
            m = {it.key: [Mention(PRICE, brand, False, None, None)]}
            with store.begin() as conn:
                one = store_items.FeedItems(a, [it], m, {it.key: score}, {})
                store_items.save_feeds(conn, [one], now=NOW)

        save("Fjällkraft bygger vind", "Fjällkraft")
        update_rollups(store, NOW)
        with store.begin() as conn:
            conn.execute(
                thread_marks.insert().values(
                    brand="Fjällkraft", signature="s", item_id=1, mention_id=1
                )
            )
            conn.execute(story_marks.insert().values(brand="Fjällkraft", built_at=NOW))
        save("Nordvind bygger vind", "Nordvind")
        f = Filter(brands=("Fjällkraft",), since="2026-12-03", until="2026-12-03")
        with store.connect() as conn:
            assert rollups.read_days(conn, f) == []
            assert conn.execute(select(thread_marks)).all() == []
            assert conn.execute(select(story_marks)).all() == []
            # The brand the edit names now is counted at once. Its new row's id is not newer:
            # SQLite gave it the id of the Fjällkraft row just deleted, so its day is recounted
            # as the dropped one's is (forgetting only the dropped mentions' days missed it).
            named = rollups.read_days(conn, replace(f, brands=("Nordvind",)))
            assert named is not None and sum(r[-1] for r in named) == 1


def test_one_rule_tells_an_edit_for_ingest_and_the_store():
    """ingest/work.py (which scores edits) and items.save_feeds (which applies them) ask one
    predicate: another hash, in the feed that first stored the item."""
    assert is_edit(("h1", 7), "h2", 7)
    assert not is_edit(("h1", 7), "h1", 7)  # unchanged
    assert not is_edit(("h1", 7), "h2", 8)  # another feed's description
    assert not is_edit(("h1", None), "h2", 7)  # its first feed is gone
    assert not is_edit(None, "h2", 7)  # not stored: new
    assert not is_edit(("h1", 7), "h2", None)  # a caller that names no feed
    work = (Path(__file__).parent.parent / "ingest" / "work.py").read_text(encoding="utf-8")
    assert "is_edit(" in work


def test_an_edit_keeps_other_brands_mentions_and_finds_marks_under_any_spelling(database_url):
    """An edit replaced every mention of the item and kept a triage mark and a correction only
    under the exact brand name: a brand no longer configured lost its mention for good, and a
    mention stored as FJÄLLKRAFT (koll.toml now says Fjällkraft) lost its mark and correction."""
    score = store_items.Score("pos", 0.8, 0.9, "sv", "test")
    with Store(database_url) as store:
        (a,) = _feeds(store, "https://a.example.se/rss")

        def save(text: str, brands: list[str]) -> None:
            it = _item(text, content_hash("Fjällkraft höjer priset", text))
            m = {it.key: [Mention(PRICE, b, False, None, None) for b in brands]}
            one = store_items.FeedItems(a, [it], m, {it.key: score}, {})
            with store.begin() as conn:
                store_items.save_feeds(conn, [one], now=NOW, brands=["Fjällkraft", "Nordvind"])

        save("Priset höjs.", ["FJÄLLKRAFT", "Gammal"])
        with store.begin() as conn:
            (iid,) = conn.execute(select(items.c.id)).scalars()
            conn.execute(
                mentions.update().where(mentions.c.brand == "FJÄLLKRAFT").values(triage="handled")
            )
            add_correction(conn, iid, "FJÄLLKRAFT", "neg", "analytiker")
        save("Priset höjs med 12 procent.", ["Fjällkraft"])
        with store.connect() as conn:
            got = {r.brand: r for r in conn.execute(select(mentions))}
        assert set(got) == {"Fjällkraft", "Gammal"}
        kept = got["Fjällkraft"]
        assert (kept.triage, kept.label, kept.model) == ("handled", "neg", MANUAL)


@pytest.mark.engines("postgresql")
def test_an_edit_computes_search_words_only_for_the_mentions_it_keeps(database_url):
    """The edited title and text's trigger (schema.py, items_words) computes the search words of
    the item's mentions still stored: the replaced ones are deleted before it (their new rows get
    theirs on insert), so it updates only the mention of a brand no longer configured."""
    score = store_items.Score("neu", 0.0, 0.5, "sv", "test")
    updated = "SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'mentions'"
    with Store(database_url) as store:
        (a,) = _feeds(store, "https://a.example.se/rss")

        def save(conn, text: str, brands: list[str]) -> None:
            it = _item(text, content_hash("Fjällkraft höjer priset", text))
            m = {it.key: [Mention(PRICE, b, False, None, None) for b in brands]}
            one = store_items.FeedItems(a, [it], m, {it.key: score}, {})
            store_items.save_feeds(conn, [one], now=NOW, brands=["Fjällkraft", "Nordvind"])

        with store.begin() as conn:
            save(conn, "Priset höjs.", ["Fjällkraft", "Nordvind", "Gammal"])
        with store.begin() as conn:
            save(conn, "Priset höjs, säger Kunderna.", ["Fjällkraft", "Nordvind"])
            assert conn.exec_driver_sql(updated).scalar() == 1  # Gammal's, kept
        with store.connect() as conn:
            hits = conn.exec_driver_sql(
                "SELECT brand FROM mentions WHERE search_words @@ 'kunderna'::tsquery"
            ).scalars()
            assert sorted(hits) == ["Fjällkraft", "Gammal", "Nordvind"]


def test_a_copy_linked_by_text_is_found_by_its_key_after_an_edit(database_url):
    """QA (/tmp/review/twin.py): feed B's /sverige/pris, the same text as feed A's stored
    /ekonomi/pris, was linked to it by (site, hash) on every run and its own key never kept; once
    A edited the article (another hash), B's unchanged copy was stored again as a new item."""
    score = store_items.Score("neu", 0.0, 0.5, "sv", "test")
    econ, sweden = (
        "https://nyheter.example.se/ekonomi/pris",
        "https://nyheter.example.se/sverige/pris",
    )
    with Store(database_url) as store:
        a, b = _feeds(store, "https://a.example.se/rss", "https://b.example.se/rss")

        def save(feed_id: int, key: str, text: str) -> None:
            it = replace(
                _item(text, content_hash("Fjällkraft höjer priset", text)), key=key, url=key
            )
            m = {key: [Mention(key, "Fjällkraft", False, None, None)]}
            with store.begin() as conn:
                one = store_items.FeedItems(feed_id, [it], m, {key: score}, {})
                store_items.save_feeds(conn, [one], now=NOW)

        save(a, econ, "Priset höjs.")
        save(b, sweden, "Priset höjs.")  # linked by text
        save(a, econ, "Priset höjs med 12 procent.")  # the edit
        save(b, sweden, "Priset höjs.")  # unchanged in B: the same item, not an edit of it
        with store.connect() as conn:
            (row,) = conn.execute(select(items)).all()
            assert (row.key, row.text) == (econ, "Priset höjs med 12 procent.")
            assert len(conn.execute(select(mentions)).all()) == 1
            assert store_items.stored_versions(conn, [sweden]) == {sweden: (row.content_hash, None)}
