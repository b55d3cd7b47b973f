"""SIGTERM or Ctrl-C while a scoring job is busy ends the run at once: the busy job (in a worker
process, or in the run's own thread before the pool is up) is abandoned, the run is logged as
interrupted and the command exits 130. The run had waited for the busy worker to finish, which
for a slow item could be minutes (a QA tester had to SIGKILL the worker)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from ingest.work import usable_cores
from koll.store import Store
from koll.store.schema import runs
from tests.feedserver import FeedServer, rss

ROOT = Path(__file__).resolve().parent.parent

# The run, with scoring made slow for one item (the slow scorer is injected here, not shipped):
# whatever process scores that item notes its pid in MARK and then sleeps far beyond the test.
# The pool's workers are forked from the run after this patch (work.Workers forks while the run
# has no other thread), so they score with it too.
_SLOW_RUN = """
import os, signal, sys, time
# As a run started in the foreground has it: a shell starts background jobs (CI's `.ci/run &`)
# with SIGINT ignored, and Python then installs no KeyboardInterrupt for it.
signal.signal(signal.SIGINT, signal.default_int_handler)
from ingest import work

_score = work.score_items

def slow(items, *args):
    if any("LÅNGSAM" in (it.title or "") for it in items):
        with open(MARK, "w") as f:
            f.write(str(os.getpid()))
        time.sleep(600)
    return _score(items, *args)

work.score_items = slow
from koll.cli import main
sys.exit(main(["ingest", "--config", CONFIG]))
"""


def _feeds(server: FeedServer, n: int) -> list[str]:
    urls = [
        server.add(
            "/slow.xml",
            rss([{"title": "LÅNGSAM Fjällkraft", "link": "https://exempel.se/slow", "text": "x"}]),
        )
    ]
    for i in range(n):
        item = {"title": f"Fjällkraft {i}", "link": f"https://exempel.se/{i}", "text": "Bra."}
        urls.append(server.add(f"/f{i}.xml", rss([item])))
    return urls


def _spawn(tmp_path: Path, database_url: str, urls: list[str]) -> tuple[subprocess.Popen, Path]:
    config = tmp_path / "koll.toml"
    config.write_text(
        f'[storage]\nurl = "{database_url}"\n[[brands]]\nname = "Fjällkraft"\n'
        + "".join(f'[[feeds]]\nurl = "{u}"\n' for u in urls),
        encoding="utf-8",
    )
    mark = tmp_path / "busy.pid"
    code = f"MARK = {str(mark)!r}\nCONFIG = {str(config)!r}\n" + _SLOW_RUN
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("KOLL_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    return proc, mark


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (not yet reaped by its parent, or reparented) has ended all the same.
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["term", "int"])
@pytest.mark.parametrize("feeds", [0, 6], ids=["in-process", "pool"])
def test_an_interrupt_does_not_wait_for_a_busy_scoring_job(tmp_path, database_url, sig, feeds):
    """With one feed the job runs in the run's own thread (no pool for a handful of feeds),
    with seven in a worker process where there are two cores or more."""
    server = FeedServer().start()
    try:
        proc, mark = _spawn(tmp_path, database_url, _feeds(server, feeds))
        try:
            deadline = time.monotonic() + 120
            while not mark.exists() or not mark.read_text():
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                assert time.monotonic() < deadline, "the slow item was never scored"
                time.sleep(0.05)
            busy = int(mark.read_text())
            if usable_cores() >= 2:  # one core: no pool, every job runs in the run's thread
                assert (busy != proc.pid) == bool(feeds), "not where the test meant it to run"
            os.kill(proc.pid, sig)
            started = time.monotonic()
            _, err = proc.communicate(timeout=30)  # waited for the 600 s job before the fix
            took = time.monotonic() - started
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(30)
    finally:
        server.stop()
    text = err.decode()
    assert proc.returncode == 130, text
    assert text.strip().splitlines()[-1] == "koll: interrupted", text
    assert "Traceback" not in text, text
    # A few seconds at most: the run closes its log row and gives the lock back.
    assert took < 15, took
    with Store(database_url) as store, store.connect() as conn:
        assert [r.status for r in conn.execute(select(runs.c.status))] == ["interrupted"]
    deadline = time.monotonic() + 10
    while _alive(busy) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(busy), "the busy worker outlived the run"
