"""Commands that write refuse another application's database: one that holds tables but none of
koll's. `koll ingest --db sqlite:///app.db` had given app.db koll's ~30 tables (exit 0), while the
read commands refused it. A new file or an empty database is still made a store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from koll.cli import main
from koll.store import Store, StoreError
from tests.helpers import table_names


def _files(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def _one_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


@pytest.fixture
def app_db(tmp_path) -> Path:
    """Another application's SQLite database, alone in its folder."""
    db = tmp_path / "app" / "app.db"
    db.parent.mkdir()
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)")
        conn.execute("INSERT INTO invoices VALUES (1, 100)")
    conn.close()
    return db


@pytest.fixture
def config(tmp_path) -> Path:
    path = tmp_path / "koll.toml"
    path.write_text(
        '[[brands]]\nname = "Fjällkraft"\n\n[[feeds]]\nurl = "http://127.0.0.1:9/feed.xml"\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("command", [["ingest"], ["analyse"]])
def test_a_writer_refuses_another_applications_sqlite_file(app_db, config, capsys, command):
    before = _files(app_db.parent)
    url = f"sqlite:///{app_db}"
    assert main([*command, "--config", str(config), "--db", url]) == 1
    err = _one_line(capsys)
    if command == ["ingest"]:
        assert err == (
            f"koll: database error: cannot open database {url}: it holds tables that are not "
            "koll's (invoices) and none of koll's, so it is another application's database; "
            "nothing was written to it. Name a new or empty database for koll"
        )
    else:  # analyse opens only a store that exists, as the read commands do
        assert "it is not a koll database" in err and "nothing was written to it" in err
    # Not a byte changed (not switched to WAL), no -wal, -shm or lock file beside it.
    assert _files(app_db.parent) == before


def test_a_store_for_writing_refuses_a_database_with_only_foreigntable_names(database_url):
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)"))
        conn.execute(text("CREATE VIEW big AS SELECT * FROM invoices WHERE amount > 1000"))
        conn.execute(text("INSERT INTO invoices VALUES (1, 100)"))
    engine.dispose()
    with pytest.raises(StoreError, match=r"not koll's \(big, invoices\) and none of koll's"):
        Store(database_url)
    assert table_names(database_url) == {"invoices"}


def test_a_store_beside_foreign_tables_stays_usable(database_url):
    """A database that is koll's already, to which a table was added (a team's own notes), is
    still koll's: writers go on."""
    Store(database_url).close()
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    Store(database_url).close()


def test_a_new_file_or_an_empty_database_becomes_a_store(tmp_path, database_url):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    for url in (database_url, f"sqlite:///{empty}", f"sqlite:///{tmp_path / 'new.db'}"):
        Store(url).close()
        assert "items" in table_names(url), url


def test_koll_analyse_on_a_missing_file_says_so_and_creates_nothing(tmp_path, capsys):
    (tmp_path / "koll.toml").write_text('[[brands]]\nname = "X"\n', encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'kol.db'}"
    assert main(["analyse", "--config", str(tmp_path / "koll.toml"), "--db", url]) == 1
    assert _one_line(capsys) == (
        f"koll: database error: cannot open database {url}: the file {tmp_path / 'kol.db'} "
        "does not exist (`koll ingest` or `koll demo` creates it)"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["koll.toml"]
