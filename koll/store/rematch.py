"""Re-matching SQL: brand fingerprints, items in id order, a batch's mention changes, and a
brand's stored rows taken over by its configured spelling.

koll/jobs/rematch.py decides what changes; this module reads and writes it. Every function that
writes runs inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, case, delete, exists, func, select, update
from sqlalchemy.engine import Connection, Row

from koll.store import rollups, thread_store, to_db
from koll.store import stories as store_stories
from koll.store.items import stored_brands
from koll.store.schema import (
    alerts,
    author_periods,
    brand_matching,
    corrections,
    feeds,
    items,
    mention_days,
    mentions,
    source_periods,
    story_firsts,
    story_marks,
    term_counts,
    term_days,
    term_words,
    thread_marks,
    thread_summaries,
    topics,
    triage_marks,
)
from koll.store.sentiment_store import MANUAL


def fingerprints(conn: Connection) -> dict[str, str]:
    """{brand: fingerprint} of what each brand's stored mentions were matched with."""
    return {
        b: fp
        for b, fp in conn.execute(select(brand_matching.c.brand, brand_matching.c.fingerprint))
    }


def save_fingerprint(conn: Connection, brand: str, fingerprint: str, now: datetime) -> None:
    conn.execute(delete(brand_matching).where(brand_matching.c.brand == brand))
    conn.execute(
        brand_matching.insert().values(brand=brand, fingerprint=fingerprint, matched_at=to_db(now))
    )


def count_items(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(items)).scalar_one())


_BATCH = (
    select(
        items.c.id,
        items.c.key,
        items.c.url,
        items.c.title,
        items.c.text,
        items.c.author,
        items.c.kind,
        items.c.source,
        items.c.day,
        items.c.published,
        items.c.feed_id,
    )
    .where(items.c.id > bindparam("after"))
    .order_by(items.c.id)
    .limit(bindparam("n"))
)


def item_batch(conn: Connection, after: int, n: int) -> list[Row]:
    """The next n items by id after `after` (keyset paging: each batch is an index range)."""
    return list(conn.execute(_BATCH, {"after": after, "n": n}))


@dataclass(frozen=True)
class Stored:
    id: int
    owned: bool
    owned_by: str | None
    person: str | None


def mentions_between(
    conn: Connection, brands: Sequence[str], first: int, last: int
) -> dict[tuple[int, str], Stored]:
    """{(item id, brand): stored mention} of the brands for items first..last (inclusive)."""
    q = select(
        mentions.c.id,
        mentions.c.item_id,
        mentions.c.brand,
        mentions.c.owned,
        mentions.c.owned_by,
        mentions.c.person,
    ).where(
        mentions.c.item_id >= first,
        mentions.c.item_id <= last,
        mentions.c.brand.in_(list(brands)),
    )
    return {
        (r.item_id, r.brand): Stored(r.id, bool(r.owned), r.owned_by, r.person)
        for r in conn.execute(q)
    }


@dataclass
class Changes:
    """One batch's changes: new mention rows, mention ids to delete, owner fields to set."""

    add: list[dict]
    remove: list[int]
    owner: list[dict]  # mid, owned, owned_by, person


# A mention whose owner fields change is scored again (its model cleared, so rescoring finds
# it): one that becomes owned or earned is read otherwise (sentiment_brand.classify_for_brand's
# `own`); one owned another way (feed, domain, person) is rescored to the same tone, a rare and
# cheap case not worth a second statement. An analyst's correction stays.
_SET_OWNER = (
    update(mentions)
    .where(mentions.c.id == bindparam("mid"))
    .values(
        owned=bindparam("owned"),
        owned_by=bindparam("owned_by"),
        person=bindparam("person"),
        model=case((mentions.c.model == MANUAL, mentions.c.model), else_=None),
    )
)


def apply(conn: Connection, changes: Changes) -> None:
    if changes.remove:
        ids = changes.remove
        for k in range(0, len(ids), 500):
            conn.execute(delete(mentions).where(mentions.c.id.in_(ids[k : k + 500])))
    if changes.owner:
        conn.execute(_SET_OWNER, changes.owner)
    if changes.add:
        conn.execute(mentions.insert(), changes.add)


def forget_derived(
    conn: Connection, brand: str, days: Iterable[str], *, flags: bool, topics_too: bool = True
) -> None:
    """Drop what was computed from a brand's old mentions (re-matched, or an edited item's):
    the term counts of the days whose mentions changed (counted again by `koll analyse`), with
    `topics_too` its topics (found again), its stored threads and story firsts (read live until
    analyse stores them again) and, with `flags`, its key-message flags (checked again: which
    mentions copy an owned item changed). The stored per-day counts (rollups) of those days are
    counted again here: a day that lost a mention has no newer id to tell a reader it changed."""
    days = sorted(set(days))
    for k in range(0, len(days), 200):
        for t in (term_days, term_counts, term_words):
            conn.execute(delete(t).where(t.c.brand == brand, t.c.day.in_(days[k : k + 200])))
    if topics_too:
        conn.execute(delete(topics).where(topics.c.brand == brand))
    # Owned flags change in place (no newer id marks them): its threads are summarised again.
    thread_store.forget(conn, brand)
    store_stories.forget_firsts(conn, brand)
    if flags:
        conn.execute(update(mentions).where(mentions.c.brand == brand).values(key_message=None))
    if days and rollups.marks(conn) is not None:
        rollups.store_days(conn, brand, days)


# Every table keyed by brand name, with the columns that, beside the brand, say which rows stand
# for the same thing (None: none do, every row is kept). Where the configured spelling already
# has such a row, the old spelling's is a duplicate (an earlier re-match stored it again under
# the new name) and is dropped; the rest are renamed. A period's topics are one set, and the
# counts of a day (or month) are one set too, so those are told apart by period alone.
_BY_BRAND = (
    (mentions, ("item_id",)),
    (corrections, None),  # the analysts' history: all of it kept
    (triage_marks, None),
    (topics, ("since", "until")),
    (term_days, ("day",)),
    (term_counts, ("day",)),
    (term_words, ("day",)),
    (mention_days, ("day",)),
    (source_periods, ("period",)),
    (author_periods, ("period",)),
    (thread_summaries, ("post_id",)),
    (thread_marks, ()),
    (story_firsts, ("day",)),
    (story_marks, ()),
    (brand_matching, ()),
    (alerts, None),  # its key (which starts with the brand) is what tells duplicates apart
)
# Small tables whose brand leads no index: read whole rather than sought brand by brand.
_SCANNED = (corrections, triage_marks)


def adopt_spellings(conn: Connection, names: Sequence[str]) -> dict[str, list[str]]:
    """Rename the rows stored under another case of a configured brand name (`ÅHLÉNS` when
    koll.toml now says `Åhléns`) to the configured spelling, in every table keyed by brand;
    returns {configured name: the old spellings taken over}.

    A brand renamed by case alone is the same brand: without this the re-match stored every
    mention again under the new name beside the old rows, and the readers that take a brand in
    any case (items.spellings) read both. Nothing is re-matched or re-scored here.
    """
    wanted = {n.casefold(): n for n in names}
    found: set[str] = set()
    for t, _key in _BY_BRAND:
        if t in _SCANNED:
            found.update(b for (b,) in conn.execute(select(t.c.brand).distinct()))
        else:
            found.update(stored_brands(conn, t.c.brand))
    out: dict[str, list[str]] = {}
    for old in sorted(found):
        new = wanted.get(old.casefold())
        if new is None or new == old:
            continue
        out.setdefault(new, []).append(old)
        for t, key in _BY_BRAND:
            if key is not None:
                twin = t.alias("twin")
                same = [twin.c[k] == t.c[k] for k in key]
                dup = exists().where(twin.c.brand == new, *same)
                conn.execute(delete(t).where(t.c.brand == old, dup))
            conn.execute(update(t).where(t.c.brand == old).values(brand=new))
        # An alert's key is "brand|kind|day...", so that detection is idempotent: spelled anew,
        # the alerts already stored (and delivered) are not found and sent again.
        prefix = f"{old}|"
        like = alerts.c.key.startswith(prefix, autoescape=True)
        # SQLite's LIKE ignores ASCII case ('ICA|%' finds 'Ica|...'): the prefix is checked here.
        rows = [(i, k) for i, k in conn.execute(select(alerts.c.id, alerts.c.key).where(like))]
        keys = {new + k[len(old) :]: i for i, k in rows if k.startswith(prefix)}
        have = set(conn.execute(select(alerts.c.key).where(alerts.c.key.in_(list(keys)))).scalars())
        gone = [i for k, i in keys.items() if k in have]
        if gone:
            conn.execute(delete(alerts).where(alerts.c.id.in_(gone)))
        moved = [{"aid": i, "k": k} for k, i in keys.items() if k not in have]
        if moved:
            conn.execute(
                update(alerts).where(alerts.c.id == bindparam("aid")).values(key=bindparam("k")),
                moved,
            )
        # A feed's owner is koll.toml's too (ingest writes it again; the dashboard reads it).
        conn.execute(update(feeds).where(feeds.c.owner == old).values(owner=new))
    return out
