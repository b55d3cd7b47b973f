"""DataFrame -> plotly figure (as a plain dict), pure; colour-blind-safe colours, Swedish numbers.

Figures are plain {"data": [...], "layout": {...}} dicts rather than plotly.graph_objects: the
browser draws them the same, and skipping graph_objects' validation and template expansion
saves ~80 ms per figure on the server, which is most of a page's time budget.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd

from analysis.wording import month_names
from dashboard.i18n import signed, t
from koll.store.report_charts import EARNED, OWNED, SERIES, TONE, plotly_text

# The palette is the report's (koll/store/report_charts.py), so the two draw alike.
TONE_COLOURS, OWNED_COLOUR, EARNED_COLOUR, SERIES = TONE, OWNED, EARNED, SERIES
_GRID = "#e6e9ed"


def _axis(**kw) -> dict:
    return {"gridcolor": _GRID, "linecolor": "#c3c8cf", "zeroline": False, "automargin": True, **kw}


def _layout(title: str, lang: str, **kw) -> dict:
    layout: dict[str, Any] = {
        "title": {"text": title, "font": {"size": 17}, "x": 0.01, "xanchor": "left"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "margin": {"l": 56, "r": 16, "t": 52, "b": 40},
        "legend": {"orientation": "h", "y": -0.2, "x": 0, "traceorder": "normal"},
        # Swedish: comma as decimal mark, (no-break) space as thousands separator.
        "separators": ",\u00a0" if lang != "en" else ".,",
        "font": {
            "family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "size": 14,
            "color": "#1b1f24",
        },
        "hoverlabel": {"font": {"size": 14}},
        "xaxis": _axis(),
        "yaxis": _axis(),
    }
    for key, value in kw.items():
        if key in ("xaxis", "yaxis"):
            layout[key] = {**layout[key], **value}
        else:
            layout[key] = value
    return layout


def _date_axis(lang: str, title: str = "axis.day", span: tuple | None = None) -> dict:
    """A day axis. Day/month ticks read the same in Swedish and English and need no month-name
    locale; over days of more than one year (`span`: the first and last day shown) each tick
    says its year too, or 1/7 of two summers would look the same."""
    years = span is not None and str(span[0])[:4] != str(span[1])[:4]
    if lang != "en":
        ticks = "%-d/%-m %Y" if years else "%-d/%-m"
    else:
        ticks = "%b %-d, %Y" if years else "%b %-d"
    return _axis(
        type="date",
        tickformat=ticks,
        hoverformat="%Y-%m-%d",
        title={"text": t(title, lang)},
    )


def empty(title: str, message: str, lang: str = "sv") -> dict:
    return {
        "data": [],
        "layout": _layout(
            title,
            lang,
            xaxis={"visible": False},
            yaxis={"visible": False},
            annotations=[
                {
                    "text": message,
                    "showarrow": False,
                    "font": {"size": 16, "color": "#555"},
                    "xref": "paper",
                    "yref": "paper",
                    "x": 0.5,
                    "y": 0.5,
                }
            ],
        ),
    }


def _list(s: pd.Series) -> list:
    return s.tolist()


def _window_range(window: tuple[str | None, str | None] | None) -> dict:
    """The x-axis over the whole chosen period (days without data are part of it), each end
    half a day out so its bar is whole; plotly would otherwise span only the days with data."""
    if not window or not window[0] or not window[1]:
        return {}
    since, until = date.fromisoformat(window[0]), date.fromisoformat(window[1])
    before = since - timedelta(days=1) if since > date.min else since  # not before year 1
    return {"range": [f"{before} 12:00", f"{until} 12:00"]}


def _stacked_days(
    title: str,
    lang: str,
    g: pd.DataFrame,
    series: list[tuple[str, str, str]],
    window: tuple[str | None, str | None] | None = None,
) -> dict:
    """Stacked bars per day: one trace per (column, colour, name), in that order from the bottom."""
    traces = [
        {
            "type": "bar",
            "x": _list(g["day"]),
            "y": _list(g[col]),
            "name": name,
            "marker": {"color": colour},
            "hovertemplate": "%{x}: %{y:,}<extra>" + name + "</extra>",
        }
        for col, colour, name in series
    ]
    shown = window if window and window[0] and window[1] else (g["day"].min(), g["day"].max())
    return {
        "data": traces,
        "layout": _layout(
            title,
            lang,
            barmode="stack",
            xaxis={**_date_axis(lang, span=shown), **_window_range(window)},
            yaxis={"title": {"text": t("axis.count", lang)}},
        ),
    }


def mentions_per_day(
    daily: pd.DataFrame, lang: str = "sv", window: tuple[str | None, str | None] | None = None
) -> dict:
    """Owned and earned mentions per day, stacked, for one brand (or all rows summed)."""
    title = t("fig.per_day", lang)
    if daily.empty:
        return empty(title, t("no_data", lang), lang)
    g = daily.groupby("day", sort=True)[["owned", "earned"]].sum().reset_index()
    series = [
        (col, colour, name)
        for col, colour, name in (
            ("earned", EARNED_COLOUR, t("owned.earned", lang)),
            ("owned", OWNED_COLOUR, t("owned.owned", lang)),
        )
        if g[col].sum() != 0
    ]
    return _stacked_days(title, lang, g, series, window)


def tone_over_time(
    daily: pd.DataFrame, lang: str = "sv", window: tuple[str | None, str | None] | None = None
) -> dict:
    """Earned mentions per day split by tone (positive at the bottom, negative on top)."""
    title = t("fig.tone_over_time", lang)
    if daily.empty:
        return empty(title, t("no_data", lang), lang)
    if daily[["pos", "neu", "neg"]].to_numpy().sum() == 0:
        return empty(title, t("no_earned", lang), lang)
    g = daily.groupby("day", sort=True)[["pos", "neu", "neg"]].sum().reset_index()
    series = [(tone, TONE_COLOURS[tone], t(f"tone.{tone}", lang)) for tone in ("pos", "neu", "neg")]
    return _stacked_days(title, lang, g, series, window)


def _percent(lang: str) -> str:
    """The percent sign after a number: "60,3 %" (a no-break space) in Swedish, "60.3%" in
    English, as the rest of the English dashboard writes it."""
    return "%" if lang == "en" else "\u00a0%"


def tone_shares(totals: pd.DataFrame, lang: str = "sv") -> dict:
    """Per brand: the share of earned mentions that are positive, neutral and negative."""
    title = t("fig.tone", lang)
    if totals.empty:
        return empty(title, t("no_data", lang), lang)
    if totals[["pos", "neu", "neg"]].to_numpy().sum() == 0:
        return empty(title, t("no_earned", lang), lang)
    g = totals.set_index("brand")[["pos", "neu", "neg"]]
    total = g.sum(axis=1).replace(0, 1)
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "y": list(g.index),
            "x": _list((g[tone] / total * 100).round(1)),
            "name": t(f"tone.{tone}", lang),
            "marker": {"color": TONE_COLOURS[tone]},
            "hovertemplate": "%{x:.1f}"
            + _percent(lang)
            + "<extra>"
            + t(f"tone.{tone}", lang)
            + "</extra>",
        }
        for tone in ("pos", "neu", "neg")
    ]
    return {
        "data": traces,
        "layout": _layout(
            title,
            lang,
            barmode="stack",
            height=170 + 55 * len(g),
            xaxis={"title": {"text": t("axis.share", lang)}, "range": [0, 100]},
        ),
    }


def _weekly(
    daily: pd.DataFrame, lang: str = "sv", since: str | None = None, until: str | None = None
) -> pd.DataFrame:
    """Per-day rows -> per ISO week (named "v. 46") and brand.

    A week is drawn at its Monday, or at `since` when the window starts later in that week:
    a window of one Saturday must not show its point on the Monday before it. A week the window
    `since`..`until` cuts (its first or last) is named with its days ("v. 45 (3 d)") and its
    hover text (`week_hover`) says which: drawn like a full week, its few days read as a drop.
    """
    # Worked out once per distinct day and week: a year of three brands is 1,095 rows but 365
    # days, and pandas' per-row date parsing and ISO calendar took 80 ms of the Jämför page.
    mondays = {}
    for day in daily["day"].astype(str).unique():
        d = date.fromisoformat(day)
        mondays[day] = (d - timedelta(days=d.weekday())).isoformat()
    cols = ["mentions", "earned", "pos", "neg"]
    weeks = daily.assign(week=daily["day"].astype(str).map(mondays))
    out = weeks.groupby(["week", "brand"], sort=True)[cols].sum().reset_index()
    iso = {w: date.fromisoformat(w).isocalendar() for w in set(out["week"])}
    # Over more than one year "v. 27" would name two weeks: then the name says the year too.
    key = "week.year" if len({c[0] for c in iso.values()}) > 1 else "week"
    names = {w: t(key, lang, n=c[1], year=c[0]) for w, c in iso.items()}
    hovers = dict(names)
    for w in names:
        first, last = _days_in(w, since, until)
        if (last - first).days < 6:
            n = (last - first).days + 1
            hovers[w] = t("week.partial.hover", lang, week=names[w],
                          days=_day_span(first, last, lang))  # fmt: skip
            names[w] = t("week.partial", lang, week=names[w], n=n)
    out["week_name"] = out["week"].map(names)
    out["week_hover"] = out["week"].map(hovers)
    if since:
        out["week"] = out["week"].where(out["week"] >= since, since)
    return out


def _days_in(monday: str, since: str | None, until: str | None) -> tuple[date, date]:
    """The first and last day of the week of `monday` inside the window (an open end: all)."""
    first = date.fromisoformat(monday)
    last = first + timedelta(days=6)
    if since:
        first = max(first, date.fromisoformat(since))
    if until:
        last = min(last, date.fromisoformat(until))
    return first, last


def _day_span(first: date, last: date, lang: str) -> str:
    """'6–8 nov', '29 okt–2 nov', '8 nov' (English: 'Nov 6–8', 'Oct 29–Nov 2')."""
    months = [m[:3] if lang == "en" else m[:3].lower() for m in month_names(lang)]

    def day(d: date, month: bool = True) -> str:
        if not month:
            return str(d.day)
        m = months[d.month - 1]
        return f"{m} {d.day}" if lang == "en" else f"{d.day} {m}"

    if first == last:
        return day(last)
    if lang == "en":
        return f"{day(first)}–{day(last, first.month != last.month)}"
    return f"{day(first, first.month != last.month)}–{day(last)}"


# At most this many week ticks: a year's 52 names would overlap.
_WEEK_TICKS = 10


def _week_axis(w: pd.DataFrame, lang: str) -> dict:
    """One tick per week, named as in the hover ("v. 47"); a lone week gets a week-wide range
    (plotly would otherwise zoom to hours around it and repeat its date as ticks)."""
    weeks = w.drop_duplicates("week").sort_values("week")
    step = -(-len(weeks) // _WEEK_TICKS)  # ceil
    shown = weeks.iloc[::step]
    axis = _date_axis(lang, "axis.week")
    axis.update(tickmode="array", tickvals=_list(shown["week"]), ticktext=_list(shown["week_name"]))
    if len(weeks) == 1:
        only = date.fromisoformat(str(weeks["week"].iloc[0]))
        axis["range"] = [
            (only - timedelta(days=3)).isoformat(),
            (only + timedelta(days=3)).isoformat(),
        ]
    return axis


def _week_margin(axis: dict) -> dict:
    """Room on the right for the last week's name, centred on the plot's right edge: plotly hides
    a tick label that would stick out of the chart, and the English "week 49 (6 d)" did not fit
    the 36 px that "v. 49 (6 d)" needs (QA, 2026-12-07). 5 px a letter: in headless Chromium
    4 px (half a letter of the axis's 14 px system font) still hid "week 47 (5 d)"."""
    last = str((axis.get("ticktext") or [""])[-1])
    return {"l": 56, "r": max(36, 5 * len(last)), "t": 52, "b": 40}


def share_of_voice(
    daily: pd.DataFrame,
    brands: list[str],
    lang: str = "sv",
    since: str | None = None,
    until: str | None = None,
) -> dict:
    """Each brand's share of all the compared brands' mentions, per week, stacked to 100 %."""
    title = t("fig.sov", lang)
    if daily.empty:
        return empty(title, t("no_data", lang), lang)
    w = _weekly(daily, lang, since, until)
    # A stacked area of a single week is a line of no length, which draws nothing: mark it.
    mode = "lines" if w["week"].nunique() > 1 else "lines+markers"
    total = w.groupby("week")["mentions"].transform("sum").replace(0, 1)
    w["share"] = (w["mentions"] / total * 100).round(1)
    traces = []
    for i, b in enumerate(brands):
        g = w[w["brand"] == b]
        traces.append(
            {
                "type": "scatter",
                "x": _list(g["week"]),
                "y": _list(g["share"]),
                "name": b,
                "stackgroup": "sov",
                "mode": mode,
                "marker": {"size": 10},
                "cliponaxis": False,  # a lone marker at 100 % is not cut in half
                "line": {"color": SERIES[i % len(SERIES)], "width": 1},
                "customdata": _list(g["week_hover"]),
                "hovertemplate": "%{customdata}: %{y:.1f}"
                + _percent(lang)
                + "<extra>"
                + b
                + "</extra>",
            }
        )
    return {
        "data": traces,
        "layout": _layout(
            title,
            lang,
            xaxis=(axis := _week_axis(w, lang)),
            yaxis={"title": {"text": t("axis.share", lang)}, "range": [0, 100]},
            # The area ends on the last week's tick, at the plot's right edge.
            margin=_week_margin(axis),
        ),
    }


def net_tone(
    daily: pd.DataFrame,
    brands: list[str],
    lang: str = "sv",
    since: str | None = None,
    until: str | None = None,
) -> dict:
    """(positive − negative) / earned per week and brand, from −1 to +1."""
    title = t("fig.net_tone", lang)
    if daily.empty:
        return empty(title, t("no_data", lang), lang)
    w = _weekly(daily, lang, since, until)
    w = w[w["earned"] > 0].copy()
    if w.empty:  # only owned mentions (the "Egna kanaler" filter): no tone to draw
        return empty(title, t("no_earned", lang), lang)
    w["net"] = ((w["pos"] - w["neg"]) / w["earned"]).round(2)
    # Hover text written here: "−0,13" with a real minus and a decimal comma in Swedish.
    w["net_text"] = [signed(x, 2, lang) for x in w["net"]]
    traces = []
    for i, b in enumerate(brands):
        g = w[w["brand"] == b]
        traces.append(
            {
                "type": "scatter",
                "x": _list(g["week"]),
                "y": _list(g["net"]),
                "name": b,
                "mode": "lines+markers",
                "line": {"color": SERIES[i % len(SERIES)], "width": 3},
                "customdata": g[["week_hover", "net_text"]].to_numpy().tolist(),
                "hovertemplate": "%{customdata[0]}: %{customdata[1]}<extra>" + b + "</extra>",
            }
        )
    zero = {
        "type": "line",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "y0": 0,
        "y1": 0,
        "line": {"color": "#888", "width": 1, "dash": "dot"},
    }
    return {
        "data": traces,
        "layout": _layout(
            title,
            lang,
            xaxis=(axis := _week_axis(w, lang)),
            yaxis={"range": [-1, 1], "title": {"text": t("axis.net_tone", lang)}},
            shapes=[zero],
            margin=_week_margin(axis),
        ),
    }


def top_sources(top: pd.DataFrame, lang: str = "sv") -> dict:
    """Horizontal bars of the largest sources, owned and earned parts stacked."""
    title = t("fig.top_sources", lang)
    if top.empty:
        return empty(title, t("no_data", lang), lang)
    g = top.iloc[::-1]  # largest at the top
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "y": [plotly_text(str(x)) for x in g["source"]],
            "x": _list(g[col]),
            "name": t(f"owned.{col}", lang),
            "marker": {"color": colour},
            "hovertemplate": "%{y}: %{x:,}<extra>" + t(f"owned.{col}", lang) + "</extra>",
        }
        for col, colour in (("earned", EARNED_COLOUR), ("owned", OWNED_COLOUR))
        if g[col].any()  # "Egna kanaler" alone had listed "Andras röster" with no bars
    ]
    return {
        "data": traces,
        "layout": _layout(
            title,
            lang,
            barmode="stack",
            height=max(320, 28 * len(g) + 160),
            xaxis={"title": {"text": t("axis.mentions", lang)}},
            # Below the axis title at any height: placed in the plot's fraction, the legend
            # covered "omnämnanden" in a short chart of a few sources (a QA pass).
            legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
            margin={"l": 56, "r": 16, "t": 52, "b": 90},
        ),
    }
