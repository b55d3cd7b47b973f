"""Items a feed has edited since they were stored: their new title and text, tone and mentions.

News sites edit headlines and correct articles after publishing. An item seen again, in the feed
that first stored it, with another content hash (of the feed's title and text, as stored in
items.content_hash) is updated in the transaction that links it: title, text, hash and language,
its tone, and its mentions as matched and scored on the new text (new brands added, brands no
longer named removed). Only the item's own feed is followed: the same article in a second feed
with another description would otherwise be rewritten back and forth on every run.

A mention that stays is replaced by a new row, as a new mention is: `koll analyse` finds changes
by ids (the per-day counts, thread summaries), and its key-message flag is checked again. Its
team triage mark is carried over, and an analyst's tone correction is put back (the correction
is the analyst's reading of this item for this brand, kept as re-matching keeps it). The search
index follows through the triggers on items (schema.py); what was computed from the mentions of
the brands and days concerned is forgotten as re-matching forgets it (store/rematch.py
forget_derived): term counts, threads and story firsts (`koll analyse` makes them again), and the
days' stored per-day counts are counted again at once, so no reader counts a removed mention.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.engine import Connection

from analysis.text import content_hash
from koll.store.records import Item, Mention
from koll.store.schema import (
    items,
    mentions,
)
from koll.store.sentiment_store import (
    latest_corrections,
    lock_items,
    mention_row,
    score_row,
    upsert_item_scores,
)

if TYPE_CHECKING:  # items.py imports this module
    from koll.store.items import Score

log = logging.getLogger("koll.ingest")


@dataclass(frozen=True)
class Edit:
    """A stored item (`item_id`) as its feed now has it, with its new matches and scores.

    `teaser`: the text is a teaser that full text could not replace this time. Ingest gives such
    an edit the stored article as its text (stored_articles), so that a new headline is still
    taken; one that comes with its teaser all the same (the article was stored meanwhile) leaves
    a stored article as it is (only the new hash is kept, so the teaser is not taken for an edit
    again); a stored teaser is edited.
    """

    item_id: int
    item: Item
    mentions: Sequence[Mention]
    score: Score
    mention_scores: Mapping[str, Score]  # by brand
    teaser: bool = False


def is_edit(stored: tuple[str, int | None] | None, content_hash: str, feed_id: int | None) -> bool:
    """Whether an item is an edit of the stored one: `stored` is its (content hash, first feed)
    as stored (None: not stored), and the feed `feed_id` that has it now with `content_hash` is
    the one that first stored it. Ingest (ingest/work.py, which scores edits) and the store
    (items.save_feeds, which applies them) ask this same question."""
    return (
        stored is not None
        and feed_id is not None
        and stored[1] == feed_id
        and stored[0] != content_hash
    )


_SET_ITEM = (
    update(items)
    .where(items.c.id == bindparam("iid"))
    .values(
        title=bindparam("new_title"),
        text=bindparam("new_text"),
        content_hash=bindparam("new_content_hash"),
        lang=bindparam("new_lang"),
    )
)
_SET_HASH = (
    update(items)
    .where(items.c.id == bindparam("iid"))
    .values(content_hash=bindparam("new_content_hash"))
)


def apply_edits(
    conn: Connection,
    edits: Sequence[Edit],
    brands: Sequence[str] | None = None,
    why: str = "their feed changed the title or text",
) -> int:
    """Store the edits (inside the caller's transaction); how many items were updated.
    `brands`: the configured brand names, whose mentions the edits' matching replaces (None:
    every brand's). `why` the items changed, for the log (a full-text page read later is
    stored as an edit too: koll/store/page_retries.py)."""
    if not edits:
        return 0
    ids = [e.item_id for e in edits]
    # Held before anything of them is read: a correction or triage mark made meanwhile is then
    # either read below and carried over, or made after this commits, on the new mention.
    lock_items(conn, ids)
    rows = {
        r.id: r
        for r in conn.execute(
            select(
                items.c.id,
                items.c.day,
                items.c.published,
                items.c.source,
                items.c.kind,
                items.c.title,
                items.c.text,
                items.c.content_hash,
            ).where(items.c.id.in_(ids))
        )
    }
    articles = _stored_articles(rows, [e for e in edits if e.teaser])
    kept = [e for e in edits if e.item_id in articles]
    done = [e for e in edits if e.item_id not in articles]
    if kept:
        conn.execute(
            _SET_HASH, [{"iid": e.item_id, "new_content_hash": e.item.content_hash} for e in kept]
        )
        log.info("%d edited teasers keep their stored article (the page was not read)", len(kept))
    if not done:
        return 0
    log.info("%d stored items updated: %s", len(done), why)
    # The replaced mentions are deleted before the title and text change and the new ones added
    # after it: on PostgreSQL the change's trigger (schema.py, items_words) computes the search
    # words again of every mention of the item then stored, so only of those kept (brands no
    # longer configured), and each new mention's own trigger computes them from the new text.
    old = _drop_mentions(conn, done, brands)
    conn.execute(
        _SET_ITEM,
        [
            {
                "iid": e.item_id,
                "new_title": e.item.title,
                "new_text": e.item.text,
                "new_content_hash": e.item.content_hash,
                "new_lang": e.item.lang,
            }
            for e in done
        ],
    )
    upsert_item_scores(conn, [score_row(e.item_id, e.score) for e in done])
    _add_mentions(conn, done, rows, old)
    return len(done)


def has_page_text(row) -> bool:
    """Whether the stored item `row` (title, text, content_hash) has its page's text as its
    text: full text replaced the text and kept the teaser's hash (ingest/fulltext.py), so the
    stored title and text no longer give the stored hash. A stored teaser (the page was never
    read) gives it."""
    return content_hash(row.title or "", row.text or "") != row.content_hash


def _is_article(row, teaser: str) -> bool:
    """Whether the stored item `row` (title, text, content_hash) has its page's article as its
    text (has_page_text), longer than the feed's `teaser`. A stored teaser is edited as any
    text is."""
    return has_page_text(row) and len(row.text or "") > len(teaser)


def _stored_articles(rows: Mapping, teasers: Sequence[Edit]) -> set[int]:
    """The ids of these edits' items (`rows`: the items as stored, by id) whose stored text is
    their page's article (_is_article)."""
    new = {e.item_id: e.item.text for e in teasers}
    return {i for i in new if i in rows and _is_article(rows[i], new[i])}


_ARTICLES = select(items.c.key, items.c.title, items.c.text, items.c.content_hash).where(
    items.c.key.in_(bindparam("keys", expanding=True))
)


def stored_articles(conn: Connection, teasers: Mapping[str, str]) -> dict[str, str]:
    """key -> stored text, of the items stored under these keys whose text is their page's
    article (_is_article); `teasers`: key -> the teaser their feed has now.

    For edited items of a `fulltext = true` feed whose page could not be read again: ingest
    matches and scores the new title with the stored article (ingest/fulltext.py fill_scored),
    and the edit then takes the new title and keeps the article. A headline edit had been
    dropped with the teaser, the old title kept for good."""
    keys = list(teasers)
    out: dict[str, str] = {}
    for k in range(0, len(keys), 500):
        for r in conn.execute(_ARTICLES, {"keys": keys[k : k + 500]}):
            if _is_article(r, teasers[r.key]):
                out[r.key] = r.text
    return out


@dataclass(frozen=True)
class _Dropped:
    """The mentions _drop_mentions deleted (`old`), with their triage marks and the items'
    corrections to carry over, and each item's stored brand names."""

    old: list
    triage: dict[tuple[int, str], str | None]
    corrected: dict[tuple[int, str], str]
    names: dict[int, list[str]]


def _drop_mentions(
    conn: Connection, edits: Sequence[Edit], brands: Sequence[str] | None
) -> _Dropped:
    """Delete each edited item's mentions of the configured `brands` (None: every brand), which
    _add_mentions makes again as matched on its new text (see the module). Mentions of brands no
    longer configured are not the matching's to drop: they stay, as re-matching leaves them. The
    marks and corrections are read first, to carry over."""
    ids = [e.item_id for e in edits]
    q = select(
        mentions.c.id, mentions.c.item_id, mentions.c.brand, mentions.c.day, mentions.c.triage
    ).where(mentions.c.item_id.in_(ids))
    wanted = None if brands is None else {b.casefold() for b in brands}
    old = [m for m in conn.execute(q) if wanted is None or m.brand.casefold() in wanted]
    triage = {(m.item_id, m.brand): m.triage for m in old}
    corrected = latest_corrections(conn, item_ids=ids)
    names: dict[int, list[str]] = {}  # item id -> its stored brand names
    for i, b in [*triage, *corrected]:
        names.setdefault(i, []).append(b)
    gone = [m.id for m in old]
    for k in range(0, len(gone), 500):
        conn.execute(delete(mentions).where(mentions.c.id.in_(gone[k : k + 500])))
    return _Dropped(old, triage, corrected, names)


def _add_mentions(
    conn: Connection, edits: Sequence[Edit], rows: Mapping, dropped: _Dropped
) -> None:
    """Each edited item's mentions as matched on its new text, in new rows (see the module),
    with the triage mark and correction of the mention `dropped` under any stored spelling of
    its brand (items.spellings)."""
    new = []
    for e in edits:
        for m in e.mentions:
            spelt = _spelt(dropped.names.get(e.item_id, []), m.brand)
            new.append(
                mention_row(
                    e.item_id,
                    m.brand,
                    m,
                    rows[e.item_id]._mapping,
                    e.mention_scores.get(m.brand),
                    _first(dropped.corrected, e.item_id, spelt),
                    _first(dropped.triage, e.item_id, spelt),
                )
            )
    if new:
        conn.execute(mentions.insert(), new)
    # The new rows' days too, not only the dropped ones': on SQLite a new row may take the id of
    # a row just deleted (no AUTOINCREMENT), which is not newer than what analyse last saw.
    _forget_derived(
        conn, {(m.brand, m.day) for m in dropped.old} | {(n["brand"], n["day"]) for n in new}
    )


def _spelt(stored: list[str], brand: str) -> list[str]:
    """The stored spellings of `brand` (items.spellings), its own first."""
    from koll.store.items import spellings  # items -> this module

    return sorted(set(spellings(stored, brand)), key=lambda s: s != brand)


def _first(found: Mapping[tuple[int, str], str | None], item_id: int, names: list[str]):
    """The value stored for the item under the first of `names` that has one (else None)."""
    return next((found[(item_id, n)] for n in names if found.get((item_id, n))), None)


def _forget_derived(conn: Connection, touched: set[tuple[str, str]]) -> None:
    """What was computed from the mentions of these (brand, day)s, as re-matching forgets it
    (store/rematch.forget_derived): their term counts, the brands' threads and story firsts
    (read live until `koll analyse` stores them again), the days' rollups counted again. Topics
    are kept: they are found again on the next runs (docs/config.md, "Edited items")."""
    from koll.store.rematch import forget_derived  # rematch -> items -> this module

    days: dict[str, set[str]] = {}
    for brand, day in touched:
        days.setdefault(brand, set()).add(day)
    for brand in sorted(days):
        forget_derived(conn, brand, days[brand], flags=False, topics_too=False)
