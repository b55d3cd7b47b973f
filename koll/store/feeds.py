"""Feed rows: sync with the config, what is due, and re-enabling (outcomes: feed_outcomes.py)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import case, or_, select, update
from sqlalchemy.engine import Connection

from koll.store import from_db, to_db

# Each fetch's outcome is recorded by feed_outcomes.py; named here too, where the callers of
# the feed rows have always found them.
from koll.store.feed_outcomes import (
    Deferred,
    Failure,
    RefusedMove,
    Success,
    hold_feeds,
    record_failure,
    record_outcomes,
    record_success,
)
from koll.store.feed_sync import (
    Address,
    FeedSpec,
    Reschedule,
    SameFeed,
    SyncPlan,
    as_written,
    plan_sync,
)
from koll.store.schema import feeds

log = logging.getLogger(__name__)


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
    last_attempt: datetime | None = None  # the last fetch, failed or not
    in_config: bool = True  # koll.toml lists it (as of the last sync)


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
        last_attempt=from_db(r.last_attempt),
        in_config=bool(r.in_config),
    )


def sync_feeds(
    conn: Connection,
    configured: Sequence[FeedSpec],
    now: datetime | None = None,
    *,
    address: Address = as_written,
    reschedule: Reschedule | None = None,
) -> list[SameFeed]:
    """Insert new feeds (created `now`), update known ones (a moved feed written into koll.toml
    under its new address is known: koll/store/feed_sync.py; a shorter interval may bring the
    next due time forward, as `reschedule` says), mark removed ones.

    Returns the configured URLs left out as another's feed, for the caller to report: a file
    that lists a feed twice must not stop the other feeds from being read."""
    created = to_db(now or datetime.now(UTC))
    for _ in range(3):
        plan = plan_sync(
            all_feeds(conn, configured_only=False),
            configured,
            address=address,
            reschedule=reschedule,
        )
        if _write_plan(conn, plan, created):
            break
        # A new entry's address was taken meanwhile (PostgreSQL, leased workers: another worker
        # recorded a 301 to it, which does not wait for the sync's lock). The insert was left
        # out rather than failing the run; planned again, the entry is that moved feed.
    else:
        log.warning(
            "feeds %s: not stored this run (their addresses kept changing while the run read "
            "koll.toml); the next run stores them",
            ", ".join(f.url for _, f in plan.new),
        )
    return plan.same


def _write_plan(conn: Connection, plan: SyncPlan, created: datetime | None) -> bool:
    """Write a sync plan; False when a new feed was not inserted because its URL is a stored
    feed's by now (the caller plans again from what is stored)."""
    # A configured URL may pass from one row to another in one plan (a retired row gives its up
    # to the listed feed now at that address): written in id order, the row taking it could come
    # first while the other still held it, a unique violation on every run (a review: a site's
    # swapped feeds listed as `koll feeds` shows them). Every URL that changes hands is first
    # parked at a value no entry has, then written.
    handed = [(b, a) for b, a in plan.updates if a.config_url != b.config_url]
    for before, _ in handed:
        conn.execute(
            update(feeds)
            .where(feeds.c.id == before.id)
            .values(config_url=f"{before.config_url}#moving-{before.id}")
        )
    for before, after in plan.updates:
        values = {
            name: getattr(after, name)
            for name in ("config_url", "kind", "owner", "interval_s", "in_config")
            if getattr(after, name) != getattr(before, name)
        }
        if values:
            conn.execute(update(feeds).where(feeds.c.id == before.id).values(**values))
        if after.next_due != before.next_due:
            # Only over the due time the plan was made from: a worker that recorded the feed's
            # outcome meanwhile (a Retry-After's wait, a success's next turn; leased workers do
            # not wait for the sync's lock) set a due time that stands.
            same = (
                feeds.c.next_due.is_(None)
                if before.next_due is None
                else feeds.c.next_due == to_db(before.next_due)
            )
            conn.execute(
                update(feeds)
                .where(feeds.c.id == before.id, same)
                .values(next_due=to_db(after.next_due))
            )
    inserted = True
    for _, f in plan.new:
        added = conn.execute(
            _insert(conn)
            .values(
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
            .on_conflict_do_nothing()  # on either unique column, url or config_url
        )
        inserted = inserted and added.rowcount == 1
    if plan.leaving:
        ids = [r.id for r in plan.leaving]
        conn.execute(update(feeds).where(feeds.c.id.in_(ids)).values(in_config=False))
    return inserted


def _insert(conn: Connection):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        # The same on_conflict_* API as PostgreSQL's; only the two stubs' types differ.
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    return insert(feeds)


def configured_rows(
    conn: Connection,
    configured: Sequence[FeedSpec],
    *,
    address: Address = as_written,
    reschedule: Reschedule | None = None,
) -> tuple[list[FeedRow], list[SameFeed]]:
    """The configured feeds as sync_feeds would leave them, without writing (a dry run, `koll
    feeds`): the stored ones koll.toml lists in the store's order, then the new ones in the
    file's order, never fetched (negative ids); and the URLs sync_feeds would leave out."""
    plan = plan_sync(
        all_feeds(conn, configured_only=False), configured, address=address, reschedule=reschedule
    )
    return plan.kept + [unsynced(f, -(i + 1)) for i, f in plan.new], plan.same


_RESTING = ("gone", "disabled")  # never due; `koll feeds --enable` brings them back


def due_feeds(conn: Connection, now: datetime, *, all_feeds: bool = False) -> list[FeedRow]:
    """Configured feeds whose next_due has come (or all active ones), oldest first."""
    q = select(feeds).where(feeds.c.in_config.is_(True), feeds.c.status.notin_(_RESTING))
    if not all_feeds:
        q = q.where(or_(feeds.c.next_due.is_(None), feeds.c.next_due <= to_db(now)))
    return [
        _row(r)
        for r in conn.execute(
            q.order_by(feeds.c.next_due.is_not(None), feeds.c.next_due, feeds.c.id)
        )
    ]


def due_among(rows: Sequence[FeedRow], now: datetime, *, all_feeds: bool = False) -> list[FeedRow]:
    """due_feeds over rows in memory (configured_rows: a dry run syncs nothing to select from)."""
    due = [
        r
        for r in rows
        if r.status not in _RESTING and (all_feeds or r.next_due is None or r.next_due <= now)
    ]
    return sorted(due, key=lambda r: (r.next_due is not None, r.next_due or now, r.id))


def all_feeds(conn: Connection, *, configured_only: bool = True) -> list[FeedRow]:
    q = select(feeds).order_by(feeds.c.id)
    if configured_only:
        q = q.where(feeds.c.in_config.is_(True))
    return [_row(r) for r in conn.execute(q)]


def enable_feed(
    conn: Connection,
    url: str,
    now: datetime,
    *,
    address: Address = as_written,
    ids: Sequence[int] | None = None,
) -> list[FeedRow]:
    """Make the feeds stored or configured under `url` (compared by `address`, as koll.toml
    compares feeds), or the feeds `ids` when the caller knows which rows the URL names, due
    now, and bring a disabled or gone one back with a fresh count of failures; returns the
    rows as they were (none: no such feed).

    Its status stays what it is until that run (`failing` for a feed brought back, which was
    fetched and failed; `never` only for one no run has fetched): a healthy feed enabled by
    mistake had been shown as `never` beside its last success."""
    wanted = address(url)
    found = [
        r
        for r in all_feeds(conn, configured_only=False)
        if (r.id in ids if ids is not None else wanted in (address(r.url), address(r.config_url)))
    ]
    if found:
        # Decided in the statement from the row as it is then, not from the read above: a run
        # may record the feed's outcome in between (a success, or its 30th failure).
        resting = feeds.c.status.in_(_RESTING)
        conn.execute(
            update(feeds)
            .where(feeds.c.id.in_([r.id for r in found]))
            .values(
                next_due=to_db(now),
                status=case(
                    (resting & feeds.c.last_attempt.is_(None), "never"),
                    (resting, "failing"),
                    else_=feeds.c.status,
                ),
                failures=case((resting, 0), else_=feeds.c.failures),
            )
        )
    return found


def feed_ids_by_url(conn: Connection) -> dict[str, int]:
    return {r.config_url: r.id for r in conn.execute(select(feeds.c.id, feeds.c.config_url))}


__all__ = [
    "FeedRow",
    "sync_feeds",
    "configured_rows",
    "due_feeds",
    "due_among",
    "all_feeds",
    "Success",
    "Failure",
    "Deferred",
    "RefusedMove",
    "record_outcomes",
    "hold_feeds",
    "record_success",
    "record_failure",
    "enable_feed",
    "feed_ids_by_url",
]
