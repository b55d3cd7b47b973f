"""`koll demo` rebuilding its workspace while a cron `koll ingest` or `koll analyse` runs on the
demo database: the rebuild is refused with exit 75, as the jobs say "busy", and changes nothing.
It had unlinked the run locks' files beside the database, so the next run took a fresh lock file
and overlapped the run still holding the old one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from koll.cli import main
from koll.run_lock import LOCK_SUFFIXES

# Another process holding one run lock, as a cron run does: the real RunLock, in its own process
# (a lock file is held by an open file, which another process of ours cannot share).
HOLDER = """
import sys
from koll.run_lock import RunLock
with RunLock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.read()
"""


class Holder:
    """A separate process holding the lock file `path` until closed."""

    def __init__(self, path: Path):
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parent.parent,
        )
        assert self.proc.stdout is not None and self.proc.stdout.readline() == "held\n"

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        assert self.proc.wait(timeout=30) == 0


def _build(folder: Path, capsys) -> tuple[int, str]:
    rc = main(["demo", "--no-serve", "--dir", str(folder)])
    return rc, capsys.readouterr().err.strip()


def _state(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file of the folder by name: (inode, modification time); a lock file's inode alone
    (the refused build may have held one lock, writing its pid there, before finding the other
    one held)."""
    return {
        p.name: (p.stat().st_ino, 0 if p.suffix == ".lock" else p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
    }


@pytest.mark.parametrize("job", ["ingest", "analyse"])
def test_a_rebuild_while_a_run_holds_its_lock_exits_75_and_changes_nothing(tmp_path, capsys, job):
    folder = tmp_path / "demo"
    assert _build(folder, capsys)[0] == 0
    lock = folder / f"koll.db{LOCK_SUFFIXES[job]}"
    holder = Holder(lock)
    try:
        before = _state(folder)
        rc, err = _build(folder, capsys)
        assert rc == 75, err
        assert err == (
            f"koll: another koll {job} run holds {lock}, so the demo was not rebuilt (nothing "
            "was changed); try again when it has ended"
        )
        assert _state(folder) == before  # the database, its config and the lock files as they were
    finally:
        holder.close()
    # Once the run has ended, the rebuild goes ahead and leaves the lock files where they are.
    locks = {p.name: p.stat().st_ino for p in folder.glob("*.lock")}
    assert set(locks) == {f"koll.db{s}" for s in LOCK_SUFFIXES.values()}
    assert _build(folder, capsys)[0] == 0
    assert {p.name: p.stat().st_ino for p in folder.glob("*.lock")} == locks


def test_a_run_started_during_a_rebuild_finds_the_lock_held(tmp_path, capsys, monkeypatch):
    """The demo holds both locks for its whole rebuild, its own ingest and analyse included: a
    cron run that starts meanwhile exits 75 at once instead of writing into a database being
    made again."""
    from koll.jobs import demo as demo_job

    folder = tmp_path / "demo"
    assert _build(folder, capsys)[0] == 0
    seen: dict[str, int] = {}
    real = demo_job.ingest_once

    def ingest_and_look(**kwargs):
        for job, suffix in LOCK_SUFFIXES.items():
            probe = subprocess.run(
                [sys.executable, "-c", HOLDER, str(folder / f"koll.db{suffix}")],
                input="",
                capture_output=True,
                text=True,
                cwd=Path(__file__).parent.parent,
                timeout=60,
            )
            seen[job] = probe.returncode
        return real(**kwargs)

    monkeypatch.setattr(demo_job, "ingest_once", ingest_and_look)
    assert _build(folder, capsys)[0] == 0
    assert seen == {"ingest": 1, "analyse": 1}  # LockHeld in the other process: both were held
