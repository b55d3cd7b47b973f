"""`python -m bench.ingest --searches N`: N [[searches]] against N plain feeds, first runs compared.

The N searches take the five types in turn (bench/social_docs.py makes each platform's document
shape, --entries entries each); each type's platform is served from its own loopback host, and
the same number of plain generated feeds (bench.ingest's) from the same hosts. Both go through
`koll ingest`'s whole first run (fetch, parse with the platform quirks, dedup, match, score,
store into a fresh SQLite database), in turn, --repeat times each; the best time of each is
compared (the machine is shared, so the fastest run is the least disturbed; the order
alternates so that neither mode always runs first in the process). Peak memory is the
PSS of the run's process tree, as in bench.ingest. The last line printed is one JSON object.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench import social_docs
from bench.ingest import BRAND, _sample_memory, make_feed

# The plain feeds are bench.ingest's documents; every search and feed gets its own path.
PLAIN = "/feed/{i}.xml"


def _search_path(i: int) -> str:
    """Where the i-th search's feed is served: /TYPE + the path feed_url gives its platform."""
    from ingest.sources import feed_url

    s = social_docs.search(i)
    return f"/{s.type}" + feed_url(s, {s.type: ""})


def _host_of(i: int, hosts: list[str]) -> str:
    return hosts[i % len(hosts)]  # search i's type is i % 5: one platform per host


def _serve(n: int, entries: int, hosts: list[str], ports, ready) -> None:
    """Child process: the plain feeds and the searches' documents, one server per host."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.feedserver import FeedServer

    servers = {host: FeedServer(host) for host in hosts}
    for i in range(n):
        host = _host_of(i, hosts)
        plain = make_feed(i, entries, host)
        servers[host].add(PLAIN.format(i=i), plain, etag=f'"p{i}"')
        servers[host].add(_search_path(i), social_docs.document(i, entries), etag=f'"s{i}"')
    for host, srv in servers.items():
        srv.start()
        ports[host] = srv.httpd.server_address[1]
    ready.set()
    while True:  # serve until the parent terminates this process
        time.sleep(3600)


def _config(folder: Path, n: int, hosts: list[str], ports, searches: bool):
    """Settings for a fresh workspace in `folder`: N plain feeds, or N searches served locally."""
    from koll.config import load_settings

    lines = [
        '[storage]\nurl = "sqlite:///koll.db"\n',
        f'[[brands]]\nname = "{BRAND}"\n',
        "[fetch]\nper_host_gap_s = 0\nper_host_concurrency = 8\nconcurrency = 32\n",
    ]
    for i in range(n):
        host = _host_of(i, hosts)
        if not searches:
            lines.append(f'[[feeds]]\nurl = "http://{host}:{ports[host]}{PLAIN.format(i=i)}"\n')
            continue
        keys = social_docs.search(i).describe()
        lines.append("[[searches]]\n" + "".join(f'{k} = "{v}"\n' for k, v in keys.items()))
    (folder / "koll.toml").write_text("".join(lines), encoding="utf-8")
    settings = load_settings(folder / "koll.toml", env={})
    if searches:
        bases = {
            t: f"http://{_host_of(k, hosts)}:{ports[_host_of(k, hosts)]}/{t}"
            for k, t in enumerate(social_docs.TYPES)
        }
        settings = replace(settings, search_bases=bases)
    return settings


def _first_run(ctx, manager, settings, exclude: list[int]) -> dict:
    from ingest.run import ingest_once

    peak, stop, cpu = ctx.Value("d", 0.0), ctx.Event(), manager.dict()
    sampler = ctx.Process(
        target=_sample_memory, args=(os.getpid(), exclude, peak, stop, cpu), daemon=True
    )
    sampler.start()
    t, c = time.perf_counter(), time.process_time()
    report = ingest_once(settings=settings)
    seconds, main_cpu = time.perf_counter() - t, time.process_time() - c
    time.sleep(0.3)  # the sampler's last look at the workers
    stop.set()
    sampler.join()
    return {
        "s": seconds,
        # CPU seconds of this process and its workers: what the run costs whatever the
        # machine's load (the wall time on a busy shared machine measures the neighbours too)
        "cpu_s": main_cpu + sum(cpu.values()),
        "new_items": report.new_items,
        "failed": report.feeds_failed,
        "parsed_fast": report.parsed_fast,
        "peak_mb": peak.value / 1e6,
    }


def run(args) -> dict:
    """Both first runs, --repeat times in turn; the result as one dict."""
    from analysis import sentiment

    n = args.searches
    hosts = [f"127.0.0.{h + 1}" for h in range(len(social_docs.TYPES))]
    ctx = multiprocessing.get_context("spawn")
    manager = ctx.Manager()
    ports, ready = manager.dict(), manager.Event()
    server = ctx.Process(target=_serve, args=(n, args.entries, hosts, ports, ready), daemon=True)
    server.start()
    ready.wait(120)
    sentiment.current_model()
    exclude = [server.pid, manager._process.pid]
    runs: dict[str, list[dict]] = {"feeds": [], "searches": []}
    try:
        for r in range(args.repeat):
            # in turn, the other way round every other time: a first run in a fresh process
            # pays for loading what the second finds loaded, and neither mode should get that
            for mode in ("feeds", "searches")[:: 1 if r % 2 == 0 else -1]:
                with tempfile.TemporaryDirectory() as tmp:
                    settings = _config(Path(tmp), n, hosts, ports, mode == "searches")
                    runs[mode].append(_first_run(ctx, manager, settings, exclude))
    finally:
        server.terminate()
        manager.shutdown()
    best = {mode: min(r["s"] for r in rs) for mode, rs in runs.items()}
    cpu = {mode: min(r["cpu_s"] for r in rs) for mode, rs in runs.items()}
    last = {mode: rs[-1] for mode, rs in runs.items()}
    return {
        "searches": n,
        "entries": args.entries,
        "hosts": len(hosts),
        "repeat": args.repeat,
        "feeds_first_run_s": round(best["feeds"], 2),
        "searches_first_run_s": round(best["searches"], 2),
        "ratio_searches_vs_feeds": round(best["searches"] / best["feeds"], 3),
        "feeds_cpu_s": round(cpu["feeds"], 2),
        "searches_cpu_s": round(cpu["searches"], 2),
        "ratio_searches_vs_feeds_cpu": round(cpu["searches"] / cpu["feeds"], 3),
        "feeds_runs_s": [round(r["s"], 2) for r in runs["feeds"]],
        "searches_runs_s": [round(r["s"], 2) for r in runs["searches"]],
        "feeds_new_items": last["feeds"]["new_items"],
        "searches_new_items": last["searches"]["new_items"],
        "searches_failed": last["searches"]["failed"],
        "searches_parsed_fast": last["searches"]["parsed_fast"],
        "feeds_peak_mb": round(max(r["peak_mb"] for r in runs["feeds"])),
        "searches_peak_mb": round(max(r["peak_mb"] for r in runs["searches"])),
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }
