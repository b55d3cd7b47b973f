"""A small koll workspace for dashboard tests: koll.toml and a store filled via the real save path."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from koll.config import Settings, load_settings
from koll.store import Store
from koll.store.feeds import feed_ids_by_url, record_failure, sync_feeds
from koll.store.items import Score, save_items
from koll.store.records import Item, Mention

HOSTILE = "<img src=x onerror=alert(1)> Fjällkraft"
#: The newest day with data; the default period is the 30 days ending here.
LAST_DAY = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)

CONFIG = """
[storage]
url = "sqlite:///koll.db"

[dashboard]
refresh = "1h"

[[brands]]
name = "Fjällkraft"
aliases = ["Fjällkraft AB"]
owned_domains = ["fjallkraft.se"]
people = ["Anna Berg"]
key_messages = ["förnybar el till alla"]
competitors = ["Nordvind"]

[[brands]]
name = "Nordvind"

[[feeds]]
url = "https://blogg.fjallkraft.se/feed/"
kind = "blog"
owner = "Fjällkraft"

[[feeds]]
url = "https://forum.example.se/feed/"
kind = "forum"

[[feeds]]
url = "https://trasig.example.se/feed/"
kind = "news"
"""


def _item(i: int, source: str, kind: str, title: str, text: str, published: datetime,
          author: str | None, url: str | None = None) -> Item:  # fmt: skip
    return Item(
        key=url or f"https://{source}/{i}",
        url=url or f"https://{source}/{i}",
        guid=None,
        title=title,
        text=text,
        published=published,
        published_estimated=False,
        author=author,
        source=source,
        kind=kind,
        content_hash=f"hash{i}",
        lang="sv",
    )


def make_workspace(
    folder: Path, extra_config: str = "", database_url: str | None = None
) -> Settings:
    """koll.toml in `folder` and a store with ~70 mentions over 40 days, ending on LAST_DAY.

    Fjällkraft: owned blog posts (positive), earned forum posts (mixed tone), the hostile title.
    Nordvind: earned forum posts (mostly negative), so comparisons have two sides.
    `database_url` replaces the SQLite file next to koll.toml (e.g. a PostgreSQL database).
    """
    path = folder / "koll.toml"
    path.write_text(textwrap.dedent(CONFIG) + textwrap.dedent(extra_config), encoding="utf-8")
    settings = load_settings(path, env={})
    if database_url:
        settings = replace(settings, database_url=database_url)
    store = Store(settings.database_url)
    now = LAST_DAY + timedelta(hours=2)
    with store.begin() as conn:
        sync_feeds(conn, settings.feeds)
        ids = feed_ids_by_url(conn)
        record_failure(conn, ids["https://trasig.example.se/feed/"], now=now, next_due=None,
                       error="HTTP 404 Not Found", status="failing", failures=3)  # fmt: skip
    blog = ids["https://blogg.fjallkraft.se/feed/"]
    forum = ids["https://forum.example.se/feed/"]
    batches: dict[int, list] = {blog: [], forum: []}
    mentions: dict[str, list[Mention]] = {}
    scores: dict[tuple[str, str], Score] = {}
    tones = ["pos", "neu", "neg"]
    for i in range(40):
        published = LAST_DAY - timedelta(days=i, hours=i % 5)
        if i % 4 == 0:
            it = _item(i, "blogg.fjallkraft.se", "blog", f"Fjällkraft bygger vindkraft {i}",
                       "Förnybar el till alla från Fjällkraft.", published, "Anna Berg")  # fmt: skip
            batches[blog].append(it)
            mentions[it.key] = [Mention(it.key, "Fjällkraft", True, "feed", "Anna Berg")]
            scores[(it.key, "Fjällkraft")] = Score("pos", 0.7, 0.9, "sv", "test")
        else:
            it = _item(i, "forum.example.se", "forum", f"Elpriset och Fjällkraft, tråd {i}",
                       f"Vad tycker ni om Fjällkraft? Inlägg {i}.", published, f"user{i % 6}")  # fmt: skip
            batches[forum].append(it)
            mentions[it.key] = [Mention(it.key, "Fjällkraft", False, None, None)]
            scores[(it.key, "Fjällkraft")] = Score(tones[i % 3], 0.0, 0.8, "sv", "test")
        n = _item(100 + i, "forum.example.se", "forum", f"Nordvind fakturerar fel igen {i}",
                  "Nordvind skickar dubbla fakturor.", published, f"user{i % 4}")  # fmt: skip
        batches[forum].append(n)
        mentions[n.key] = [Mention(n.key, "Nordvind", False, None, None)]
        scores[(n.key, "Nordvind")] = Score("neg" if i % 3 else "neu", -0.5, 0.8, "sv", "test")
    hostile = _item(999, "forum.example.se", "forum", HOSTILE,
                    "<script>alert('x')</script> Fjällkraft i forumet", LAST_DAY, "<b>troll</b>",
                    url="https://forum.example.se/hostile")  # fmt: skip
    sneaky = _item(998, "forum.example.se", "forum", "Länk med javascript Fjällkraft",
                   "Fjällkraft", LAST_DAY - timedelta(hours=1), "x")  # fmt: skip
    sneaky = replace(sneaky, url="javascript:alert(1)", key="guid:sneaky")
    for it in (hostile, sneaky):
        batches[forum].append(it)
        mentions[it.key] = [Mention(it.key, "Fjällkraft", False, None, None)]
        scores[(it.key, "Fjällkraft")] = Score("neu", 0.0, 0.5, "sv", "test")
    for feed_id, batch in batches.items():
        with store.begin() as conn:
            save_items(conn, feed_id, batch, now=now, mentions_of=mentions,
                       mention_scores=scores)  # fmt: skip
    store.close()
    return settings
