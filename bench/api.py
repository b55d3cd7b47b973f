"""Benchmark: the analysts' API (koll/) loading, streaming and exporting many mentions.

    python -m bench.api [--mentions 200000] [--dir DIR]

Fills an SQLite workspace with `mentions` synthetic mentions (two brands per item, blog-length
Swedish text of ~400 characters), then runs each stage in a fresh process and reports its
seconds and its peak memory above the process's baseline after imports (MB, from the peak RSS):

- load_all: `ws.mentions(brand)` with every column
- load_3_columns: `ws.mentions(brand, columns=["day", "source", "label"])`
- stream_3_columns: `ws.iter_mentions(brand, columns=[...], chunksize=10000)`, counting per day
- stream_all: `ws.iter_mentions(brand, chunksize=10000)` (every column, text included)
- export_parquet: `koll export mentions --brand B --format parquet`
- control_month: `ws.control(brand, since, until)` for the last 30 days

Prints one JSON line last.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

BRANDS = ["Fjällkraft", "Nordvind"]
SOURCES = [f"sajt{i}.example.se" for i in range(300)]
LAST_DAY = date(2026, 11, 23)
DAYS = 365
CHUNK = 10_000
WORDS = [
    "elpriset",
    "vindkraft",
    "kundtjänst",
    "fakturan",
    "avgiften",
    "strömavbrott",
    "stormen",
    "kunderna",
    "bra",
    "dåligt",
    "snabbt",
    "långsamt",
    "norr",
    "lokal",
    "förnybar",
    "elavtal",
    "fast",
    "rörligt",
    "pris",
    "nätet",
    "ledningar",
    "montörer",
]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def fill(directory: Path, n_mentions: int, seed: int = 11) -> Path:
    """Write koll.toml and an SQLite store with n_mentions mentions on n_mentions / 2 items."""
    from koll.store import Store
    from koll.store.schema import items, mentions

    directory.mkdir(parents=True, exist_ok=True)
    config = directory / "koll.toml"
    brands = "\n".join(f'[[brands]]\nname = "{b}"\n' for b in BRANDS)
    config.write_text(f'[storage]\nurl = "sqlite:///koll.db"\n\n{brands}', encoding="utf-8")
    db = directory / "koll.db"
    if db.exists():
        db.unlink()
    store = Store(f"sqlite:///{db}")
    rnd = random.Random(seed)
    end = datetime(LAST_DAY.year, LAST_DAY.month, LAST_DAY.day, 20, tzinfo=UTC)
    n_items = n_mentions // 2
    for start in range(1, n_items + 1, CHUNK):
        its, ms = [], []
        for i in range(start, min(n_items, start + CHUNK - 1) + 1):
            published = end - timedelta(seconds=rnd.randrange(DAYS * 86400))
            pub = published.replace(tzinfo=None)
            day = published.date().isoformat()
            source = SOURCES[min(int(rnd.paretovariate(1.2)) - 1, len(SOURCES) - 1)]
            text = " ".join(rnd.choices(WORDS, k=50))
            its.append(
                dict(id=i, key=f"https://{source}/a/{i}", url=f"https://{source}/a/{i}",
                     title=f"Rubrik {i} om elpriset", text=text, published=pub,
                     published_estimated=False, day=day, first_seen=pub, source=source,
                     kind="news", lang="sv", content_hash=f"{i:032x}", story_id=i)
            )  # fmt: skip
            for brand in BRANDS:
                ms.append(
                    dict(item_id=i, brand=brand, owned=rnd.random() < 0.1, day=day,
                         published=pub, source=source, kind="news",
                         label=rnd.choice(("pos", "neu", "neu", "neg")),
                         score=round(rnd.uniform(-1, 1), 4), confidence=0.8, model="bench")
                )  # fmt: skip
        with store.begin() as conn:
            conn.execute(items.insert(), its)
            conn.execute(mentions.insert(), ms)
    store.close()
    return config


def _stage(name: str, config: str, out) -> None:
    import koll

    with koll.open_workspace(config) as ws:
        ws.mentions(BRANDS[0], since="2030-01-01")  # warm up imports and the connection
        base = _rss_mb()
        brand = BRANDS[0]
        t = time.perf_counter()
        rows = 0
        if name == "load_all":
            rows = len(ws.mentions(brand))
        elif name == "load_3_columns":
            rows = len(ws.mentions(brand, columns=["day", "source", "label"]))
        elif name == "stream_3_columns":
            per_day: dict = {}
            for chunk in ws.iter_mentions(
                brand, columns=["day", "source", "label"], chunksize=CHUNK
            ):
                rows += len(chunk)
                for d, c in chunk["day"].value_counts().items():
                    per_day[d] = per_day.get(d, 0) + int(c)
        elif name == "stream_all":
            for chunk in ws.iter_mentions(brand, chunksize=CHUNK):
                rows += len(chunk)
        elif name == "export_parquet":
            from koll.cli import main

            target = Path(config).parent / "bench.parquet"
            args = ["export", "mentions", "--config", config, "--brand", brand]
            assert main([*args, "--format", "parquet", "--output", str(target)]) == 0
            import pyarrow.parquet as pq

            rows = pq.ParquetFile(target).metadata.num_rows
        elif name == "control_month":
            since = (LAST_DAY - timedelta(days=29)).isoformat()
            rows = ws.control(brand, since, LAST_DAY.isoformat())["mentions"]
        seconds = time.perf_counter() - t
    out.send(
        {
            "stage": name,
            "seconds": round(seconds, 2),
            "rows": rows,
            "rows_per_s": int(rows / seconds) if seconds else None,
            "peak_mb_above_baseline": round(_rss_mb() - base, 1),
        }
    )


STAGES = [
    "load_all",
    "load_3_columns",
    "stream_3_columns",
    "stream_all",
    "export_parquet",
    "control_month",
]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.api", description=__doc__.split("\n")[0])
    p.add_argument("--mentions", type=int, default=200_000)
    p.add_argument("--dir", help="workspace folder (default: a temporary one)")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="koll-bench-api-") as tmp:
        directory = Path(args.dir or tmp)
        t = time.perf_counter()
        config = fill(directory, args.mentions)
        fill_s = time.perf_counter() - t
        print(f"filled {args.mentions} mentions in {fill_s:.1f} s", file=sys.stderr)
        results = []
        ctx = mp.get_context("spawn")  # a fresh process per stage: peak memory is its own
        for name in STAGES:
            recv, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_stage, args=(name, str(config), send))
            proc.start()
            result = recv.recv()
            proc.join()
            print(json.dumps(result), file=sys.stderr)
            results.append(result)
    print(
        json.dumps(
            {
                "bench": "api",
                "mentions": args.mentions,
                "fill_s": round(fill_s, 1),
                "stages": results,
            },
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
