"""Benchmark: the store on SQLite and PostgreSQL, and ingestion with 1, 2 and 4 workers.

    python -m bench.store [--rows 1000000] [--reps 20] [--feeds 96] [--pg-url URL] [--no-pg]
                         [--parts store,ingest,dashboard] [--comments N]

For each engine: inserts `rows` mentions (on rows/2 items, two brands each) through the store's
SQLAlchemy tables in 10,000-row transactions and reports rows/s; then times the dashboard's
queries (koll/store/aggregates.py and mention_pages.py: per-day counts per brand, totals, top
sources, a mentions page) over a 30-day window and reports p50/p95 in ms. Then runs `koll ingest` worker
processes against a local feed server (`feeds` feeds of 25 items; see SCENARIOS) on a
fresh database: 1 worker on SQLite, 1/2/4 concurrent workers on PostgreSQL, and reports feeds/s
and items/s measured from the run log (process start-up excluded) and wall time.

Last, the dashboard's page callbacks (bench/dashboard.py's synthetic world, `rows` mentions) on
SQLite and on the same data copied into PostgreSQL: p95 ms per callback, caches cleared. With
`--comments N`, that world also gets N comments threaded under recent earned posts
(bench.dashboard.add_comments), the control cards' dialogue part.

PostgreSQL is a throwaway cluster from tests/pg.py unless --pg-url names an empty database.
Prints one JSON line last.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select, text

from koll.store import Store
from koll.store.schema import items, mentions, runs

REPO = Path(__file__).resolve().parent.parent
BRANDS = ["Fjällkraft", "Nordvind", "Vattenfors", "Solbacka"]
SOURCES = [f"sajt{i}.example.se" for i in range(400)]
LAST_DAY = date(2026, 11, 23)
DAYS = 365
CHUNK = 10_000
# Ingestion scenarios: (name, server latency s, fetch concurrency per worker, claim batch).
# "cpu": a fast local server, so parsing and Swedish scoring bound the run (on one machine
# extra workers then only share its cores). "network": feed servers that take a second to answer
# and a worker that keeps 8 requests in flight, as on the internet; extra workers (on other
# machines in production) multiply the requests in flight.
SCENARIOS = [("cpu", 0.05, 16, 16), ("network", 1.0, 8, 8)]


def _items_and_mentions(n_items: int, seed: int = 7):
    """Rows in chunks: (item rows, mention rows); a skewed source mix, as real coverage is."""
    rnd = random.Random(seed)
    end = datetime(LAST_DAY.year, LAST_DAY.month, LAST_DAY.day, 20, tzinfo=UTC)
    for start in range(0, n_items, CHUNK // 2):
        its, ms = [], []
        for i in range(start + 1, min(n_items, start + CHUNK // 2) + 1):
            published = end - timedelta(seconds=rnd.randrange(DAYS * 86400))
            day = published.date().isoformat()
            pub = published.replace(tzinfo=None)
            source = SOURCES[min(int(rnd.paretovariate(1.2)) - 1, len(SOURCES) - 1)]
            its.append(
                dict(
                    id=i,
                    key=f"https://{source}/a/{i}",
                    url=f"https://{source}/a/{i}",
                    title=f"Rubrik {i}",
                    text="Kort text om el och vindkraft.",
                    published=pub,
                    published_estimated=False,
                    day=day,
                    first_seen=pub,
                    source=source,
                    kind="news",
                    content_hash=f"{i:032x}",
                )
            )
            for brand in rnd.sample(BRANDS, 2):
                owned = rnd.random() < 0.1
                label = rnd.choice(("pos", "neu", "neu", "neg"))
                ms.append(
                    dict(
                        item_id=i,
                        brand=brand,
                        owned=owned,
                        owned_by="feed" if owned else None,
                        day=day,
                        published=pub,
                        source=source,
                        kind="news",
                        label=label,
                        score={"pos": 0.6, "neu": 0.0, "neg": -0.6}[label],
                        confidence=0.8,
                        model="bench",
                    )
                )
        yield its, ms


def fill(store: Store, rows: int) -> dict:
    n_items = rows // 2
    t_items = t_mentions = 0.0
    for its, ms in _items_and_mentions(n_items):
        t0 = time.perf_counter()
        with store.begin() as conn:
            conn.execute(items.insert(), its)
        t1 = time.perf_counter()
        with store.begin() as conn:
            conn.execute(mentions.insert(), ms)
        t_mentions += time.perf_counter() - t1
        t_items += t1 - t0
    with store.begin() as conn:
        n = conn.execute(select(func.count()).select_from(mentions)).scalar_one()
    if store.dialect == "postgresql":
        with store.begin() as conn:  # explicit ids: move the sequence past them
            conn.execute(text("SELECT setval('items_id_seq', (SELECT max(id) FROM items))"))
    t0 = time.perf_counter()
    # Statistics (and on PostgreSQL the visibility map that index-only scans need) as
    # autovacuum would have them on a live database some minutes after a bulk load.
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE" if store.dialect == "postgresql" else "ANALYZE"))
    return {
        "mentions": n,
        "items": n_items,
        "mentions_rows_per_s": round(n / t_mentions),
        "items_rows_per_s": round(n_items / t_items),
        "analyze_s": round(time.perf_counter() - t0, 1),
    }


def _queries():
    """(name, fn(conn, brand)) for the dashboard's aggregates over the last 30 days."""
    from koll.store import aggregates as agg
    from koll.store import mention_pages
    from koll.store.filters import Filter

    since = (LAST_DAY - timedelta(days=29)).isoformat()
    until = LAST_DAY.isoformat()

    def f(brands, **kw):
        return Filter(brands=tuple(brands), since=since, until=until, **kw)

    return [
        ("daily_per_brand", lambda c, b: agg.daily(c, f([b]))),
        ("daily_brand_and_competitors", lambda c, b: agg.daily(c, f(BRANDS))),
        ("totals_all_brands", lambda c, b: agg.totals(c, f(BRANDS))),
        ("top_sources", lambda c, b: agg.sources(c, f([b]))),
        (
            "daily_earned_negative",
            lambda c, b: agg.daily(c, f([b], owned="earned", labels=("neg",))),
        ),
        ("mention_count", lambda c, b: mention_pages.mention_count(c, f([b]))),
        ("mentions_first_page", lambda c, b: mention_pages.mention_page(c, f([b]), sort="new")),
        ("day_range", lambda c, b: agg.day_range(c, [b])),
    ]


def time_queries(store: Store, reps: int) -> dict:
    out = {}
    with store.connect() as conn:
        for name, fn in _queries():
            fn(conn, BRANDS[0])  # warm: the dashboard's server keeps running
            times = []
            for r in range(reps):
                t0 = time.perf_counter()
                fn(conn, BRANDS[r % len(BRANDS)])
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            out[name] = {
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
            }
    out["max_p95_ms"] = max(v["p95_ms"] for v in out.values())
    return out


def _feed(i: int, n_items: int = 25) -> str:
    body = "".join(
        f"<item><title>Fjällkraft nyhet {i}-{j}</title><link>https://s{i % 40}.example.se/{i}/{j}</link>"
        f"<description>Fjällkraft bygger {'bra' if j % 3 else 'dålig'} vindkraft i flöde {i}, "
        f"artikel {j}.</description><pubDate>Mon, 23 Nov 2026 {j % 24:02d}:00:00 +0000</pubDate></item>"
        for j in range(n_items)
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F{i}</title>{body}</channel></rss>'


def ingest_throughput(
    url: str, n_workers: int, n_feeds: int, workdir: Path, scenario: tuple
) -> dict:
    from tests.feedserver import FeedServer

    name, latency, concurrency, batch = scenario
    server = FeedServer().start()
    try:
        feeds_toml = ""
        for i in range(n_feeds):
            feeds_toml += (
                f'[[feeds]]\nurl = "{server.add(f"/f{i}.xml", _feed(i), delay_s=latency)}"\n\n'
            )
        config = workdir / f"koll-{name}-{n_workers}.toml"
        config.write_text(
            textwrap.dedent(f"""\
                [storage]
                url = "{url}"

                [fetch]
                # All bench feeds share one host (127.0.0.1); real teams' feeds are spread over
                # many, so politeness per host is relaxed here to measure the workers, not it.
                per_host_gap_s = 0
                per_host_concurrency = {concurrency}
                concurrency = {concurrency}

                [workers]
                batch = {batch}

                [[brands]]
                name = "Fjällkraft"

                """)
            + feeds_toml,
            encoding="utf-8",
        )
        Store(url).close()  # schema first: every worker starts claiming at once
        env = {**os.environ, "KOLL_LOG_LEVEL": "WARNING"}
        env.pop("KOLL_DATABASE_URL", None)
        t0 = time.perf_counter()
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "koll.cli", "ingest", "--config", str(config)],
                cwd=REPO,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(n_workers)
        ]
        errs = [p.communicate()[1] for p in procs]
        wall = time.perf_counter() - t0
        if any(p.returncode for p in procs):
            raise RuntimeError(f"a worker failed: {errs}")
        with Store(url) as store, store.connect() as conn:
            started, finished = conn.execute(
                select(func.min(runs.c.started), func.max(runs.c.finished))
            ).one()
            per_worker = [r[0] for r in conn.execute(select(runs.c.feeds_ok))]
            n_items = conn.execute(select(func.count()).select_from(items)).scalar_one()
        busy = (finished - started).total_seconds()
        twice = sum(c - 1 for c in server.hits.values() if c > 1)
        return {
            "scenario": name,
            "workers": n_workers,
            "feeds": n_feeds,
            "items": n_items,
            "feeds_per_s": round(n_feeds / busy, 1),
            "items_per_s": round(n_items / busy),
            "run_s": round(busy, 2),
            "wall_s_with_startup": round(wall, 2),
            "feeds_per_worker": per_worker,
            "feeds_fetched_twice": twice,
        }
    finally:
        server.stop()


def dashboard_on_both(rows: int, reps: int, work: Path, pg_url: str, comments: int = 0) -> dict:
    """The dashboard's page callbacks (bench/dashboard.py's world) on SQLite and on PostgreSQL.

    The SQLite store is filled as bench.dashboard fills it, then copied row for row into
    PostgreSQL (koll/store/copy.py), so both engines answer the same questions on the same data.
    """
    from dataclasses import replace

    from bench import dashboard as dbench
    from dashboard import data
    from dashboard.pages import compare, mentions, overview, sources
    from dashboard.params import Params
    from koll.config import load_settings
    from koll.store.copy import copy_store

    db = work / "dash.db"
    dbench.fill(db, rows)
    if comments:
        dbench.add_comments(db, comments)
    base = load_settings(dbench._config(work, db), env={})
    src, dst = Store(f"sqlite:///{db}"), Store(pg_url)
    # What `koll analyse` stores after an ingest (key-message flags, per-day term counts), so
    # both engines are timed as a running deployment sees them, as bench.dashboard does.
    dbench._store_analysis(src, base)
    t0 = time.perf_counter()
    copied = copy_store(src, dst)
    copy_s = time.perf_counter() - t0
    src.close()
    dst.close()
    out: dict = {
        "mentions": copied.get("mentions"),
        "comments": comments,
        "copy_to_pg_s": round(copy_s, 1),
    }
    for engine, url in (("sqlite", f"sqlite:///{db}"), ("postgresql", pg_url)):
        data.configure(replace(base, database_url=url))  # creates the dashboard's indexes
        if engine == "postgresql":
            with (
                data.store()
                .engine.connect()
                .execution_options(isolation_level="AUTOCOMMIT") as conn
            ):
                conn.execute(text("VACUUM ANALYZE"))
        p = data.resolve(Params()).as_dict()
        cases = {
            "overview.render": lambda p=p: overview.render(p, None),
            "overview.render_control": lambda p=p: overview.render_control(p, None),
            "mentions.table": lambda p=p: mentions.table(Params.from_dict(p), 0),
            "sources.render": lambda p=p: sources.render(p, None),
            "compare.render": lambda p=p: compare.render(p, None),
        }
        res = {}
        for name, fn in cases.items():
            fn()
            times = []
            for _ in range(reps):
                data._cache.clear()  # cold reads, as after a new ingest
                t = time.perf_counter()
                fn()
                times.append((time.perf_counter() - t) * 1000)
            times.sort()
            res[name] = round(times[min(len(times) - 1, int(0.95 * len(times)))], 1)
        res["max_p95_ms"] = max(res.values())
        out[engine] = res
        data.store().close()
        print(f"bench.store: dashboard {engine}: {json.dumps(res)}", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000, help="mentions to insert per engine")
    ap.add_argument("--reps", type=int, default=20, help="timed runs per query")
    ap.add_argument("--feeds", type=int, default=96, help="feeds in the ingestion benchmark")
    ap.add_argument("--pg-url", help="an empty PostgreSQL database (default: a throwaway cluster)")
    ap.add_argument("--no-pg", action="store_true", help="SQLite only")
    ap.add_argument(
        "--parts",
        default="store,ingest,dashboard",
        help="which parts to run (comma-separated): store, ingest, dashboard",
    )
    ap.add_argument(
        "--comments", type=int, default=0, help="threaded comments in the dashboard part (0)"
    )
    args = ap.parse_args(argv)

    result: dict = {"rows": args.rows, "cpus": os.cpu_count()}
    cluster = None
    with tempfile.TemporaryDirectory(prefix="koll-bench-") as tmp:
        work = Path(tmp)
        urls = {"sqlite": lambda name: f"sqlite:///{work / name}.db"}
        if not args.no_pg:
            if args.pg_url:
                urls["postgresql"] = lambda name: args.pg_url
            else:
                sys.path.insert(0, str(REPO))
                from tests.pg import start_cluster

                try:
                    cluster = start_cluster()
                    urls["postgresql"] = lambda name: cluster.new_database(name)
                except RuntimeError as e:
                    print(f"bench.store: PostgreSQL skipped: {e}", file=sys.stderr)
                    result["postgresql"] = None
        try:
            for engine, make in urls.items() if "store" in args.parts else ():
                store = Store(make("store"))
                print(f"bench.store: {engine}: inserting {args.rows} mentions…", file=sys.stderr)
                r = fill(store, args.rows)
                r["queries"] = time_queries(store, args.reps)
                store.close()
                result[engine] = r
                print(f"bench.store: {engine}: {json.dumps(r)}", file=sys.stderr)
            ingest = []
            for engine, counts in (("sqlite", (1,)), ("postgresql", (1, 2, 4))):
                if "ingest" not in args.parts:
                    break
                if engine not in urls or (engine == "postgresql" and args.pg_url):
                    continue  # the ingest runs need fresh databases
                for scenario in SCENARIOS:
                    for n in counts:
                        db = urls[engine](f"ingest_{scenario[0]}_{n}")
                        r = ingest_throughput(db, n, args.feeds, work, scenario)
                        r["engine"] = engine
                        print(f"bench.store: ingest {json.dumps(r)}", file=sys.stderr)
                        ingest.append(r)
            result["ingest"] = ingest
            if "dashboard" in args.parts and "postgresql" in urls:
                result["dashboard_p95_ms"] = dashboard_on_both(
                    args.rows, args.reps, work, urls["postgresql"]("dash"), args.comments
                )
        finally:
            if cluster is not None:
                cluster.stop()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
