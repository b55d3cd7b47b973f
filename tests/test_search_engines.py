"""A search selects the same mentions on SQLite and PostgreSQL: every word typed, as a word or
the start of one, in title, text or author. SQLite finds them through its FTS5 table, PostgreSQL
through the words each mention stores and their index (schema.PG_SEARCH_DDL, schema version 14),
which a query really uses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, update

from koll.store import Store, mention_pages
from koll.store.filters import Filter
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


def test_postgresql_searches_the_mentions_own_words(store):
    with store.connect() as conn:
        if conn.dialect.name != "postgresql":
            pytest.skip("the word index is PostgreSQL's")
        src, cond = Filter(text="elpr").scope("postgresql")
        q = select(mentions.c.id).select_from(src).where(*cond)
        sql = str(q.compile(conn, compile_kwargs={"literal_binds": True}))
        # A 3-row table: asked for the plan without a full scan, not for the cheapest one.
        conn.exec_driver_sql("SET enable_seqscan = off")
        conn.exec_driver_sql("SET enable_indexscan = off")
        plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + sql))
        assert "ix_mentions_words" in plan, plan
        # No item row is visited to find a hit's mention, and no text is parsed again.
        assert " items" not in plan and "to_tsvector" not in plan, plan


def test_postgresql_keeps_the_mentions_words_up_to_date(store):
    if store.dialect != "postgresql":
        pytest.skip("the stored word column is PostgreSQL's")
    at = datetime(2026, 11, 21, 9, tzinfo=UTC)
    with store.begin() as conn:
        conn.execute(update(items).where(items.c.id == 2).values(text="Vågkraften är här"))
        conn.execute(mentions.insert().values(item_id=1, brand="Nordvind", owned=False,
            day="2026-11-21", published=at, source="forum.example.se", kind="forum"))  # fmt: skip
    with store.connect() as conn:
        assert mention_pages.mention_count(conn, Filter(text="vågkraft")) == 1
        assert mention_pages.mention_count(conn, Filter(text="väntar")) == 0
        assert mention_pages.mention_count(conn, Filter(brands=("Nordvind",), text="elpr")) == 1


def test_postgresql_keeps_the_words_positions_field_by_field(store):
    """Positions since version 16: a word typed with "_" is its parts in a row, as on SQLite
    (tests/test_search_parity.py). A field's first word does not follow the last of the field
    before it (title "… Fjällkraft", text "Elpriset …"), as SQLite keeps its columns apart."""
    if store.dialect != "postgresql":
        pytest.skip("the stored word column is PostgreSQL's")
    with store.connect() as conn:
        words = conn.exec_driver_sql(
            "SELECT search_words::text FROM mentions WHERE item_id = 1"
        ).scalar_one()
        across = mention_pages.mention_count(conn, Filter(text="fjällkraft_elpriset"))
        within = mention_pages.mention_count(conn, Filter(text="i_fjällkraft"))
    assert "'fjällkraft':3" in words and "'elpriset':5" in words, words
    assert "'_'" not in words, words
    assert (across, within) == (0, 1)


def _plan_with_only(conn, index: str, f: Filter, order=(), count: bool = False) -> str:
    """The plan of f's page (or count) when `index` is the only one to read mentions through:
    whether that index alone answers, not which is cheapest on a 3-row table. The other
    indexes are dropped inside the transaction, then rolled back."""
    src, cond = f.scope(conn.dialect.name)
    q = select(mentions.c.id).select_from(src).where(*cond).order_by(*order).limit(25)
    if count:
        q = select(func.count()).select_from(src).where(*cond)
    sql = str(q.compile(conn, compile_kwargs={"literal_binds": True}))
    for off in ("seqscan", "bitmapscan"):
        conn.exec_driver_sql(f"SET enable_{off} = off")
    names = conn.exec_driver_sql(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'mentions' "
        "AND indexname NOT IN ('mentions_pkey', 'uq_mentions_item_brand')"
    ).scalars()
    for name in [n for n in names if n != index]:
        conn.exec_driver_sql(f"DROP INDEX {name}")
    plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + sql))
    conn.rollback()
    return plan


def test_postgresql_reads_tone_filters_from_an_index_alone(store):
    """ "Mest negativa" / "Mest positiva" for a year are the first entries of that tone's index
    in its order, not a sort of every such mention (SQLite sorts its covering index, which holds
    the row id); a source's count under a tone filter is read from the source index."""
    if store.dialect != "postgresql":
        pytest.skip("SQLite's covering index does")
    year = dict(brands=("Fjällkraft",), since="2025-12-04", until="2026-12-03")
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM mentions")  # as autovacuum leaves it: rows visible to all
    with store.connect() as conn:
        plans = {
            tone: _plan_with_only(  # the order mention_page uses once only that tone is left
                conn, f"ix_mentions_{tone}", Filter(**year, labels=(tone,)),
                mention_pages.SORTS[tone][1:],
            )
            for tone in ("neg", "pos")
        }  # fmt: skip
        source = Filter(**year, sources=("forum.example.se",), labels=("neg",))
        counted = _plan_with_only(conn, "ix_mentions_brand_source", source, count=True)
    for tone, plan in plans.items():
        # Read in the index's order (the first 25 rows of a page are looked up, not ranked).
        assert f"Index Scan using ix_mentions_{tone}" in plan, plan
        assert "Sort" not in plan, plan
    assert "Index Only Scan using ix_mentions_brand_source" in counted, counted


#: The index versions 10-13 searched through, over the items' words (frozen).
OLD_INDEX = (
    "CREATE INDEX ix_items_search ON items USING gin (to_tsvector('simple'::regconfig, "
    "coalesce(title, '') || ' ' || coalesce(text, '') || ' ' || coalesce(author, '')))"
)


@pytest.mark.parametrize("version", [9, 13])
def test_an_older_postgresql_store_gets_the_mentions_words(store, version):
    """Versions 10-13 searched through an index over the items' words, 9 had no index: both
    end with the mentions' words filled for what is stored, kept up to date, and one index."""
    with store.begin() as conn:
        if conn.dialect.name != "postgresql":
            pytest.skip("the word index is PostgreSQL's")
        conn.exec_driver_sql("DROP TRIGGER mentions_words ON mentions")
        conn.exec_driver_sql("DROP TRIGGER items_words ON items")
        conn.exec_driver_sql("ALTER TABLE mentions DROP COLUMN search_words")
        if version == 13:
            conn.exec_driver_sql(OLD_INDEX)
        conn.execute(update(meta).where(meta.c.key == "schema_version").values(value=str(version)))
    store.close()
    url = store.engine.url.render_as_string(hide_password=False)
    with Store(url) as again:
        with again.begin() as conn:
            conn.execute(update(items).where(items.c.id == 1).values(title="Vågkraft"))
        with again.connect() as conn:
            names = {r[0] for r in conn.exec_driver_sql("SELECT indexname FROM pg_indexes")}
            version_now = conn.execute(meta.select().where(meta.c.key == "schema_version")).first()
            found = set(mention_pages.mention_page(conn, Filter(text="elnätet norr"))["item_id"])
            edited = mention_pages.mention_count(conn, Filter(text="vågkraft"))
    assert "ix_mentions_words" in names and "ix_items_search" not in names
    assert int(version_now.value) == SCHEMA_VERSION == 18
    assert found == {3} and edited == 1
