"""Comment threads on top of the test workspace (tests/browser/workspace.py), stored the real way
(save_items, items with a parent key), for the Dialogue page: two threads the brand answered
(after 2 and 4 hours: median 3 hours) and two it did not, one on its own blog and a newer one on
the forum."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from koll.config import Settings
from koll.store import Store
from koll.store.feeds import feed_ids_by_url
from koll.store.items import Score, save_items
from tests.browser.workspace import LAST_DAY, _item

BLOG, FORUM = "https://blogg.fjallkraft.se", "https://forum.example.se"
#: The unanswered thread on the brand's own blog: older than the forum's, listed first.
OWN_POST = f"{BLOG}/8"
OWN_TITLE = "Fjällkraft bygger vindkraft 8"
OWN_QUESTION = "Varför höjer ni priset igen? Jag väntar fortfarande på svar om min faktura."
#: The unanswered forum thread: two readers, the latest a long comment (it must wrap on a phone).
FORUM_POST = f"{FORUM}/1"
FORUM_TITLE = "Elpriset och Fjällkraft, tråd 1"
LONG_WORD = "Elavtalsuppsägningstidsberäkningsformulärsifyllnadsinstruktionsvideoklippslänken"
FORUM_LATEST = f"Tack för tipset! {LONG_WORD} " + "hittade jag till slut, men det tog tid. " * 6

# (post key, comment no, time UTC, author, tone, text)
COMMENTS = [
    (OWN_POST, 1, datetime(2026, 11, 13, 9, 0, tzinfo=UTC), "Birgitta", "neg", OWN_QUESTION),
    (FORUM_POST, 1, datetime(2026, 11, 19, 12, 0, tzinfo=UTC), "Per", "neu", "Vet någon hur man byter avtal?"),
    (FORUM_POST, 2, datetime(2026, 11, 19, 15, 0, tzinfo=UTC), "Lisa", "pos", FORUM_LATEST),
    (f"{BLOG}/4", 1, datetime(2026, 11, 16, 10, 0, tzinfo=UTC), "Mikael", "neu", "När kommer nästa park?"),
    (f"{BLOG}/4", 2, datetime(2026, 11, 16, 12, 0, tzinfo=UTC), "Anna Berg", "pos", "Nästa år, Mikael!"),
    (f"{FORUM}/2", 1, datetime(2026, 11, 18, 8, 0, tzinfo=UTC), "Eva", "neg", "Min faktura är fel."),
    (f"{FORUM}/2", 2, datetime(2026, 11, 18, 12, 0, tzinfo=UTC), "Anna Berg, presschef", "neu",
     "Hej Eva, vi ringer dig i dag."),
]  # fmt: skip


def add_threads(settings: Settings) -> dict:
    """Store the comments above under their posts; returns what the page must show."""
    store = Store(settings.database_url)
    batch, scores = [], {}
    for post, no, when, author, tone, body in COMMENTS:
        key = f"{post}#comment-{no}"
        it = _item(0, "", "comments", f"Kommentar av {author}", body, when, author, url=key)
        it = replace(it, source=post.split("/")[2], content_hash=f"c-{key}", parent_key=post)
        batch.append(it)
        scores[key] = Score(tone, 0.0, 0.8, "sv", "test")
    try:
        with store.begin() as conn:
            feed = feed_ids_by_url(conn)[f"{FORUM}/feed/"]
            save_items(conn, feed, batch, now=LAST_DAY, item_scores=scores)
    finally:
        store.close()
    return {"threads": 4, "answered": 2, "unanswered": [OWN_POST, FORUM_POST]}
