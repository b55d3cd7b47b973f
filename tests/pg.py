"""A throwaway PostgreSQL cluster for tests: initdb into a temp folder, serve on a free local port.

The server runs as an unprivileged user when the tests run as root (PostgreSQL refuses to run as
root), with durability switched off because the data is thrown away after the session.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

USER = "koll"  # the cluster's superuser; trust auth on 127.0.0.1 and the private socket only


def find_bindir() -> Path | None:
    """The folder holding initdb/pg_ctl: $KOLL_PG_BINDIR, the newest /usr/lib/postgresql, or PATH."""
    env = os.environ.get("KOLL_PG_BINDIR")
    if env and (Path(env) / "initdb").exists():
        return Path(env)
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _locale() -> str:
    """C.UTF-8 where the system has it: byte-order sorting like SQLite, but Unicode case folding
    (lower(), ILIKE) for å ä ö as on a production server; plain C otherwise."""
    try:
        out = subprocess.run(["locale", "-a"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return "C"
    names = {n.lower() for n in out.split()}
    return "C.UTF-8" if {"c.utf8", "c.utf-8"} & names else "C"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    """`start()` it, `new_database()` per test, `stop()` at the end (the folder is removed)."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="koll-pg-"))
        self.data = self.root / "data"
        self.sockets = self.root / "sock"
        self.port = 0
        self.opts = ""  # the server's options, to start it again after halt()
        self._names = itertools.count(1)
        # PostgreSQL will not run as root; as root we hand the folder to the `postgres` user
        # the Debian package creates and run the server binaries as that user.
        self.run_as = None
        if os.geteuid() == 0:
            import pwd

            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("running as root and there is no 'postgres' user") from None
            self.run_as = "postgres"
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        self.sockets.mkdir()
        if self.run_as:
            os.chown(self.sockets, pw.pw_uid, pw.pw_gid)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=check, timeout=120)

    def start(self) -> PgCluster:
        try:
            self._run(
                "initdb",
                "-D",
                str(self.data),
                "-U",
                USER,
                "--auth=trust",
                "--encoding=UTF8",
                f"--locale={_locale()}",
                "--no-sync",
            )
        except subprocess.CalledProcessError as e:
            raise RuntimeError(f"initdb failed: {e.stderr.strip()}") from None
        last = ""
        for _ in range(5):  # another process may grab the free port between probe and bind
            self.port = free_port()
            self.opts = opts = (
                f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                "-c max_connections=300 -c shared_buffers=128MB"
            )
            res = self._run(
                "pg_ctl",
                "-D",
                str(self.data),
                "-o",
                opts,
                "-l",
                str(self.root / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
                check=False,
            )
            if res.returncode == 0:
                return self
            last = res.stderr.strip() or self.log_tail()
        raise RuntimeError(f"PostgreSQL did not start: {last}")

    def halt(self) -> None:
        """Stop the server as an operator's `pg_ctl restart -m fast` does first (sessions
        are ended; the data stays); `resume` starts it again on the same port."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", self.opts, "-l", str(self.root / "server.log"),
            "-w", "-t", "60", "start",
        )  # fmt: skip

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(
                (self.root / "server.log").read_text(errors="replace").splitlines()[-lines:]
            )
        except OSError:
            return ""

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=USER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)

    def new_database(self, prefix: str = "t") -> str:
        """A fresh empty database; returns its SQLAlchemy URL."""
        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        self.admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.port:
            # Immediate: the data is thrown away, no checkpoint needed.
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)


def start_cluster() -> PgCluster:
    """A running throwaway cluster; RuntimeError with the reason when that is impossible."""
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError(
            "PostgreSQL server binaries (initdb, pg_ctl) not found; install the 'postgresql' "
            "package or set KOLL_PG_BINDIR"
        )
    cluster = PgCluster(bindir)
    try:
        return cluster.start()
    except Exception:
        cluster.stop()
        raise
