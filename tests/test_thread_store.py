"""Stored comment-thread summaries (koll/store/thread_store.py, `koll analyse`'s threads step):
the control report reads them instead of the comments and gives the same answers, a new
comment is counted before and after the next analyse, and changed names or a re-match make
the report count live again. On SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pandas as pd
from sqlalchemy import select, update

from koll.jobs.threads import update_thread_summaries
from koll.store import Store, thread_store
from koll.store import items as store_items
from koll.store.feeds import feed_ids_by_url
from koll.store.items import Score, save_items
from koll.store.records import Item
from koll.store.schema import thread_marks, thread_summaries
from koll.store.views import control_report
from tests.browser.workspace import LAST_DAY, make_workspace
from tests.threads import BLOG_POST, FEEDS, add_threads

SINCE, UNTIL = (LAST_DAY - timedelta(days=29)).date().isoformat(), LAST_DAY.date().isoformat()
DIALOGUE = ["dialogue_rate", "dialogue_own", "dialogue_others", "dialogue_threads",
            "dialogue_answered", "response_hours", "unanswered"]  # fmt: skip


def _dialogue(store, settings) -> dict:
    report = control_report(store, settings, "Fjällkraft", SINCE, UNTIL)
    return {k: report[k] for k in DIALOGUE}


def _live(store, settings) -> pd.DataFrame:
    b = settings.brand("Fjällkraft")
    with store.connect() as conn:
        names = store_items.spellings(store_items.stored_brands(conn), b.name)
        df = thread_store.summarise(conn, (*b.terms, *b.people), names, SINCE, UNTIL)
    return df.sort_values("key", ignore_index=True)


def _stored(store) -> pd.DataFrame:
    c = thread_summaries.c
    with store.connect() as conn:
        rows = conn.execute(
            select(*[c[k] for k in thread_store.COLUMNS]).where(c.brand == "Fjällkraft")
        ).all()
    return thread_store._frame([tuple(r) for r in rows]).sort_values("key", ignore_index=True)


def _answer(settings, parent: str, n: int, minutes: int) -> None:
    """Anna Berg (Fjällkraft's person) answers under `parent`, stored through the save path."""
    store = Store(settings.database_url)
    try:
        with store.begin() as conn:
            item = Item(key=f"guid:answer-{n}", url=f"https://blogg.fjallkraft.se/answer-{n}",
                        guid=f"answer-{n}", title="Svar", text="Vi återkommer i dag.",
                        published=LAST_DAY + timedelta(minutes=minutes),
                        published_estimated=False, author="Anna Berg",
                        source="blogg.fjallkraft.se", kind="comments", parent_key=parent,
                        content_hash=f"answer{n}", lang="sv")  # fmt: skip
            save_items(conn, feed_ids_by_url(conn)[FEEDS["blog"]], [item],
                       now=LAST_DAY + timedelta(hours=4),
                       item_scores={item.key: Score("neu", 0.0, 0.8, "sv", "test")})  # fmt: skip
    finally:
        store.close()


def test_stored_threads_give_the_live_answers_and_follow_new_comments(tmp_path, database_url):
    settings = make_workspace(tmp_path, database_url=database_url)
    add_threads(settings)
    store = Store(settings.database_url)
    try:
        live = _dialogue(store, settings)  # nothing stored yet: counted from the comments
        assert (live["dialogue_threads"], live["dialogue_answered"]) == (3, 1)
        assert live["response_hours"] == 1.0
        # The latest outside comment's own link, for "Svara i tråden".
        assert [t["latest_url"] for t in live["unanswered"]] == [
            "https://forum.example.se/comment-3",
            "https://blogg.fjallkraft.se/comment-0",
        ]

        assert update_thread_summaries(store, settings, LAST_DAY)["Fjällkraft"] == 3
        pd.testing.assert_frame_equal(_stored(store), _live(store, settings))
        assert _dialogue(store, settings) == live

        # The report reads the stored rows: a changed row shows (and is put back by a full run).
        with store.begin() as conn:
            conn.execute(update(thread_summaries).values(outside=99))
        assert {t["outside_comments"] for t in _dialogue(store, settings)["unanswered"]} == {99}
        update_thread_summaries(store, settings, LAST_DAY, full=True)
        assert _dialogue(store, settings) == live

        # A new answer under the blog thread counts at once (that thread is read live) ...
        _answer(settings, BLOG_POST, 1, 120)
        now = _dialogue(store, settings)
        assert (now["dialogue_threads"], now["dialogue_answered"]) == (3, 2)
        assert not _stored(store).set_index("key").loc[BLOG_POST, "answered"]  # not stored yet
        # ... and the next analyse stores that thread again (and only what changed).
        update_thread_summaries(store, settings, LAST_DAY + timedelta(days=60))
        stored = _stored(store)
        assert stored.set_index("key").loc[BLOG_POST, "answered"]
        pd.testing.assert_frame_equal(stored, _live(store, settings))
        assert _dialogue(store, settings) == now
        assert now["response_hours"] == 1.0  # both answers came an hour after the question
    finally:
        store.close()


def test_changed_names_or_a_rematch_count_live(tmp_path, database_url):
    settings = make_workspace(tmp_path, database_url=database_url)
    add_threads(settings)
    store = Store(settings.database_url)
    try:
        update_thread_summaries(store, settings, LAST_DAY)
        # Örjan becomes one of Fjällkraft's people: its forum thread has no outside comment left.
        b = settings.brand("Fjällkraft")
        more = replace(settings, brands=tuple(
            replace(x, people=(*x.people, "Örjan")) if x is b else x for x in settings.brands
        ))  # fmt: skip
        report = control_report(store, more, "Fjällkraft", SINCE, UNTIL)
        assert (report["dialogue_threads"], report["dialogue_answered"]) == (2, 0)
        update_thread_summaries(store, more, LAST_DAY)  # names changed: all summarised again
        assert set(_stored(store)["key"]) == {BLOG_POST, "guid:sneaky"}
        # A re-match forgets the stored threads (owned flags change in place).
        from koll.store.rematch import forget_derived

        with store.begin() as conn:
            forget_derived(conn, "Fjällkraft", [], flags=False)
            assert conn.execute(select(thread_marks.c.brand)).all() == [("Nordvind",)]
        assert _stored(store).empty
        assert control_report(store, settings, "Fjällkraft", SINCE, UNTIL)["dialogue_threads"] == 3
    finally:
        store.close()


def test_stored_dialogue_is_counted_and_picked_in_sql_as_the_rows_say(tmp_path, database_url):
    """thread_store.window_dialogue counts the stored rows in SQL and reads only the unanswered
    ones it may list: the same counts and list as analysis.dialogue on every stored row, also
    when the list's limit falls among threads waiting since the same second (or untimed)."""
    from analysis.dialogue import dialogue_counts, unanswered

    settings = make_workspace(tmp_path, database_url=database_url)
    add_threads(settings)
    store = Store(settings.database_url)
    b = settings.brand("Fjällkraft")
    try:
        update_thread_summaries(store, settings, LAST_DAY)
        tied = LAST_DAY.replace(tzinfo=None) + timedelta(hours=5)
        for at in (tied, None):
            with store.begin() as conn:  # every thread waits, all since `at`
                conn.execute(update(thread_summaries).values(answered=False, last_outside=at))
            rows = _stored(store)
            with store.connect() as conn:
                names = store_items.spellings(store_items.stored_brands(conn), b.name)
                for limit in (0, 1, 2, None):
                    for owned_first in (False, True):
                        counts, got = thread_store.window_dialogue(
                            conn, b.name, (*b.terms, *b.people), names, SINCE, UNTIL,
                            limit=limit, owned_first=owned_first,
                        )  # fmt: skip
                        want = unanswered(rows, limit, owned_first=owned_first)
                        pd.testing.assert_frame_equal(got, want, check_dtype=False)
                        assert counts == dialogue_counts(rows)
            assert len(rows) == 3 and rows["owned"].sum() == 1
    finally:
        store.close()


def test_stored_times_parse_with_or_without_fractions_on_either_engine():
    """_stored_counts reads the times as stored: SQLite text with or without fractions of a
    second (in one column), PostgreSQL datetimes; all come back as the same aware UTC times."""
    from datetime import datetime

    from koll.store.thread_store import _times

    text = ["2026-11-12 08:00:00", "2026-11-12 08:00:00.123456"]
    got = _times(text)
    assert [t.isoformat() for t in got] == ["2026-11-12T08:00:00+00:00",
                                            "2026-11-12T08:00:00.123456+00:00"]  # fmt: skip
    assert list(_times([datetime.fromisoformat(x) for x in text])) == list(got)
    assert len(_times([])) == 0
