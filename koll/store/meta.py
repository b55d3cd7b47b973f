"""Facts about a database as a whole (the `meta` table): who built it, and whether it holds data.

`koll demo` marks the database it builds, so that a rebuild may replace it, and looks here
before touching a database it was pointed at: one that holds someone's real mentions is never
dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, inspect, select
from sqlalchemy.engine import Connection

from koll.store import insert_ignore, make_engine, normalise_url, schema


def get(conn: Connection, key: str) -> str | None:
    row = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == key)).first()
    return row[0] if row else None


def put(conn: Connection, key: str, value: str) -> None:
    insert_ignore(conn, schema.meta, [{"key": key, "value": value}], ["key"])
    conn.execute(schema.meta.update().where(schema.meta.c.key == key).values(value=value))


@dataclass(frozen=True)
class Contents:
    """What a database holds, looked at without creating or migrating anything."""

    tables: int  # koll's tables present
    rows: int  # feeds and items stored
    built_by: str | None  # the `built_by` mark ("koll demo") or None

    @property
    def empty(self) -> bool:
        return self.rows == 0


def contents(url: str) -> Contents:
    """Look into the database at `url` (which may not exist yet: an SQLite file is not made)."""
    url = normalise_url(url)
    if url.startswith("sqlite:///"):
        from pathlib import Path

        path = Path(url[len("sqlite:///") :].split("?", 1)[0])
        if not path.exists() or path.stat().st_size == 0:
            return Contents(0, 0, None)
    engine = make_engine(url)
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
        return Contents(len(ours), rows, built_by)
    finally:
        engine.dispose()
