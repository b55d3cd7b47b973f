"""Copy a whole koll store into another, empty one (SQLite -> PostgreSQL when a team moves up).

Every table is copied with its ids in foreign-key order, in chunks, streamed from the source, so
memory stays flat for millions of mentions; PostgreSQL targets are written with COPY, the fastest
path into it, and their id sequences are moved past the copied ids afterwards. The whole copy is
one transaction of the target: it lands complete or not at all.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select, text

from koll.store import Store, StoreError, safe_url, schema, sqlite_file


class TargetNotEmpty(StoreError):
    """The copy's target already holds koll's rows: the wrong database was named, a usage
    mistake (koll copy exits 2), not a failure of the work."""


def copy_store(
    src: Store,
    dst: Store,
    *,
    chunk: int = 10_000,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Copy every row of `src` into `dst` (which must be empty); returns rows per table.

    All tables are written in one transaction of the target, so an interruption (Ctrl-C, a
    kill, a lost connection) leaves it as empty as it was and the same command can simply run
    again; a half-filled target used to refuse every retry.
    """
    tables = [t for t in schema.metadata.sorted_tables if t.name != "meta"]
    copied: dict[str, int] = {}
    with dst.begin() as d:
        for t in tables:
            if d.execute(select(func.count()).select_from(t)).scalar_one():
                raise _not_empty(dst, t.name)
        for t in tables:
            copied[t.name] = _copy_table(src, dst, d, t, chunk, progress)
        _copy_meta(src, d)
    return copied


def _not_empty(dst: Store, table: str) -> TargetNotEmpty:
    """What to do about a target with rows, for its kind of database: a PostgreSQL target was
    told to "delete the SQLite file" too."""
    path = sqlite_file(dst.url)
    fix = (
        f"delete the file {path} or name a new one"
        if path is not None
        else "drop and re-create the database"
    )
    return TargetNotEmpty(
        f"cannot copy into {safe_url(dst.url)}: table {table} is not empty; koll copy fills only "
        f"an empty database ({fix}, then run koll copy again)"
    )


def _copy_meta(src: Store, d) -> None:
    """The source's own notes (meta) replace those the target got when it was created, except
    the schema version, which both have at this koll's (they were opened, so migrated). The
    brand rules' revision matters most: a copy stamped with today's revision never rescored
    tones scored with older rules, which the source would have."""
    m = schema.meta
    with src.connect() as s:
        rows = [dict(r._mapping) for r in s.execute(select(m).where(m.c.key != "schema_version"))]
    d.execute(m.delete().where(m.c.key != "schema_version"))
    if rows:
        d.execute(m.insert(), rows)


def _too_long(t, batch: list[tuple], dst: Store) -> None:
    """StoreError for the first text of `batch` longer than its column allows: SQLite keeps any
    length, PostgreSQL refuses the whole copy, which had ended in a driver's traceback."""
    limits = [
        (i, c.name, c.type.length)
        for i, c in enumerate(t.columns)
        if getattr(c.type, "length", None) and c.type.python_type is str
    ]
    key = next((i for i, c in enumerate(t.columns) if c.primary_key), 0)
    for row in batch:
        for i, name, most in limits:
            v = row[i]
            if isinstance(v, str) and len(v) > most:
                raise StoreError(
                    f"cannot copy into {safe_url(dst.url)}: table {t.name}, "
                    f"{t.columns[key].name} {row[key]}: {name} is {len(v)} characters, where "
                    f"PostgreSQL keeps at most {most}; nothing was written (shorten that value "
                    "in the source, then run koll copy again)"
                )


def _copy_table(src: Store, dst: Store, d, t, chunk: int, progress) -> int:
    """Stream table `t` of `src` into the target's open transaction `d`; returns its rows."""
    cols = [c.name for c in t.columns]
    postgres = d.dialect.name == "postgresql"
    n = 0
    with src.connect() as s:
        rows = s.execution_options(stream_results=True, yield_per=chunk).execute(select(t))
        for part in rows.partitions(chunk):
            batch = [tuple(r) for r in part]
            if postgres:
                _too_long(t, batch, dst)
                cur = d.connection.driver_connection.cursor()
                names = ", ".join(f'"{c}"' for c in cols)
                with cur.copy(f'COPY "{t.name}" ({names}) FROM STDIN') as cp:
                    for row in batch:
                        cp.write_row(row)
            else:
                d.execute(t.insert(), [dict(zip(cols, r, strict=True)) for r in batch])
            n += len(batch)
            if progress:
                progress(t.name, n)
    pk = list(t.primary_key.columns)
    if postgres and len(pk) == 1 and pk[0].autoincrement is not False and n:
        seq = d.execute(
            text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": t.name, "c": pk[0].name}
        ).scalar()
        if seq:
            d.execute(
                text(f'SELECT setval(:s, (SELECT max("{pk[0].name}") FROM "{t.name}"))'),
                {"s": seq},
            )
    return n
