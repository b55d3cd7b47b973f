"""An analyst's correction or triage mark made while a writer makes the item's mentions anew is kept.

Two connections interleaved, on SQLite and PostgreSQL: the ingest writer applying a full-text
page read on a retry (a real `ingest_once` against tests/feedserver.py, held at a chosen point in
its transaction), or a writer replacing a mention without holding its item (as re-matching
does), and a correction or triage mark made through Store.writing on another connection
meanwhile. Before, the mark was reported saved and lost: the writer had read the item's
corrections before the mark committed, or the mark set a mention row the writer had deleted.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from ingest import fulltext
from ingest.run import ingest_once
from koll.config import load_settings
from koll.store import Store, item_edits, page_retries
from koll.store.schema import corrections, items, mentions
from koll.store.sentiment_store import add_correction
from koll.store.triage import set_triage
from tests.conftest import skip_or_fail
from tests.test_fulltext_retry import ANGRY, TEASER, _article, _config, _fail, _feed

# How long the writer is held at its point: the mark is tried meanwhile (it waits for the writer
# where the item is held). Long enough for a loaded machine to reach the mark's write.
PAUSE_S = 2.5


def _mark(db: str, item_id: int, how: str) -> None:
    """The correction (pos) or triage mark (handled) an analyst makes, on its own connection."""
    with Store(db, create=False) as store, store.writing(how) as conn:
        if how == "correction":
            add_correction(conn, item_id, "Fjällkraft", "pos", author="anna")
        else:
            set_triage(conn, item_id, "Fjällkraft", "handled", author="anna")


def _marked(db: str, item_id: int) -> list[tuple]:
    """(label, model, triage) of the item's mentions, and its corrections' labels."""
    with Store(db, create=False) as store, store.connect() as conn:
        found = [
            (m.label, m.model, m.triage)
            for m in conn.execute(mentions.select().where(mentions.c.item_id == item_id))
        ]
        found += [c.label for c in conn.execute(corrections.select())]
        return found


EXPECTED = {
    "correction": [("pos", "manual", None), "pos"],
    "triage": [("neg", "sv-builtin", "handled")],
}


def _as_expected(found: list) -> list:
    """The model's version cut to its name (it changes with every model revision)."""
    return [
        (f[0], f[1] if f[1] == "manual" else f[1].rsplit("-", 1)[0], f[2])
        if isinstance(f, tuple)
        else f
        for f in found
    ]


def _held(target, name: str, reached: threading.Event) -> Callable:
    """`target.name`, which once done signals `reached` and sleeps PAUSE_S in the caller's
    transaction."""
    original = getattr(target, name)

    def held(*args, **kw):
        out = original(*args, **kw)
        reached.set()
        time.sleep(PAUSE_S)
        return out

    return held


@pytest.mark.parametrize("how", ["correction", "triage"])
@pytest.mark.parametrize("at", ["corrections read", "before commit"])
def test_a_mark_made_while_a_retried_page_is_stored_is_kept(
    feed_server, tmp_path, database_url, monkeypatch, how, at
):
    """The writer stores a page read on a retry (an edit of the item: its mentions deleted and
    made anew) and is held after reading the item's corrections and marks, or after the whole
    edit, before its commit; the analyst marks the mention then. The mark is on the item's
    mention afterwards, with the article's text."""
    if not fulltext.available():
        skip_or_fail("full-text tests need trafilatura: pip install -e '.[dev]'")
    s, db = feed_server, database_url
    _feed(s, [(s.url("/n/1"), *TEASER)])
    _fail(s, "/n/1", "500")
    settings = load_settings(_config(tmp_path, s, db), env={})
    ingest_once(settings=settings, all_feeds=True)
    with Store(db, create=False) as store, store.connect() as conn:
        item_id = conn.execute(mentions.select()).one().item_id
    _article(s, "/n/1")
    reached = threading.Event()
    if at == "corrections read":
        monkeypatch.setattr(
            item_edits,
            "latest_corrections",
            _held(item_edits, "latest_corrections", reached),
        )
    else:
        monkeypatch.setattr(page_retries, "record", _held(page_retries, "record", reached))
    failed: list[BaseException] = []

    def writer() -> None:
        try:  # an hour on: the page's next try is due (koll/store/page_retries.py)
            later = datetime.now(UTC) + timedelta(hours=1)
            ingest_once(settings=settings, now=later, all_feeds=True)
        except BaseException as e:  # reported by the test below
            failed.append(e)
            reached.set()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert reached.wait(60) and not failed
        _mark(db, item_id, how)
    finally:
        thread.join(60)
    assert not failed
    with Store(db, create=False) as store, store.connect() as conn:
        text = conn.exec_driver_sql("SELECT text FROM items").scalar()
    assert ANGRY[1] in text  # the page was read
    assert _as_expected(_marked(db, item_id)) == EXPECTED[how]


@pytest.mark.parametrize("how", ["correction", "triage"])
def test_a_mark_follows_a_mention_made_anew_by_a_writer_not_holding_the_item(
    tmp_path, database_url, how
):
    """A writer that replaces a mention without holding its item (re-matching does) deletes
    it and adds it again under another id while the analyst marks it: the mark reads the
    mention, and its update found the deleted row (0 rows) and was reported saved. Now the
    update is counted and the mention read again: the mark is on the new row."""
    db = database_url
    when = datetime(2026, 11, 9, 8)
    where = {"day": "2026-11-09", "published": when, "source": "s", "kind": "news"}
    with Store(db) as store, store.begin() as conn:
        conn.execute(
            items.insert().values(
                id=1,
                key="k",
                title="Fjällkraft",
                text="Fjällkraft bygger.",
                first_seen=when,
                content_hash="h",
                **where,
            )
        )
        conn.execute(
            mentions.insert().values(
                id=1,
                item_id=1,
                brand="Fjällkraft",
                label="neu",
                score=0.0,
                confidence=0.5,
                model="m1",
                owned=False,
                **where,
            )
        )
    deleted = threading.Event()
    failed: list[BaseException] = []

    def rematch() -> None:
        try:
            with Store(db, create=False) as store, store.begin() as conn:
                row = conn.execute(mentions.select()).one()._asdict()
                conn.execute(mentions.delete())
                deleted.set()
                time.sleep(PAUSE_S)
                conn.execute(mentions.insert().values({**row, "id": 40}))
        except BaseException as e:  # reported by the test below
            failed.append(e)
            deleted.set()

    thread = threading.Thread(target=rematch)
    with Store(db, create=False) as store, store.connect() as conn:
        conn.execute(mentions.select()).all()  # the mention as the analyst sees it
    thread.start()
    try:
        assert deleted.wait(60) and not failed
        _mark(db, 1, how)
    finally:
        thread.join(60)
    assert not failed
    with Store(db, create=False) as store, store.connect() as conn:
        (m,) = conn.execute(mentions.select()).all()
    assert m.id == 40
    assert (m.label, m.model, m.triage) == (
        ("pos", "manual", None) if how == "correction" else ("neu", "m1", "handled")
    )
