"""ABSAbank-Imm in training: its dev split stays unseen, a fold of its train split can be held
out (by whole article) to tune on instead of the dev split, and the "lean" measured on such a
fold (scripts/sentiment_data/absa_heads.py) moves no label or confidence."""

from __future__ import annotations

import csv

from analysis import sentiment
from analysis.resources import data_path
from analysis.sentiment_eval import absa_fold
from tests.helpers import script


def _article(pid: str) -> str:
    return pid.rsplit("_", 1)[0]


def test_each_line_of_the_absabank_files_is_one_paragraph():
    """Quotes are text in these files: read with CSV's quoting, 38 train paragraphs had become
    9 (the others' ids and labels inside their text) and the dev split had lost one."""
    with data_path("eval", "absabank-imm_dev.tsv").open(encoding="utf-8", newline="") as fh:
        dev = list(csv.DictReader(fh, **sentiment.TSV))
    train = sentiment.absa_train_rows()
    for name, rows in (("absabank-imm_dev.tsv", dev), ("absabank-imm_train.tsv", train)):
        lines = data_path("eval", name).read_text(encoding="utf-8").count("\n")
        assert len(rows) == lines - 1  # a header and one line per paragraph
        assert not any("\t" in r["text"] or "\n" in r["text"] for r in rows)
        assert all(r["label"] for r in rows)


def test_dev_split_shares_no_article_or_paragraph_with_training():
    with data_path("eval", "absabank-imm_dev.tsv").open(encoding="utf-8", newline="") as fh:
        dev = list(csv.DictReader(fh, **sentiment.TSV))
    train = sentiment.absa_train_rows()
    assert len(dev) >= 400 and len(train) >= 3800
    assert {_article(r["id"]) for r in dev}.isdisjoint({_article(r["id"]) for r in train})
    assert {r["text"] for r in dev}.isdisjoint({r["text"] for r in train})


def test_a_held_out_fold_keeps_each_article_whole():
    rows = sentiment.absa_train_rows()
    fold = [absa_fold(r["id"], 4) for r in rows]
    folds: dict[str, set[int]] = {}
    for r, k in zip(rows, fold, strict=True):
        folds.setdefault(_article(r["id"]), set()).add(k)
    assert all(len(f) == 1 for f in folds.values())
    sizes = [fold.count(k) for k in range(4)]
    assert min(sizes) > len(rows) / 5  # four folds of roughly equal size
    kept, _ = sentiment._absa_train((1, 4))
    assert len(kept) == len(rows) - sizes[1]
    assert set(kept).isdisjoint(r["text"] for r, k in zip(rows, fold, strict=True) if k == 1)


def _absa_heads():
    return script("scripts/sentiment_data/absa_heads.py")


def test_a_lean_reorders_inside_a_label_without_moving_label_or_confidence():
    # docs/sentiment.md's "lean" figures rest on this: a head used as a lean changes no label and
    # no confidence (so no F1 or ECE), only where a text's score sits inside its label.
    lean = _absa_heads().lean
    cases = [(0.2, 0.5, 0.3), (0.1, 0.3, 0.6), (0.7, 0.2, 0.1), (0.35, 0.4, 0.25), (0.3, 0.3, 0.4)]
    cases += [(0.05, 0.9, 0.05), (0.45, 0.1, 0.45001)]
    for p in cases:
        base = sentiment._result(p, "sv", "-")
        scores = []
        for toward in (-1.0, -0.5, 0.0, 0.5, 1.0):
            q = lean(p, toward)
            got = sentiment._result(q, "sv", "-")
            assert abs(sum(q) - 1.0) < 1e-9 and min(q) >= 0.0
            assert (got.label, got.confidence) == (base.label, base.confidence), (p, toward, q)
            scores.append(q[2] - q[0])
        assert scores == sorted(scores) and scores[-1] - scores[0] > 0.01, (p, scores)
