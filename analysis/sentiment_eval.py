"""Evaluation metrics for three-class sentiment: accuracy, macro-F1, per-class F1, confusion, ρ,
calibration (expected calibration error and a reliability table) and the test-set leak check."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

CLASSES = ("pos", "neu", "neg")


def confusion(gold: Sequence[str], pred: Sequence[str | None]) -> dict[str, dict[str, int]]:
    """{gold: {predicted: count}}; an unscored prediction (None) is counted as 'none'."""
    table = {g: {p: 0 for p in (*CLASSES, "none")} for g in CLASSES}
    for g, p in zip(gold, pred, strict=True):
        table[g][p if p in CLASSES else "none"] += 1
    return table


def report(gold: Sequence[str], pred: Sequence[str | None]) -> dict:
    """accuracy, macro_f1 and per-class precision/recall/F1 over the three classes.

    macro_f1 averages the F1 of the classes in the gold labels or the predictions, listed in
    macro_f1_classes: a class in neither has no F1 to speak of, and counting it as 0 gave a
    file of pos and neg, all of them right, macro-F1 0.667.
    """
    n = len(gold)
    table = confusion(gold, pred)
    per: dict[str, dict[str, float]] = {}
    for c in CLASSES:
        tp = table[c][c]
        fp = sum(table[g][c] for g in CLASSES if g != c)
        fn = sum(table[c].values()) - tp
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[c] = {
            "precision": round(prec, 4),
            "recall": round(rec, 4),
            "f1": round(f1, 4),
            "support": tp + fn,
        }
    correct = sum(table[c][c] for c in CLASSES)
    present = [c for c in CLASSES if c in gold or c in pred]
    return {
        "n": n,
        "accuracy": round(correct / n, 4) if n else 0.0,
        "macro_f1": round(sum(per[c]["f1"] for c in present) / len(present), 4) if present else 0.0,
        "macro_f1_classes": present,
        "per_class": per,
        "confusion": table,
    }


def reliability(
    gold: Sequence[str], pred: Sequence[str | None], conf: Sequence[float | None], bins: int = 10
) -> dict:
    """Expected calibration error and its table: texts binned by confidence (0.1 wide), each bin's
    mean confidence against the share of its labels that are right. Unscored texts are left out."""
    rows = [(c, g == p) for g, p, c in zip(gold, pred, conf, strict=True) if c is not None]
    table = []
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, ok) for c, ok in rows if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if not inside:
            continue
        mean_conf = sum(c for c, _ in inside) / len(inside)
        acc = sum(ok for _, ok in inside) / len(inside)
        ece += len(inside) / len(rows) * abs(acc - mean_conf)
        table.append(
            {"bin": f"{lo:.1f}-{hi:.1f}", "n": len(inside), "confidence": round(mean_conf, 4),
             "accuracy": round(acc, 4)}
        )  # fmt: skip
    return {"ece": round(ece, 4), "table": table}


def _ranks(xs: Sequence[float]) -> list[float]:
    order = sorted(range(len(xs)), key=xs.__getitem__)
    ranks = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1  # ties share their mean rank
        i = j + 1
    return ranks


def spearman(a: Sequence[float], b: Sequence[float]) -> float | None:
    """Spearman's rank correlation (Pearson over tie-averaged ranks); None if undefined."""
    if len(a) < 2:
        return None
    ra, rb = _ranks(a), _ranks(b)
    n = len(a)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
    va = sum((x - ma) ** 2 for x in ra) ** 0.5
    vb = sum((y - mb) ** 2 for y in rb) ** 0.5
    return round(cov / (va * vb), 4) if va and vb else None


def absa_label(mean: float) -> str:
    """ABSAbank-Imm's 1..5 mean mapped to three classes: 1–2.5 neg, 2.5–3.5 neu, 3.5–5 pos.

    ValueError outside 1..5: a -1/0/1 label all came out neg, NaN neu and inf pos, silently.
    """
    if not 1 <= mean <= 5:  # NaN fails this too
        raise ValueError(f"expected a 1..5 mean, got {mean!r}")
    return "neg" if mean <= 2.5 else "pos" if mean >= 3.5 else "neu"


def absa_fold(paragraph_id: str, n: int) -> int:
    """Fold 0..n-1 of an ABSAbank-Imm paragraph, by its article (the id without the trailing
    `_N` paragraph number), so that no article is split between training and the held-out fold:
    paragraphs of one editorial share its vocabulary and stance."""
    article = paragraph_id.rsplit("_", 1)[0]
    return int(hashlib.sha1(article.encode("utf-8")).hexdigest(), 16) % n


def vader_label(compound: float) -> str:
    """VADER's usual cut-offs: compound ≥ 0.05 positive, ≤ −0.05 negative."""
    return "pos" if compound >= 0.05 else "neg" if compound <= -0.05 else "neu"


def _grams(text: str, n: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[^\W_]+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def leaking(train: Iterable[str], test: Sequence[str], n: int = 5) -> list[int]:
    """Indices of test texts that share a run of n words (lower case, punctuation and emoji
    ignored) with some training text, or whose words equal a whole training text's."""
    seen: set[tuple[str, ...]] = set()
    whole: set[tuple[str, ...]] = set()
    for t in train:
        seen |= _grams(t, n)
        whole.add(tuple(re.findall(r"[^\W_]+", t.lower())))
    out = []
    for i, t in enumerate(test):
        words = tuple(re.findall(r"[^\W_]+", t.lower()))
        if (words and words in whole) or not _grams(t, n).isdisjoint(seen):
            out.append(i)
    return out
