"""Key-message flags on mentions: which mentions `koll analyse` (re)checks and what it found."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, or_, update
from sqlalchemy.engine import Connection

from koll.store.items import brand_names, mentions_query
from koll.store.schema import mentions

if TYPE_CHECKING:  # pandas is imported where a frame is built: the ingest path never loads it
    import pandas as pd


def mentions_for_flags(conn: Connection, brand: str, since_day: str | None) -> pd.DataFrame:
    """The brand's mentions from `since_day` on plus any never flagged (all with None)."""
    import pandas as pd

    q = mentions_query(brand_names(conn, brand))
    if since_day:
        q = q.where(or_(mentions.c.day >= since_day, mentions.c.key_message.is_(None)))
    df = pd.read_sql(q, conn)
    if not df.empty:
        df["published"] = pd.to_datetime(df["published"], utc=True)
    return df


def save_key_message_flags(conn: Connection, brand: str, flags: Sequence[tuple[int, bool]]) -> int:
    """Set mentions.key_message for (item_id, flag) of one brand (under any of its stored
    names, as mentions_for_flags read them: else a mention under another spelling of the name
    stayed unflagged and was read again by every run)."""
    stmt = (
        update(mentions)
        .where(mentions.c.item_id == bindparam("iid"), mentions.c.brand == bindparam("b"))
        .values(key_message=bindparam("flag"))
    )
    rows = [{"iid": int(i), "flag": bool(f)} for i, f in flags]
    for name in brand_names(conn, brand):  # an IN list cannot take part in executemany
        for k in range(0, len(rows), 5000):
            conn.execute(stmt, [{**r, "b": name} for r in rows[k : k + 5000]])
    return len(rows)
