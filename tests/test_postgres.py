"""Connection handling fit for a server: unreachable databases, concurrent opens, races, reconnects."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, text

from koll.store import Store, StoreError, is_transient, normalise_url, retrying
from koll.store import items as store_items
from koll.store.records import Item
from koll.store.schema import feeds, item_feeds, items
from tests.conftest import REPO

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_plain_postgres_urls_use_psycopg3():
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


@pytest.fixture
def refused_port() -> Iterator[int]:
    """A port where connections are refused for the whole test: a socket bound but not listening
    holds it, so nothing running in parallel can start listening there (a probed free port could
    be taken between the probe and the test)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        yield s.getsockname()[1]


@pytest.mark.slow
def test_unreachable_database_is_one_clear_error(feed_server, tmp_path, refused_port):
    """`koll ingest` against a dead server: exit 1, one line naming the database, no fetch."""
    url = f"postgresql+psycopg://koll:hemligt@127.0.0.1:{refused_port}/koll"
    feed = feed_server.add("/f.xml", "<rss version='2.0'><channel></channel></rss>")
    config = tmp_path / "koll.toml"
    config.write_text(f'[storage]\nurl = "{url}"\n\n[[feeds]]\nurl = "{feed}"\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "KOLL_DATABASE_URL"}
    started = time.monotonic()
    res = subprocess.run(
        [sys.executable, "-m", "koll.cli", "ingest", "--config", str(config)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 1, res.stderr
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("koll: database error: cannot open database postgresql+psycopg://")
    assert "Connection refused" in lines[0] or "connection failed" in lines[0]
    assert "hemligt" not in res.stderr  # the password is never printed
    assert feed_server.hits == {}
    # Refused connections are retried briefly (a restarting server), not for minutes.
    assert time.monotonic() - started < 60


def test_transient_errors_are_retried_and_others_are_not():
    calls = []

    class Lost(Exception):
        pass

    from sqlalchemy.exc import OperationalError

    def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("SELECT 1", {}, Exception("database is locked"))
        return "ok"

    assert retrying(flaky, delays=(0.01,)) == "ok" and len(calls) == 3
    calls.clear()

    def broken():
        calls.append(1)
        raise OperationalError("SELECT 1", {}, Exception("no such table: x"))

    with pytest.raises(OperationalError):
        retrying(broken, delays=(0.01,))
    assert len(calls) == 1


@pytest.mark.postgres
def test_workers_opening_a_fresh_database_together_migrate_it_once(pg_url):
    errors: list[BaseException] = []

    def open_it():
        try:
            Store(pg_url).close()
        except BaseException as e:  # collected for the assertion below
            errors.append(e)

    threads = [threading.Thread(target=open_it) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store(pg_url) as store, store.connect() as conn:
        # One row per key, written by the one opener that created the schema.
        keys = [k for (k,) in conn.execute(text("SELECT key FROM meta ORDER BY key"))]
    assert keys == ["brand_rules_revision", "schema_version"]


@pytest.mark.postgres
def test_a_restarted_connection_is_replaced_not_reported(pg_url, pg_cluster):
    """The server ends every session (restart, failover): the next transaction just works."""
    with Store(pg_url) as store:
        assert store.retry(lambda c: c.execute(text("SELECT 1")).scalar_one()) == 1
        dbname = pg_url.rsplit("/", 1)[1]
        pg_cluster.admin(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{dbname}' AND pid <> pg_backend_pid()"
        )
        assert store.retry(lambda c: c.execute(text("SELECT 2")).scalar_one()) == 2


@pytest.mark.postgres
def test_a_terminated_session_counts_as_transient(pg_url, pg_cluster):
    with Store(pg_url) as store:
        conn = store.engine.connect()
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        pg_cluster.admin(f"SELECT pg_terminate_backend({pid})")
        with pytest.raises(Exception) as info:
            conn.execute(text("SELECT 1"))
        conn.close()
        assert is_transient(info.value)


@pytest.mark.postgres
def test_two_feeds_storing_the_same_item_at_once_store_it_once(pg_url):
    """Worker A inserted an item but has not committed; worker B stores the same item meanwhile.

    B waits for A's commit on the unique key, then links its feed to A's row instead of failing.
    """
    it = Item(
        key="https://tt.example.se/delad",
        url="https://tt.example.se/delad",
        guid=None,
        title="Delad",
        text="Fjällkraft",
        published=NOW,
        published_estimated=False,
        author=None,
        source="tt.example.se",
        kind="news",
        content_hash="h",
    )
    with Store(pg_url) as store:
        with store.begin() as conn:
            f1, f2 = (
                conn.execute(
                    feeds.insert().values(
                        url=u,
                        config_url=u,
                        kind="news",
                        interval_s=60,
                        in_config=True,
                        status="never",
                        failures=0,
                    )
                ).inserted_primary_key[0]
                for u in ("https://a.example.se/f", "https://b.example.se/f")
            )
        a = store.engine.connect()
        ta = a.begin()
        assert store_items.save_items(a, f1, [it], now=NOW) == 1
        result: dict = {}

        def worker_b():
            try:
                with store.begin() as b:
                    result["new"] = store_items.save_items(b, f2, [it], now=NOW)
            except BaseException as e:
                result["error"] = e

        t = threading.Thread(target=worker_b)
        t.start()
        time.sleep(0.5)
        assert t.is_alive()  # B waits on A's uncommitted key
        ta.commit()
        a.close()
        t.join(timeout=30)
        assert result == {"new": 0}
        with store.connect() as conn:
            assert conn.execute(select(func.count()).select_from(items)).scalar_one() == 1
            assert sorted(r.feed_id for r in conn.execute(select(item_feeds))) == [f1, f2]


def test_store_error_names_an_unreadable_sqlite_path(tmp_path):
    with pytest.raises(StoreError, match="cannot open database sqlite:///"):
        Store(f"sqlite:///{tmp_path}/no/such/folder/koll.db")


@pytest.mark.postgres
def test_ingest_via_koll_database_url_on_postgresql(feed_server, tmp_path, pg_url):
    """KOLL_DATABASE_URL overrides [storage] url; a plain postgresql:// URL works too."""
    body = textwrap.dedent("""\
        <?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>
        <item><title>Fjällkraft öppnar</title><link>https://n.example.se/1</link>
        <description>Fjällkraft öppnar ett nytt kontor.</description>
        <pubDate>Mon, 23 Nov 2026 08:00:00 +0000</pubDate></item></channel></rss>""")
    feed = feed_server.add("/f.xml", body)
    config = tmp_path / "koll.toml"
    config.write_text(
        f'[[brands]]\nname = "Fjällkraft"\n\n[[feeds]]\nurl = "{feed}"\n', encoding="utf-8"
    )
    env = {**os.environ, "KOLL_DATABASE_URL": pg_url.replace("+psycopg", "")}
    res = subprocess.run(
        [sys.executable, "-m", "koll.cli", "ingest", "--config", str(config)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    assert not (tmp_path / "koll.db").exists()
    with Store(pg_url) as store, store.connect() as conn:
        assert conn.execute(select(items.c.title)).scalars().all() == ["Fjällkraft öppnar"]


@pytest.mark.postgres
def test_a_forked_child_never_shares_the_parents_connection(pg_url):
    """ingest forks its scoring processes; a child must open its own session, not reuse ours."""
    with Store(pg_url) as store:
        with store.connect() as conn:
            parent_pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        r, w = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            try:
                with store.connect() as conn:
                    pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
                os.write(w, str(pid).encode())
            finally:
                os._exit(0)
        os.close(w)
        child_pid = int(os.read(r, 64) or b"0")
        os.close(r)
        os.waitpid(child, 0)
        assert child_pid and child_pid != parent_pid
        with store.connect() as conn:  # our own session survived the child
            assert conn.execute(text("SELECT pg_backend_pid()")).scalar_one() == parent_pid
