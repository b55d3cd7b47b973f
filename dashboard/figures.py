"""DataFrame -> plotly Figure, pure; colours are colour-blind safe (Okabe-Ito)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
TONE_COLOURS = {"pos": "#0072B2", "neu": "#BBBBBB", "neg": "#D55E00"}
TONE_NAMES = {"pos": "Positiv", "neu": "Neutral", "neg": "Negativ"}
SERIES = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

_LAYOUT = dict(
    template="plotly_white",
    margin=dict(l=40, r=10, t=40, b=30),
    legend=dict(orientation="h", y=-0.15),
    separators=", ",  # Swedish: comma decimal mark, space thousands separator
    font=dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size=14),
)


def empty(title: str, message: str = "Inga omnämnanden i perioden") -> go.Figure:
    fig = go.Figure()
    fig.update_layout(title=title, **_LAYOUT)
    fig.add_annotation(text=message, showarrow=False, font=dict(size=16, color="#555"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def mentions_per_day(daily: pd.DataFrame) -> go.Figure:
    title = "Omnämnanden per dag"
    if daily.empty:
        return empty(title)
    fig = go.Figure()
    for i, (brand, g) in enumerate(daily.groupby("brand", sort=True)):
        fig.add_trace(go.Scatter(x=g["day"], y=g["mentions"], name=brand, mode="lines+markers",
                                 line=dict(color=SERIES[i % len(SERIES)], width=2)))
    fig.update_layout(title=title, yaxis_title="antal", **_LAYOUT)
    return fig


def owned_vs_earned(daily: pd.DataFrame) -> go.Figure:
    title = "Egna kanaler och andras röster"
    if daily.empty:
        return empty(title)
    g = daily.groupby("brand", sort=True)[["owned", "earned"]].sum().reset_index()
    fig = go.Figure([
        go.Bar(x=g["brand"], y=g["owned"], name="Egna (owned)", marker_color="#009E73"),
        go.Bar(x=g["brand"], y=g["earned"], name="Andras (earned)", marker_color="#E69F00"),
    ])
    fig.update_layout(title=title, barmode="stack", **_LAYOUT)
    return fig


def tone_shares(daily: pd.DataFrame) -> go.Figure:
    title = "Tonläge i andras omnämnanden"
    if daily.empty:
        return empty(title)
    g = daily.groupby("brand", sort=True)[["pos", "neu", "neg"]].sum()
    total = g.sum(axis=1).replace(0, 1)
    fig = go.Figure([
        go.Bar(y=g.index, x=(g[t] / total * 100).round(1), name=TONE_NAMES[t], orientation="h",
               marker_color=TONE_COLOURS[t], hovertemplate="%{x:.1f} %<extra>" + TONE_NAMES[t] + "</extra>")
        for t in ("pos", "neu", "neg")
    ])
    fig.update_layout(title=title, barmode="stack", xaxis=dict(title="andel, %", range=[0, 100]), **_LAYOUT)
    return fig
