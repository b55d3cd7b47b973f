"""Stories over time: `koll analyse` re-clusters a month of items, yet older items never change story."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from analysis.brands import Brand
from koll.config import FeedConfig, Settings
from koll.jobs.analyse import RECLUSTER_DAYS, update_key_messages, update_stories
from koll.store import Store
from koll.store import feeds as store_feeds
from koll.store.items import save_items
from koll.store.records import Item, Mention
from koll.store.schema import items, mentions, stories

BRAND = "Fjällkraft"
OWN_FEED, NEWS_FEED = "https://fjallkraft.se/feed", "https://np.se/feed"
BODY = (
    "Fjällkraft höjer nätavgiften med över 50 procent från den 1 januari. Beskedet väcker ilska "
    "bland kunderna i Västerbotten. Investeringarna i nätet är nödvändiga, säger vd Anna Berg. "
    "Energimarknadsinspektionen ska granska höjningen."
)
T0 = datetime(2026, 10, 1, 8, tzinfo=UTC)


def item(n: int, when: datetime, source: str) -> Item:
    return Item(
        key=f"https://{source}/{n}",
        url=f"https://{source}/{n}",
        guid=None,
        title=f"Fjällkraft höjer nätavgiften ({n})",
        text=BODY,
        published=when,
        published_estimated=False,
        author=None,
        source=source,
        kind="news",
        content_hash=f"h{n}",
    )


def add(store: Store, feed: str, it: Item, *, owned: bool, now: datetime) -> None:
    with store.begin() as conn:
        store_feeds.sync_feeds(conn, [FeedConfig(OWN_FEED, owner=BRAND), FeedConfig(NEWS_FEED)])
        fid = store_feeds.feed_ids_by_url(conn)[feed]
        mention = Mention(it.key, BRAND, owned, "feed" if owned else None, None)
        save_items(conn, fid, [it], now=now, mentions_of={it.key: [mention]})


def state(store: Store) -> tuple[dict, dict, dict]:
    """(story id per item key, key_message per item key, size per stored story)."""
    with store.connect() as conn:
        sid = dict(conn.execute(select(items.c.key, items.c.story_id)).all())
        q = select(items.c.key, mentions.c.key_message).join(
            items, items.c.id == mentions.c.item_id
        )
        flag = dict(conn.execute(q).all())
        size = dict(conn.execute(select(stories.c.id, stories.c.size)).all())
    return sid, flag, size


def analyse(store: Store, settings: Settings, now: datetime) -> tuple[dict, dict, dict]:
    update_stories(store, now)
    update_key_messages(store, settings, now)
    return state(store)


def test_a_copy_keeps_the_story_of_an_owned_item_that_left_the_window(database_url, tmp_path):
    """An earned copy 40 hours after an owned press release: on the day the release leaves the
    month koll re-clusters, the copy was clustered alone (a new story, key_message 0, the story
    gone), so a closed period's echo_rate and agenda_share changed with the day of asking."""
    settings = Settings(
        config_path=Path(tmp_path / "koll.toml"),
        database_url=database_url,
        brands=(Brand(BRAND, key_messages=("grön el",)),),
    )
    store = Store(database_url)
    try:
        own, copy = item(1, T0, "fjallkraft.se"), item(2, T0 + timedelta(hours=40), "np.se")
        add(store, OWN_FEED, own, owned=True, now=T0)
        add(store, NEWS_FEED, copy, owned=False, now=T0)
        first = analyse(store, settings, T0 + timedelta(days=3))
        sid, flag, size = first
        assert sid[copy.key] == sid[own.key]
        assert bool(flag[copy.key]) is True
        assert sorted(size.values()) == [2]
        for days in (RECLUSTER_DAYS + 1, RECLUSTER_DAYS + 2, RECLUSTER_DAYS + 3):
            assert analyse(store, settings, T0 + timedelta(days=days)) == first, days
    finally:
        store.close()


def test_a_new_item_joins_the_story_of_an_item_just_before_the_window(database_url, tmp_path):
    """An item first clustered after its older copy left the window still joins its story, and
    the older item keeps its id."""
    settings = Settings(
        config_path=Path(tmp_path / "koll.toml"), database_url=database_url, brands=(Brand(BRAND),)
    )
    store = Store(database_url)
    try:
        own = item(1, T0, "fjallkraft.se")
        add(store, OWN_FEED, own, owned=True, now=T0)
        analyse(store, settings, T0 + timedelta(days=1))
        now = T0 + timedelta(days=RECLUSTER_DAYS + 1, hours=20)
        late = item(2, now - timedelta(days=RECLUSTER_DAYS) + timedelta(hours=10), "np.se")
        assert late.published - own.published < timedelta(hours=72)
        add(store, NEWS_FEED, late, owned=False, now=now)
        sid, flag, size = analyse(store, settings, now)
        assert sid == {own.key: sid[own.key], late.key: sid[own.key]}
        assert bool(flag[late.key]) is True  # a copy of the owned item
        assert size == {sid[own.key]: 2}
    finally:
        store.close()


def _three_copies(store: Store, first: datetime) -> None:
    """One text from three sites at first, +10 min and +30 min (one story after analyse)."""
    feeds = [FeedConfig(f"https://site{n}.se/feed") for n in range(3)]
    with store.begin() as conn:
        store_feeds.sync_feeds(conn, feeds)
        ids = store_feeds.feed_ids_by_url(conn)
    for n, minutes in enumerate((0, 10, 30)):
        it = item(n, first + timedelta(minutes=minutes), f"site{n}.se")
        mention = Mention(it.key, BRAND, False, None, None)
        with store.begin() as conn:
            save_items(conn, ids[feeds[n].url], [it], now=first, mentions_of={it.key: [mention]})


@pytest.mark.parametrize(
    ("first", "day"),
    [
        (datetime(2026, 12, 2, 23, 10, tzinfo=UTC), "2026-12-03"),
        (datetime(2026, 7, 14, 22, 10, tzinfo=UTC), "2026-07-15"),
    ],
    ids=["winter", "summer"],
)
def test_the_dashboards_stories_start_at_stockholm_midnight(database_url, first, day):
    """Items published 00:10-00:40 Stockholm time (23:10-23:40 UTC the evening before in
    winter, 22:10-22:40 in summer) belong to that Stockholm day: the dashboard's stories list
    read the window's first day as UTC and so missed their story, which the analysts' stories()
    (and the report and digest) counted."""
    from koll.store import aggregates, views
    from koll.store.filters import Filter

    store = Store(database_url)
    try:
        _three_copies(store, first)
        update_stories(store, first + timedelta(days=1))
        assert list(views.stories_for(store, BRAND, day, day)["mentions"]) == [3]
        prev = (datetime.fromisoformat(day) - timedelta(days=1)).date().isoformat()
        with store.connect() as conn:
            got = aggregates.stories(conn, Filter(brands=(BRAND,), since=day, until=day))
            before = aggregates.stories(conn, Filter(brands=(BRAND,), since=prev, until=prev))
        assert list(got["mentions"]) == [3]
        assert before.empty  # nor is it the day before's, which its items are not
    finally:
        store.close()
