"""A shorter `interval` in koll.toml takes effect from the feed's last fetch, not after the old wait.

Real HTTP (tests/feedserver.py) and a real database on both engines; runs are ingest_once with
a simulated clock, the way tests/test_ingest.py moves days ahead.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from ingest.fetch import host_key
from ingest.run import ingest_once
from ingest.schedule import after_shorter_interval, host_pauses
from koll.cli import main
from koll.config import load_settings
from koll.store import Store
from koll.store import feeds as store_feeds
from koll.store.feed_outcomes import Failure, record_outcomes
from koll.store.feeds import FeedRow
from tests.feedserver import rss


def _settings(write_config, database_url: str, url: str, interval: str):
    return load_settings(
        write_config(
            f'[storage]\nurl = "{database_url}"\n\n[[brands]]\nname = "Fjällkraft"\n\n'
            f'[[feeds]]\nurl = "{url}"\ninterval = "{interval}"\n'
        ),
        env={},
    )


def _row(database_url: str) -> FeedRow:
    with Store(database_url) as store, store.connect() as conn:
        (row,) = store_feeds.all_feeds(conn)
    return row


def test_a_shorter_interval_counts_from_the_last_fetch(
    feed_server, write_config, database_url, capsys
):
    url = feed_server.add("/f", rss([{"title": "Fjällkraft", "link": "https://exempel.se/a"}]))
    start = datetime.now(UTC).replace(microsecond=0)
    assert ingest_once(settings=_settings(write_config, database_url, url, "7d"), now=start)
    assert _row(database_url).next_due == start + timedelta(days=7)

    # A crisis: poll it every minute from now on. `koll feeds` (which writes nothing) already
    # shows the next run's due time.
    settings = _settings(write_config, database_url, url, "1m")
    capsys.readouterr()
    assert main(["feeds", "--config", str(settings.config_path), "--format", "json"]) == 0
    (shown,) = json.loads(capsys.readouterr().out)
    assert shown["next_due"] == (start + timedelta(minutes=1)).isoformat().replace("+00:00", "Z")

    hits = feed_server.hits["/f"]
    report = ingest_once(settings=settings, now=start + timedelta(minutes=2))
    assert (report.feeds_due, report.feeds_ok) == (1, 1)  # due: it was not before
    assert feed_server.hits["/f"] == hits + 1
    assert _row(database_url).next_due == start + timedelta(minutes=3)


def test_a_longer_interval_waits_out_the_current_turn(feed_server, write_config, database_url):
    url = feed_server.add("/f", rss([{"title": "Fjällkraft", "link": "https://exempel.se/a"}]))
    start = datetime.now(UTC).replace(microsecond=0)
    ingest_once(settings=_settings(write_config, database_url, url, "30m"), now=start)
    settings = _settings(write_config, database_url, url, "1d")
    assert ingest_once(settings=settings, now=start + timedelta(minutes=5)).feeds_due == 0
    row = _row(database_url)
    assert (row.interval_s, row.next_due) == (86400, start + timedelta(minutes=30))


NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
OK = FeedRow(
    id=1,
    url="https://exempel.se/feed",
    config_url="https://exempel.se/feed",
    kind="news",
    owner=None,
    interval_s=7 * 86400,
    etag=None,
    last_modified=None,
    body_hash=None,
    status="ok",
    failures=0,
    last_error=None,
    last_success=NOW,
    next_due=NOW + timedelta(days=7),
    last_attempt=NOW,
)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (OK, NOW + timedelta(minutes=1)),
        # Its host asked for a pause (Retry-After on another of its feeds) past its old turn.
        (replace(OK, interval_s=600, next_due=NOW + timedelta(hours=5)), None),
        # Deferred to its host's turn, sooner than the new interval gives.
        (replace(OK, interval_s=600, next_due=NOW + timedelta(seconds=20)), None),
        # Failing: the wait may be a Retry-After the row does not tell apart; kept until the
        # next attempt, which counts with the new interval.
        (replace(OK, status="failing", failures=2, next_due=NOW + timedelta(hours=12)), None),
        (replace(OK, status="never", last_attempt=None, next_due=None), None),
        (replace(OK, status="disabled", next_due=None), None),
    ],
    ids=["ok", "held by its host", "deferred", "failing", "never", "disabled"],
)
def test_which_due_times_a_shorter_interval_brings_forward(row, expected):
    assert after_shorter_interval(row, 60) == expected


def test_which_due_times_a_shorter_interval_brings_forward_inside_a_pause():
    pause = NOW + timedelta(hours=2)
    assert after_shorter_interval(OK, 60, pause) == pause  # no sooner than its host's pause
    assert after_shorter_interval(OK, 60, NOW - timedelta(hours=1)) == NOW + timedelta(minutes=1)
    # A pause past the feed's own due time: it keeps that.
    assert (
        after_shorter_interval(
            replace(OK, interval_s=600, next_due=NOW + timedelta(minutes=10)), 60, pause
        )
        is None
    )


SIBLING = replace(OK, id=2, url="https://EXEMPEL.se/sektion", interval_s=600)


@pytest.mark.parametrize(
    ("row", "paused"),
    [
        # The feed that was told: failing with a 429 or 503 (its wait may be the Retry-After).
        (replace(SIBLING, status="failing", last_error="HTTP 429 Too Many Requests"), True),
        (replace(SIBLING, status="failing", last_error="HTTP 503 Service Unavailable"), True),
        # A sibling held past its own interval, fetched or not.
        (replace(SIBLING, next_due=NOW + timedelta(hours=2)), True),
        (
            replace(SIBLING, status="never", last_attempt=None, next_due=NOW + timedelta(hours=2)),
            True,
        ),
        # A failing feed's back-off for anything else, an ok feed in its turn: no pause.
        (replace(SIBLING, status="failing", last_error="HTTP 404 Not Found"), False),
        (replace(SIBLING, next_due=NOW + timedelta(minutes=10)), False),
        (replace(SIBLING, status="disabled", last_error="HTTP 429", next_due=None), False),
    ],
    ids=["429", "503", "held", "held, never fetched", "404", "in its turn", "disabled"],
)
def test_which_stored_feeds_show_their_hosts_pause(row, paused):
    expected = {"exempel.se": row.next_due} if paused else {}
    assert host_pauses([row], host_key) == expected


def _two_feeds(write_config, database_url: str, busy: str, daily: str, interval: str):
    settings = load_settings(
        write_config(
            f'[storage]\nurl = "{database_url}"\n\n[fetch]\nper_host_concurrency = 1\n'
            f'per_host_gap_s = 0\n\n[[brands]]\nname = "Fjällkraft"\n\n'
            f'[[feeds]]\nurl = "{busy}"\ninterval = "10m"\n\n'
            f'[[feeds]]\nurl = "{daily}"\ninterval = "{interval}"\n'
        ),
        env={},
    )
    return replace(settings, host_rules={})


def test_a_shorter_interval_waits_out_its_hosts_pause(feed_server, write_config, database_url):
    """A sibling on the same host answered 429 with a Retry-After of 2 hours; the daily feed,
    due in a day and so not held, is shortened to a minute: it waits for the pause to end
    (it was asked at once, inside the pause its host had asked for)."""
    busy = feed_server.add("/busy.rss", rss([{"title": "a", "link": "https://exempel.se/a"}]))
    daily = feed_server.add("/daily.rss", rss([{"title": "b", "link": "https://exempel.se/b"}]))
    start = datetime.now(UTC).replace(microsecond=0)
    ingest_once(settings=_two_feeds(write_config, database_url, busy, daily, "1d"), now=start)
    feed_server.add("/busy.rss", b"", status=429, headers={"Retry-After": "7200"})
    told = start + timedelta(minutes=11)
    ingest_once(settings=_two_feeds(write_config, database_url, busy, daily, "1d"), now=told)
    feed_server.hits.clear()

    settings = _two_feeds(write_config, database_url, busy, daily, "1m")
    report = ingest_once(settings=settings, now=start + timedelta(minutes=15))
    assert feed_server.hits["/daily.rss"] == 0 and report.feeds_due == 0
    with Store(database_url) as store, store.connect() as conn:
        row = {r.url: r for r in store_feeds.all_feeds(conn)}[daily]
    # Due when the pause ends (the 429's Retry-After from its run's clock), not in a day.
    assert told + timedelta(hours=2) <= row.next_due < told + timedelta(hours=2, minutes=5)


def test_the_sync_keeps_a_due_time_a_worker_recorded_after_its_read(
    feed_server, write_config, database_url, monkeypatch
):
    """Leased workers record outcomes without the sync's lock: a Retry-After's wait recorded
    between the sync's read of the feeds and its write stays (it was overwritten with the
    shorter interval's due time, asking the server again at once)."""
    url = feed_server.add("/f", rss([{"title": "Fjällkraft", "link": "https://exempel.se/a"}]))
    start = datetime.now(UTC).replace(microsecond=0)
    ingest_once(settings=_settings(write_config, database_url, url, "1d"), now=start)
    with Store(database_url) as store:
        with store.connect() as conn:
            read = store_feeds.all_feeds(conn, configured_only=False)
        wait = start + timedelta(minutes=5, hours=2)
        with store.begin() as conn:  # another worker, meanwhile: 429 with Retry-After 2 h
            failed = Failure(read[0].id, wait, "HTTP 429 Too Many Requests", "failing", 1)
            record_outcomes(conn, now=start + timedelta(minutes=5), failures=[failed])
        # The sync planned from what it read before that.
        monkeypatch.setattr(store_feeds, "all_feeds", lambda conn, **kw: read)
        settings = _settings(write_config, database_url, url, "1m")
        with store.begin() as conn:
            store_feeds.sync_feeds(
                conn,
                settings.feeds,
                start + timedelta(minutes=6),
                reschedule=lambda rows: after_shorter_interval,
            )
        monkeypatch.undo()
    row = _row(database_url)
    assert (row.interval_s, row.status, row.next_due) == (60, "failing", wait)
