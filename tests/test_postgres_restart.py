"""A PostgreSQL restart in the middle of `koll ingest` (issue 14): the run waits for the server
and carries on; a server that stays away longer than `[workers] reconnect` ends the run with one
line and exit 1, its log row `failed`, its claimed feeds given back.

The server is really stopped and started again (`pg_ctl stop -m fast`, then `start`: what
`pg_ctl restart -m fast` does) on a cluster of this module's own, so that no other test sees it
go away. A feed on the local HTTP server holds its last byte until the server is down, so that
the run is mid-flight, with a feed still to parse, look up and store, while it is away.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from koll.store import Store
from koll.store.schema import feeds, items, runs
from tests.conftest import skip_or_fail
from tests.feedserver import FeedServer, rss

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parent.parent
GOOD = 4


@pytest.fixture(scope="module")
def cluster():
    from tests.pg import start_cluster

    try:
        c = start_cluster()
    except RuntimeError as e:
        skip_or_fail(f"PostgreSQL tests skipped: {e}")
    yield c
    c.stop()


def _feed(n: int, count: int = 3) -> bytes:
    return rss(
        [
            {
                "title": f"Fjällkraft nyhet {n}-{i}",
                "link": f"https://exempel.se/{n}/{i}",
                "text": f"Fjällkraft bygger vindkraft, del {i}.",
                "date": "Mon, 02 Nov 2026 08:00:00 +0000",
            }
            for i in range(count)
        ]
    )


class _Ingest:
    """`koll ingest` in a subprocess, its stderr collected line by line."""

    def __init__(self, config: Path):
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop("KOLL_DATABASE_URL", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "koll.cli", "ingest", "--config", str(config)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))

    def wait_for_line(self, part: str, timeout_s: float = 120) -> None:
        deadline = time.monotonic() + timeout_s
        while not any(part in ln for ln in self.lines):
            assert self.proc.poll() is None or self.reader.is_alive(), self.stderr
            assert time.monotonic() < deadline, f"no line with {part!r}:\n{self.stderr}"
            time.sleep(0.05)

    def finish(self, timeout_s: float = 180) -> int:
        try:
            code = self.proc.wait(timeout_s)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(30)
        self.reader.join(10)
        return code

    @property
    def stderr(self) -> str:
        return "\n".join(self.lines)


def _start(tmp_path: Path, url: str, reconnect: str) -> tuple[FeedServer, threading.Event, str]:
    """Serve GOOD feeds and one held feed, write koll.toml: (server, the hold, held feed URL)."""
    server = FeedServer().start()
    hold = threading.Event()
    held = server.add("/held.xml", _feed(0, 10), hold=hold)
    good = [server.add(f"/good{n}.xml", _feed(n)) for n in range(1, GOOD + 1)]
    (tmp_path / "koll.toml").write_text(
        f'[storage]\nurl = "{url}"\n[[brands]]\nname = "Fjällkraft"\n'
        f'[workers]\nreconnect = "{reconnect}"\n'
        + "".join(f'[[feeds]]\nurl = "{u}"\n' for u in [held, *good]),
        encoding="utf-8",
    )
    return server, hold, held


def _wait_for_good_feeds(url: str, run: _Ingest) -> None:
    """Until the good feeds are stored (the held one is still being fetched)."""
    deadline = time.monotonic() + 120
    with Store(url) as store:
        while True:
            with store.connect() as conn:
                n = conn.execute(select(func.count()).select_from(items)).scalar_one()
            if n >= 3 * GOOD:
                return
            assert run.proc.poll() is None, run.stderr
            assert time.monotonic() < deadline, run.stderr
            time.sleep(0.05)


def _state(url: str) -> tuple[list[tuple[str, str | None]], int, int]:
    """(the run log's (status, message) rows, feeds still claimed, items stored)."""
    with Store(url) as store, store.connect() as conn:
        log = [(r.status, r.message) for r in conn.execute(select(runs).order_by(runs.c.id))]
        claimed = conn.execute(
            select(func.count()).select_from(feeds).where(feeds.c.lease_owner.is_not(None))
        ).scalar_one()
        stored = conn.execute(select(func.count()).select_from(items)).scalar_one()
    return log, claimed, stored


def test_a_restart_mid_run_is_waited_for_and_the_run_carries_on(tmp_path, cluster):
    url = cluster.new_database()
    Store(url).close()  # the schema, before the run and this test's polls race for it
    server, hold, held = _start(tmp_path, url, "1m")
    try:
        run = _Ingest(tmp_path / "koll.toml")
        _wait_for_good_feeds(url, run)
        cluster.halt()  # the run's connections are cut; new ones are refused
        try:
            hold.set()  # the held feed arrives: it is looked up and stored while the server is away
            time.sleep(2)
        finally:
            cluster.resume()
        code = run.finish()
    finally:
        hold.set()
        server.stop()
    assert "Traceback" not in run.stderr
    assert code == 0, run.stderr
    log, claimed, stored = _state(url)
    assert log == [("ok", None)], run.stderr
    assert claimed == 0
    assert stored == 3 * GOOD + 10, run.stderr  # the held feed too: nothing was lost


def test_a_server_that_stays_away_ends_the_run_with_one_line(tmp_path, cluster):
    """Away longer than `reconnect`: exit 1 with one line; once the server is back within the
    run's last wait, the run is marked failed and its claimed feeds are given back."""
    url = cluster.new_database()
    Store(url).close()
    server, hold, held = _start(tmp_path, url, "5s")
    try:
        run = _Ingest(tmp_path / "koll.toml")
        _wait_for_good_feeds(url, run)
        cluster.halt()
        try:
            hold.set()
            run.wait_for_line("ending the run")  # it waited 5 s for the server and gave up
        finally:
            cluster.resume()  # back in time for the run to record how it ended
        code = run.finish()
    finally:
        hold.set()
        server.stop()
    assert "Traceback" not in run.stderr
    assert code == 1, run.stderr
    assert run.lines[-1].startswith("koll: database error: "), run.stderr
    log, claimed, stored = _state(url)
    assert [status for status, _ in log] == ["failed"], run.stderr
    assert log[0][1], "the run log does not say why the run failed"
    assert claimed == 0, "the run's claimed feeds were not given back"
    assert stored == 3 * GOOD  # what was stored before stays; the held feed is due again
