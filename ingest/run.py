"""One scheduled ingestion run: fetch due feeds, parse, match brands, score, store each feed atomically."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from analysis import lang as langid
from analysis import sentiment
from ingest import schedule
from ingest.config import Settings
from ingest.fetch import FetchRequest, FetchResult, fetch_all
from ingest.match import Matchers, match_item
from ingest.models import Item, Mention
from ingest.parse import FeedError, parse
from ingest.store import Store, utcnow
from ingest.store import feeds as store_feeds
from ingest.store import items as store_items
from ingest.store import runs as store_runs
from ingest.store.feeds import FeedRow

log = logging.getLogger("koll.ingest")

EXIT_OK, EXIT_NOTHING, EXIT_LOCKED = 0, 1, 75


@dataclass
class RunReport:
    feeds_due: int = 0
    feeds_ok: int = 0
    feeds_failed: int = 0
    not_modified: int = 0
    unchanged: int = 0
    new_items: int = 0
    seen_items: int = 0
    errors: dict[str, str] = field(default_factory=dict)  # url -> reason

    @property
    def exit_code(self) -> int:
        if self.feeds_due and not self.feeds_ok:
            return EXIT_NOTHING
        return EXIT_OK


def score_items(items: list[Item], mentions_of: dict[str, list[Mention]], matchers: Matchers):
    """Language, whole-text and brand-targeted sentiment for new items (pure computation)."""
    item_scores: dict[str, store_items.Score] = {}
    mention_scores: dict[tuple[str, str], store_items.Score] = {}
    scored: list[Item] = []
    for it in items:
        text = f"{it.title}. {it.text}" if it.title and it.text else (it.title or it.text)
        lang = langid.detect(text)
        s = sentiment.classify(text, lang=lang)
        item_scores[it.key] = store_items.Score(s.label, s.score, s.confidence, s.lang, s.model)
        for m in mentions_of.get(it.key, ()):
            bm = matchers.matchers[m.brand]
            t = sentiment.classify_for_brand(text, bm.mentions, lang=lang)
            mention_scores[(it.key, m.brand)] = store_items.Score(t.label, t.score, t.confidence, t.lang, t.model)
        scored.append(_with_lang(it, lang))
    return scored, item_scores, mention_scores


def _with_lang(item: Item, lang: str) -> Item:
    from dataclasses import replace

    return replace(item, lang=lang)


def _process(store: Store, feed: FeedRow, res: FetchResult, settings: Settings, matchers: Matchers,
             now: datetime, report: RunReport, dry_run: bool) -> None:
    """Turn one fetch result into stored items and the feed's new state, in one transaction."""
    if res.outcome in ("ok", "not_modified"):
        body_hash = hashlib.sha256(res.body).hexdigest() if res.outcome == "ok" else feed.body_hash
        items: list[Item] = []
        title = None
        if res.outcome == "ok" and body_hash != feed.body_hash:
            try:
                parsed = parse(res.body, feed_url=res.permanent_url or feed.url, kind=feed.kind, now=now,
                               content_type=res.content_type, max_entries=settings.fetch.max_entries)
            except FeedError as e:
                _fail(store, feed, str(e), now, report, dry_run, soft=True, retry_after=None)
                return
            items, title = parsed.items, parsed.title
            if parsed.warning:
                log.info("%s: recovered from a malformed document (%s)", feed.url, parsed.warning)
        elif res.outcome == "not_modified":
            report.not_modified += 1
        else:
            report.unchanged += 1
        report.seen_items += len(items)
        if dry_run:
            report.feeds_ok += 1
            return
        with store.begin() as conn:
            new_keys = set(it.key for it in items) - store_items.existing_keys(conn, [it.key for it in items])
            fresh = [it for it in items if it.key in new_keys]
            mentions_of: dict[str, list[Mention]] = {}
            for it in fresh:
                ms = match_item(it, matchers, feed.owner)
                if ms:
                    mentions_of[it.key] = ms
            fresh, item_scores, mention_scores = score_items(fresh, mentions_of, matchers)
            fresh_keys = {it.key for it in fresh}
            batch = fresh + [it for it in items if it.key not in fresh_keys]
            report.new_items += store_items.save_items(
                conn, feed.id, batch, now=now, mentions_of=mentions_of,
                item_scores=item_scores, mention_scores=mention_scores,
            )
            store_feeds.record_success(
                conn, feed.id, now=now, next_due=schedule.next_due_after_success(now, feed.interval_s),
                etag=res.etag, last_modified=res.last_modified, body_hash=body_hash, title=title,
                new_url=res.permanent_url,
            )
        report.feeds_ok += 1
        return
    _fail(store, feed, res.error or res.outcome, now, report, dry_run, soft=res.soft,
          retry_after=res.retry_after_s, gone=res.outcome == "gone")


def _fail(store: Store, feed: FeedRow, error: str, now: datetime, report: RunReport, dry_run: bool, *,
          soft: bool, retry_after: float | None, gone: bool = False) -> None:
    report.feeds_failed += 1
    report.errors[feed.url] = error
    log.warning("%s: %s", feed.url, error)
    if dry_run:
        return
    failures = feed.failures + 1
    status, next_due = schedule.after_failure(now, feed.interval_s, failures, soft=soft,
                                              retry_after_s=retry_after, gone=gone)
    with store.begin() as conn:
        store_feeds.record_failure(conn, feed.id, now=now, next_due=next_due, error=error,
                                   status=status, failures=failures)


def _progress_printer(total: int) -> Callable[[FetchResult], None] | None:
    if not sys.stderr.isatty() or total < 2:
        return None
    done = [0]

    def show(_res: FetchResult) -> None:
        done[0] += 1
        print(f"\rkoll ingest: {done[0]}/{total} feeds fetched", end="" if done[0] < total else "\n",
              file=sys.stderr, flush=True)

    return show


def ingest_once(*, settings: Settings, dry_run: bool = False, all_feeds: bool = False,
                now: datetime | None = None) -> RunReport:
    """Fetch and store every due feed once; raises schedule.LockHeld when another run is active."""
    now = now or utcnow()
    store = Store(settings.database_url)
    report = RunReport()
    worker = f"{socket.gethostname()}:{os.getpid()}"
    try:
        with schedule.RunLock(schedule.lock_path_for(settings.database_url, settings.config_path)):
            if dry_run:
                with store.connect() as conn:
                    known = {f.config_url: f for f in store_feeds.all_feeds(conn, configured_only=False)}
                due = [known.get(fc.url) or FeedRow(
                    id=-(i + 1), url=fc.url, config_url=fc.url, kind=fc.kind, owner=fc.owner,
                    interval_s=fc.interval_s, etag=None, last_modified=None, body_hash=None,
                    status="never", failures=0, last_error=None, last_success=None, next_due=None)
                    for i, fc in enumerate(settings.feeds)]
                run_id = None
            else:
                with store.begin() as conn:
                    store_feeds.sync_feeds(conn, settings.feeds)
                    due = store_feeds.due_feeds(conn, now, all_feeds=all_feeds)
                    run_id = store_runs.start_run(conn, now, worker)
            report.feeds_due = len(due)
            matchers = Matchers.build(settings.brands)
            by_id = {f.id: f for f in due}
            requests = [FetchRequest(f.id, f.url, f.etag, f.last_modified) for f in due]
            results = asyncio.run(fetch_all(requests, settings.fetch, _progress_printer(len(requests))))
            try:
                for res in results:
                    _process(store, by_id[res.feed_id], res, settings, matchers, now, report, dry_run)
            finally:
                if run_id is not None:
                    with store.begin() as conn:
                        store_runs.finish_run(
                            conn, run_id, now=utcnow(), status="ok" if report.exit_code == 0 else "failed",
                            feeds_ok=report.feeds_ok, feeds_failed=report.feeds_failed, new_items=report.new_items,
                        )
    finally:
        store.close()
    log.info("ingest: %d due, %d ok (%d not modified, %d unchanged), %d failed, %d new items%s",
             report.feeds_due, report.feeds_ok, report.not_modified, report.unchanged, report.feeds_failed,
             report.new_items, " (dry run: nothing stored)" if dry_run else "")
    return report


def run(*, settings: Settings, dry_run: bool = False, all_feeds: bool = False) -> int:
    """The cron entry point: 0 ok, 1 nothing could be fetched or stored, 75 another run holds the lock."""
    try:
        return ingest_once(settings=settings, dry_run=dry_run, all_feeds=all_feeds).exit_code
    except schedule.LockHeld as e:
        print(f"koll: {e}; exiting", file=sys.stderr)
        return EXIT_LOCKED
