"""One scheduled ingestion run: fetch due feeds, parse, match brands, score, store each feed atomically.

The pipeline, per feed and many feeds at once: fetch (asyncio, main process) -> parse, look up
which items are new, match and score those (one job on a worker process, work.feed_job) ->
store items, mentions, scores and the feed's new state (the store thread, as feeds finish, a
group of feeds per transaction: a feed's items and state always commit together). A slow feed
therefore delays only itself, a kill at any moment loses at most the feeds in flight and the
group being written, never half of a feed, and the main process keeps only the network and the
database.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import hashlib
import logging
import math
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable, Coroutine, Iterator
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.exc import SQLAlchemyError

from ingest import feed_sync, fulltext, schedule, sources, work
from ingest.fetch import Fetcher, FetchRequest, FetchResult, host_key
from ingest.models import ParsedFeed, RunReport
from ingest.writer import IN_FLIGHT, Order, Outcome, Writer, failure
from koll.config import Settings
from koll.searches import WINDOWS, host_rule
from koll.store import (
    Store,
    StoreError,
    check_sqlite_path,
    current_schema,
    one_line,
    page_retries,
    safe_url,
    sentiment_store,
    sqlite_current_schema,
    sqlite_file,
    utcnow,
)
from koll.store import feeds as store_feeds
from koll.store import leases as store_leases
from koll.store import runs as store_runs
from koll.store.feeds import FeedRow

log = logging.getLogger("koll.ingest")

EXIT_LOCKED = 75


class _Batch:
    """What one batch of feeds shares while its pipeline runs."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        now: datetime,
        report: RunReport,
        dry_run: bool,
        pool: work.Workers,
        writer: Writer | None,
        progress: Callable[[], None] | None,
        renew: Callable[[], None] | None,
        due_order: bool = False,
    ):
        self.store, self.settings, self.now, self.report = store, settings, now, report
        self.dry_run, self.pool, self.writer = dry_run, pool, writer
        self.progress, self.renew, self.due_order = progress, renew, due_order
        # Feeds are stored as they finish, or in due order with due_order (see writer.Order).
        self.order: Order  # set by _run_batch, before any feed starts (as fetcher and robots)
        self.handed: set[int] = set()  # feeds whose outcome went to the writer
        self.new_keys: set[str] = set()  # a dry run's new items: one carried by two feeds once
        # Where the workers look up which items are stored (None: a dry run with no store yet).
        self.known_url = None if store.url == _NO_STORE else store.url
        self.in_flight = asyncio.Semaphore(IN_FLIGHT)
        self.unstarted = 0  # feeds not yet in flight
        self.flying = 0  # feeds in flight
        self.storing = 0  # feeds in flight that wait for their items to be committed
        # Feeds built from [[searches]] (by configured URL): their old items are backfill.
        self.searches = {f.url: f.search for f in settings.feeds if f.search is not None}
        self.fetcher: Fetcher  # for full-text pages
        self.robots: fulltext.RobotsCache

    async def feed(self, fetcher: Fetcher, feed: FeedRow) -> None:
        try:
            # At most IN_FLIGHT feeds between fetch and store: fetching runs ahead of parsing
            # and storing, and without a bound every body and parsed item would wait in memory.
            # A feed leaves once stored, so a slow feed holds only its own slot. In due order
            # (writer.Order): the semaphore is FIFO and tasks start in due order, so the feed
            # whose turn it is to be stored always holds a slot.
            async with self.in_flight:
                self.unstarted -= 1
                self.flying += 1
                try:
                    await self._feed(fetcher, feed)
                finally:
                    self.flying -= 1
        finally:
            if self.writer is not None and feed.id not in self.handed:
                self.handed.add(feed.id)  # nothing to record (an early error): the next may go
                self.writer.put(self.order, feed.id, None)

    async def _feed(self, fetcher: Fetcher, feed: FeedRow) -> None:
        if self.writer is not None and self.writer.error is not None:
            raise self.writer.error  # the database failed even single feeds: end the run
        res = await fetcher.fetch(FetchRequest(feed.id, feed.url, feed.etag, feed.last_modified))
        if self.progress:
            self.progress()
        try:
            await self._handle(feed, res)
        except StoreError as e:  # the database (gone for longer than reconnect), not the feed
            log.error("%s: %s; ending the run", feed.url, e)
            raise
        except Exception as e:  # one feed's surprise must not end the run
            log.exception("%s: unexpected error", feed.url)
            self._fail(feed, f"internal error: {e.__class__.__name__}: {one_line(e)}", soft=True)

    async def _in_pool(self, fn, *args):
        """Run fn on the workers (processes when they are up, see work.Workers)."""
        return await asyncio.wrap_future(self.pool.submit(fn, *args))

    def _hand_over(self, outcome: Outcome) -> None:
        assert self.writer is not None  # a dry run hands nothing over (see _fail, _handle)
        self.handed.add(outcome.feed.id)
        self.writer.put(self.order, outcome.feed.id, outcome)

    def _fail(
        self,
        feed: FeedRow,
        error: str,
        *,
        soft: bool,
        retry_after: float | None = None,
        gone: bool = False,
    ) -> None:
        """Record a failed feed (counted once the store thread has committed it)."""
        log.warning("%s: %s", feed.url, error)
        if self.dry_run:
            self.report.feeds_failed += 1
            self.report.errors[feed.url] = error
            return
        failed = failure(feed, self.now, error, soft=soft, retry_after=retry_after, gone=gone)
        self._hand_over(Outcome(self.order, feed, failure=failed))

    def _defer(self, feed: FeedRow, wait_s: float) -> None:
        """Not fetched now (its host's turn is too far off): due again when the turn comes."""
        log.info("%s: deferred, %s", feed.url, f"its host's turn comes in {wait_s:.0f} s")
        if self.dry_run:
            self.report.deferred += 1
            return
        due = max(self.now, utcnow()) + timedelta(seconds=math.ceil(wait_s))
        self._hand_over(Outcome(self.order, feed, deferred=store_feeds.Deferred(feed.id, due)))

    async def _handle(self, feed: FeedRow, res: FetchResult) -> None:
        if res.outcome == "deferred":
            self._defer(feed, res.retry_after_s or 0.0)
            return
        if res.outcome not in ("ok", "not_modified"):
            self._fail(
                feed,
                res.error or res.outcome,
                soft=res.soft,
                retry_after=res.retry_after_s,
                gone=res.outcome == "gone",
            )
            return
        body_hash = hashlib.sha256(res.body).hexdigest() if res.outcome == "ok" else feed.body_hash
        parsed: ParsedFeed | None = None
        scored = None
        teasers: frozenset[str] = frozenset()
        # A full-text feed's pages on this run, new and waiting ones together (a dry run: none).
        fulltext_on = feed.config_url in self.settings.fulltext_feeds and not self.dry_run
        pages = fulltext.Pages.of(self.settings.fetch) if fulltext_on else None
        if res.outcome == "not_modified":
            self.report.not_modified += 1
        elif body_hash == feed.body_hash:
            self.report.unchanged += 1  # same bytes behind a new ETag: nothing to parse
        else:
            done = await self._parse(feed, res, pages)
            if done is None:
                return
            parsed, scored, teasers = done
        items = parsed.items if parsed else []
        self.report.seen_items += len(items)
        if self.dry_run:
            self.report.feeds_ok += 1
            # The items the store does not hold yet (the workers looked them up), or all of
            # them when there is no store to look in; each once, however many feeds carry it.
            fresh = items if self.known_url is None else scored[0] if scored else []
            keys = {it.key for it in fresh} - self.new_keys
            self.new_keys |= keys
            self.report.new_items += len(keys)
            return
        # Whether or not the document changed (a 304 too): the waiting pages of the feed's stored
        # items, whatever this run's new pages left of the cap and budget.
        retried = await self._read_again(feed, pages, scored) if pages is not None else None
        ok = store_feeds.Success(
            feed.id,
            schedule.next_due_after_success(self.now, feed.interval_s),
            res.etag,
            res.last_modified,
            body_hash,
            parsed.title if parsed else None,
            res.permanent_url,
            parsed.dropped_entries if parsed else None,
        )
        outcome = Outcome(self.order, feed, success=ok, items=items, scored=scored)
        outcome.teasers, outcome.retried = teasers, retried
        outcome.page_waits = pages.waits if pages is not None else {}
        await self._store(outcome)

    async def _read_again(
        self, feed: FeedRow, pages: fulltext.Pages, scored: tuple | None
    ) -> page_retries.Retried:
        """What asking again for the feed's waiting full-text pages found (ingest/fulltext.py
        read_again); with none of the cap left, nothing but the end of waits that are over."""
        if pages.left <= 0:
            return page_retries.Retried(feed.id)
        if pages.waiting is None:  # not read before the new items' pages (_parse)
            busy = {it.key for it in scored[0]} if scored else set()
            pages.waiting = await self._waiting(feed, pages, busy)
        waiting = pages.waiting[: pages.left]  # in turn (or the longest-waiting first: hold_one)
        return await fulltext.read_again(
            feed.id, waiting, feed.owner, self.fetcher, self.robots, self._in_pool, pages
        )

    async def _waiting(
        self, feed: FeedRow, pages: fulltext.Pages, busy: set[str]
    ) -> list[page_retries.Waiting]:
        """The feed's waiting pages in their turn (page_retries.pending: what is left of the cap,
        and the longest-waiting after), but those of its `busy` items: its new and edited ones
        have their pages asked for on this run."""
        waiting = await self._in_pool(
            work.waiting_pages,
            self.settings.database_url,
            feed.id,
            self.now,
            pages.left + len(busy),
            self.settings.workers.reconnect_s,
        )
        return [w for w in waiting if w.item.key not in busy]

    async def _parse(
        self, feed: FeedRow, res: FetchResult, pages: fulltext.Pages | None = None
    ) -> tuple[ParsedFeed, tuple | None, frozenset[str]] | None:
        """(the parsed feed, its new and edited items scored, the keys of those whose text is a
        teaser full text did not replace) from a worker; None when it failed."""
        out, scored, edited = await self._in_pool(
            work.feed_job,
            res.body,
            # The address the document came from, after every redirect (a 302 too): its
            # relative links are relative to it. Resolved against the configured address, a
            # comment feed 302ed to the blog's host hung its comments under no post. (The feed's
            # stored URL still moves only on a 301/308 chain: Success.permanent_url.)
            res.final_url or res.permanent_url or feed.url,
            feed.kind,
            # When the document came, not when the run began: an item published in between is
            # no clock error (parse dates items from after the fetch at the fetch).
            max(self.now, utcnow()),
            res.content_type,
            self.settings.fetch.max_entries,
            feed.owner,
            self.known_url,
            feed.created if feed.config_url in self.searches else None,
            self.settings.workers.reconnect_s,
            not self.dry_run,  # a dry run counts the new items, and scores none
            feed.id,  # edits are followed in the feed that first stored the item
        )
        if isinstance(out, str):
            self._fail(feed, out, soft=True)
            return None
        teasers: frozenset[str] = frozenset()
        if scored and pages is not None:
            scored, teasers = await self._full_text(feed, scored, edited, pages)
        if out.warning:
            # A warning, as docs/config.md promises for a document cut short: what it held whole
            # is stored and the feed is ok, so this line is all that tells of the lost rest.
            log.warning("%s: recovered from a malformed document (%s)", feed.url, out.warning)
        if out.dropped_entries:
            log.warning(
                "%s: the document has %d entries; only the first %d were read "
                "([fetch] max_entries), %d dropped",
                feed.url,
                len(out.items) + out.dropped_entries,
                self.settings.fetch.max_entries,
                out.dropped_entries,
            )
        self._check_window(feed, len(out.items), len(scored[0]) - len(edited) if scored else 0)
        self.report.parsed_fast += out.parser == "fast"
        return out, scored, teasers

    async def _full_text(
        self, feed: FeedRow, scored: tuple, edited: frozenset[str], pages: fulltext.Pages
    ) -> tuple[tuple, frozenset[str]]:
        """New and edited teaser items of a `fulltext = true` feed: their pages' text, rescored
        (fulltext.fill_scored), and the keys of those still a teaser. An edited item whose page
        was not read keeps a stored article, with its new title; one still a teaser then does
        not replace a stored article. With a cap of 2 or more, the waiting pages are read first:
        when any waits, a slot is held for them (Pages.hold_one); _read_again then asks for
        these."""
        if pages.left >= 2:
            pages.waiting = await self._waiting(feed, pages, {it.key for it in scored[0]})
            if pages.waiting:
                pages.hold_one()
        scored = await fulltext.fill_scored(
            scored,
            feed.owner,
            self.fetcher,
            self.settings.fetch,
            self.robots,
            self._in_pool,
            edited=edited,
            database_url=self.settings.database_url,
            reconnect_s=self.settings.workers.reconnect_s,
            pages=pages,
        )
        return scored, frozenset(it.key for it in scored[0] if fulltext.page_url(it))

    def _check_window(self, feed: FeedRow, seen: int, new: int) -> None:
        """Warn when a search's feed, which only carries its platform's latest N items (YouTube
        15), came back wholly new after an earlier poll: items may have been missed between."""
        search = self.searches.get(feed.config_url)
        window = WINDOWS.get(search.type) if search is not None else None
        if window is None or feed.last_success is None or seen < window or new < seen:
            return
        assert search is not None  # it has a window
        self.report.windows_full.append(feed.url)
        log.warning(
            "%s: all %d items are new since the last poll and the %s feed only carries the "
            "latest %d: some may have been missed; poll it more often (interval)",
            feed.url,
            seen,
            search.type,
            window,
        )

    async def _store(self, outcome: Outcome) -> None:
        """Hand a fetched feed to the writer; with items, wait until they are committed."""
        if not outcome.items:  # a 304 or unchanged bytes: nothing held, nothing to wait for
            self._hand_over(outcome)
            return
        outcome.stored = concurrent.futures.Future()
        outcome.stored.set_running_or_notify_cancel()
        self._hand_over(outcome)
        self.storing += 1
        if self.storing == self.flying and (self.flying == IN_FLIGHT or not self.unstarted):
            # Nothing else is fetched or parsed until this group commits: no point waiting for
            # the group to fill (at the end of a batch, or when storing is the bottleneck).
            assert self.writer is not None  # _hand_over above had it
            self.writer.hurry()
        try:
            await asyncio.wrap_future(outcome.stored)
        finally:
            self.storing -= 1


def _throttled_last(due: list[FeedRow], rules) -> list[FeedRow]:
    """Feeds on hosts that throttle hard (Reddit) last: those wait at their host, and in due
    order (writer.Order) the feeds stored after them would wait with them."""

    def throttled(f: FeedRow) -> bool:
        rule = host_rule(urlsplit(f.url).hostname or "", rules)
        return rule is not None and rule.max_wait_s is not None

    return sorted(due, key=throttled)


async def _run_batch(batch: _Batch, due: list[FeedRow]) -> None:
    due = _throttled_last(due, batch.settings.host_rules)
    async with Fetcher(batch.settings.fetch, batch.settings.host_rules) as fetcher:
        batch.order = Order([f.id for f in due], batch.renew, due_order=batch.due_order)
        batch.unstarted = len(due)
        batch.fetcher, batch.robots = fetcher, fulltext.RobotsCache(fetcher)
        await asyncio.gather(*(batch.feed(fetcher, f) for f in due))
        holds = fetcher.holds()
    if batch.writer is not None:
        # Every outcome of this batch is committed before the next batch is claimed (and the
        # run log counts them), and a database that failed even single feeds ends the run.
        await batch.writer.flush()
        _keep_holds(batch, holds)


def _keep_holds(batch: _Batch, holds: dict[str, float]) -> None:
    """Every feed on a host that asked for a pause is due no earlier than the pause's end.

    The gate's hold lives in this process only: the next cron run (a minute later) fetched the
    host's other feeds again within the hour its Retry-After had asked for. Written after the
    batch's outcomes, so that a feed fetched before the answer is held too.
    """
    if not holds:
        return
    start = max(batch.now, utcnow())
    ends = {host: start + timedelta(seconds=math.ceil(s)) for host, s in holds.items()}

    def hold(conn) -> None:
        rows = store_feeds.all_feeds(conn)
        held = [(f.id, ends.get(host_key(f.url) or "")) for f in rows]
        store_feeds.hold_feeds(conn, [store_feeds.Deferred(i, end) for i, end in held if end])

    batch.store.retry(hold)
    for host, end in ends.items():
        log.info(
            "%s asked for a pause: its feeds are due again from %s",
            host,
            f"{end:%Y-%m-%d %H:%M:%S} UTC",
        )


def _progress_printer(total: int) -> Callable[[], None] | None:
    """A progress line on a terminal; nothing when cron or systemd runs us (log lines only)."""
    if not sys.stderr.isatty() or total < 2:
        return None
    done = [0]

    def show() -> None:
        done[0] += 1
        print(
            f"\rkoll ingest: {done[0]}/{total} feeds fetched",
            end="" if done[0] < total else "\n",
            file=sys.stderr,
            flush=True,
        )

    return show


def _claim(
    store: Store, settings: Settings, now: datetime, worker: str, all_feeds: bool
) -> tuple[list[FeedRow], int]:
    """Under the run lock: sync the configured feeds (and end the page waits of feeds no longer
    full text), close the log of killed runs, pick due feeds.

    Returns (due feeds, run id). Leased (PostgreSQL) runs claim their feeds in batches instead,
    see _leased_batches.
    """
    with store.begin() as conn:
        feed_sync.sync(conn, settings, now)
        page_retries.end_unfollowed(conn, settings.fulltext_feeds)
        # We hold the lock, so a run still marked running was killed before it could finish.
        store_runs.interrupt_stale(conn, now)
        due = store_feeds.due_feeds(conn, now, all_feeds=all_feeds)
        run_id = store_runs.start_run(conn, now, worker)
    return due, run_id


# A dry run where the workspace has no store yet reads an empty one in memory.
_NO_STORE = "sqlite://"


def _run_store(settings: Settings) -> Store:
    """The store a run writes to; a server that goes away mid-run (a restart) is waited for, up
    to [workers] reconnect. A database this user may only read stops the run before it fetches."""
    store = Store(settings.database_url, reconnect_s=settings.workers.reconnect_s)
    if store.readonly:
        store.close()
        raise StoreError(
            f"{safe_url(settings.database_url)} is read-only for this user, and koll ingest "
            "stores what it fetches: run it as the user that writes the workspace (--dry-run "
            "reads only)"
        )
    return store


def _dry_run_store(settings: Settings) -> Store:
    """The store a dry run reads: the workspace's, opened without creating or upgrading it (a
    dry run stores nothing: it had created a missing database and upgraded an old one for
    good), or an empty one in memory when the workspace has none yet."""
    check_sqlite_path(settings.database_url)  # a folder, or none to make the file in
    path = sqlite_file(settings.database_url)
    if path is not None and not os.path.isfile(path):
        return Store(_NO_STORE)
    # An SQLite file is read first without opening an engine, which switches it to WAL.
    if sqlite_current_schema(settings.database_url, "a dry run changes nothing") is False:
        return Store(_NO_STORE)  # a database without koll's tables yet
    store = Store(settings.database_url, create=False, reconnect_s=settings.workers.reconnect_s)
    try:  # a read-only store was checked as it opened
        if store.readonly or current_schema(store.engine, store.url, "a dry run changes nothing"):
            return store
    except BaseException:
        store.close()
        raise
    store.close()  # a database without koll's tables yet
    return Store(_NO_STORE)


def _dry_run_feeds(
    store: Store, settings: Settings, now: datetime, all_feeds: bool
) -> list[FeedRow]:
    """The feeds a run would fetch now: those due among the stored ones koll.toml lists (as a
    run's sync would match them: a moved feed under its new address too), and the configured
    ones not stored yet (a run would add them, due at once). Every configured feed had been
    counted due, due or not."""
    with store.connect() as conn:
        # Matched in memory, not by the stored in_config flag: a feed taken out of the file and
        # put back is in_config again only once a run has synced the file.
        rows = feed_sync.as_configured(conn, settings)
    stored = [r for r in rows if r.id > 0]
    return store_feeds.due_among(stored, now, all_feeds=all_feeds) + [r for r in rows if r.id < 0]


def _leased_batches(
    store: Store, settings: Settings, worker: str, all_feeds: bool, now: datetime
) -> Iterator[list[FeedRow]]:
    """Due feeds claimed a batch at a time until none is left; unprocessed leases are given back."""
    done: set[int] = set()
    try:
        while True:
            batch = store.retry(
                lambda c: store_leases.claim_due(
                    c,
                    owner=worker,
                    now=max(now, utcnow()),  # `now` may be a simulated future (tests)
                    lease_s=settings.workers.lease_s,
                    limit=settings.workers.batch,
                    all_feeds=all_feeds,
                    exclude=done,
                )
            )
            if not batch:
                return
            done.update(f.id for f in batch)
            yield batch
    finally:
        # Feeds whose outcome was recorded have no lease any more; this frees the rest at once
        # (after an error, a server restart included: Store.retry waits for it) instead of
        # making other workers wait for the expiry.
        try:
            store.retry(lambda conn: store_leases.release(conn, owner=worker))
        except SQLAlchemyError as e:
            log.error("could not give back the run's claimed feeds: %s", one_line(e))


def _lease_renewer(
    store: Store, settings: Settings, worker: str, ids: list[int]
) -> Callable[[], None]:
    """Renew the batch's leases once half the lease has gone (fetching can take a while)."""
    state = {"until": utcnow() + timedelta(seconds=settings.workers.lease_s)}

    def renew() -> None:
        half = timedelta(seconds=settings.workers.lease_s / 2)
        if utcnow() + half < state["until"]:
            return
        until = utcnow() + timedelta(seconds=settings.workers.lease_s)
        store.retry(lambda c: store_leases.renew(c, owner=worker, feed_ids=ids, until=until))
        state["until"] = until

    return renew


def _finish_run(store: Store, run_id: int, report: RunReport, error: BaseException | None) -> None:
    """Close the run's log row: failed (with the reason) when an error ended the run.

    When even that cannot be written (the database is gone or full), one line says so and the
    error that ended the run is the one reported; the next run marks the row interrupted.
    """
    failed = error is not None or report.exit_code != 0
    message = None
    if error is not None:
        message = one_line(error) if isinstance(error, Exception) else error.__class__.__name__
    try:
        store.retry(  # waits out a server restart, as the run did (Store.retry)
            lambda conn: store_runs.finish_run(
                conn,
                run_id,
                now=utcnow(),
                status="interrupted"
                if isinstance(error, KeyboardInterrupt)
                else ("failed" if failed else "ok"),
                feeds_ok=report.feeds_ok,
                feeds_failed=report.feeds_failed,
                new_items=report.new_items,
                message=message,
            )
        )
    except SQLAlchemyError as e:
        log.error("could not record the end of run %d: %s", run_id, one_line(e))
        if error is None:
            raise


def ingest_once(
    *,
    settings: Settings,
    dry_run: bool = False,
    all_feeds: bool = False,
    now: datetime | None = None,
    due_order: bool = False,
    lock_held: bool = False,
) -> RunReport:
    """Fetch and store every due feed once; raises schedule.LockHeld when another run is active.

    Feeds are stored as they finish; `due_order` stores them in due order instead, so that the
    same feeds give the same item ids on every run and engine (the demo; see writer.Order).
    `lock_held`: the caller holds the run lock already (koll demo, for its whole rebuild); a
    second hold of it from this process would find it taken.
    """
    now = now or utcnow()
    settings = sources.with_searches(settings)  # a search is one more feed from here on
    store = _dry_run_store(settings) if dry_run else _run_store(settings)
    report = RunReport()
    worker = f"{socket.gethostname()}:{os.getpid()}"
    # PostgreSQL: any number of workers share the due feeds through leases (store/leases.py);
    # SQLite: one run at a time under the file lock.
    leased = store.dialect == "postgresql" and not dry_run
    try:
        with (
            # A dry run writes nothing, not even the run lock's file (a read-only folder), and
            # so need not keep a real run waiting.
            contextlib.nullcontext()
            if leased or dry_run or lock_held
            else schedule.RunLock(
                schedule.lock_path_for(settings.database_url, settings.config_path)
            )
        ):
            batches, run_id = _start_run(store, settings, now, worker, dry_run, leased, all_feeds)
            # New items are scored with the model `koll train` stored last, as rescoring does.
            with store.connect() as conn:
                stored_model = sentiment_store.load_model(conn)
            run = _Run(store, settings, now, report, worker, dry_run, leased)
            run.due_order = due_order
            run.process(batches, run_id, stored_model.blob if stored_model else None)
    finally:
        store.close()
    log.info(
        "ingest: %d due, %d ok (%d not modified, %d unchanged), %d failed, %d deferred, "
        "%d new items%s",
        report.feeds_due,
        report.feeds_ok,
        report.not_modified,
        report.unchanged,
        report.feeds_failed,
        report.deferred,
        report.new_items,
        " (dry run: nothing stored)" if dry_run else "",
    )
    return report


def _start_run(
    store: Store,
    settings: Settings,
    now: datetime,
    worker: str,
    dry_run: bool,
    leased: bool,
    all_feeds: bool,
) -> tuple[Iterator[list[FeedRow]], int | None]:
    """(the batches of due feeds, the run's id in the run log: None for a dry run)."""
    if dry_run:
        return iter([_dry_run_feeds(store, settings, now, all_feeds)]), None
    if leased:
        with store.begin() as conn:
            store_leases.lock_feed_sync(conn)
            feed_sync.sync(conn, settings, now)
            # Waits of feeds no longer full text, or no longer in the file (page_retries).
            page_retries.end_unfollowed(conn, settings.fulltext_feeds)
            store_leases.interrupt_dead_runs(conn, now, settings.workers.lease_s)
            run_id = store_runs.start_run(conn, now, worker)
        return _leased_batches(store, settings, worker, all_feeds, now), run_id
    due, run_id = _claim(store, settings, now, worker, all_feeds)
    return iter([due]), run_id


class _Run:
    """One run's batches through one worker pool and one writer, and the run log's last line."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        now: datetime,
        report: RunReport,
        worker: str,
        dry_run: bool,
        leased: bool,
    ):
        self.store, self.settings, self.now, self.report = store, settings, now, report
        self.worker, self.dry_run, self.leased = worker, dry_run, leased
        self.due_order = False  # store in due order (see writer.Order)

    def process(
        self, batches: Iterator[list[FeedRow]], run_id: int | None, model_blob: bytes | None
    ) -> None:
        store, settings, report = self.store, self.settings, self.report
        jobs = len(settings.feeds) if self.leased else None
        pool = None
        writer = None
        error: BaseException | None = None
        try:
            for due in batches:
                report.feeds_due += len(due)
                if pool is None:
                    pool = work.Workers(settings.brands, jobs or len(due), model_blob)
                if writer is None and not self.dry_run:
                    # Started after the pool: the workers fork while this process has no
                    # other thread (see work.Workers).
                    writer = Writer(
                        store,
                        self.now,
                        report,
                        [b.name for b in settings.brands],
                        settings=settings,
                    )
                _run_loop(_run_batch(self._batch(due, pool, writer), due))
        except BaseException as e:
            error = e
            raise
        finally:
            if writer is not None:
                writer.close()  # commits what was handed over
            if self.leased:
                # gives back leases of feeds not processed after an error (leased: batches is
                # the generator _leased_batches)
                batches.close()  # type: ignore[attr-defined]
            if pool is not None:
                # An interrupted or failed run does not wait for a busy job (a slow item's
                # scoring): SIGTERM must end the run in seconds.
                pool.shutdown(abandon=error is not None)
            if run_id is not None:
                _finish_run(store, run_id, report, error)

    def _batch(self, due: list[FeedRow], pool: work.Workers, writer: Writer | None) -> _Batch:
        renew = (
            _lease_renewer(self.store, self.settings, self.worker, [f.id for f in due])
            if self.leased
            else None
        )
        return _Batch(
            self.store,
            self.settings,
            self.now,
            self.report,
            self.dry_run,
            pool,
            writer,
            _progress_printer(len(due)),
            renew,
            self.due_order,
        )


def _run_loop(main: Coroutine[Any, Any, None]) -> None:
    """asyncio.run(main), with an interruption inside a task reported once (_quiet_interrupt)."""
    with asyncio.Runner() as runner:
        runner.get_loop().set_exception_handler(_quiet_interrupt)
        runner.run(main)


def _quiet_interrupt(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """The event loop's exception handler. A Ctrl-C or SIGTERM that lands inside a task's step
    stays on the task as its exception, and asyncio logged it, traceback and all, as "Task
    exception was never retrieved" after the CLI's "koll: interrupted" (seen in CI): the
    interruption is the run's, reported once. Anything else is logged as asyncio does."""
    if isinstance(context.get("exception"), KeyboardInterrupt | SystemExit):
        return
    loop.default_exception_handler(context)


@contextlib.contextmanager
def _term_as_interrupt() -> Iterator[None]:
    """SIGTERM (systemd stopping the service, `kill`) ends the run as Ctrl-C does.

    Python's default for SIGTERM ends the process without unwinding: the run row stayed
    `running` and, on PostgreSQL, the run's claimed feeds stayed claimed for the whole lease.
    As a KeyboardInterrupt the run closes its row as interrupted and gives its claims back.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread (a test's thread)
        return
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(*, settings: Settings, dry_run: bool = False, all_feeds: bool = False) -> int:
    """The cron entry point: 0 ok, 1 nothing could be fetched or stored, 75 another run holds the lock."""
    if not settings.feeds and not settings.searches:
        # Exit 0 ("0 due") read like a healthy run; a cron line over an empty or wrong file
        # would have fetched nothing for ever without a word. (A file of [[searches]] alone
        # is no such file: each search is a feed.)
        print(
            f"koll: {settings.config_path} lists no [[feeds]] or [[searches]], so there is "
            "nothing to fetch (add feeds, e.g. with koll discover URL)",
            file=sys.stderr,
        )
        return 0
    try:
        with _term_as_interrupt():
            return ingest_once(settings=settings, dry_run=dry_run, all_feeds=all_feeds).exit_code
    except schedule.LockHeld as e:
        print(f"koll: {e}; exiting", file=sys.stderr)
        return EXIT_LOCKED
