"""Copy a whole koll store into another, empty one (SQLite -> PostgreSQL when a team moves up).

Every table is copied with its ids in foreign-key order, in chunks, streamed from the source, so
memory stays flat for millions of mentions; PostgreSQL targets are written with COPY, the fastest
path into it, and their id sequences are moved past the copied ids afterwards.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select, text

from koll.store import Store, StoreError, schema


def copy_store(
    src: Store,
    dst: Store,
    *,
    chunk: int = 10_000,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Copy every row of `src` into `dst` (which must hold no items yet); returns rows per table."""
    tables = [t for t in schema.metadata.sorted_tables if t.name != "meta"]
    with dst.connect() as conn:
        for t in tables:
            if conn.execute(select(func.count()).select_from(t)).scalar_one():
                raise StoreError(f"cannot copy into {dst.url}: table {t.name} is not empty")
    copied: dict[str, int] = {}
    for t in tables:
        cols = [c.name for c in t.columns]
        n = 0
        with src.connect() as s, dst.begin() as d:
            rows = s.execution_options(stream_results=True, yield_per=chunk).execute(select(t))
            for part in rows.partitions(chunk):
                batch = [tuple(r) for r in part]
                if dst.dialect == "postgresql":
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
            if dst.dialect == "postgresql" and len(pk) == 1 and pk[0].autoincrement is not False:
                seq = d.execute(
                    text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": t.name, "c": pk[0].name}
                ).scalar()
                if seq and n:
                    d.execute(
                        text(f'SELECT setval(:s, (SELECT max("{pk[0].name}") FROM "{t.name}"))'),
                        {"s": seq},
                    )
        copied[t.name] = n
    return copied
