"""Triage marks: a team's "behöver åtgärd" (todo) or "hanterad" (handled) on a mention, kept as
corrections are: every mark in `triage_marks`, the current one on the mention."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from koll.store import to_db, utcnow
from koll.store.schema import mentions, triage_marks
from koll.store.sentiment_store import set_mention

#: The marks a mention can carry; None removes the mark.
STATUSES = ("todo", "handled")


def set_triage(
    conn: Connection, item_id: int, brand: str, status: str | None, author: str | None = None
) -> int:
    """Mark (item, brand) as `status` (None: unmarked) and log it; returns the log row's id.

    Raises ValueError for another status and KeyError when the item has no mention of that
    brand (the message names both).
    """
    if status is not None and status not in STATUSES:
        raise ValueError(f"triage must be one of {', '.join(STATUSES)} or none; got {status!r}")
    # Held and counted as a correction is, so that an edit of the item does not lose it.
    row = set_mention(conn, item_id, brand, {"triage": status}, mentions.c.triage)
    res = conn.execute(
        triage_marks.insert().values(
            item_id=item_id,
            brand=brand,
            status=status,
            previous_status=row.triage,
            created_at=to_db(utcnow()),
            author=author,
        )
    )
    return int(res.inserted_primary_key[0])  # type: ignore[index]  # set after a one-row INSERT


def triage_of(conn: Connection, item_id: int, brand: str) -> str | None:
    q = select(mentions.c.triage).where(mentions.c.item_id == item_id, mentions.c.brand == brand)
    return conn.execute(q).scalar()


def last_mark_id(conn: Connection) -> int | None:
    """The newest mark's id (part of the dashboard's data version)."""
    return conn.execute(select(func.max(triage_marks.c.id))).scalar()
