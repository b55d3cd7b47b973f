"""The dashboard's charts: day and week labels that say their year over more than one year, the
Jämför page's week ticks to the last week, and the weeks the period cuts marked as such."""

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


def test_weeks_the_period_cuts_say_how_many_days_they_have():
    # "v. 45" of a period from Friday 6 November had 3 days, drawn like the full weeks after it.
    window = ("2026-11-06", "2026-11-25")  # Fri 6 Nov (v. 45) to Wed 25 Nov (v. 48)
    daily = _daily(window[0], 20)
    for figure in (figures.share_of_voice, figures.net_tone):
        fig = figure(daily, ["A", "B"], "sv", *window)
        assert fig["layout"]["xaxis"]["ticktext"] == [
            "v. 45 (3 d)",
            "v. 46",
            "v. 47",
            "v. 48 (3 d)",
        ]
        hovers = [h if isinstance(h, str) else h[0] for h in fig["data"][0]["customdata"]]
        assert hovers == [
            "v. 45 – delvecka: 6–8 nov",
            "v. 46",
            "v. 47",
            "v. 48 – delvecka: 23–25 nov",
        ]
    english = figures.share_of_voice(daily, ["A", "B"], "en", *window)
    assert english["layout"]["xaxis"]["ticktext"][0] == "week 45 (3 d)"
    assert english["data"][0]["customdata"][-1] == "week 48 – part week: Nov 23–25"
    # The percent sign as each language writes it elsewhere: "19%", "19 %" (QA, 2026-12-07).
    assert english["data"][0]["hovertemplate"].startswith("%{customdata}: %{y:.1f}%<extra>")
    swedish = figures.share_of_voice(daily, ["A", "B"], "sv", *window)
    assert swedish["data"][0]["hovertemplate"].startswith("%{customdata}: %{y:.1f}\u00a0%<extra>")
    # Across a month, and whole weeks at both ends: nothing to mark.
    across = figures.share_of_voice(
        _daily("2026-10-30", 4), ["A"], "sv", "2026-10-30", "2026-11-02"
    )
    assert across["data"][0]["customdata"] == [
        "v. 44 – delvecka: 30 okt–1 nov",
        "v. 45 – delvecka: 2 nov",
    ]
    whole = figures.net_tone(_daily("2026-11-02", 14), ["A"], "sv", "2026-11-02", "2026-11-15")
    assert whole["layout"]["xaxis"]["ticktext"] == ["v. 45", "v. 46"]


def test_the_largest_sources_list_only_voices_with_bars_and_keep_the_legend_clear():
    # With "Egna kanaler" the legend listed "Andras röster" with no bars, and in a short chart
    # it covered the axis title "omnämnanden" (a QA pass in headless Chromium).
    top_sources = figures.top_sources
    own = pd.DataFrame({"source": ["a.se", "b.se"], "owned": [5, 2], "earned": [0, 0]})
    fig = top_sources(own, "sv")
    assert [tr["name"] for tr in fig["data"]] == ["Egna kanaler"]
    both = top_sources(own.assign(earned=[1, 3]), "sv")
    assert [tr["name"] for tr in both["data"]] == ["Andras röster", "Egna kanaler"]
    legend = both["layout"]["legend"]
    assert legend["yref"] == "container" and legend["y"] == 0


def test_a_source_s_name_is_drawn_as_text_not_markup():
    """Plotly reads <a>, <b> and <span style> in labels and hovers: a source named with markup
    put a clickable link and 60-pixel text into the chart of the largest sources, on the
    dashboard and in the report (QA, 2026-12-07)."""
    from koll.store import report_charts

    name = 'reddit.com/r/<a href="https:evil.example">KLICKA_HÄR</a> & co'
    shown = 'reddit.com/r/&lt;a href="https:evil.example"&gt;KLICKA_HÄR&lt;/a&gt; &amp; co'
    top = pd.DataFrame({"source": [name], "earned": [3], "owned": [0]})
    assert figures.top_sources(top)["data"][0]["y"] == [shown]
    chart = report_charts.sources([{"source": name, "earned": 3, "owned": 0}])
    assert chart["data"][0]["y"] == [shown]
