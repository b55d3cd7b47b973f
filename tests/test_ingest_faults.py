"""`koll ingest` against faults that used to pass silently or end in tracebacks: a full disk, an
empty koll.toml, a feed cut at max_entries."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

import koll.store
from koll.cli import main
from koll.store import Store
from koll.store.schema import feeds, runs
from tests.feedserver import FeedServer, rss

WORDS = [
    "Fjällkraft",
    "bygger",
    "vindkraft",
    "i",
    "Norrland",
    "och",
    "kunderna",
    "är",
    "nöjda",
    "med",
    "priset",
]


def _big_feeds(server: FeedServer, n_feeds: int, n_items: int) -> list[str]:
    urls = []
    for f in range(n_feeds):
        items = [
            {
                "title": f"Fjällkraft nyhet {f}-{i}",
                "link": f"https://ex{f}.example.se/{i}",
                "text": " ".join(WORDS[(i + k) % len(WORDS)] for k in range(300)),
                "date": "Mon, 02 Nov 2026 08:00:00 +0000",
            }
            for i in range(n_items)
        ]
        urls.append(server.add(f"/big{f}.xml", rss(items)))
    return urls


def _config(folder: Path, urls: list[str], db: str, extra: str = "") -> Path:
    feeds_toml = "".join(f'[[feeds]]\nurl = "{u}"\n\n' for u in urls)
    path = folder / "koll.toml"
    path.write_text(
        f'[storage]\nurl = "{db}"\n\n[[brands]]\nname = "Fjällkraft"\n\n{extra}\n{feeds_toml}',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def big(feed_server):
    return _big_feeds(feed_server, n_feeds=12, n_items=60)


def _state(url: str) -> tuple[list, dict]:
    with Store(url) as store, store.connect() as conn:
        run_rows = [tuple(r) for r in conn.execute(select(runs.c.status, runs.c.message))]
        by_status: dict[str, list] = {}
        for r in conn.execute(select(feeds.c.status, feeds.c.last_error)):
            by_status.setdefault(r.status, []).append(r.last_error)
    return run_rows, by_status


def _assert_ended_cleanly(url: str) -> None:
    """The run row is closed as failed with the reason, and no feed is blamed for the disk."""
    run_rows, by_status = _state(url)
    assert run_rows == [("failed", "database or disk is full")]
    assert "failing" not in by_status, by_status  # healthy feeds are not backed off
    assert by_status.get("never"), "the feeds not stored stay due"


def test_a_full_database_ends_the_run_with_one_line(tmp_path, big, capsys, caplog, monkeypatch):
    """A full disk, reproduced with SQLite's max_page_count: the database refuses to grow past a
    few hundred kilobytes, exactly as it does when the file system is full (SQLITE_FULL)."""
    db = f"sqlite:///{tmp_path / 'koll.db'}"
    config = _config(tmp_path, big, db)
    with Store(db) as store, store.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
    real = koll.store._sqlite_pragmas

    def small_disk(dbapi_conn, record) -> None:
        real(dbapi_conn, record)
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 60}")

    monkeypatch.setattr(koll.store, "_sqlite_pragmas", small_disk)
    assert main(["ingest", "--config", str(config)]) == 1
    assert capsys.readouterr().err.strip() == "koll: database error: database or disk is full"
    assert "Traceback" not in caplog.text
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and "storing failed, ending the run" in errors[0].getMessage()
    monkeypatch.setattr(koll.store, "_sqlite_pragmas", real)
    _assert_ended_cleanly(db)
    # With room again, the next run stores every feed: nothing was lost or half-written.
    assert main(["ingest", "--config", str(config)]) == 0
    assert set(_state(db)[1]) == {"ok"}


def _mount_tmpfs(where: Path, size: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    where.mkdir()
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)])
    return res.returncode == 0


def test_a_full_file_system_ends_the_run_with_one_line(tmp_path, big):
    """The same on a real full file system: a 2 MB tmpfs (needs root; the test above covers
    machines without)."""
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "2m"):
        pytest.skip("mounting a tmpfs needs root")
    try:
        db = f"sqlite:///{disk / 'koll.db'}"
        config = _config(tmp_path, big, db)
        res = subprocess.run(
            [sys.executable, "-m", "koll.cli", "ingest", "--config", str(config)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert res.returncode == 1
        assert "Traceback" not in res.stderr
        assert (
            res.stderr.strip().splitlines()[-1] == "koll: database error: database or disk is full"
        )
        _assert_ended_cleanly(db)
    finally:
        subprocess.run(["umount", "-l", str(disk)])


def test_an_empty_config_says_there_is_nothing_to_do(tmp_path, capsys):
    config = tmp_path / "koll.toml"
    config.write_text("", encoding="utf-8")
    assert main(["ingest", "--config", str(config)]) == 0
    err = capsys.readouterr().err.strip()
    assert err == f"koll: {config} lists no [[feeds]] or [[searches]], so there is " + (
        "nothing to fetch (add feeds, e.g. with koll discover URL)"
    )


@pytest.mark.parametrize("broken", [False, True], ids=["fast parser", "feedparser"])
def test_a_feed_cut_at_max_entries_is_recorded_and_logged(
    tmp_path, feed_server, database_url, capsys, caplog, broken
):
    items = [{"title": f"Nyhet {i}", "link": f"https://ex.example.se/{i}"} for i in range(30)]
    body = rss(items)
    if broken:  # not well-formed: the fast parser leaves it to feedparser
        body = body.replace(b"</channel>", b"<oops></channel>")
    url = feed_server.add("/lang.xml", body)
    config = _config(tmp_path, [url], database_url, extra="[fetch]\nmax_entries = 10\n")
    assert main(["ingest", "--config", str(config)]) == 0
    capsys.readouterr()
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("has 30 entries; only the first 10 were read" in w for w in warnings), warnings
    assert main(["feeds", "--config", str(config), "--format", "json"]) == 0
    (feed,) = json.loads(capsys.readouterr().out)
    assert feed["status"] == "ok" and feed["dropped_entries"] == 20
    assert main(["feeds", "--config", str(config)]) == 0
    assert "20 entries past max_entries (10) were dropped" in capsys.readouterr().out
    # The next document fits: the feed is whole again.
    feed_server.add("/lang.xml", rss(items[:5]))
    assert main(["ingest", "--config", str(config), "--all"]) == 0
    assert main(["feeds", "--config", str(config), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["dropped_entries"] == 0


def test_the_feeds_json_documents_its_fields():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "dropped_entries" in readme
