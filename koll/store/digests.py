"""E-mail digests sent: claiming a digest's period before sending, so it goes out once per period
even when `koll digest` runs every few minutes or two runs overlap."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import and_, delete, select, update
from sqlalchemy.engine import Connection

from koll.store import from_db, insert_ignore, to_db
from koll.store.schema import digests


def digest_id(key: str) -> str:
    """The stored name of a digest (config.DigestSettings.key can be longer than a column)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def claim(
    conn: Connection,
    key: str,
    period: str,
    token: str,
    *,
    now: datetime,
    stale_before: datetime,
    recipients: str,
) -> bool:
    """Claim (digest, period) for this run; False when it was sent or another run is sending it.

    A claim older than `stale_before` belongs to a run that died mid-send and is taken over.
    """
    did = digest_id(key)
    insert_ignore(
        conn,
        digests,
        [
            {
                "digest": did,
                "period": period,
                "status": "sending",
                "claim": token,
                "claimed_at": to_db(now),
                "recipients": recipients,
                "description": key,
            }
        ],
        ["digest", "period"],
    )
    conn.execute(
        update(digests)
        .where(
            digests.c.digest == did,
            digests.c.period == period,
            digests.c.status == "sending",
            digests.c.claimed_at < to_db(stale_before),
        )
        .values(claim=token, claimed_at=to_db(now), recipients=recipients)
    )
    row = conn.execute(
        select(digests.c.claim, digests.c.status).where(
            digests.c.digest == did, digests.c.period == period
        )
    ).one()
    return row.claim == token and row.status == "sending"


def claimed_at(conn: Connection, key: str, period: str) -> datetime | None:
    """When a run claimed (digest, period) that is still being sent (aware UTC); None when it
    was sent or nobody holds it."""
    row = conn.execute(
        select(digests.c.claimed_at).where(
            digests.c.digest == digest_id(key),
            digests.c.period == period,
            digests.c.status == "sending",
        )
    ).first()
    return None if row is None or row.claimed_at is None else from_db(row.claimed_at)


def mark_sent(
    conn: Connection, key: str, period: str, token: str, now: datetime, recipients: str
) -> None:
    """Record the period as sent, to `recipients`: those the server accepted (the claim had
    named every configured one, a refused address included)."""
    conn.execute(
        update(digests)
        .where(
            digests.c.digest == digest_id(key),
            digests.c.period == period,
            digests.c.claim == token,
        )
        .values(status="sent", sent_at=to_db(now), recipients=recipients)
    )


def release(conn: Connection, key: str, period: str, token: str) -> None:
    """Forget this run's claim (the send failed): the next run tries again."""
    conn.execute(
        delete(digests).where(
            and_(
                digests.c.digest == digest_id(key),
                digests.c.period == period,
                digests.c.claim == token,
                digests.c.status == "sending",
            )
        )
    )


def sent(conn: Connection, key: str) -> list[dict]:
    """The periods of a digest that were sent, newest first (period, sent_at, recipients)."""
    q = (
        select(digests.c.period, digests.c.sent_at, digests.c.recipients)
        .where(digests.c.digest == digest_id(key), digests.c.status == "sent")
        .order_by(digests.c.period.desc())
    )
    return [dict(r._mapping) for r in conn.execute(q)]
