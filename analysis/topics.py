"""Topics: what a brand's conversation is about, via Swedish TF-IDF and NMF, labelled by top terms.

Words are tokenised, stop words and the brand's own names dropped, and stemmed (Snowball, no
download); each stem is shown as its most frequent spelling so labels read as Swedish words.
NMF with a deterministic start (NNDSVD) gives the same topics for the same mentions, and topics
are ordered by size, so a rerun over slightly more data keeps them recognisable. Large periods
are fitted on a fixed-seed sample and every mention is then assigned to its strongest topic.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.text import STOP_WORDS, fold, stem

# Words that carry no topic in brand monitoring (feed boilerplate and reporting verbs).
EXTRA_STOP = frozenset(
    [
        "läs",
        "mer",
        "kommentar",
        "kommentarer",
        "inlägg",
        "tråd",
        "skriver",
        "uppger",
        "meddelar",
        "enligt",
        "säger",
        "tt",
        "procent",
        "kronor",
        "miljoner",
        "dagen",
        "veckan",
        "året",
        "också",
        "samt",
        "http",
        "https",
        "www",
        "helt",
        "sitt",
        "sin",
        "hos",
        "väldigt",
        "lite",
        "både",
    ]
)
_WORD = re.compile(r"[^\W\d_]{3,}", re.U)
MAX_FIT_DOCS = 20_000  # NMF cost grows with documents; a sample this size finds the same topics


class Analyzer:
    """Callable for TfidfVectorizer: stems of content words, remembering each stem's spellings."""

    def __init__(self, drop: Iterable[str] = ()):
        self.drop = {fold(w) for w in drop}
        self.spellings: dict[str, Counter] = {}

    def __call__(self, text: str) -> list[str]:
        out = []
        for w in _WORD.findall(text.lower()):
            if w in STOP_WORDS or w in EXTRA_STOP or fold(w) in self.drop:
                continue
            s = stem(w)
            if fold(s) in self.drop:
                continue
            out.append(s)
            self.spellings.setdefault(s, Counter())[w] += 1
        return out

    def display(self, s: str) -> str:
        c = self.spellings.get(s)
        return c.most_common(1)[0][0] if c else s


def brand_words(terms: Iterable[str]) -> list[str]:
    """Words of a brand's names: dropped from its topics, since every mention contains them."""
    return [w for t in terms for w in _WORD.findall(t.lower())]


@dataclass(frozen=True)
class TopicResult:
    topics: list[dict]  # topic_no, label, terms, size, share, representative_item_id/title
    assignment: pd.Series  # topic_no per input row (-1: no topic words)


def default_k(n_docs: int) -> int:
    """Number of topics: about √(n/2), between 2 and 12; readable on one dashboard panel."""
    return int(min(12, max(2, round((n_docs / 2) ** 0.5))))


def find_topics(
    docs: pd.DataFrame,
    *,
    drop_words: Sequence[str] = (),
    n_topics: int | None = None,
    top_terms: int = 8,
    max_fit_docs: int = MAX_FIT_DOCS,
    seed: int = 0,
) -> TopicResult:
    """Topics of `docs` (columns item_id, title, text) and each document's topic."""
    empty = TopicResult([], pd.Series(-1, index=docs.index, dtype="int64"))
    n = len(docs)
    if n < 4:
        return empty
    texts = (docs["title"].fillna("") + "\n" + docs["text"].fillna("")).tolist()
    analyzer = Analyzer(drop_words)
    fit_idx = np.arange(n)
    if n > max_fit_docs:
        fit_idx = np.sort(np.random.default_rng(seed).choice(n, max_fit_docs, replace=False))
    vec = TfidfVectorizer(
        analyzer=analyzer,
        min_df=2,
        max_df=0.6 if len(fit_idx) >= 20 else 1.0,
        sublinear_tf=True,
        max_features=20_000,
    )
    try:
        x_fit = vec.fit_transform([texts[i] for i in fit_idx])
    except ValueError:  # no term occurs in two documents
        return empty
    k = min(n_topics or default_k(len(fit_idx)), x_fit.shape[1], len(fit_idx) - 1)
    if k < 1:
        return empty
    nmf = NMF(n_components=k, init="nndsvd", random_state=seed, max_iter=400)
    nmf.fit(x_fit)
    x_all = x_fit if len(fit_idx) == n else vec.transform(texts)
    w = nmf.transform(x_all)
    has = w.sum(axis=1) > 0
    best = np.where(has, w.argmax(axis=1), -1)
    vocab = vec.get_feature_names_out()
    sizes = np.bincount(best[has], minlength=k)
    order = np.argsort(-sizes, kind="stable")  # topic 0 is the largest
    renumber = {int(old): new for new, old in enumerate(order)}
    topics = []
    ids = docs["item_id"].to_numpy()
    titles = docs["title"].fillna("").to_numpy()
    for new, old in enumerate(order):
        if sizes[old] == 0:
            continue
        terms = [
            analyzer.display(vocab[j])
            for j in np.argsort(-nmf.components_[old])[:top_terms]
            if nmf.components_[old, j] > 0
        ]
        members = np.flatnonzero(best == old)
        rep = members[np.argmax(w[members, old])]
        topics.append(
            {
                "topic_no": new,
                "label": " · ".join(terms[:3]),
                "terms": terms,
                "size": int(sizes[old]),
                "share": float(sizes[old] / n),
                "representative_item_id": int(ids[rep]),
                "representative_title": str(titles[rep])[:300],
            }
        )
    assignment = pd.Series(
        [renumber.get(int(b), -1) if b >= 0 else -1 for b in best], index=docs.index, dtype="int64"
    )
    return TopicResult(topics, assignment)
