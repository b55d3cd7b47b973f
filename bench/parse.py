"""Benchmark: koll's parse() (expat fast path, feedparser fallback) vs bare feedparser.parse.

Run `python -m bench.parse`; both parse every document of the real feed corpus
(tests/fixtures/feeds/real) in alternating whole passes on one core. The JSON line printed last
gives entries/s for each (koll's parse() includes building the Items), how many documents the
fast path took, and the rates on those documents alone, including parse_fast by itself.
`--reasons` also prints why the fast path declined the others.
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
            data, ctype = _prepared(body)
            raw = parse_fast(data, base=url, content_type=ctype)
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


def _prepared(body: bytes) -> tuple[bytes, str | None]:
    """The bytes and Content-Type parse() hands the fast path (see ingest.parse.parse)."""
    return repair_encoding(body.lstrip(), None)


def _fast_only(docs: list[tuple[str, bytes]]) -> int:
    n = 0
    for url, body in docs:
        data, ctype = _prepared(body)
        n += len(parse_fast(data, base=url, content_type=ctype).entries)
    return n


def _rates(fns: dict, docs: list[tuple[str, bytes]], seconds: float) -> dict[str, float]:
    """Entries per second for each function, in alternating whole passes over `docs`.

    Alternating passes expose every contender to the same machine load (other processes come
    and go), so their ratios are fair even when the absolute numbers wobble.
    """
    spent = dict.fromkeys(fns, 0.0)
    entries = dict.fromkeys(fns, 0)
    while min(spent.values()) < seconds:
        for name, fn in fns.items():
            t = time.perf_counter()
            entries[name] += fn(docs)
            spent[name] += time.perf_counter() - t
    return {name: entries[name] / spent[name] for name in fns}


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
    whole = _rates({"koll": _koll, "feedparser": _feedparser}, docs, args.seconds)
    fast = _rates(
        {"koll": _koll, "fast_path": _fast_only, "feedparser": _feedparser}, taken, args.seconds
    )
    result = {
        "documents": len(docs),
        "fast_path_documents": len(taken),
        "fast_path_entries": _fast_only(taken),
        "koll_entries_per_s": round(whole["koll"]),
        "feedparser_entries_per_s": round(whole["feedparser"]),
        "speedup_whole_corpus": round(whole["koll"] / whole["feedparser"], 2),
        "fast_docs_koll_entries_per_s": round(fast["koll"]),
        "fast_docs_parse_fast_entries_per_s": round(fast["fast_path"]),
        "fast_docs_feedparser_entries_per_s": round(fast["feedparser"]),
        "speedup_fast_docs": round(fast["koll"] / fast["feedparser"], 2),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
