"""Fit the pair model (analysis/sentiment_pair.py) on the probes the rules were written from and
write data/sentiment/brand_pair_sv.json; with --check, only say whether the shipped file is what
a fit gives now (the builtin model or the rules changed since: refit).

Usage (repo root): python scripts/sentiment_data/fit_pair.py [--check]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from analysis.sentiment import current_model  # noqa: E402
from analysis.sentiment_brand import RULES_REVISION, pair_features  # noqa: E402
from analysis.sentiment_brand_eval import _any_of, _finder  # noqa: E402
from analysis.sentiment_pair import FITTED_ON, PAIR_C, fit  # noqa: E402

PROBES = ROOT / "scripts" / "sentiment_data" / "probes"
OUT = ROOT / "data" / "sentiment" / "brand_pair_sv.json"


def training_rows(
    numbers=FITTED_ON, probes: Path | None = None
) -> tuple[list[list[float]], list[str]]:
    """(features, gold labels) of the brands of the probes' posts (a post names two) that the
    pair model is asked about: no rule of its own read them (sentiment_brand.pair_features)."""
    xs: list[list[float]] = []
    labels: list[str] = []
    for n in numbers:
        path = (probes or PROBES) / f"probe{n}_sv.csv"
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = {"group", "text", "brand", "label"} - set(reader.fieldnames or ())
            if missing:
                raise ValueError(f"{path}: no column {', '.join(sorted(missing))}")
            rows = list(reader)
        for lineno, r in enumerate(rows, start=2):
            if r.get("label") not in ("pos", "neu", "neg"):
                raise ValueError(f"{path}, line {lineno}: label {r.get('label')!r}")
            names = {x["brand"] for x in rows if x["group"] == r["group"]} - {r["brand"]}
            got = pair_features(
                r["text"], _finder(r["brand"]), _any_of([_finder(b) for b in sorted(names)])
            )
            if got is None:  # a rule's own reading, or a name not found as a word (a compound)
                continue
            xs.append(got)
            labels.append(r["label"])
    return xs, labels


def fitted() -> dict:
    """The pair model as fitted now, with what it was fitted on."""
    xs, labels = training_rows()
    out = fit(xs, labels, PAIR_C)
    out["fitted_on"] = {
        "probes": [f"probe{n}_sv.csv" for n in FITTED_ON],
        "rows": len(xs),
        "model": current_model().version,
        "rules_revision": RULES_REVISION,
        "c": PAIR_C,
    }
    return out


def _same(old: dict, new: dict) -> bool:
    """Whether two fits are one: the same inputs, and weights within 1e-4 (the fit's optimum is
    flat enough that BLAS kernels round it apart, as scripts/sentiment_data/train_model.py saw)."""
    if {k: v for k, v in old.items() if k not in ("coef", "intercept")} != {
        k: v for k, v in new.items() if k not in ("coef", "intercept")
    }:
        return False
    a = [w for ws in old["coef"] for w in ws] + old["intercept"]
    b = [w for ws in new["coef"] for w in ws] + new["intercept"]
    return len(a) == len(b) and all(abs(x - y) <= 1e-4 for x, y in zip(a, b, strict=True))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="example (repo root): python scripts/sentiment_data/fit_pair.py --check",
    )
    ap.add_argument("--check", action="store_true", help="compare with the shipped file only")
    args = ap.parse_args(argv)
    try:
        new = fitted()
    except (OSError, ValueError) as e:  # a probe missing, a column or a label wrong
        print(f"fit_pair: {e}", file=sys.stderr)
        return 1
    if args.check:
        same = _same(json.loads(OUT.read_text(encoding="utf-8")), new)
        print("brand_pair_sv.json is " + ("up to date" if same else "stale: refit it"))
        return 0 if same else 1
    OUT.write_text(json.dumps(new, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {new['fitted_on']['rows']} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
