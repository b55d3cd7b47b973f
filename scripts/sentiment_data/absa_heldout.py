#!/usr/bin/env python3
"""Measure a training setting on a held-out part of ABSAbank-Imm train, not on its dev split.

ABSAbank-Imm dev is the reported figure (`koll eval sentiment data/eval/absabank-imm_dev.tsv`),
so settings that move it (ABSA_WEIGHT, the paragraphs' weights, REGULARISATION_C) are compared
here instead: the model is trained as train_model() does, but without the articles of one fold
of ABSAbank-Imm train (sentiment_eval.absa_fold: a whole editorial or thread stays on one side),
and scored on them. The two dev sets show what the setting costs the social posts. One run
trains once (several minutes on a busy 2-core machine). Prints one JSON line.

Usage (repo root): python scripts/sentiment_data/absa_heldout.py [--fold 0] [--folds 4]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from analysis import sentiment  # noqa: E402
from analysis.sentiment_eval import absa_fold, absa_label, report, spearman  # noqa: E402


def held_out(description: str) -> tuple[int, int]:
    """(fold, folds) from the command line: the fold of ABSAbank-Imm train held out."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--fold", type=int, default=0, help="the fold held out (default 0)")
    ap.add_argument("--folds", type=int, default=4, help="number of folds (default 4)")
    args = ap.parse_args()
    return args.fold, args.folds


def held_out_rows(held: tuple[int, int]) -> list[dict]:
    """The rows of ABSAbank-Imm train in the fold held out."""
    fold, folds = held
    return [r for r in sentiment.absa_train_rows() if absa_fold(r["id"], folds) == fold]


def main() -> None:
    held = held_out(__doc__.split("\n")[0])
    t0 = time.perf_counter()
    version = f"sv-absa-heldout-{held[0]}of{held[1]}"  # not the shipped model's name
    sentiment.set_model(sentiment.train_model(version=version, absa_leave_out=held))
    rows = held_out_rows(held)
    means = [float(r["label"]) for r in rows]
    got = [sentiment.classify(r["text"], lang="sv") for r in rows]
    out = {
        "fold": f"{held[0]}/{held[1]}",
        "heldout_n": len(rows),
        "heldout_spearman": spearman([g.score or 0.0 for g in got], means),
        "heldout_macro_f1": report([absa_label(m) for m in means], [g.label for g in got])[
            "macro_f1"
        ],
    }
    for name, parts in (("social_dev", sentiment.SOCIAL_DEV_FILE), ("dev", sentiment.DEV_FILE)):
        texts, labels = sentiment.shipped_training_data(parts)
        out[name + "_macro_f1"] = report(labels, [sentiment.classify(t).label for t in texts])[
            "macro_f1"
        ]
    out["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
