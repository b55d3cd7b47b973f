"""The CPU-bound steps of a run (parse; match and score), as plain functions for worker processes.

`koll ingest` fetches with asyncio in the main process and hands documents to a small process
pool, so that parsing and scoring use the second core while the event loop keeps fetching and
the main process stores. Everything here is pure: bytes and Items in, Items and scores out.
"""

from __future__ import annotations

import os
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
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


def make_pool(brands: tuple[Brand, ...], jobs: int) -> Executor:
    """A process pool for many feeds on a multi-core machine, else one in-process thread.

    forkserver, not fork: the run already has threads (the store writer, httpx) when the pool
    starts, and forking a threaded process can deadlock the child.
    """
    workers = usable_cores()
    if workers < 2 or jobs < 4:
        init(brands)
        return ThreadPoolExecutor(1, thread_name_prefix="koll-work")
    ctx = get_context("forkserver")
    ctx.set_forkserver_preload(["ingest.work", "ingest.run"])
    return ProcessPoolExecutor(workers, mp_context=ctx, initializer=init, initargs=(tuple(brands),))
