"""Översikt: mentions per day, owned vs earned and tone, read from the store when the page loads."""

from __future__ import annotations

import dash
from dash import dcc, html

from dashboard import data, figures

dash.register_page(__name__, path="/", name="Översikt", title="koll – Översikt")


def layout(brand: str | None = None, since: str | None = None, until: str | None = None, **_kwargs):
    names = data.brand_names()
    brands = [brand] if brand in names else names
    first, last = data.day_range()
    since = since or first
    until = until or last
    daily = data.daily(brands, since, until)
    total = int(daily["mentions"].sum()) if not daily.empty else 0
    period = f"{since} – {until}" if since else "ingen data ännu"
    return html.Div(
        [
            html.P(f"Period: {period} · {total:,} omnämnanden".replace(",", "\u00a0"), className="summary"),
            dcc.Graph(id="overview-daily", figure=figures.mentions_per_day(daily)),
            html.Div(
                [
                    dcc.Graph(id="overview-owned", figure=figures.owned_vs_earned(daily)),
                    dcc.Graph(id="overview-tone", figure=figures.tone_shares(daily)),
                ],
                className="row",
            ),
        ]
    )
