"""The learned part of Swedish sentiment: logistic regression over n-grams and lexicon features.

scikit-learn fits the model; scoring then runs in plain Python over a dictionary of per-n-gram
weights, which for short texts is an order of magnitude faster than calling sklearn per text and
gives the same numbers. A model serialises to compressed JSON bytes (no pickle), so the blob in the
store's `models` table can be read back safely by any koll version that knows its format.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from analysis.sentiment_lexicon import FEATURES, Lexicon, analyse, swedish, tokenize

LABELS = ("neg", "neu", "pos")
FORMAT = 1


def word_grams(tok: str) -> list[str]:
    """Sparse features of one lower-cased token: the word itself and its character 3–5-grams.

    Character n-grams inside word boundaries carry inflection and compounds (`kundtjänstkaoset`
    shares `kaos`).
    """
    out = ["w:" + tok]
    if len(tok) >= 3 and not tok.isdigit() and tok[0].isalnum():
        w = " " + tok + " "
        n = len(w)
        for k in (3, 4, 5):
            out += [w[i : i + k] for i in range(n - k + 1)]
    return out


def tokens(text: str) -> list[str]:
    """Lower-cased tokens (words, emoticons, punctuation runs, emoji) as the lexicon scorer sees them."""
    return tokenize(text).lows


def grams(text: str) -> list[str]:
    """All sparse features of a text: every token's word_grams() plus word bigrams (`inte bra`)."""
    toks = tokens(text)
    out = [g for t in toks for g in word_grams(t)]
    out += ["\tb:" + a + " " + b for a, b in zip(toks, toks[1:], strict=False)]
    return out


def _norm2(text: str, idf: dict[str, float]) -> float:
    """Σ over the text's grams in the vocabulary of idf², counting each occurrence."""
    total = 0.0
    for g in grams(text):
        v = idf.get(g)
        if v is not None:
            total += v * v
    return total


# The scoring tables _prepare() derives: (bias, per-feature weights, first word -> next word ->
# bigram weights with idf folded in).
_Fast = tuple[
    tuple[float, ...],
    tuple[tuple[float, float, float], ...],
    dict[str, dict[str, tuple[float, float, float, float]]],
]


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
    _cache: dict = field(default_factory=dict, repr=False, compare=False)
    _fast: _Fast | None = field(default=None, repr=False, compare=False)

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
        dense_boost: float = 1.0,
    ) -> Model:
        """Fit on labelled texts (labels pos/neu/neg); deterministic for the same input."""
        import numpy as np
        from scipy import sparse
        from sklearn.linear_model import LogisticRegression
        from threadpoolctl import threadpool_limits

        vec, xs = _sparse_features(texts)
        mean, scale, xd = _dense_features(texts, lex or swedish(), dense_boost)
        x = sparse.hstack([xs, sparse.csr_matrix(xd)]).tocsr()
        y = np.array([LABELS.index(lb) for lb in labels])
        clf = LogisticRegression(C=c, max_iter=500, tol=1e-3, class_weight="balanced")
        # One BLAS thread: on a busy machine more threads make this small fit many times slower.
        with threadpool_limits(limits=1):
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
    def _word(self, tok: str) -> tuple:
        """(Σ idf·w_neg, Σ idf·w_neu, Σ idf·w_pos, Σ idf², bigrams starting with it) for a token.

        Sums run over the token's grams; the last item maps a next word to its bigram's
        weights (None when no bigram starts with the token). Memoised, so scoring costs one
        look-up per token.
        """
        cache = self._cache
        e = cache.get(tok)
        if e is None:
            fast = self._fast or self._prepare()
            c0 = c1 = c2 = q = 0.0
            vocab = self.vocab
            for g in word_grams(tok):
                v = vocab.get(g)
                if v is not None:
                    c0 += v[0] * v[1]
                    c1 += v[0] * v[2]
                    c2 += v[0] * v[3]
                    q += v[0] * v[0]
            if len(cache) > 300_000:
                cache.clear()
            e = cache[tok] = (c0, c1, c2, q, fast[2].get(tok))
        return e

    def proba(self, text: str, lex: Lexicon | None = None) -> tuple[float, float, float]:
        """(p_neg, p_neu, p_pos) for one text."""
        return self.proba_features(text, analyse(text, lex or swedish()))

    def proba_features(self, text: str, feats: Sequence[float]) -> tuple[float, float, float]:
        return self.proba_tokens(tokens(text), feats)

    def _prepare(self) -> _Fast:
        """Fold the dense scaling into weights and bias, and index bigrams by their first word."""
        bias = list(self.bias)
        dense = []
        for m, sc, w in zip(self.dense_mean, self.dense_scale, self.dense_w, strict=True):
            ws = (w[0] / sc, w[1] / sc, w[2] / sc)
            dense.append(ws)
            bias = [bias[k] - m * ws[k] for k in range(3)]
        bigrams: dict[str, dict[str, tuple[float, float, float, float]]] = {}
        for g, (idf, w0, w1, w2) in self.vocab.items():
            if g.startswith("\tb:"):
                a, b = g[3:].split(" ", 1)
                bigrams.setdefault(a, {})[b] = (idf * w0, idf * w1, idf * w2, idf * idf)
        self._fast = (tuple(bias), tuple(dense), bigrams)
        return self._fast

    def proba_tokens(
        self, toks: Sequence[str], feats: Sequence[float]
    ) -> tuple[float, float, float]:
        """(p_neg, p_neu, p_pos) from lower-cased tokens and the lexicon features."""
        bias, dense, _ = self._fast or self._prepare()
        cache = self._cache
        word = self._word
        s0, s1, s2 = bias
        n0 = n1 = n2 = norm = 0.0
        prev = None
        for t in toks:
            c0, c1, c2, q, nxt = cache.get(t) or word(t)
            n0 += c0
            n1 += c1
            n2 += c2
            norm += q
            if prev is not None:
                v = prev.get(t)
                if v is not None:
                    n0 += v[0]
                    n1 += v[1]
                    n2 += v[2]
                    norm += v[3]
            prev = nxt
        if norm:
            inv = 1.0 / math.sqrt(norm)
            s0 += n0 * inv
            s1 += n1 * inv
            s2 += n2 * inv
        for k, f in enumerate(feats):
            if f:
                w = dense[k]
                s0 += f * w[0]
                s1 += f * w[1]
                s2 += f * w[2]
        top = max(s0, s1, s2)
        e0, e1, e2 = math.exp(s0 - top), math.exp(s1 - top), math.exp(s2 - top)
        total = e0 + e1 + e2
        return e0 / total, e1 / total, e2 / total

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


def _sparse_features(texts: Sequence[str]) -> tuple:
    """(fitted vectorizer, matrix) of the texts' n-grams for Model.train."""
    import numpy as np
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer

    # Raw counts times idf, divided by the per-text norm that scoring can compute word by
    # word (see _norm2): sums of per-word squares, without cross-word overlap terms.
    vec = TfidfVectorizer(analyzer=grams, norm=None, min_df=2, dtype=np.float64)
    xs = vec.fit_transform(texts)
    idf_of = {g: float(vec.idf_[j]) for g, j in vec.vocabulary_.items()}
    norms = np.array([math.sqrt(_norm2(t, idf_of)) or 1.0 for t in texts])
    return vec, sparse.diags(1.0 / norms) @ xs


def _dense_features(texts: Sequence[str], lex: Lexicon, dense_boost: float) -> tuple:
    """(mean, scale, standardised matrix) of the texts' lexicon features for Model.train."""
    import numpy as np

    dense = np.array([analyse(t, lex) for t in texts], dtype=np.float64)
    mean = dense.mean(axis=0)
    scale = dense.std(axis=0)
    scale[scale == 0] = 1.0
    # A larger dense_boost lets the lexicon features carry more weight under the same
    # regularisation; it is folded into the stored scale, so scoring is unchanged.
    scale = scale / dense_boost
    return mean, scale, (dense - mean) / scale
