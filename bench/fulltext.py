"""Benchmark full text of teaser items: trafilatura's cost per page, and one feed's pages end to end.

    python -m bench.fulltext [--pages 20] [--repeat 30]

1. Extraction alone (ingest.fulltext.extract, the CPU part) on Swedish news pages of three sizes
   (tests/article_pages.py: scripts, navigation, cookie banner, most-read list, footer), median
   milliseconds per page.
2. fill_teasers for one feed of `--pages` teaser items whose pages a local server serves
   (robots.txt included), with politeness off (per_host_gap_s = 0) so that it measures koll, not
   the configured sleeps: wall time, and main-process CPU with extraction in a thread.

The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from dataclasses import replace
from datetime import UTC, datetime

from ingest import fulltext
from ingest.fetch import Fetcher
from ingest.parse import parse
from koll.config import FetchSettings

SIZES = {"small": (8, 20, 40), "typical": (20, 100, 200), "large": (60, 400, 800)}


def _extraction(repeat: int) -> dict:
    from tests.article_pages import article_page

    out = {}
    for name, (paragraphs, script_kb, nav) in SIZES.items():
        html = article_page(paragraphs=paragraphs, script_kb=script_kb, nav_links=nav)
        fulltext.extract(html, "https://exempel.se/a")  # warm-up: imports, caches
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            fulltext.extract(html, "https://exempel.se/a")
            times.append(time.perf_counter() - t)
        out[name] = {
            "kb": len(html.encode()) // 1024,
            "ms": round(statistics.median(times) * 1000, 1),
        }
    return out


def _one_feed(pages: int) -> dict:
    from tests.article_pages import article_page
    from tests.feedserver import FeedServer, rss

    server = FeedServer().start()
    try:
        server.add("/robots.txt", "User-agent: *\nDisallow: /privat/\n")
        entries = []
        for i in range(pages):
            server.add(
                f"/nyheter/{i}",
                article_page(title=f"Nyhet {i}", paragraphs=20, script_kb=100, nav_links=200),
                headers={"Content-Type": "text/html; charset=utf-8"},
            )
            entries.append(
                {
                    "title": f"Nyhet {i}",
                    "link": server.url(f"/nyheter/{i}"),
                    "text": "Kort ingress …",
                }
            )
        now = datetime.now(UTC)
        items = parse(rss(entries), feed_url=server.url("/feed.xml"), now=now).items
        settings = replace(
            FetchSettings(), per_host_gap_s=0, per_host_concurrency=4, fulltext_max_pages=pages
        )

        async def go():
            async with Fetcher(settings) as fetcher:
                robots = fulltext.RobotsCache(fetcher)
                return await fulltext.fill_teasers(fetcher, items, settings, robots)

        cpu, wall = time.process_time(), time.perf_counter()
        out = asyncio.run(go())
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        filled = sum(a.text != b.text for a, b in zip(items, out, strict=True))
    finally:
        server.stop()
    return {
        "pages": pages,
        "filled": filled,
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "ms_per_page": round(wall / pages * 1000, 1),
        # What politeness adds on a real host: one request start per gap.
        "polite_floor_s": round(pages * FetchSettings().per_host_gap_s, 1),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args(argv)
    extraction = _extraction(args.repeat)
    for name, r in extraction.items():
        print(f"extract {name:8s} {r['kb']:4d} KB: {r['ms']:6.1f} ms/page")
    feed = _one_feed(args.pages)
    print(f"one feed: {feed['filled']}/{feed['pages']} pages filled in {feed['wall_s']} s")
    print(json.dumps({"benchmark": "fulltext", "extract": extraction, "feed": feed}))


if __name__ == "__main__":
    main()
