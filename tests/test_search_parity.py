"""A search finds the same mentions on PostgreSQL as on SQLite, whatever the text holds: words
in hosts, e-mail addresses and URL paths, words joined by "_", ISO dates, "kr/mån", and å ä ö.

SQLite's search table splits text the unicode61 way (letters and digits of any script are word
characters, everything else separates words). PostgreSQL's parser kept "sokbolaget.se",
"kundservice@sokbolaget.se" and "/nyheter/vindkraft-i-norr" as single tokens, so no word inside
them was a word of its own there, and a query word with "_" became a phrase the position-less
stored words could never match: "sokbolaget.se" found 3 mentions on SQLite and none on
PostgreSQL, "Kalle_i_Kalix" 6 and none in the demo.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from itertools import count

import pytest
from sqlalchemy import create_engine, select, update

from koll.store import Store, mention_pages, schema
from koll.store.filters import Filter
from koll.store.schema import items, mentions, meta
from koll.store.words import SEPARATORS

BRAND = "Sökbolaget"
#: id -> (title, text, author); each holds the words of a query below in its own way.
TEXTS = {
    1: (
        "Sökbolaget höjer elpriset",
        "Från 2026-12-01 kostar abonnemanget 129 kr/mån. Läs mer på sokbolaget.se",
        "Anna Berg",
    ),
    2: ("Fråga om fakturan", "Mejla kundservice@sokbolaget.se om elpriset är fel.", "Per Holm"),
    3: (
        "Nytt från Sökbolaget",
        "Planerna: https://www.sokbolaget.se/nyheter/vindkraft-i-norr (läs hela)",
        "Sok_Bolaget_Sverige",
    ),
    4: ("Elpris i topp", "Sökbolaget svarar inte på tre dagar. #sokbolaget", "ivar_ivarsson"),
    5: ("Ålänningar om Sökbolaget", "ÄLVSBYN och Övertorneå får fiber före jul.", "@fjallkraft"),
    6: ("Kalle_i_Kalix om Sökbolaget", "Bra service, tack!", "kalle"),
    7: ("Kalle bor i Kalix", "Han bytte till Sökbolaget i somras.", "Eva Lind"),
    8: ("Bytte elbolag", "Bytte till sokbolaget förra året, kanonbra.", None),
    9: ("Vind", "Se https://nordvind.se/blogg/elpris-vindkraft om Sökbolaget", "nordvind.se"),
    10: ("Sökbolaget 2026", "Siffrorna för 12 månader, 01 är koden.", "Ola"),
    11: ("Öppettider", "Sökbolaget har öppet mån-fre 8–17 … sedan stängt.", "Kim"),
    12: ("Sok bolaget Sverige?", "Nej, Sökbolaget Sverige AB heter de.", "Lo"),
    13: ("Sökbolaget", "Ett vanligt inlägg utan något särskilt i sig.", "Bo"),
    14: ("Sökbolaget i Tyskland", "Kontoret ligger på Hauptstraße 5.", "Jens"),
}

#: search -> the item ids it finds, on every engine (SQLite's unicode61 words are the yardstick)
EXPECTED = {
    "sokbolaget": {1, 2, 3, 4, 8},
    "sökbolaget": {1, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14},
    "hauptstraße": {14},  # ß as written (casefolded to "ss" it had found nothing anywhere)
    "HAUPTSTRAẞE": {14},
    "elpris": {1, 2, 4, 9},
    "elpris\x00": {1, 2, 4, 9},  # NUL separates (it had reached the database: an error)
    "sokbolaget.se": {1, 2, 3},
    "kundservice@sokbolaget.se": {2},
    "sok_bolaget_sverige": {3, 12},  # the words in a row: not 8's "sokbolaget"
    "ivar_ivarsson": {4},
    "vindkraft": {3, 9},
    "2026-12-01": {1, 10},  # every word, each anywhere (as on SQLite)
    "mån": {1, 10, 11},
    "kr/mån": {1},
    "Kalle_i_Kalix": {6},  # 7 has the words, not in a row
    "kalle kalix": {6, 7},
    "nordvind.se": {9},
    "@fjallkraft": {5},
    "älvsbyn": {5},
    "ÖVERTORNEÅ": {5},
    "ålänningar": {5},
    "norr läs": {3},
    "fre 8": {11},
    "17 sedan": {11},
    "https": {3, 9},
    "www": {3},
    "_": set(),
    "@": set(),
}

_databases = count(1)


def _store(engine: str, request, tmp_path) -> Store:
    if engine == "sqlite":
        return Store(f"sqlite:///{tmp_path / 'koll.db'}")
    cluster = request.getfixturevalue("pg_cluster")
    if engine == "postgresql":
        return Store(cluster.new_database())
    # The C ctype (a common server default) classifies and folds ASCII letters only.
    name = f"parity_c_{next(_databases)}"
    cluster.admin(
        f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
    )
    return Store(cluster.url(name))


def _fill(store: Store) -> None:
    at = datetime(2026, 11, 20, 9, tzinfo=UTC)
    with store.begin() as conn:
        for i, (title, text, author) in TEXTS.items():
            conn.execute(items.insert().values(id=i, key=f"k{i}", title=title, text=text,
                author=author, published=at, day="2026-11-20", first_seen=at,
                source="forum.example.se", kind="forum", content_hash=f"h{i}"))  # fmt: skip
            conn.execute(mentions.insert().values(item_id=i, brand=BRAND, owned=False,
                day="2026-11-20", published=at, source="forum.example.se",
                kind="forum"))  # fmt: skip


def _found(store: Store) -> dict[str, set[int]]:
    with store.connect() as conn:
        return {
            q: set(mention_pages.mention_page(conn, Filter(text=q), limit=50)["item_id"])
            for q in EXPECTED
        }


@pytest.fixture
def sqlite_found(tmp_path) -> dict[str, set[int]]:
    with _store("sqlite", None, tmp_path) as store:
        _fill(store)
        return _found(store)


def test_sqlite_finds_every_word_typed(sqlite_found):
    assert sqlite_found == EXPECTED


@pytest.mark.postgres
@pytest.mark.parametrize("engine", ["postgresql", "postgresql-c"])
def test_postgresql_finds_what_sqlite_finds(engine, sqlite_found, request, tmp_path):
    with _store(engine, request, tmp_path) as store:
        _fill(store)
        found = _found(store)
        with store.connect() as conn:
            counts = {q: mention_pages.mention_count(conn, Filter(text=q)) for q in EXPECTED}
    wrong = {q: (found[q], sqlite_found[q]) for q in EXPECTED if found[q] != sqlite_found[q]}
    assert not wrong, f"query: (PostgreSQL, SQLite) {wrong}"
    assert counts == {q: len(ids) for q, ids in sqlite_found.items()}


def test_the_separators_are_sqlites(tmp_path):
    """words.SEPARATORS is the running SQLite's unicode61: each character between two letters
    is one word with them or splits them, as the search table reads it (no NUL, no surrogates)."""
    import sqlite3

    conn = sqlite3.connect(tmp_path / "words.db")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(t, tokenize='unicode61 remove_diacritics 0')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(f, 'instance')")
    points = [p for p in range(1, 0x110000) if not 0xD800 <= p <= 0xDFFF]
    conn.executemany("INSERT INTO f(rowid, t) VALUES (?, ?)", ((p, f"q{chr(p)}q") for p in points))
    words = dict(conn.execute("SELECT doc, count(*) FROM v GROUP BY doc"))
    conn.close()
    separates = re.compile(f"[{SEPARATORS}]")
    wrong = [hex(p) for p in points if (words.get(p) != 1) != bool(separates.match(chr(p)))]
    assert not wrong, wrong[:20]


#: koll_words of versions 14 and 15 (frozen): PostgreSQL's parser, positions stripped.
OLD_WORDS = (
    "CREATE OR REPLACE FUNCTION koll_words(title text, body text, author text) RETURNS tsvector "
    "LANGUAGE sql IMMUTABLE AS $$ SELECT strip(to_tsvector('simple'::regconfig, "
    "coalesce(title, '') || ' ' || coalesce(body, '') || ' ' || coalesce(author, ''))) $$"
)


def _as_version_15(store: Store) -> str:
    """The store's mentions as version 15 stored their words; returns its URL, store closed."""
    with store.begin() as conn:
        conn.exec_driver_sql(OLD_WORDS)
        conn.exec_driver_sql(
            "UPDATE mentions m SET search_words = koll_words(i.title, i.text, i.author) "
            "FROM items i WHERE i.id = m.item_id"
        )
        conn.execute(update(meta).where(meta.c.key == "schema_version").values(value="15"))
    store.close()
    return store.engine.url.render_as_string(hide_password=False)


def _version_and_words(url: str) -> tuple[int, str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            version = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version"))
            words = conn.exec_driver_sql(
                "SELECT search_words::text FROM mentions WHERE item_id = 2"
            )
            return int(version.scalar_one()), words.scalar_one()
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_version_15_store_gets_its_words_again(sqlite_found, request, tmp_path):
    """Upgrading makes every stored mention's words again; a failed upgrade leaves version 15
    and its words as they were, nothing half made."""
    url = _as_version_15(_fill_and_return(_store("postgresql", request, tmp_path)))
    assert "'kundservice@sokbolaget.se'" in _version_and_words(url)[1]
    with pytest.MonkeyPatch.context() as patch:
        broken = [*schema.PG_SEARCH_DDL[:-1], "CREATE INDEX broken ON nowhere (x)"]
        patch.setattr(schema, "PG_SEARCH_DDL", broken)  # fails after the words were made
        with pytest.raises(Exception, match="nowhere"):
            Store(url).close()
    version, words = _version_and_words(url)
    assert version == 15 and "'kundservice@sokbolaget.se'" in words
    with Store(url) as store:
        found = _found(store)
        with store.connect() as conn:
            indexes = conn.exec_driver_sql("SELECT indexname FROM pg_indexes").scalars().all()
    assert found == sqlite_found
    assert "ix_mentions_words" in indexes
    version, words = _version_and_words(url)
    assert version == schema.SCHEMA_VERSION == 18
    assert "'kundservice':" in words and "'sokbolaget':" in words, words


def _fill_and_return(store: Store) -> Store:
    _fill(store)
    return store
