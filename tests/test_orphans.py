"""Killing only the `koll ingest` process (SIGKILL) takes its worker processes with it."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest.work import _parent_of, usable_cores

FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>
<item><title>Fjällkraft {i}</title><link>https://example.se/{i}</link></item></channel></rss>"""


def _children(pid: int) -> set[int]:
    out = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            out.add(int(status.parent.name))
    return out


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").exists(), reason="needs /proc (Linux)")
def test_workers_die_with_the_run(feed_server, write_config, tmp_path):
    urls = [feed_server.add(f"/f{i}", FEED.format(i=i), delay_s=0.3) for i in range(40)]
    cfg = write_config(
        f'[storage]\nurl = "sqlite:///{tmp_path / "k.db"}"\n[[brands]]\nname = "Fjällkraft"\n'
        "[fetch]\nper_host_concurrency = 1\nper_host_gap_s = 0.2\n"
        + "".join(f'[[feeds]]\nurl = "{u}"\n' for u in urls)
    )
    env = dict(os.environ)
    proc = subprocess.Popen(
        [sys.executable, "-m", "koll.cli", "ingest", "--config", str(cfg)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while time.monotonic() < deadline and not workers:
            time.sleep(0.2)
            workers = _children(proc.pid)
        assert workers, "the run started no worker process"
        os.kill(proc.pid, signal.SIGKILL)  # the run only, not its process group
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        alive = workers
        while time.monotonic() < deadline and alive:
            time.sleep(0.2)
            alive = {
                p
                for p in workers
                if Path(f"/proc/{p}").exists()
                and "zombie" not in Path(f"/proc/{p}/status").read_text()
            }
        assert not alive, f"orphaned worker processes {alive}"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc").exists(), reason="needs /proc (Linux)")
def test_a_worker_whose_parent_is_already_gone_ends_at_once():
    """The race of a pool's start: a worker whose parent died before the worker asked to die
    with it has already been handed to another parent, and asking comes too late. Told the
    run's pid, _die_with_parent keeps a worker whose parent (a forked pool) or parent's parent
    (a fork server's pool) is the run, and ends any other at once (CI once found one left
    running by test_workers_die_with_the_run)."""
    code = (
        "import os\n"
        "from ingest.work import _die_with_parent\n"
        "_die_with_parent(os.getppid())\n"
        "print('parent', flush=True)\n"
        f"_die_with_parent({os.getppid()})\n"
        "print('grandparent', flush=True)\n"
        f"_die_with_parent({os.getpid() + 100_000_000})\n"
        "print('not reached', flush=True)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["parent", "grandparent"]


_FORK_SERVER_RUN = """
import os, threading, time
from analysis.brands import Brand
from ingest import work

threading.Thread(target=time.sleep, args=(600,), daemon=True).start()  # so: a fork server
pool = work.Workers((Brand("Fjällkraft"),), jobs=10)
assert pool.ready.wait(120), "the pool did not start"
print(*sorted({pool.submit(os.getpid).result(timeout=60) for _ in range(20)}), flush=True)
time.sleep(600)
"""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").exists(), reason="needs /proc (Linux)")
@pytest.mark.skipif(usable_cores() < 2, reason="one core: the pool is never started")
def test_a_fork_servers_workers_die_with_the_run():
    """A run that already has a thread starts its pool through a fork server (work.Workers).
    Killed by SIGKILL, it left the server (handed to init) and its workers running: each
    worker held a copy of the pipe end whose closing tells the server its clients are gone."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _FORK_SERVER_RUN],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        assert proc.stdout is not None
        workers = {int(p) for p in proc.stdout.readline().split()}
        assert workers and proc.pid not in workers, workers
        servers = {_parent_of(p) for p in workers} - {proc.pid, None}
        assert servers, "the workers are not the fork server's"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        alive = workers | servers
        while time.monotonic() < deadline and alive:
            time.sleep(0.2)
            alive = {p for p in alive if _running(p)}
        assert not alive, f"left running: {alive} (workers {workers}, server {servers})"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


def _running(pid: int) -> bool:
    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
