"""Trends: terms and topics rising against their own baseline, by a one-sided binomial test.

If a term were as common as in the baseline, each document containing it would fall in the
current window with probability n_current / (n_current + n_baseline). Observing c of its c + b
documents there is surprising when the binomial tail P(X ≥ c) is tiny; the threshold is divided
by the number of terms tested (Bonferroni), so a long vocabulary does not produce chance alerts.

The table describes each rising key's size beside its test: `expected` = b × n_current /
n_baseline, the documents the current window would have at the baseline's rate, and `ratio` =
c / max(expected, RATIO_FLOOR), nothing else smoothed. The floor keeps the ratio finite for a
key the baseline never had (expected 0: 43 documents give 86.0), so below it the ratio is a
lower bound of the rise, not a measurement; `baseline == 0` is what says a key is new. Which
keys are listed, and their order, is the p-value's alone.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from functools import lru_cache
from typing import TypeVar

import numpy as np
import pandas as pd
from scipy.stats import binom

from analysis.text import STOP_WORDS, fold, stem
from analysis.topics import BY_LANG, EXTRA_STOP

_WORD = re.compile(r"[^\W\d_]{3,}", re.U)
ALPHA = 0.01  # family-wise error rate per brand and window
MIN_COUNT = 3  # a term needs at least this many current documents to be called rising
# The smallest expected count a ratio divides by: half a document, i.e. "less than one was
# expected". Without it a key new in the window divides by 0.
RATIO_FLOOR = 0.5
COUNT_VERSION = 6  # bump when day_counts or doc_texts change: stored day counts are then recounted
# 2: web addresses stripped (doc_texts), months and weekdays dropped (EXTRA_STOP).
# 3: spoken forms (dom, sen, typ, nån …) dropped (EXTRA_STOP).
# 4: a title that is the body's own first line (Mastodon, Bluesky) read once (joined_text).


K = TypeVar("K", bound=Hashable)  # a term (str) or a topic number (int)


# A table of rising terms, as every reader gives it (the API, the dashboard, the alerts): its
# columns and dtypes, the same when it is empty (the document counts are whole numbers).
RISING = {
    "term": "str",
    "current": "int64",
    "baseline": "int64",
    "expected": "float64",
    "ratio": "float64",
    "p_value": "float64",
}


def rising_table(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """`table`'s RISING columns in RISING's dtypes; an empty table of them for None or empty."""
    if table is None or table.empty:
        return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in RISING.items()})
    return table[list(RISING)].astype(RISING).reset_index(drop=True)


def rising(
    current: Mapping[K, int],
    baseline: Mapping[K, int],
    n_current: int,
    n_baseline: int,
    *,
    alpha: float = ALPHA,
    min_count: int = MIN_COUNT,
) -> pd.DataFrame:
    """Keys (terms or topics) significantly more frequent in the current window than before.

    Columns: key, current, baseline, expected, ratio, p_value; most significant first.
    `expected` is baseline × n_current / n_baseline, `ratio` current / max(expected,
    RATIO_FLOOR) (the module's docstring says why).
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
    cs = np.array([current[k] for k in tested])
    bs = np.array([baseline.get(k, 0) for k in tested])
    # One call for every term: elementwise the same as one call per term, which cost ~1 ms
    # each (a year's rising terms spent 50 ms here with 42 terms).
    ps = binom.sf(cs - 1, cs + bs, p0)
    for k, c, b, p in zip(tested, cs.tolist(), bs.tolist(), ps.tolist(), strict=True):
        if p < level:
            expected = b * n_current / n_baseline
            rows.append((k, c, b, expected, c / max(expected, RATIO_FLOOR), p))
    return pd.DataFrame(rows, columns=cols).sort_values(["p_value", "key"]).reset_index(drop=True)


def count_signature(drop: Iterable[str]) -> str:
    """Identifies how day counts were made (version and dropped words): stored counts must match."""
    words = sorted({fold(d) for d in drop})
    return hashlib.sha1(json.dumps([COUNT_VERSION, words]).encode()).hexdigest()


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return stem(word)


@lru_cache(maxsize=200_000)
def _fold(word: str) -> str:
    return fold(word)


def day_counts(texts: Iterable[str], drop: Iterable[str] = ()) -> tuple[Counter, pd.DataFrame]:
    """Documents per term (content-word stems, once per document), and each term's spellings in the texts.

    The spellings frame has term, word, n (occurrences of the word whose stem is among its
    document's terms) and first (running number of its first occurrence, in text order), which
    is what picks a term's shown spelling: the commonest, the earliest among equals.
    """
    dropped = {fold(d) for d in drop}
    docs: Counter = Counter()
    n: Counter = Counter()
    first: dict[tuple[str, str], int] = {}
    seq = 0
    for t in texts:
        words = _WORD.findall(t.lower())
        other = BY_LANG.get(getattr(t, "lang", None) or "")
        if other:  # an English or German text (topics.with_langs): its function words too
            words = [w for w in words if w not in other]
        terms = {
            _stem(w)
            for w in words
            if w not in STOP_WORDS and w not in EXTRA_STOP and _fold(w) not in dropped
        }
        docs.update(terms)
        for w in words:
            s = _stem(w)
            if s in terms:
                first.setdefault((s, w), seq)
                n[(s, w)] += 1
                seq += 1
    words_df = pd.DataFrame(
        [(s, w, c, first[(s, w)]) for (s, w), c in n.items()],
        columns=["term", "word", "n", "first"],
    )
    return docs, words_df


def name_terms(out: pd.DataFrame, spellings: pd.DataFrame) -> pd.DataFrame:
    """Rising keys (stems) as their commonest spelling, ordered; see rising_terms.

    `spellings`: term, word, n, first and optionally day, over the current window's documents
    (the earliest occurrence is the smallest (day, first)).
    """
    if out.empty:
        out["term"] = []
        return out
    sp = spellings[spellings["term"].isin(set(out["key"]))]
    order = ["day", "first"] if "day" in sp.columns else ["first"]
    sp = sp.sort_values(order, kind="stable")
    g = sp.groupby(["term", "word"], sort=False)["n"].sum().reset_index()
    g["order"] = range(len(g))
    best = g.sort_values(["term", "n", "order"], ascending=[True, False, True]).drop_duplicates(
        "term"
    )
    spell = dict(zip(best["term"], best["word"], strict=True))
    occurrences = g.groupby("term")["n"].sum()
    out["term"] = out["key"].map(lambda s: spell.get(s, s))
    # Equally significant terms: the one repeated most (in titles and text) leads.
    out["occurrences"] = out["key"].map(occurrences).fillna(0).astype(int)
    out = out.sort_values(["p_value", "occurrences", "key"], ascending=[True, False, True])
    return out.reset_index(drop=True)


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
    cur, spellings = day_counts(current_texts, drop)
    base, _ = day_counts(baseline_texts, drop)
    out = rising(
        cur, base, len(current_texts), len(baseline_texts), alpha=alpha, min_count=min_count
    )
    return name_terms(out, spellings)
