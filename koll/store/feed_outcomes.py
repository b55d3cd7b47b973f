"""Each fetch's outcome on its feed row: success, failure, deferral, a host's pause, a move."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, Text, bindparam, func, or_, select, update
from sqlalchemy.engine import Connection

from koll.store import to_db
from koll.store.schema import feeds


@dataclass(frozen=True)
class Success:
    """A fetch that worked (new items, a 304, or unchanged bytes): the feed's new state."""

    feed_id: int
    next_due: datetime
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    title: str | None = None  # kept when None
    new_url: str | None = None  # after a permanent redirect
    dropped_entries: int | None = None  # past max_entries; kept when None (nothing was parsed)


@dataclass(frozen=True)
class Failure:
    """A fetch or parse that failed: the feed's new state."""

    feed_id: int
    next_due: datetime | None
    error: str
    status: str
    failures: int


@dataclass(frozen=True)
class Deferred:
    """A feed not fetched because its host's turn was too far off: due again then, nothing else
    changes (it did not fail)."""

    feed_id: int
    next_due: datetime


# Built once and run with one parameter set per feed (executemany): a run records thousands of
# outcomes, mostly unchanged feeds, and one statement per feed cost more than the database's work.
# Recording an outcome also ends the feed's lease (store/leases.py).
_SUCCESS = (
    update(feeds)
    .where(feeds.c.id == bindparam("f_id"))
    .values(
        status="ok",
        failures=0,
        last_error=None,
        last_attempt=bindparam("f_now"),
        last_success=bindparam("f_now"),
        next_due=bindparam("f_next_due"),
        etag=bindparam("f_etag"),
        last_modified=bindparam("f_last_modified"),
        body_hash=bindparam("f_body_hash"),
        title=func.coalesce(bindparam("f_title", type_=Text), feeds.c.title),
        dropped_entries=func.coalesce(
            bindparam("f_dropped", type_=Integer), feeds.c.dropped_entries
        ),
        lease_owner=None,
        lease_until=None,
    )
)
_FAILURE = (
    update(feeds)
    .where(feeds.c.id == bindparam("f_id"))
    .values(
        status=bindparam("f_status"),
        failures=bindparam("f_failures"),
        last_error=bindparam("f_error"),
        last_attempt=bindparam("f_now"),
        next_due=bindparam("f_next_due"),
        lease_owner=None,
        lease_until=None,
    )
)


_DEFERRED = (
    update(feeds)
    .where(feeds.c.id == bindparam("f_id"))
    .values(next_due=bindparam("f_next_due"), lease_owner=None, lease_until=None)
)


# A host's pause (a 429 or 503 with Retry-After) kept beyond the run that was told: its feeds
# are due no earlier than the pause's end. Feeds due later, gone or disabled are left as they are.
_HOLD = (
    update(feeds)
    .where(
        feeds.c.id == bindparam("f_id"),
        # (not notin_: an expanding IN cannot be run with executemany)
        feeds.c.status != "gone",
        feeds.c.status != "disabled",
        or_(feeds.c.next_due.is_(None), feeds.c.next_due < bindparam("f_next_due")),
    )
    .values(next_due=bindparam("f_next_due"))
)


def hold_feeds(conn: Connection, held: Sequence[Deferred]) -> None:
    """Make each feed due no earlier than its `next_due` (its host asked for a pause until then)."""
    if held:
        conn.execute(_HOLD, [{"f_id": d.feed_id, "f_next_due": to_db(d.next_due)} for d in held])


@dataclass(frozen=True)
class RefusedMove:
    """A feed that moved for good onto the address of another stored feed and kept its own
    (_move). The store knows no koll.toml: the run words the warning with the entries' places
    in the file (ingest/feed_sync.warn_refused)."""

    config_url: str  # the moved feed, as configured
    url: str  # the address it keeps
    new_url: str  # where it moved, another feed's address
    taken: str  # the feed stored at new_url, as configured
    taken_in_config: bool  # that feed is listed in koll.toml too (both are read)


def _move(conn: Connection, feed_id: int, new_url: str) -> RefusedMove | None:
    """A feed's stored address after a permanent redirect (301/308) to `new_url`.

    A feed that moved onto the address of another stored feed keeps its old one: both would
    otherwise collide on the unique url and the items would be lost. Returned to be said on
    every run, since with both configured the same document is read twice: one entry should
    go."""
    taken = conn.execute(
        select(feeds.c.config_url, feeds.c.in_config).where(
            feeds.c.url == new_url, feeds.c.id != feed_id
        )
    ).first()
    if taken is None:
        conn.execute(update(feeds).where(feeds.c.id == feed_id).values(url=new_url))
        return None
    moved = conn.execute(select(feeds.c.config_url, feeds.c.url).where(feeds.c.id == feed_id)).one()
    return RefusedMove(moved.config_url, moved.url, new_url, taken.config_url, taken.in_config)


def record_outcomes(
    conn: Connection,
    *,
    now: datetime,
    successes: Sequence[Success] = (),
    failures: Sequence[Failure] = (),
    deferred: Sequence[Deferred] = (),
) -> list[RefusedMove]:
    """Record many feeds' fetch outcomes in a few statements (inside the caller's transaction).

    Returns the moves refused because another stored feed has the new address, for the caller
    to say once the transaction has committed."""
    now_db = to_db(now)
    moves = [_move(conn, s.feed_id, s.new_url) for s in successes if s.new_url]
    if successes:
        conn.execute(
            _SUCCESS,
            [
                {
                    "f_id": s.feed_id,
                    "f_now": now_db,
                    "f_next_due": to_db(s.next_due),
                    "f_etag": s.etag,
                    "f_last_modified": s.last_modified,
                    "f_body_hash": s.body_hash,
                    "f_title": s.title or None,
                    "f_dropped": s.dropped_entries,
                }
                for s in successes
            ],
        )
    if failures:
        conn.execute(
            _FAILURE,
            [
                {
                    "f_id": f.feed_id,
                    "f_now": now_db,
                    "f_next_due": to_db(f.next_due),
                    "f_status": f.status,
                    "f_failures": f.failures,
                    "f_error": f.error[:2000],
                }
                for f in failures
            ],
        )
    if deferred:
        conn.execute(
            _DEFERRED, [{"f_id": d.feed_id, "f_next_due": to_db(d.next_due)} for d in deferred]
        )
    return [m for m in moves if m is not None]


def record_success(
    conn: Connection,
    feed_id: int,
    *,
    now: datetime,
    next_due: datetime,
    etag: str | None,
    last_modified: str | None,
    body_hash: str | None,
    title: str | None = None,
    new_url: str | None = None,
) -> list[RefusedMove]:
    ok = Success(feed_id, next_due, etag, last_modified, body_hash, title, new_url)
    return record_outcomes(conn, now=now, successes=[ok])


def record_failure(
    conn: Connection,
    feed_id: int,
    *,
    now: datetime,
    next_due: datetime | None,
    error: str,
    status: str,
    failures: int,
) -> None:
    failed = Failure(feed_id, next_due, error, status, failures)
    record_outcomes(conn, now=now, failures=[failed])
