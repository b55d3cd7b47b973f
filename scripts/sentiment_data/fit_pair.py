"""Fit the pair model (analysis/sentiment_pair.py) and its words model
(analysis/sentiment_pair_words.py) on the probes of sentiment_pair.FITTED_ON and write
data/sentiment/brand_pair_sv.json and brand_pair_words_sv.json; with --check, only say whether
the shipped files are what a fit gives now (the builtin model or the rules changed since: refit).
The tests compare the shipped file's digest of what it was fitted on (inputs_digest) instead.

Usage (repo root): python scripts/sentiment_data/fit_pair.py [--check]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from analysis import sentiment_pair_words as pair_words  # noqa: E402
from analysis.sentiment import current_model  # noqa: E402
from analysis.sentiment_brand import (  # noqa: E402
    RULES_REVISION,
    brand_sentences,
    pair_features,
)
from analysis.sentiment_brand_eval import parties  # noqa: E402
from analysis.sentiment_pair import FEATURES, FITTED_ON, PAIR_C, fit  # noqa: E402
from koll.cli._sentiment_io import InputError, read_labels  # noqa: E402

PROBES = ROOT / "scripts" / "sentiment_data" / "probes"
OUT = ROOT / "data" / "sentiment" / "brand_pair_sv.json"
WORDS_OUT = ROOT / "data" / "sentiment" / "brand_pair_words_sv.json"
# Weights of two fits within this are one fit: the optimum is flat enough that BLAS kernels round
# it apart (as scripts/sentiment_data/train_model.py saw), and the words model's weights are
# kept to four decimals, so one rounding step either way.
TOLERANCE = 2e-4
# The probes in this many folds, each fold's features taken with a words model fitted on the
# others: one fit without each probe (thirty-two) took nearly three minutes on the two-core
# development machine, four folds 27 seconds.
FOLDS = 4


def _probe_rows(numbers: Sequence[int], probes: Path | None) -> tuple[dict, dict, dict]:
    """Each probe's rows, the parties each row names (the brand, the others) and its masked
    text."""
    columns = ("group", "text", "brand", "label")
    rows = {n: read_labels(str((probes or PROBES) / f"probe{n}_sv.csv"), columns) for n in numbers}
    found = {n: parties(rows[n]) for n in numbers}
    texts = {
        n: [
            pair_words.masked(brand_sentences(r["text"]), *f)
            for r, f in zip(rows[n], found[n], strict=True)
        ]
        for n in numbers
    }
    return rows, found, texts


# The pair features the words model gives: the digest leaves them out (they follow from the
# texts and labels it digests, and a fit's differ by the fold's words model).
_WORDS_AT = frozenset((FEATURES.index("words_neg"), FEATURES.index("words_pos")))
# A words model that reads every text as a third of each label, for inputs_digest's features.
_NO_WORDS = {"grams": {}, "intercept": [0.0, 0.0, 0.0]}


def inputs_digest(numbers=FITTED_ON, probes: Path | None = None) -> str:
    """One hash of everything a fit is made from (_digest), read from the probes without
    fitting: the tests compare it with the shipped file's, which took 65 s of the two-core
    machine where fitting again took 191 s (fitted on 125 probes)."""
    rows, found, texts = _probe_rows(numbers, probes)
    features = {
        n: [
            pair_features(r["text"], mentions, others, words_model=_NO_WORDS)
            for r, (mentions, others) in zip(rows[n], found[n], strict=True)
        ]
        for n in numbers
    }
    return _digest(numbers, rows, texts, features)


def _digest(numbers: Sequence[int], rows: dict, texts: dict, features: dict) -> str:
    """One hash of each row's label, the n-grams of its masked text, its pair features but the
    words model's (None where the model is not asked), and the settings of both fits. Both fits
    are deterministic in these (to TOLERANCE), so a shipped file whose digest is today's is what
    a fit gives now."""
    h = hashlib.sha256()
    settings = (
        list(numbers), pair_words.NGRAMS, pair_words.SCOPED_NGRAMS, pair_words.MIN_TEXTS,
        pair_words.WORDS_C, pair_words.DECIMALS, FOLDS, PAIR_C, sorted(pair_words._FRAME),
    )  # fmt: skip
    h.update(json.dumps(settings, ensure_ascii=False).encode())
    for n in numbers:
        for r, text, got in zip(rows[n], texts[n], features[n], strict=True):
            line = [r["label"], sorted(pair_words.grams(text).items())]
            # Six decimals: compiled and pure-Python scoring may differ in the last bits.
            kept = None if got is None else [x for i, x in enumerate(got) if i not in _WORDS_AT]
            line.append(None if kept is None else [round(x, 6) for x in kept])
            h.update(json.dumps(line, ensure_ascii=False).encode() + b"\n")
    return h.hexdigest()


def training_rows(
    numbers=FITTED_ON, probes: Path | None = None
) -> tuple[list[list[float]], list[str], dict, str]:
    """(features, gold labels) of the brands of the probes' posts (a post names two) that the
    pair model is asked about (no reading of the rules' stands: sentiment_brand.pair_features),
    the words model fitted on all of them, and the digest of what they are made from (_digest).
    Each probe's features take a words model fitted without it (FOLDS): one fitted on the text
    itself would be surer of it than of any new post, and the pair model would learn to trust
    it too much. A probe's other brands are the other configured parties, as koll eval reads it
    (sentiment_brand_eval.parties)."""
    rows, found, texts = _probe_rows(numbers, probes)

    def words_fit(without: Sequence[int]) -> dict:
        keep = [n for n in numbers if n not in without]
        return pair_words.fit(
            [t for n in keep for t in texts[n]], [r["label"] for n in keep for r in rows[n]]
        )

    features: dict[int, list[list[float] | None]] = {}
    folds = [numbers[i::FOLDS] for i in range(min(FOLDS, len(numbers)))]
    for fold in folds:
        words = words_fit(fold)
        for n in fold:
            features[n] = [
                pair_features(r["text"], mentions, others, words_model=words)
                for r, (mentions, others) in zip(rows[n], found[n], strict=True)
            ]
    # In the folds' order, as fitted on; None: a reading of the rules' stands, or a name not
    # found as a word.
    pairs = [
        (got, r["label"])
        for fold in folds
        for n in fold
        for r, got in zip(rows[n], features[n], strict=True)
        if got is not None
    ]
    full = words_fit(())
    full["fitted_on"] = {"rows": sum(len(rows[n]) for n in numbers)}
    return (
        [x for x, _ in pairs],
        [y for _, y in pairs],
        full,
        _digest(numbers, rows, texts, features),
    )


def fitted() -> tuple[dict, dict]:
    """The pair model and its words model as fitted now, with what they were fitted on."""
    xs, labels, words, digest = training_rows()
    out = fit(xs, labels, PAIR_C)
    on = {
        "probes": [f"probe{n}_sv.csv" for n in FITTED_ON],
        "model": current_model().version,
        "rules_revision": RULES_REVISION,
    }
    out["fitted_on"] = on | {"rows": len(xs), "c": PAIR_C, "inputs": digest}
    words["fitted_on"] = on | words["fitted_on"] | {"c": pair_words.WORDS_C}
    return out, words


def _close(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= TOLERANCE for x, y in zip(a, b, strict=True))


def _same(old: dict, new: dict) -> bool:
    """Whether two fits of the pair model are one: the same inputs, weights within TOLERANCE."""
    if {k: v for k, v in old.items() if k not in ("coef", "intercept")} != {
        k: v for k, v in new.items() if k not in ("coef", "intercept")
    }:
        return False
    return _close(
        [w for ws in old["coef"] for w in ws] + old["intercept"],
        [w for ws in new["coef"] for w in ws] + new["intercept"],
    )


def _same_words(old: dict, new: dict) -> bool:
    """Whether two fits of the words model are one: the same inputs and n-grams with the same
    idf, weights within TOLERANCE."""
    rest = ("grams", "intercept")
    if {k: v for k, v in old.items() if k not in rest} != {
        k: v for k, v in new.items() if k not in rest
    } or old["grams"].keys() != new["grams"].keys():
        return False
    if any(old["grams"][g][0] != new["grams"][g][0] for g in new["grams"]):
        return False
    return _close(
        [w for g in new["grams"] for w in old["grams"][g][1:]] + old["intercept"],
        [w for g in new["grams"] for w in new["grams"][g][1:]] + new["intercept"],
    )


def _words_json(words: dict) -> str:
    """The words model as JSON with one n-gram a line: readable, and a refit's diff shows which
    n-grams moved."""
    head = {k: v for k, v in words.items() if k != "grams"}
    lines = [
        json.dumps(g, ensure_ascii=False) + ": " + json.dumps(w) for g, w in words["grams"].items()
    ]
    body = json.dumps(head, indent=1, ensure_ascii=False)[:-2]
    return body + ',\n "grams": {\n' + ",\n".join(lines) + "\n }\n}\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="example (repo root): python scripts/sentiment_data/fit_pair.py --check",
    )
    ap.add_argument("--check", action="store_true", help="compare with the shipped files only")
    args = ap.parse_args(argv)
    try:
        new, words = fitted()
        if args.check:
            same = _same(json.loads(OUT.read_text(encoding="utf-8")), new)
            same_words = _same_words(json.loads(WORDS_OUT.read_text(encoding="utf-8")), words)
    except (InputError, OSError, ValueError) as e:  # a probe or shipped file missing or bad
        print(f"fit_pair: {e}", file=sys.stderr)
        return 1
    if args.check:
        for path, ok in ((OUT, same), (WORDS_OUT, same_words)):
            print(f"{path.name} is " + ("up to date" if ok else "stale: refit it"))
        return 0 if same and same_words else 1
    OUT.write_text(json.dumps(new, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    WORDS_OUT.write_text(_words_json(words), encoding="utf-8")
    print(
        f"wrote {OUT.relative_to(ROOT)}: {new['fitted_on']['rows']} rows; "
        f"{WORDS_OUT.relative_to(ROOT)}: {len(words['grams'])} n-grams of "
        f"{words['fitted_on']['rows']} rows"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
