"""The CPU-bound steps of a run (parse; match and score), as plain functions for worker processes.

`koll ingest` fetches with asyncio in the main process and hands documents to a small process
pool, so that parsing and scoring use the second core while the event loop keeps fetching and
the main process stores. Everything here is pure: bytes and Items in, Items and scores out.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from datetime import datetime
from multiprocessing import get_context

from ingest import warmup
from ingest.config import Brand
from ingest.match import Matchers, match_item
from ingest.models import Item, Mention, ParsedFeed
from ingest.parse import FeedError, parse

_matchers: Matchers | None = None


def init(brands: tuple[Brand, ...]) -> None:
    """Worker initialiser: build the brand matchers once per process."""
    global _matchers
    _matchers = Matchers.build(brands)
    warmup.ensure_model()


def parse_job(
    body: bytes, feed_url: str, kind: str, now: datetime, content_type: str | None, max_entries: int
) -> ParsedFeed | str:
    """Parse one document; a FeedError comes back as its message (exceptions pickle poorly)."""
    try:
        return parse(
            body,
            feed_url=feed_url,
            kind=kind,
            now=now,
            content_type=content_type,
            max_entries=max_entries,
        )
    except FeedError as e:
        return str(e)
    except Exception as e:  # noqa: BLE001 - a parser bug must cost one feed, not the run
        return f"parser failed: {e.__class__.__name__}: {e}"


def score_job(items: list[Item], owner: str | None):
    """Brand mentions and sentiment for new items: (items with lang, mentions, scores)."""
    from ingest.run import score_items  # the one place that calls analysis.sentiment

    assert _matchers is not None, "work.init() was not called"
    mentions_of: dict[str, list[Mention]] = {}
    for it in items:
        ms = match_item(it, _matchers, owner)
        if ms:
            mentions_of[it.key] = ms
    scored, item_scores, mention_scores = score_items(items, mentions_of, _matchers)
    return scored, mentions_of, item_scores, mention_scores


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _ready() -> bool:
    return _matchers is not None


class Workers:
    """Where parse and score jobs run: worker processes once they are up, this process until then.

    Starting the pool costs seconds (a fork server importing koll, each worker loading the
    model), which is longer than a small run takes. So jobs run on a local thread at first, the
    pool warms up in the background, and jobs go to it as soon as every worker answered. On a
    single core, or for a handful of feeds, the pool is never started.

    forkserver, not fork: the run already has threads (the store writer, httpx) when the pool
    starts, and forking a threaded process can deadlock the child.
    """

    def __init__(self, brands: tuple[Brand, ...], jobs: int):
        init(tuple(brands))
        self.local = ThreadPoolExecutor(1, thread_name_prefix="koll-work")
        self.pool: ProcessPoolExecutor | None = None
        self.ready = threading.Event()
        self.size = usable_cores()
        if self.size >= 2 and jobs >= 4:
            ctx = get_context("forkserver")
            ctx.set_forkserver_preload(["ingest.work", "ingest.run"])
            self.pool = ProcessPoolExecutor(
                self.size, mp_context=ctx, initializer=init, initargs=(tuple(brands),)
            )
            threading.Thread(target=self._warm, name="koll-pool-start", daemon=True).start()

    def _warm(self) -> None:
        try:
            futures = [self.pool.submit(_ready) for _ in range(self.size)]
            if all(f.result() for f in futures):
                self.ready.set()
        except Exception:  # noqa: BLE001 - no pool (e.g. shut down early): keep working locally
            pass

    def submit(self, fn, *args) -> Future:
        if self.pool is not None and self.ready.is_set():
            return self.pool.submit(fn, *args)
        return self.local.submit(fn, *args)

    def shutdown(self) -> None:
        self.local.shutdown(wait=True)
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
