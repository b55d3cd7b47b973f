"""The report's charts as plain plotly figure dicts: volume and tone per day, share of voice
against competitors, and the largest sources; the dashboard's colours (Okabe–Ito, safe for
colour-blind readers) and Swedish number formats.

Plain dicts (no plotly.graph_objects): the report embeds them as JSON next to plotly.js itself.
Every chart over time spans the report's window, whatever days had mentions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from koll.store.rollups import window_days

# Okabe–Ito palette, the dashboard's too (dashboard/figures.py): distinguishable with the common
# colour-vision deficiencies. Tone uses blue/grey/vermillion rather than green/red, which a
# red-green colour-blind reader cannot tell apart.
# Its light colours are darkened to 3:1 against the white chart (WCAG 1.4.11): the neutral grey
# (#BBBBBB was 1.9:1), orange (#E69F00, 2.2:1), reddish purple and sky blue. Yellow (#F0E442, 1.3:1)
# is left out: at 3:1 it is olive, and the lightness steps that kept it apart from orange are gone.
# tests/test_palette_contrast.py checks the ratios and the colours' distance as colour-blind
# readers see them.
TONE = {"pos": "#0072B2", "neu": "#8A8A8A", "neg": "#D55E00"}
OWNED, EARNED = "#009E73", "#B87F00"
SERIES = ["#0072B2", "#B87F00", "#00966D", "#C36198", "#1E9BE2", "#A04600", "#000000"]
NAMES = {
    "sv": {
        "volume": "Omnämnanden per dag",
        "tone": "Ton i andras omnämnanden per dag",
        "sov": "Andel av rösterna per dag",
        "sources": "Största källorna",
        "owned": "Egna",
        "earned": "Andras",
        "pos": "Positiva",
        "neu": "Neutrala",
        "neg": "Negativa",
        "count": "Antal",
        "share": "Andel (%)",
    },
    "en": {
        "volume": "Mentions per day",
        "tone": "Tone of others' mentions per day",
        "sov": "Share of voice per day",
        "sources": "Largest sources",
        "owned": "Owned",
        "earned": "Earned",
        "pos": "Positive",
        "neu": "Neutral",
        "neg": "Negative",
        "count": "Count",
        "share": "Share (%)",
    },
}


def _n(lang: str) -> dict:
    return NAMES["en" if lang == "en" else "sv"]


def _layout(title: str, lang: str, **kw) -> dict:
    out: dict[str, Any] = {
        "title": {"text": title, "font": {"size": 15}, "x": 0.01, "xanchor": "left"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "margin": {"l": 48, "r": 12, "t": 40, "b": 36},
        "height": 280,
        "legend": {"orientation": "h", "y": -0.18, "x": 0},
        "separators": ",\u00a0" if lang != "en" else ".,",
        "font": {
            "family": "Segoe UI, Helvetica, Arial, sans-serif",
            "size": 12,
            "color": "#1b1f24",
        },
        "xaxis": {"gridcolor": "#e6e9ed", "automargin": True},
        "yaxis": {"gridcolor": "#e6e9ed", "automargin": True, "rangemode": "tozero"},
    }
    for k, v in kw.items():
        out[k] = {**out[k], **v} if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _date_axis(lang: str, since: str, until: str) -> dict:
    """A day axis over the whole window, half a day beyond each end so its first and last bars
    are whole (plotly would otherwise end the axis at the last day with mentions)."""
    first = (date.fromisoformat(since) - timedelta(days=1)).isoformat()
    return {"type": "date", "tickformat": "%-d/%-m" if lang != "en" else "%b %-d",
            "range": [f"{first} 12:00", f"{until} 12:00"]}  # fmt: skip


def _stacked_days(
    daily: Sequence[dict],
    brand: str,
    series: Sequence[tuple[str, str]],
    title: str,
    lang: str,
    window: tuple[str, str],
) -> dict:
    """One stacked bar per day of the window, a layer per (column, colour) of `series`; a day
    without the brand's mentions is 0 (it has no row in `daily`)."""
    n, days = _n(lang), window_days(*window)
    rows = {r["day"]: r for r in daily if r["brand"] == brand}
    data = [
        {"type": "bar", "x": days, "y": [int(rows[d][k]) if d in rows else 0 for d in days],
         "name": n[k], "marker": {"color": c}}
        for k, c in series
    ]  # fmt: skip
    return {
        "data": data,
        "layout": _layout(n[title], lang, barmode="stack", xaxis=_date_axis(lang, *window),
                          yaxis={"title": {"text": n["count"]}}),
    }  # fmt: skip


def volume(daily: Sequence[dict], brand: str, since: str, until: str, lang: str = "sv") -> dict:
    """The brand's owned and earned mentions per day of the window, stacked."""
    series = (("earned", EARNED), ("owned", OWNED))
    return _stacked_days(daily, brand, series, "volume", lang, (since, until))


def tone(daily: Sequence[dict], brand: str, since: str, until: str, lang: str = "sv") -> dict:
    """Others' mentions per day by tone: positive at the bottom, negative on top."""
    series = [(k, TONE[k]) for k in ("pos", "neu", "neg")]
    return _stacked_days(daily, brand, series, "tone", lang, (since, until))


def share_of_voice(
    daily: Sequence[dict], brands: Sequence[str], since: str, until: str, lang: str = "sv"
) -> dict:
    """Each brand's share of the compared brands' mentions per day, stacked to 100 %; a day
    none of them was mentioned has no point (no share to draw), the axis is the whole window."""
    n = _n(lang)
    days = sorted({r["day"] for r in daily})
    per = {(r["day"], r["brand"]): int(r["mentions"]) for r in daily}
    totals = {d: sum(per.get((d, b), 0) for b in brands) or 1 for d in days}
    data = [
        {
            "type": "scatter",
            "mode": "lines",
            "stackgroup": "sov",
            "x": days,
            "y": [round(100 * per.get((d, b), 0) / totals[d], 1) for d in days],
            "name": b,
            "line": {"color": SERIES[i % len(SERIES)], "width": 1},
        }
        for i, b in enumerate(brands)
    ]
    return {
        "data": data,
        "layout": _layout(n["sov"], lang, xaxis=_date_axis(lang, since, until),
                          yaxis={"title": {"text": n["share"]}, "range": [0, 100]}),
    }  # fmt: skip


def plotly_text(text: str) -> str:
    """Text from a feed (a source's name) as Plotly draws it: its labels and hovers read `<a>`,
    `<b>` and `<span style>` as markup, and a source named in a Reddit link's path put a
    clickable link and 60-pixel text into the chart of the largest sources (QA, 2026-12-07)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sources(top: Sequence[dict], lang: str = "sv") -> dict:
    """The largest sources, owned and earned mentions stacked, largest at the top."""
    n = _n(lang)
    rows = list(reversed(top))
    y = [plotly_text(str(r["source"])) for r in rows]
    data = [
        {"type": "bar", "orientation": "h", "y": y, "x": [int(r[k]) for r in rows], "name": n[k],
         "marker": {"color": c}}
        for k, c in (("earned", EARNED), ("owned", OWNED))
    ]  # fmt: skip
    return {
        "data": data,
        "layout": _layout(n["sources"], lang, barmode="stack", height=120 + 24 * max(len(rows), 1),
                          margin={"l": 150, "r": 12, "t": 40, "b": 36}),
    }  # fmt: skip
