"""Schema migrations: a store an older koll made opens with this one, loses nothing, and gets
every index and the search table that schema.py defines, whichever command opens it first."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, update

from koll.cli import main
from koll.config import load_settings
from koll.store import Store, schema_version
from koll.store import mention_pages as pages
from koll.store.filters import Filter
from koll.store.schema import (
    SCHEMA_VERSION,
    SEARCH_DAY_MARK,
    corrections,
    item_feeds,
    items,
    mentions,
    meta,
    scores,
)
from koll.store.schema import alerts as schema_alerts
from koll.store.schema import digests as schema_digests

FIXTURE = Path(__file__).parent / "fixtures" / "store_v2"
DEMO_FEEDS = Path(__file__).resolve().parent.parent / "data" / "demo" / "feeds"
NEW_INDEXES = {"ix_mentions_dashboard", "ix_mentions_control"}
SEARCH = {("table", "items_fts"), *(("trigger", f"items_fts_{t}") for t in ("ai", "ad", "au"))}
# Fields whose definition changed on purpose after 034ec65 (docs/control.md, "Dialogue": threads
# with an outside comment, not comments answered one by one). Their recorded values are old
# definitions, so they are not compared; the index is checked through the one component that moved.
REDEFINED = {"dialogue_rate"}
ADDED = {
    "dialogue_own", "dialogue_others", "dialogue_threads", "dialogue_answered",
    "response_hours", "unanswered",
}  # fmt: skip


def _unpack(tmp_path: Path) -> Path:
    """A copy of the version-2 store and its koll.toml in tmp_path; returns the config's path."""
    shutil.copy(FIXTURE / "koll.toml", tmp_path / "koll.toml")
    with gzip.open(FIXTURE / "koll.db.gz", "rb") as src, open(tmp_path / "koll.db", "wb") as dst:
        shutil.copyfileobj(src, dst)
    return tmp_path / "koll.toml"


def _row_counts(db: Path) -> dict[str, int]:
    """Rows per koll table (the search table and its shadow tables are the search's own)."""
    con = sqlite3.connect(db)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]
            for n in names
            if not n.startswith("items_fts")
        }
    finally:
        con.close()


def _objects(db: Path) -> set[tuple[str, str]]:
    con = sqlite3.connect(db)
    try:
        return {(t, n) for t, n in con.execute("SELECT type, name FROM sqlite_master")}
    finally:
        con.close()


def _search_sql(db: Path) -> dict[str, str]:
    """The search table's and its triggers' definitions."""
    con = sqlite3.connect(db)
    try:
        q = "SELECT name, sql FROM sqlite_master WHERE name LIKE 'items_fts%' AND sql IS NOT NULL"
        return dict(con.execute(q).fetchall())
    finally:
        con.close()


def _recorded_control_runs() -> list[tuple[str, list[str], dict]]:
    runs = []
    for path in sorted(FIXTURE.glob("control-*.json")):
        brand, window = path.stem.removeprefix("control-").rsplit("-", 1)
        args = [] if window == "all" else ["--since", "2026-11-01", "--until", "2026-11-21"]
        runs.append((brand, args, json.loads(path.read_text(encoding="utf-8"))))
    return runs


def _assert_same_report(now: dict, recorded: dict, where: tuple) -> None:
    """Every recorded number is still printed, except the redefined ones; the index differs from
    the recorded one by exactly the redefined dialogue rate's share of it."""
    assert set(now) == set(recorded) | ADDED, where
    skip = REDEFINED | {"control_index"}
    assert {k: v for k, v in now.items() if k in recorded and k not in skip} == {
        k: v for k, v in recorded.items() if k not in skip
    }, where
    moved = 0.0
    if "dialogue_rate" in recorded["components_used"]:
        moved = (
            (now["dialogue_rate"] - recorded["dialogue_rate"])
            * 100
            / len(recorded["components_used"])
        )
    assert now["control_index"] == pytest.approx(recorded["control_index"] + moved), where


@pytest.mark.parametrize("before", ["cli", "dashboard", "cut_short"])
def test_a_version_2_store_migrates_without_losing_data(tmp_path, capsys, before):
    """cli: made by cron + CLI only. dashboard: that version's dashboard had also opened it (its
    indexes and search table were there). cut_short: the search table exists but holds nothing,
    as after a migration stopped before indexing the items."""
    config = _unpack(tmp_path)
    db = tmp_path / "koll.db"
    if before != "cli":
        con = sqlite3.connect(db)
        con.executescript((FIXTURE / "dashboard-ddl.sql").read_text(encoding="utf-8"))
        if before == "dashboard":
            con.execute("INSERT INTO items_fts(items_fts) VALUES ('rebuild')")
        con.commit()
        con.close()
    counts = _row_counts(db)
    assert counts["items"] > 100 and counts["mentions"] > 100 and counts["corrections"] == 1
    if before == "cli":
        assert not (NEW_INDEXES | {n for _t, n in SEARCH}) & {n for _t, n in _objects(db)}

    # The first command that opens it migrates it; the control report is what 034ec65 printed.
    for brand, window, recorded in _recorded_control_runs():
        assert main(["control", "--config", str(config), "--brand", brand, "--json", *window]) == 0
        _assert_same_report(json.loads(capsys.readouterr().out), recorded, (brand, window))

    after = _row_counts(db)
    assert {t: n for t, n in after.items() if t in counts} == counts
    assert all(n == 0 for t, n in after.items() if t not in counts)  # tables added since: empty
    objects = _objects(db)
    assert {("index", n) for n in NEW_INDEXES} | SEARCH <= objects
    settings = load_settings(config, env={})
    with Store(settings.database_url) as store, store.connect() as conn:
        assert schema_version(conn) == SCHEMA_VERSION
        # Version 5: the mentions' triage mark, empty for every mention stored before.
        assert (
            conn.execute(select(func.count()).where(mentions.c.triage.is_not(None))).scalar() == 0
        )
        # The search finds a known item by a word of its title, through the search table.
        item_id = conn.execute(
            items.select()
            .with_only_columns(items.c.id)
            .where(items.c.title.like("%Stormen%"))
            .order_by(items.c.id)
        ).scalar()
        hits = conn.exec_driver_sql(
            "SELECT rowid FROM items_fts WHERE items_fts MATCH '\"stormen\"*'"
        ).all()
        assert item_id in {r[0] for r in hits}
        # Version 14: the search table holds each item's day as a day word (every item of the
        # busiest day, whichever search table the store had before).
        day, n = conn.exec_driver_sql(
            "SELECT day, count(*) FROM items GROUP BY day ORDER BY count(*) DESC"
        ).first()
        word = f'"{SEARCH_DAY_MARK}{day.replace("-", "")}"'
        on_day = conn.exec_driver_sql(
            "SELECT count(*) FROM items_fts WHERE items_fts MATCH ?", (word,)
        ).scalar()
        assert n > 1 and on_day == n
        # The mentions table's search reads it: its hits are the search table's.
        page = pages.mention_page(conn, Filter(text="stormen"), limit=100)
        assert len(page) and set(page["item_id"]) <= {r[0] for r in hits}
        # The dashboard's and the control report's counts are read from their covering
        # indexes alone.
        for index, columns in [
            ("ix_mentions_dashboard", "day, kind, label"),
            ("ix_mentions_control", "owned, key_message, person IS NULL"),
        ]:
            plan = " ".join(
                str(r[-1])
                for r in conn.exec_driver_sql(
                    f"EXPLAIN QUERY PLAN SELECT {columns}, count(*) FROM mentions "
                    f"WHERE brand = 'Fjällkraft' AND day >= '2026-11-01' GROUP BY {columns}"
                )
            )
            assert f"COVERING INDEX {index}" in plan, plan
        # The brand's own channels (version 12) read the owned mentions alone.
        plan = " ".join(
            str(r[-1])
            for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT source, kind, count(*), max(published) FROM mentions "
                "WHERE brand = 'Fjällkraft' AND day >= '2026-11-01' AND owned IS 1 "
                "GROUP BY source, kind"
            )
        )
        assert "COVERING INDEX ix_mentions_owned (brand=? AND owned=?" in plan, plan
    # A fresh store has exactly the same indexes, search table and triggers.
    fresh = tmp_path / "fresh.db"
    Store(f"sqlite:///{fresh}").close()
    assert {o for o in objects if o[0] != "table"} == {
        o for o in _objects(fresh) if o[0] != "table"
    }
    assert _search_sql(db) == _search_sql(fresh)


def test_the_migration_keeps_the_search_in_step_with_later_changes(tmp_path):
    """The triggers the migration adds index items stored, edited and deleted after it."""
    config = _unpack(tmp_path)
    with Store(load_settings(config, env={}).database_url) as store:
        with store.begin() as conn:
            first = conn.execute(
                items.select().with_only_columns(items.c.id).order_by(items.c.id)
            ).scalar()
            conn.execute(
                update(items).where(items.c.id == first).values(title="Vindsnurrorna i Malå")
            )

        def hits(word: str) -> set[int]:
            with store.connect() as conn:
                q = f"SELECT rowid FROM items_fts WHERE items_fts MATCH '\"{word}\"*'"
                return {r[0] for r in conn.exec_driver_sql(q)}

        assert hits("vindsnurror") == {first}
        with store.begin() as conn:
            for t in (item_feeds, scores, mentions, corrections):
                conn.execute(t.delete().where(t.c.item_id == first))
            conn.execute(items.delete().where(items.c.id == first))
        assert hits("vindsnurror") == set()


def test_a_store_made_by_the_cli_alone_has_the_indexes_and_the_search(
    feed_server, write_config, database_url, capsys
):
    """cron + `koll ingest` + `koll analyse`, no dashboard ever started: everything is there."""
    urls = [
        feed_server.add_file(f"/{name}", DEMO_FEEDS / name)
        for name in ("fjallkraft-blogg.xml", "dagbladet-norr.xml")
    ]
    feeds = "".join(f'[[feeds]]\nurl = "{u}"\nkind = "news"\n' for u in urls)
    config = write_config(
        f'[storage]\nurl = "{database_url}"\n\n[fetch]\nper_host_gap_s = 0\n\n'
        '[[brands]]\nname = "Fjällkraft"\naliases = ["Fjällkraft AB"]\n\n' + feeds
    )
    assert main(["ingest", "--config", str(config)]) == 0
    assert main(["analyse", "--config", str(config)]) == 0
    capsys.readouterr()
    with Store(database_url) as store:
        insp = inspect(store.engine)
        assert {ix["name"] for ix in insp.get_indexes("mentions")} >= NEW_INDEXES
        assert {"stories", "topics", "alerts", "term_days", "term_counts", "term_words"} <= set(
            insp.get_table_names()
        )
        with store.connect() as conn:
            if conn.dialect.name == "sqlite":
                names = {n for (n,) in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
                assert {n for _t, n in SEARCH} <= names
            # Found through the search table on SQLite, with ILIKE on PostgreSQL.
            f = Filter(brands=("Fjällkraft",), text="vindkraft")
            assert pages.mention_count(conn, f) > 0


def test_a_version_2_shaped_store_migrates_on_both_engines(database_url):
    """The version-3 step on either engine: the covering indexes come back, rows stay."""
    with Store(database_url) as store:
        with store.begin() as conn:
            for name in sorted(NEW_INDEXES):
                conn.exec_driver_sql(f"DROP INDEX {name}")
            conn.execute(update(meta).where(meta.c.key == "schema_version").values(value="2"))
        assert not NEW_INDEXES & {
            ix["name"] for ix in inspect(store.engine).get_indexes("mentions")
        }
    with Store(database_url) as store:
        with store.connect() as conn:
            assert schema_version(conn) == SCHEMA_VERSION
        assert {ix["name"] for ix in inspect(store.engine).get_indexes("mentions")} >= NEW_INDEXES


def test_the_notify_migration_adds_alert_details_and_the_digest_record(tmp_path):
    """Version 6 (notify): alerts stored before keep their rows and get `details` NULL (messages
    then fall back to their reason); the sent-digests table exists and is empty."""
    config = _unpack(tmp_path)
    con = sqlite3.connect(tmp_path / "koll.db")
    con.execute(
        "INSERT INTO alerts (key, brand, kind, day, reason, created_at, attempts) "
        "VALUES ('Test|volume|2026-11-10', 'Test', 'volume', '2026-11-10', 'gammalt', '2026-11-10', 0)"
    )
    con.commit()
    con.close()
    settings = load_settings(config, env={})
    with Store(settings.database_url) as store, store.connect() as conn:
        assert "details" in {c["name"] for c in inspect(conn).get_columns("alerts")}
        rows = conn.execute(select(schema_alerts.c.reason, schema_alerts.c.details)).all()
        assert ("gammalt", None) in [tuple(r) for r in rows]
        assert all(r.details is None for r in rows)
        assert conn.execute(select(func.count()).select_from(schema_digests)).scalar() == 0


@pytest.mark.slow
def test_the_first_analyse_after_the_migration_matches_the_history_once(tmp_path, capsys):
    """A version-2 store has no brand fingerprints: the first `koll analyse` re-matches every
    brand's history with the current matching rules, keeps the analyst's correction, and the
    next one has nothing to re-match."""
    config = _unpack(tmp_path)
    con = sqlite3.connect(tmp_path / "koll.db")
    item_id, brand, label = con.execute(
        "SELECT item_id, brand, label FROM corrections ORDER BY id DESC"
    ).fetchone()
    con.close()
    assert main(["analyse", "--config", str(config), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)["rematch"]
    assert set(first) == {b.name for b in load_settings(config, env={}).brands}
    assert main(["analyse", "--config", str(config), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rematch"] == {}
    con = sqlite3.connect(tmp_path / "koll.db")
    kept = con.execute(
        "SELECT label, model FROM mentions WHERE item_id = ? AND brand = ?", (item_id, brand)
    ).fetchone()
    con.close()
    assert kept == (label, "manual")


def test_a_damaged_or_newer_schema_version_is_one_line_naming_the_database(tmp_path, capsys):
    """A schema version that is no number ended in a traceback (`koll export`, `koll feeds`)
    or, in `koll control`, in a message about --since; a newer one did not say which database
    (`koll copy` opens two)."""
    db = tmp_path / "koll.db"
    Store(f"sqlite:///{db}").close()
    for value, says in (("abc", "its schema version is 'abc', not a number"), ("99", "newer")):
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (value,))
        conn.close()
        for argv in (["export", "items"], ["control", "--brand", "X"], ["feeds"]):
            config = tmp_path / "koll.toml"
            config.write_text('[[brands]]\nname = "X"\n', encoding="utf-8")
            assert main([*argv, "--config", str(config), "--db", f"sqlite:///{db}"]) == 1
            err = capsys.readouterr().err
            assert err.count("\n") == 1 and says in err and str(db) in err, err


def test_version_17_adds_the_item_keys_table_on_both_engines(database_url):
    """Version 17: a version-16 store (no item_keys) gets the table that keeps the keys of
    copies linked by text; its items stay."""
    with Store(database_url) as store:
        with store.begin() as conn:
            conn.exec_driver_sql("DROP TABLE item_keys")
            conn.execute(update(meta).where(meta.c.key == "schema_version").values(value="16"))
        assert "item_keys" not in inspect(store.engine).get_table_names()
    with Store(database_url) as store:
        with store.connect() as conn:
            assert schema_version(conn) == SCHEMA_VERSION
        assert "item_keys" in inspect(store.engine).get_table_names()
        cols = {c["name"] for c in inspect(store.engine).get_columns("item_keys")}
        assert cols == {"key", "item_id"}


def test_version_18_adds_the_page_waits_and_keeps_every_item_on_both_engines(database_url):
    """Version 18: a version-17 store (no page wait columns, no index) gets items'
    page_retry_until, page_tries and page_tried_at and ix_items_page_retry; its items stay as
    they were, none of them waiting for a page, and a run can select and mark waits at once."""
    from datetime import UTC, datetime

    from koll.config import FeedConfig
    from koll.store import feeds as store_feeds
    from koll.store import items as store_items
    from koll.store import page_retries
    from koll.store.records import Item

    now = datetime(2026, 12, 3, 8, tzinfo=UTC)
    page = ("page_retry_until", "page_tries", "page_tried_at")
    with Store(database_url) as store, store.begin() as conn:
        store_feeds.sync_feeds(conn, [FeedConfig(url="https://a.se/")])
        feed = store_feeds.feed_ids_by_url(conn)["https://a.se/"]
        stored = [
            Item(f"https://a.se/{i}", f"https://a.se/{i}", None, f"Nyhet {i}", "Kort …", now,
                 False, None, "a.se", "news", content_hash=f"h{i}")
            for i in range(3)
        ]  # fmt: skip
        store_items.save_items(conn, feed, stored, now=now)
        conn.exec_driver_sql("DROP INDEX ix_items_page_retry")
        for name in page:
            conn.exec_driver_sql(f"ALTER TABLE items DROP COLUMN {name}")
        conn.execute(update(meta).where(meta.c.key == "schema_version").values(value="17"))
        before = conn.exec_driver_sql("SELECT * FROM items ORDER BY id").all()
    assert before and not set(page) & set(before[0]._fields)
    with Store(database_url) as store:
        with store.begin() as conn:
            assert schema_version(conn) == SCHEMA_VERSION == 18
            after = conn.exec_driver_sql("SELECT * FROM items ORDER BY id").all()
            assert [r._mapping[c] for r in after for c in page] == [None, 0, None] * 3
            assert [tuple(r)[: len(before[0])] for r in after] == [tuple(r) for r in before]
            assert page_retries.pending(conn, feed, now, 10) == []
            page_retries.mark_edits(conn, {after[0].id: True}, now)
            # Tried now: its next try is due FIRST_GAP on (page_retries.next_try_gap).
            assert page_retries.pending(conn, feed, now, 10) == []
            (waiting,) = page_retries.pending(conn, feed, now + page_retries.FIRST_GAP, 10)
            assert waiting.item_id == after[0].id and waiting.tries == 1
        assert "ix_items_page_retry" in {
            ix["name"] for ix in inspect(store.engine).get_indexes("items")
        }
