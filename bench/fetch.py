"""Benchmark ingest/fetch.py alone: N feeds from several local hosts, 200s then 304s.

    python -m bench.fetch [--feeds 1000] [--hosts 8] [--kb 27]

The feed servers run in a separate process (so this process's CPU is the HTTP client's only)
and count the TCP connections they accept: with keep-alive working, a pass needs about as many
connections as the client keeps open (concurrency), not one per feed. Politeness is off
(per_host_gap_s = 0) and the limits are those bench.ingest uses. Two passes: every feed
answered 200 with a body of about --kb KB, then every feed asked again with its ETag (304).
The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import sys
import time
from pathlib import Path


def _serve(feeds: int, hosts: list[str], kb: int, ports, conns, ready, stop) -> None:
    """Child process: one threaded feed server per host; `conns[host]` counts accepted sockets."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.feedserver import FeedServer

    servers = {host: FeedServer(host) for host in hosts}
    counts = dict.fromkeys(hosts, 0)
    for host, srv in servers.items():
        accept = srv.httpd.get_request

        def counting(accept=accept, host=host):
            conn = accept()
            counts[host] += 1
            return conn

        srv.httpd.get_request = counting
    body = (
        b"<rss><channel>"
        + b"<item><title>x</title></item>" * (kb * 1024 // 29)
        + b"</channel></rss>"
    )
    for i in range(feeds):
        servers[hosts[i % len(hosts)]].add(f"/feed/{i}.xml", body, etag=f'"{i}"')
    for host, srv in servers.items():
        srv.start()
        ports[host] = srv.httpd.server_address[1]
    ready.set()
    while not stop.wait(0.05):
        conns.update(counts)
    conns.update(counts)


async def _pass(urls: list[str], conditional: bool, settings) -> tuple[float, float, dict]:
    from ingest.fetch import Fetcher, FetchRequest

    t, c = time.perf_counter(), time.process_time()
    async with Fetcher(settings) as f:
        reqs = [
            FetchRequest(i, u, etag=f'"{i}"' if conditional else None) for i, u in enumerate(urls)
        ]
        results = await asyncio.gather(*(f.fetch(r) for r in reqs))
    outcomes: dict[str, int] = {}
    for r in results:
        outcomes[r.outcome] = outcomes.get(r.outcome, 0) + 1
    return time.perf_counter() - t, time.process_time() - c, outcomes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--hosts", type=int, default=8)
    ap.add_argument("--kb", type=int, default=27)
    args = ap.parse_args(argv)

    from koll.config import FetchSettings

    hosts = [f"127.0.0.{h + 1}" for h in range(args.hosts)]
    ctx = multiprocessing.get_context("spawn")
    manager = ctx.Manager()
    ports, conns, ready, stop = manager.dict(), manager.dict(), manager.Event(), manager.Event()
    server = ctx.Process(
        target=_serve, args=(args.feeds, hosts, args.kb, ports, conns, ready, stop), daemon=True
    )
    server.start()
    ready.wait(60)
    urls = [
        f"http://{h}:{ports[h]}/feed/{i}.xml"
        for i in range(args.feeds)
        for h in [hosts[i % len(hosts)]]
    ]
    settings = FetchSettings(per_host_gap_s=0, per_host_concurrency=8, concurrency=32)
    result: dict = {"feeds": args.feeds, "hosts": len(hosts), "kb": args.kb}
    for name, conditional in (("ok", False), ("not_modified", True)):
        before = sum(conns.values())
        wall, cpu, outcomes = asyncio.run(_pass(urls, conditional, settings))
        time.sleep(0.2)  # the server process publishes its counts every 50 ms
        result[f"{name}_s"] = round(wall, 2)
        result[f"{name}_cpu_s"] = round(cpu, 2)
        result[f"{name}_connections"] = sum(conns.values()) - before
        result[f"{name}_outcomes"] = outcomes
    stop.set()
    server.join(5)
    server.terminate()
    manager.shutdown()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
