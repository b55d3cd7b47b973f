"""Benchmark: `koll analyse` re-matching a large store after koll.toml's brands changed.

    python -m bench.rematch [--items 1000000] [--dir DIR] [--keep]

Fills an SQLite store with `items` synthetic Swedish items (title and ~300 characters of text;
about a third name Fjällkraft in its many forms, some its handle, some the look-alike
Fjällkraftverket, some Nordvind) and their mentions as a first configuration found them (the
name alone). Then times, each in the same process and on the same file:

- scan: reading every item's columns in re-matching's batches, without matching (the floor: what
  the database alone costs);
- rematch_one: koll.toml gains an alias and an exclusion for Fjällkraft: re-matching that brand;
- rematch_new: a new brand with a boolean query, plus a person for Fjällkraft: two brands at once;
- unchanged: the next `koll analyse` re-matching step with nothing changed (must be instant).

Progress is shown on a terminal as `koll analyse` shows it. Prints one JSON line last.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from analysis.brands import Brand
from bench import api
from koll.config import Settings
from koll.jobs import rematch
from koll.store import Store
from koll.store import rematch as sr
from koll.store.schema import items, mentions

CHUNK = 10_000
# bench.api's everyday words, plus words that look like a brand but are not one (lowercase
# Swedish words and the dialect Skanska must not match).
WORDS = [*api.WORDS, "kommunen", "skånska", "sommaren", "vattenfallet", "klarnade", "posten"]
# (share of items, phrase, names Fjällkraft by name, by handle, Nordvind)
MENTIONS = [
    (0.12, "Fjällkraft höjer priset", True, False, False),
    (0.06, "Fjällkrafts kunder klagar", True, False, False),
    (0.04, "alla Fjällkraftkunder fick mejl", True, False, False),
    (0.03, "Besök Fjällkraftverket i sommar", True, False, False),  # excluded later
    (0.04, "tack @fjallkraft för svaret", False, True, False),
    (0.08, "Nordvind sänker priset", False, False, True),
    (0.02, "hård nordvind i natt", False, False, False),
]


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _rows(n_items: int, seed: int = 5):
    """(item rows, mention rows) in chunks; mentions as the first configuration matched them."""
    rng = random.Random(seed)
    end = datetime(2026, 11, 23, 20)
    for start in range(1, n_items + 1, CHUNK):
        its, ms = [], []
        for i in range(start, min(n_items, start + CHUNK - 1) + 1):
            pub = end - timedelta(seconds=rng.randrange(365 * 86400))
            r, phrase, fj, nv = rng.random(), "", False, False
            for share, text, by_name, _handle, nordvind in MENTIONS:
                if r < share:
                    phrase, fj, nv = text, by_name, nordvind
                    break
                r -= share
            source = f"sajt{rng.randrange(300)}.example.se"
            body = f"{_text(rng, 18)} {phrase} {_text(rng, 22)}."
            row = dict(
                id=i, key=f"https://{source}/a/{i}", url=f"https://{source}/a/{i}",
                title=f"{_text(rng, 5).capitalize()}", text=body, published=pub,
                published_estimated=False, day=pub.date().isoformat(), first_seen=pub,
                author=f"Skribent {rng.randrange(2000)}", source=source, kind="news",
                content_hash=f"{i:032x}",
            )  # fmt: skip
            its.append(row)
            for brand, yes in (("Fjällkraft", fj), ("Nordvind", nv)):
                if yes:
                    ms.append(
                        dict(
                            item_id=i, brand=brand, owned=False, day=row["day"], published=pub,
                            source=source, kind="news", label="neu", score=0.0, confidence=0.8,
                            model="bench",
                        )
                    )  # fmt: skip
        yield its, ms


def fill(store: Store, n_items: int) -> float:
    t0 = time.perf_counter()
    for its, ms in _rows(n_items):
        with store.begin() as conn:
            conn.execute(items.insert(), its)
            if ms:
                conn.execute(mentions.insert(), ms)
    return time.perf_counter() - t0


def _settings(url: str, brands: tuple[Brand, ...]) -> Settings:
    return Settings(config_path=Path("bench.toml"), database_url=url, brands=brands)


def _progress(done: int, total: int, brands: list[str]) -> None:
    """As `koll analyse` shows it on a terminal; into a log, one line per tenth of the items."""
    line = f"  {', '.join(brands)}: {done:,} of {total:,} items ({time.strftime('%H:%M:%S')})"
    if sys.stderr.isatty():
        print("\r" + line, end="\n" if done >= total else "", file=sys.stderr, flush=True)
    elif done * 10 // total != (done - rematch.BATCH) * 10 // total or done >= total:
        print(line, file=sys.stderr, flush=True)


def _scan(store: Store) -> float:
    t0 = time.perf_counter()
    after = 0
    while True:
        with store.connect() as conn:
            rows = sr.item_batch(conn, after, rematch.BATCH)
        if not rows:
            break
        after = rows[-1].id
    return time.perf_counter() - t0


def _timed(store: Store, settings: Settings, out: dict, name: str) -> dict:
    """Re-match with `settings`; wall and CPU seconds into out[name + "_s" / "_cpu_s"] (the
    machine is shared: CPU time says what the work costs, wall time what a user waits)."""
    t0, c0 = time.perf_counter(), time.process_time()
    res = rematch.rematch_changed(store, settings, datetime.now(UTC), progress=_progress)
    out[name + "_s"] = round(time.perf_counter() - t0, 3)
    out[name + "_cpu_s"] = round(time.process_time() - c0, 3)
    print(f"{name} {out[name + '_s']:.1f} s (CPU {out[name + '_cpu_s']:.1f} s) {res}", flush=True)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.rematch", description=__doc__)
    ap.add_argument("--items", type=int, default=1_000_000)
    ap.add_argument("--dir", type=Path, help="where the SQLite file goes (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(dir=args.dir))
    url = f"sqlite:///{work / 'bench.db'}"
    out: dict = {"bench": "rematch", "items": args.items}
    try:
        store = Store(url)
        out["fill_s"] = round(fill(store, args.items), 1)
        first = (Brand("Fjällkraft"), Brand("Nordvind", exclude=("hård nordvind",)))
        # The first configuration's fingerprints, as if `koll analyse` had matched with it.
        with store.begin() as conn:
            for name, fp in rematch.wanted_fingerprints(_settings(url, first)).items():
                sr.save_fingerprint(conn, name, fp, datetime.now(UTC))
        out["scan_s"] = round(_scan(store), 1)
        print(f"scan {out['scan_s']} s", flush=True)
        fj = replace(first[0], aliases=("@fjallkraft",), exclude=("Fjällkraftverket",))
        second = (fj, first[1])
        out["rematch_one"] = _timed(store, _settings(url, second), out, "rematch_one")
        third = (
            replace(fj, people=("Anna Berg",)),
            first[1],
            Brand("Vindkraft", query='"lokal vindkraft" OR (förnybar NEAR/3 elavtal)'),
        )
        out["rematch_new"] = _timed(store, _settings(url, third), out, "rematch_new")
        _timed(store, _settings(url, third), out, "unchanged")
        out["rematch_one_min"] = round(out["rematch_one_s"] / 60, 1)
        out["items_per_s_one"] = round(args.items / out["rematch_one_s"])
        out["ratio_one_to_scan"] = round(out["rematch_one_s"] / out["scan_s"], 2)
        store.close()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
