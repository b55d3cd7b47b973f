"""ABSAbank-Imm in training: its dev split stays unseen, and a fold of its train split can be
held out (by whole article) to tune on instead of the dev split."""

from __future__ import annotations

import csv

from analysis import sentiment
from analysis.resources import data_path
from analysis.sentiment_eval import absa_fold


def _article(pid: str) -> str:
    return pid.rsplit("_", 1)[0]


def test_dev_split_shares_no_article_or_paragraph_with_training():
    with data_path("eval", "absabank-imm_dev.tsv").open(encoding="utf-8", newline="") as fh:
        dev = list(csv.DictReader(fh, delimiter="\t"))
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
