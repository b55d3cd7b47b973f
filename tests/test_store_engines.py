"""The store on both engines: schema creation, the v1 -> v2 migration, and feed leases.

Later migrations, from a store an older koll made, are in test_migrations.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, inspect, select, update

from koll.config import FeedConfig
from koll.store import Store, StoreError, leases, schema_version
from koll.store import feeds as store_feeds
from koll.store import items as store_items
from koll.store.records import Item, Mention
from koll.store.schema import SCHEMA_VERSION, feeds, item_feeds, items, mentions, meta, scores

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _item(n: int) -> Item:
    return Item(
        key=f"https://nyheter.example.se/a{n}",
        url=f"https://nyheter.example.se/a{n}",
        guid=None,
        title=f"Rubrik {n}",
        text="Fjällkraft bygger vindkraft.",
        published=NOW - timedelta(hours=n),
        published_estimated=False,
        author=None,
        source="nyheter.example.se",
        kind="news",
        content_hash=f"h{n}",
    )


def _seed(store: Store, n_feeds: int = 3, n_items: int = 5) -> None:
    cfg = [FeedConfig(url=f"https://f{i}.example.se/feed") for i in range(n_feeds)]
    with store.begin() as conn:
        store_feeds.sync_feeds(conn, cfg)
        fid = store_feeds.feed_ids_by_url(conn)[cfg[0].url]
        batch = [_item(i) for i in range(n_items)]
        mentions_of = {it.key: [Mention(it.key, "Fjällkraft", False, None, None)] for it in batch}
        store_items.save_items(conn, fid, batch, now=NOW, mentions_of=mentions_of)


def _indexes(store: Store, table: str) -> set[str]:
    return {ix["name"] for ix in inspect(store.engine).get_indexes(table)}


def test_fresh_database_gets_the_current_schema(database_url):
    with Store(database_url) as store:
        with store.connect() as conn:
            assert schema_version(conn) == SCHEMA_VERSION
        assert "ix_feeds_next_due" in _indexes(store, "feeds")
    # Opening again is a no-op, not a second migration.
    with Store(database_url) as store, store.connect() as conn:
        assert schema_version(conn) == SCHEMA_VERSION


def test_migration_from_version_1_keeps_every_row(database_url):
    with Store(database_url) as store:
        _seed(store)
        # Turn it back into a version-1 database: no next_due index, version 1 recorded.
        with store.begin() as conn:
            conn.exec_driver_sql("DROP INDEX ix_feeds_next_due")
            conn.execute(update(meta).where(meta.c.key == "schema_version").values(value="1"))
        assert "ix_feeds_next_due" not in _indexes(store, "feeds")
        with store.connect() as conn:
            before = {t.name: conn.execute(select(t)).all() for t in (feeds, items, mentions)}
    with Store(database_url) as store:
        with store.connect() as conn:
            assert schema_version(conn) == SCHEMA_VERSION  # and every later migration ran
            after = {t.name: conn.execute(select(t)).all() for t in (feeds, items, mentions)}
        assert "ix_feeds_next_due" in _indexes(store, "feeds")
    assert after == before
    assert len(after["items"]) == 5 and len(after["mentions"]) == 5


def test_a_newer_database_is_refused(database_url):
    with Store(database_url) as store, store.begin() as conn:
        conn.execute(update(meta).where(meta.c.key == "schema_version").values(value="99"))
    with pytest.raises(StoreError, match="newer than this koll"):
        Store(database_url)


def test_saving_a_feed_twice_stores_each_item_once(database_url):
    with Store(database_url) as store:
        _seed(store)
        _seed(store)
        with store.connect() as conn:
            assert store_items.count_items(conn) == 5
            assert len(conn.execute(select(mentions)).all()) == 5


def test_claims_lease_feeds_to_one_worker_until_they_expire(database_url):
    with Store(database_url) as store:
        _seed(store, n_feeds=5, n_items=0)
        with store.begin() as conn:
            a = leases.claim_due(conn, owner="a", now=NOW, lease_s=60, limit=2)
        with store.begin() as conn:
            b = leases.claim_due(conn, owner="b", now=NOW, lease_s=60, limit=10)
        assert len(a) == 2 and len(b) == 3
        assert not {f.id for f in a} & {f.id for f in b}
        # Nothing left for a third worker while the leases live…
        with store.begin() as conn:
            assert leases.claim_due(conn, owner="c", now=NOW, lease_s=60, limit=10) == []
            # …a renewed lease outlives the original expiry…
            assert (
                leases.renew(conn, owner="a", feed_ids=[a[0].id], until=NOW + timedelta(hours=1))
                == 1
            )
            # …and another owner cannot renew what it does not hold.
            assert (
                leases.renew(conn, owner="c", feed_ids=[a[1].id], until=NOW + timedelta(hours=1))
                == 0
            )
        later = NOW + timedelta(seconds=61)
        with store.begin() as conn:
            c = leases.claim_due(conn, owner="c", now=later, lease_s=60, limit=10)
        assert {f.id for f in c} == {a[1].id} | {f.id for f in b}
        # Recording an outcome clears the lease, and the feed is not due again until next_due.
        with store.begin() as conn:
            store_feeds.record_success(
                conn,
                c[0].id,
                now=later,
                next_due=later + timedelta(minutes=30),
                etag=None,
                last_modified=None,
                body_hash=None,
            )
            assert leases.release(conn, owner="c") == len(c) - 1
            owners = dict(conn.execute(select(feeds.c.id, feeds.c.lease_owner)).all())
        assert owners[c[0].id] is None and owners[a[0].id] == "a"
        with store.begin() as conn:
            again = leases.claim_due(conn, owner="d", now=later, lease_s=60, limit=10)
        assert {f.id for f in again} == {f.id for f in c[1:]}


def test_claims_with_all_feeds_skip_what_this_run_already_handled(database_url):
    with Store(database_url) as store:
        _seed(store, n_feeds=3, n_items=0)
        with store.begin() as conn:
            for f in store_feeds.all_feeds(conn):
                store_feeds.record_success(
                    conn,
                    f.id,
                    now=NOW,
                    next_due=NOW + timedelta(hours=1),
                    etag=None,
                    last_modified=None,
                    body_hash=None,
                )
            assert leases.claim_due(conn, owner="a", now=NOW, lease_s=60, limit=9) == []
            first = leases.claim_due(conn, owner="a", now=NOW, lease_s=60, limit=2, all_feeds=True)
            leases.release(conn, owner="a")
            rest = leases.claim_due(
                conn,
                owner="a",
                now=NOW,
                lease_s=60,
                limit=9,
                all_feeds=True,
                exclude={f.id for f in first},
            )
        assert len(first) == 2 and len(rest) == 1


def test_over_long_feed_fields_are_clipped_the_same_on_both_engines(database_url):
    """PostgreSQL rejects a VARCHAR overflow that SQLite would store: both keep the clipped value."""
    from dataclasses import replace

    with Store(database_url) as store:
        _seed(store, n_feeds=1, n_items=0)
        with store.begin() as conn:
            fid = next(iter(store_feeds.feed_ids_by_url(conn).values()))
            it = replace(_item(1), author="Anna " * 150, source="s" * 300 + ".se")
            assert store_items.save_items(conn, fid, [it], now=NOW) == 1
        with store.connect() as conn:
            author, source = conn.execute(select(items.c.author, items.c.source)).one()
        assert author == ("Anna " * 150)[:500] and source == "s" * 255


@pytest.mark.postgres
def test_a_sqlite_store_copies_into_postgresql_row_for_row(tmp_path, pg_url):
    from koll.store.copy import copy_store

    src = Store(f"sqlite:///{tmp_path / 'src.db'}")
    _seed(src, n_feeds=2, n_items=7)
    dst = Store(pg_url)
    counts = copy_store(src, dst, chunk=3)
    assert counts["items"] == 7 and counts["mentions"] == 7 and counts["feeds"] == 2
    with src.connect() as a, dst.connect() as b:
        for t in (feeds, items, mentions):
            assert (
                b.execute(select(t).order_by(t.c.id)).all()
                == a.execute(select(t).order_by(t.c.id)).all()
            )
    # The id sequences moved past the copied ids: new rows get fresh ids.
    with dst.begin() as conn:
        store_items.save_items(conn, 1, [_item(99)], now=NOW)
        assert conn.execute(select(func.max(items.c.id))).scalar_one() == 8
    with pytest.raises(StoreError, match="not empty"):
        copy_store(src, dst)
    src.close()
    dst.close()


def _in(source: str, n: int, content: str) -> Item:
    return Item(
        key=f"https://{source}/{n}",
        url=f"https://{source}/{n}",
        guid=None,
        title=f"Rubrik {n}",
        text="Fjällkraft bygger vindkraft i Norrland.",
        published=NOW - timedelta(hours=n),
        published_estimated=False,
        author=None,
        source=source,
        kind="news",
        content_hash=content,
    )


def test_feeds_saved_together_are_stored_as_if_one_after_the_other(database_url):
    """save_feeds (one transaction for a group of feeds) dedups across the group, in order."""
    with Store(database_url) as store:
        cfg = [FeedConfig(url=f"https://f{i}.example.se/feed") for i in range(3)]
        with store.begin() as conn:
            store_feeds.sync_feeds(conn, cfg)
            a, b, c = (store_feeds.feed_ids_by_url(conn)[f.url] for f in cfg)
            stored_before = _in("sajt.se", 9, "h9")
            assert store_items.save_items(conn, c, [stored_before], now=NOW) == 1
        score = store_items.Score("pos", 0.5, 0.9, "sv", "test")
        group = [
            # 1 and 2 are new; 3 has 1's content on the same site (a repost): linked, not stored.
            store_items.FeedItems(
                a,
                [_in("sajt.se", 1, "h1"), _in("sajt.se", 2, "h2"), _in("sajt.se", 3, "h1")],
                {
                    "https://sajt.se/1": [
                        Mention("https://sajt.se/1", "Fjällkraft", True, "feed", None)
                    ]
                },
                {f"https://sajt.se/{n}": score for n in (1, 2, 3)},
            ),
            # 2 is a's (stored earlier in the group), 4 is new, 5 repeats 4's content, 6 is the
            # content of the item stored before, 9 that item itself.
            store_items.FeedItems(
                b,
                [
                    _in("sajt.se", 2, "h2"),
                    _in("sajt.se", 4, "h4"),
                    _in("sajt.se", 5, "h4"),
                    _in("sajt.se", 6, "h9"),
                    _in("sajt.se", 9, "h9"),
                ],
                {
                    "https://sajt.se/2": [
                        Mention("https://sajt.se/2", "Fjällkraft", False, None, None)
                    ]
                },
                {f"https://sajt.se/{n}": score for n in (2, 4, 5, 6, 9)},
            ),
            store_items.FeedItems(c, []),
        ]
        with store.begin() as conn:
            assert store_items.save_feeds(conn, group, now=NOW) == [2, 1, 0]
        with store.connect() as conn:
            stored = conn.execute(
                select(items.c.id, items.c.key, items.c.feed_id).order_by(items.c.id)
            ).all()
            links = set(conn.execute(select(item_feeds.c.item_id, item_feeds.c.feed_id)).all())
            scored = {r[0] for r in conn.execute(select(scores.c.item_id))}
            ments = conn.execute(select(mentions.c.item_id, mentions.c.owned)).all()
        # Ids in group order, each item stored by the first feed that had it.
        assert [(r.key, r.feed_id) for r in stored] == [
            ("https://sajt.se/9", c),
            ("https://sajt.se/1", a),
            ("https://sajt.se/2", a),
            ("https://sajt.se/4", b),
        ]
        ids = {r.key.rsplit("/", 1)[1]: r.id for r in stored}
        assert links == {
            (ids["9"], c),
            (ids["1"], a),
            (ids["2"], a),
            (ids["2"], b),
            (ids["4"], b),
            (ids["9"], b),
        }
        # Scores and mentions come with the new items only, from the feed that stored them.
        assert scored == {ids["1"], ids["2"], ids["4"]}
        assert ments == [(ids["1"], True)]


def test_outcomes_of_many_feeds_are_recorded_in_one_call(database_url):
    with Store(database_url) as store:
        _seed(store, n_feeds=4, n_items=0)
        later = NOW + timedelta(hours=1)
        with store.begin() as conn:
            ids = sorted(store_feeds.feed_ids_by_url(conn).values())
            conn.execute(update(feeds).where(feeds.c.id == ids[1]).values(title="Gammal titel"))
            store_feeds.record_outcomes(
                conn,
                now=NOW,
                successes=[
                    store_feeds.Success(ids[0], later, '"e1"', "Mon", "h1", "Ny titel"),
                    store_feeds.Success(ids[1], later, None, None, "h2"),
                    store_feeds.Success(ids[2], later, None, None, None, None, "https://ny.se/f"),
                ],
                failures=[store_feeds.Failure(ids[3], None, "HTTP 410" * 400, "gone", 1)],
            )
            rows = {f.id: f for f in store_feeds.all_feeds(conn)}
        first, second, moved, gone = (rows[i] for i in ids)
        assert (first.status, first.etag, first.last_modified, first.body_hash, first.title) == (
            "ok",
            '"e1"',
            "Mon",
            "h1",
            "Ny titel",
        )
        assert first.next_due == later and first.last_success == NOW and first.failures == 0
        assert (second.title, second.body_hash, second.etag) == ("Gammal titel", "h2", None)
        assert moved.url == "https://ny.se/f" and moved.config_url != moved.url
        assert (gone.status, gone.failures, gone.next_due) == ("gone", 1, None)
        assert gone.last_error == ("HTTP 410" * 400)[:2000]


def test_equal_posts_by_two_authors_are_two_items_on_later_runs_too(database_url):
    """A post with the text of a stored post on its site is that post only when the authors are
    the same (ignoring case and spacing) or one is unknown: on a platform host, two people."""

    def post(n: int, author: str | None) -> Item:
        return replace(_in("mastodon.nu", n, "same"), author=author)

    with Store(database_url) as store:
        cfg = [FeedConfig(url="https://mastodon.nu/tags/ikea.rss")]
        with store.begin() as conn:
            store_feeds.sync_feeds(conn, cfg)
            fid = store_feeds.feed_ids_by_url(conn)[cfg[0].url]
            assert store_items.save_items(conn, fid, [post(1, "@anna@mastodon.nu")], now=NOW) == 1
        later = [post(2, "@bertil@mastodon.nu"), post(3, " @Anna@Mastodon.nu"), post(4, None)]
        with store.begin() as conn:
            assert store_items.save_items(conn, fid, later, now=NOW) == 1
            stored = conn.execute(select(items.c.key, items.c.author).order_by(items.c.id)).all()
            linked = conn.execute(select(func.count()).select_from(item_feeds)).scalar_one()
        assert [a for _, a in stored] == ["@anna@mastodon.nu", "@bertil@mastodon.nu"]
        assert linked == 2


def test_one_writer_written_as_name_or_address_is_one_author(database_url):
    """RSS's `address (Name)`, e-mail's `Name <address>`, Atom's name alone and a name stored
    before entities were decoded are one writer: the same article from a site's two feeds under
    two links stays one item (a review: they had become two)."""

    def post(n: int, author: str | None) -> Item:
        return replace(_in("exempel.se", n, "same"), author=author)

    with Store(database_url) as store:
        cfg = [FeedConfig(url="https://exempel.se/rss")]
        with store.begin() as conn:
            store_feeds.sync_feeds(conn, cfg)
            fid = store_feeds.feed_ids_by_url(conn)[cfg[0].url]
            first = [post(1, "anna@exempel.se (Anna Svensson)")]
            assert store_items.save_items(conn, fid, first, now=NOW) == 1
        later = [
            post(2, "Anna Svensson"),
            post(3, "Anna  Svensson <anna@exempel.se>"),
            post(4, "Anna&#160;Svensson"),
            post(5, "Bertil Berg <bertil@exempel.se>"),
        ]
        with store.begin() as conn:
            assert store_items.save_items(conn, fid, later, now=NOW) == 1
            stored = conn.execute(select(items.c.author).order_by(items.c.id)).scalars().all()
        assert stored == ["anna@exempel.se (Anna Svensson)", "Bertil Berg <bertil@exempel.se>"]
