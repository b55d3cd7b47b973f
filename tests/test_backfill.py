"""Backfill: a new search's burst of older items counts in history, not in recent days' spikes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from analysis.brands import Brand
from koll.config import FeedConfig, Settings
from koll.jobs.alerts import detect_alerts
from koll.store import Store
from koll.store import alerts as store_alerts
from koll.store import feeds as store_feeds
from koll.store.items import save_items
from koll.store.records import Item, Mention

BRAND = "Fjällkraft"
DAY0 = datetime(2026, 11, 1, 9, tzinfo=UTC)
WORDS = ["elpris", "vindkraft", "kommunen"]


def _item(n: int, when: datetime, *, backfill: bool, text: str) -> Item:
    return Item(
        key=f"https://exempel.se/{n}",
        url=f"https://exempel.se/{n}",
        guid=None,
        title=f"{BRAND} nummer {n}",
        text=text,
        published=when,
        published_estimated=False,
        author=None,
        source="exempel.se",
        kind="social",
        content_hash=f"h{n}",
        backfill=backfill,
    )


def _store_with_burst(database_url: str, *, backfill: bool) -> Store:
    """21 quiet days (3 mentions a day), then 20 mentions on the last day, all about the same
    new word ("översvämning"), as a new search's first fetch would bring them."""
    store = Store(database_url)
    with store.begin() as conn:
        store_feeds.sync_feeds(conn, [FeedConfig("https://exempel.se/feed")])
        feed_id = store_feeds.feed_ids_by_url(conn)["https://exempel.se/feed"]
        batch = [
            _item(d * 3 + k, DAY0 + timedelta(days=d, hours=k), backfill=False, text=WORDS[k])
            for d in range(21)
            for k in range(3)
        ]
        last = DAY0 + timedelta(days=21)
        batch += [
            _item(1000 + k, last + timedelta(minutes=k), backfill=backfill, text="översvämning")
            for k in range(20)
        ]
        mentions = {it.key: [Mention(it.key, BRAND, False, None, None)] for it in batch}
        save_items(conn, feed_id, batch, now=last + timedelta(hours=3), mentions_of=mentions)
    return store


def _settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(
        config_path=tmp_path / "koll.toml", database_url=database_url, brands=(Brand(BRAND),)
    )


@pytest.mark.parametrize("backfill", [False, True])
def test_a_burst_of_backfill_is_no_spike(tmp_path, database_url, backfill):
    store = _store_with_burst(database_url, backfill=backfill)
    try:
        found = detect_alerts(store, _settings(tmp_path, database_url), "2026-11-22")
        with store.connect() as conn:
            daily = store_alerts.daily_counts(conn, BRAND)
    finally:
        store.close()
    kinds = {a["kind"] for a in found}
    if backfill:
        # no volume spike and no rising term: the 20 items are history
        assert kinds == set()
        assert "2026-11-22" not in set(daily["day"])
    else:
        assert {"volume", "term"} <= kinds  # the same burst, found live, is news
        assert daily.set_index("day").loc["2026-11-22", "mentions"] == 20
    # history keeps every mention either way (charts, exports, the control index)
    assert daily.set_index("day").loc["2026-11-01", "mentions"] == 3
