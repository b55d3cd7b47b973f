"""A rising topic is alerted once on its day, even when recomputing the topics reorders its
label or changes one of its words (a real store; analysis as `koll analyse` runs it)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from analysis.brands import Brand
from koll.config import FeedConfig, Settings
from koll.jobs.alerts import detect_alerts
from koll.store import Store
from koll.store import alerts as store_alerts
from koll.store import feeds as store_feeds
from koll.store.items import save_items
from koll.store.records import Item, Mention
from koll.store.schema import alerts

BRAND = "Fjällkraft"
DAY0 = datetime(2026, 11, 1, 9, tzinfo=UTC)
REF = "2026-11-22"
NOW = datetime(2026, 11, 22, 20, tzinfo=UTC)
QUIET = [
    "elpriset i norr stiger i vinter",
    "vindkraften byggs ut vid kusten",
    "kommunen planerar nya laddstolpar",
]
STORM = [
    "dubbelfakturering igen, kundtjänsten svarar inte och jag är besviken",
    "kundtjänsten lovar återbetalning för dubbelfakturering, besviken kund",
    "besviken på dubbelfakturering och kundtjänsten som aldrig ringer tillbaka",
]


def _item(n: int, when: datetime, text: str) -> Item:
    return Item(
        key=f"https://forum.example.se/t/{n}",
        url=f"https://forum.example.se/t/{n}",
        guid=None,
        title=f"{BRAND} i forumet {n}",
        text=text,
        published=when,
        published_estimated=False,
        author=None,
        source="forum.example.se",
        kind="social",
        content_hash=f"h{n}",
        backfill=False,
    )


def _store(database_url: str) -> Store:
    """21 quiet days of varied posts, then a day with 9 posts on double invoicing."""
    store = Store(database_url)
    with store.begin() as conn:
        store_feeds.sync_feeds(conn, [FeedConfig("https://forum.example.se/feed")])
        feed_id = store_feeds.feed_ids_by_url(conn)["https://forum.example.se/feed"]
        batch = [
            _item(d * 3 + k, DAY0 + timedelta(days=d, hours=k), QUIET[(d + k) % len(QUIET)])
            for d in range(21)
            for k in range(3)
        ]
        last = DAY0 + timedelta(days=21)
        batch += [
            _item(1000 + k, last + timedelta(minutes=k), f"{STORM[k % 3]} ({k})") for k in range(9)
        ]
        mentions = {it.key: [Mention(it.key, BRAND, False, None, None)] for it in batch}
        save_items(conn, feed_id, batch, now=last + timedelta(hours=3), mentions_of=mentions)
    return store


def _settings(tmp_path: Path, store: Store) -> Settings:
    return Settings(
        config_path=tmp_path / "koll.toml", database_url=store.url, brands=(Brand(BRAND),)
    )


def _stored_topic_as(store: Store, subject: str, examples: list[str] | None = None) -> None:
    """Rewrite the stored topic alert as an earlier run stored it: under `subject` (its label
    then, which was also its key) and, when given, with other example mentions."""
    with store.begin() as conn:
        row = conn.execute(select(alerts).where(alerts.c.kind == "topic")).one()._mapping
        details = json.loads(row["details"])
        if examples is not None:
            details["examples"] = [{**details["examples"][0], "url": u} for u in examples]
        conn.execute(
            update(alerts)
            .where(alerts.c.id == row["id"])
            .values(
                key=f"{BRAND}|topic|{REF}|{subject}",
                subject=subject,
                details=json.dumps(details, ensure_ascii=False),
            )
        )


@pytest.mark.engines("sqlite")
@pytest.mark.parametrize(
    "earlier, again",
    [
        ("reordered", False),  # 'besviken · dubbelfakturering · kundtjänsten' in another order
        ("one word changed", False),  # the same mentions, one other word in the label
        ("other mentions", True),  # two words shared, but a topic of other mentions
    ],
)
def test_a_topic_is_alerted_once_under_a_changed_label(tmp_path, database_url, earlier, again):
    store = _store(database_url)
    settings = _settings(tmp_path, store)
    try:
        found = detect_alerts(store, settings, REF)
        (topic,) = [a for a in found if a["kind"] == "topic"]
        words = topic["subject"].split(" · ")
        assert len(words) == 3 and topic["details"]["mentions"] >= 5
        with store.begin() as conn:
            store_alerts.insert_alerts(conn, found, NOW)
        if earlier == "reordered":
            _stored_topic_as(store, " · ".join([words[2], words[0], words[1]]))
        elif earlier == "one word changed":
            _stored_topic_as(store, " · ".join([*words[:2], "oacceptabelt"]))
        else:
            _stored_topic_as(
                store, " · ".join([*words[:2], "oacceptabelt"]), ["https://forum.example.se/t/1"]
            )
        # The next run computes the topics again from the same day's mentions.
        found = detect_alerts(store, settings, REF)
        with store.begin() as conn:
            new = store_alerts.insert_alerts(conn, found, NOW + timedelta(hours=1))
        topics = [a["subject"] for a in found if a["kind"] == "topic"]
        assert new == (1 if again else 0), topics
    finally:
        store.close()
