"""When feeds are due again: backoff after failures, Retry-After, disabling."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from koll.store.feeds import FeedRow

# A failing feed waits interval × failures, at most 12 hours: after a day of failures a dead
# feed costs two requests a day, while a feed that was down for an hour is back within the hour.
BACKOFF_CAP = timedelta(hours=12)
# Retry-After is honoured up to 24 h; some servers send a week, which would silence a feed
# long after the outage is over.
RETRY_AFTER_CAP = timedelta(hours=24)
# Disable only after many consecutive failures (≈ 3+ days at the cap), visibly and reversibly.
DISABLE_AFTER = 30


def next_due_after_success(now: datetime, interval_s: int) -> datetime:
    return now + timedelta(seconds=interval_s)


def after_shorter_interval(
    feed: FeedRow, interval_s: int, pause: datetime | None = None
) -> datetime | None:
    """When a feed whose koll.toml interval was shortened to `interval_s` is due: its last
    fetch + the new interval, if sooner than the stored due time (None: keep that), and never
    before `pause`, the end of its host's pause (host_pauses).

    Only after a success, whose wait is the interval alone: a failing feed's wait may be a
    Retry-After the server asked for, which the row does not tell apart from the back-off, so
    it keeps its wait until its next attempt, which uses the new interval. A successful feed
    whose due time lies past its old interval was held by its host's pause (a 429 or 503 with
    Retry-After on another of its feeds) and keeps that too. A feed due past its host's pause
    anyway (its old interval was longer) was not held, and without `pause` would be brought
    forward into it: a sibling's Retry-After asked the whole host to wait."""
    if feed.status != "ok" or feed.next_due is None or feed.last_attempt is None:
        return None
    # (a second of slack for a database that rounds what it stores)
    if feed.next_due - feed.last_attempt > timedelta(seconds=feed.interval_s + 1):
        return None
    sooner = next_due_after_success(feed.last_attempt, interval_s)
    if pause is not None:
        sooner = max(sooner, pause)
    return sooner if sooner < feed.next_due else None


# The errors of a host that asked for a pause (ingest/fetch.py: "HTTP 429 Too Many Requests").
PAUSE_ERRORS = ("HTTP 429", "HTTP 503")


def host_pauses(rows: Iterable[FeedRow], host: Callable[[str], str | None]) -> dict[str, datetime]:
    """{host: the latest due time its stored feeds show of a pause it asked for}: a host's pause
    is kept only as its feeds' due times (ingest/batch.py _keep_holds), so it is read back from
    them. A feed counts when its due time may be the pause: failing with a 429 or 503 (its wait
    may be the Retry-After), or held past its own interval (ok or never fetched, due later than
    its last fetch + interval: a pause or its host's turn). Read conservatively: a failing
    feed's back-off is taken as its host's pause too, which only delays a sibling whose
    interval was shortened, never asks a host sooner."""
    pauses: dict[str, datetime] = {}
    for r in rows:
        if r.next_due is None or r.status in ("gone", "disabled"):
            continue
        if r.status == "failing":
            paused = (r.last_error or "").startswith(PAUSE_ERRORS)
        elif r.last_attempt is None:
            paused = True  # never fetched, yet given a due time: held (or enabled: now)
        else:
            paused = r.next_due - r.last_attempt > timedelta(seconds=r.interval_s + 1)
        h = host(r.url)
        if paused and h is not None and (h not in pauses or pauses[h] < r.next_due):
            pauses[h] = r.next_due
    return pauses


def shorter_interval_rule(
    rows: Sequence[FeedRow], host: Callable[[str], str | None]
) -> Callable[[FeedRow, int], datetime | None]:
    """after_shorter_interval for the feeds of `rows` (every stored feed), each kept out of its
    host's pause (host_pauses; `host` is ingest.fetch.host_key, which imports this module)."""
    pauses = host_pauses(rows, host)

    def rule(feed: FeedRow, interval_s: int) -> datetime | None:
        return after_shorter_interval(feed, interval_s, pauses.get(host(feed.url) or ""))

    return rule


def after_failure(
    now: datetime,
    interval_s: int,
    failures: int,
    *,
    soft: bool,
    retry_after_s: float | None,
    gone: bool = False,
) -> tuple[str, datetime | None]:
    """(status, next_due) after the `failures`-th consecutive failure."""
    if gone:
        return "gone", None
    if failures >= DISABLE_AFTER:
        return "disabled", None
    wait = min(timedelta(seconds=interval_s * failures), BACKOFF_CAP)
    if not soft:
        # Permanent-looking errors (too large, redirect loops) are retried at the cap only.
        wait = BACKOFF_CAP
    if retry_after_s is not None:
        # Capped before it becomes a timedelta, which overflows past 999,999,999 days.
        wait = max(wait, timedelta(seconds=min(retry_after_s, RETRY_AFTER_CAP.total_seconds())))
    return "failing", now + wait
