"""Benchmark: stories, topics, control and alerts over 100,000 and 1,000,000 synthetic mentions.

    python -m bench.analysis [--sizes 100000,1000000] [--store]

Mentions are generated with a fixed seed: Zipf-distributed pseudo-Swedish words, five brands,
2,000 sources over a year, and 10 % light rewrites of an earlier item published hours later (so
stories exist), titled as feeds title them (titles_and_kinds: a headline, the post's first
words, none, or a comment's title of the post it comments). With --store the same mentions are
written to an SQLite store and `koll analyse`'s own steps run on it (SQL reads and writes included), plus one 30-day control report.
Each stage reports wall seconds and the process's peak resident memory while it
ran (sampled from /proc every 20 ms), plus CPU seconds (steadier than wall time on a shared
machine); growth from the smallest to the largest size is compared with n·log n. The last line
is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta

import numpy as np
import pandas as pd

from analysis.alerts import spikes
from analysis.control import control_components
from analysis.stories import cluster_stories
from analysis.topics import brand_words, doc_texts, find_topics
from analysis.trends import rising_terms

BRANDS = ["Fjällkraft", "Nordvind", "Solkraft", "Älvenergi", "Kustel"]
KEY_MESSAGES = ["förnybar el till alla", "lokal vindkraft"]
_SYL = [
    "ka",
    "la",
    "mo",
    "ve",
    "ri",
    "st",
    "ön",
    "är",
    "be",
    "fa",
    "gu",
    "ho",
    "in",
    "jä",
    "ku",
    "le",
    "ma",
    "ne",
    "or",
    "pa",
    "rå",
    "sa",
    "te",
    "ul",
    "vi",
    "yr",
    "ål",
    "ek",
    "dr",
    "sk",
]


def _page_size() -> int:
    import os

    return os.sysconf("SC_PAGE_SIZE")


class PeakRSS:
    """Samples this process's resident memory in a thread; `peak_mb` after the block."""

    def __init__(self, interval: float = 0.02):
        self.interval, self.peak = interval, 0
        self._stop = threading.Event()
        self._page = _page_size()

    def _rss(self) -> int:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * self._page

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._rss())
            time.sleep(self.interval)

    def __enter__(self) -> PeakRSS:
        self.start = self.peak = self._rss()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, self._rss())

    @property
    def peak_mb(self) -> float:
        return round(self.peak / 2**20, 1)


def vocabulary(rng: np.random.Generator, size: int = 20_000) -> np.ndarray:
    words = set()
    while len(words) < size:
        k = rng.integers(2, 5)
        words.add("".join(rng.choice(_SYL, k)))
    return np.array(sorted(words))


def titles_and_kinds(texts: list[str], vocab: np.ndarray, seed: int) -> tuple[list[str], list[str]]:
    """A title and kind per text, as feeds give them: a headline of its own (half), the post's
    first words with "…" (a fifth: ingestion titles Mastodon and Bluesky posts with their first
    line, which analysis.item_text reads once), none (a tenth), or a comment's "Kommentar till
    <post> av <name>" (a fifth, kind "comments": topics leave that title out). A generator of
    its own, so that the texts and everything drawn after them stay those of earlier runs."""
    rng = np.random.default_rng(seed + 1)
    shape = rng.choice(4, len(texts), p=[0.5, 0.2, 0.1, 0.2])
    titles, kinds = [], []
    for text, k in zip(texts, shape, strict=True):
        if k == 1:
            titles.append(" ".join(text.split(" ")[:8]) + " …")
        elif k == 2:
            titles.append("")
        else:
            head = " ".join(vocab[rng.integers(0, len(vocab), rng.integers(4, 9))]).capitalize()
            titles.append(f"Kommentar till {head} av {vocab[rng.integers(0, 50)]}" if k else head)
        kinds.append("comments" if k == 3 else "news")
    return titles, kinds


def generate(n: int, seed: int = 7) -> pd.DataFrame:
    """n mentions (columns as koll.store.items.load_mentions returns them)."""
    rng = np.random.default_rng(seed)
    vocab = vocabulary(rng)
    ranks = np.arange(1, len(vocab) + 1)
    p = 1 / ranks**1.05
    p /= p.sum()
    n_orig = int(n * 0.9)
    length = rng.integers(30, 60, n_orig)
    words = rng.choice(len(vocab), int(length.sum()), p=p)
    brand = rng.integers(0, len(BRANDS), n)
    texts = []
    pos = 0
    km = rng.random(n_orig) < 0.05
    for i in range(n_orig):
        w = vocab[words[pos : pos + length[i]]]
        pos += length[i]
        t = " ".join(w)
        if km[i]:
            t += " vi vill ge förnybar el till alla"
        texts.append(f"{BRANDS[brand[i]]} {t}")
    start = pd.Timestamp("2025-11-01", tz="UTC")
    published = start + pd.to_timedelta(np.sort(rng.random(n_orig)) * 365 * 86400, unit="s")
    # Light rewrites: an earlier item, two words swapped, a few hours later, another site.
    src = rng.integers(0, n_orig, n - n_orig)
    copies = []
    for j, s in enumerate(src):
        parts = texts[s].split(" ")
        for _ in range(2):
            parts[rng.integers(1, len(parts))] = vocab[rng.integers(0, len(vocab))]
        copies.append(" ".join(parts))
        brand[n_orig + j] = brand[s]
    copy_pub = published[src] + pd.to_timedelta(rng.random(len(src)) * 6 * 3600, unit="s")
    sources = np.array([f"site{k}.example.se" for k in range(2000)])
    src_rank = np.minimum(rng.zipf(1.3, n), 2000) - 1
    titles, kinds = titles_and_kinds(texts + copies, vocab, seed)
    df = pd.DataFrame(
        {
            "item_id": np.arange(1, n + 1),
            "key": [f"https://x/{i}" for i in range(n)],
            "title": titles,
            "text": texts + copies,
            "published": np.concatenate([published.to_numpy(), copy_pub.to_numpy()]),
            "brand": np.array(BRANDS)[brand],
            "owned": rng.random(n) < 0.1,
            "person": None,
            "label": rng.choice(["pos", "neu", "neg"], n, p=[0.25, 0.55, 0.2]),
            "source": sources[src_rank],
            "kind": kinds,
        }
    )
    df["published"] = pd.to_datetime(df["published"], utc=True)
    df["day"] = df["published"].dt.tz_convert("Europe/Stockholm").dt.strftime("%Y-%m-%d")
    return df.sort_values("published", kind="stable").reset_index(drop=True)


def _stage(name: str, fn: Callable[[], object], out: dict) -> object:
    gc.collect()
    with PeakRSS() as mem:
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    out[name] = {
        "seconds": round(secs, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_rss_mb": mem.peak_mb,
        "rss_before_mb": round(mem.start / 2**20, 1),
    }
    print(f"  {name:10} {secs:8.1f} s  (cpu {cpu:7.1f} s)  peak {mem.peak_mb:8.0f} MB", flush=True)
    return result


def run(n: int) -> dict:
    out: dict = {"mentions": n}
    t0 = time.perf_counter()
    df = generate(n)
    out["generate_seconds"] = round(time.perf_counter() - t0, 1)
    print(f"{n} mentions generated in {out['generate_seconds']} s", flush=True)
    story = _stage("stories", lambda: cluster_stories(df), out)
    df["story_id"] = story
    out["stories_multi"] = int((df["story_id"].value_counts() > 1).sum())

    def topics() -> int:
        total = 0
        last = df["day"].max()
        since = (date.fromisoformat(last) - timedelta(days=29)).isoformat()
        for b in BRANDS:
            mine = df[df["brand"] == b]
            words = brand_words([b])
            total += len(find_topics(mine[mine["day"] >= since], drop_words=words).topics)
            total += len(find_topics(mine, drop_words=words).topics)
        return total

    out["topics_found"] = _stage("topics", topics, out)

    def control() -> dict:
        res = {}
        counts = df["brand"].value_counts()
        for b in BRANDS:
            mine = df[df["brand"] == b]
            res[b] = control_components(
                mine,
                key_messages=KEY_MESSAGES,
                competitor_mentions=int(counts.sum() - counts[b]),
                previous_sources=set(),
            )
        return res

    ctl = _stage("control", control, out)
    out["control_index_first_brand"] = round(ctl[BRANDS[0]]["control_index"], 2)

    def alerts() -> int:
        found = 0
        last = df["day"].max()
        base_start = (date.fromisoformat(last) - timedelta(days=14)).isoformat()
        for b in BRANDS:
            mine = df[df["brand"] == b]
            daily = (
                mine.groupby("day")
                .agg(
                    mentions=("key", "size"),
                    earned=("owned", lambda s: int((~s).sum())),
                    negative=("label", lambda s: int((s == "neg").sum())),
                )
                .reset_index()
            )
            days = sorted(daily["day"])[-14:]
            found += len(spikes(b, daily, days))
            recent = mine[mine["day"] >= base_start]
            cur = recent["day"] == last
            texts = doc_texts(recent)  # as koll/jobs/alerts.py reads them
            found += len(rising_terms(texts[cur].tolist(), texts[~cur].tolist(), drop=[b]))
        return found

    out["alerts_found"] = _stage("alerts", alerts, out)
    out["total_seconds"] = round(
        sum(out[s]["seconds"] for s in ("stories", "topics", "control", "alerts")), 1
    )
    out["peak_rss_mb"] = max(
        out[s]["peak_rss_mb"] for s in ("stories", "topics", "control", "alerts")
    )
    return out


def fill_store(store, df: pd.DataFrame) -> None:
    """Write the generated mentions into a store as items plus one mention each (bench only)."""
    from koll.store import to_db
    from koll.store.schema import items, mentions

    pub = df["published"].dt.tz_convert("UTC").dt.tz_localize(None)
    for lo in range(0, len(df), 20_000):
        part = df.iloc[lo : lo + 20_000]
        p = pub.iloc[lo : lo + 20_000]
        its = [
            dict(
                id=int(r.item_id),
                key=r.key,
                url=r.key,
                title=r.title,
                text=r.text,
                published=to_db(t.to_pydatetime()),
                published_estimated=False,
                day=r.day,
                first_seen=to_db(t.to_pydatetime()),
                source=r.source,
                kind=r.kind,
                content_hash=f"{int(r.item_id):032x}",
            )
            for r, t in zip(part.itertuples(index=False), p, strict=True)
        ]
        ms = [
            dict(
                item_id=int(r.item_id),
                brand=r.brand,
                owned=bool(r.owned),
                owned_by="feed" if r.owned else None,
                day=r.day,
                published=to_db(t.to_pydatetime()),
                source=r.source,
                kind=r.kind,
                label=r.label,
                model="bench",
            )
            for r, t in zip(part.itertuples(index=False), p, strict=True)
        ]
        with store.begin() as conn:
            conn.execute(items.insert(), its)
            conn.execute(mentions.insert(), ms)


def run_store(n: int) -> dict:
    """`koll analyse`'s steps (reading and writing SQLite) and one control report, over n mentions."""
    import tempfile
    from pathlib import Path

    from koll.config import settings_from_dict
    from koll.jobs.alerts import update_alerts, update_topics
    from koll.jobs.analyse import update_key_messages, update_stories, update_term_counts
    from koll.store import Store
    from koll.store.views import control_report

    out: dict = {"mentions": n, "store": "sqlite"}
    df = generate(n)
    last = pd.Timestamp(df["published"].max()).to_pydatetime()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        settings = settings_from_dict(
            {
                "storage": {"url": url},
                "brands": [{"name": b, "key_messages": KEY_MESSAGES} for b in BRANDS],
            },
            Path(tmp) / "koll.toml",
            env={},
        )
        store = Store(url)
        t0 = time.perf_counter()
        fill_store(store, df)
        out["fill_seconds"] = round(time.perf_counter() - t0, 1)
        print(f"{n} mentions stored in {out['fill_seconds']} s", flush=True)
        del df
        since = pd.Timestamp(last).tz_convert("Europe/Stockholm") - pd.Timedelta(days=29)
        _stage("stories", lambda: update_stories(store, last, full=True), out)
        _stage("keymsg", lambda: update_key_messages(store, settings, last, full=True), out)
        _stage("terms", lambda: update_term_counts(store, settings, last, full=True), out)
        _stage("topics", lambda: update_topics(store, settings, last, full=True), out)
        _stage("alerts", lambda: update_alerts(store, settings, last, deliver=False), out)
        _stage(
            "control",
            lambda: control_report(
                store,
                settings,
                BRANDS[0],
                since.date().isoformat(),
                pd.Timestamp(last).date().isoformat(),
            ),
            out,
        )
        store.close()
    out["total_seconds"] = round(
        sum(
            out[s]["seconds"] for s in ("stories", "keymsg", "terms", "topics", "alerts", "control")
        ),
        1,
    )
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument(
        "--store",
        action="store_true",
        help="instead: `koll analyse`'s steps on an SQLite store of each size",
    )
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.store:
        print(json.dumps({"benchmark": "analysis-store", "runs": [run_store(n) for n in sizes]}))
        return
    results = [run(n) for n in sizes]
    summary: dict = {"benchmark": "analysis", "runs": results}
    if len(results) >= 2:
        a, b = results[0], results[-1]
        ratio = b["mentions"] / a["mentions"]
        nlogn = ratio * math.log(b["mentions"]) / math.log(a["mentions"])
        # CPU seconds are less disturbed than wall time when other work shares the machine.
        for kind, field in (("growth_cpu", "cpu_seconds"), ("growth_wall", "seconds")):
            summary[kind] = {
                s: round(b[s][field] / max(a[s][field], 1e-9), 2)
                for s in ("stories", "topics", "control", "alerts")
            }
        summary["growth_limit_nlogn"] = round(nlogn, 2)
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
