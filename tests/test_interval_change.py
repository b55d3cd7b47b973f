"""A shorter `interval` in koll.toml takes effect from the feed's last fetch, not after the old wait.

Real HTTP (tests/feedserver.py) and a real database on both engines; runs are ingest_once with
a simulated clock, the way tests/test_ingest.py moves days ahead.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from ingest.run import ingest_once
from ingest.schedule import after_shorter_interval
from koll.cli import main
from koll.config import load_settings
from koll.store import Store
from koll.store import feeds as store_feeds
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
