"""`koll demo --db` (or $KOLL_DATABASE_URL) uses a database only when it is empty or the demo
built it: another application's database is refused with exit 2 and not touched. It had looked
empty (no feeds or items of koll's), and the demo deleted the SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from koll.cli import main
from koll.jobs import demo
from koll.store import Store, sqlite_file
from tests.helpers import table_names


def _files(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def _demo(tmp_path: Path, url: str, capsys) -> tuple[int, str]:
    rc = main(["demo", "--no-serve", "--dir", str(tmp_path / "demo"), "--db", url])
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return rc, err


def _invoices(url: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text("SELECT id, amount FROM invoices"))]
    finally:
        engine.dispose()


def test_another_applications_sqlite_file_is_refused_untouched(tmp_path, capsys, monkeypatch):
    app = tmp_path / "app" / "other.db"
    app.parent.mkdir()
    with sqlite3.connect(app) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)")
        conn.execute("INSERT INTO invoices VALUES (1, 100), (2, 250)")
    conn.close()
    before = _files(app.parent)
    url = f"sqlite:///{app}"
    rc, err = _demo(tmp_path, url, capsys)
    assert rc == 2
    assert err == (
        f"koll: the database {url} holds tables koll did not make (invoices), so the demo will "
        "not use it (nothing was changed); give it a new or empty database"
    )
    monkeypatch.setenv("KOLL_DATABASE_URL", url)
    assert main(["demo", "--no-serve", "--dir", str(tmp_path / "demo")]) == 2
    assert "holds tables koll did not make (invoices)" in capsys.readouterr().err
    # Not a byte changed (not even switched to WAL), no -wal or -shm, no half-made demo.
    assert _files(app.parent) == before
    assert not (tmp_path / "demo").exists()


def test_a_foreign_table_beside_kolls_is_refused_too(tmp_path, capsys):
    """A database koll demo built, to which someone added a table, is no longer only the
    demo's: rebuilding it would delete that table."""
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    with Store(url) as store, store.begin() as conn:
        from koll.store import meta as store_meta

        store_meta.put(conn, "built_by", demo.BUILT_BY)
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)"))
        conn.execute(text("INSERT INTO invoices VALUES (1, 100)"))
    rc, err = _demo(tmp_path, url, capsys)
    assert rc == 2 and "holds tables koll did not make (invoices)" in err
    assert _invoices(url) == [(1, 100)]


def test_a_foreign_database_in_the_demos_own_folder_is_refused(tmp_path, capsys):
    """The demo's folder (its marker) lets a rebuild replace the demo's database there, not a
    database of another application that was put in its place."""
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / demo.MARKER).write_text(demo.MARKER_TEXT, encoding="utf-8")
    with sqlite3.connect(folder / "koll.db") as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)")
        conn.execute("INSERT INTO invoices VALUES (1, 100)")
    conn.close()
    before = _files(folder)
    assert main(["demo", "--no-serve", "--dir", str(folder)]) == 2
    assert "holds tables koll did not make (invoices)" in capsys.readouterr().err
    assert _files(folder) == before


def test_a_database_with_a_foreign_table_is_refused_on_both_engines(tmp_path, capsys, database_url):
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)"))
        conn.execute(text("INSERT INTO invoices VALUES (1, 100), (2, 250)"))
    engine.dispose()
    rc, err = _demo(tmp_path, database_url, capsys)
    assert rc == 2 and "holds tables koll did not make (invoices)" in err
    assert _invoices(database_url) == [(1, 100), (2, 250)]
    assert table_names(database_url) == {"invoices"}  # none of koll's were made
    assert not (tmp_path / "demo").exists()


def test_a_postgresql_database_with_another_schemas_tables_is_refused(tmp_path, capsys, pg_url):
    """Another application may keep its tables in a schema of its own; the demo, which drops
    and rebuilds, does not share a database with it."""
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE SCHEMA billing"))
        conn.execute(text("CREATE TABLE billing.invoices (id INTEGER PRIMARY KEY)"))
        conn.execute(text("INSERT INTO billing.invoices VALUES (7)"))
    engine.dispose()
    rc, err = _demo(tmp_path, pg_url, capsys)
    assert rc == 2 and "holds tables koll did not make (billing.invoices)" in err


def test_an_empty_file_given_to_the_demo_is_used_not_deleted(tmp_path):
    """An empty database someone gave the demo is built in where it is: the file is theirs (its
    owner, permissions and other links stay), so it is not deleted and made anew."""
    db = tmp_path / "given.db"
    db.write_bytes(b"")
    inode = db.stat().st_ino
    settings = demo.build_demo(tmp_path / "demo", database_url=f"sqlite:///{db}", analyse=False)
    assert sqlite_file(settings.database_url) == str(db)
    assert db.stat().st_ino == inode
    assert "items" in table_names(settings.database_url)


@pytest.mark.parametrize("made_by_demo", [True, False])
def test_only_a_file_the_demo_made_is_deleted_before_a_build(tmp_path, made_by_demo):
    db = tmp_path / "k.db"
    url = f"sqlite:///{db}"
    Store(url).close()
    inode = db.stat().st_ino
    demo._remove_database(url, made_by_demo=made_by_demo)
    if made_by_demo:
        assert not db.exists()
    else:
        assert db.stat().st_ino == inode and table_names(url) == set()
