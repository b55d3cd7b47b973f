"""`koll analyse` as a library call: recompute whatever derived data is missing or stale.

Steps, in order: re-matching the history of brands whose definition in koll.toml changed,
rescoring (mentions scored by an older model or code), stories, key-message flags,
per-day term counts, the dashboard's per-day counts (rollups), comment-thread summaries, topics,
alerts and their webhook
delivery. Each step writes in its own
transaction(s), so a crash loses at most the step that was running and a rerun simply redoes it.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.keymessages import key_message_flags
from analysis.stories import WINDOW_HOURS, story_table, window_stories
from koll.config import Settings
from koll.jobs.rescore import rescore_stale
from koll.jobs.rollups import update_rollups
from koll.jobs.threads import update_story_firsts, update_thread_summaries
from koll.run_lock import EXIT_LOCKED, LockHeld, RunLock, lock_path_for, term_as_interrupt
from koll.store import Store, local_day, safe_url, utcnow
from koll.store import key_messages as store_flags
from koll.store import meta as store_meta
from koll.store import stories as store_stories

log = logging.getLogger("koll.analyse")


# Stories form within days (analysis.stories.WINDOW_HOURS); items older than this keep the story
# they were given, so a run reads a month of items rather than the whole archive.
RECLUSTER_DAYS = 30
TERM_DAYS_PER_COMMIT = 20  # days of term counts written per transaction


def update_stories(store: Store, now: datetime, *, full: bool = False) -> dict:
    """Cluster recent (or all, with `full`) non-comment items into stories; write only changes.

    Recent items may join the stories of older ones (read as fixed neighbours: those published
    up to WINDOW_HOURS before the window, and the other items of their stories and the window's);
    no item older than the window changes story.
    """
    since = None if full else local_day(now - timedelta(days=RECLUSTER_DAYS))
    with store.connect() as conn:
        df = store_stories.items_for_stories(conn, since)
        fixed = df.iloc[:0]
        if since and not df.empty:
            near = local_day(now - timedelta(days=RECLUSTER_DAYS, hours=WINDOW_HOURS))
            fixed = store_stories.story_neighbours(conn, since, near)
    if df.empty:
        return {"items": 0, "stories": 0, "changed": 0}
    story = window_stories(df, fixed)
    old = df["story_id"].astype("Int64")
    changed = old.isna().to_numpy() | (old.fillna(-1).to_numpy() != story.to_numpy())
    pairs = list(zip(df.loc[changed, "item_id"], story[changed], strict=True))
    both = pd.concat([df, fixed], ignore_index=True)
    table = story_table(both, pd.concat([story, fixed["story_id"].astype("int64")]))
    replaced = None
    if not full:  # the stories the window's items were or are in, each read whole
        replaced = set(df["story_id"].dropna().astype(int)) | set(story)
        table = table[table["story_id"].isin(replaced)]
    with store.begin() as conn:
        store_stories.save_story_ids(conn, pairs)
        store_stories.replace_stories(conn, table, now, replaced)
    return {"items": len(df), "stories": len(table), "changed": len(pairs)}


def update_key_messages(
    store: Store, settings: Settings, now: datetime, *, full: bool = False
) -> dict:
    """Flag each mention that carries one of its brand's key messages (or copies an owned item).

    Recent mentions (their stories may have grown) and unflagged ones are (re)checked; `full`
    rechecks everything, e.g. after the key messages in koll.toml changed.
    """
    since = None if full else local_day(now - timedelta(days=RECLUSTER_DAYS))
    out = {}
    for b in settings.brands:
        with store.connect() as conn:
            df = store_flags.mentions_for_flags(conn, b.name, since)
        if df.empty:
            out[b.name] = 0
            continue
        read = df
        if since:  # an owned item from before the window still makes its story's copies echo
            with store.connect() as conn:
                earlier = store_stories.owned_before(conn, b.name, since)
            earlier = earlier[~earlier["item_id"].isin(df["item_id"])]
            if not earlier.empty:
                read = pd.concat([df, earlier], ignore_index=True)
        flags = key_message_flags(read, b.key_messages).iloc[: len(df)].set_axis(df.index)
        old = df["key_message"].astype("boolean")
        changed = old.isna().to_numpy() | (old.fillna(False).to_numpy() != flags.to_numpy())
        with store.begin() as conn:
            store_flags.save_key_message_flags(
                conn, b.name, list(zip(df.loc[changed, "item_id"], flags[changed], strict=True))
            )
        out[b.name] = int(np.sum(flags))
    return out


def update_term_counts(
    store: Store, settings: Settings, now: datetime, *, full: bool = False, since: str | None = None
) -> dict:
    """Store per-day term counts (koll.store.term_store) for days not counted, or changed since.

    A day is recounted when its number of mentions or the brand's dropped words changed; `full`
    recounts every day. `since` limits the work to days from then on. Rising terms then read a
    window's counts instead of its texts.
    """
    from analysis.topics import brand_words, doc_texts
    from analysis.trends import count_signature, day_counts
    from koll.store import items as store_items
    from koll.store import term_store

    out = {}
    for b in settings.brands:
        drop = brand_words((*b.terms, *b.people))
        signature = count_signature(drop)
        with store.connect() as conn:
            names = store_items.brand_names(conn, b.name)
            docs = store_items.day_mention_counts(conn, names, since, None)
            stored = term_store.counted_days(conn, b.name, since or "", "9999-12-31")
        todo = sorted(d for d, n in docs.items() if full or stored.get(d) != (n, signature))
        for k in range(0, len(todo), TERM_DAYS_PER_COMMIT):
            days = todo[k : k + TERM_DAYS_PER_COMMIT]
            with store.connect() as conn:
                df = store_items.day_texts(conn, names, days).drop_duplicates("key")
            texts = doc_texts(df) if len(df) else pd.Series([], dtype=object)
            rows = []
            for day, idx in df.groupby("day", sort=True).groups.items():
                counts, words = day_counts(texts.loc[idx].tolist(), drop)
                rows.append((day, len(idx), counts, words))
            with store.begin() as conn:
                term_store.replace_days(conn, b.name, rows, signature, now, first=not stored)
        out[b.name] = len(todo)
    return out


def analyse_all(
    *,
    settings: Settings,
    now: datetime | None = None,
    deliver: bool = True,
    full: bool = False,
    progress: Callable[[int, int, list[str]], None] | None = None,
    lock_held: bool = False,
) -> dict:
    """Run each analysis step; returns a summary per step.

    Normally only recent data is reworked (see RECLUSTER_DAYS); `full` redoes all history, and
    re-matches every brand. `progress(done, total, brands)` follows a re-match. One run at a
    time per store (one_run): an overlapping one raises koll.run_lock.LockHeld at once, before
    it changes anything (two runs wrote the same rows: UNIQUE constraint failed). `lock_held`:
    the caller holds the SQLite lock file already (koll demo, for its whole rebuild).
    """
    now = now or utcnow()
    # Not created: analysing a mistyped path, or another application's database, would give
    # it koll's tables (`koll ingest` and `koll demo` create a store).
    store = Store(settings.database_url, existing=True)
    try:
        with contextlib.nullcontext() if lock_held else one_run(store, settings):
            summary = _steps(store, settings, now, deliver=deliver, full=full, progress=progress)
    finally:
        store.close()
    log.info("analyse: %s", summary)
    return summary


def _steps(
    store: Store,
    settings: Settings,
    now: datetime,
    *,
    deliver: bool,
    full: bool,
    progress: Callable[[int, int, list[str]], None] | None,
) -> dict:
    from koll.jobs.alerts import update_alerts, update_topics
    from koll.jobs.rematch import rematch_changed

    summary: dict = {}
    summary["rematch"] = rematch_changed(store, settings, now, full=full, progress=progress)
    summary["rescore"] = rescore_stale(store, settings)
    summary["stories"] = update_stories(store, now, full=full)
    summary["key_messages"] = update_key_messages(store, settings, now, full=full)
    summary["term_counts"] = update_term_counts(store, settings, now, full=full)
    # Rescoring changes tones on any day, and re-matching mentions and owned flags on any
    # day: then every day's counts are redone.
    rematched = any(any(n.values()) for n in summary["rematch"].values())
    summary["rollups"] = update_rollups(
        store, now, full=full or bool(summary["rescore"]) or rematched
    )
    summary["threads"] = update_thread_summaries(store, settings, now, full=full or rematched)
    summary["story_firsts"] = update_story_firsts(store, settings, now)
    summary["topics"] = update_topics(store, settings, now, full=full)
    summary["alerts"] = update_alerts(store, settings, now, deliver=deliver)
    return summary


def lock_path(settings: Settings) -> Path:
    """The file lock of analyse on SQLite: beside the database file, else beside the config."""
    return lock_path_for(settings.database_url, settings.config_path, "analyse")


@contextlib.contextmanager
def one_run(store: Store, settings: Settings) -> Iterator[None]:
    """Hold analyse's lock for the block; LockHeld at once when another run holds it.

    PostgreSQL, where analyse may run from several machines: an advisory lock of the database
    (store.meta.session_lock). SQLite: a file lock beside the database (ingest's RunLock), which
    the kernel gives back when the process dies. A read-only file needs none: analyse stops at
    its first change.
    """
    if store.dialect == "postgresql":
        with store_meta.session_lock(store.engine, store_meta.ANALYSE_LOCK) as got:
            if not got:
                raise LockHeld(
                    f"another koll analyse run holds the analyse lock of {safe_url(store.url)}"
                )
            yield
        return
    if store.readonly:
        yield
        return
    path = lock_path(settings)
    with RunLock(path, "analyse"):
        yield


def run(
    *,
    settings: Settings,
    full: bool = False,
    progress: Callable[[int, int, list[str]], None] | None = None,
    show: Callable[[dict], None] | None = None,
) -> int:
    """The scheduled entry point: 0 done, 75 another run holds the lock (one line on stderr,
    nothing changed). `show(summary)` is handed the summary of a run that completed."""
    try:
        # As koll ingest: `systemctl stop` mid-run exits 130 with one line (it died silently,
        # 143; the store was consistent either way, each step being one transaction).
        with term_as_interrupt():
            summary = analyse_all(settings=settings, full=full, progress=progress)
    except LockHeld as e:
        print(f"koll: {e}; exiting", file=sys.stderr)
        return EXIT_LOCKED
    if show is not None:
        show(summary)
    return 0
