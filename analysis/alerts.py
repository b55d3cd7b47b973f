"""Spike detection: a brand's daily volume and negative tone against a rolling baseline.

Day d is compared with the 14 days before it. Volume: a Poisson tail test of today's count
against the larger of the baseline's daily mean and the same weekday's mean (so a Monday is
compared with Mondays too, and a weekly rhythm is not an alert), at least MIN_EXPECTED. Negative
tone: a binomial tail test of today's negative earned mentions against the larger of the
baseline's negative share (smoothed, so a baseline without negatives is not a zero probability)
and the same weekday's. Small days never alert (MIN_* counts). An alert's `value` is what the day
had and its `baseline` the number the test compared it with (docs/api.md, ws.alerts()).

Each alert carries `details`, what a reader needs to act on it: its size against the baseline
(here), and after `explain` the terms and sources driving it, its tone and two examples.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pandas as pd
from scipy.stats import binom, poisson

from analysis import alert_text
from analysis.trends import day_counts, name_terms

BASELINE_DAYS = 14
MIN_HISTORY_DAYS = 7  # fewer days of history than this: no baseline yet, no alert
P_ALERT = 0.001
MIN_VOLUME = 5
MIN_NEGATIVE = 3


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
        for kind, found in (
            ("volume", _volume(today, base, same_wd)),
            ("negative", _negative(today, base, same_wd)),
        ):
            if found is not None:
                value, baseline, p, size = found
                out.append(_alert(brand, kind, d, None, value, baseline, p, size))
    return out


# A volume alert's expected count is at least this: after days without mentions a mean of 0
# would make any count infinitely surprising.
MIN_EXPECTED = 0.5


def _volume(today: pd.Series, base: pd.DataFrame, same_wd: pd.DataFrame) -> tuple | None:
    """A volume alert's value (the day's mentions), baseline (the expected count the test used:
    the larger of the daily mean and the same weekday's mean, at least MIN_EXPECTED), p-value
    and size; None when there is none."""
    mean = float(base["mentions"].mean())
    wd_mean = float(same_wd["mentions"].mean()) if len(same_wd) else 0.0
    lam = max(mean, wd_mean, MIN_EXPECTED)
    x = int(today["mentions"])
    p = float(poisson.sf(x - 1, lam))
    if not (x >= MIN_VOLUME and p < P_ALERT):
        return None
    # The text names the number compared with (`expected`, the baseline) and which it was.
    size = {"mentions": x, "usual": mean, "weekday": wd_mean, "expected": lam, "days": len(base)}
    return float(x), lam, p, size


def _negative(today: pd.Series, base: pd.DataFrame, same_wd: pd.DataFrame) -> tuple | None:
    """A negative-tone alert's value (today's negative share of earned mentions), baseline,
    p-value and size; None when there is none."""
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
    return neg / n, p0, pn, {"negative": neg, "earned": n, "usual_share": p0}


def _alert(brand, kind, day, subject, value, baseline, p, size, key=None) -> dict:
    a = {
        "key": f"{brand}|{kind}|{day}" + (f"|{key}" if key is not None else ""),
        "brand": brand,
        "kind": kind,
        "day": day,
        "subject": subject,
        "value": float(value),
        "baseline": float(baseline),
        "p_value": float(p),
        "details": {"size": size},
    }
    a["reason"] = alert_text.reason(a)
    return a


def rising_alerts(
    brand: str, day: str, kind: str, table: pd.DataFrame, limit: int = 5
) -> list[dict]:
    """Alerts for rising terms or topics (a table from analysis.trends.rising/rising_terms)."""
    out = []
    for r in table.head(limit).itertuples(index=False):
        name = getattr(r, "term", None) or str(r.key)
        size = {
            "current": int(r.current),
            "baseline": int(r.baseline),
            "expected": float(r.expected),
            "days": BASELINE_DAYS,
        }
        a = _alert(brand, kind, day, name, r.current, r.expected, r.p_value, size, key=r.key)
        # A term alert's key is the word's stem: explain() finds the mentions that contain it.
        a["details"]["stem"] = str(r.key) if kind == "term" else None
        out.append(a)
    return out


# --- why an alert fired ---------------------------------------------------------------------------

DRIVING_TERMS = 3
EXAMPLES = 2
# A snippet is a teaser, never the text: licences forbid passing on whole articles, and 200
# characters is about two lines of a chat message or an e-mail.
SNIPPET_CHARS = 200


def snippet(text: str | None, limit: int = SNIPPET_CHARS) -> str:
    """The start of a text, whitespace collapsed, cut at a word with '…'."""
    t = " ".join(str(text or "").split())
    if len(t) <= limit:
        return t
    cut = t[:limit].rsplit(" ", 1)[0].rstrip(",.;:–-")
    return cut + "…"


def driving_terms(
    current: list[str], baseline: list[str], drop, limit: int = DRIVING_TERMS, min_docs: int = 2
) -> list[str]:
    """The terms most over-represented in `current` against `baseline` (smoothed document
    rates), each in at least `min_docs` current documents, as their commonest spelling.

    Not a significance test (rising_terms is): an alert is already significant, and this only
    names what its mentions have in common that the baseline's did not.
    """
    cur, spellings = day_counts(current, drop)
    base, _ = day_counts(baseline, drop)
    n_c, n_b = max(len(current), 1), max(len(baseline), 1)
    scored = [
        ((c + 0.5) / n_c / ((base.get(k, 0) + 0.5) / n_b), c, k)
        for k, c in cur.items()
        if c >= min_docs
    ]
    top = sorted(scored, key=lambda t: (-t[0], -t[1], t[2]))[:limit]
    if not top:
        return []
    table = pd.DataFrame({"key": [k for _, _, k in top], "p_value": range(len(top))})
    return name_terms(table, spellings)["term"].tolist()


def alert_mentions(alert: dict, day: pd.DataFrame, texts: pd.Series, drop) -> pd.Series:
    """Which of the day's mentions the alert is about (a boolean mask over `day`)."""
    if alert["kind"] == "negative":
        return ~day["owned"].astype("boolean").fillna(False).astype(bool)
    stem = (alert.get("details") or {}).get("stem")
    if alert["kind"] == "term" and stem:
        return texts.map(lambda t: stem in day_counts([t], drop)[0]).astype(bool)
    return pd.Series(True, index=day.index)


def _examples(rows: pd.DataFrame, kind: str, top_term_stem: str | None, drop) -> list[dict]:
    """Two mentions that show the alert: of its tone when it is about tone, containing its
    leading term when possible, from different sources, newest first."""
    if rows.empty:
        return []
    r = rows.assign(_neg=(rows["label"] == "neg"), _t=False)
    if top_term_stem:
        r["_t"] = [top_term_stem in day_counts([t], drop)[0] for t in r["_text"]]
    keys = ["_neg", "_t", "published"] if kind == "negative" else ["_t", "published"]
    r = r.sort_values(keys, ascending=False, kind="stable")
    picked = pd.concat([r.drop_duplicates("source"), r]).drop_duplicates("key").head(EXAMPLES)
    return [
        {
            "title": snippet(x.title or x.text, 120),
            "url": x.url
            if isinstance(x.url, str) and x.url.startswith(("http:", "https:"))
            else None,
            "source": x.source,
            "snippet": snippet(x.text),
            "label": x.label if isinstance(x.label, str) else None,
        }
        for x in picked.itertuples(index=False)
    ]


def explain(
    alert: dict,
    day: pd.DataFrame,
    texts: pd.Series,
    baseline_texts: list[str],
    drop,
    *,
    mask=None,
) -> dict:
    """The alert's details completed: terms, sources, tone and examples of its mentions.

    `day`: the brand's mentions on the alert's day (title, text, url, source, label, owned,
    published, key); `texts`: their title + text (analysis.topics.doc_texts);
    `baseline_texts`: the mentions' texts of the days before, for the driving terms. `mask`
    (over `day`): the mentions the alert is about when the caller knows (a topic's members).
    """
    details = dict(alert.get("details") or {})
    if mask is None:
        mask = alert_mentions(alert, day, texts, drop).to_numpy()
    rows = day[mask].assign(_text=texts[mask].to_numpy())
    terms = driving_terms(rows["_text"].tolist(), baseline_texts, drop)
    if alert["kind"] == "term" and alert.get("subject"):
        terms = [alert["subject"], *[t for t in terms if t != alert["subject"]]][:DRIVING_TERMS]
    stem = details.get("stem")
    if not stem and terms:
        first = day_counts([terms[0]], ())[0]
        stem = next(iter(first), None)
    tone = Counter(str(x) for x in rows["label"].dropna())
    details.update(
        mentions=int(len(rows)),
        terms=terms,
        sources=[[s, int(n)] for s, n in Counter(rows["source"]).most_common(3)],
        tone={k: int(tone.get(k, 0)) for k in ("pos", "neu", "neg")},
        examples=_examples(rows, alert["kind"], stem, drop),
    )
    return {**alert, "details": details}
