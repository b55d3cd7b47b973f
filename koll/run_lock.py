"""What every scheduled run (`koll ingest`, `koll analyse`) shares: one run at a time under a
lock, exit 75 when another holds it, and SIGTERM taken as Ctrl-C."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

# The status of a run that found another holding the lock: EX_TEMPFAIL of sysexits.h, which
# cron wrappers and systemd read as "try again later", not as a failure.
EXIT_LOCKED = 75


class LockHeld(Exception):
    """Another run holds the lock."""


class RunLock:
    """An exclusive, non-blocking file lock; the kernel releases it when the process dies (even SIGKILL)."""

    def __init__(self, path: Path, job: str = "ingest"):
        self.path = Path(path)
        self.job = job
        self.fd: int | None = None

    def __enter__(self) -> RunLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:  # a read-only folder, no permission: one line, not a traceback
            from koll.store import StoreError

            raise StoreError(f"cannot open the run lock {self.path}: {e.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise LockHeld(f"another koll {self.job} run holds {self.path}") from None
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            # The process id is for a person looking; the lock is the flock, held. On a full
            # disk the write failed with a traceback (QA, 2026-12-07), where the run's own first
            # write to the database says so in one line.
            pass
        self.fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


# The run locks' files beside an SQLite database, by job: ingest's `<db>.lock`, analyse's
# `<db>.analyse.lock` (a run of each may overlap the other's). The files are never removed, not
# even by a koll demo rebuild (it holds both instead): a run that locked a new file while another
# held the old one would overlap it.
LOCK_SUFFIXES = {"ingest": ".lock", "analyse": ".analyse.lock"}


def lock_path_for(database_url: str, config_path: Path, job: str = "ingest") -> Path:
    """The lock file of `job` (a key of LOCK_SUFFIXES): next to an SQLite database, else next
    to the config."""
    from koll.store import sqlite_file

    db = sqlite_file(database_url)
    if db is not None:
        return Path(db + LOCK_SUFFIXES[job])
    return config_path.parent / f".koll-{job}.lock"


@contextlib.contextmanager
def term_as_interrupt() -> Iterator[None]:
    """SIGTERM (systemd stopping the service, `kill`) ends a scheduled run (`koll ingest`,
    `koll analyse`) as Ctrl-C does: exit 130 with one line, instead of dying silently.

    Python's default for SIGTERM ends the process without unwinding: the run row stayed
    `running` and, on PostgreSQL, the run's claimed feeds stayed claimed for the whole lease.
    As a KeyboardInterrupt the run closes its row as interrupted and gives its claims back.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread (a test's thread)
        return
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
