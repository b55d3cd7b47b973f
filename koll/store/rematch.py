"""Re-matching SQL: brand fingerprints, items in id order, and a batch's mention changes.

koll/jobs/rematch.py decides what changes; this module reads and writes it. Every function that
writes runs inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.engine import Connection, Row

from koll.store import stories as store_stories
from koll.store import thread_store, to_db
from koll.store.schema import (
    brand_matching,
    corrections,
    feeds,
    items,
    mentions,
    term_counts,
    term_days,
    term_words,
    topics,
)
from koll.store.sentiment_store import LABEL_SCORE, MANUAL


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


def feed_urls(conn: Connection) -> dict[int, str]:
    """{feed id: its URL as written in koll.toml}: which configured feed an item came from."""
    return {i: u for i, u in conn.execute(select(feeds.c.id, feeds.c.config_url))}


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


def latest_corrections(conn: Connection, brands: Sequence[str]) -> dict[tuple[int, str], str]:
    """{(item id, brand): label} of the analysts' latest correction of each mention: a mention
    re-matching removed and then adds again gets its corrected tone back."""
    latest = (
        select(func.max(corrections.c.id))
        .where(corrections.c.brand.in_(list(brands)))
        .group_by(corrections.c.item_id, corrections.c.brand)
    )
    q = select(corrections.c.item_id, corrections.c.brand, corrections.c.label).where(
        corrections.c.id.in_(latest)
    )
    return {(i, b): label for i, b, label in conn.execute(q)}


@dataclass
class Changes:
    """One batch's changes: new mention rows, mention ids to delete, owner fields to set."""

    add: list[dict]
    remove: list[int]
    owner: list[dict]  # mid, owned, owned_by, person


def new_mention(row: Row, brand: str, m, corrected: str | None) -> dict:
    """A mention row for item `row` (scored later by rescoring, or with its correction)."""
    out = dict(
        item_id=row.id,
        brand=brand,
        owned=m.owned,
        owned_by=m.owned_by,
        person=m.person,
        day=row.day,
        published=row.published,
        source=row.source,
        kind=row.kind,
        label=None,
        score=None,
        confidence=None,
        model=None,
    )
    if corrected is not None:
        out.update(label=corrected, score=LABEL_SCORE[corrected], confidence=1.0, model=MANUAL)
    return out


_SET_OWNER = (
    update(mentions)
    .where(mentions.c.id == bindparam("mid"))
    .values(owned=bindparam("owned"), owned_by=bindparam("owned_by"), person=bindparam("person"))
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


def forget_derived(conn: Connection, brand: str, days: Iterable[str], *, flags: bool) -> None:
    """Drop what was computed from a brand's old mentions: the term counts of the days whose
    mentions changed (counted again by `koll analyse`), its topics (found again), its stored threads and story firsts and, with
    `flags`, its key-message flags (checked again: which mentions copy an owned item changed)."""
    days = sorted(set(days))
    for k in range(0, len(days), 200):
        for t in (term_days, term_counts, term_words):
            conn.execute(delete(t).where(t.c.brand == brand, t.c.day.in_(days[k : k + 200])))
    conn.execute(delete(topics).where(topics.c.brand == brand))
    # Owned flags change in place (no newer id marks them): its threads are summarised again.
    thread_store.forget(conn, brand)
    store_stories.forget_firsts(conn, brand)
    if flags:
        conn.execute(update(mentions).where(mentions.c.brand == brand).values(key_message=None))
