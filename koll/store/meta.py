"""Facts about a database as a whole (the `meta` table): who built it, and whether it holds data;
and a lock on the whole database for a job that must run once at a time (PostgreSQL).

`koll demo` marks the database it builds, so that a rebuild may replace it, and looks here
before touching a database it was pointed at: one that holds someone's real mentions, or another
application's tables, is never dropped.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from koll.store import (
    insert_ignore,
    is_kolls_table,
    make_engine,
    normalise_url,
    schema,
    sqlite_file,
)


def get(conn: Connection, key: str) -> str | None:
    row = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == key)).first()
    return row[0] if row else None


def put(conn: Connection, key: str, value: str) -> None:
    insert_ignore(conn, schema.meta, [{"key": key, "value": value}], ["key"])
    conn.execute(schema.meta.update().where(schema.meta.c.key == key).values(value=value))


@dataclass(frozen=True)
class Contents:
    """What a database holds, looked at without creating, migrating or otherwise changing it."""

    tables: int  # koll's tables present
    rows: int  # feeds and items stored
    built_by: str | None  # the `built_by` mark ("koll demo") or None
    foreign: tuple[str, ...] = ()  # tables and views that are not koll's (schema.name elsewhere)

    @property
    def empty(self) -> bool:
        return self.rows == 0


# A PostgreSQL server's own schemas in every database: not another application's tables.
_SYSTEM_SCHEMAS = ("information_schema", "pg_catalog", "pg_toast")


def foreign_tables(conn: Connection) -> list[str]:
    """The tables and views of the database that koll did not make: those of its default schema
    that are not koll's (schema.py), and every one in another schema (as schema.name), which
    no koll command reads or drops but another application does."""
    found = inspect(conn)
    default = found.default_schema_name
    out = []
    for space in found.get_schema_names():
        if space in _SYSTEM_SCHEMAS or space.startswith("pg_"):
            continue
        names = [*found.get_table_names(schema=space), *found.get_view_names(schema=space)]
        if space == default:
            out += [n for n in names if not is_kolls_table(n)]
        else:
            out += [f"{space}.{n}" for n in names]
    return out


def contents(url: str) -> Contents:
    """Look into the database at `url` (which may not exist yet: an SQLite file is not made, and
    an SQLite file is read without a write: koll's engine would switch it to WAL)."""
    url = normalise_url(url)
    path = sqlite_file(url)
    if path is not None and (not os.path.isfile(path) or os.path.getsize(path) == 0):
        return Contents(0, 0, None)
    readonly = os.path.abspath(path) if path is not None else None
    engine = make_engine(url, readonly_path=readonly)
    try:
        with engine.connect() as conn:
            names = set(inspect(conn).get_table_names())
            ours = [t for t in schema.metadata.sorted_tables if t.name in names]
            rows = sum(
                conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in ours
                if t.name in ("feeds", "items")
            )
            built_by = get(conn, "built_by") if "meta" in names else None
            foreign = tuple(foreign_tables(conn))
        return Contents(len(ours), rows, built_by, foreign)
    finally:
        engine.dispose()


# PostgreSQL advisory lock keys (one number space per database): 7242011 migrate's, 7242012 the
# feed sync's (leases.py), this one `koll analyse`'s.
ANALYSE_LOCK = 7242013


@contextlib.contextmanager
def session_lock(engine: Engine, key: int) -> Iterator[bool]:
    """pg_try_advisory_lock(key) on a connection of its own, held until the block ends; yields
    whether it was taken (False: another session holds it), without waiting.

    The lock belongs to the session, not a transaction: it is committed at once, so that the
    session does not sit idle in a transaction for the whole run (the server ends such a
    session after IDLE_IN_TRANSACTION_MS, and the lock with it). A session that dies (a killed
    process, a lost machine) gives the lock back with it. When the unlock fails, the connection
    is discarded rather than returned to the pool still holding the lock.
    """
    conn = engine.connect()
    got = False
    try:
        got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())
        conn.commit()
        yield got
    finally:
        try:
            if got:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                conn.commit()
        except SQLAlchemyError:
            conn.invalidate()  # its session ends, and the lock with it
        finally:
            conn.close()
