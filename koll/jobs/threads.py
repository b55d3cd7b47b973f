"""The summaries step of `koll analyse`: store each brand's comment-thread summaries
(koll/store/thread_store.py) for the threads that changed since the last run, and its story
firsts (koll/store/stories.py) when the stories changed, so the control report reads a year's
dialogue and agenda setting as a few rows per thread and story."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from koll.config import Settings
from koll.store import Store, local_day, thread_store
from koll.store import items as store_items
from koll.store import stories as store_stories

log = logging.getLogger("koll.analyse")

# Threads under the last days' posts are summarised again by every run, as the rollups recount
# their last 30 days: a comment committed late with an id below the marks (two writers on
# PostgreSQL) is then still counted.
RECENT_DAYS = 30


def update_thread_summaries(
    store: Store, settings: Settings, now: datetime, *, full: bool = False
) -> dict:
    """Summarise every brand's changed and recent threads (all of them on a first run, with
    `full`, or when the brand's names changed); returns how many were stored per brand."""
    out: dict[str, int] = {}
    recent = local_day(now - timedelta(days=RECENT_DAYS))
    for b in settings.brands:
        voice = (*b.terms, *b.people)
        signature = thread_store.voice_signature(voice)
        with store.connect() as conn:
            names = store_items.brand_names(conn, b.name)
            now_marks = thread_store.current_marks(conn, signature)  # read first: later is new
            old = thread_store.marks(conn, b.name)
            whole = full or old is None or old.signature != signature
            summary, keys = None, None
            if names and whole:
                summary = thread_store.summarise(conn, voice, names, None, None)
            elif names and old is not None:
                summary, keys = _changed(conn, b.name, voice, names, old, recent)
            days = (
                {} if summary is None else thread_store.post_days(conn, names, summary["post_id"])
            )
        with store.begin() as conn:
            if whole or keys:
                thread_store.replace(conn, b.name, summary, days, keys)
            thread_store.set_marks(conn, b.name, now_marks)
        out[b.name] = 0 if summary is None else len(summary)
    log.info("threads: %s", out)
    return out


def _changed(conn, brand: str, voice, names, old: thread_store.ThreadMarks, recent: str):
    """(summaries, post keys they replace) of the threads changed since the marks and of the
    recent days' posts."""
    import pandas as pd

    keys = set(thread_store.changed_keys(conn, names, old))
    fresh = thread_store.summarise(conn, voice, names, recent, None)
    if keys:
        fresh = pd.concat(
            [fresh, thread_store.summarise(conn, voice, names, None, None, keys=sorted(keys))],
            ignore_index=True,
        ).drop_duplicates("key")
    keys |= set(fresh["key"]) | thread_store.stored_keys(conn, brand, recent)
    return fresh, sorted(keys)


def update_story_firsts(store: Store, settings: Settings, now: datetime) -> dict:
    """Rebuild the story firsts of every brand whose stored ones are not current (stories were
    clustered anew, or its mentions re-matched); returns how many rows per rebuilt brand."""
    from sqlalchemy import func, select

    from koll.store.schema import story_firsts, story_marks

    out: dict[str, int] = {}
    for b in settings.brands:
        with store.begin() as conn:
            current = conn.execute(
                select(story_marks.c.brand).where(story_marks.c.brand == b.name)
            ).first()
            if current is not None:
                continue
            names = store_items.brand_names(conn, b.name)
            store_stories.rebuild_firsts(conn, b.name, names, now)
            out[b.name] = conn.execute(
                select(func.count()).where(story_firsts.c.brand == b.name)
            ).scalar_one()
    log.info("story firsts: %s", out)
    return out
