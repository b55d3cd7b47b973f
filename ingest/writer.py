"""The store thread of a run: records feeds' outcomes as they finish (or in due order), a group of
feeds per transaction.

ingest/batch.py hands each feed's outcome (its new state, and its items when it changed) over
from the event loop; a feed's items and state always commit together, so a kill loses at most
the group being written, never part of a feed.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import queue
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from ingest import feed_sync, schedule
from koll.store import OperationalError, Store, one_line, page_retries
from koll.store import feeds as store_feeds
from koll.store import items as store_items
from koll.store.feeds import FeedRow
from koll.store.records import Item

if TYPE_CHECKING:
    from collections.abc import Callable

    from ingest.models import RunReport
    from koll.config import Settings

log = logging.getLogger("koll.ingest")

# Feeds fetched but not yet stored, at most: enough to keep both cores and the network busy,
# few enough that a run over thousands of feeds holds only a few MB of bodies and items.
IN_FLIGHT = 64

# The store thread writes several feeds' outcomes per transaction: one commit and a few
# statements per group instead of per feed. A group is written once its oldest outcome has
# waited GROUP_WAIT_S, or once it holds GROUP_FEEDS feeds with items (less than IN_FLIGHT, since
# those feeds hold their in-flight places until stored). A kill loses at most the group being
# written, never part of a feed.
GROUP_WAIT_S = 0.25
GROUP_FEEDS = IN_FLIGHT // 2
GROUP_OUTCOMES = 1000
_WRITE_NOW = object()  # the group has waited long enough, or every feed in flight waits for it

# What recording a group gives: new items per outcome, and the moves the store refused.
Recorded = tuple[list[int], list[store_feeds.RefusedMove]]


class Order:
    """One batch as the store thread sees it: in which order its feeds are stored, and how to
    keep their leases.

    By default a feed is stored as soon as its outcome arrives. Storing strictly in due order
    made one feed that trickled a byte every 2 s hold back the commits of every feed behind it
    for its whole budget, and once IN_FLIGHT feeds waited, fetching stopped too (300 good
    feeds: 15.6 s alone, 73.3 s with 5 such feeds; issue 14). Item ids, and which of two feeds
    carrying the same post stores it first, then follow the order feeds finish in.
    `due_order` keeps the old order where the same feeds must give the same database on every
    run and engine (the demo, whose local feeds are never slow): outcomes then wait for every
    feed before them. Built on the event loop before the batch starts; `next` and `waiting`
    are the store thread's.
    """

    def __init__(
        self,
        feed_ids: list[int],
        renew: Callable[[], None] | None = None,
        *,
        due_order: bool = False,
    ):
        self.position = {fid: i for i, fid in enumerate(feed_ids)}  # feed id -> place
        self.renew = renew  # keeps the batch's leases (PostgreSQL) before each commit
        self.due_order = due_order
        self.next = 0
        self.waiting: dict[int, Outcome | None] = {}


@dataclass(slots=True)
class Outcome:
    """What the store thread records for one feed: its state, and its items when it changed."""

    order: Order
    feed: FeedRow
    success: store_feeds.Success | None = None
    failure: store_feeds.Failure | None = None
    deferred: store_feeds.Deferred | None = None
    items: list[Item] = field(default_factory=list)
    scored: tuple | None = None
    # Keys of scored items whose text is a teaser full text did not replace (fulltext feeds).
    teasers: frozenset[str] = frozenset()
    # A full-text feed's pages on this run: the keys of its items whose page waits (key -> it
    # was asked for), and what asking again for its stored items' waiting pages found.
    page_waits: dict[str, bool] = field(default_factory=dict)
    retried: page_retries.Retried | None = None
    # Set once the outcome is committed, for feeds whose items wait in memory meanwhile.
    stored: concurrent.futures.Future | None = None

    def feed_items(self) -> store_items.FeedItems:
        items, mentions_of, item_scores, mention_scores = self.items, {}, {}, {}
        if self.scored:
            fresh, mentions_of, item_scores, mention_scores = self.scored
            by_key = {it.key: it for it in fresh}
            items = [by_key.get(it.key, it) for it in items]
        return store_items.FeedItems(
            self.feed.id,
            items,
            mentions_of,
            item_scores,
            mention_scores,
            self.teasers,
            self.page_waits,
        )


class Writer:
    """The store thread: records feeds' outcomes as they arrive, many feeds per transaction.

    One thread, so SQLite has one writer and no lock fights. The event loop hands outcomes over
    with their place in due order; with Order.due_order the thread keeps that order itself, so
    the same feeds give the same item ids on every run and engine, with no round trip through
    the loop between groups. Outcomes without items (a 304, unchanged bytes, a failure) are not
    waited for.
    """

    def __init__(
        self,
        store: Store,
        now: datetime,
        report: RunReport,
        brands: Sequence[str] | None = None,
        *,
        settings: Settings,
    ):
        self.store, self.now, self.report = store, now, report
        self.settings = settings  # koll.toml, whose entries a refused move's warning names
        # The configured brands, whose mentions an edit replaces (None: every brand's).
        self.brands = None if brands is None else tuple(brands)
        self.inbox: queue.SimpleQueue = queue.SimpleQueue()
        self.error: BaseException | None = None  # the database failed even a feed alone
        self.thread = threading.Thread(target=self._loop, name="koll-store", daemon=True)
        self.thread.start()

    # -- event loop side ----------------------------------------------------------------------
    def put(self, order: Order, feed_id: int, outcome: Outcome | None) -> None:
        """Hand over the outcome of a feed of `order` (None: nothing to record)."""
        self.inbox.put((order, order.position[feed_id], outcome))

    def hurry(self) -> None:
        """Write the group now: every feed in flight waits for it, nothing else would come."""
        self.inbox.put(_WRITE_NOW)

    async def flush(self) -> None:
        """Wait until everything handed over is committed; raise what made storing impossible."""
        done: concurrent.futures.Future = concurrent.futures.Future()
        self.inbox.put(done)
        await asyncio.wrap_future(done)

    def close(self) -> None:
        self.inbox.put(None)
        self.thread.join()

    # -- store thread -------------------------------------------------------------------------
    def _loop(self) -> None:
        group: list[Outcome] = []
        waiting = 0  # outcomes in the group whose feeds wait for the commit
        deadline = 0.0
        while True:
            timeout = max(0.0, deadline - time.monotonic()) if group else None
            try:
                msg = self.inbox.get(timeout=timeout)
            except queue.Empty:
                msg = _WRITE_NOW
            try:
                if isinstance(msg, tuple):
                    for ready in self._in_order(*msg):
                        if not group:
                            deadline = time.monotonic() + GROUP_WAIT_S
                        group.append(ready)
                        waiting += ready.stored is not None
                    if waiting < GROUP_FEEDS and len(group) < GROUP_OUTCOMES:
                        continue
                self._write(group)
            except BaseException as e:  # a bug here must not leave feeds waiting
                self.error = self.error or e
                self._settle(group, None)
            group, waiting = [], 0
            if msg is None:
                return
            if isinstance(msg, concurrent.futures.Future):
                if self.error is not None:
                    msg.set_exception(self.error)
                else:
                    msg.set_result(None)

    @staticmethod
    def _in_order(order: Order, position: int, outcome: Outcome | None) -> list[Outcome]:
        """The outcomes whose turn has come (in due order, with Order.due_order) now that this
        one has arrived."""
        if not order.due_order:
            return [outcome] if outcome is not None else []
        if position < order.next:  # a second outcome of a feed (after an error)
            return [outcome] if outcome is not None else []
        order.waiting[position] = outcome
        out = []
        while order.next in order.waiting:
            ready = order.waiting.pop(order.next)
            order.next += 1
            if ready is not None:
                out.append(ready)
        return out

    def _write(self, group: list[Outcome]) -> None:
        if not group:
            return
        if self.error is not None:  # the database is gone: let the loop finish the batch
            self._settle(group, None)
            return
        renew = group[-1].order.renew
        if renew:
            renew()
        try:
            with self.store.begin() as conn:
                recorded = self._record(conn, group)
        except Exception:  # retried feed by feed below
            if len(group) > 1:
                log.info("storing %d feeds together failed; storing them one by one", len(group))
            for outcome in group:
                self._write_alone(outcome)
            return
        self._committed(group, recorded)

    def _record(self, conn, group: list[Outcome]) -> Recorded:
        """Items of the changed feeds, then every feed's new state; new items per outcome, and
        the moves the store refused (said once committed: a retried group is recorded again)."""
        changed = [o for o in group if o.items]
        feeds = [o.feed_items() for o in changed]
        counts = store_items.save_feeds(conn, feeds, now=self.now, brands=self.brands)
        new_of = {id(o): n for o, n in zip(changed, counts, strict=True)}
        for o in group:  # after the items: a waiting page is read into the item as stored
            if o.retried is not None:
                page_retries.record(conn, o.retried, self.now, self.brands)
        refused = store_feeds.record_outcomes(
            conn,
            now=self.now,
            successes=[o.success for o in group if o.success],
            failures=[o.failure for o in group if o.failure],
            deferred=[o.deferred for o in group if o.deferred],
        )
        return [new_of.get(id(o), 0) for o in group], refused

    def _committed(self, group: list[Outcome], recorded: Recorded) -> None:
        new, refused = recorded
        feed_sync.warn_refused(self.settings, refused)
        self._settle(group, new)

    def _write_alone(self, outcome: Outcome) -> None:
        """One feed in its own transaction (retried when transient, and while a server that
        went away is waited for: Store.retry); a failure costs that feed, unless the database
        itself failed (a full disk, a server that stayed away): that ends the run instead."""
        if self.error is not None:  # an earlier feed found the database unusable
            self._settle([outcome], None)
            return
        try:
            recorded = self.store.retry(lambda conn: self._record(conn, [outcome]))
        except OperationalError as e:
            # The database, not this feed (disk full, I/O error, read-only file, a server
            # gone for longer than [workers] reconnect; transient errors were retried): recording it as the feed's failure would back off a
            # healthy feed, and every other feed would fail the same way, each with a
            # traceback. The feeds not stored stay due for the next run.
            self.error = e
            log.error("%s: storing failed, ending the run: %s", outcome.feed.url, one_line(e))
            self._settle([outcome], None)
            return
        except Exception as e:  # recorded as the feed's failure, if possible
            if outcome.failure is None:
                failed = failure(
                    outcome.feed, self.now, _why(outcome.feed.url, e), soft=True, retry_after=None
                )
                again = Outcome(outcome.order, outcome.feed, failure=failed, stored=outcome.stored)
                try:
                    recorded = self.store.retry(lambda conn: self._record(conn, [again]))
                except Exception as e2:  # handed to the loop at the next flush
                    self.error = e2
                    self._settle([again], None)
                    return
                self._committed([again], recorded)
                return
            self.error = e
            self._settle([outcome], None)
            return
        self._committed([outcome], recorded)

    def _settle(self, group: list[Outcome], new: list[int] | None) -> None:
        """Count what was committed (new is None: nothing was) and wake the feeds waiting."""
        report = self.report
        for i, o in enumerate(group):
            if new is not None:
                if o.failure is not None:
                    report.feeds_failed += 1
                    report.errors[o.feed.url] = o.failure.error
                elif o.deferred is not None:
                    report.deferred += 1
                else:
                    report.feeds_ok += 1
                    report.new_items += new[i]
            if o.stored is not None and not o.stored.done():
                o.stored.set_result(None)


def _why(url: str, e: Exception) -> str:
    """A feed's last_error when storing it failed, logged once: one line naming the error.

    The database refusing the feed's data says what it refused in its first line; its whole
    message (the statement and every parameter, thousands of characters) had been the feed's
    last_error, under two chained tracebacks in the log. Anything else is a bug here, logged
    with its traceback."""
    if isinstance(e, SQLAlchemyError):
        kind = getattr(e, "orig", None) or e
        why = f"storing failed: {kind.__class__.__name__}: {one_line(e)}"
        log.error("%s: %s", url, why)
        return why
    log.exception("%s: storing failed", url)
    return f"internal error: {e.__class__.__name__}: {one_line(e)}"


def failure(
    feed: FeedRow,
    now: datetime,
    error: str,
    *,
    soft: bool,
    retry_after: float | None,
    gone: bool = False,
) -> store_feeds.Failure:
    failures = feed.failures + 1
    status, next_due = schedule.after_failure(
        now, feed.interval_s, failures, soft=soft, retry_after_s=retry_after, gone=gone
    )
    return store_feeds.Failure(feed.id, next_due, error, status, failures)
