"""Spike detection: a brand's daily volume and negative tone against a rolling baseline.

Day d is compared with the 14 days before it. Volume: a Poisson tail test of today's count
against the larger of the baseline's daily mean and the same weekday's mean (so a Monday is
compared with Mondays too, and a weekly rhythm is not an alert). Negative tone: a binomial tail
test of today's negative earned mentions against the baseline's negative share (smoothed, so a
baseline without negatives is not a zero probability). Small days never alert (MIN_* counts).
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from scipy.stats import binom, poisson

BASELINE_DAYS = 14
MIN_HISTORY_DAYS = 7  # fewer days of history than this: no baseline yet, no alert
P_ALERT = 0.001
MIN_VOLUME = 5
MIN_NEGATIVE = 3


def _fmt(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def _pct(x: float) -> str:
    return f"{100 * x:.0f} %"


def daily_series(daily: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    """`daily` (day, mentions, earned, negative) reindexed to every day first..last, zeros filled."""
    days = pd.date_range(first, last, freq="D").strftime("%Y-%m-%d")
    df = daily.set_index("day").reindex(days, fill_value=0)
    df.index.name = "day"
    return df[["mentions", "earned", "negative"]].astype(int)


def spikes(brand: str, daily: pd.DataFrame, days: list[str]) -> list[dict]:
    """Volume and negative-tone alerts for `brand` on each of `days` (YYYY-MM-DD)."""
    if daily.empty or not days:
        return []
    first_data = min(daily["day"])
    last = max(max(days), max(daily["day"]))
    start = (date.fromisoformat(min(days)) - timedelta(days=BASELINE_DAYS)).isoformat()
    s = daily_series(daily, min(start, first_data), last)
    out = []
    for d in days:
        dd = date.fromisoformat(d)
        if (dd - date.fromisoformat(first_data)).days < MIN_HISTORY_DAYS:
            continue
        base_days = [(dd - timedelta(days=i)).isoformat() for i in range(1, BASELINE_DAYS + 1)]
        base = s.loc[[b for b in base_days if b >= first_data]]
        today = s.loc[d] if d in s.index else None
        if today is None or base.empty:
            continue
        same_wd = base.loc[
            [b for b in base.index if date.fromisoformat(b).weekday() == dd.weekday()]
        ]
        for kind, alert in (
            ("volume", _volume(today, base, same_wd)),
            ("negative", _negative(today, base, same_wd)),
        ):
            if alert is not None:
                head = {"key": f"{brand}|{kind}|{d}", "brand": brand, "kind": kind, "day": d}
                out.append({**head, "subject": None, **alert})
    return out


def _volume(today: pd.Series, base: pd.DataFrame, same_wd: pd.DataFrame) -> dict | None:
    """A volume alert's reason, value, baseline and p_value; None when there is none."""
    mean = float(base["mentions"].mean())
    wd_mean = float(same_wd["mentions"].mean()) if len(same_wd) else 0.0
    lam = max(mean, wd_mean, 0.5)
    x = int(today["mentions"])
    p = float(poisson.sf(x - 1, lam))
    if not (x >= MIN_VOLUME and p < P_ALERT):
        return None
    wd = ", ".join(str(int(v)) for v in same_wd["mentions"]) or "–"
    return {
        "reason": (
            f"Ovanligt många omnämnanden: {x} i dag mot normalt {_fmt(mean)} per "
            f"dag de senaste {len(base)} dagarna (samma veckodag: {wd}); "
            f"p = {p:.1e}"
        ),
        "value": float(x),
        "baseline": lam,
        "p_value": p,
    }


def _negative(today: pd.Series, base: pd.DataFrame, same_wd: pd.DataFrame) -> dict | None:
    """A negative-tone alert's reason, value, baseline and p_value; None when there is none."""
    n, neg = int(today["earned"]), int(today["negative"])
    b_earned, b_neg = int(base["earned"].sum()), int(base["negative"].sum())
    p0 = (b_neg + 1) / (b_earned + 2)
    wd_share = (
        float(same_wd["negative"].sum()) / max(1, int(same_wd["earned"].sum()))
        if len(same_wd)
        else 0.0
    )
    p0 = max(p0, wd_share)
    pn = float(binom.sf(neg - 1, n, p0)) if n else 1.0
    if not (neg >= MIN_NEGATIVE and pn < P_ALERT):
        return None
    return {
        "reason": (
            f"Negativ ton ökar: {neg} av {n} omnämnanden negativa i dag mot "
            f"normalt {_pct(p0)}; p = {pn:.1e}"
        ),
        "value": neg / n,
        "baseline": p0,
        "p_value": pn,
    }


def rising_alerts(
    brand: str, day: str, kind: str, table: pd.DataFrame, limit: int = 5
) -> list[dict]:
    """Alerts for rising terms or topics (a table from analysis.trends.rising/rising_terms)."""
    out = []
    what = "Ordet" if kind == "term" else "Ämnet"
    for r in table.head(limit).itertuples(index=False):
        name = getattr(r, "term", None) or str(r.key)
        out.append(
            {
                "key": f"{brand}|{kind}|{day}|{r.key}",
                "brand": brand,
                "kind": kind,
                "day": day,
                "subject": name,
                "reason": (
                    f"{what} ”{name}” ökar: {int(r.current)} omnämnanden i dag mot "
                    f"{int(r.baseline)} de senaste {BASELINE_DAYS} dagarna "
                    f"(väntat {_fmt(r.expected)}); p = {r.p_value:.1e}"
                ),
                "value": float(r.current),
                "baseline": float(r.expected),
                "p_value": float(r.p_value),
            }
        )
    return out
