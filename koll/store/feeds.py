"""Feed rows: sync with the config, what is due, and each fetch's outcome."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import Integer, Text, bindparam, func, or_, select, update
from sqlalchemy.engine import Connection

from koll.store import from_db, to_db
from koll.store.schema import feeds


class FeedSpec(Protocol):
    """A configured feed as the store needs it (koll.config.FeedConfig is one)."""

    @property
    def url(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def owner(self) -> str | None: ...
    @property
    def interval_s(self) -> int: ...


@dataclass(frozen=True)
class FeedRow:
    id: int
    url: str
    config_url: str
    kind: str
    owner: str | None
    interval_s: int
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    status: str
    failures: int
    last_error: str | None
    last_success: datetime | None
    next_due: datetime | None
    title: str | None = None
    created: datetime | None = None  # first configured (None: before koll recorded it)
    # Entries past [fetch] max_entries in the last document read (0: none were dropped).
    dropped_entries: int = 0


def unsynced(fc, row_id: int = 0) -> FeedRow:
    """A configured feed (`fc`, a config FeedConfig) that no run has stored yet, as sync_feeds
    would store it: never fetched. `koll feeds` and a dry run show such feeds without writing."""
    return FeedRow(
        id=row_id,
        url=fc.url,
        config_url=fc.url,
        kind=fc.kind,
        owner=fc.owner,
        interval_s=fc.interval_s,
        etag=None,
        last_modified=None,
        body_hash=None,
        status="never",
        failures=0,
        last_error=None,
        last_success=None,
        next_due=None,
    )


def _row(r) -> FeedRow:
    return FeedRow(
        id=r.id,
        url=r.url,
        config_url=r.config_url,
        kind=r.kind,
        owner=r.owner,
        interval_s=r.interval_s,
        etag=r.etag,
        last_modified=r.last_modified,
        body_hash=r.body_hash,
        status=r.status,
        failures=r.failures,
        last_error=r.last_error,
        last_success=from_db(r.last_success),
        next_due=from_db(r.next_due),
        title=r.title,
        created=from_db(r.created),
        dropped_entries=r.dropped_entries or 0,
    )


def sync_feeds(
    conn: Connection, configured: Sequence[FeedSpec], now: datetime | None = None
) -> None:
    """Insert new feeds (created `now`), update kind/owner/interval of known ones, mark removed
    ones."""
    created = to_db(now or datetime.now(UTC))
    existing = {r.config_url: r for r in conn.execute(select(feeds))}
    wanted = {f.url for f in configured}
    for f in configured:
        if f.url in existing:
            r = existing[f.url]
            if (r.kind, r.owner, r.interval_s, r.in_config) != (
                f.kind,
                f.owner,
                f.interval_s,
                True,
            ):
                conn.execute(
                    update(feeds)
                    .where(feeds.c.id == r.id)
                    .values(kind=f.kind, owner=f.owner, interval_s=f.interval_s, in_config=True)
                )
        else:
            conn.execute(
                feeds.insert().values(
                    url=f.url,
                    config_url=f.url,
                    kind=f.kind,
                    owner=f.owner,
                    interval_s=f.interval_s,
                    in_config=True,
                    status="never",
                    failures=0,
                    created=created,
                )
            )
    for url, r in existing.items():
        if url not in wanted and r.in_config:
            conn.execute(update(feeds).where(feeds.c.id == r.id).values(in_config=False))


def due_feeds(
    conn: Connection,
    now: datetime,
    *,
    all_feeds: bool = False,
    config_urls: Sequence[str] | None = None,
) -> list[FeedRow]:
    """Configured feeds whose next_due has come (or all active ones), oldest first; configured
    means in_config, or with `config_urls` configured under one of them (a dry run, which does
    not sync the file's feeds into the store)."""
    configured = (
        feeds.c.in_config.is_(True)
        if config_urls is None
        else feeds.c.config_url.in_(list(config_urls))
    )
    q = select(feeds).where(configured, feeds.c.status.notin_(["gone", "disabled"]))
    if not all_feeds:
        q = q.where(or_(feeds.c.next_due.is_(None), feeds.c.next_due <= to_db(now)))
    return [
        _row(r)
        for r in conn.execute(
            q.order_by(feeds.c.next_due.is_not(None), feeds.c.next_due, feeds.c.id)
        )
    ]


def all_feeds(conn: Connection, *, configured_only: bool = True) -> list[FeedRow]:
    q = select(feeds).order_by(feeds.c.id)
    if configured_only:
        q = q.where(feeds.c.in_config.is_(True))
    return [_row(r) for r in conn.execute(q)]


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


def record_outcomes(
    conn: Connection,
    *,
    now: datetime,
    successes: Sequence[Success] = (),
    failures: Sequence[Failure] = (),
    deferred: Sequence[Deferred] = (),
) -> None:
    """Record many feeds' fetch outcomes in a few statements (inside the caller's transaction)."""
    now_db = to_db(now)
    for s in successes:
        if s.new_url:
            # A feed that moved (301/308) onto the URL of another configured feed keeps its old
            # URL: both would otherwise collide on the unique url and the items would be lost.
            taken = conn.execute(
                select(feeds.c.id).where(feeds.c.url == s.new_url, feeds.c.id != s.feed_id)
            ).first()
            if taken is None:
                conn.execute(update(feeds).where(feeds.c.id == s.feed_id).values(url=s.new_url))
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
) -> None:
    ok = Success(feed_id, next_due, etag, last_modified, body_hash, title, new_url)
    record_outcomes(conn, now=now, successes=[ok])


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


def enable_feed(conn: Connection, url: str, now: datetime) -> bool:
    """Re-enable a disabled or gone feed so that it is polled on the next run."""
    res = conn.execute(
        update(feeds)
        .where(or_(feeds.c.url == url, feeds.c.config_url == url))
        .values(status="never", failures=0, last_error=None, next_due=to_db(now))
    )
    return res.rowcount > 0


def feed_ids_by_url(conn: Connection) -> dict[str, int]:
    return {r.config_url: r.id for r in conn.execute(select(feeds.c.id, feeds.c.config_url))}


__all__ = [
    "FeedRow",
    "sync_feeds",
    "due_feeds",
    "all_feeds",
    "Success",
    "Failure",
    "Deferred",
    "record_outcomes",
    "hold_feeds",
    "record_success",
    "record_failure",
    "enable_feed",
    "feed_ids_by_url",
]
