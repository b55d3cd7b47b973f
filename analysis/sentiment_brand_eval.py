"""How well the brand-targeted tone does on a set with a gold tone per brand (the brand-targeted
test and development sets; `tests/test_sentiment_quality.py` pins the figures)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from analysis.sentiment_brand import classify_for_brand


def _finder(name: str) -> Callable[[str], bool]:
    """Does a text name this brand (as a word, perhaps with a genitive s)?"""
    rx = re.compile(r"(?<!\w)" + re.escape(name) + r"s?(?!\w)")
    return lambda s: rx.search(s) is not None


def _any_of(finders: list[Callable[[str], bool]]) -> Callable[[str], bool]:
    return lambda s: any(f(s) for f in finders)


def score_targets(rows: Iterable[dict]) -> dict:
    """How often classify_for_brand gives each row's gold `label` towards its `brand`.

    `rows` are the brand-targeted sets' rows (text, brand, label, brands, pattern); the other
    brands of the set are the other configured parties. Returns accuracy, two_brand_accuracy,
    per-pattern accuracy and the wrong rows.
    """
    rows = list(rows)
    names = sorted({r["brand"] for r in rows})
    finders = {b: _finder(b) for b in names}
    wrong: list[tuple[str, str, str, str | None]] = []
    right = {"all": 0, "two": 0}
    by_pattern: dict[str, list[int]] = {}
    two = 0
    for r in rows:
        rest = [f for b, f in finders.items() if b != r["brand"]]
        got = classify_for_brand(r["text"], finders[r["brand"]], others=_any_of(rest)).label
        ok = got == r["label"]
        right["all"] += ok
        two += r["brands"] == "2"
        right["two"] += ok and r["brands"] == "2"
        seen = by_pattern.setdefault(r["pattern"], [0, 0])
        seen[0] += ok
        seen[1] += 1
        if not ok:
            wrong.append((r["text"], r["brand"], r["label"], got))
    return {
        "n": len(rows),
        "accuracy": round(right["all"] / len(rows), 4),
        "two_brand_accuracy": round(right["two"] / two, 4) if two else None,
        "patterns": {p: round(ok / n, 4) for p, (ok, n) in sorted(by_pattern.items())},
        "wrong": wrong,
    }
