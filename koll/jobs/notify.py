"""Webhook delivery of alerts: one JSON POST per alert, delivered once even when runs overlap."""

from __future__ import annotations

import functools
import http.client
import json
import logging
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timedelta

from ingest.fetch import _ssl_context  # one trust store for every HTTPS request koll makes
from koll.store import Store
from koll.store import alerts as store_alerts

log = logging.getLogger("koll.notify")

# A run that claimed alerts and died releases them after this long, so they are sent later.
CLAIM_TIMEOUT = timedelta(minutes=10)
USER_AGENT = "koll/0.1"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a delivery: urllib would turn the POST into a GET and drop
    the alert's body, so a 3xx counts as a failure that names its status."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


@functools.cache
def _opener() -> urllib.request.OpenerDirector:
    """The standard library suffices for one small POST per alert. It honours HTTP(S)_PROXY as
    the feed fetcher does and trusts the same certificates (ingest.fetch's context)."""
    return urllib.request.build_opener(
        _NoRedirect, urllib.request.HTTPSHandler(context=_ssl_context())
    )


def post_json(url: str, body: dict, timeout_s: float) -> tuple[bool, str]:
    """POST `body` as JSON: (True, "HTTP 2xx") when delivered, else (False, a readable reason)."""
    req = urllib.request.Request(
        url,
        data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json", "User-Agent": USER_AGENT},
        method="POST",
    )
    try:
        with _opener().open(req, timeout=timeout_s) as r:
            return 200 <= r.status < 300, f"HTTP {r.status}"
    except urllib.error.HTTPError as e:  # the server answered with a status we do not accept
        e.close()
        return False, f"HTTP {e.code}"
    except urllib.error.URLError as e:  # no answer: DNS, refused connection, TLS, bad URL
        reason = e.reason
        name = "URLError" if isinstance(reason, str) else reason.__class__.__name__
        return False, f"{name}: {reason}"
    except (OSError, http.client.HTTPException, ValueError) as e:  # timeout or broken reply
        return False, f"{e.__class__.__name__}: {e}"


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
    for a in claimed:
        ok, error = post_json(webhook, payload(a), timeout_s)
        with store.begin() as conn:
            if ok:
                store_alerts.mark_delivered(conn, a["id"], token, now)
                sent += 1
            else:
                store_alerts.release_failed(conn, a["id"], token, error)
                failed += 1
                log.warning("alert %s not delivered to webhook: %s", a["id"], error)
    return {"sent": sent, "failed": failed}
