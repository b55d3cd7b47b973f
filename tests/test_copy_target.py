"""`koll copy` into a database that already holds rows is a usage mistake (exit 2, README: 1 is
for work that failed), and its advice fits the target: QA found exit 1 and, for a PostgreSQL
target, "or delete the SQLite file"."""

from __future__ import annotations

from types import SimpleNamespace

from koll.cli import main
from koll.store.copy import _not_empty
from tests.browser.workspace import make_workspace


def test_a_second_copy_into_the_same_file_is_a_usage_mistake(tmp_path, capsys):
    (tmp_path / "ws").mkdir()
    config = str(make_workspace(tmp_path / "ws").config_path)
    target = tmp_path / "copy.db"
    assert main(["copy", "--config", config, "--to", f"sqlite:///{target}"]) == 0
    capsys.readouterr()
    before = target.read_bytes()
    assert main(["copy", "--config", config, "--to", f"sqlite:///{target}"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "is not empty" in err
    assert f"(delete the file {target} or name a new one, then run koll copy again)" in err
    assert target.read_bytes() == before


def test_a_postgresql_target_is_not_told_to_delete_a_file():
    dst = SimpleNamespace(url="postgresql+psycopg://koll:secret@db.example.internal/koll")
    message = str(_not_empty(dst, "items"))  # type: ignore[arg-type]
    assert "SQLite" not in message and "file" not in message and "secret" not in message
    assert message.endswith(
        "table items is not empty; koll copy fills only an empty database (drop and re-create "
        "the database, then run koll copy again)"
    )


def test_a_value_too_long_for_postgresql_is_named_and_nothing_is_written(tmp_path, capsys, pg_url):
    """SQLite keeps a correction's author of any length; PostgreSQL's column holds 200, and the
    copy ended in the driver's traceback (QA, 2026-12-07). Now one line naming the row."""
    import sqlite3

    from sqlalchemy import func, select

    from koll.store import Store
    from koll.store.schema import corrections, items

    (tmp_path / "ws").mkdir()
    ws = make_workspace(tmp_path / "ws")
    db = ws.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(db) as conn:  # as an older koll, or another tool, wrote it
        item = conn.execute("SELECT id FROM items LIMIT 1").fetchone()[0]
        conn.execute(
            "INSERT INTO corrections (item_id, brand, label, created_at, author) "
            "VALUES (?, 'Fjällkraft', 'neg', '2026-12-01 10:00:00', ?)",
            (item, "x" * 300),
        )
    code = main(["copy", "--config", str(ws.config_path), "--to", pg_url])
    err = capsys.readouterr().err.strip()
    assert code == 1 and len(err.splitlines()) == 1, err
    assert "table corrections, id " in err and "author is 300 characters" in err
    assert "at most 200; nothing was written" in err
    target = Store(pg_url)
    with target.connect() as conn:
        assert conn.execute(select(func.count()).select_from(items)).scalar_one() == 0
        assert conn.execute(select(func.count()).select_from(corrections)).scalar_one() == 0
    target.close()
