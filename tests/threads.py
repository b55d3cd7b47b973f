"""Comment threads for the notify tests' workspace (tests/browser/workspace.py), stored through the
real save path: on LAST_DAY, one thread on Fjällkraft's own blog nobody answered, one on the
forum that Anna Berg answered an hour later, and one under the forum post whose link is
`javascript:` that nobody answered (its title must never become a link).

The dialogue then reads: 3 threads, 1 answered, response time 1 hour, 2 unanswered (newest
first: the forum one at 12:00 UTC, then the blog one at 11:00), 1 of them on an own channel.
"""

from __future__ import annotations

from datetime import timedelta

from koll.store import Store
from koll.store.feeds import feed_ids_by_url
from koll.store.items import Score, save_items
from koll.store.records import Item
from tests.browser.workspace import LAST_DAY

BLOG_POST = "https://blogg.fjallkraft.se/0"
ANSWERED_POST = "https://forum.example.se/hostile"
SNEAKY_POST = "guid:sneaky"
OWN_QUESTION = "Hur når ni ut med förnybar el till alla i Malå? Vi väntar fortfarande på besked."
OTHER_QUESTION = "Vad gäller för Fjällkraft-kunder i Åre när elen går? Ingen har svarat här."

# (parent, source, feed, author, minutes after LAST_DAY, text, tone)
COMMENTS = [
    (BLOG_POST, "blogg.fjallkraft.se", "blog", "Birgitta Östlund", 60, OWN_QUESTION, "neg"),
    (ANSWERED_POST, "forum.example.se", "forum", "Örjan", 90, "Stämmer det här?", "neu"),
    (ANSWERED_POST, "forum.example.se", "forum", "Anna Berg", 150, "Ja, från 1 december.", "pos"),
    (SNEAKY_POST, "forum.example.se", "forum", "Kalle Å", 120, OTHER_QUESTION, "neu"),
]
FEEDS = {"blog": "https://blogg.fjallkraft.se/feed/", "forum": "https://forum.example.se/feed/"}


def add_threads(settings) -> None:
    """Store COMMENTS in the workspace's store (call once, after make_workspace)."""
    store = Store(settings.database_url)
    try:
        with store.begin() as conn:
            ids = feed_ids_by_url(conn)
            for n, (parent, source, feed, author, minutes, text, tone) in enumerate(COMMENTS):
                item = Item(
                    key=f"guid:comment-{n}",
                    url=f"https://{source}/comment-{n}",
                    guid=f"comment-{n}",
                    title=f"Kommentar av {author}",
                    text=text,
                    published=LAST_DAY + timedelta(minutes=minutes),
                    published_estimated=False,
                    author=author,
                    source=source,
                    kind="comments",
                    parent_key=parent,
                    content_hash=f"comment{n}",
                    lang="sv",
                )
                score = Score(tone, {"pos": 0.6, "neu": 0.0, "neg": -0.6}[tone], 0.8, "sv", "test")
                save_items(conn, ids[FEEDS[feed]], [item], now=LAST_DAY + timedelta(hours=3),
                           item_scores={item.key: score})  # fmt: skip
    finally:
        store.close()
