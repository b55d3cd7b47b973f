"""A search selects the same mentions on SQLite and PostgreSQL: every word typed, as a word or
the start of one, in title, text or author. SQLite finds them through its FTS5 table, PostgreSQL
through its word index (schema.PG_SEARCH_DDL, schema version 10), which a query really uses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from koll.store import Store, mention_pages
from koll.store.filters import Filter, word_match
from koll.store.schema import SCHEMA_VERSION, items, mentions, meta

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
        assert "ix_items_search" in plan, plan


def test_a_version_9_postgresql_store_gets_the_word_index(store):
    with store.begin() as conn:
        if conn.dialect.name != "postgresql":
            pytest.skip("the word index is PostgreSQL's")
        conn.exec_driver_sql("DROP INDEX ix_items_search")
        conn.execute(update(meta).where(meta.c.key == "schema_version").values(value="9"))
    store.close()
    url = store.engine.url.render_as_string(hide_password=False)
    with Store(url) as again, again.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'items'")}  # fmt: skip
        version = conn.execute(meta.select().where(meta.c.key == "schema_version")).first()
    assert "ix_items_search" in names
    assert int(version.value) == SCHEMA_VERSION == 14
