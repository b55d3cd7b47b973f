"""`koll ingest --dry-run` changes no byte of an SQLite file it refuses or does not use. QA: on
the schema-2 store of tests/fixtures/store_v2 (rollback journal) it refused rightly, yet the
engine it opened had switched the file to WAL (bytes 19 and 20) and bumped its change counter."""

from __future__ import annotations

import gzip
import sqlite3

from koll.cli import main

FIXTURE = "tests/fixtures/store_v2/koll.db.gz"
FEEDS = '[[feeds]]\nurl = "http://127.0.0.1:9/x.xml"\n'  # never fetched: refused before


def test_an_old_store_in_rollback_mode_is_left_byte_for_byte(tmp_path, write_config, capsys):
    from tests.conftest import REPO

    db = tmp_path / "koll.db"
    db.write_bytes(gzip.decompress((REPO / FIXTURE).read_bytes()))
    before = db.read_bytes()
    assert before[18:20] == b"\x01\x01"  # not WAL: the case the engine used to change
    path = write_config(f'[storage]\nurl = "sqlite:///{db}"\n[[brands]]\nname = "X"\n{FEEDS}')
    assert main(["ingest", "--config", str(path), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert "schema version 2 is older" in err and "a dry run changes nothing" in err
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["koll.db", "koll.toml"]


def test_another_applications_database_is_not_touched(tmp_path, write_config, capsys):
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")
    conn.close()
    before = db.read_bytes()
    path = write_config(f'[storage]\nurl = "sqlite:///{db}"\n[[brands]]\nname = "X"\n{FEEDS}')
    main(["ingest", "--config", str(path), "--dry-run"])  # previews against an empty store
    assert db.read_bytes() == before
