"""Benchmark the store side of `koll ingest` alone: recording feeds' items and states in SQLite.

    python -m bench.ingest_store [--feeds 1000] [--entries 30] [--group 32]

The documents of bench.ingest are parsed once (not timed); then, in a fresh SQLite database, the
CPU seconds of the store thread's work are measured: the first run's writes (items, links,
scores, a mention for every fifth item, feed states), a group of feeds per transaction as
ingest/run.py writes them and, for comparison, one feed per transaction; and the second run's
writes for unchanged feeds (their new state only). The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.ingest import BRAND, _feed_hosts, make_feed
from ingest.parse import parse
from koll.store import Store
from koll.store import feeds as store_feeds
from koll.store import items as store_items
from koll.store.records import Mention
from koll.store.schema import feeds

NOW = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
SCORE = store_items.Score("pos", 0.5, 0.9, "sv", "bench")


def _feed_items(feed_id: int, items: list) -> store_items.FeedItems:
    mentions = {it.key: [Mention(it.key, BRAND, False, None, None)] for it in items[::5]}
    return store_items.FeedItems(
        feed_id,
        items,
        mentions,
        {it.key: SCORE for it in items},
        {(k, BRAND): SCORE for k in mentions},
    )


def _store(folder: str, name: str, n_feeds: int) -> Store:
    store = Store(f"sqlite:///{Path(folder) / name}")
    with store.begin() as conn:
        conn.execute(
            feeds.insert(),
            [
                dict(
                    url=f"https://f{i}.example.se/feed",
                    config_url=f"https://f{i}.example.se/feed",
                    kind="news",
                    interval_s=1800,
                    in_config=True,
                    status="never",
                    failures=0,
                )
                for i in range(n_feeds)
            ],
        )
    return store


def _first_run(store: Store, parsed: list[list], group: int) -> float:
    """CPU seconds to store every feed's items and state, `group` feeds per transaction."""
    due = NOW + timedelta(minutes=30)
    cpu = time.process_time()
    for start in range(0, len(parsed), group):
        batch = [
            _feed_items(start + i + 1, items)
            for i, items in enumerate(parsed[start : start + group])
        ]
        with store.begin() as conn:
            store_items.save_feeds(conn, batch, now=NOW)
            store_feeds.record_outcomes(
                conn,
                now=NOW,
                successes=[store_feeds.Success(f.feed_id, due, '"e"', None, "h") for f in batch],
            )
    return time.process_time() - cpu


def _second_run(store: Store, n_feeds: int, group: int) -> float:
    """CPU seconds to record every feed as not modified, `group` feeds per transaction."""
    due = NOW + timedelta(hours=1)
    cpu = time.process_time()
    for start in range(0, n_feeds, group):
        ids = range(start + 1, min(n_feeds, start + group) + 1)
        with store.begin() as conn:
            store_feeds.record_outcomes(
                conn,
                now=NOW,
                successes=[store_feeds.Success(i, due, '"e"', None, "h") for i in ids],
            )
    return time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--entries", type=int, default=30)
    ap.add_argument("--group", type=int, default=32, help="feeds per transaction (run.py: 32)")
    args = ap.parse_args(argv)
    hosts = [f"127.0.0.{h + 1}" for h in range(8)]
    parsed = [
        parse(
            make_feed(i, args.entries, host),
            feed_url=f"http://{host}/feed/{i}.xml",
            kind="news",
            now=NOW,
            content_type=None,
            max_entries=10_000,
        ).items
        for i, host in _feed_hosts(args.feeds, hosts)
    ]
    n_items = sum(map(len, parsed))
    with tempfile.TemporaryDirectory() as tmp:
        grouped = _store(tmp, "grouped.db", args.feeds)
        first = _first_run(grouped, parsed, args.group)
        second = _second_run(grouped, args.feeds, 1000)
        grouped.close()
        single = _store(tmp, "single.db", args.feeds)
        first_single = _first_run(single, parsed, 1)
        second_single = _second_run(single, args.feeds, 1)
        single.close()
    result = {
        "feeds": args.feeds,
        "items": n_items,
        "group": args.group,
        "first_run_cpu_s": round(first, 3),
        "first_run_ms_per_feed": round(first / args.feeds * 1000, 3),
        "first_run_us_per_item": round(first / n_items * 1e6, 1),
        "first_run_cpu_s_one_feed_per_transaction": round(first_single, 3),
        "second_run_cpu_s": round(second, 3),
        "second_run_ms_per_feed": round(second / args.feeds * 1000, 4),
        "second_run_cpu_s_one_feed_per_transaction": round(second_single, 3),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
