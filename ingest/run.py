"""One scheduled ingestion run: fetch due feeds, parse, match brands, score, store each feed atomically.

The pipeline, per feed and many feeds at once (a batch of them: ingest/batch.py): fetch (asyncio,
main process) -> parse, look up which items are new, match and score those (one job on a worker
process, work.feed_job) -> store items, mentions, scores and the feed's new state (the store
thread, as feeds finish, a group of feeds per transaction: a feed's items and state always
commit together). A slow feed therefore delays only itself, a kill at any moment loses at most
the feeds in flight and the group being written, never half of a feed, and the main process
keeps only the network and the database.

This module is the run around its batches: the store, the due feeds (claimed a batch at a time
under leases on PostgreSQL), the run log, the event loop and the signals that end a run.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import sys
from collections.abc import Callable, Coroutine, Iterator
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from ingest import feed_sync, sources, work
from ingest.batch import NO_STORE, Batch, run_batch
from ingest.models import RunReport
from ingest.writer import Writer
from koll.config import Settings
from koll.run_lock import EXIT_LOCKED, LockHeld, RunLock, lock_path_for, term_as_interrupt
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
        return Store(NO_STORE)
    # An SQLite file is read first without opening an engine, which switches it to WAL.
    if sqlite_current_schema(settings.database_url, "a dry run changes nothing") is False:
        return Store(NO_STORE)  # a database without koll's tables yet
    store = Store(settings.database_url, create=False, reconnect_s=settings.workers.reconnect_s)
    try:  # a read-only store was checked as it opened
        if store.readonly or current_schema(store.engine, store.url, "a dry run changes nothing"):
            return store
    except BaseException:
        store.close()
        raise
    store.close()  # a database without koll's tables yet
    return Store(NO_STORE)


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
    """Fetch and store every due feed once; raises koll.run_lock.LockHeld when another run is active.

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
            else RunLock(lock_path_for(settings.database_url, settings.config_path))
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
                _run_loop(run_batch(self._batch(due, pool, writer), due))
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

    def _batch(self, due: list[FeedRow], pool: work.Workers, writer: Writer | None) -> Batch:
        renew = (
            _lease_renewer(self.store, self.settings, self.worker, [f.id for f in due])
            if self.leased
            else None
        )
        return Batch(
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
        with term_as_interrupt():
            return ingest_once(settings=settings, dry_run=dry_run, all_feeds=all_feeds).exit_code
    except LockHeld as e:
        print(f"koll: {e}; exiting", file=sys.stderr)
        return EXIT_LOCKED
