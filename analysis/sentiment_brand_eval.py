"""How well the brand-targeted tone does on a set with a gold tone per brand (the brand-targeted
test and development sets; `tests/test_sentiment_quality.py` pins the figures)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from analysis.sentiment import Sentiment
from analysis.sentiment_brand import classify_for_brand


def _finder(name: str) -> Callable[[str], bool]:
    """Does a text name this brand (as a word, perhaps with a genitive s)?"""
    rx = re.compile(r"(?<!\w)" + re.escape(name) + r"s?(?!\w)")
    return lambda s: rx.search(s) is not None


def parties(rows: Iterable[dict]) -> list[tuple[Callable[[str], bool], Callable[[str], bool]]]:
    """Each row's brand and the set's other brands (the other configured parties), as
    matchers: how classify_targets reads a set, and scripts/sentiment_data/fit_pair.py fits."""
    rows = list(rows)
    brands = sorted({r["brand"] for r in rows})
    finders = {b: _finder(b) for b in brands}
    named: dict[str, frozenset[str]] = {}
    # A brand's others: the brands a text names, found once for each text asked about. One
    # regex of the others for each brand, as before, was the same test, but compiling 360
    # alternations of 359 names took a third of the pair model's 106-second fit
    # (scripts/sentiment_data/fit_pair.py, 57 probes, 2026-12-06).

    def names_in(s: str) -> frozenset[str]:
        if (found := named.get(s)) is None:
            found = named[s] = frozenset(o for o in brands if o in s and finders[o](s))
        return found

    def others_of(b: str) -> Callable[[str], bool]:
        def others(s: str) -> bool:
            found = names_in(s)
            return len(found) > 1 or (bool(found) and b not in found)

        return others

    others = {b: others_of(b) for b in brands}
    return [(finders[r["brand"]], others[r["brand"]]) for r in rows]


def classify_targets(rows: Iterable[dict], lang: str | None = None) -> list[Sentiment]:
    """The tone towards each row's `brand` in its `text` (classify_for_brand), the set's other
    brands being the other configured parties; `lang` as classify_for_brand takes it."""
    rows = list(rows)
    return [
        classify_for_brand(r["text"], mentions, lang=lang, others=others)
        for r, (mentions, others) in zip(rows, parties(rows), strict=True)
    ]


def score_targets(rows: Iterable[dict], results: list[Sentiment] | None = None) -> dict:
    """How often classify_for_brand gives each row's gold `label` towards its `brand`.

    `rows` are the brand-targeted sets' rows (text, brand, label; brands, the number of brands
    the text names, and pattern, its kind, when the set has them); the other brands of the set
    are the other configured parties. Returns accuracy, two_brand_accuracy (None without a
    `brands` of 2), per-pattern accuracy, the wrong rows (index, text, brand, gold label, label
    got) and each row's result (`results`: the rows' classify_targets, when the caller has them
    already).
    """
    rows = list(rows)
    results = classify_targets(rows) if results is None else results
    wrong: list[tuple[int, str, str, str, str | None]] = []
    right = {"all": 0, "two": 0}
    by_pattern: dict[str, list[int]] = {}
    two = 0
    for i, (r, res) in enumerate(zip(rows, results, strict=True)):
        got = res.label
        ok = got == r["label"]
        pair = (r.get("brands") or "").strip() == "2"
        right["all"] += ok
        two += pair
        right["two"] += ok and pair
        seen = by_pattern.setdefault(r.get("pattern") or "", [0, 0])
        seen[0] += ok
        seen[1] += 1
        if not ok:
            wrong.append((i, r["text"], r["brand"], r["label"], got))
    return {
        "n": len(rows),
        "accuracy": round(right["all"] / len(rows), 4) if rows else 0.0,
        "two_brand_accuracy": round(right["two"] / two, 4) if two else None,
        "patterns": {p: round(ok / n, 4) for p, (ok, n) in sorted(by_pattern.items()) if p},
        "wrong": wrong,
        "results": results,
    }


def counterfactual_flips(rows: Iterable[dict], labels: Iterable[str | None]) -> dict:
    """How many variants of a counterfactual set get another label than their group's base
    sentence: `rows` have `group` and `swapped` (empty for the base sentence, else what was
    swapped: a place, a person, a topic noun), `labels` are koll's labels of the rows. A group
    with no base sentence is refused (ValueError naming it): its variants have nothing to
    compare with."""
    rows, labels = list(rows), list(labels)
    base = {
        r["group"]: lab for r, lab in zip(rows, labels, strict=True) if not r["swapped"].strip()
    }
    flipped: list[str] = []
    variants = 0
    for r, lab in zip(rows, labels, strict=True):
        if not r["swapped"].strip():
            continue
        if r["group"] not in base:
            raise ValueError(
                f"group {r['group']!r} has variants but no base sentence (a row of the group "
                "with `swapped` empty)"
            )
        variants += 1
        if lab != base[r["group"]]:
            flipped.append(r["text"])
    return {
        "groups": len(base),
        "variants": variants,
        "flips": len(flipped),
        "flip_rate": round(len(flipped) / variants, 4) if variants else 0.0,
        "flipped": flipped,
    }
