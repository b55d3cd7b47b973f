"""Benchmark: brand matching as ingestion runs it, items/s of ingest.match.match_item.

    python -m bench.match [--passes 5] [--src DIR | --peer DIR]

Matches the items of bench/ingest.py's documents and of the real feed corpus
(tests/fixtures/feeds/real) against a set of brands with every kind of name (a plain name with
aliases and an exclusion, handles, capitals, names that are also words, a boolean query), best
of `passes` passes of CPU time. `--src DIR` runs the same measurement on another checkout's code
(for example `git archive main | tar -x -C DIR`); `--peer DIR` measures this checkout and DIR,
alternating, so before/after figures come from one run: only Brand, Matchers.build and
match_item are used, which every version has. Prints one JSON line last.
"""

from __future__ import annotations

import argparse
import inspect
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

BRANDS = [
    dict(
        name="Fjällkraft", aliases=("Fjällkraft AB", "@fjallkraft"), exclude=("Fjällkraftverket",)
    ),
    dict(name="Nordvind", aliases=("@nordvind",), exclude=("hård nordvind",)),
    dict(name="Vattenfall"),
    dict(name="SJ", aliases=("Statens järnvägar",)),
    dict(name="DN", aliases=("Dagens Nyheter",)),
    dict(name="Apple", aliases=("iPhone",)),
    dict(name="Google"),
    dict(name="Skanska"),
]
QUERY_BRAND = dict(name="Vindkraft", query='"lokal vindkraft" OR (Fjällkraft NEAR/5 vind*)')


def _items() -> list:
    from bench.sentiment import _feed_items

    bench, real = _feed_items()
    return bench + real


def measure(passes: int) -> dict:
    from analysis.brands import Brand
    from ingest.match import Matchers, match_item

    brands = [Brand(**b) for b in BRANDS]
    if "query" in inspect.signature(Brand).parameters:
        brands.append(Brand(**QUERY_BRAND))
    items = _items()
    m = Matchers.build(brands)
    for it in items[:200]:
        match_item(it, m)
    best = float("inf")
    found = 0
    for _ in range(passes):
        start = time.process_time()
        found = sum(len(match_item(it, m)) for it in items)
        best = min(best, time.process_time() - start)
    return {
        "items": len(items),
        "brands": len(brands),
        "mentions": found,
        "items_per_s": round(len(items) / best),
        "us_per_item_and_brand": round(best / len(items) / len(brands) * 1e6, 2),
    }


def measure_in(src: Path, passes: int) -> dict:
    """This file's measure(), run in a fresh interpreter with the other tree first on the path."""
    code = (
        "import importlib.util, json, sys\n"
        f"sys.path[:0] = [{str(src)!r}]\n"
        f"spec = importlib.util.spec_from_file_location('bench_match', {__file__!r})\n"
        "mod = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(mod)\n"
        f"print(json.dumps(mod.measure({passes})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=src
    ).stdout.splitlines()[-1]
    return {"src": str(src), **json.loads(out)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.match", description=__doc__)
    ap.add_argument("--passes", type=int, default=5)
    ap.add_argument("--src", type=Path, help="measure another checkout's code instead")
    ap.add_argument(
        "--peer", type=Path, help="also measure another checkout's code, alternating, in this run"
    )
    args = ap.parse_args(argv)
    if args.peer:
        # Alternate the two trees twice and keep each one's best, so that a burst of load on the
        # shared machine does not land on one side only.
        runs = [measure_in(t, args.passes) for _ in range(2) for t in (REPO, args.peer)]
        this = max(runs[0::2], key=lambda r: r["items_per_s"])
        peer = max(runs[1::2], key=lambda r: r["items_per_s"])
        result = {
            **this,
            "peer": peer,
            "ratio_to_peer": round(this["items_per_s"] / peer["items_per_s"], 2),
        }
    elif args.src:
        result = measure_in(args.src, args.passes)
    else:
        result = {"src": str(REPO), **measure(args.passes)}
    print(json.dumps({"bench": "match", **result}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
