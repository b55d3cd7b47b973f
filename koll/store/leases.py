"""Feed leases on PostgreSQL: several `koll ingest` workers claim due feeds without overlap.

A worker claims a batch of due feeds in one short transaction (`SELECT … FOR UPDATE SKIP LOCKED`,
so concurrent claimers never wait for or get the same rows) and writes its name and an expiry
into `lease_owner`/`lease_until`. The lease, not a held row lock, is what keeps other workers
away while the feeds are fetched, so no transaction stays open across network I/O. Recording a
feed's outcome clears its lease (store/feeds.py); a worker that dies leaves leases that expire,
and the next worker to look claims those feeds again. SQLite keeps its single-run file lock
(koll/run_lock.py) instead: a file database has one writer at a time anyway.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.engine import Connection

from koll.store import to_db
from koll.store.feeds import FeedRow, _row
from koll.store.schema import feeds, runs

# Any constant works; it only has to differ from other advisory locks (store.migrate uses 7242011).
_SYNC_LOCK = 7242012


def supported(conn: Connection) -> bool:
    """Whether this engine shares feeds through leases (PostgreSQL) or a run lock (SQLite)."""
    return conn.dialect.name == "postgresql"


def lock_feed_sync(conn: Connection) -> None:
    """Serialise `sync_feeds` between workers starting together (until the transaction ends).

    Without it two workers would both insert a newly configured feed and one would fail on the
    unique URL.
    """
    if supported(conn):
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_SYNC_LOCK})")


def claim_due(
    conn: Connection,
    *,
    owner: str,
    now: datetime,
    lease_s: float,
    limit: int,
    all_feeds: bool = False,
    exclude: Collection[int] = (),
) -> list[FeedRow]:
    """Lease up to `limit` due feeds to `owner` until now + lease_s; returns them, oldest first.

    Due means what store.feeds.due_feeds means, and not leased by a live worker. `exclude` names
    feeds this worker already handled in this run (with `all_feeds` they would be due again).
    """
    now_db = to_db(now)
    q = select(feeds).where(
        feeds.c.in_config.is_(True),
        feeds.c.status.notin_(["gone", "disabled"]),
        or_(feeds.c.lease_until.is_(None), feeds.c.lease_until <= now_db),
    )
    if not all_feeds:
        q = q.where(or_(feeds.c.next_due.is_(None), feeds.c.next_due <= now_db))
    if exclude:
        q = q.where(feeds.c.id.notin_(list(exclude)))
    q = q.order_by(feeds.c.next_due.is_not(None), feeds.c.next_due, feeds.c.id).limit(limit)
    if supported(conn):
        # Rows another claimer is locking right now are skipped, not waited for; rows it has
        # already leased fail the lease_until test when PostgreSQL rechecks them.
        q = q.with_for_update(skip_locked=True, of=feeds)
    rows = [_row(r) for r in conn.execute(q)]
    if rows:
        conn.execute(
            update(feeds)
            .where(feeds.c.id.in_([r.id for r in rows]))
            .values(lease_owner=owner, lease_until=now_db + timedelta(seconds=lease_s))
        )
    return rows


def renew(conn: Connection, *, owner: str, feed_ids: Sequence[int], until: datetime) -> int:
    """Extend this owner's leases on `feed_ids`; returns how many it still held."""
    if not feed_ids:
        return 0
    res = conn.execute(
        update(feeds)
        .where(feeds.c.id.in_(list(feed_ids)), feeds.c.lease_owner == owner)
        .values(lease_until=to_db(until))
    )
    return res.rowcount


def release(conn: Connection, *, owner: str, feed_ids: Sequence[int] | None = None) -> int:
    """Give back this owner's leases (all of them, or on `feed_ids`) without recording a fetch."""
    cond = [feeds.c.lease_owner == owner]
    if feed_ids is not None:
        if not feed_ids:
            return 0
        cond.append(feeds.c.id.in_(list(feed_ids)))
    res = conn.execute(update(feeds).where(and_(*cond)).values(lease_owner=None, lease_until=None))
    return res.rowcount


def leased(conn: Connection, now: datetime) -> list[tuple[str, str, datetime]]:
    """(url, owner, until) of every live lease, for `koll feeds` and tests."""
    q = (
        select(feeds.c.url, feeds.c.lease_owner, feeds.c.lease_until)
        .where(feeds.c.lease_until > to_db(now))
        .order_by(feeds.c.id)
    )
    return [(r.url, r.lease_owner, r.lease_until) for r in conn.execute(q)]


def interrupt_dead_runs(conn: Connection, now: datetime, lease_s: float) -> int:
    """Mark runs still 'running' whose worker is gone as interrupted; returns how many.

    A live worker always holds leases while it works (it claims the next batch as soon as one is
    stored), so a run older than a lease whose worker holds no live lease was killed or crashed.
    Liveness is read from the leases, not from a session lock, because forked scoring processes
    inherit the worker's database sockets and keep its sessions open after it was killed. In
    the instant between two batches a live run may be marked too; its own finish_run then
    overwrites the mark.
    """
    if not supported(conn):
        return 0
    now_db = to_db(now)
    live = select(feeds.c.lease_owner).where(
        feeds.c.lease_until > now_db, feeds.c.lease_owner.is_not(None)
    )
    return conn.execute(
        update(runs)
        .where(
            runs.c.status == "running",
            runs.c.started < now_db - timedelta(seconds=lease_s),
            or_(runs.c.worker.is_(None), runs.c.worker.notin_(live)),
        )
        .values(status="interrupted", finished=now_db, message="the worker was killed or crashed")
    ).rowcount
