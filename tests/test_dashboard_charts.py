"""The dashboard's charts: day and week labels that say their year over more than one year, and
the Jämför page's week ticks to the last week."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from dashboard import figures


def _daily(first: str, days: int) -> pd.DataFrame:
    start = date.fromisoformat(first)
    rows = [
        {"day": (start + timedelta(days=d)).isoformat(), "brand": b, "mentions": 2, "owned": 1,
         "earned": 1, "pos": 1, "neu": 0, "neg": 0}
        for d in range(days) for b in ("A", "B")
    ]  # fmt: skip
    return pd.DataFrame(rows)


def test_day_ticks_say_the_year_when_the_days_span_more_than_one():
    # "%-d/%-m": a window from one summer to the next showed "1/7" twice.
    window = ("2025-06-01", "2026-07-31")
    daily = _daily(*window[:1], 426)
    for figure in (figures.mentions_per_day, figures.tone_over_time):
        axis = figure(daily, "sv", window)["layout"]["xaxis"]
        assert axis["tickformat"] == "%-d/%-m %Y"
        assert figure(daily, "en", window)["layout"]["xaxis"]["tickformat"] == "%b %-d, %Y"
        # Without a window, the days drawn decide.
        assert figure(daily, "sv")["layout"]["xaxis"]["tickformat"] == "%-d/%-m %Y"
    one_year = ("2026-01-01", "2026-12-31")
    axis = figures.mentions_per_day(_daily(one_year[0], 365), "sv", one_year)["layout"]["xaxis"]
    assert axis["tickformat"] == "%-d/%-m"


def test_week_ticks_say_the_year_when_the_weeks_span_more_than_one():
    daily = _daily("2025-06-02", 420)
    ticks = figures.share_of_voice(daily, ["A", "B"], "sv")["layout"]["xaxis"]["ticktext"]
    assert ticks[0] == "v. 23 2025", ticks
    ticks = figures.net_tone(_daily("2026-06-01", 60), ["A", "B"], "sv")["layout"]["xaxis"]
    assert ticks["ticktext"][0] == "v. 23"
