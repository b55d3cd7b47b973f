"""The CPU-bound steps of a run (parse; match and score), as plain functions for worker processes.

`koll ingest` fetches with asyncio in the main process and hands documents to a small process
pool, so that parsing and scoring use the second core while the event loop keeps fetching and
the main process stores. Everything here is pure: bytes and Items in, Items and scores out;
score_items is the one place where a run calls analysis.sentiment.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from datetime import datetime
from multiprocessing import get_all_start_methods, get_context
from typing import TypeVar

from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from analysis import lang as langid
from analysis import sentiment, sentiment_brand
from analysis.brands import Brand
from analysis.item_text import scored_text
from ingest.match import Matchers, match_item, others_of
from ingest.models import ParsedFeed
from ingest.parse import FeedError, parse
from koll.store import Store, StoreError, item_edits, one_line, page_retries, retrying
from koll.store import items as store_items
from koll.store.item_edits import is_edit
from koll.store.items import stored_versions
from koll.store.records import Item, Mention

_matchers: Matchers | None = None


def init(brands: tuple[Brand, ...], model_blob: bytes | None = None) -> None:
    """Worker initialiser: build the brand matchers and install the sentiment model once per process.

    `model_blob` is the model the workspace uses (`koll train`, `--use`); without one the
    shipped model is used, and installed as such: whatever a longer process (a notebook) had
    installed before would otherwise have scored this workspace's items.
    """
    global _matchers
    _matchers = Matchers.build(brands)
    if model_blob is not None:
        from analysis.sentiment_model import Model

        sentiment.set_model(Model.loads(model_blob))
    else:
        sentiment.set_model(None)
        sentiment.current_model()  # data/sentiment/model_sv.bin, read once before the fork
    # The lexicons load on first use otherwise: after the fork, once in every worker (about a
    # second of stemming each). Loaded here, forked workers share them.
    from analysis.sentiment_lexicon import english, swedish

    swedish()
    english()


def parse_job(
    body: bytes,
    feed_url: str,
    kind: str,
    now: datetime,
    content_type: str | None,
    max_entries: int,
    backfill_before: datetime | None = None,
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
            backfill_before=backfill_before,
        )
    except FeedError as e:
        return str(e)
    except Exception as e:  # a parser bug must cost one feed, not the run
        return f"parser failed: {e.__class__.__name__}: {e}"


def score_items(items: list[Item], mentions_of: dict[str, list[Mention]], matchers: Matchers):
    """Language, whole-text and brand-targeted sentiment for new items (pure computation)."""
    item_scores: dict[str, store_items.Score] = {}
    mention_scores: dict[tuple[str, str], store_items.Score] = {}
    scored: list[Item] = []
    # One memo for the batch: the brand-targeted scores reuse the sentences classify() scored,
    # and a feed's boilerplate sentences are scored once.
    memo = sentiment.Memo()
    # The other configured brands are the other parties, as when `koll analyse` rescores.
    others = {name: others_of(matchers.matchers, name) for name in matchers.matchers}
    for it in items:
        text = scored_text(it.title, it.text)  # a reply's quoted title is not its own words
        lang = langid.detect(text)
        s = sentiment.classify(text, lang=lang, memo=memo)
        item_scores[it.key] = store_items.Score(s.label, s.score, s.confidence, s.lang, s.model)
        for m in mentions_of.get(it.key, ()):
            bm = matchers.matchers[m.brand]
            t = sentiment_brand.classify_for_brand(
                text, bm.mentions, lang=lang, others=others[m.brand], memo=memo, own=m.owned
            )
            mention_scores[(it.key, m.brand)] = store_items.Score(
                t.label, t.score, t.confidence, t.lang, t.model
            )
        scored.append(replace(it, lang=lang))
    return scored, item_scores, mention_scores


def score_job(items: list[Item], owner: str | None):
    """Brand mentions and sentiment for new items: (items with lang, mentions, scores)."""
    assert _matchers is not None, "work.init() was not called"
    mentions_of: dict[str, list[Mention]] = {}
    for it in items:
        ms = match_item(it, _matchers, owner)
        if ms:
            mentions_of[it.key] = ms
    scored, item_scores, mention_scores = score_items(items, mentions_of, _matchers)
    return scored, mentions_of, item_scores, mention_scores


_stores: dict[str, Store] = {}
T = TypeVar("T")


def _read(database_url: str, reconnect_s: float, fn: Callable[[Connection], T]) -> T:
    """`fn(conn)` on this process's own connection, waiting up to `reconnect_s` for a database
    server that went away (a restart mid-run)."""
    store = _stores.get(database_url)
    if store is None:
        store = Store(database_url, create=False, reconnect_s=reconnect_s)
        _stores[database_url] = store

    def read() -> T:  # no transaction: a commit per lookup would cost as much again
        with store.connect() as conn:
            return fn(conn)

    try:
        return retrying(read, within_s=reconnect_s)
    except SQLAlchemyError as e:  # a plain message crosses the process boundary; the run ends
        raise StoreError(f"reading stored items failed: {one_line(e)}") from None


def _known_keys(
    database_url: str, keys: list[str], reconnect_s: float
) -> dict[str, tuple[str, int | None]]:
    """Which keys are stored already, with their content hash and first feed."""
    return _read(database_url, reconnect_s, lambda conn: stored_versions(conn, keys))


def stored_articles(
    database_url: str, teasers: dict[str, str], reconnect_s: float = 0.0
) -> dict[str, str]:
    """key -> stored article of the edited items (`teasers`: key -> the feed's teaser) whose
    stored text is their page's article (koll/store/item_edits.py stored_articles)."""
    return _read(database_url, reconnect_s, lambda conn: item_edits.stored_articles(conn, teasers))


def waiting_pages(
    database_url: str, feed_id: int, now: datetime, limit: int, reconnect_s: float = 0.0
) -> list[page_retries.Waiting]:
    """At most `limit` of the feed's stored items whose full-text page waits, in their turn
    (koll/store/page_retries.py pending)."""
    return _read(
        database_url, reconnect_s, lambda conn: page_retries.pending(conn, feed_id, now, limit)
    )


def feed_job(
    body: bytes,
    feed_url: str,
    kind: str,
    now: datetime,
    content_type: str | None,
    max_entries: int,
    owner: str | None,
    database_url: str | None,
    backfill_before: datetime | None = None,
    reconnect_s: float = 0.0,
    score: bool = True,
    feed_id: int | None = None,
):
    """Everything between fetch and store for one document, in one trip to a worker.

    Returns (ParsedFeed or error message, score_job's result or None, the keys of the scored
    items that are edits). Only items not yet stored are matched and scored, and the stored items
    that this feed (`feed_id`, the one that first stored them) now has with another title or
    text: edits, which the store updates (koll/store/item_edits.py). Comparing content hashes
    reads no stored text. `database_url` None (no store to look in) scores nothing.
    Without `score` (a dry run, which only counts) the result's first part is the new items,
    unscored. Another feed may store the same item meanwhile: save_items links instead of
    storing it twice. Items published before `backfill_before` (a search's creation) are
    marked as backfill.
    """
    parsed = parse_job(body, feed_url, kind, now, content_type, max_entries, backfill_before)
    none: frozenset[str] = frozenset()
    if isinstance(parsed, str) or database_url is None or not parsed.items:
        return parsed, None, none
    known = _known_keys(database_url, [it.key for it in parsed.items], reconnect_s)
    fresh = [it for it in parsed.items if it.key not in known]
    edited = [it for it in parsed.items if is_edit(known.get(it.key), it.content_hash, feed_id)]
    if not score:  # a dry run counts new items only
        return parsed, ((fresh,) if fresh else None), none
    if not fresh and not edited:
        return parsed, None, none
    return parsed, score_job(fresh + edited, owner), frozenset(it.key for it in edited)


def _die_with_parent(run: int | None = None) -> None:
    """Linux: a worker ends when the process that started it dies, even by SIGKILL.

    Without this, killing only the `koll ingest` process left its workers running for ever,
    each holding database sessions open. `run`, when known, is the pid of the run: the
    worker's parent (forked) or its parent's parent (the fork server's). A parent that died
    between the fork and the request to die with it had already handed the worker to another,
    and the request came too late (CI once found a worker left running after the run was
    killed while it started its pool), so then the worker ends at once.
    """
    import signal

    # A forked worker inherits the run's SIGTERM-as-Ctrl-C (koll.run_lock.term_as_interrupt); the pool
    # ends its workers with SIGTERM, which must end them quietly, not as an interrupt.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux/glibc: the pool still ends with a clean exit
        return
    parent = os.getppid()
    if run is not None and run != parent and run != _parent_of(parent):
        os._exit(0)


def _parent_of(pid: int) -> int | None:
    """The parent of process `pid` (Linux, from /proc), or None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            # "pid (name) state ppid ...": the name may hold spaces and parentheses.
            return int(f.read().rsplit(b")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _worker_init(brands: tuple[Brand, ...], model_blob: bytes | None, run: int) -> None:
    _die_with_parent(run)
    _let_the_fork_server_go()
    init(brands, model_blob)


def _let_the_fork_server_go() -> None:
    """A fork server's worker inherits a copy of the pipe end whose closing tells the server
    that its clients are gone. With it the server outlived a run killed by SIGKILL, and so did
    its workers, which die with the server (seen 2026-12-04: the server reparented to init,
    its two workers asleep). A worker starts no process, so it closes its copy."""
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    fd = getattr(server, "_forkserver_alive_fd", None)
    if fd is not None:
        os.close(fd)
        server._forkserver_alive_fd = None  # type: ignore[union-attr]


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
    model), which is longer than a small run takes. So jobs wait in a backlog that one local
    thread works through while the pool warms up in the background; once every worker has
    answered, the rest of the backlog and all new jobs go to the pool. On a single core, or for
    a handful of feeds, the pool is never started.

    Where fork is available and the process has no other threads yet, the workers are forked
    at once instead (fast, shared memory); elsewhere a fork server is used, because forking a
    process whose other threads may hold locks can deadlock the child.
    """

    def __init__(self, brands: tuple[Brand, ...], jobs: int, model_blob: bytes | None = None):
        # init() installs the run's model in this process too (it scores here while the pool
        # starts); shutdown() puts back the one before, so that a run inside a longer process
        # (a notebook, the tests) leaves that process's model as it found it.
        self.model_before = sentiment.installed_model()
        init(tuple(brands), model_blob)
        self.model_blob = model_blob
        self.pool: ProcessPoolExecutor | None = None
        self.ready = threading.Event()
        self.lock = threading.Lock()
        self.backlog: deque[tuple[Future, Callable, tuple]] = deque()
        self.wake = threading.Semaphore(0)
        self.closing = False
        self.local = threading.Thread(target=self._work_locally, name="koll-work", daemon=True)
        # One process per core: this process mostly waits on the network and the database (a
        # third of a run's CPU in bench/ingest.py), and with one worker fewer than cores the
        # workers were the bottleneck while a core idled. Forked workers share their memory
        # copy-on-write, so a second one costs little (bench/ingest.py reports the PSS sum).
        self.size = usable_cores()
        if usable_cores() >= 2 and jobs >= 4:
            self._start_pool(brands)
        self.local.start()

    def _start_pool(self, brands: tuple[Brand, ...]) -> None:
        if "fork" in get_all_start_methods() and threading.active_count() == 1:
            # Fork now, while this process has no other threads of ours: the workers start in
            # milliseconds with everything imported and the model loaded (pages shared
            # copy-on-write), and no lock can be held by a thread that does not exist.
            # Objects that exist now are kept out of the children's garbage collections, which
            # would otherwise write to (and so copy) every shared page they visit.
            gc.freeze()
            try:
                self.pool = ProcessPoolExecutor(
                    self.size,
                    mp_context=get_context("fork"),
                    initializer=_die_with_parent,
                    initargs=(os.getpid(),),
                )
                for f in [self.pool.submit(_ready) for _ in range(self.size)]:
                    f.result()
            finally:
                gc.unfreeze()
            self.ready.set()
            return
        ctx = get_context("forkserver")
        ctx.set_forkserver_preload(["ingest.work", "ingest.run"])
        self.pool = ProcessPoolExecutor(
            self.size,
            mp_context=ctx,
            initializer=_worker_init,
            initargs=(tuple(brands), self.model_blob, os.getpid()),
        )
        threading.Thread(target=self._warm, name="koll-pool-start", daemon=True).start()

    def _warm(self) -> None:
        try:
            futures = [self._started().submit(_ready) for _ in range(self.size)]
            if not all(f.result() for f in futures):
                return
        except Exception:  # no pool (e.g. shut down early): keep working locally
            return
        with self.lock:
            self.ready.set()
            moved, self.backlog = list(self.backlog), deque()
        for fut, fn, args in moved:
            self._forward(fut, self._started().submit(fn, *args))

    def _started(self) -> ProcessPoolExecutor:
        """The pool, where it is known to exist (`ready` is set only once it is)."""
        assert self.pool is not None
        return self.pool

    @staticmethod
    def _forward(fut: Future, pf: Future) -> None:
        def done(f: Future) -> None:
            if f.exception() is not None:
                fut.set_exception(f.exception())
            else:
                fut.set_result(f.result())

        pf.add_done_callback(done)

    def _work_locally(self) -> None:
        while True:
            self.wake.acquire()
            with self.lock:
                if not self.backlog:
                    if self.closing:
                        return
                    continue  # the pool took the backlog
                fut, fn, args = self.backlog.popleft()
            try:
                fut.set_result(fn(*args))
            except Exception as e:  # handed to the awaiting coroutine
                fut.set_exception(e)

    def submit(self, fn, *args) -> Future:
        if self.ready.is_set():
            return self._started().submit(fn, *args)
        fut: Future = Future()
        fut.set_running_or_notify_cancel()
        with self.lock:
            if self.ready.is_set():
                return self._started().submit(fn, *args)
            self.backlog.append((fut, fn, args))
        self.wake.release()
        return fut

    def shutdown(self, *, abandon: bool = False) -> None:
        """Stop the workers once their jobs are done; with `abandon` (the run was interrupted or
        failed) at once: queued jobs are dropped and busy ones ended where they are.

        Waiting had kept a SIGTERM'd run alive for as long as one slow item took to score (a QA
        run waited until its worker was SIGKILLed). A worker only reads the store, so ending it
        mid-job loses nothing; the local thread is a daemon, and is simply not waited for.
        """
        with self.lock:
            self.closing = True
            if abandon:
                for fut, _fn, _args in self.backlog:
                    fut.cancel()
                self.backlog.clear()
        self.wake.release()
        if not abandon:
            self.local.join()
        if self.pool is not None:
            if abandon:
                self._end_pool(self.pool)
            else:
                self.pool.shutdown(wait=True, cancel_futures=True)
        sentiment.set_model(self.model_before)

    @staticmethod
    def _end_pool(pool: ProcessPoolExecutor) -> None:
        """Cancel the pool's queued jobs and end its processes (SIGTERM, which a worker does not
        catch: _die_with_parent), waiting only for them to exit."""
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for p in processes:
            with contextlib.suppress(OSError, ValueError):  # already gone, or closed
                p.terminate()
        for p in processes:
            with contextlib.suppress(OSError, ValueError, AssertionError):
                p.join(5)
