"""Webhook delivery of alerts: one JSON POST per alert, delivered once even when runs overlap."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta

import httpx

from koll.store import Store
from koll.store import alerts as store_alerts

log = logging.getLogger("koll.notify")

# A run that claimed alerts and died releases them after this long, so they are sent later.
CLAIM_TIMEOUT = timedelta(minutes=10)


def payload(alert: dict) -> dict:
    """The JSON body: the alert's fields plus a one-line `text` that chat webhooks display."""
    return {
        "id": alert["id"],
        "brand": alert["brand"],
        "kind": alert["kind"],
        "day": alert["day"],
        "subject": alert["subject"],
        "reason": alert["reason"],
        "value": alert["value"],
        "baseline": alert["baseline"],
        "p_value": alert["p_value"],
        "text": f"koll: {alert['brand']} {alert['day']}: {alert['reason']}",
    }


def deliver_alerts(
    store: Store, webhook: str, *, now: datetime, min_day: str, timeout_s: float = 10.0
) -> dict:
    """POST every undelivered alert from `min_day` on; returns counts of sent and failed.

    Each alert is first claimed in the database (a token on its row), so two overlapping runs
    never send the same alert; only a 2xx answer marks it delivered, anything else leaves it for
    the next run.
    """
    token = uuid.uuid4().hex
    with store.begin() as conn:
        claimed = store_alerts.claim_undelivered(conn, token, now, min_day, now - CLAIM_TIMEOUT)
    sent = failed = 0
    with httpx.Client(timeout=timeout_s, headers={"User-Agent": "koll/0.1"}) as client:
        for a in claimed:
            try:
                r = client.post(webhook, json=payload(a))
                ok, error = 200 <= r.status_code < 300, f"HTTP {r.status_code}"
            except httpx.HTTPError as e:
                ok, error = False, f"{e.__class__.__name__}: {e}"
            with store.begin() as conn:
                if ok:
                    store_alerts.mark_delivered(conn, a["id"], token, now)
                    sent += 1
                else:
                    store_alerts.release_failed(conn, a["id"], token, error)
                    failed += 1
                    log.warning("alert %s not delivered to webhook: %s", a["id"], error)
    return {"sent": sent, "failed": failed}
