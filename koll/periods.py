"""Calendar periods (days, ISO weeks, months, quarters, years) covering a range of days."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

# Accept both the short names and pandas' offset spellings, so "W", "ME" and "MS" all work.
_FREQ = {
    "D": "D",
    "W": "W-SUN",
    "W-SUN": "W-SUN",
    "M": "M",
    "ME": "M",
    "MS": "M",
    "Q": "Q",
    "QE": "Q",
    "QS": "Q",
    "Y": "Y",
    "YE": "Y",
    "YS": "Y",
    "A": "Y",
}


def period_freq(freq: str) -> str:
    """The pandas Period frequency for `freq`; ValueError names the accepted ones."""
    key = str(freq).upper()
    if key.startswith("W-") and key not in _FREQ:
        # pandas' W-MON is weeks ending on Monday, not ISO weeks starting on one.
        raise ValueError(
            f"freq: weeks are ISO weeks, Monday to Sunday: 'W' (pandas 'W-SUN'), got {freq!r}"
        )
    if key not in _FREQ:
        raise ValueError(
            f"freq: expected one of D, W, M, Q, Y (or pandas' W-SUN, ME, MS, QE, QS, YE, YS, "
            f"A), got {freq!r}"
        )
    return _FREQ[key]


def _label(p: pd.Period) -> str:
    if p.freqstr.startswith("W"):
        year, week, _ = p.start_time.isocalendar()
        return f"{year}-W{week:02d}"
    return str(p)


def calendar_periods(
    first: str | None, last: str | None, freq: str
) -> Iterator[tuple[str, str, str]]:
    """(label, first day, last day) of every whole period overlapping [first, last], in order.

    Weeks are ISO weeks (Monday to Sunday) labelled like '2026-W45'; months '2026-11'.
    Nothing when either end is None (no data).
    """
    pf = period_freq(freq)
    if first is None or last is None or first > last:
        return
    for p in pd.period_range(start=first, end=last, freq=pf):
        yield _label(p), p.start_time.date().isoformat(), p.end_time.date().isoformat()
