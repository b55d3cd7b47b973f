"""What the Monday-meeting answers need on top of the test workspace (tests/browser/workspace.py):
a story the brand started, alerts, and a period before the default one, stored the real way."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
from sqlalchemy import select

from koll.config import Settings
from koll.store import Store
from koll.store import alerts as store_alerts
from koll.store import stories as store_stories
from koll.store.schema import items, mentions
from tests.browser.workspace import LAST_DAY

#: The story: the brand's own blog post, then two forum threads about it.
STORY_TITLE = "Fjällkraft bygger vindkraft 8"
ALERT_DAY = "2026-11-18"  # a day with a negative forum post (workspace.py: i = 2)


def add_answers(settings: Settings) -> dict:
    """Store a three-item story led by an owned post and two alerts; returns their ids/days."""
    store = Store(settings.database_url)
    try:
        with store.begin() as conn:
            owned = conn.execute(
                select(items.c.id, items.c.published).where(items.c.title == STORY_TITLE)
            ).first()
            later = conn.execute(
                select(items.c.id, items.c.published)
                .select_from(items.join(mentions, mentions.c.item_id == items.c.id))
                .where(
                    mentions.c.brand == "Fjällkraft",
                    mentions.c.owned.is_(False),
                    items.c.published > owned.published,
                    items.c.kind == "forum",
                )
                .order_by(items.c.published)
                .limit(2)
            ).all()
            members = [owned, *later]
            story_id = min(r.id for r in members)
            store_stories.save_story_ids(conn, [(r.id, story_id) for r in members])
            # Every other item is a story of its own, as `koll analyse` leaves an item that
            # joins none: a world where they had none is one not analysed since they came, and
            # the control figures judge such items on the fly around the stored stories (an
            # earlier forum post would join this made-up story and start it).
            rest = conn.execute(
                select(items.c.id).where(items.c.story_id.is_(None), items.c.kind != "comments")
            ).scalars()
            store_stories.save_story_ids(conn, [(i, i) for i in rest])
            table = pd.DataFrame(
                [
                    {
                        "story_id": story_id,
                        "size": len(members),
                        "first_published": owned.published,
                        "last_published": max(r.published for r in members),
                        "first_item_id": owned.id,
                        "title": STORY_TITLE,
                    }
                ]
            )
            store_stories.replace_stories(conn, table, LAST_DAY, replaced=[story_id])
            alerts = [
                {"key": f"Fjällkraft|negative|{ALERT_DAY}", "brand": "Fjällkraft",
                 "kind": "negative", "day": ALERT_DAY, "subject": None,
                 "reason": "Negativ ton ökar: 2 av 3 omnämnanden negativa i dag",
                 "value": 0.66, "baseline": 0.2, "p_value": 0.001},
                {"key": f"Fjällkraft|term|{ALERT_DAY}|tråd", "brand": "Fjällkraft",
                 "kind": "term", "day": ALERT_DAY, "subject": "tråd",
                 "reason": "Ordet ”tråd” ökar", "value": 3.0, "baseline": 0.5, "p_value": 0.01},
            ]  # fmt: skip
            store_alerts.insert_alerts(conn, alerts, LAST_DAY + timedelta(hours=3))
    finally:
        store.close()
    return {"story_id": story_id, "story_items": len(members), "alert_day": ALERT_DAY}
