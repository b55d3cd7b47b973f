"""Optional full text of linked articles when a feed only carries a teaser, respecting robots.txt.

Extraction uses trafilatura (a maintained main-text extractor), an optional extra:
`pip install 'koll[fulltext]'`. Pages are fetched with koll's HTTP client, so the same caps,
timeouts and per-host politeness apply; robots.txt is read once per host and obeyed for koll's
user agent (a missing robots.txt allows everything, an unreachable one allows nothing).
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from ingest.config import FetchSettings
from ingest.fetch import Fetcher, FetchRequest

# A feed text shorter than this (characters) is a teaser worth replacing, if the page has more.
TEASER_CHARS = 400


class FullTextUnavailable(Exception):
    """The extraction library is not installed; the message says how to get it."""


def _extractor():
    try:
        import trafilatura
    except ImportError:
        raise FullTextUnavailable(
            "full text needs the optional extraction library: pip install 'koll[fulltext]'"
        ) from None
    return trafilatura


def is_teaser(text: str) -> bool:
    return len(text.strip()) < TEASER_CHARS


def extract(html: str, url: str) -> str | None:
    """The main text of an article page, or None when nothing article-like is found."""
    text = _extractor().extract(html, url=url, include_comments=False, include_tables=False)
    return text.strip() if text else None


class _Robots:
    """robots.txt per host (scheme://host:port), fetched once per run."""

    def __init__(self, fetcher: Fetcher, agent: str):
        self.fetcher, self.agent = fetcher, agent
        self.cache: dict[str, RobotFileParser | None] = {}

    async def allowed(self, url: str) -> bool:
        p = urlsplit(url)
        root = urlunsplit((p.scheme, p.netloc, "", "", ""))
        if root not in self.cache:
            res = await self.fetcher.fetch(FetchRequest(0, root + "/robots.txt"))
            rp = RobotFileParser()
            if res.outcome == "ok":
                rp.parse(res.body.decode("utf-8", "replace").splitlines())
            elif res.status in (404, 410):
                rp.parse([])  # no robots.txt: everything is allowed
            else:
                rp = None  # unreachable or forbidden: stay away
            self.cache[root] = rp
        rp = self.cache[root]
        return rp is not None and rp.can_fetch(self.agent, url)


async def _fetch_texts(urls: list[str], settings: FetchSettings) -> dict[str, str]:
    out: dict[str, str] = {}
    async with Fetcher(settings) as fetcher:
        robots = _Robots(fetcher, settings.user_agent.split("/")[0])

        async def one(url: str) -> None:
            if not await robots.allowed(url):
                return
            res = await fetcher.fetch(FetchRequest(0, url))
            if res.outcome == "ok":
                html = res.body.decode("utf-8", "replace")
                text = await asyncio.get_running_loop().run_in_executor(None, extract, html, url)
                if text:
                    out[url] = text

        await asyncio.gather(*(one(u) for u in urls))
    return out


def fetch_full_texts(urls: list[str], settings: FetchSettings | None = None) -> dict[str, str]:
    """{url: article text} for the pages robots.txt lets koll fetch and that have a main text."""
    _extractor()  # fail early and clearly when the extra is missing
    return asyncio.run(_fetch_texts(list(dict.fromkeys(urls)), settings or FetchSettings()))
