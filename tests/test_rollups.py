"""The stored per-day counts (koll/store/rollups.py) give exactly what counting the mentions
gives: after `koll analyse`, after a new ingest, after a tone correction, over whole months and
partial ones, on SQLite and PostgreSQL (issue 18: a whole year fast)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import func, select, update

from koll.jobs.rollups import update_rollups
from koll.store import Store, mention_pages, rollups
from koll.store import aggregates as agg
from koll.store.feeds import feed_ids_by_url
from koll.store.filters import Filter
from koll.store.items import Score, save_items
from koll.store.records import Mention
from koll.store.schema import mention_days, mentions
from koll.store.sentiment_store import add_correction
from tests.browser.workspace import LAST_DAY, _item, make_workspace

NOW = LAST_DAY + timedelta(days=1)
WINDOWS = [
    ("2026-11-14", "2026-11-20"),  # a week
    ("2026-10-22", "2026-11-20"),  # the default 30 days, across a month's end
    ("2026-09-01", "2026-11-30"),  # three whole months (month rows)
    ("2026-10-01", "2026-10-31"),  # one whole month
    ("2025-12-01", "2026-11-30"),  # a year, mostly empty
]


@pytest.fixture
def store(tmp_path, database_url):
    settings = make_workspace(tmp_path, database_url=database_url)
    s = Store(settings.database_url)
    yield s
    s.close()


def everything(conn) -> dict:
    """What the dashboard reads, for every window, brand set and owned filter."""
    out = {}
    for since, until in WINDOWS:
        for brands in (("Fjällkraft",), ("Fjällkraft", "Nordvind")):
            for owned in ("all", "owned", "earned"):
                f = Filter(brands=brands, since=since, until=until, owned=owned)
                key = (since, until, brands, owned)
                out[key + ("daily",)] = agg.daily(conn, f)
                out[key + ("totals",)] = agg.totals(conn, f)
                if owned == "all":  # the Jämför page's totals are its days' sums
                    got = agg.totals_of(out[key + ("daily",)])
                    pd.testing.assert_frame_equal(got, out[key + ("totals",)], obj=str(key))
                top, summary = agg.sources(conn, f, limit=100)
                out[key + ("sources",)] = (top, summary)
                out[key + ("new",)] = agg.new_sources(conn, f, "2026-10-01", "2026-10-21")
                # The Källor page's one call: new voices from the rows it read for the table.
                _top, with_new = agg.sources(conn, f, 100, before=("2026-10-01", "2026-10-21"))
                assert with_new["new_voices"] == out[key + ("new",)], key
                out[key + ("authors",)] = agg.authors(conn, f, limit=100)
                for labels in ((), ("neg",), ("pos", "none")):  # the mentions page's count
                    g = Filter(brands=brands, since=since, until=until, owned=owned, labels=labels)
                    out[key + ("count", labels)] = mention_pages.mention_count(conn, g)
    return out


def counted_live(store, monkeypatch) -> dict:
    """everything() with the rollups ignored: the truth, counted from the mentions."""
    with monkeypatch.context() as m:
        m.setattr(rollups, "marks", lambda conn: None)
        with store.connect() as conn:
            return everything(conn)


def assert_same(got: dict, want: dict) -> None:
    assert got.keys() == want.keys()
    for key in want:
        a, b = got[key], want[key]
        if isinstance(b, tuple):
            pd.testing.assert_frame_equal(a[0], b[0], check_dtype=False)
            assert a[1] == pytest.approx(b[1]), key
        elif isinstance(b, pd.DataFrame):
            pd.testing.assert_frame_equal(a, b, check_dtype=False, obj=str(key))
        else:
            assert a == b, key


def _add(store, i: int, day: datetime, brand: str = "Fjällkraft", author: str = "ny") -> None:
    it = _item(7000 + i, "nytt.example.se", "news", f"Ny {i}", f"{brand} nytt", day, author)
    with store.begin() as conn:
        feed = feed_ids_by_url(conn)["https://forum.example.se/feed/"]
        save_items(conn, feed, [it], now=day, mentions_of={it.key: [Mention(it.key, brand, False, None, None)]},
                   mention_scores={(it.key, brand): Score("neg", -0.5, 0.8, "sv", "t")})  # fmt: skip


def test_stored_counts_equal_counting_the_mentions(store, monkeypatch):
    truth = counted_live(store, monkeypatch)
    with store.connect() as conn:
        assert rollups.marks(conn) is None
        assert_same(everything(conn), truth)  # nothing stored yet: counted live
    counted = update_rollups(store, NOW)
    assert counted["Fjällkraft"] > 30 and counted["Nordvind"] > 30
    with store.connect() as conn:
        f = Filter(brands=("Fjällkraft",), since="2026-09-01", until="2026-11-30")
        assert rollups.read_days(conn, f) is not None  # the stored rows answer now
        assert_same(everything(conn), truth)


def test_the_stored_rows_are_what_is_read(store):
    """Changing a stored count changes what is read (the rows are not merely checked)."""
    update_rollups(store, NOW)
    f = Filter(brands=("Fjällkraft",), since="2026-10-22", until="2026-11-20")
    with store.connect() as conn:
        before = int(agg.totals(conn, f)["mentions"].iloc[0])
    with store.begin() as conn:
        conn.execute(update(mention_days).values(n=mention_days.c.n + 100)
                     .where(mention_days.c.day == "2026-11-20", mention_days.c.brand == "Fjällkraft",
                            mention_days.c.owned.is_(False)))  # fmt: skip
    with store.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(mention_days).where(
            mention_days.c.day == "2026-11-20", mention_days.c.brand == "Fjällkraft",
            mention_days.c.owned.is_(False))).scalar()  # fmt: skip
        assert int(agg.totals(conn, f)["mentions"].iloc[0]) == before + 100 * rows


def test_new_mentions_and_corrections_count_at_once(store, monkeypatch):
    update_rollups(store, NOW)
    _add(store, 1, LAST_DAY - timedelta(days=3))  # a day already stored
    _add(store, 2, LAST_DAY + timedelta(hours=1), author="user1")  # the newest day
    _add(store, 3, datetime(2026, 10, 5, 12, tzinfo=UTC), brand="Nordvind")  # a whole month
    with store.connect() as conn:
        item_id = conn.execute(
            select(mentions.c.item_id).where(
                mentions.c.brand == "Fjällkraft", mentions.c.label == "pos", mentions.c.day >= "2026-11-01"
            ).limit(1)
        ).scalar()  # fmt: skip
    with store.begin() as conn:
        add_correction(conn, item_id, "Fjällkraft", "neg")
    truth = counted_live(store, monkeypatch)
    with store.connect() as conn:
        assert_same(everything(conn), truth)
    # The next analyse stores those days; nothing is counted live any more, same figures.
    update_rollups(store, NOW)
    with store.connect() as conn:
        assert rollups.changed_days(conn, rollups.marks(conn)) == set()
        assert_same(everything(conn), truth)


def test_a_pinned_reader_reads_the_marks_and_changed_days_once(store, monkeypatch):
    """Inside rollups.pinned(conn) every rollup read shares one read of the marks and of the
    days changed since them (a control report asks four rollups), with the same figures."""
    from sqlalchemy import event

    update_rollups(store, NOW)
    _add(store, 1, LAST_DAY - timedelta(days=3))  # a new mention and a correction since
    with store.connect() as conn:
        item_id = conn.execute(select(mentions.c.item_id).where(
            mentions.c.brand == "Fjällkraft", mentions.c.label == "pos").limit(1)).scalar()  # fmt: skip
    with store.begin() as conn:
        add_correction(conn, item_id, "Fjällkraft", "neg")
    seen: list[str] = []

    def reads(conn) -> list:
        out = []
        for since, until in WINDOWS[:2]:
            f = Filter(brands=("Fjällkraft",), since=since, until=until)
            out += [sorted(rollups.read_days(conn, f) or []), sorted(rollups.source_rows(conn, f)),
                    rollups.mention_total(conn, f)]  # fmt: skip
        return out

    def count(conn, cursor, statement, *args):
        seen.append(" ".join(statement.split()))

    with store.connect() as conn:
        want = reads(conn)
    event.listen(store.engine, "before_cursor_execute", count)
    asks = ("FROM rollup_marks", "WHERE mentions.id >", "WHERE corrections.id >")
    with store.connect() as conn:
        with rollups.pinned(conn):
            assert reads(conn) == want
            with rollups.pinned(conn):  # nested: the outer pin's values
                rollups.marks(conn)
        assert [sum(a in s for s in seen) for a in asks] == [1, 1, 1]
        seen.clear()
        rollups.marks(conn)  # the pin ended with its block
        assert sum(asks[0] in s for s in seen) == 1
    event.remove(store.engine, "before_cursor_execute", count)


def test_a_late_row_with_an_older_id_is_recounted_by_the_next_run(store, monkeypatch):
    """A mention committed after the run read its marks but numbered before them (PostgreSQL's
    sequences allow it) is missed by the id check; the next run finds its day's count differs."""
    update_rollups(store, NOW)
    _add(store, 4, datetime(2026, 10, 20, 12, tzinfo=UTC))
    with store.begin() as conn:
        rollups.set_marks(conn, rollups.current_marks(conn))  # as if counted: it was not
    update_rollups(store, NOW, recent_days=0)
    truth = counted_live(store, monkeypatch)
    with store.connect() as conn:
        assert_same(everything(conn), truth)


def test_plan_reads_whole_months_and_counts_changed_days_live():
    months, days, live = rollups.plan("2026-09-15", "2026-12-02", {"2026-11-03"})
    assert months == ["2026-10"]
    assert days[0] == "2026-09-15" and "2026-09-30" in days and "2026-11-01" in days
    assert "2026-11-03" not in days and live == ["2026-11-03"]
    assert days[-1] == "2026-12-02" and len(days) + len(live) + 31 == 79


def test_analyse_stores_the_rollups(tmp_path):
    from koll.jobs.analyse import analyse_all

    settings = make_workspace(tmp_path)
    summary = analyse_all(settings=settings, now=NOW, deliver=False)
    assert summary["rollups"]["Fjällkraft"] > 0
    s = Store(settings.database_url)
    try:
        with s.connect() as conn:
            assert rollups.marks(conn) == rollups.current_marks(conn)
    finally:
        s.close()


def test_day_totals_for_rising_terms_equal_counting_the_items(store, monkeypatch):
    """Rising terms' documents per day come from the rollups (one spelling) and equal the
    distinct items counted from the mentions: before analyse, after it, after a new ingest."""
    from koll.store.items import day_mention_counts

    def both(brand="Fjällkraft", since="2025-12-01", until="2026-11-30"):
        with store.connect() as conn:
            return rollups.day_totals(conn, [brand], since, until), day_mention_counts(
                conn, [brand], since, until
            )

    got, want = both()
    assert got == want and sum(want.values()) > 30
    update_rollups(store, NOW)
    _add(store, 5, LAST_DAY - timedelta(days=2))  # counted live: newer than the marks
    got, want = both()
    assert got == want and got[(LAST_DAY - timedelta(days=2)).date().isoformat()] > 1
    assert both("Nordvind", "2026-10-22", "2026-11-20")[0] == both("Nordvind", "2026-10-22",
                                                                  "2026-11-20")[1]  # fmt: skip
    # The stored rows are what is read: a tampered count shows.
    with store.begin() as conn:
        conn.execute(update(mention_days).values(n=mention_days.c.n + 1000)
                     .where(mention_days.c.day == "2026-11-10",
                            mention_days.c.brand == "Fjällkraft"))  # fmt: skip
    got, want = both()
    assert got["2026-11-10"] > want["2026-11-10"] + 999


def test_most_negative_and_positive_pages_equal_the_whole_windows(store, monkeypatch):
    """ "Mest negativa"/"Mest positiva" rank only the tone's mentions when the rollups say they
    fill the page: the same rows in the same order as ranking the whole window."""
    update_rollups(store, NOW)
    narrowed = 0
    with store.connect() as conn:
        for since, until in WINDOWS:
            for sort in ("neg", "pos"):
                for offset, labels in ((0, ()), (5, ()), (200, ()), (0, (sort, "neu"))):
                    f = Filter(brands=("Fjällkraft",), since=since, until=until, labels=labels)
                    got = mention_pages.mention_page(conn, f, sort=sort, offset=offset, limit=10)
                    narrowed += mention_pages._tone_first(conn, f, sort, offset + 10) != f
                    with monkeypatch.context() as m:
                        m.setattr(rollups, "marks", lambda conn: None)
                        want = mention_pages.mention_page(
                            conn, f, sort=sort, offset=offset, limit=10
                        )
                    pd.testing.assert_frame_equal(got, want, obj=f"{f} {sort} {offset}")
    assert narrowed >= 4  # the narrowing was taken, and the comparison means something
