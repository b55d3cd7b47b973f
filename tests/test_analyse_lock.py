"""`koll analyse` runs once at a time per store, as `koll ingest` does: an overlapping run exits
at once with 75 and one line, changing nothing. Two overlapping runs had written the same rows,
and the second crashed with a raw database error (UNIQUE constraint failed: term_days…)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from koll.cli import main
from koll.jobs import analyse as analyse_job
from koll.jobs.analyse import lock_path
from koll.store import Store
from koll.store.meta import ANALYSE_LOCK


@pytest.fixture
def workspace(tmp_path, database_url) -> list[str]:
    config = tmp_path / "koll.toml"
    config.write_text('[[brands]]\nname = "Fjällkraft"\n', encoding="utf-8")
    Store(database_url).close()
    return ["--config", str(config), "--db", database_url]


def _one_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


def test_an_overlapping_analyse_exits_75_at_once(workspace, capsys, monkeypatch):
    started, release = threading.Event(), threading.Event()
    real = analyse_job.update_stories

    def slow(*args, **kwargs):
        started.set()
        assert release.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(analyse_job, "update_stories", slow)
    first: list[int] = []
    thread = threading.Thread(target=lambda: first.append(main(["analyse", *workspace])))
    thread.start()
    try:
        assert started.wait(60)
        capsys.readouterr()
        began = time.monotonic()
        assert main(["analyse", *workspace]) == 75
        assert time.monotonic() - began < 10  # at once, not after the first run
        err = _one_line(capsys)
        assert err.startswith("koll: another koll analyse run holds ") and err.endswith("exiting")
    finally:
        release.set()
        thread.join(60)
    assert first == [0]
    assert main(["analyse", *workspace]) == 0  # the lock was given back


def test_the_lock_is_given_back_after_a_failed_run(workspace, capsys, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("a step failed")

    monkeypatch.setattr(analyse_job, "update_stories", boom)
    with pytest.raises(RuntimeError):
        main(["analyse", *workspace])
    monkeypatch.undo()
    assert main(["analyse", *workspace]) == 0


def test_on_postgresql_another_session_holding_the_lock_is_waited_for_by_no_one(
    tmp_path, pg_url, capsys
):
    """On PostgreSQL analyse may run from several machines: the lock is the database's (an
    advisory lock), not a file on one of them."""
    config = tmp_path / "koll.toml"
    config.write_text('[[brands]]\nname = "Fjällkraft"\n', encoding="utf-8")
    Store(pg_url).close()
    other = create_engine(pg_url)
    with other.connect() as conn:
        assert conn.execute(text(f"SELECT pg_try_advisory_lock({ANALYSE_LOCK})")).scalar()
        conn.commit()
        assert main(["analyse", "--config", str(config), "--db", pg_url]) == 75
        assert "another koll analyse run holds the analyse lock of" in _one_line(capsys)
        conn.execute(text(f"SELECT pg_advisory_unlock({ANALYSE_LOCK})"))
        conn.commit()
    other.dispose()
    assert main(["analyse", "--config", str(config), "--db", pg_url]) == 0
    assert not list(Path(tmp_path).glob("*.lock"))  # no file lock on a server database


def test_the_sqlite_lock_lies_beside_the_database(tmp_path):
    from koll.config import load_settings

    (tmp_path / "koll.toml").write_text('[storage]\nurl = "sqlite:///data.db"\n', encoding="utf-8")
    settings = load_settings(tmp_path / "koll.toml", env={})
    assert lock_path(settings) == tmp_path / "data.db.analyse.lock"


def test_a_run_lock_that_cannot_be_made_is_one_line(tmp_path):
    """A lock file that cannot be opened (its folder is a file, read-only, gone) was a traceback
    from os.open; a full disk one from the process id's write (QA, 2026-12-07)."""
    from koll.run_lock import RunLock
    from koll.store import StoreError

    (tmp_path / "plain").write_text("x", encoding="utf-8")
    path = tmp_path / "plain" / "koll.db.analyse.lock"
    lock = RunLock(path, "analyse")
    with pytest.raises(StoreError, match=r"^cannot open the run lock .*koll\.db\.analyse\.lock: "):
        lock.__enter__()
