"""Benchmark: the dashboard's page callbacks over an SQLite store with N synthetic mentions.

    python -m bench.dashboard [--n 1000000] [--reps 9] [--db PATH] [--keep] [--comments N]
                              [--windows 7,30,90,365] [--url postgresql://...] [--only TEXT]

Fills a fresh store (fast bulk inserts straight through sqlite3, after koll created the schema),
stores what `koll analyse` would (stories, topics, key-message flags, term counts, the per-day
rollups), then times every page's render callback and the mentions page's interactive callbacks
for windows of each length ending at the newest day. Caches are cleared before every timed call,
so each figure is a cold read, as after a new ingest, and background topic searches a topics
page started have ended, so no callback is timed while one runs. With `--comments N`, N blog comments are
threaded under earned posts of the last 60 days (the control cards' dialogue part).
Prints one JSON line last: every callback and window, and p95_ms = the worst of them.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import tempfile
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

BRANDS = ["Fjällkraft", "Nordvind", "Vattenfors"]
#: Window lengths timed, in days ending at the newest day: a week up to a whole year.
WINDOWS = (7, 30, 90, 365)
WORDS = [
    "el",
    "elpris",
    "vindkraft",
    "kunder",
    "faktura",
    "kundtjänst",
    "avbrott",
    "storm",
    "nätet",
    "ledning",
    "elnät",
    "abonnemang",
    "förnybar",
    "lokal",
    "pris",
    "höjning",
    "sänkning",
    "sparar",
    "billig",
    "dyr",
    "bra",
    "dåligt",
    "kass",
    "grymt",
    "svarar",
    "väntar",
    "app",
    "mätare",
    "timpris",
    "vinter",
    "sommar",
    "kommun",
    "skola",
    "bygdefond",
    "turbin",
    "park",
    "ström",
    "energi",
    "miljö",
]
KINDS = ["news", "blog", "forum", "comments", "press", "social"]
# Text follows Zipf's law like real Swedish: 50 very common filler words, the domain words above
# at moderate frequency (a few per cent of posts each), and a long tail of rare words.
VOCABULARY = [f"vanlig{i}" for i in range(50)] + WORDS + [f"ord{i}" for i in range(5000)]
ZIPF = [1 / (rank + 1) for rank in range(len(VOCABULARY))]


def _config(folder: Path, url: str) -> Path:
    path = folder / "koll.toml"
    path.write_text(
        textwrap.dedent(
            f"""
            [storage]
            url = "{url}"

            [[brands]]
            name = "Fjällkraft"
            aliases = ["Fjällkraft AB"]
            owned_domains = ["fjallkraft.se"]
            people = ["Anna Berg"]
            key_messages = ["förnybar el till alla"]
            competitors = ["Nordvind", "Vattenfors"]

            [[brands]]
            name = "Nordvind"

            [[brands]]
            name = "Vattenfors"
            """
        ),
        encoding="utf-8",
    )
    return path


def fill(db: Path, n: int, days: int = 365, seed: int = 7) -> None:
    """N items, one mention each, spread over `days` days ending today, Zipf-like sources."""
    from koll.store import Store

    Store(f"sqlite:///{db}").close()  # koll creates the schema (and the dashboard's indexes)
    rng = random.Random(seed)
    sources = [f"kalla{i}.se" for i in range(400)]
    weights = [1 / (i + 1) for i in range(len(sources))]
    authors = [f"Skribent {i}" for i in range(3000)]
    end = datetime.now(UTC).replace(tzinfo=None, hour=12, minute=0, second=0, microsecond=0)
    con = sqlite3.connect(db)
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA journal_mode=OFF")
    con.execute(
        "INSERT INTO feeds (id, url, config_url, kind, owner, interval_s, in_config, status, "
        "failures) VALUES (1, 'https://kalla0.se/feed', 'https://kalla0.se/feed', 'news', NULL, "
        "1800, 1, 'ok', 0), (2, 'https://trasig.se/feed', 'https://trasig.se/feed', 'blog', "
        "NULL, 1800, 1, 'failing', 3)"
    )
    chunk = 50_000
    src_pick = rng.choices(sources, weights, k=n)
    for start in range(0, n, chunk):
        items, mentions = [], []
        for i in range(start, min(n, start + chunk)):
            pub = end - timedelta(minutes=rng.randrange(days * 24 * 60))
            day = pub.date().isoformat()  # close enough to the Stockholm day for a benchmark
            brand = BRANDS[0] if rng.random() < 0.5 else rng.choice(BRANDS[1:])
            owned = rng.random() < 0.08
            source = "fjallkraft.se" if owned and brand == BRANDS[0] else src_pick[i]
            kind = rng.choice(KINDS)
            words = rng.choices(VOCABULARY, ZIPF, k=24)
            title = " ".join(words[:7]).capitalize()
            text = f"{brand} " + " ".join(words[7:])
            r = rng.random()
            label = "pos" if r < 0.25 else ("neg" if r < 0.45 else ("neu" if r < 0.95 else None))
            score = {"pos": 0.6, "neg": -0.6, "neu": 0.0, None: None}[label]
            items.append((i + 1, f"https://{source}/{i}", f"https://{source}/{i}", title, text,
                          pub, 0, day, pub, rng.choice(authors), source, kind,
                          "sv" if rng.random() < 0.93 else "en", f"h{i}", i + 1, 1))  # fmt: skip
            mentions.append((i + 1, i + 1, brand, int(owned), "domain" if owned else None, day,
                             pub, source, kind, label, score, 0.8, "bench"))  # fmt: skip
        con.executemany(
            "INSERT INTO items (id, key, url, title, text, published, published_estimated, day, "
            "first_seen, author, source, kind, lang, content_hash, story_id, feed_id) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            items,
        )
        con.executemany(
            "INSERT INTO mentions (id, item_id, brand, owned, owned_by, day, published, source, "
            "kind, label, score, confidence, model) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            mentions,
        )
        con.commit()
    con.close()


def add_comments(db: Path, n: int, days: int = 60, seed: int = 11) -> None:
    """N comments (items of kind comments, some by the brand's person and so owned mentions)
    threaded under earned Fjällkraft posts of the last `days` days, a few comments per post."""
    con = sqlite3.connect(db)
    if con.execute("SELECT count(*) FROM items WHERE parent_key IS NOT NULL").fetchone()[0]:
        con.close()
        return
    rng = random.Random(seed)
    (last,) = con.execute("SELECT max(day) FROM mentions").fetchone()
    first = (datetime.fromisoformat(last) - timedelta(days=days - 1)).date().isoformat()
    posts = con.execute(
        "SELECT i.key, i.published, i.day, i.source FROM mentions m JOIN items i ON i.id = "
        "m.item_id WHERE m.brand = ? AND NOT m.owned AND m.kind != 'comments' AND m.day >= ? "
        "ORDER BY m.item_id",
        (BRANDS[0], first),
    ).fetchall()
    posts = rng.sample(posts, min(len(posts), max(1, n // 3)))
    (next_id,) = con.execute("SELECT max(id) FROM items").fetchone()
    (next_mid,) = con.execute("SELECT max(id) FROM mentions").fetchone()
    items, mentions = [], []
    for c in range(n):
        key, pub, day, source = posts[c % len(posts)]
        next_id += 1
        by_brand = rng.random() < 0.15  # the brand's person answers in some threads
        author = "Anna Berg" if by_brand else f"Läsare {rng.randrange(20000)}"
        text = "Tack, vi tittar på det. Fjällkraft" if by_brand else "Håller med, " + key[-6:]
        items.append((next_id, f"guid:{key}#c{c}", f"{key}#c{c}", "Kommentar", text, pub, 0,
                       day, pub, author, source, "comments", "sv", f"c{c}", next_id, 1,
                       key))  # fmt: skip
        if by_brand:
            next_mid += 1
            mentions.append((next_mid, next_id, BRANDS[0], 1, "person", "Anna Berg", day, pub,
                             source, "comments", "neu", 0.0, 0.8, "bench"))  # fmt: skip
    con.executemany(
        "INSERT INTO items (id, key, url, title, text, published, published_estimated, day, "
        "first_seen, author, source, kind, lang, content_hash, story_id, feed_id, parent_key) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        items,
    )
    con.executemany(
        "INSERT INTO mentions (id, item_id, brand, owned, owned_by, person, day, published, "
        "source, kind, label, score, confidence, model) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        mentions,
    )
    con.commit()
    con.close()


def _store_stories(store) -> None:
    """Three of every ten items form a story (syndicated copies), as `koll analyse` would find."""
    with store.begin() as conn:
        if conn.exec_driver_sql("SELECT count(*) FROM stories").scalar():
            return
        conn.exec_driver_sql("UPDATE items SET story_id = id - (id % 10) + 1 WHERE id % 10 < 3")
        conn.exec_driver_sql(
            "INSERT INTO stories (id, size, first_published, last_published, first_item_id, "
            "title, updated_at) SELECT story_id, count(*), min(published), max(published), "
            "min(id), min(title), CURRENT_TIMESTAMP FROM items WHERE id % 10 < 3 "
            "GROUP BY story_id HAVING count(*) > 1"
        )


def _store_topics(store, since: str, until: str) -> None:
    """Ten topics per brand for the default window, as `koll analyse` would store them."""
    from koll.store import topics as store_topics

    rng = random.Random(3)
    with store.begin() as conn:
        for brand in BRANDS:
            rows = []
            for no in range(10):
                terms = rng.sample(WORDS, 6)
                rows.append(dict(topic_no=no, label=" / ".join(terms[:2]), terms=terms,
                                 size=1000 - 50 * no, share=0.1, representative_item_id=no + 1,
                                 representative_title=" ".join(terms).capitalize()))  # fmt: skip
            store_topics.replace_topics(conn, brand, since, until, rows, datetime.now(UTC))


def _store_analysis(store, settings) -> None:
    """Key-message flags, per-day term counts, the dashboard's per-day counts and the comment
    threads' summaries, as `koll analyse` stores them."""
    from koll.jobs.analyse import update_key_messages, update_term_counts
    from koll.jobs.rollups import update_rollups
    from koll.jobs.threads import update_story_firsts, update_thread_summaries

    now = datetime.now(UTC)
    update_key_messages(store, settings, now)  # a rerun rechecks only the last 30 days
    update_term_counts(store, settings, now)  # a rerun finds every day counted
    update_rollups(store, now)  # a rerun recounts the last 30 days
    update_thread_summaries(store, settings, now)  # a rerun redoes the last 30 days' threads
    update_story_firsts(store, settings, now)  # a rerun finds them current


def _time(fn, reps: int, clear) -> list[float]:
    out = []
    for _ in range(reps):
        clear()
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


def _copy_to(url: str, db: Path) -> None:
    """Copy the filled SQLite store into the (PostgreSQL) database at `url` when it is empty."""
    from koll.store import Store
    from koll.store.copy import copy_store
    from koll.store.schema import items

    src, dst = Store(f"sqlite:///{db}"), Store(url)
    try:
        # Asked on a connection closed before the copy: held open through a copy of a million
        # mentions (20 min on a loaded machine), PostgreSQL ended it as idle in a transaction.
        with dst.connect() as conn:
            empty = conn.execute(items.select().limit(1)).first() is None
        if empty:
            copy_store(src, dst)
    finally:
        src.close()
        dst.close()


def _prepare(n: int, db: Path | None, comments: int, folder: Path, url: str | None = None):
    """The filled store, its settings and how long filling took (seconds). With `url`, the
    SQLite store is filled, then copied into that database (once), and the timings read it."""
    from dashboard import data
    from dashboard.params import Params
    from koll.config import load_settings

    db = db or folder / "bench.db"
    t0 = time.perf_counter()
    if not db.exists():
        fill(db, n)
    if comments:
        add_comments(db, comments)
    if url:
        _copy_to(url, db)
    fill_s = time.perf_counter() - t0
    settings = load_settings(_config(folder, url or f"sqlite:///{db}"), env={})
    data.configure(settings)
    default = data.resolve(Params())
    _store_topics(data.store(), default.since, default.until)
    _store_stories(data.store())
    t0 = time.perf_counter()
    _store_analysis(data.store(), settings)
    return settings, default, fill_s, time.perf_counter() - t0


def _cases(w: dict) -> dict:
    """Every page callback (and the mentions table's interactive ones) for the window `w`."""
    from dashboard.pages import compare, dialogue, mentions, overview, sources, topics
    from dashboard.params import Params

    def at(**kw) -> dict:
        return Params.from_dict(w).replace(**kw).as_dict()

    other, earned = at(brand="Nordvind"), at(owned="earned")
    search, common = at(q="kundtjänst"), at(q="vanlig0")  # vanlig0: in ~90 % of posts
    source, sort_neg = at(sources=("kalla3.se",), tones=("neg",)), at(sort="neg")

    def table(params: dict, page: int = 0):
        return lambda: mentions.table(Params.from_dict(params), page)

    return {
        "overview.render_head": lambda: overview.render_head(w, None),
        "overview.render": lambda: overview.render(w, None),
        "overview.render[earned]": lambda: overview.render(earned, None),
        "overview.render[Nordvind]": lambda: overview.render(other, None),
        "overview.render_control": lambda: overview.render_control(w, None),
        "overview.render_control[Nordvind]": lambda: overview.render_control(other, None),
        # Cold: the report with every unanswered thread, not the overview's cached one.
        "dialogue.render": lambda: dialogue.render(w, None),
        "mentions.table": table(w),
        "mentions.table[page 40]": table(w, 40),
        "mentions.table[search]": table(search),
        "mentions.table[search, word in 90 % of posts]": table(common),
        "mentions.table[source+tone]": table(source),
        "mentions.table[sort neg]": table(sort_neg),
        "topics.render": lambda: topics.render(w, None),
        "topics.render_rising": lambda: topics.render_rising(w, None),
        "topics.render_stories": lambda: topics.render_stories(w, None),
        "sources.render": lambda: sources.render(w, None),
        "sources.render_authors": lambda: sources.render_authors(w, None),
        "sources.render_channels": lambda: sources.render_channels(w, None),
        "compare.render": lambda: compare.render(w, None),
    }


def _timed(name: str, fn, reps: int, clear, results: dict) -> None:
    fn()  # warm the OS page cache and imports; the timed runs still clear koll's caches
    ms = _time(fn, reps, clear)
    results[name] = {"p50_ms": round(statistics.median(ms), 1), "p95_ms": round(_pct(ms, 0.95), 1)}
    print(f"{name:52s} p50 {results[name]['p50_ms']:8.1f} ms   p95 {results[name]['p95_ms']:8.1f} ms",
          flush=True)  # fmt: skip


def _first_page_load(default, reps: int, clear) -> tuple[float, float]:
    """The page layout plus every callback it triggers: cold, and as `koll serve` prewarms it."""
    from dashboard import data
    from dashboard.pages import overview

    p = default.as_dict()

    def load():
        overview.layout()
        overview.render_head(p, None)
        overview.render(p, None)
        overview.render_control(p, None)
        data.data_version()

    first = _time(load, reps, clear)
    clear()
    data.prewarm().join()
    warm = _time(load, reps, lambda: None)
    return round(statistics.median(first), 1), round(statistics.median(warm), 1)


def run(n: int, reps: int, db: Path | None, keep: bool, comments: int = 0,
        windows: tuple[int, ...] = WINDOWS, url: str | None = None,
        only: tuple[str, ...] = ()) -> dict:  # fmt: skip
    from dashboard import data
    from dashboard.pages import mentions, overview

    folder = Path(tempfile.mkdtemp(prefix="koll-bench-"))
    settings, default, fill_s, analyse_s = _prepare(n, db, comments, folder, url)
    from dashboard.app import freeze_heap

    freeze_heap()  # as `koll serve` does once its app is built

    def clear():
        # A topics page starts a period's topic search in the background (3-5 s of CPU at a
        # million mentions). Left running, it slowed whichever callbacks came next (dialogue and
        # compare at 365 d: p50 ~100 ms alone, p95 ~380 ms after the topics page), so each
        # callback is timed alone; the search itself is not a callback and is not timed.
        data.settle(timeout=None)
        data._cache.clear()

    results: dict = {}
    for name, fn in {
        "overview.layout": lambda: overview.layout(),
        "mentions.layout": lambda: mentions.layout(),
        "data_version (refresh tick)": data.data_version,
    }.items():
        _timed(name, fn, reps, clear, results)
    for days in windows:
        since = (datetime.fromisoformat(default.until) - timedelta(days=days - 1)).date()
        w = default.replace(since=since.isoformat()).as_dict()
        for name, fn in _cases(w).items():
            if only and not any(o in name for o in only):
                continue  # --only: time just the callbacks being worked on
            _timed(f"{name}[{days} d]", fn, reps, clear, results)
    first, warm = _first_page_load(default, reps, clear)
    worst = max(results, key=lambda k: results[k]["p95_ms"])
    out = {
        "benchmark": "dashboard",
        "engine": data.store().dialect,
        "mentions": n,
        "comments": comments,
        "period": f"{default.since}..{default.until}",
        "windows_days": list(windows),
        "fill_s": round(fill_s, 1),
        "analyse_s": round(analyse_s, 1),
        "first_page_load_ms": first,
        "first_page_load_prewarmed_ms": warm,
        "callbacks": results,
        "worst_by_window": {
            days: max(
                (k for k in results if k.endswith(f"[{days} d]")),
                key=lambda k: results[k]["p95_ms"],
                default=None,
            )
            for days in windows
        },  # fmt: skip
        "over_300_ms": sorted(k for k, v in results.items() if v["p95_ms"] > 300),
        "worst_callback": worst,
        "p50_ms": results[worst]["p50_ms"],
        "p95_ms": results[worst]["p95_ms"],
    }
    if not keep:
        data.store().close()
        for f in folder.iterdir():
            f.unlink()
        folder.rmdir()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="synthetic mentions (default 1000000)")
    ap.add_argument("--reps", type=int, default=9, help="timed runs per callback (default 9)")
    ap.add_argument("--db", type=Path, help="reuse (or create) this SQLite file")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("--url", help="time this database (e.g. PostgreSQL) instead: the SQLite "
                    "store is filled, then copied into it when it is empty")  # fmt: skip
    ap.add_argument("--comments", type=int, default=0, help="threaded comments to add (0)")
    ap.add_argument("--only", default="", help="time only the window callbacks whose name "
                    "contains one of these comma-separated texts (e.g. topics.render_rising)")  # fmt: skip
    ap.add_argument("--windows", default=",".join(map(str, WINDOWS)),
                    help="window lengths in days, ending at the newest day (7,30,90,365)")  # fmt: skip
    args = ap.parse_args(argv)
    windows = tuple(int(x) for x in args.windows.split(",") if x.strip())
    only = tuple(x for x in args.only.split(",") if x.strip())
    out = run(args.n, args.reps, args.db, args.keep, args.comments, windows, args.url, only)
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
