"""Benchmark: sentiment throughput of koll vs vaderSentiment-swedish, short and blog-length texts.

Run `python -m bench.sentiment`; prints one line per measurement and a JSON summary last. Both
tools score the same texts on one core in the same process; koll includes language detection.
Short texts are the shipped dev set (social posts and comments); blog-length texts join six
ABSAbank-Imm dev paragraphs each (about 2,000 characters).

It also measures what `koll ingest`'s worker processes do per new item (ingest.work.score_job:
language, sentiment, brand matching and brand-targeted sentiment) on the items of the documents
bench/ingest.py serves and on the real feed corpus in tests/fixtures/feeds/real, as items/s
(best of a few passes, CPU time of this process).

`compiled` in the summary lists the scoring modules running compiled (setup.py, mypyc; empty
when the install could not compile them or KOLL_PURE_PYTHON=1 is set): quote it with a rate.

The machine's load average is in the summary (`load_1min`): the absolute rates move with it,
the koll/VADER ratios much less (both tools run in alternating passes), so quote a ratio with
the load it was measured at.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path

from analysis import native, sentiment
from analysis.resources import data_path


def _short() -> list[str]:
    with data_path("sentiment", "dev_sv.csv").open(encoding="utf-8", newline="") as fh:
        return [r["text"] for r in csv.DictReader(fh)]


def _blogs() -> list[str]:
    with data_path("eval", "absabank-imm_dev.tsv").open(encoding="utf-8", newline="") as fh:
        paras = [r["text"] for r in csv.DictReader(fh, **sentiment.TSV)]
    return [" ".join(paras[i : i + 6]) for i in range(0, len(paras) - 5, 6)]


def _rates(fns: dict, texts: list[str], seconds: float) -> dict[str, float]:
    """Texts per second for each function, measured in alternating whole passes over `texts`.

    Alternating passes expose both tools to the same machine load (other processes come and go),
    so their ratio is fair even when the absolute numbers wobble.
    """
    spent = dict.fromkeys(fns, 0.0)
    done = 0
    while min(spent.values()) < seconds:
        for name, fn in fns.items():
            start = time.perf_counter()
            for t in texts:
                fn(t)
            spent[name] += time.perf_counter() - start
        done += len(texts)
    return {name: done / spent[name] for name in fns}


def _feed_items() -> tuple[list, list]:
    """(bench items, real-corpus items): parsed Items of bench/ingest.py's documents and of the
    real feed corpus."""
    from bench.ingest import make_feed
    from ingest.parse import FeedError, parse

    now = datetime(2026, 11, 1, tzinfo=UTC)
    bench = [
        it
        for i in range(100)
        for it in parse(make_feed(i, 30, "127.0.0.1"), feed_url="http://b.test/f", now=now).items
    ]
    real = []
    corpus = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "feeds" / "real"
    for path in sorted(corpus.glob("*")):
        if path.suffix == ".json":
            continue
        try:
            real += parse(path.read_bytes(), feed_url="http://r.test/f", now=now).items
        except FeedError:
            continue
    return bench, real


def _score_job_rates(passes: int) -> dict[str, float]:
    """Items/s of ingest.work.score_job on bench and real-corpus items (best of `passes`)."""
    from analysis.brands import Brand
    from ingest import work

    bench, real = _feed_items()
    out: dict[str, float] = {}
    for name, items, brands in (
        ("bench", bench, (Brand("Fjällkraft"),)),
        ("real", real, (Brand("Fjällkraft"), Brand("Apple", aliases=("iPhone",)), Brand("Google"))),
    ):
        work.init(brands)
        work.score_job(items[:100], None)  # warm the per-word caches
        best = float("inf")
        for _ in range(passes):
            start = time.process_time()
            work.score_job(items, None)
            best = min(best, time.process_time() - start)
        out[f"score_job_{name}_items"] = len(items)
        out[f"score_job_{name}_per_s"] = round(len(items) / best)
        print(f"score_job {name:6s}{len(items) / best:10.1f} items/s", flush=True)
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(prog="python -m bench.sentiment", description=__doc__)
    ap.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    ap.add_argument("--passes", type=int, default=3, help="passes per score_job measurement")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    sentiment.current_model()  # trains the shipped model
    train_s = time.perf_counter() - t0
    short, blogs = _short(), _blogs()
    out: dict = {
        "bench": "sentiment",
        "model": sentiment.current_version(),
        "compiled": native.compiled(),
        "train_seconds": round(train_s, 2),
        "short_texts": len(short),
        "short_mean_chars": round(sum(map(len, short)) / len(short)),
        "blog_texts": len(blogs),
        "blog_mean_chars": round(sum(map(len, blogs)) / len(blogs)),
    }
    fns = {"koll": sentiment.classify}
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        out["vader"] = "not installed"
    else:
        fns["vader"] = SentimentIntensityAnalyzer().polarity_scores
    # One warm-up pass each (koll memoises per-word look-ups, VADER builds nothing lazily).
    for fn in fns.values():
        for t in short + blogs:
            fn(t)
    for kind, texts in (("short", short), ("blog", blogs)):
        for name, rate in _rates(fns, texts, args.seconds).items():
            out[f"{name}_{kind}_per_s"] = round(rate, 1 if kind == "blog" else None)
            print(f"{name:6s}{kind:6s}{rate:10.1f} texts/s", flush=True)
        if "vader" in fns:
            out[f"ratio_{kind}"] = round(out[f"koll_{kind}_per_s"] / out[f"vader_{kind}_per_s"], 2)
    out.update(_score_job_rates(args.passes))
    out["load_1min"] = round(os.getloadavg()[0], 2)
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
