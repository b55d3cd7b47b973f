"""The store: every SQL statement koll runs lives in this package (SQLite or PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import SQLAlchemyError as _SQLAlchemyError

from ingest.store import schema

STOCKHOLM = ZoneInfo("Europe/Stockholm")


class StoreError(Exception):
    """The database cannot be reached or used; the message says which and why."""


def to_db(dt: datetime | None) -> datetime | None:
    """Aware datetime -> naive UTC for the database."""
    if dt is None:
        return None
    if dt.tzinfo is None:
        return dt
    return dt.astimezone(UTC).replace(tzinfo=None)


def from_db(dt: datetime | None) -> datetime | None:
    """Naive UTC from the database -> aware UTC."""
    return None if dt is None else dt.replace(tzinfo=UTC)


def local_day(dt: datetime) -> str:
    """The Europe/Stockholm calendar day of an aware (or naive UTC) datetime, as YYYY-MM-DD."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(STOCKHOLM).date().isoformat()


def utcnow() -> datetime:
    return datetime.now(UTC)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets the dashboard read while an ingest run writes; NORMAL sync is safe with WAL
    # (a power cut may lose the last commit, never corrupt the file).
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    # Waiting up to 30 s for a writer's lock covers a long feed commit during an overlap.
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # Servers: a small pool, pre-ping to survive restarted servers, a connect timeout so an
    # unreachable database fails in seconds instead of hanging a cron run.
    return create_engine(
        url,
        pool_size=5,
        max_overflow=5,
        pool_pre_ping=True,
        pool_recycle=1800,
        connect_args={"connect_timeout": 10} if url.startswith("postgresql") else {},
    )


class Store:
    """An open database: its engine, created or migrated to the current schema."""

    def __init__(self, url: str, *, create: bool = True):
        self.url = url
        try:
            self.engine = make_engine(url)
            if create:
                migrate(self.engine)
        except ImportError as e:
            raise StoreError(f"database driver missing for {safe_url(url)}: {e}") from None
        except _SQLAlchemyError as e:
            raise StoreError(
                f"cannot open database {safe_url(url)}: {e.__class__.__name__}: "
                f"{str(e.orig if hasattr(e, 'orig') and e.orig else e).strip()}"
            ) from None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def begin(self):
        """A transaction: everything inside commits together or not at all."""
        return self.engine.begin()

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
    return int(row[0]) if row else 0


def migrate(engine: Engine) -> None:
    """Create missing tables and run pending migrations; a newer database than this code is refused."""
    # Importing the modules that define extra tables registers them on the shared metadata.
    from ingest.store import extra_tables  # noqa: F401

    with engine.begin() as conn:
        schema.metadata.create_all(conn, checkfirst=True)
        current = schema_version(conn)
        if current > schema.SCHEMA_VERSION:
            raise StoreError(
                f"database schema version {current} is newer than this koll ({schema.SCHEMA_VERSION}); upgrade koll"
            )
        if current == 0:
            conn.execute(
                schema.meta.insert().values(key="schema_version", value=str(schema.SCHEMA_VERSION))
            )
            return
        for version in range(current + 1, schema.SCHEMA_VERSION + 1):
            schema.MIGRATIONS[version](conn)
            conn.execute(
                schema.meta.update()
                .where(schema.meta.c.key == "schema_version")
                .values(value=str(version))
            )


def insert_ignore(conn: Connection, table, rows: list[dict], index_elements: list[str]) -> None:
    """INSERT … ON CONFLICT DO NOTHING on either engine."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    conn.execute(insert(table).on_conflict_do_nothing(index_elements=index_elements), rows)


__all__ = [
    "Store",
    "StoreError",
    "OperationalError",
    "from_db",
    "insert_ignore",
    "local_day",
    "to_db",
    "utcnow",
]
