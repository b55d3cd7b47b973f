"""Trends: terms and topics rising against their own baseline, by a one-sided binomial test.

If a term were as common as in the baseline, each document containing it would fall in the
current window with probability n_current / (n_current + n_baseline). Observing c of its c + b
documents there is surprising when the binomial tail P(X ≥ c) is tiny; the threshold is divided
by the number of terms tested (Bonferroni), so a long vocabulary does not produce chance alerts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

import pandas as pd
from scipy.stats import binom

from analysis.text import STOP_WORDS, fold, stem
from analysis.topics import EXTRA_STOP

_WORD = re.compile(r"[^\W\d_]{3,}", re.U)
ALPHA = 0.01  # family-wise error rate per brand and window
MIN_COUNT = 3  # a term needs at least this many current documents to be called rising


def doc_terms(text: str, drop: Iterable[str] = ()) -> set[str]:
    """The set of content-word stems in a text (each counts once per document)."""
    dropped = {fold(d) for d in drop}
    return {
        stem(w)
        for w in _WORD.findall(text.lower())
        if w not in STOP_WORDS and w not in EXTRA_STOP and fold(w) not in dropped
    }


def rising(
    current: Mapping[str, int],
    baseline: Mapping[str, int],
    n_current: int,
    n_baseline: int,
    *,
    alpha: float = ALPHA,
    min_count: int = MIN_COUNT,
) -> pd.DataFrame:
    """Keys (terms or topics) significantly more frequent in the current window than before.

    Columns: key, current, baseline, expected, ratio, p_value; most significant first.
    """
    cols = ["key", "current", "baseline", "expected", "ratio", "p_value"]
    if n_current <= 0 or n_baseline <= 0:
        return pd.DataFrame(columns=cols)
    p0 = n_current / (n_current + n_baseline)
    rows = []
    tested = [k for k, c in current.items() if c >= min_count]
    if not tested:
        return pd.DataFrame(columns=cols)
    level = alpha / len(tested)
    for k in tested:
        c, b = current[k], baseline.get(k, 0)
        p = float(binom.sf(c - 1, c + b, p0))
        if p < level:
            expected = b * n_current / n_baseline
            rows.append((k, c, b, expected, c / max(expected, 0.5), p))
    return pd.DataFrame(rows, columns=cols).sort_values(["p_value", "key"]).reset_index(drop=True)


def rising_terms(
    current_texts: list[str],
    baseline_texts: list[str],
    *,
    drop: Iterable[str] = (),
    alpha: float = ALPHA,
    min_count: int = MIN_COUNT,
) -> pd.DataFrame:
    """Rising terms between two sets of documents; `key` is shown as its commonest spelling."""
    drop = list(drop)
    spell: dict[str, Counter] = {}

    occurrences: Counter = Counter()

    def count(texts: list[str], remember: bool) -> Counter:
        c: Counter = Counter()
        for t in texts:
            terms = doc_terms(t, drop)
            c.update(terms)
            if remember:
                for w in _WORD.findall(t.lower()):
                    s = stem(w)
                    if s in terms:
                        spell.setdefault(s, Counter())[w] += 1
                        occurrences[s] += 1
        return c

    cur = count(current_texts, True)
    base = count(baseline_texts, False)
    out = rising(
        cur, base, len(current_texts), len(baseline_texts), alpha=alpha, min_count=min_count
    )
    if out.empty:
        out["term"] = []
        return out
    out["term"] = out["key"].map(lambda s: spell[s].most_common(1)[0][0] if s in spell else s)
    # Equally significant terms: the one repeated most (in titles and text) leads.
    out["occurrences"] = out["key"].map(occurrences)
    out = out.sort_values(["p_value", "occurrences", "key"], ascending=[True, False, True])
    return out.reset_index(drop=True)
