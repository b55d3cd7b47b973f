"""The rollups step of `koll analyse`: store per-day counts (koll/store/rollups.py) for the days
that changed since the last run, so the dashboard reads a year as a few thousand rows."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from koll.store import Store, local_day, rollups

log = logging.getLogger("koll.analyse")

# Key-message flags of the last days are rechecked by every `koll analyse` (RECLUSTER_DAYS in
# analyse.py); their counts are recounted with them.
RECENT_DAYS = 30
# Days recounted per transaction: a month of a busy brand is ~40 k mentions, a second or two.
DAYS_PER_COMMIT = 31


def _days_to_count(
    conn, now: datetime, *, full: bool, recent_days: int
) -> tuple[set[tuple[str, str]], rollups.Marks]:
    """(brand, day) pairs to recount, and the marks the stored rows will then be complete for."""
    now_marks = rollups.current_marks(conn)  # read first: anything later is "changed since"
    old = rollups.marks(conn)
    live = rollups.live_day_totals(conn)
    if old is None or full:
        return set(live), now_marks
    stored = rollups.stored_day_totals(conn)
    todo = rollups.changed_days(conn, old)
    # A count that differs from the store's (a row committed late with an older id) or a day
    # whose mentions are gone; and the recent days, whose key-message flags may have changed.
    todo |= {k for k, n in live.items() if stored.get(k) != n}
    todo |= {k for k in stored if k not in live}
    recent = local_day(now - timedelta(days=recent_days))
    todo |= {k for k in live if k[1] >= recent}
    return todo, now_marks


def update_rollups(
    store: Store, now: datetime, *, full: bool = False, recent_days: int = RECENT_DAYS
) -> dict:
    """Recount the changed (or, with `full`, all) brand-days; returns how many per brand.

    `full` is for a first run and after rescoring, which changes tones on any day.
    """
    with store.connect() as conn:
        todo, now_marks = _days_to_count(conn, now, full=full, recent_days=recent_days)
    if full:
        with store.begin() as conn:
            rollups.clear(conn)
    by_brand: dict[str, list[str]] = {}
    for brand, day in sorted(todo):
        by_brand.setdefault(brand, []).append(day)
    for brand, days in by_brand.items():
        for k in range(0, len(days), DAYS_PER_COMMIT):
            with store.begin() as conn:
                rollups.store_days(conn, brand, days[k : k + DAYS_PER_COMMIT])
    with store.begin() as conn:
        rollups.set_marks(conn, now_marks)
    counted = {b: len(d) for b, d in by_brand.items()}
    log.info("rollups: %d brand-days counted", sum(counted.values()))
    return counted
