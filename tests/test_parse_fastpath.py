"""The expat fast path gives the same items as feedparser on every document it accepts.

Run over the whole real feed corpus (tests/fixtures/feeds/real) and, when the shared corpus is
beside the repo, over feedparser's own 2,100 test documents. Documents the fast path declines
(it raises Unsupported) are feedparser's by construction, so only accepted ones are compared.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from ingest.fastparse import Unsupported, parse_fast
from ingest.parse import FeedError, check_document, parse, repair_encoding
from tests.conftest import REPO

REAL = Path(__file__).parent / "fixtures" / "feeds" / "real"
FEEDPARSER_TESTS = REPO.parent / "shared" / "feeds" / "feedparser-tests"
NOW = datetime(2026, 11, 20, tzinfo=UTC)


def _documents(folder: Path) -> list[Path]:
    return sorted(f for f in folder.iterdir() if f.suffix not in (".json", ".md"))


def _compare(files: list[Path]) -> tuple[int, int, list[str]]:
    accepted = entries = 0
    diffs: list[str] = []
    for f in files:
        body = f.read_bytes()
        url = "https://flode.exempel.se/" + f.name
        try:
            check_document(body)
            raw = parse_fast(repair_encoding(body, None)[0])
        except (Unsupported, FeedError):
            continue
        if not raw.entries:
            continue  # parse() hands entry-less documents to feedparser to recover what it can
        try:
            slow = parse(body, feed_url=url, now=NOW, fast=False)
        except FeedError as e:
            diffs.append(f"{f.name}: fast path accepted what feedparser refuses ({e})")
            continue
        fast = parse(body, feed_url=url, now=NOW)
        if fast.parser != "fast":
            continue  # accepted but empty: handed to feedparser on purpose
        accepted += 1
        entries += len(fast.items)
        if fast.items != slow.items or fast.title != slow.title:
            diffs.append(f.name)
    return accepted, entries, diffs


def test_fast_path_equals_feedparser_on_the_real_corpus():
    files = _documents(REAL)
    assert len(files) == 116
    accepted, entries, diffs = _compare(files)
    assert diffs == []
    # It must be a real fast path, not one that declines everything.
    assert accepted >= 30 and entries >= 400


@pytest.mark.slow
def test_fast_path_equals_feedparser_on_feedparsers_own_tests():
    if not FEEDPARSER_TESTS.is_dir():
        pytest.skip("the shared feedparser test corpus is not beside the repo")
    accepted, _, diffs = _compare(_documents(FEEDPARSER_TESTS))
    assert diffs == []
    assert accepted >= 500


def test_fast_path_declines_what_it_does_not_understand():
    for body, why in [
        (b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "x.dtd"><rss version="2.0"/>', "DOCTYPE"),
        (
            b'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://a/"><entry/></feed>',
            "xml:base",
        ),
        (
            b'<rss version="2.0"><channel><item><media:title xmlns:media="http://search.yahoo.com/mrss/">'
            b"x</media:title></item></channel></rss>",
            "entry element",
        ),
        (b'<rss version="2.0"><channel><item><link>/rel</link></item></channel></rss>', "relative"),
        (b'<rss version="2.0"><channel><item><title>x</item></channel></rss>', "well-formed"),
    ]:
        with pytest.raises(Unsupported, match=why):
            parse_fast(body)
