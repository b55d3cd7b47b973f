"""Several `koll ingest` worker processes on one PostgreSQL database share the feeds via leases."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from sqlalchemy import func, select

from koll.store import Store, leases, utcnow
from koll.store.schema import feeds, item_feeds, items, runs
from tests.conftest import REPO

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def rss(feed: int, shared: int) -> str:
    """Three items of its own plus one it shares with the neighbouring feed (syndicated copy)."""
    entries = [
        (f"https://nyheter.example.se/f{feed}/a{j}", f"Artikel {j} i flöde {feed}")
        for j in range(3)
    ]
    entries.append((f"https://tt.example.se/delad/{shared}", f"Delad TT-text nummer {shared}"))
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link>"
        f"<description>{t}: Fjällkraft bygger vindkraft i Jämtland.</description>"
        f"<pubDate>Mon, 23 Nov 2026 0{feed % 10}:00:00 +0000</pubDate></item>"
        for link, t in entries
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Flöde {feed}</title>{body}</channel></rss>'


def workspace(
    tmp_path, server, url: str, n: int, *, lease: str = "10m", batch: int = 4, delay_s: float = 0.0
):
    feeds_toml = ""
    for i in range(n):
        server.add(f"/f{i}.xml", rss(i, i // 2), delay_s=delay_s)
        feeds_toml += f'[[feeds]]\nurl = "{server.url(f"/f{i}.xml")}"\nkind = "news"\n\n'
    config = tmp_path / "koll.toml"
    config.write_text(
        textwrap.dedent(f"""\
            [storage]
            url = "{url}"

            [workers]
            lease = "{lease}"
            batch = {batch}

            [fetch]
            # Every test feed lives on 127.0.0.1: a small gap keeps politeness on but the test fast.
            per_host_gap_s = 0.02
            per_host_concurrency = 4

            [[brands]]
            name = "Fjällkraft"

            """)
        + feeds_toml,
        encoding="utf-8",
    )
    return config


def start_worker(config) -> subprocess.Popen:
    env = {**os.environ, "KOLL_LOG_LEVEL": "WARNING"}
    env.pop("KOLL_DATABASE_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "koll.cli", "ingest", "--config", str(config)],
        cwd=REPO,
        env=env,
        start_new_session=True,  # its own process group: a kill takes its scoring processes too
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_workers_fetch_every_feed_once_and_store_nothing_twice(tmp_path, feed_server, pg_url):
    n = 16
    # Alone, one worker needs 8 rounds of 1 s; both start within a second or two of each other.
    config = workspace(tmp_path, feed_server, pg_url, n, batch=2, delay_s=1.0)
    Store(pg_url).close()  # schema first, so both workers start claiming at the same moment
    workers = [start_worker(config), start_worker(config)]
    outs = [w.communicate(timeout=120) for w in workers]
    for w, (_out, err) in zip(workers, outs, strict=True):
        assert w.returncode == 0, err

    assert {p: c for p, c in feed_server.hits.items()} == {f"/f{i}.xml": 1 for i in range(n)}
    store = Store(pg_url)
    with store.connect() as conn:
        # 3 own items per feed plus one shared by each pair of feeds, each stored once.
        assert conn.execute(select(func.count()).select_from(items)).scalar_one() == 3 * n + n // 2
        dup = conn.execute(select(items.c.key).group_by(items.c.key).having(func.count() > 1)).all()
        assert dup == []
        # …and linked to both feeds that carried it.
        links = conn.execute(select(func.count()).select_from(item_feeds)).scalar_one()
        assert links == 4 * n
        statuses = conn.execute(select(feeds.c.status, feeds.c.lease_owner)).all()
        assert statuses == [("ok", None)] * n
        per_worker = conn.execute(select(runs.c.worker, runs.c.feeds_ok)).all()
    store.close()
    assert len(per_worker) == 2
    assert sum(ok for _, ok in per_worker) == n
    # Both workers took part: while one waits a second for its batch the other claims.
    assert all(ok > 0 for _, ok in per_worker), per_worker


def test_killed_workers_feeds_are_picked_up_after_the_lease(tmp_path, feed_server, pg_url):
    n, lease_s = 4, 10
    # Every feed hangs for a minute, so the first worker is surely mid-fetch when it is killed.
    config = workspace(tmp_path, feed_server, pg_url, n, lease=f"{lease_s}s", batch=n, delay_s=60)
    Store(pg_url).close()
    first = start_worker(config)
    store = Store(pg_url)
    try:
        deadline = time.monotonic() + 60
        while True:
            with store.connect() as conn:
                owners = conn.execute(select(feeds.c.lease_owner)).scalars().all()
            if len(owners) == n and all(owners):
                break
            assert time.monotonic() < deadline, "the first worker never claimed its feeds"
            assert first.poll() is None, first.communicate()
            time.sleep(0.1)
        while sum(feed_server.hits.values()) < n:  # it is fetching now
            time.sleep(0.05)
        os.killpg(first.pid, signal.SIGKILL)  # the worker and its forked scoring processes
        first.wait(timeout=10)
        killed_at = time.monotonic()

        # While the dead worker's leases live nobody can claim its feeds…
        with store.begin() as conn:
            assert leases.claim_due(conn, owner="t", now=utcnow(), lease_s=60, limit=n) == []
        # …so another worker finds nothing to do and exits 0 at once, without touching a feed.
        for i in range(n):
            feed_server.add(f"/f{i}.xml", rss(i, i // 2))
        second = start_worker(config)
        _, err = second.communicate(timeout=60)
        assert second.returncode == 0, err
        if time.monotonic() - killed_at < lease_s:  # only meaningful inside the lease
            assert sum(feed_server.hits.values()) == n

        time.sleep(max(0.0, lease_s + 0.2 - (time.monotonic() - killed_at)))
        third = start_worker(config)
        _, err = third.communicate(timeout=60)
        assert third.returncode == 0, err
        assert all(feed_server.hits[f"/f{i}.xml"] == 2 for i in range(n))
        with store.connect() as conn:
            rows = conn.execute(select(feeds.c.status, feeds.c.lease_owner)).all()
            stored = conn.execute(select(func.count()).select_from(items)).scalar_one()
        assert rows == [("ok", None)] * n
        assert stored == 3 * n + n // 2
        # The killed worker's run is closed in the log by the worker that found its leases dead.
        with store.connect() as conn:
            statuses = conn.execute(select(runs.c.status).order_by(runs.c.id)).scalars().all()
        assert statuses == ["interrupted", "ok", "ok"]
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
        store.close()
