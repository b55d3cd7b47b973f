"""Alerts: the daily counts their detection reads, storing them once per key, listing them, and
claiming and marking their delivery so that each is sent once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Integer, and_, func, or_, select, update
from sqlalchemy.engine import Connection

from koll.store import insert_ignore, to_db
from koll.store.schema import alerts, items, mentions

if TYPE_CHECKING:  # pandas is imported where a frame is built: the ingest path never loads it
    import pandas as pd


def daily_counts(conn: Connection, brand: str, *, dated_only: bool = True) -> pd.DataFrame:
    """Per Stockholm day: the brand's mentions, earned mentions and negative earned mentions.

    Mentions of items with an estimated date (the feed gave none, so they are dated when koll
    first saw them) are left out unless `dated_only` is False: a first ingest of undated feeds
    would otherwise make "today" a volume spike against a baseline of zero ("7 i dag mot normalt
    0,0"), and what they count is not news of that day.
    """
    import pandas as pd

    earned = ~mentions.c.owned
    q = (
        select(
            mentions.c.day,
            func.count().label("mentions"),
            func.sum(earned.cast(Integer)).label("earned"),
            func.sum(and_(earned, mentions.c.label == "neg").cast(Integer)).label("negative"),
        )
        .where(func.lower(mentions.c.brand) == brand.lower())
        .group_by(mentions.c.day)
        .order_by(mentions.c.day)
    )
    if dated_only:
        q = q.join_from(mentions, items, items.c.id == mentions.c.item_id).where(
            ~items.c.published_estimated
        )
    df = pd.read_sql(q, conn)
    for c in ("mentions", "earned", "negative"):
        df[c] = df[c].fillna(0).astype(int)
    return df


def insert_alerts(conn: Connection, rows: Sequence[dict], now: datetime) -> int:
    """Store new alerts; one already stored under the same key is left as it is."""
    if not rows:
        return 0
    keys = [r["key"] for r in rows]
    before = {r[0] for r in conn.execute(select(alerts.c.key).where(alerts.c.key.in_(keys)))}
    insert_ignore(
        conn, alerts, [{**r, "created_at": to_db(now), "attempts": 0} for r in rows], ["key"]
    )
    return len(set(keys) - before)


def list_alerts(
    conn: Connection,
    brand: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = 200,
) -> pd.DataFrame:
    """Alerts, newest day first."""
    import pandas as pd

    q = select(
        alerts.c.id,
        alerts.c.brand,
        alerts.c.kind,
        alerts.c.day,
        alerts.c.subject,
        alerts.c.reason,
        alerts.c.value,
        alerts.c.baseline,
        alerts.c.p_value,
        alerts.c.created_at,
        alerts.c.delivered_at,
    )
    if brand:
        q = q.where(func.lower(alerts.c.brand) == brand.lower())
    if since:
        q = q.where(alerts.c.day >= since)
    if until:
        q = q.where(alerts.c.day <= until)
    q = q.order_by(alerts.c.day.desc(), alerts.c.id.desc())
    if limit:
        q = q.limit(limit)
    return pd.read_sql(q, conn)


def claim_undelivered(
    conn: Connection, token: str, now: datetime, min_day: str, stale_before: datetime
) -> list[dict]:
    """Claim undelivered alerts from `min_day` on for this delivery run; returns the claimed rows.

    A claim older than `stale_before` (a run that died mid-delivery) may be taken over.
    """
    conn.execute(
        update(alerts)
        .where(
            alerts.c.delivered_at.is_(None),
            alerts.c.day >= min_day,
            or_(alerts.c.claim.is_(None), alerts.c.claimed_at < to_db(stale_before)),
        )
        .values(claim=token, claimed_at=to_db(now))
    )
    q = select(alerts).where(alerts.c.claim == token, alerts.c.delivered_at.is_(None))
    return [dict(r._mapping) for r in conn.execute(q.order_by(alerts.c.id))]


def mark_delivered(conn: Connection, alert_id: int, token: str, now: datetime) -> None:
    conn.execute(
        update(alerts)
        .where(alerts.c.id == alert_id, alerts.c.claim == token)
        .values(delivered_at=to_db(now), attempts=alerts.c.attempts + 1, last_error=None)
    )


def release_failed(conn: Connection, alert_id: int, token: str, error: str) -> None:
    conn.execute(
        update(alerts)
        .where(alerts.c.id == alert_id, alerts.c.claim == token)
        .values(claim=None, claimed_at=None, attempts=alerts.c.attempts + 1, last_error=error[:500])
    )
