"""Full-text pages asked for again: the items of a feed whose page may still be read, and what a retry found.

A `fulltext = true` feed's item whose article page failed in a way that may pass (ingest/
fulltext.py: a 404, 408, 425, 429 or 5xx, a timeout or lost connection, the per-feed cap) is
stored with its teaser and `items.page_retry_until` set (schema version 18). Each later run of
the feed that reads its document (changed or not; not one whose feed fails or is deferred)
selects some of its waiting items whose next try is due here (pending, next_try_gap), asks for
their pages, and records what came of it in the feed's transaction (record): an article read
replaces the text through the edit path (koll/store/item_edits.py: matched and scored again,
corrections and triage carried over), a failure that may pass again counts a try, any other
failure ends the wait, and a wait whose time is over ends without a fetch.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, or_, select, update
from sqlalchemy.engine import Connection

from koll.store import from_db, to_db
from koll.store.item_edits import Edit, apply_edits, has_page_text
from koll.store.records import Item
from koll.store.schema import feeds, items
from koll.store.sentiment_store import lock_items

# How long a page that failed is asked for again, from when its item (or the edit whose page
# failed) was stored. News pages that fail just after their feed lists them (a 404 before the
# site publishes, a 5xx in an outage) are back within hours, and news sites edit an article in
# its first day or two; a page still failing after that is gone or blocked. One request per run
# of the feed at most: at the default 30-minute interval 96 for a page that never comes back.
PAGE_RETRY_DAYS = 2


# A page that failed is asked for again 30 minutes after its first try, then twice as long after
# each more (1 h, 2 h, ... 32 h): at 0, 0.5, 1.5, 3.5, 7.5, 15.5 and 31.5 hours, 7 requests in its
# two days where one on every run of the feed was 96 at the default interval. What led to it: a
# site in an outage answered 60 waiting pages' 503s with 20 requests on every run for two days
# (about 1,900 per feed), while the failures these waits are for (a deploy's 5xx, a 404 before
# the site publishes) mostly pass within minutes or a couple of hours, and a page still failing
# after a day seldom comes back: early tries find those, later ones cost little. The times are
# the clock's, not multiples of the feed's interval: a feed read every 5 minutes would ask 10
# times in 3 hours, one read every 6 hours not before 12. A page is asked for at its feed's first
# run after its time (a run may come later, never earlier).
FIRST_GAP = timedelta(minutes=30)
# From this many tries on, one gap serves them all: after the 7th try (at 31.5 h) the next is 32 h
# away, past the end of the wait (PAGE_RETRY_DAYS), so larger gaps would change nothing.
_MOST_TRIES = 7


def next_try_gap(tries: int) -> timedelta:
    """How long after a page's `tries`-th failed try it is asked for again (tries >= 1)."""
    return FIRST_GAP * 2 ** (min(tries, _MOST_TRIES) - 1)


def retry_until(now: datetime) -> datetime:
    """Until when a page that failed at `now` is asked for again (naive UTC, as stored)."""
    return to_db(now) + timedelta(days=PAGE_RETRY_DAYS)


@dataclass(frozen=True)
class Waiting:
    """A stored item whose page is to be asked for again: `item` as stored (its link as both url
    and link), and whether its stored text is its page's article already (an edit whose page
    failed kept the article read before it: the new one replaces it whatever its length)."""

    item_id: int
    item: Item
    article: bool
    tries: int
    until: datetime | None = None  # when its wait ends: the earliest waits longest


_DUE = select(
    items.c.id,
    items.c.key,
    items.c.url,
    items.c.guid,
    items.c.title,
    items.c.text,
    items.c.published,
    items.c.published_estimated,
    items.c.author,
    items.c.source,
    items.c.kind,
    items.c.parent_key,
    items.c.content_hash,
    items.c.lang,
    items.c.backfill,
    items.c.page_tries,
    items.c.page_retry_until,
).where(
    items.c.feed_id == bindparam("feed_id"),
    items.c.page_retry_until > bindparam("now"),
    # Its time has come (next_try_gap): never tried, or tried n times and last before
    # now - next_try_gap(n), one bound per n (timestamps are compared, on both engines).
    or_(
        items.c.page_tried_at.is_(None),
        *(
            and_(
                items.c.page_tries == n if n < _MOST_TRIES else items.c.page_tries >= n,
                items.c.page_tried_at <= bindparam(f"tried_by_{n}"),
            )
            for n in range(1, _MOST_TRIES + 1)
        ),
    ),
)
_PENDING = (
    _DUE
    # Never asked for first (over an earlier run's cap), then the fewest and the longest ago
    # tried: a page that fails on every run cannot keep another from its turn. Then the wait
    # that ends first.
    .order_by(
        items.c.page_tries,
        items.c.page_tried_at.nulls_first(),
        items.c.page_retry_until,
        items.c.id,
    ).limit(bindparam("limit"))
)
# The page waiting longest: its wait ends first (ingest/fulltext.py Pages.hold_one).
_LONGEST = _DUE.order_by(items.c.page_retry_until, items.c.id).limit(1)


def pending(conn: Connection, feed_id: int, now: datetime, limit: int) -> list[Waiting]:
    """At most `limit` of the feed's items whose page is still waited for at `now` and whose
    next try is due (next_try_gap), in turn; and one more when the one waiting longest of them
    is not among those, after them, for the slot of the cap held for it when new items would
    take the rest (ingest/fulltext.py Pages.hold_one). A caller taking `limit` takes the turn."""
    if limit <= 0:
        return []
    at = to_db(now)
    bounds = {f"tried_by_{n}": at - next_try_gap(n) for n in range(1, _MOST_TRIES + 1)}
    args = {"feed_id": feed_id, "now": at, "limit": limit, **bounds}
    rows = list(conn.execute(_PENDING, args))
    if len(rows) == limit:  # more may wait: the longest-waiting one may be past the limit
        longest = conn.execute(_LONGEST, args).all()
        if longest and all(r.id != longest[0].id for r in rows):
            rows.append(longest[0])
    out = []
    for r in rows:
        it = Item(
            key=r.key,
            url=r.url,
            guid=r.guid,
            title=r.title,
            text=r.text,
            published=from_db(r.published),
            published_estimated=r.published_estimated,
            author=r.author,
            source=r.source,
            kind=r.kind,
            parent_key=r.parent_key,
            content_hash=r.content_hash,
            lang=r.lang,
            link=r.url,
            backfill=r.backfill,
        )
        article = has_page_text(r)  # the stored hash is the feed's title and teaser's
        out.append(Waiting(r.id, it, article, r.page_tries, from_db(r.page_retry_until)))
    return out


_NO_WAIT = {"page_retry_until": None, "page_tries": 0, "page_tried_at": None}


def item_marks(tried: bool | None, now: datetime) -> Mapping:
    """The page columns of an item stored now: waiting for its page (`tried`: the page was
    asked for this time, not left over the cap) or not (None)."""
    if tried is None:
        return _NO_WAIT  # most items: one mapping for all, only read
    return {
        "page_retry_until": retry_until(now),
        "page_tries": int(tried),
        "page_tried_at": to_db(now) if tried else None,
    }


_SET_MARKS = (
    update(items)
    .where(items.c.id == bindparam("iid"))
    .values(
        page_retry_until=bindparam("until"),
        page_tries=bindparam("tries"),
        page_tried_at=bindparam("tried_at"),
    )
)


def mark_edits(conn: Connection, waits: Mapping[int, bool | None], now: datetime) -> None:
    """Items edited now (item id -> as item_marks' `tried`): a new version, whose page waits
    from now on, or not at all."""
    if not waits:
        return
    rows = []
    for iid, tried in waits.items():
        m = item_marks(tried, now)
        rows.append(
            {
                "iid": iid,
                "until": m["page_retry_until"],
                "tries": m["page_tries"],
                "tried_at": m["page_tried_at"],
            }
        )
    conn.execute(_SET_MARKS, rows)


@dataclass
class Retried:
    """What one run of a full-text feed found for its waiting pages, for record()."""

    feed_id: int
    read: list[Edit] = field(default_factory=list)  # the article read, scored as an edit
    failed: list[int] = field(default_factory=list)  # asked for, failed in a way that may pass
    given_up: list[int] = field(default_factory=list)  # failed for good: wait no more
    # The stored hash each retried item had when it was read: an item changed since (its feed
    # edited it in between, on another worker) is left to that change.
    hashes: dict[int, str] = field(default_factory=dict)


def _still(conn: Connection, hashes: Mapping[int, str]) -> set[int]:
    """Those of these items that still wait for their page with the hash they were read with."""
    ids = list(hashes)
    q = select(items.c.id, items.c.content_hash).where(
        items.c.id.in_(bindparam("ids", expanding=True)), items.c.page_retry_until.is_not(None)
    )
    out = set()
    for k in range(0, len(ids), 500):
        for r in conn.execute(q, {"ids": ids[k : k + 500]}):
            if hashes[r.id] == r.content_hash:
                out.add(r.id)
    return out


def record(
    conn: Connection, found: Retried, now: datetime, brands: Sequence[str] | None = None
) -> int:
    """Store what a retry found (inside the feed's transaction) and end the feed's waits that
    are over at `now`; how many items took their article. `brands`: as item_edits.apply_edits."""
    # The items whose article was read are held (as apply_edits holds them) before their hash
    # is compared: what is compared is then what the edit applies to.
    lock_items(conn, [e.item_id for e in found.read])
    still = _still(conn, found.hashes) if found.hashes else set()
    read = [e for e in found.read if e.item_id in still]
    done = apply_edits(conn, read, brands, why="their full-text page was read on a retry")
    stamp = to_db(now)
    ended = [e.item_id for e in read] + [i for i in found.given_up if i in still]
    for k in range(0, len(ended), 500):
        conn.execute(
            update(items)
            .where(items.c.id.in_(ended[k : k + 500]))
            .values(page_retry_until=None, page_tried_at=stamp)
        )
    failed = [i for i in found.failed if i in still]
    for k in range(0, len(failed), 500):
        conn.execute(
            update(items)
            .where(items.c.id.in_(failed[k : k + 500]))
            .values(page_tries=items.c.page_tries + 1, page_tried_at=stamp)
        )
    expire(conn, [found.feed_id], now)
    return done


def end_unfollowed(conn: Connection, fulltext_urls: Collection[str]) -> int:
    """End the waits of items whose feed is no longer a `fulltext = true` feed in koll.toml
    (`fulltext_urls`: their configured URLs): its `fulltext` taken out, or the feed itself.
    Nothing asks for those pages any more, and a wait nobody ends would have stayed set for good
    (a feed taken out is not run again, so its waits never even expire), where the schema says
    a page no longer waited for has none. One UPDATE at the start of a run, after the feeds of
    the file are synced (in_config); how many waits ended."""
    followed = select(feeds.c.id).where(
        feeds.c.in_config, feeds.c.config_url.in_(bindparam("urls", expanding=True))
    )
    done = conn.execute(
        update(items)
        .where(
            items.c.page_retry_until.is_not(None),
            or_(items.c.feed_id.is_(None), items.c.feed_id.not_in(followed)),
        )
        .values(page_retry_until=None),
        {"urls": sorted(fulltext_urls)},
    )
    return done.rowcount or 0


def expire(conn: Connection, feed_ids: Sequence[int], now: datetime) -> None:
    """The waits of these feeds' items that are over at `now` end, their pages not asked for."""
    if feed_ids:
        conn.execute(
            update(items)
            .where(items.c.feed_id.in_(list(feed_ids)), items.c.page_retry_until <= to_db(now))
            .values(page_retry_until=None)
        )
