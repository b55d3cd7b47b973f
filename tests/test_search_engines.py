"""A search selects the same mentions on SQLite and PostgreSQL: every word typed, as a word or
the start of one, in title, text or author. SQLite finds them through its FTS5 table, PostgreSQL
through its stored word column and that column's index (schema.PG_SEARCH_DDL, schema version
14), which a query really uses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from koll.store import Store, mention_pages
from koll.store.filters import Filter, word_match
from koll.store.schema import PG_SEARCH_VECTOR, SCHEMA_VERSION, items, mentions, meta

TEXTS = {
    1: ("Vindsnurrorna i Fjällkraft", "Elpriset steg i går.", "Anna Berg"),
    2: ("Om kundtjänst", "Ingen svarade, 50% av tiden väntar man.", "kund_42"),
    3: ("Fjällkraft svarar", "ELNÄTET byggs ut i norr", None),
}
#: search -> the item ids it finds, on both engines
EXPECTED = {
    "vindsnurr": {1},  # the start of a word
    "VINDSNURRORNA": {1},  # any case
    "snurror": set(),  # inside a word is not the start of one
    "elpr": {1},
    "el": {1, 3},
    "elnätet norr": {3},  # every word
    "elnätet söder": set(),
    "berg": {1},  # the author
    "fjällkraft svarar": {3},
    "50": {2},
    "%": set(),  # nothing searchable
    "' OR 1=1 --": set(),
}


@pytest.fixture
def store(database_url):
    s = Store(database_url)
    at = datetime(2026, 11, 20, 9, tzinfo=UTC)
    with s.begin() as conn:
        for i, (title, text, author) in TEXTS.items():
            conn.execute(items.insert().values(id=i, key=f"k{i}", title=title, text=text,
                author=author, published=at, day="2026-11-20", first_seen=at,
                source="forum.example.se", kind="forum", content_hash=f"h{i}"))  # fmt: skip
            conn.execute(mentions.insert().values(item_id=i, brand="Fjällkraft", owned=False,
                day="2026-11-20", published=at, source="forum.example.se", kind="forum"))  # fmt: skip
    yield s
    s.close()


def test_a_search_finds_word_starts_alike_on_both_engines(store):
    with store.connect() as conn:
        for text, expected in EXPECTED.items():
            f = Filter(brands=("Fjällkraft",), text=text)
            page = mention_pages.mention_page(conn, f, limit=10)
            assert set(page["item_id"]) == expected, text
            assert mention_pages.mention_count(conn, f) == len(expected), text


def test_postgresql_searches_through_its_word_index(store):
    with store.connect() as conn:
        if conn.dialect.name != "postgresql":
            pytest.skip("the word index is PostgreSQL's")
        q = word_match("elpr")
        sql = str(q.compile(conn, compile_kwargs={"literal_binds": True}))
        # A 3-row table: asked for the plan without a full scan, not for the cheapest one.
        conn.exec_driver_sql("SET enable_seqscan = off")
        conn.exec_driver_sql("SET enable_indexscan = off")
        plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + sql))
        assert "ix_items_words" in plan, plan
        # The words are read from the stored column, never parsed from the text again: with a
        # word in most items the index's bitmap goes lossy and every row of a page is checked.
        assert "to_tsvector" not in plan, plan


def test_postgresql_keeps_the_stored_words_up_to_date(store):
    if store.dialect != "postgresql":
        pytest.skip("the stored word column is PostgreSQL's")
    with store.begin() as conn:
        conn.execute(update(items).where(items.c.id == 2).values(text="Vågkraften är här"))
    with store.connect() as conn:
        assert mention_pages.mention_count(conn, Filter(text="vågkraft")) == 1
        assert mention_pages.mention_count(conn, Filter(text="väntar")) == 0


@pytest.mark.parametrize("version", [9, 13])
def test_an_older_postgresql_store_gets_the_stored_word_column(store, version):
    """Versions 10-13 searched through an index over the words' expression, 9 had no index:
    both end with the column, filled for the items already stored, and only its index."""
    with store.begin() as conn:
        if conn.dialect.name != "postgresql":
            pytest.skip("the word index is PostgreSQL's")
        conn.exec_driver_sql("DROP INDEX ix_items_words")
        conn.exec_driver_sql("ALTER TABLE items DROP COLUMN search_words")
        if version == 13:
            conn.exec_driver_sql(
                f"CREATE INDEX ix_items_search ON items USING gin ({PG_SEARCH_VECTOR})"
            )
        conn.execute(update(meta).where(meta.c.key == "schema_version").values(value=str(version)))
    store.close()
    url = store.engine.url.render_as_string(hide_password=False)
    with Store(url) as again, again.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'items'")}  # fmt: skip
        version_now = conn.execute(meta.select().where(meta.c.key == "schema_version")).first()
        found = set(mention_pages.mention_page(conn, Filter(text="elnätet norr"))["item_id"])
    assert "ix_items_words" in names and "ix_items_search" not in names
    assert int(version_now.value) == SCHEMA_VERSION == 14
    assert found == {3}
