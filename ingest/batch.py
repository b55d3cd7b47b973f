"""A batch of due feeds through the pipeline, many at once: fetch each, have a worker parse and
score it, and hand it to the store thread (ingest/run.py runs a run's batches one by one)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import logging
import math
from collections.abc import Callable
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from ingest import fulltext, schedule, work
from ingest.fetch import Fetcher, FetchRequest, FetchResult, host_key
from ingest.models import ParsedFeed, RunReport
from ingest.writer import IN_FLIGHT, Order, Outcome, Writer, failure
from koll.config import Settings
from koll.searches import WINDOWS, host_rule
from koll.store import Store, StoreError, one_line, page_retries, utcnow
from koll.store import feeds as store_feeds
from koll.store.feeds import FeedRow

log = logging.getLogger("koll.ingest")

# A dry run where the workspace has no store yet reads an empty one in memory.
NO_STORE = "sqlite://"


class Batch:
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
        self.order: Order  # set by run_batch, before any feed starts (as fetcher and robots)
        self.handed: set[int] = set()  # feeds whose outcome went to the writer
        self.new_keys: set[str] = set()  # a dry run's new items: one carried by two feeds once
        # Where the workers look up which items are stored (None: a dry run with no store yet).
        self.known_url = None if store.url == NO_STORE else store.url
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


async def run_batch(batch: Batch, due: list[FeedRow]) -> None:
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


def _keep_holds(batch: Batch, holds: dict[str, float]) -> None:
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
