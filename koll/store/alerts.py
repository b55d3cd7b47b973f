"""Alerts: the daily counts their detection reads, storing them once per key, listing them, and
claiming and marking their delivery so that each is sent once."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Integer, and_, func, or_, select, update
from sqlalchemy.engine import Connection

from koll.store import insert_ignore, to_db
from koll.store.items import brand_names
from koll.store.schema import alerts, items, mentions

if TYPE_CHECKING:  # pandas is imported where a frame is built: the ingest path never loads it
    import pandas as pd


# What does not count in the spikes alerts look for, in one place: items a new search found
# that were published before the search was added (backfill; ingest/parse.py marks them), and
# items whose feed gave no date, dated when koll first saw them (published_estimated): a first
# ingest of undated feeds made "today" a spike against a baseline of zero ("7 i dag mot normalt
# 0,0"), and what they count is not news of that day. They stay in history: charts, exports
# and the control components count them.
NOT_IN_SPIKES = or_(items.c.backfill, items.c.published_estimated)


def _day_counts(q, names: Sequence[str]):
    earned = ~mentions.c.owned
    return (
        q.add_columns(
            mentions.c.day,
            func.count().label("mentions"),
            func.sum(earned.cast(Integer)).label("earned"),
            func.sum(and_(earned, mentions.c.label == "neg").cast(Integer)).label("negative"),
        )
        .where(mentions.c.brand.in_(names))
        .group_by(mentions.c.day)
        .order_by(mentions.c.day)
    )


def daily_counts(conn: Connection, brand: str) -> pd.DataFrame:
    """Per Stockholm day: the brand's mentions, earned mentions and negative earned mentions
    that count in spikes (NOT_IN_SPIKES left out)."""
    import pandas as pd

    names = brand_names(conn, brand)
    df = pd.read_sql(_day_counts(select().select_from(mentions), names), conn)
    # The few left-out mentions are counted apart and subtracted: the full count is read from
    # the mentions' own index, the left-out ones by joining the brand's mentions to items.
    out = pd.read_sql(
        _day_counts(
            select().select_from(items.join(mentions, mentions.c.item_id == items.c.id)), names
        ).where(NOT_IN_SPIKES),
        conn,
    )
    cols = ["mentions", "earned", "negative"]
    for frame in (df, out):
        for c in cols:
            frame[c] = frame[c].fillna(0).astype(int)
    if not out.empty:
        df = df.set_index("day")
        df[cols] = df[cols].sub(out.set_index("day")[cols], fill_value=0).astype(int)
        df = df[df["mentions"] > 0].reset_index()
    return df


def stored_keys(conn: Connection, keys: Sequence[str]) -> set[str]:
    """Which of `keys` are stored already (their alerts need no new explanation)."""
    found: set[str] = set()
    keys = list(keys)
    for k in range(0, len(keys), 500):
        q = select(alerts.c.key).where(alerts.c.key.in_(keys[k : k + 500]))
        found.update(r[0] for r in conn.execute(q))
    return found


def not_in_spikes(conn: Connection, brand: str, since: str, until: str) -> set[str]:
    """Keys of the brand's mentions in the window that do not count in spikes (NOT_IN_SPIKES)."""
    q = (
        select(items.c.key)
        .select_from(items.join(mentions, mentions.c.item_id == items.c.id))
        .where(NOT_IN_SPIKES, mentions.c.brand.in_(brand_names(conn, brand)))
        .where(mentions.c.day >= since, mentions.c.day <= until)
    )
    return {r.key for r in conn.execute(q)}


def insert_alerts(conn: Connection, rows: Sequence[dict], now: datetime) -> int:
    """Store new alerts; one already stored under the same key is left as it is.

    A row's `details` (a dict: why it fired) is stored as JSON.
    """
    if not rows:
        return 0
    keys = [r["key"] for r in rows]
    before = stored_keys(conn, keys)
    rows = [
        {**r, "details": json.dumps(r["details"], ensure_ascii=False) if r.get("details") else None}
        for r in rows
    ]
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
    *,
    delivery: bool = False,
) -> pd.DataFrame:
    """Alerts, newest day first. With `delivery`, also each alert's webhook `attempts` and
    `last_error` (`koll alerts` shows why one was not sent; the Python API's alert columns,
    koll.frames.ALERTS, stay as they are)."""
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
        alerts.c.details,
    )
    if delivery:
        q = q.add_columns(alerts.c.attempts, alerts.c.last_error)
    if brand:
        q = q.where(alerts.c.brand.in_(brand_names(conn, brand, alerts.c.brand)))
    if since:
        q = q.where(alerts.c.day >= since)
    if until:
        q = q.where(alerts.c.day <= until)
    q = q.order_by(alerts.c.day.desc(), alerts.c.id.desc())
    if limit is not None:  # 0 is no rows (as for stories and threads), not every alert
        q = q.limit(limit)
    return pd.read_sql(q, conn)


def topic_alerts(conn: Connection, brand: str, day: str) -> list[dict]:
    """The brand's stored rising-topic alerts of `day`: key, subject and details (parsed)."""
    q = select(alerts.c.key, alerts.c.subject, alerts.c.details).where(
        alerts.c.brand == brand, alerts.c.kind == "topic", alerts.c.day == day
    )
    return [with_details(dict(r._mapping)) for r in conn.execute(q)]


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
    return [with_details(dict(r._mapping)) for r in conn.execute(q.order_by(alerts.c.id))]


def with_details(row: dict) -> dict:
    """The row with `details` parsed from its JSON (an empty dict for older alerts)."""
    raw = row.get("details")
    return {**row, "details": json.loads(raw) if isinstance(raw, str) and raw else {}}


def last_delivered(conn: Connection, brand: str, kind: str) -> datetime | None:
    """When an alert of this brand and kind was last delivered (for the cooldown), naive UTC."""
    q = select(func.max(alerts.c.delivered_at)).where(
        alerts.c.brand == brand, alerts.c.kind == kind
    )
    return conn.execute(q).scalar()


def release_unsent(conn: Connection, alert_id: int, token: str) -> None:
    """Give back a claim without an attempt (held by the cooldown; a later run sends it)."""
    conn.execute(
        update(alerts)
        .where(alerts.c.id == alert_id, alerts.c.claim == token)
        .values(claim=None, claimed_at=None)
    )


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
