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
