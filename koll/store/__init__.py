"""The store: every SQL statement koll runs lives in this package (SQLite or PostgreSQL)."""

from __future__ import annotations

import contextlib
import logging
import os
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import TypeVar, overload
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.exc import SQLAlchemyError as _SQLAlchemyError

from koll.store import schema

STOCKHOLM = ZoneInfo("Europe/Stockholm")
log = logging.getLogger("koll.store")


class StoreError(Exception):
    """The database cannot be reached or used; the message says which and why."""


@overload
def to_db(dt: datetime) -> datetime: ...
@overload
def to_db(dt: None) -> None: ...
def to_db(dt: datetime | None) -> datetime | None:
    """Aware datetime -> naive UTC for the database."""
    if dt is None:
        return None
    if dt.tzinfo is None:
        return dt
    return dt.astimezone(UTC).replace(tzinfo=None)


@overload
def from_db(dt: datetime) -> datetime: ...
@overload
def from_db(dt: None) -> None: ...
def from_db(dt: datetime | None) -> datetime | None:
    """Naive UTC from the database -> aware UTC."""
    return None if dt is None else dt.replace(tzinfo=UTC)


def local_day(dt: datetime) -> str:
    """The Europe/Stockholm calendar day of an aware (or naive UTC) datetime, as YYYY-MM-DD."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(STOCKHOLM).date().isoformat()


def local_minute(when) -> str | None:
    """A time as 'YYYY-MM-DD HH:MM' in Europe/Stockholm, the clock its readers go by; None when
    there is none (None, "", NaN, pandas' NaT, which is unequal to itself). `when` is an aware or
    naive-UTC datetime (the database's), a pandas Timestamp or an ISO 8601 string."""
    if when is None or when == "" or (not isinstance(when, str) and when != when):
        return None
    if isinstance(when, str):
        when = datetime.fromisoformat(when)
    if hasattr(when, "to_pydatetime"):
        when = when.to_pydatetime()
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")


def day_start(day: str) -> datetime:
    """When the Europe/Stockholm day `day` (YYYY-MM-DD) begins, as naive UTC for the database."""
    # 00:00 in Stockholm is 23:00 or 22:00 UTC the evening before: a bound on a UTC column
    # taken as 00:00 UTC would put the day's first hour or two on the day before.
    return to_db(datetime.fromisoformat(day).replace(tzinfo=STOCKHOLM))


def utcnow() -> datetime:
    return datetime.now(UTC)


# Waiting up to 30 s for a writer's lock covers a long feed commit during an overlap.
BUSY_TIMEOUT_S = 30


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    cur.close()


def _sqlite_write_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets the dashboard read while an ingest run writes; NORMAL sync is safe with WAL
    # (a power cut may lose the last commit, never corrupt the file).
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def sqlite_file(url: str) -> str | None:
    """The file an SQLite URL names; None for other databases, an in-memory one or a `file:`
    URI (which says itself how to open the file)."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(normalise_url(url))
    except ArgumentError:  # no URL at all: make_engine says so
        return None
    path = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or path in ("", ":memory:"):
        return None
    return None if path.startswith("file:") else path


def readonly_sqlite_path(url: str) -> str | None:
    """The path of an SQLite file this process may read but not change, else None.

    SQLite in WAL mode creates `-wal` and `-shm` files beside the database even to read it, so
    a workspace shared read-only (an analyst reading the team's database, a copy on a
    read-only share) could not be opened at all; _readonly_engine opens such a file without
    them. A file that does not exist, or that this process may write, is opened as usual.
    """
    path = sqlite_file(url)
    if path is None:
        return None
    file = os.path.abspath(path)
    if not os.path.isfile(file):
        return None
    return None if os.access(file, os.W_OK) and os.access(os.path.dirname(file), os.W_OK) else file


def _readonly_engine(path: str) -> Engine:
    """An engine that only reads the SQLite file at `path`.

    While a writer has the file open (its `-wal` or `-shm` file is there), a connection reads
    through those files and sees the writer's latest commits. When nobody does, it opens the
    file as immutable, which needs neither file. SQLite then trusts that nothing changes the
    file: a connection kept in the pool read stale pages mixed with new ones once an ingest
    had started and checkpointed (a reviewer's test: 331 items where there were 1,345). So
    each immutable connection is given up at its next use once a writer has appeared, and its
    replacement reads through the writer's files. A writer changes the file itself only when
    it checkpoints, seconds after it starts, while a read takes milliseconds.
    """
    import sqlite3
    from urllib.parse import quote

    from sqlalchemy.exc import DisconnectionError

    def writing() -> bool:
        return os.path.exists(path + "-wal") or os.path.exists(path + "-shm")

    made: dict[int, bool] = {}  # id of a new DB-API connection -> opened as immutable

    def connect() -> sqlite3.Connection:
        if not os.path.isfile(path):  # removed since (see _follow_file)
            raise _removed("sqlite:///" + path, path)
        immutable = not writing()
        conn = sqlite3.connect(
            f"file:{quote(path)}?{'immutable=1' if immutable else 'mode=ro'}",
            uri=True,
            timeout=BUSY_TIMEOUT_S,
            check_same_thread=False,
        )
        made[id(conn)] = immutable
        return conn

    def remember(dbapi_conn, record) -> None:
        record.info["immutable"] = made.pop(id(dbapi_conn), False)

    def check(dbapi_conn, record, proxy) -> None:
        if record.info.get("immutable") and writing():
            raise DisconnectionError("a writer opened the database: read through its files")

    engine = create_engine("sqlite:///" + path, creator=connect)
    event.listen(engine, "connect", remember)
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "checkout", check)
    return engine


# Seconds to wait for a server to answer a connection attempt: long enough for a database across
# a WAN, short enough that a cron run against a dead server fails within a minute (with retries).
CONNECT_TIMEOUT_S = 10
# A session stuck inside a transaction (a frozen worker) holds row locks; the server ends it after
# 10 minutes so other workers are never blocked for longer. No koll transaction idles that long.
IDLE_IN_TRANSACTION_MS = 10 * 60 * 1000


def normalise_url(url: str) -> str:
    """`postgres://` and `postgresql://` mean psycopg 3, the driver of the `[postgres]` extra."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


# Every engine this process made. A forked child (ingest's scoring processes) must never use the
# parent's pooled connections: two processes talking on one socket corrupt the session. So the
# child forgets them without closing them (closing would end the parent's session), as the
# SQLAlchemy documentation advises, and opens its own if it ever needs the database.
_ENGINES: weakref.WeakSet = weakref.WeakSet()


def _forget_parent_connections() -> None:
    for engine in list(_ENGINES):
        engine.dispose(close=False)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_parent_connections)


def make_engine(url: str, *, readonly_path: str | None = None) -> Engine:
    """An engine with the pooling and timeouts fit for its kind of database; `readonly_path`:
    the SQLite file of `url`, which this process may only read (readonly_sqlite_path)."""
    try:
        engine = (
            _readonly_engine(readonly_path) if readonly_path else _make_engine(normalise_url(url))
        )
    except ImportError as e:  # SQLAlchemy imports the driver when it makes the engine
        raise StoreError(missing_driver(url, e)) from None
    except ArgumentError as e:  # mongodb://..., http://...: no such dialect, or no URL at all
        raise StoreError(
            f"cannot use {safe_url(url)} as a database: {one_line(e)} "
            "(koll works with sqlite:///PATH and postgresql://...)"
        ) from None
    _ENGINES.add(engine)
    return engine


def missing_driver(url: str, e: ImportError) -> str:
    """One line for a database driver that is not installed; PostgreSQL's is an extra."""
    if (e.name or "").split(".")[0] == "psycopg":
        return (
            f"{safe_url(url)} needs the PostgreSQL driver psycopg, which is not installed: "
            "pip install 'koll[postgres]'"
        )
    return f"database driver missing for {safe_url(url)}: {e}"


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "connect", _sqlite_write_pragmas)
        return engine
    from sqlalchemy.engine import make_url

    query = make_url(url).query
    connect_args: dict = {}
    if url.startswith("postgresql"):
        # Settings given in the URL's query string win over these defaults.
        defaults = {
            "connect_timeout": CONNECT_TIMEOUT_S,
            "application_name": "koll",
            # Keepalives notice a server that vanished (failover, cut network) mid-query.
            "keepalives": 1,
            "keepalives_idle": 60,
            "options": f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_MS}",
        }
        connect_args = {k: v for k, v in defaults.items() if k not in query}
    # Servers: a small pool per process (a worker uses one or two connections, the dashboard a
    # few per page), pre-ping so a restarted server costs a reconnect instead of an error, and
    # recycling so firewalls that drop idle connections after an hour never bite.
    return create_engine(
        url,
        pool_size=5,
        max_overflow=5,
        pool_timeout=30,
        pool_pre_ping=True,
        pool_recycle=1800,
        connect_args=connect_args,
    )


# SQLSTATEs worth another try: serialization failure, deadlock, admin shutdown / crash recovery,
# too many connections, and the connection-exception class (08xxx).
_TRANSIENT_STATES = {"40001", "40P01", "57P01", "57P02", "57P03", "53300"}


def is_transient(exc: BaseException) -> bool:
    """True for errors a retry may cure: lost connections, deadlocks, a locked SQLite file."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    orig = getattr(exc, "orig", None)
    state = getattr(orig, "sqlstate", None)
    if state and (state in _TRANSIENT_STATES or state.startswith("08")):
        return True
    return is_busy(exc)


# SQLSTATEs of a change that lost to another one: serialization failure, deadlock, lock not
# available.
_BUSY_STATES = {"40001", "40P01", "55P03"}


def is_busy(exc: BaseException) -> bool:
    """True when another writer held what a change needed until the wait ran out: SQLite's
    "database is locked" (after its busy timeout), a PostgreSQL lock or serialization failure."""
    orig = getattr(exc, "orig", None)
    if getattr(orig, "sqlstate", None) in _BUSY_STATES:
        return True
    return isinstance(exc, OperationalError) and "database is locked" in str(orig or exc)


def server_gone(exc: BaseException) -> bool:
    """True when a database server went away or is not back yet: a lost or refused connection,
    or the server shutting down or starting up. A restart (`pg_ctl restart -m fast`, about
    1.6 s on the test cluster) shows first as 57P01 on open sessions, then as refused
    connections, which carry no SQLSTATE; an error the server answered with (a full disk,
    53100) is not one of these."""
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    orig = exc.orig
    if not type(orig).__module__.startswith("psycopg"):  # SQLite has no server to lose
        return False
    state = getattr(orig, "sqlstate", None)
    if state is None:  # psycopg's own: the connection failed or was cut, no server answer
        return isinstance(exc, OperationalError)
    return state.startswith("08") or state in {"57P01", "57P02", "57P03"}


T = TypeVar("T")


def retrying(
    fn: Callable[[], T],
    *,
    attempts: int = 3,
    delays: Sequence[float] = (0.5, 2.0),
    within_s: float = 0.0,
) -> T:
    """fn() again after a short pause when it fails with a transient database error.

    `within_s` > 0 also waits out a server that went away (server_gone: a restart, a
    failover), trying again every 0.5 to 2 s until that many seconds have passed. Only whole
    transactions are retried (fn opens and commits its own), so a retry never repeats half of
    something that was already committed.
    """
    deadline = time.monotonic() + within_s
    attempt = 0
    while True:
        try:
            return fn()
        except _SQLAlchemyError as e:
            attempt += 1
            left = deadline - time.monotonic()
            waiting = left > 0 and server_gone(e)
            if not waiting and (attempt >= attempts or not is_transient(e)):
                raise
            delay = delays[min(attempt - 1, len(delays) - 1)]
            if waiting:
                delay = min(delay, max(left, 0.1))
            log.info("transient database error, retrying in %.1f s: %s", delay, one_line(e))
            time.sleep(delay)


def write_refused(exc: BaseException) -> bool:
    """True when the database refused a change because this user may only read it: an SQLite
    file opened read-only (readonly_sqlite_path), or a PostgreSQL standby or read-only role
    (SQLSTATE 25006)."""
    orig = getattr(exc, "orig", None) or exc
    return getattr(orig, "sqlstate", None) == "25006" or "readonly database" in str(orig)


def not_saved(url: str, what: str, exc: BaseException | None = None) -> str:
    """One line for a change (`what`: "correction") the database at `url` did not take: it is
    read-only for this user (`exc` None: the store was opened so), busy with another writer,
    or failed otherwise (`exc` says how)."""
    where = f"database {safe_url(url)}"
    if exc is None or write_refused(exc):
        return f"{where} is read-only for this user: {what} not saved"
    if is_busy(exc):
        return (
            f"{where} is busy: another koll process is writing to it; {what} not saved, try again"
        )
    return f"{where}: {what} not saved: {exc.__class__.__name__}: {one_line(exc)}"


def one_line(exc: BaseException) -> str:
    """The first line of a driver's message (psycopg adds hints on further lines)."""
    orig = getattr(exc, "orig", None) or exc
    lines = [ln.strip() for ln in str(orig).splitlines() if ln.strip()]
    return lines[0] if lines else exc.__class__.__name__


def _file_id(path: str) -> tuple[int, int] | None:
    """(device, inode) of the file at `path`, None when there is none: a path that names
    another file than before names a file made anew (`koll demo` deletes its database and
    builds a new one)."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return (found.st_dev, found.st_ino)


def _removed(url: str, path: str) -> StoreError:
    return StoreError(
        f"database {safe_url(url)}: its file {path} was removed since it was opened "
        "(`koll demo` rebuilds it, for one); reopen the workspace once it is back"
    )


def _follow_file(engine: Engine, path: str, url: str, opened: tuple[int, int] | None) -> None:
    """Keep the engine of an open SQLite store on the file now at `path`, checked (one stat)
    as each connection is checked out: a connection to a file replaced since (deleted, a new
    one made) is given up with every other pooled one, and a new connection opens the new
    file. Without it a store open before `koll demo` rebuilt its database read, and wrote,
    the deleted file for as long as it lived. A file gone without a new one is a StoreError
    rather than an empty database made in its place. Writes are refused by Store.begin."""
    from sqlalchemy.exc import InvalidatePoolError

    def exists(_dialect, _record, _cargs, _cparams) -> None:  # (before SQLite makes a file)
        if not os.path.isfile(path):
            raise _removed(url, path)

    def remember(_dbapi_conn, record) -> None:
        record.info["file"] = _file_id(path)

    def check(_dbapi_conn, record, _proxy) -> None:
        now = _file_id(path)
        if now is None:
            raise _removed(url, path)
        if record.info.setdefault("file", opened) != now:  # made before this was listening
            raise InvalidatePoolError("the database file was replaced: open the new one")

    event.listen(engine, "do_connect", exists)
    event.listen(engine, "connect", remember)
    event.listen(engine, "checkout", check)


class Store:
    """An open database: its engine, created or migrated to the current schema."""

    def __init__(
        self, url: str, *, create: bool = True, existing: bool = False, reconnect_s: float = 0.0
    ):
        """`existing`: the database must already be koll's (commands that read, the API). A
        missing SQLite file or a database without koll's tables (another application's, an
        empty file) is a StoreError and nothing is written to it; an older koll schema is still
        migrated. Without it (ingest, demo) a new or empty database gets koll's tables, and one
        that holds tables but none of koll's (another application's) is a StoreError, nothing
        written to it."""
        self.url = normalise_url(url)
        # How long `retry` waits for a server that went away ([workers] reconnect). Creating
        # or migrating the store does not wait: an unreachable database is reported at once.
        self.reconnect_s = reconnect_s
        #: Opened read-only: an SQLite file this process may not change (readonly_sqlite_path).
        check_sqlite_path(self.url)  # a folder, or no folder to make the file in
        if existing:
            require_existing(self.url)
        readonly = readonly_sqlite_path(self.url)
        self.readonly = readonly is not None
        if existing and not self.readonly:  # a read-only one is checked below, and not changed
            _require_sqlite_koll_file(self.url)
        elif create and not self.readonly:  # a new or empty database, or koll's
            _refuse_another_applications_file(self.url)
        # A StoreError names a URL that is no database.
        self.engine = make_engine(self.url, readonly_path=readonly)
        try:
            if self.readonly:
                retrying(lambda: _check_readonly(self.engine, url))
            elif create:
                retrying(lambda: migrate(self.engine, existing=existing))
            else:  # a store opened mid-run (a scoring process) waits like the run's own
                retrying(self._ping, within_s=reconnect_s)
        except StoreError:  # not koll's, or not this koll's: its connections are closed too
            self.engine.dispose()
            raise
        except _SQLAlchemyError as e:
            self.engine.dispose()
            raise StoreError(
                f"cannot open database {safe_url(url)}: {e.__class__.__name__}: {one_line(e)}"
            ) from None
        #: The SQLite file this store opened, and its identity then (Store.begin, _follow_file).
        self.file = sqlite_file(self.url)
        self._opened = None if self.file is None else _file_id(self.file)
        if self.file is not None:
            _follow_file(self.engine, self.file, self.url, self._opened)

    def _ping(self) -> None:
        with self.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")

    def retry(self, fn: Callable[[Connection], T]) -> T:
        """fn(conn) inside one transaction, retried on transient errors and, for up to
        `reconnect_s`, while the server is away (see `retrying`)."""

        def once() -> T:
            with self.begin() as conn:
                return fn(conn)

        return retrying(once, within_s=self.reconnect_s)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextlib.contextmanager
    def begin(self) -> Iterator[Connection]:
        """A transaction: everything inside commits together or not at all.

        An SQLite file replaced since the store opened it is refused, before the transaction
        and again before it commits (StoreError, nothing written). Reads follow the new file
        (_follow_file): each sees one whole database, and a dashboard left running shows the
        rebuilt one. A change is not carried over: it names item ids read from the old file,
        which a rebuilt database numbers anew, so it would mark another mention in the new
        file; and written to the old, deleted file (as it was) it was lost without a word.
        """
        with self.engine.begin() as conn:
            if self.file is not None:  # the checkout has just taken the file's identity
                self._refuse_replaced(self.file, conn.info.get("file"))
            yield conn
            self._unreplaced()

    def file_replaced(self) -> bool:
        """Whether the store's SQLite file is no longer the one it opened (replaced or gone): a
        change would be refused (begin), and the process that holds the store has to open it
        again to write (the dashboard says so)."""
        try:
            self._unreplaced()
        except StoreError:
            return True
        return False

    def _unreplaced(self) -> None:
        """StoreError when the store's SQLite file is not the one it opened."""
        if self.file is not None:
            self._refuse_replaced(self.file, _file_id(self.file))

    def _refuse_replaced(self, file: str, now: tuple[int, int] | None) -> None:
        """StoreError when `now`, the identity of the store's SQLite `file` (None: no file
        there), is not the identity of the file it opened."""
        if now is None:
            raise _removed(self.url, file)
        if now != self._opened:
            raise StoreError(
                f"database {safe_url(self.url)}: its file {file} was replaced since it was "
                "opened (`koll demo` rebuilds it, for one), so nothing was written to it; "
                "reopen the workspace"
            )

    @contextlib.contextmanager
    def writing(self, what: str) -> Iterator[Connection]:
        """A transaction for a change someone waits on (an analyst's correction, `what`), which
        fails in one line (StoreError, not_saved) instead of with the driver's error: a store
        opened read-only is refused before anything is tried, a locked one after SQLite's busy
        timeout. Errors raised by the body itself (KeyError, ValueError) pass unchanged."""
        if self.readonly:
            raise StoreError(not_saved(self.url, what))
        try:
            with self.begin() as conn:
                yield conn
        except _SQLAlchemyError as e:
            raise StoreError(not_saved(self.url, what, e)) from None

    def connect(self):
        return self.engine.connect()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<invalid database URL>"


def schema_version(conn: Connection) -> int:
    row = conn.execute(
        select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
    ).first()
    if row is None:
        return 0
    try:
        return int(row[0])
    except ValueError:
        raise StoreError(
            f"{_where(conn)}: its schema version is {row[0]!r}, not a number: it is damaged or "
            "was not made by koll"
        ) from None


def _where(conn: Connection) -> str:
    """The database of `conn`, for messages (password hidden)."""
    return f"database {conn.engine.url.render_as_string(hide_password=True)}"


def check_sqlite_path(url: str) -> None:
    """StoreError when the SQLite file of `url` cannot be a database file: a folder, or a path
    in a folder that does not exist. SQLite said only "unable to open database file" for both,
    and the commands that read said "the file … does not exist" of a folder."""
    path = sqlite_file(url)
    if path is None:
        return
    if os.path.isdir(path):
        raise StoreError(
            f"cannot open database {safe_url(url)}: {path} is a folder, not a database file "
            "(name a file in it, e.g. koll.db)"
        )
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise StoreError(
            f"cannot open database {safe_url(url)}: the folder {folder} does not exist"
        )


def require_existing(url: str) -> None:
    """StoreError unless the SQLite file of `url` exists (other databases are left to connect):
    for commands that only read or copy from a store, where a mistyped path would otherwise
    become a new, empty database that looks like a quiet week or a finished copy."""
    check_sqlite_path(url)
    path = sqlite_file(url)
    if path is not None and not os.path.isfile(path):
        raise StoreError(
            f"cannot open database {safe_url(url)}: the file {path} does not exist "
            "(`koll ingest` or `koll demo` creates it)"
        )


class NotKoll(StoreError):
    """The database holds no koll store (no meta table with a schema version): another
    application's, an empty one, an empty file. Nothing was written to it."""


def _not_koll(url: str) -> NotKoll:
    return NotKoll(
        f"cannot open database {safe_url(url)}: it is not a koll database (it has no koll "
        "schema: no meta table with a schema version); nothing was written to it. Check the "
        "path or URL (`koll ingest` or `koll demo` creates a new store)"
    )


def _sqlite_read(path: str, sql: str) -> list[tuple]:
    """The rows of `sql` over the SQLite file `path`, read without changing the file (koll's
    engine switches a file to WAL as it opens it, a write); sqlite3.DatabaseError as raised."""
    import sqlite3
    from urllib.parse import quote

    # Without a -wal file everything is in the file itself: read it as immutable, which makes
    # no -wal or -shm beside a WAL database (mode=ro would, and leave them there).
    how = "mode=ro" if os.path.exists(path + "-wal") else "immutable=1"
    conn = sqlite3.connect(f"file:{quote(path)}?{how}", uri=True, timeout=30)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _sqlite_version_row(url: str, path: str) -> tuple | None:
    """The meta table's schema_version row of the SQLite file `path`, read without changing the
    file; None when it has no meta table (or not koll's columns), or is no SQLite file at all."""
    import sqlite3

    try:
        rows = _sqlite_read(path, "SELECT value FROM meta WHERE key = 'schema_version'")
    except sqlite3.DatabaseError as e:
        if not any(w in str(e) for w in ("no such table", "no such column", "not a database")):
            raise StoreError(f"cannot open database {safe_url(url)}: {e}") from None
        return None
    return rows[0] if rows else None


# koll's tables besides those of schema.metadata: SQLite's search index (schema.SEARCH_DDL)
# and the tables FTS5 keeps for it.
_SEARCH_TABLES = frozenset(
    {"items_fts", "items_fts_data", "items_fts_idx", "items_fts_docsize", "items_fts_config"}
)


def is_kolls_table(name: str) -> bool:
    """Whether a table of that name is one koll makes (schema.py)."""
    return name in schema.metadata.tables or name in _SEARCH_TABLES


def sqlite_tables(url: str) -> list[str] | None:
    """The tables and views of the SQLite file of `url`, read without changing it: [] when
    there is no such file, or it is empty (or `url` names no SQLite file), None when the file
    is not an SQLite database."""
    import sqlite3

    path = sqlite_file(url)
    if path is None or not os.path.isfile(path) or os.path.getsize(path) == 0:
        return []
    try:
        rows = _sqlite_read(
            path,
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'sqlite!_%' ESCAPE '!'",
        )
    except sqlite3.DatabaseError as e:
        if "not a database" in str(e):
            return None
        raise StoreError(f"cannot open database {safe_url(url)}: {e}") from None
    return [r[0] for r in rows]


def shown_tables(names: Sequence[str]) -> str:
    """A few table names for a message: 'a, b, c and 4 more'."""
    ordered = sorted(names)
    more = f" and {len(ordered) - 3} more" if len(ordered) > 3 else ""
    return ", ".join(ordered[:3]) + more


def _another_application(url: str, names: Sequence[str]) -> StoreError:
    return StoreError(
        f"cannot open database {safe_url(url)}: it holds tables that are not koll's "
        f"({shown_tables(names)}) and none of koll's, so it is another application's "
        "database; nothing was written to it. Name a new or empty database for koll"
    )


def _refuse_another_applications_file(url: str) -> None:
    """StoreError when the SQLite file of `url` holds tables, none of them koll's, checked
    before koll's engine opens it (which switches the file to WAL, a write)."""
    names = sqlite_tables(url)
    if names and not any(is_kolls_table(n) for n in names):
        raise _another_application(url, names)


def _refuse_another_applications(conn: Connection) -> None:
    """StoreError when the database of `conn` has tables or views, none of them koll's, in the
    schema koll would create its own in: a writer would add koll's ~30 tables to it."""
    from sqlalchemy import inspect

    if conn.dialect.has_table(conn, schema.meta.name):
        return
    found = inspect(conn)
    names = [*found.get_table_names(), *found.get_view_names()]
    if names and not any(is_kolls_table(n) for n in names):
        raise _another_application(str(conn.engine.url), names)


def _require_sqlite_koll_file(url: str) -> None:
    """StoreError unless the SQLite file of `url` has koll's meta table with a schema version,
    checked read-only before koll's engine opens it (that engine switches the file to WAL, a
    write). Another application's database, an empty file or no SQLite file at all is refused."""
    path = sqlite_file(url)
    if path is not None and _sqlite_version_row(url, path) is None:
        raise _not_koll(url)


def sqlite_current_schema(url: str, why: str) -> bool | None:
    """current_schema for an SQLite file, read before any engine opens it, so that a store
    which may not be changed (a dry run) is refused as it was: the engine switched an old
    file to WAL on the way (bytes 19 and 20, and its change counter). None for a database that
    is not an existing SQLite file (current_schema answers once it is open)."""
    path = sqlite_file(url)
    if path is None or not os.path.isfile(path):
        return None
    row = _sqlite_version_row(url, path)
    if row is None:
        return False
    try:
        current = int(row[0])
    except ValueError:
        return None  # schema_version says it as it opens
    _refuse_other_version(url, current, why)
    return True


def _is_koll(conn: Connection) -> bool:
    """Whether the database has koll's meta table with a schema version in it."""
    from sqlalchemy import inspect

    if not conn.dialect.has_table(conn, schema.meta.name):
        return False
    columns = {c["name"] for c in inspect(conn).get_columns(schema.meta.name)}
    return {"key", "value"} <= columns and schema_version(conn) > 0


def current_schema(engine: Engine, url: str, why: str) -> bool:
    """Whether the database has koll's tables at this koll's schema, for a store that may not
    be changed (`why` says why, e.g. "it is read-only for this user"): False when it has no
    koll tables; StoreError for another schema version, which it cannot be brought up to."""
    with engine.connect() as conn:
        if not engine.dialect.has_table(conn, schema.meta.name):
            return False
        current = schema_version(conn)
    _refuse_other_version(url, current, why)
    return True


def _refuse_other_version(url: str, current: int, why: str) -> None:
    """StoreError for a schema version other than this koll's, in a store not to be changed."""
    if current != schema.SCHEMA_VERSION:
        newer = current > schema.SCHEMA_VERSION
        raise StoreError(
            f"cannot open database {safe_url(url)}: its schema version {current} is "
            + (
                f"newer than this koll's ({schema.SCHEMA_VERSION}); upgrade koll"
                if newer
                else f"older than this koll's ({schema.SCHEMA_VERSION}) and {why}; run "
                "`koll analyse` once with write access to upgrade it"
            )
        )


def _check_readonly(engine: Engine, url: str) -> None:
    """A read-only database can be read only when it has this koll's schema (no migration can
    run on it)."""
    if not current_schema(engine, url, "it is read-only for this user"):
        raise StoreError(
            f"cannot open database {safe_url(url)}: it is read-only for this user and has "
            "no koll tables (`koll ingest` or `koll demo`, with write access, creates them)"
        )


def migrate(engine: Engine, *, existing: bool = False) -> None:
    """Create missing tables and run pending migrations; a newer database than this code is
    refused. `existing`: a database without koll's schema is refused, not given one."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Several workers may open a fresh database at once: one migrates, the others wait
            # here and then find the schema current (the lock ends with the transaction).
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7242011)")
        if existing and not _is_koll(conn):
            raise _not_koll(str(engine.url))
        if not existing:
            _refuse_another_applications(conn)
        schema.metadata.create_all(conn, checkfirst=True)
        current = schema_version(conn)
        if current > schema.SCHEMA_VERSION:
            raise StoreError(
                f"{_where(conn)}: its schema version {current} is newer than this koll's "
                f"({schema.SCHEMA_VERSION}); upgrade koll"
            )
        if current == 0:
            conn.execute(
                schema.meta.insert().values(key="schema_version", value=str(schema.SCHEMA_VERSION))
            )
            # Its mentions will be scored with today's brand-targeted rules (koll analyse
            # rescores them when the rules change: koll/jobs/rescore.py).
            from analysis.sentiment_brand import RULES_REVISION
            from koll.store.sentiment_store import BRAND_RULES_KEY

            conn.execute(
                schema.meta.insert().values(key=BRAND_RULES_KEY, value=str(RULES_REVISION))
            )
            return
        for version in range(current + 1, schema.SCHEMA_VERSION + 1):
            schema.MIGRATIONS[version](conn)
            conn.execute(
                schema.meta.update()
                .where(schema.meta.c.key == "schema_version")
                .values(value=str(version))
            )


def drop_schema(url: str) -> None:
    """Drop every koll table in the database at `url` (for rebuilding a demo from scratch)."""
    engine = make_engine(normalise_url(url))
    try:
        with engine.begin() as conn:
            schema.metadata.drop_all(conn, checkfirst=True)
    finally:
        engine.dispose()


def insert_ignore(conn: Connection, table, rows: list[dict], index_elements: list[str]) -> None:
    """INSERT … ON CONFLICT DO NOTHING on either engine."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        # The same on_conflict_* API as PostgreSQL's; only the two stubs' types differ.
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    conn.execute(insert(table).on_conflict_do_nothing(index_elements=index_elements), rows)


__all__ = [
    "Store",
    "StoreError",
    "drop_schema",
    "OperationalError",
    "is_transient",
    "retrying",
    "from_db",
    "insert_ignore",
    "local_day",
    "to_db",
    "utcnow",
]
