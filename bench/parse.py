"""Benchmark: koll's parse() (expat fast path, feedparser fallback) vs bare feedparser.parse.

Run `python -m bench.parse`; both parse every document of the real feed corpus
(tests/fixtures/feeds/real) in alternating whole passes on one core, and the JSON line printed last
gives entries/s for each, how many documents the fast path took, and the fast path's own rate on
the documents it takes. `--reasons` also prints why the fast path declined the others.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import time
from datetime import UTC, datetime
from pathlib import Path

import feedparser

from ingest.fastparse import Unsupported, parse_fast
from ingest.parse import FeedError, check_document, parse, repair_encoding

REAL = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "feeds" / "real"
NOW = datetime(2026, 11, 20, tzinfo=UTC)


def _corpus() -> list[tuple[str, bytes]]:
    files = sorted(f for f in REAL.iterdir() if f.suffix not in (".json", ".md"))
    return [("https://flode.exempel.se/" + f.name, f.read_bytes()) for f in files]


def _koll(docs: list[tuple[str, bytes]]) -> int:
    n = 0
    for url, body in docs:
        with contextlib.suppress(FeedError):
            n += len(parse(body, feed_url=url, now=NOW).items)
    return n


def _feedparser(docs: list[tuple[str, bytes]]) -> int:
    n = 0
    for url, body in docs:
        d = feedparser.parse(
            body,
            response_headers={"content-location": url},
            sanitize_html=False,
            resolve_relative_uris=True,
        )
        n += len(d.entries)
    return n


def _reasons(docs: list[tuple[str, bytes]]) -> tuple[list[tuple[str, bytes]], collections.Counter]:
    """The documents the fast path takes, and a histogram of why it declines the rest."""
    taken, why = [], collections.Counter()
    for url, body in docs:
        try:
            check_document(body)
            raw = parse_fast(repair_encoding(body, None)[0], base=url)
        except FeedError:
            why["FeedError (refused before parsing)"] += 1
            continue
        except Unsupported as e:
            reason = str(e)
            why[reason.split(":")[0] if reason.startswith("not well-formed") else reason] += 1
            continue
        if raw.entries:
            taken.append((url, body))
        else:
            why["no entries"] += 1
    return taken, why


def _timed(fn, docs, seconds: float) -> tuple[int, float]:
    entries, spent = 0, 0.0
    while spent < seconds:
        t = time.perf_counter()
        entries += fn(docs)
        spent += time.perf_counter() - t
    return entries, spent


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=3.0, help="minimum time per measurement")
    ap.add_argument("--reasons", action="store_true", help="print why documents are declined")
    args = ap.parse_args(argv)
    docs = _corpus()
    taken, why = _reasons(docs)
    if args.reasons:
        for reason, n in why.most_common():
            print(f"declined {n:3d}  {reason}")
    k_entries, k_sec = _timed(_koll, docs, args.seconds)
    f_entries, f_sec = _timed(_feedparser, docs, args.seconds)
    kt_entries, kt_sec = _timed(_koll, taken, args.seconds)
    ft_entries, ft_sec = _timed(_feedparser, taken, args.seconds)
    result = {
        "documents": len(docs),
        "fast_path_documents": len(taken),
        "koll_entries_per_s": round(k_entries / k_sec),
        "feedparser_entries_per_s": round(f_entries / f_sec),
        "speedup_whole_corpus": round((k_entries / k_sec) / (f_entries / f_sec), 2),
        "fast_docs_koll_entries_per_s": round(kt_entries / kt_sec),
        "fast_docs_feedparser_entries_per_s": round(ft_entries / ft_sec),
        "speedup_fast_docs": round((kt_entries / kt_sec) / (ft_entries / ft_sec), 2),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
