"""`koll feeds` only reads (docs/config.md lists it among the read commands): a mistyped --db is
named, not created, and a koll.toml that lists other feeds than the store knows is shown as it
would run, without its feeds being inserted or the store's marked as no longer configured.
`koll sentiment` reads a workspace's model without giving an empty database koll's tables."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from koll.cli import main
from koll.config import FeedConfig
from koll.store import Store
from koll.store import feeds as store_feeds
from koll.store.schema import feeds

A, B, C = (f"https://{n}.example.se/feed/" for n in ("a", "b", "c"))


def _one_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


def _rows(url: str) -> list[tuple]:
    with Store(url) as store, store.connect() as conn:
        return [tuple(r) for r in conn.execute(select(feeds).order_by(feeds.c.id))]


@pytest.fixture
def workspace(tmp_path, database_url) -> tuple[Path, str]:
    """A store that knows feeds A and B (B failing), and a koll.toml that lists A and C."""
    with Store(database_url) as store, store.begin() as conn:
        store_feeds.sync_feeds(
            conn, [FeedConfig(A), FeedConfig(B)], datetime(2026, 11, 1, tzinfo=UTC)
        )
        conn.execute(feeds.update().where(feeds.c.url == B).values(status="failing", failures=3))
    config = tmp_path / "koll.toml"
    config.write_text(
        f'[[brands]]\nname = "X"\n\n[[feeds]]\nurl = "{A}"\nkind = "blog"\nowner = "X"\n\n'
        f'[[feeds]]\nurl = "{C}"\n',
        encoding="utf-8",
    )
    return config, database_url


def test_koll_feeds_shows_the_config_and_writes_nothing(workspace, capsys):
    config, url = workspace
    before = _rows(url)
    assert main(["feeds", "--config", str(config), "--db", url, "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(f["url"], f["status"], f["kind"], f["owner"]) for f in listed] == [
        (A, "never", "blog", "X"),  # stored, with its kind and owner as configured now
        (C, "never", "news", None),  # configured, never stored by a run
    ]
    assert main(["feeds", "--config", str(config), "--db", url]) == 0
    table = capsys.readouterr().out
    assert A in table and C in table and B not in table
    assert _rows(url) == before  # C not inserted, B still in_config, A's kind unchanged


def test_koll_feeds_enable_changes_only_that_feed(workspace, capsys):
    config, url = workspace
    args = ["feeds", "--config", str(config), "--db", url, "--enable"]
    assert main([*args, C]) == 0  # configured, not stored yet: polled on the next run anyway
    assert "it is polled on the next run" in capsys.readouterr().out
    assert main([*args, "https://nowhere.example.se/feed/"]) == 2
    assert "no feed with URL" in _one_line(capsys)
    before = {r[1]: r for r in _rows(url)}
    assert main([*args, B]) == 0
    after = {r[1]: r for r in _rows(url)}
    assert set(after) == {A, B} and after[A] == before[A]
    with Store(url) as store, store.connect() as conn:
        (row,) = store_feeds.all_feeds(conn, configured_only=False)[1:]
    # Failing, not disabled: due now, its status and count as they were (tests/test_feeds_enable).
    assert (row.url, row.status, row.failures) == (B, "failing", 3) and row.next_due is not None


def test_koll_feeds_on_a_missing_file_says_so_and_creates_nothing(tmp_path, capsys):
    (tmp_path / "koll.toml").write_text(f'[[feeds]]\nurl = "{A}"\n', encoding="utf-8")
    db = tmp_path / "kol.db"
    rc = main(["feeds", "--config", str(tmp_path / "koll.toml"), "--db", f"sqlite:///{db}"])
    assert rc == 1
    assert _one_line(capsys) == (
        f"koll: database error: cannot open database sqlite:///{db}: the file {db} does not "
        "exist (`koll ingest` or `koll demo` creates it)"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["koll.toml"]


def test_koll_sentiment_leaves_an_empty_database_file_empty(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "koll.toml").write_text('[[brands]]\nname = "X"\n', encoding="utf-8")
    (tmp_path / "koll.db").write_bytes(b"")
    (tmp_path / "in.csv").write_text("text\nGrymt bra service!\n", encoding="utf-8")
    assert main(["sentiment", "in.csv", "--config", "koll.toml", "--output", "out.csv"]) == 0
    assert (tmp_path / "koll.db").read_bytes() == b""  # the shipped model, nothing written
    assert not (tmp_path / "koll.db-wal").exists()
    assert "label" in (tmp_path / "out.csv").read_text(encoding="utf-8")
