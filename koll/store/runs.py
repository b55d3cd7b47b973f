"""The run log: one row per `koll ingest` run."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from koll.store import from_db, to_db
from koll.store.schema import runs


def start_run(conn: Connection, now: datetime, worker: str, status: str = "running") -> int:
    return conn.execute(
        runs.insert().values(started=to_db(now), status=status, worker=worker)
    ).inserted_primary_key[0]  # type: ignore[index]  # a one-row INSERT always has its key


def finish_run(
    conn: Connection,
    run_id: int,
    *,
    now: datetime,
    status: str,
    feeds_ok: int,
    feeds_failed: int,
    new_items: int,
    message: str | None = None,
) -> None:
    conn.execute(
        update(runs)
        .where(runs.c.id == run_id)
        .values(
            finished=to_db(now),
            status=status,
            feeds_ok=feeds_ok,
            feeds_failed=feeds_failed,
            new_items=new_items,
            message=message,
        )
    )


def last_runs(conn: Connection, limit: int = 10) -> list[dict]:
    rows = conn.execute(select(runs).order_by(runs.c.id.desc()).limit(limit)).mappings().all()
    out = []
    for r in rows:
        d = dict(r)
        d["started"], d["finished"] = from_db(d["started"]), from_db(d["finished"])
        out.append(d)
    return out


def interrupt_stale(conn: Connection, now: datetime) -> int:
    """Close the log rows of runs that were killed (call only while holding the run lock)."""
    return conn.execute(
        update(runs)
        .where(runs.c.status == "running")
        .values(status="interrupted", finished=to_db(now), message="the run was killed or crashed")
    ).rowcount
