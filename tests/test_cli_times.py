"""Times on the command line: tables in Stockholm time, JSON in UTC with a `Z`."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import update

from koll.cli import main
from koll.config import FeedConfig
from koll.store import Store
from koll.store import alerts as store_alerts
from koll.store import feeds as store_feeds
from koll.store import runs as store_runs
from koll.store.schema import alerts, feeds

FEED = "https://exempel.se/feed/"


def _config(write_config, database_url: str) -> str:
    text = f'[storage]\nurl = "{database_url}"\n\n[[brands]]\nname = "Fjällkraft"\n\n'
    return str(write_config(text + f'[[feeds]]\nurl = "{FEED}"\n'))


def test_koll_feeds_shows_its_times_in_stockholm_time(database_url, write_config, capsys):
    """The table had cut the UTC times' `Z` off: 12:26 read as a Swede's 12:26, an hour off."""
    cfg = _config(write_config, database_url)
    store = Store(database_url)
    with store.begin() as conn:
        store_feeds.sync_feeds(conn, [FeedConfig(FEED)])
        conn.execute(
            update(feeds).values(
                last_success=datetime(2026, 12, 4, 12, 26, 23),  # naive UTC, as stored
                next_due=datetime(2026, 7, 4, 22, 56, 23),  # summer: two hours, and a new day
            )
        )
        run = store_runs.start_run(conn, datetime(2026, 12, 4, 12, 25, 50, tzinfo=UTC), "w")
        store_runs.finish_run(
            conn, run, now=datetime(2026, 12, 4, 12, 27, tzinfo=UTC), status="ok",
            feeds_ok=1, feeds_failed=0, new_items=3,
        )  # fmt: skip
    store.close()
    assert main(["feeds", "--config", cfg]) == 0
    out = capsys.readouterr().out
    assert out.startswith("last run: 2026-12-04 13:25 ok: 1 ok, 0 failed, 3 new items\n")
    (row,) = [line for line in out.splitlines() if FEED in line]
    assert row.split()[2:7] == ["2026-12-04", "13:26", "2026-07-05", "00:56", FEED]
    assert main(["feeds", "--config", cfg, "--format", "json"]) == 0
    (feed,) = json.loads(capsys.readouterr().out)
    assert (feed["last_success"], feed["next_due"]) == (
        "2026-12-04T12:26:23Z",
        "2026-07-04T22:56:23Z",
    )


def test_koll_alerts_json_times_carry_their_zone(database_url, write_config, capsys):
    """created_at and delivered_at were UTC without the `Z` every other JSON time carries."""
    cfg = _config(write_config, database_url)
    store = Store(database_url)
    alert = {"key": "k", "brand": "Fjällkraft", "kind": "volume", "day": "2026-12-04",
             "subject": None, "reason": "r", "value": 1.0, "baseline": 1.0, "p_value": 0.0}  # fmt: skip
    with store.begin() as conn:
        store_alerts.insert_alerts(conn, [alert], datetime(2026, 12, 4, 12, 26, 23, tzinfo=UTC))
        conn.execute(update(alerts).values(delivered_at=datetime(2026, 12, 4, 12, 30)))
    store.close()
    assert main(["alerts", "--config", cfg, "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["created_at"], row["delivered_at"]) == (
        "2026-12-04T12:26:23Z",
        "2026-12-04T12:30:00Z",
    )
    assert row["day"] == "2026-12-04"  # a day is no time: no zone
