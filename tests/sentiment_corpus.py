"""Texts and items the scoring tests run over: shipped sentiment data, ABSAbank, the real feed corpus, bench items."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from functools import cache, lru_cache
from pathlib import Path

from analysis.item_text import scored_text
from analysis.resources import data_path
from ingest.parse import FeedError, parse
from koll.store.records import Item

REAL = Path(__file__).parent / "fixtures" / "feeds" / "real"
NOW = datetime(2026, 11, 1, tzinfo=UTC)


def _column(parts: tuple[str, str], delimiter: str = ",") -> list[str]:
    with data_path(*parts).open(encoding="utf-8", newline="") as fh:
        quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL  # sentiment.TSV
        return [r["text"] for r in csv.DictReader(fh, delimiter=delimiter, quoting=quoting)]


@cache
def dataset(name: str) -> tuple[str, ...]:
    """The texts of one shipped data set: train, dev, eval, absa_dev or absa_train."""
    files = {
        "train": (("sentiment", "train_sv.csv"), ","),
        "dev": (("sentiment", "dev_sv.csv"), ","),
        "eval": (("eval", "sentiment_sv_test.csv"), ","),
        "absa_dev": (("eval", "absabank-imm_dev.tsv"), "\t"),
        "absa_train": (("eval", "absabank-imm_train.tsv"), "\t"),
    }
    parts, delimiter = files[name]
    return tuple(_column(parts, delimiter))


@lru_cache(maxsize=1)
def real_items() -> tuple[Item, ...]:
    """Every item of every readable document in the real feed corpus."""
    out: list[Item] = []
    for path in sorted(REAL.iterdir()):
        if path.suffix == ".json":  # the corpus manifest
            continue
        try:
            feed = parse(path.read_bytes(), feed_url="http://corpus.test/feed", now=NOW)
        except FeedError:
            continue
        out += feed.items
    return tuple(out)


@lru_cache(maxsize=1)
def bench_items(feeds: int = 40) -> tuple[Item, ...]:
    """Items of the documents bench/ingest.py serves (generated Swedish text naming Fjällkraft)."""
    from bench.ingest import make_feed

    out: list[Item] = []
    for i in range(feeds):
        doc = make_feed(i, 30, "127.0.0.1")
        out += parse(doc, feed_url="http://bench.test/feed", now=NOW).items
    return tuple(out)


def item_text(it: Item) -> str:
    """The text koll scores for an item (as ingest.work.score_items builds it)."""
    return scored_text(it.title, it.text)
