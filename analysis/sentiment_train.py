"""Fitting the learned Swedish sentiment model: the design matrix, the logistic regression and
the calibration of its probabilities. Scoring lives in analysis/sentiment_model.py.

The design matrix is built the way the scorer reads a text: each token's grams (word and
character 3–5-grams, see word_grams) and word bigrams, counted, times idf, divided by the
root of Σ count·idf² over the text's grams, plus the lexicon features. Grams are worked out
once per distinct token and the counts multiplied out as sparse matrices, which is many times
faster than a vectoriser calling Python per text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from analysis.sentiment_lexicon import Lexicon, analyse, tokenize

MIN_DF = 2  # a gram must occur in two texts to enter the vocabulary


def design(texts: Sequence[str], lex: Lexicon, word_grams, model_tokens):
    """(sparse gram matrix normalised as the scorer does, gram names, idf, dense features)."""
    import numpy as np
    from scipy import sparse

    tok_id: dict[str, int] = {}
    big_id: dict[str, int] = {}
    d_rows, d_cols, b_rows, b_cols = [], [], [], []
    dense = np.empty((len(texts), 0))
    feats = []
    for i, text in enumerate(texts):
        toks = tokenize(text)
        feats.append(analyse(text, lex, toks))
        lows = model_tokens(toks)
        for t in lows:
            d_rows.append(i)
            d_cols.append(tok_id.setdefault(t, len(tok_id)))
        for a, b in zip(lows, lows[1:], strict=False):
            b_rows.append(i)
            b_cols.append(big_id.setdefault(a + " " + b, len(big_id)))
    dense = np.asarray(feats, dtype=np.float64)
    gram_id: dict[str, int] = {}
    t_rows, t_cols = [], []
    for t, k in tok_id.items():
        for g in word_grams(t):
            t_rows.append(k)
            t_cols.append(gram_id.setdefault(g, len(gram_id)))
    n = len(texts)
    ones = np.ones

    def counts(rows, cols, shape):
        return sparse.csr_matrix((ones(len(rows)), (rows, cols)), shape=shape)

    per_token = counts(t_rows, t_cols, (len(tok_id), len(gram_id)))
    x = sparse.hstack(
        [
            counts(d_rows, d_cols, (n, len(tok_id))) @ per_token,
            counts(b_rows, b_cols, (n, len(big_id))),
        ]
    ).tocsc()
    names = list(gram_id) + ["\tb:" + b for b in big_id]
    df = np.diff(x.indptr)  # csc: non-zeros per column = texts containing the gram
    keep = np.flatnonzero(df >= MIN_DF)
    x = x[:, keep].tocsr()
    names = [names[j] for j in keep]
    idf = np.log((1 + n) / (1 + df[keep])) + 1.0  # scikit-learn's smoothed idf
    norms = np.sqrt(x @ (idf * idf))
    norms[norms == 0] = 1.0
    x = sparse.diags(1.0 / norms) @ x @ sparse.diags(idf)
    return x.tocsr(), names, idf, dense


def fit(x, y, weights, c: float):
    """Multinomial logistic regression, balanced classes, on one BLAS thread."""
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    # Fitted to convergence: stopped early (tol 1e-3, ~150 iterations) the result moved by up to
    # 0.03 macro-F1 on the dev sets between neighbouring settings, too noisy to tune on.
    clf = LogisticRegression(C=c, max_iter=3000, tol=1e-5, class_weight="balanced")
    # One BLAS thread: on a busy machine more threads make this small fit many times slower.
    with threadpool_limits(limits=1):
        clf.fit(x, y, sample_weight=weights)
    return clf


def temperature(logits, y, weights=None) -> tuple[float, list[float]]:
    """Temperature and per-class offsets that minimise the log loss of softmax(logits / T + b)
    on held-out texts: the model's confidence then means what it says (see sentiment.py)."""
    import numpy as np
    from scipy.optimize import minimize

    z = np.asarray(logits, dtype=np.float64)
    yy = np.asarray(y)
    w = np.ones(len(yy)) if weights is None else np.asarray(weights, dtype=np.float64)

    def loss(p):
        s = z / math.exp(p[0]) + np.array([p[1], 0.0, p[2]])
        s -= s.max(axis=1, keepdims=True)
        logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
        return -(w * logp[np.arange(len(yy)), yy]).sum() / w.sum()

    res = minimize(loss, np.zeros(3), method="Nelder-Mead", options={"xatol": 1e-4, "fatol": 1e-6})
    t = math.exp(res.x[0])
    return t, [float(res.x[1]), 0.0, float(res.x[2])]
