"""Webhook delivery of alerts: one message per brand and kind in the chat's format, retried with
backoff, held by a cooldown, bounded in time per run, and delivered once even when runs overlap."""

from __future__ import annotations

import contextlib
import email.utils
import functools
import http.client
import json
import logging
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ingest.fetch import _ssl_context  # one trust store for every HTTPS request koll makes
from koll.config import NotifySettings
from koll.jobs.webhook_formats import FORMATS, guess_format
from koll.store import Store, to_db
from koll.store import alerts as store_alerts
from koll.store.links import alert_link

log = logging.getLogger("koll.notify")

# A run that claimed alerts and died releases them after this long, so they are sent later.
CLAIM_TIMEOUT = timedelta(minutes=10)
USER_AGENT = "koll/0.1"
# Three tries, 2 s and 8 s apart: the 5xx and 429 answers Slack and Teams give under load pass
# within seconds, and ten more seconds per message still ends a cron run long before the next.
RETRY_DELAYS = (2.0, 8.0)
# Slack's 429 carries Retry-After (seconds); longer than this waits for the next run instead.
RETRY_AFTER_CAP_S = 30.0
# One run's whole webhook delivery ends within this long ([notify] webhook_budget, where the
# default is explained): no try is begun whose timeout would end after it.
DELIVERY_BUDGET_S = float(NotifySettings.webhook_budget_s)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a delivery: urllib would turn the POST into a GET and drop
    the alert's body, so a 3xx counts as a failure that names its status."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


@functools.cache
def _opener() -> urllib.request.OpenerDirector:
    """The standard library suffices for one small POST per message. It honours HTTP(S)_PROXY as
    the feed fetcher does and trusts the same certificates (ingest.fetch's context)."""
    return urllib.request.build_opener(
        _NoRedirect, urllib.request.HTTPSHandler(context=_ssl_context())
    )


@dataclass(frozen=True)
class Answer:
    """What one POST got: delivered, a readable reason, and whether trying again may help."""

    ok: bool
    reason: str
    retry: bool = False
    retry_after: float | None = None
    # The request went out and no status came back (a read timeout, a dropped connection): the
    # chat may have posted it, so it is not sent again in this run.
    unanswered: bool = False


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds (a number or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def post_json(url: str, body: dict, timeout_s: float) -> Answer:
    """POST `body` as JSON once.

    Only a failure before the request was sent (DNS, a refused or timed-out connection, TLS) or
    a busy answer (429, 5xx) may be retried. urllib wraps the errors of sending in URLError;
    waiting for the reply raises the bare error. A request sent but not answered may well have
    been posted (the QA pass's webhook answered only after 30 s and got each message three
    times; a slow Slack or Teams shows the copies), so it is not tried again.
    """
    req = urllib.request.Request(
        url,
        data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json", "User-Agent": USER_AGENT},
        method="POST",
    )
    try:
        with _opener().open(req, timeout=timeout_s) as r:
            # The status line is the answer; a body cut short does not undo it.
            with contextlib.suppress(OSError, http.client.HTTPException):
                r.read()
            return Answer(200 <= r.status < 300, f"HTTP {r.status}")
    except urllib.error.HTTPError as e:  # the server answered with a status we do not accept
        after = _retry_after(e.headers.get("Retry-After") if e.headers else None)
        e.close()
        # Busy (429) or broken for now (5xx): another try may pass. Other 4xx will not.
        return Answer(False, f"HTTP {e.code}", e.code == 429 or e.code >= 500, after)
    except urllib.error.URLError as e:  # no answer: DNS, refused connection, TLS, bad URL
        reason = e.reason
        name = "URLError" if isinstance(reason, str) else reason.__class__.__name__
        return Answer(False, f"{name}: {reason}", True)
    except (OSError, http.client.HTTPException) as e:  # sent, then a timeout or broken reply
        return Answer(False, f"{e.__class__.__name__}: {e}", unanswered=True)
    except ValueError as e:  # a URL or header urllib cannot send: no try will do better
        return Answer(False, f"{e.__class__.__name__}: {e}")


def post_with_retries(
    url: str,
    body: dict,
    timeout_s: float,
    delays: Sequence[float] = RETRY_DELAYS,
    sleep: Callable[[float], None] = time.sleep,
    deadline: float | None = None,
) -> Answer:
    """POST until delivered, a final answer, or the tries run out (len(delays) + 1 tries).

    With a `deadline` (time.monotonic()), a retry is begun only if its wait and its full
    `timeout_s` end before it; a shorter timeout would cut off a slow answer to a message that
    then counts as unanswered and goes out again next run.
    """
    answer = post_json(url, body, timeout_s)
    for delay in delays:
        if answer.ok or not answer.retry:
            break
        if answer.retry_after is not None:
            if answer.retry_after > RETRY_AFTER_CAP_S:
                break  # asked to wait longer than a run should: the next run tries again
            delay = max(delay, answer.retry_after)
        if deadline is not None and time.monotonic() + delay + timeout_s > deadline:
            break  # the run's budget has no room for another try: the next run tries again
        log.info("webhook answered %s; trying again in %.0f s", answer.reason, delay)
        sleep(delay)
        answer = post_json(url, body, timeout_s)
    return answer


def _groups(alerts: list[dict]) -> list[list[dict]]:
    """Alerts by (brand, kind), each group's newest and strongest first."""
    by: dict[tuple[str, str], list[dict]] = {}
    for a in alerts:
        by.setdefault((a["brand"], a["kind"]), []).append(a)
    return [
        sorted(g, key=lambda a: (a["day"], -(a["p_value"] or 0.0)), reverse=True)
        for g in by.values()
    ]


def deliver_alerts(
    store: Store,
    webhook: str,
    *,
    now: datetime,
    min_day: str,
    fmt: str | None = None,
    dashboard_url: str | None = None,
    cooldown: timedelta = timedelta(hours=1),
    lang: str = "sv",
    timeout_s: float = 10.0,
    delays: Sequence[float] = RETRY_DELAYS,
    budget_s: float = DELIVERY_BUDGET_S,
) -> dict:
    """Post every undelivered alert from `min_day` on; returns counts of alerts sent, failed and
    held back for a later run (by the cooldown or the run's time budget).

    Each alert is first claimed in the database (a token on its row), so two overlapping runs
    never send the same alert. The alerts of one brand and kind go out as one message, and not
    within `cooldown` of the last such message: held ones wait for a later run. Only a 2xx
    answer marks a message's alerts delivered; anything else leaves them for the next run. No
    try (a message's first or a retry) is begun unless its `timeout_s` ends within `budget_s` of
    the start: the rest waits, unsent, for the next run.
    """
    deadline = time.monotonic() + budget_s
    token = uuid.uuid4().hex
    with store.begin() as conn:
        claimed = store_alerts.claim_undelivered(conn, token, now, min_day, now - CLAIM_TIMEOUT)
    build = FORMATS[fmt or guess_format(webhook)]
    counts = {"sent": 0, "failed": 0, "held": 0}
    tried = False
    for group in _groups(claimed):
        # The run's first try is always begun: the smallest budget (10 s) is one try's timeout,
        # and the milliseconds spent claiming the alerts made every try late, so a webhook with
        # that budget was never posted to (QA, 2026-12-07).
        late_at = deadline if tried else float("inf")
        if _held_back(store, group, token, now, cooldown, timeout_s, late_at, budget_s):
            counts["held"] += len(group)
            continue
        links = [alert_link(dashboard_url, a) for a in group]
        body = build(group, links, lang)
        answer = post_with_retries(webhook, body, timeout_s, delays, deadline=deadline)
        tried = True
        _record_answer(store, group, token, now, answer)
        counts["sent" if answer.ok else "failed"] += len(group)
    return counts


def _held_back(
    store: Store,
    group: list[dict],
    token: str,
    now: datetime,
    cooldown: timedelta,
    timeout_s: float,
    deadline: float,
    budget_s: float,
) -> bool:
    """Whether a brand and kind's alerts wait for a later run, released (unsent) if so: within
    `cooldown` of its last message, or when a try would end after the run's `deadline`."""
    lead = group[0]
    with store.connect() as conn:
        last = store_alerts.last_delivered(conn, lead["brand"], lead["kind"])
    late = time.monotonic() + timeout_s > deadline
    if not late and (last is None or to_db(now) - last >= cooldown):
        return False
    if late:
        log.warning(
            "%d alert(s) of %s (%s) wait for the next run: the run's %.0f s for the webhook "
            "leave no room for another try",
            len(group),
            lead["brand"],
            lead["kind"],
            budget_s,
        )
    with store.begin() as conn:
        for a in group:
            store_alerts.release_unsent(conn, a["id"], token)
    return True


def _record_answer(
    store: Store, group: list[dict], token: str, now: datetime, answer: Answer
) -> None:
    """A message's alerts marked delivered on a 2xx answer; else released, with the reason,
    for the next run."""
    with store.begin() as conn:
        for a in group:
            if answer.ok:
                store_alerts.mark_delivered(conn, a["id"], token, now)
            else:
                store_alerts.release_failed(conn, a["id"], token, answer.reason)
    if not answer.ok:
        lead = group[0]
        log.warning(
            "%d alert(s) of %s (%s) not delivered to the webhook: %s",
            len(group),
            lead["brand"],
            lead["kind"],
            answer.reason,
        )
