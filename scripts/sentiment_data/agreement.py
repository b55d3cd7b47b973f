"""How far a second reader agrees with a probe's writer, and how koll does against each: the
ceiling koll's brand-level tone is measured against (scripts/sentiment_data/probes/README.md).

Usage (repo root): python scripts/sentiment_data/agreement.py NUMBER [NUMBER ...]
reads probes/probeNUMBER_sv.csv (the writer's labels) and probes/secondNUMBER_sv.csv (a second
reader's labels of the same rows: group, brand, label) and prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from analysis.sentiment_brand_eval import classify_targets  # noqa: E402
from analysis.sentiment_model import LABELS  # noqa: E402
from koll.cli._sentiment_io import InputError, read_labels  # noqa: E402

PROBES = ROOT / "scripts" / "sentiment_data" / "probes"


def kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa of two readers' labels of the same rows: agreement beyond chance."""
    n = len(a)
    seen = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    chance = sum(ca[k] * cb[k] for k in LABELS) / (n * n)
    return (seen - chance) / (1 - chance) if chance < 1 else 1.0


def agreement(writer: list[str], second: list[str], koll: list[str | None]) -> dict:
    """The counts and shares: the two readers' agreement (and kappa), koll's against each, and
    koll's on the rows the two readers agree on."""
    both = [i for i, (w, s) in enumerate(zip(writer, second, strict=True)) if w == s]
    n = len(writer)
    return {
        "rows": n,
        "readers_agree": len(both),
        "readers_share": round(len(both) / n, 4),
        "readers_kappa": round(kappa(writer, second), 4),
        "koll_writer": sum(k == w for k, w in zip(koll, writer, strict=True)),
        "koll_second": sum(k == s for k, s in zip(koll, second, strict=True)),
        "koll_on_agreed": sum(koll[i] == writer[i] for i in both),
    }


def measure(numbers: list[int], probes: Path = PROBES) -> dict:
    """agreement() over the probes named, koll's labels from classify_for_brand."""
    writer: list[str] = []
    second: list[str] = []
    koll: list[str | None] = []  # None: not scored (counted wrong, as score_targets does)
    for n in numbers:
        rows = read_labels(str(probes / f"probe{n}_sv.csv"), ("group", "text", "brand", "label"))
        path = probes / f"second{n}_sv.csv"
        other = read_labels(str(path), ("group", "brand", "label"))
        for lineno, (r, o) in enumerate(zip(rows, other, strict=False), start=2):
            if (r["group"], r["brand"]) != (o["group"], o["brand"]):
                raise ValueError(
                    f"{path}, line {lineno}: {o['group']},{o['brand']} where the probe has "
                    f"{r['group']},{r['brand']}"
                )
        if len(rows) != len(other):
            raise ValueError(f"{path}: {len(other)} rows, the probe {len(rows)}")
        writer += [r["label"] for r in rows]
        second += [o["label"] for o in other]
        koll += [s.label for s in classify_targets(rows)]
    if not writer:
        raise ValueError(f"no rows in the probes {', '.join(map(str, numbers))}")
    return {"probes": numbers, **agreement(writer, second, koll)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="example (repo root): python scripts/sentiment_data/agreement.py 48 49 50 51",
    )
    ap.add_argument("numbers", nargs="+", type=int, help="probe numbers with a second reading")
    args = ap.parse_args(argv)
    try:
        out = measure(args.numbers)
    except (InputError, ValueError) as e:
        print(f"agreement: {e}", file=sys.stderr)
        return 1
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
