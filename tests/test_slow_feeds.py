"""A slow feed must not hold up the rest (issue 14): feeds are stored as they finish, so the
good feeds' items are committed while a feed that trickles its body is still being fetched."""

from __future__ import annotations

import threading
import time

from sqlalchemy import func, select

from ingest.run import ingest_once
from koll.config import load_settings
from koll.store import Store
from koll.store.schema import feeds, items
from tests.feedserver import FeedServer, rss

GOOD = 6
BUDGET_S = 4  # the slow feed is cut off here; the good ones take well under a second


def _feed(n: int, count: int = 3) -> bytes:
    return rss(
        [
            {
                "title": f"Fjällkraft nyhet {n}-{i}",
                "link": f"https://exempel.se/{n}/{i}",
                "text": f"Fjällkraft bygger vindkraft, del {i}.",
                "date": "Mon, 02 Nov 2026 08:00:00 +0000",
            }
            for i in range(count)
        ]
    )


def test_good_feeds_are_stored_while_a_slow_feed_still_trickles(tmp_path, database_url):
    server = FeedServer().start()
    try:
        # First in due order (the lowest feed id): storing in due order held every feed behind
        # it until the slow one gave up.
        slow = server.add("/slow.xml", _feed(0, 100), drip_s=1.0)
        good = [server.add(f"/good{n}.xml", _feed(n)) for n in range(1, GOOD + 1)]
        config = tmp_path / "koll.toml"
        config.write_text(
            f'[storage]\nurl = "{database_url}"\n[[brands]]\nname = "Fjällkraft"\n'
            f"[fetch]\nfeed_budget_s = {BUDGET_S}\ntimeout_s = {BUDGET_S}\n"
            + "".join(f'[[feeds]]\nurl = "{u}"\n' for u in [slow, *good]),
            encoding="utf-8",
        )
        settings = load_settings(config, env={})
        store = Store(database_url)  # the schema, made before the run and this poll race for it
        result = {}
        run = threading.Thread(target=lambda: result.update(r=ingest_once(settings=settings)))
        run.start()
        seen = None  # (good items stored, slow feed's status) at the first poll with items
        try:
            while run.is_alive() and seen is None:
                with store.connect() as conn:
                    stored = conn.execute(select(func.count()).select_from(items)).scalar()
                    status = conn.execute(
                        select(feeds.c.status).where(feeds.c.url == slow)
                    ).scalar()
                if stored:
                    seen = (stored, status)
                time.sleep(0.05)
            run.join()
        finally:
            store.close()
    finally:
        server.stop()
    assert seen is not None, "nothing was stored before the run ended"
    stored, status = seen
    # The good feeds' items were committed while the slow feed had no outcome yet.
    assert status == "never", f"the slow feed was recorded ({status}) before any good feed"
    assert stored >= 3
    report = result["r"]
    assert report.feeds_ok == GOOD and report.feeds_failed == 1
    assert report.new_items == 3 * GOOD
