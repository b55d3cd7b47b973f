"""The demo is generated relative to today: its newest posts are from the last 24 hours, so
"last 7 days" and period comparisons show data whatever the date (issue 18)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from koll.config import load_settings
from koll.jobs.demo import DEMO
from koll.jobs.demo_dates import feeds_as_of, newest_date, shift_document, shift_for
from koll.store import Store

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_each_date_format_moves_in_its_own_style():
    doc = (
        "<pubDate>Tue, 10 Nov 2026 08:15:00 +0100</pubDate>"
        "<pubDate>Sat, 31 Oct 2026 10:20:00 GMT</pubDate>"
        "<updated>2026-11-21T11:10:00Z</updated>"
        "<published>2026-11-22T18:30:00+01:00</published>"
        "<link>https://energinytt.se/2026-11-10/el</link><title>Höjt pris</title>"
    ).encode("iso-8859-1")
    out = shift_document(doc, timedelta(days=30)).decode("iso-8859-1")
    assert "<pubDate>Thu, 10 Dec 2026 08:15:00 +0100</pubDate>" in out  # weekday recomputed
    assert "<pubDate>Mon, 30 Nov 2026 10:20:00 GMT</pubDate>" in out
    assert "<updated>2026-12-21T11:10:00Z</updated>" in out
    assert "<published>2026-12-22T18:30:00+01:00</published>" in out
    assert "https://energinytt.se/2026-11-10/el" in out and "Höjt pris" in out  # only dates move


def test_the_shift_brings_the_newest_post_into_the_last_day():
    newest = datetime(2026, 11, 22, 17, 30, tzinfo=UTC)
    for now in (
        datetime(2030, 5, 1, 9, 0, tzinfo=UTC),
        datetime(2030, 5, 1, 18, 0, tzinfo=UTC),
        datetime(2026, 11, 22, 17, 30, tzinfo=UTC),
        datetime(2026, 3, 1, tzinfo=UTC),  # before the story: it moves back in time
    ):
        moved = newest + shift_for(newest, now)
        assert timedelta(0) <= now - moved < timedelta(days=1), now
        assert shift_for(newest, now) % timedelta(days=1) == timedelta(0)  # whole days


def test_shifted_copy_keeps_every_file():
    with feeds_as_of(DEMO / "feeds", datetime(2031, 1, 15, 12, tzinfo=UTC)) as moved:
        names = sorted(p.name for p in moved.iterdir())
        assert names == sorted(p.name for p in (DEMO / "feeds").iterdir() if p.is_file())
        newest = newest_date(moved)
        assert timedelta(0) <= datetime(2031, 1, 15, 12, tzinfo=UTC) - newest < timedelta(days=1)


def test_demo_workspace_ends_today_or_yesterday(demo_workspace):
    """The newest post is from today or yesterday (Europe/Stockholm), the newest mention of a
    brand from the last two days (the demo's newest post, on a blog that names no brand, comes
    about 22 hours after it), and nothing is from the future."""
    settings = load_settings(demo_workspace, env={})
    store = Store(settings.database_url)
    try:
        with store.connect() as conn:
            newest_post = conn.exec_driver_sql("SELECT max(published) FROM items").scalar()
            newest_mention = conn.exec_driver_sql("SELECT max(published) FROM mentions").scalar()
    finally:
        store.close()
    now = datetime.now(UTC)
    today = now.astimezone(STOCKHOLM).date()
    post = datetime.fromisoformat(str(newest_post)).replace(tzinfo=UTC)
    assert post.astimezone(STOCKHOLM).date() in (today, today - timedelta(days=1))
    mention = datetime.fromisoformat(str(newest_mention)).replace(tzinfo=UTC)
    assert now - timedelta(days=2) < mention <= post <= now  # nothing from the future


def test_a_build_moves_its_dates_up_to_the_moment_it_is_given(tmp_path):
    """Two builds to be compared pass one `now` (tests/conftest.py's demo_now): a CI run had built
    the SQLite and PostgreSQL demos minutes apart across the newest post's time of day, and
    every date of the second came out a day later than the first's."""
    from koll.jobs.demo import build_demo

    # A moment in the past: dates after the clock would be read as unusable and estimated.
    now = datetime(2026, 11, 30, 12, tzinfo=UTC)
    settings = build_demo(tmp_path / "demo", analyse=False, now=now)
    store = Store(settings.database_url)
    try:
        with store.connect() as conn:
            newest = conn.exec_driver_sql("SELECT max(published) FROM items").scalar()
    finally:
        store.close()
    newest = datetime.fromisoformat(str(newest)).replace(tzinfo=UTC)
    assert timedelta(0) <= now - newest < timedelta(days=1)
