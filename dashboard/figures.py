"""DataFrame -> plotly Figure, pure; colours are colour-blind safe (Okabe-Ito), numbers Swedish."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import t

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies. Tone uses
# blue/grey/vermillion rather than green/red, which a red-green colour-blind reader cannot tell apart.
TONE_COLOURS = {"pos": "#0072B2", "neu": "#BBBBBB", "neg": "#D55E00"}
OWNED_COLOUR = "#009E73"
EARNED_COLOUR = "#E69F00"
SERIES = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


def _layout(lang: str) -> dict:
    return dict(
        template="plotly_white",
        margin=dict(l=50, r=16, t=48, b=40),
        legend=dict(orientation="h", y=-0.18, x=0, traceorder="normal"),
        # Swedish: comma as decimal mark, (no-break) space as thousands separator.
        separators=",\u00a0" if lang != "en" else ".,",
        font=dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size=14),
        title=dict(font=dict(size=17), x=0, xanchor="left"),
        hoverlabel=dict(font_size=14),
    )


def _date_axis(fig: go.Figure, lang: str) -> None:
    # Day/month ticks read the same in Swedish and English and need no month-name locale.
    fig.update_xaxes(tickformat="%-d/%-m" if lang != "en" else "%b %-d", hoverformat="%Y-%m-%d")


def empty(title: str, message: str) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(title=title, **_layout("sv"))
    fig.add_annotation(text=message, showarrow=False, font=dict(size=16, color="#555"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def mentions_per_day(daily: pd.DataFrame, lang: str = "sv") -> go.Figure:
    """Owned and earned mentions per day, stacked, for one brand (or all rows summed)."""
    title = t("fig.per_day", lang)
    if daily.empty:
        return empty(title, t("no_data", lang))
    g = daily.groupby("day", sort=True)[["owned", "earned"]].sum().reset_index()
    fig = go.Figure()
    for col, colour, name in (("earned", EARNED_COLOUR, t("owned.earned", lang)),
                              ("owned", OWNED_COLOUR, t("owned.owned", lang))):  # fmt: skip
        if g[col].sum() == 0:
            continue
        fig.add_trace(go.Bar(x=g["day"], y=g[col], name=name, marker_color=colour,
                             hovertemplate="%{x}: %{y:,}<extra>" + name + "</extra>"))  # fmt: skip
    fig.update_layout(barmode="stack", yaxis_title=t("axis.count", lang), **_layout(lang))
    fig.update_layout(title=title)
    _date_axis(fig, lang)
    return fig


def tone_over_time(daily: pd.DataFrame, lang: str = "sv") -> go.Figure:
    """Earned mentions per day split by tone (positive at the bottom, negative on top)."""
    title = t("fig.tone_over_time", lang)
    if daily.empty or daily[["pos", "neu", "neg"]].to_numpy().sum() == 0:
        return empty(title, t("no_data", lang))
    g = daily.groupby("day", sort=True)[["pos", "neu", "neg"]].sum().reset_index()
    fig = go.Figure([
        go.Bar(x=g["day"], y=g[tone], name=t(f"tone.{tone}", lang), marker_color=TONE_COLOURS[tone],
               hovertemplate="%{x}: %{y:,}<extra>" + t(f"tone.{tone}", lang) + "</extra>")
        for tone in ("pos", "neu", "neg")
    ])  # fmt: skip
    fig.update_layout(barmode="stack", yaxis_title=t("axis.count", lang), **_layout(lang))
    fig.update_layout(title=title)
    _date_axis(fig, lang)
    return fig


def tone_shares(totals: pd.DataFrame, lang: str = "sv") -> go.Figure:
    """Per brand: the share of earned mentions that are positive, neutral and negative."""
    title = t("fig.tone", lang)
    if totals.empty:
        return empty(title, t("no_data", lang))
    g = totals.set_index("brand")[["pos", "neu", "neg"]]
    total = g.sum(axis=1).replace(0, 1)
    fig = go.Figure([
        go.Bar(y=g.index, x=(g[tone] / total * 100).round(1), name=t(f"tone.{tone}", lang),
               orientation="h", marker_color=TONE_COLOURS[tone],
               hovertemplate="%{x:.1f} %<extra>" + t(f"tone.{tone}", lang) + "</extra>")
        for tone in ("pos", "neu", "neg")
    ])  # fmt: skip
    fig.update_layout(barmode="stack", **_layout(lang))
    fig.update_layout(title=title, xaxis=dict(title=t("axis.share", lang), range=[0, 100]),
                      height=170 + 55 * len(g))  # fmt: skip
    return fig


def _weekly(daily: pd.DataFrame) -> pd.DataFrame:
    """Per-day rows -> per ISO week (labelled by its Monday) and brand."""
    d = daily.copy()
    days = pd.to_datetime(d["day"])
    d["week"] = (days - pd.to_timedelta(days.dt.weekday, unit="D")).dt.strftime("%Y-%m-%d")
    return (
        d.groupby(["week", "brand"], sort=True)[["mentions", "earned", "pos", "neg"]]
        .sum()
        .reset_index()
    )


def share_of_voice(daily: pd.DataFrame, brands: list[str], lang: str = "sv") -> go.Figure:
    """Each brand's share of all the compared brands' mentions, per week, stacked to 100 %."""
    title = t("fig.sov", lang)
    if daily.empty:
        return empty(title, t("no_data", lang))
    w = _weekly(daily)
    total = w.groupby("week")["mentions"].transform("sum").replace(0, 1)
    w["share"] = w["mentions"] / total * 100
    fig = go.Figure()
    for i, b in enumerate(brands):
        g = w[w["brand"] == b]
        fig.add_trace(go.Scatter(x=g["week"], y=g["share"].round(1), name=b, stackgroup="sov",
                                 mode="lines", line=dict(color=SERIES[i % len(SERIES)], width=1),
                                 hovertemplate="v. %{x}: %{y:.1f} %<extra>" + b + "</extra>"))  # fmt: skip
    fig.update_layout(**_layout(lang))
    fig.update_layout(title=title, yaxis=dict(title=t("axis.share", lang), range=[0, 100]))
    _date_axis(fig, lang)
    return fig


def net_tone(daily: pd.DataFrame, brands: list[str], lang: str = "sv") -> go.Figure:
    """(positive − negative) / earned per week and brand, from −1 to +1."""
    title = t("fig.net_tone", lang)
    if daily.empty:
        return empty(title, t("no_data", lang))
    w = _weekly(daily)
    w = w[w["earned"] > 0].copy()
    w["net"] = (w["pos"] - w["neg"]) / w["earned"]
    fig = go.Figure()
    for i, b in enumerate(brands):
        g = w[w["brand"] == b]
        fig.add_trace(go.Scatter(x=g["week"], y=g["net"].round(2), name=b, mode="lines+markers",
                                 line=dict(color=SERIES[i % len(SERIES)], width=3),
                                 hovertemplate="v. %{x}: %{y:+.2f}<extra>" + b + "</extra>"))  # fmt: skip
    fig.add_hline(y=0, line=dict(color="#888", width=1, dash="dot"))
    fig.update_layout(**_layout(lang))
    fig.update_layout(title=title, yaxis=dict(range=[-1, 1], zeroline=False))
    _date_axis(fig, lang)
    return fig


def top_sources(top: pd.DataFrame, lang: str = "sv") -> go.Figure:
    """Horizontal bars of the largest sources, owned and earned parts stacked."""
    title = t("fig.top_sources", lang)
    if top.empty:
        return empty(title, t("no_data", lang))
    g = top.iloc[::-1]  # largest at the top
    fig = go.Figure([
        go.Bar(y=g["source"], x=g["earned"], name=t("owned.earned", lang), orientation="h",
               marker_color=EARNED_COLOUR),
        go.Bar(y=g["source"], x=g["owned"], name=t("owned.owned", lang), orientation="h",
               marker_color=OWNED_COLOUR),
    ])  # fmt: skip
    fig.update_layout(barmode="stack", **_layout(lang))
    fig.update_layout(title=title, height=max(320, 28 * len(g) + 120),
                      xaxis_title=t("axis.count", lang))  # fmt: skip
    return fig
