"""The learned part of Swedish sentiment: logistic regression over n-grams and lexicon features.

scikit-learn fits the model; scoring then runs in plain Python over a dictionary of per-n-gram
weights, which for short texts is an order of magnitude faster than calling sklearn per text and
gives the same numbers. A model serialises to compressed JSON bytes (no pickle), so the blob in the
store's `models` table can be read back safely by any koll version that knows its format.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.sentiment_lexicon import FEATURES, Lexicon, analyse, swedish

LABELS = ("neg", "neu", "pos")
FORMAT = 1

_WORD = re.compile(r"[^\W\d_]+|\d+|[^\w\s]", re.U)


def grams(text: str) -> list[str]:
    """Sparse features of a text: word unigrams and bigrams plus character 3–5-grams of words.

    Character n-grams inside word boundaries carry inflection and compounds (`kundtjänstkaoset`
    shares `kaos`), word bigrams carry short phrases (`inte bra`, `tack för`).
    """
    low = text.lower()
    toks = _WORD.findall(low)
    out = ["w:" + t for t in toks]
    out += ["b:" + a + " " + b for a, b in zip(toks, toks[1:], strict=False)]
    for t in toks:
        if len(t) < 3 or not t.isalpha():
            continue
        w = " " + t + " "
        n = len(w)
        for k in (3, 4, 5):
            out += [w[i : i + k] for i in range(n - k + 1)]
    return out


@dataclass
class Model:
    """A fitted model: n-gram weights (idf folded in), dense weights with scaling, biases."""

    version: str
    vocab: dict[str, tuple[float, float, float, float]]  # gram -> (idf, w_neg, w_neu, w_pos)
    dense_mean: list[float]
    dense_scale: list[float]
    dense_w: list[tuple[float, float, float]]
    bias: tuple[float, float, float]
    metrics: dict | None = None

    # --- training -------------------------------------------------------------------------
    @classmethod
    def train(
        cls,
        texts: Sequence[str],
        labels: Sequence[str],
        version: str,
        c: float = 4.0,
        lex: Lexicon | None = None,
        weights: Sequence[float] | None = None,
    ) -> Model:
        """Fit on labelled texts (labels pos/neu/neg); deterministic for the same input."""
        import numpy as np
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        lex = lex or swedish()
        vec = TfidfVectorizer(analyzer=grams, sublinear_tf=True, min_df=2, dtype=np.float64)
        xs = vec.fit_transform(texts)
        dense = np.array([analyse(t, lex) for t in texts], dtype=np.float64)
        mean = dense.mean(axis=0)
        scale = dense.std(axis=0)
        scale[scale == 0] = 1.0
        xd = (dense - mean) / scale
        x = sparse.hstack([xs, sparse.csr_matrix(xd)]).tocsr()
        y = np.array([LABELS.index(lb) for lb in labels])
        clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        clf.fit(x, y, sample_weight=None if weights is None else np.asarray(weights))
        coef = clf.coef_  # (3, n_features), classes in LABELS order (0, 1, 2)
        idf = vec.idf_
        n_sparse = xs.shape[1]
        vocab = {
            g: (float(idf[j]), float(coef[0, j]), float(coef[1, j]), float(coef[2, j]))
            for g, j in vec.vocabulary_.items()
        }
        dense_w = [
            (
                float(coef[0, n_sparse + k]),
                float(coef[1, n_sparse + k]),
                float(coef[2, n_sparse + k]),
            )
            for k in range(len(FEATURES))
        ]
        b = clf.intercept_
        return cls(
            version=version,
            vocab=vocab,
            dense_mean=[float(v) for v in mean],
            dense_scale=[float(v) for v in scale],
            dense_w=dense_w,
            bias=(float(b[0]), float(b[1]), float(b[2])),
        )

    # --- scoring --------------------------------------------------------------------------
    def proba(self, text: str, lex: Lexicon | None = None) -> tuple[float, float, float]:
        """(p_neg, p_neu, p_pos) for one text."""
        return self.proba_features(text, analyse(text, lex or swedish()))

    def proba_features(self, text: str, feats: Sequence[float]) -> tuple[float, float, float]:
        vocab = self.vocab
        counts = Counter(grams(text))
        s0 = s1 = s2 = 0.0
        norm = 0.0
        for g, c in counts.items():
            e = vocab.get(g)
            if e is None:
                continue
            tf = (1.0 + math.log(c)) * e[0]
            norm += tf * tf
            s0 += tf * e[1]
            s1 += tf * e[2]
            s2 += tf * e[3]
        if norm:
            inv = 1.0 / math.sqrt(norm)
            s0, s1, s2 = s0 * inv, s1 * inv, s2 * inv
        b = self.bias
        s0 += b[0]
        s1 += b[1]
        s2 += b[2]
        for f, m, sc, w in zip(feats, self.dense_mean, self.dense_scale, self.dense_w, strict=True):
            z = (f - m) / sc
            s0 += z * w[0]
            s1 += z * w[1]
            s2 += z * w[2]
        top = max(s0, s1, s2)
        e0, e1, e2 = math.exp(s0 - top), math.exp(s1 - top), math.exp(s2 - top)
        t = e0 + e1 + e2
        return e0 / t, e1 / t, e2 / t

    # --- serialisation --------------------------------------------------------------------
    def dumps(self) -> bytes:
        doc = {
            "format": FORMAT,
            "version": self.version,
            "features": list(FEATURES),
            "vocab": {g: [round(v, 6) for v in e] for g, e in self.vocab.items()},
            "dense_mean": self.dense_mean,
            "dense_scale": self.dense_scale,
            "dense_w": self.dense_w,
            "bias": self.bias,
            "metrics": self.metrics,
        }
        return zlib.compress(json.dumps(doc, ensure_ascii=False).encode("utf-8"), 6)

    @classmethod
    def loads(cls, blob: bytes) -> Model:
        """Read a blob written by dumps(); a blob from an incompatible koll raises ValueError."""
        try:
            doc = json.loads(zlib.decompress(blob).decode("utf-8"))
        except (zlib.error, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise ValueError(f"not a koll sentiment model blob: {e}") from None
        if doc.get("format") != FORMAT or doc.get("features") != list(FEATURES):
            raise ValueError(
                f"sentiment model {doc.get('version')!r} was written by another koll version "
                "(its features differ); retrain it with `koll train`"
            )
        return cls(
            version=doc["version"],
            vocab={g: tuple(e) for g, e in doc["vocab"].items()},
            dense_mean=doc["dense_mean"],
            dense_scale=doc["dense_scale"],
            dense_w=[tuple(w) for w in doc["dense_w"]],
            bias=tuple(doc["bias"]),
            metrics=doc.get("metrics"),
        )
