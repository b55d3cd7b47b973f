"""A workspace this user may only read: read commands work, changes are refused in one line.

SQLite in WAL mode creates `-wal` and `-shm` files beside the database even to read it, so a
database shared read-only (file and folder not writable) could not be opened at all, not even
by `koll control` ("attempt to write a readonly database").
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from koll.cli import main
from koll.store import Store, StoreError
from tests.conftest import skip_or_fail


@contextlib.contextmanager
def read_only(*paths: Path):
    """Make files and folders unwritable for this process, also as root (which file modes do
    not stop: the immutable attribute does)."""
    if os.geteuid() == 0:
        done: list[Path] = []
        try:
            for p in paths:
                r = subprocess.run(["chattr", "+i", str(p)], capture_output=True, text=True)
                if r.returncode:
                    skip_or_fail(f"cannot make {p} read-only as root here: {r.stderr.strip()}")
                done.append(p)
            yield
        finally:
            for p in done:
                subprocess.run(["chattr", "-i", str(p)], check=True)
    else:
        modes = {p: p.stat().st_mode for p in paths}
        try:
            for p in paths:
                p.chmod(0o555 if p.is_dir() else 0o444)
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)


@pytest.fixture
def workspace(demo_workspace, tmp_path):
    """A copy of the demo workspace (its koll.toml names koll.db beside it)."""
    folder = tmp_path / "ws"
    folder.mkdir()
    shutil.copy(demo_workspace, folder / "koll.toml")
    # The backup API copies what the demo's open connections may still hold in its -wal file.
    src = sqlite3.connect(Path(demo_workspace).parent / "koll.db")
    dst = sqlite3.connect(folder / "koll.db")
    with dst:
        src.backup(dst)
    # As koll leaves every database it writes (koll.store): in WAL mode, which is what needs
    # the -wal and -shm files even to read.
    assert dst.execute("PRAGMA journal_mode=WAL").fetchone() == ("wal",)
    src.close()
    dst.close()
    return folder


def _close_engines() -> None:
    """Close the connections the commands run in this process left in their pools, as their
    process's exit would: the -wal and -shm files go with the last one."""
    from koll import store

    for engine in list(store._ENGINES):
        engine.dispose()


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_read_commands_read_and_writing_commands_say_why_they_cannot(workspace, capsys):
    cfg = str(workspace / "koll.toml")
    args = ["control", "--config", cfg, "--brand", "Fjällkraft", "--since", "2026-11-01"]
    assert main([*args, "--until", "2026-11-30", "--json"]) == 0
    writable = json.loads(capsys.readouterr().out)
    assert main(["export", "mentions", "--config", cfg, "--brand", "Fjällkraft"]) == 0
    exported = capsys.readouterr().out
    assert exported.count("\n") > 100
    _close_engines()
    before = _digest(workspace)
    assert sorted(before) == ["koll.db", "koll.toml"]  # every connection closed: no -wal, -shm
    with read_only(workspace / "koll.db", workspace):
        assert main([*args, "--until", "2026-11-30", "--json"]) == 0
        assert json.loads(capsys.readouterr().out) == writable
        assert main(["export", "mentions", "--config", cfg, "--brand", "Fjällkraft"]) == 0
        assert capsys.readouterr().out == exported

        assert main(["analyse", "--config", cfg]) == 1
        err = capsys.readouterr().err
        assert "changes the database, which this user may only read" in err
        assert "Traceback" not in err and err.count("\n") == 1
        # Training takes minutes: it is refused before, not when its model cannot be stored.
        assert main(["train", "--config", cfg]) == 1
        assert "read-only for this user" in capsys.readouterr().err
        # koll ingest says so before it fetches; a dry run reads, and takes no run lock (its
        # file had ended the run in a traceback in a read-only folder)
        assert main(["ingest", "--config", cfg]) == 1
        assert "is read-only for this user, and koll ingest" in capsys.readouterr().err
        # (an exception here fails the test; 1 when feeds are due: the demo's server is gone)
        assert main(["ingest", "--config", cfg, "--dry-run"]) in (0, 1)
        assert "Traceback" not in capsys.readouterr().err
    assert _digest(workspace) == before  # nothing written, no -wal or -shm left behind


def test_a_reader_sees_what_a_writer_has_committed_but_not_yet_checkpointed(workspace):
    db = workspace / "koll.db"
    writer = sqlite3.connect(db)
    try:
        writer.execute("PRAGMA journal_mode=WAL")
        writer.execute("INSERT INTO meta (key, value) VALUES ('written_by_writer', 'yes')")
        writer.commit()
        assert (workspace / "koll.db-wal").exists()  # the row is in the WAL, not in koll.db
        with read_only(db, workspace):
            store = Store(f"sqlite:///{db}")
            try:
                assert store.readonly
                with store.connect() as conn:
                    got = conn.exec_driver_sql(
                        "SELECT value FROM meta WHERE key = 'written_by_writer'"
                    ).scalar()
            finally:
                store.close()
        assert got == "yes"
    finally:
        writer.close()


def test_an_older_read_only_store_asks_for_an_upgrade_instead_of_failing_mid_read(workspace):
    db = workspace / "koll.db"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = '14' WHERE key = 'schema_version'")
    conn.close()
    with read_only(db, workspace), pytest.raises(StoreError) as e:
        Store(f"sqlite:///{db}")
    assert "schema version 14 is older" in str(e.value)
    assert "koll analyse" in str(e.value)


def test_the_dashboard_says_a_correction_was_not_saved(workspace):
    from dashboard import data
    from koll.config import load_settings

    settings = load_settings(str(workspace / "koll.toml"))
    with read_only(workspace / "koll.db", workspace):
        store = Store(settings.database_url)
        try:
            data.configure(settings, store)
            with store.connect() as conn:
                item_id = conn.exec_driver_sql("SELECT item_id FROM mentions LIMIT 1").scalar()
            with pytest.raises(data.NotSaved):
                data.correct_tone(item_id, "Fjällkraft", "neg")
            with pytest.raises(data.NotSaved):
                data.set_triage(item_id, "Fjällkraft", "todo")
            # What the page shows, through its callbacks (as test_dashboard_qa's "Sparat").
            from tests.test_dashboard import choose

            said = "Inte sparat: databasen är skrivskyddad för den här användaren."
            message = choose("m-tone", item_id, "Fjällkraft", "neg")[0]
            assert message.children.startswith(said)
            message = choose("m-triage", item_id, "Fjällkraft", "todo")[0]
            assert message.children.startswith(said)
        finally:
            store.close()


def test_a_reader_that_opened_the_file_alone_follows_a_writer_that_starts_later(workspace):
    """Opened as immutable (nobody was writing), a pooled connection kept reading stale pages
    mixed with new ones after an ingest started and checkpointed. The engine is the one a
    read-only user gets (made directly here: this process may write the file, so that the
    writer below can)."""
    from koll.store import _readonly_engine

    db = workspace / "koll.db"
    engine = _readonly_engine(str(db))
    count = "SELECT count(*) FROM meta"
    try:
        with engine.connect() as conn:
            before = conn.exec_driver_sql(count).scalar()
        writer = sqlite3.connect(db)
        try:
            writer.execute("PRAGMA journal_mode=WAL")
            writer.executemany(
                "INSERT INTO meta (key, value) VALUES (?, 'x')", [(f"k{i}",) for i in range(50)]
            )
            writer.commit()
            writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # into koll.db itself
            with engine.connect() as conn:
                assert conn.exec_driver_sql(count).scalar() == before + 50
        finally:
            writer.close()
    finally:
        engine.dispose()


def test_a_correction_in_a_read_only_workspace_is_refused_in_one_line(workspace):
    # It was sqlalchemy's OperationalError "attempt to write a readonly database", 12 frames
    # deep.
    import koll

    db = workspace / "koll.db"
    with read_only(db, workspace), koll.open_workspace(workspace / "koll.toml") as ws:
        item_id = int(ws.mentions("Fjällkraft", columns="item_id").item_id.iloc[0])
        with pytest.raises(StoreError) as e:
            ws.correct(item_id, "Fjällkraft", "neg")
    assert str(e.value) == (
        f"database sqlite:///{db} is read-only for this user: correction not saved"
    )
    # No driver error shown beneath it (raised `from None`, or before anything was tried).
    assert e.value.__cause__ is None
    assert e.value.__suppress_context__ or e.value.__context__ is None
