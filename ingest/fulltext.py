"""Full text of linked articles for feeds whose items carry only a teaser, respecting robots.txt.

A feed with `fulltext = true` (koll.toml) gets, for each NEW item whose text is a teaser, the
main text of the item's page instead: fetched with the run's own Fetcher (so the same size caps,
timeouts and per-host politeness apply), allowed by the site's robots.txt for koll's user agent
(read once per host per run), and extracted by trafilatura, a maintained main-text extractor
(an optional extra: `pip install 'koll[fulltext]'`). Extraction is CPU: about 2.5 ms for a 25 KB
news page, 4 ms for 110 KB and 12 ms for 440 KB on an idle core, two to three times that on a
busy one (bench/fulltext.py), so it runs off the event loop (a thread, or the worker processes).

The item keeps its key and its content hash, which stay those of the feed's teaser: the hash is
how the same entry is recognised on later runs and in other feeds, and a page that changes after
publication must not make it look new (nor edited: koll/store/item_edits.py). Only items not yet
stored, and stored ones whose feed edited their teaser, are passed in, so a second run never
fetches an unchanged item's page again, unless that page is still to be read (below). Whatever goes wrong with a page (robots.txt, HTTP errors, not HTML,
too large, nothing article-like, a subscriber-only stub behind a paywall (ingest/paywall.py),
shorter than the teaser), the item keeps its teaser: it is never lost, and the reason is logged.

A page that failed for a reason that may pass (an HTTP error the Fetcher calls soft, such as a
404 or a 5xx, a timeout, robots.txt unreadable, the feed's page cap or time budget) is asked for
again on the feed's later runs, for PAGE_RETRY_DAYS after the item was first stored: the item
is stored with its teaser and its hash marked pending (item_edits.page_pending), which the next
run takes for an edit, and the feed is read again in full until no page of it is pending
(ingest/run.py). When the page is read, the article replaces the text and the item is matched
and scored again, as an edit is, in the transaction that stores its feed.
"""

from __future__ import annotations

import asyncio
import codecs
import logging
import re
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import NamedTuple
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from ingest import paywall
from ingest.fetch import Fetcher, FetchRequest
from ingest.parse import MAX_TEXT_CHARS, capped
from koll.config import FetchSettings
from koll.store import from_db, item_edits, utcnow
from koll.store.item_edits import is_page_pending, page_pending
from koll.store.records import Item

log = logging.getLogger("koll.fulltext")

# A feed text shorter than this (characters) is a teaser worth replacing, if the page has more.
# WordPress excerpts are 55 words (about 350 characters); real full-text entries run to thousands.
TEASER_CHARS = 400
# Longer texts that end in "…", "[…]" or a "read more" link are cut excerpts too.
EXCERPT_CHARS = 1500
_MORE = re.compile(
    r"(?:…|\.\.\.|\[…\]|\[\.\.\.\]|läs mer|läs hela(?: \w+)?|fortsätt läsa|continue reading|"
    r"read more)\W*$",
    re.I,
)
# HTML beyond this is not extracted: the cost grows with the page (12 ms per 440 KB) and real
# article pages, scripts included, stay well under it. The Fetcher's own caps still apply first.
MAX_PAGE_BYTES = 3 * 1024 * 1024

# A page that could not be read for a reason that may pass is asked for again on its feed's
# runs until its item was first stored this long ago. Pages that fail just after the feed lists
# them (a 404 before the site has published, a 5xx in an outage) or while the feed edits them
# are back within hours, and news sites edit an article in its first day or two; one failing
# after that is gone or blocked. One request per run of the feed: at the default 30-minute
# interval at most 96 for a page that never comes back, no more than for the feed itself.
PAGE_RETRY_DAYS = 2

RunCpu = Callable[..., Awaitable]


class _Page(NamedTuple):
    """What reading one item's page gave: its main text, or None and why not."""

    text: str | None
    why: str = "ok"
    again: bool = False  # the failure may pass: worth asking again on a later run


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


def available() -> bool:
    """Whether the extraction library can be imported."""
    try:
        _extractor()
    except FullTextUnavailable:
        return False
    return True


def is_teaser(text: str) -> bool:
    """A short text, or a cut excerpt ("…", "Läs mer"): the page probably has more."""
    t = text.strip()
    return len(t) < TEASER_CHARS or (len(t) < EXCERPT_CHARS and bool(_MORE.search(t[-40:])))


def page_url(it: Item) -> str | None:
    """Where the item's article is, when the item is one whose teaser may be replaced."""
    if it.kind == "comments":  # a comment's link is its post: the page is not the comment
        return None
    url = it.link or it.url
    if not url or not url.startswith(("http://", "https://")) or not is_teaser(it.text):
        return None
    return url


def is_html(content_type: str | None, body: bytes) -> bool:
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml"):
        return True
    if ctype not in ("", "application/octet-stream", "text/plain"):
        return False  # PDF, images, JSON, feeds: not an article page
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)


def decode_page(body: bytes, content_type: str | None = None) -> str:
    """HTML bytes -> text: valid UTF-8 wins over a wrong declaration, then the declared charset,
    then Windows-1252 (which reads ISO-8859-1 Swedish pages too)."""
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _HEADER_CHARSET.search(content_type or "")
    name = declared.group(1) if declared else None
    if name is None:
        m = _META_CHARSET.search(body[:4096])
        name = m.group(1).decode("ascii") if m else None
    try:
        codec = codecs.lookup(name or "cp1252").name
    except LookupError:
        codec = "cp1252"
    if codec in ("utf-8", "latin-1", "iso8859-1", "ascii"):
        codec = "cp1252"  # the declaration was wrong (not UTF-8) or is a subset of cp1252
    return body.decode(codec, "replace")


def extract(html: str, url: str) -> str | None:
    """The main text of an article page, or None when nothing article-like is found (pure, CPU)."""
    text = _extractor().extract(html, url=url, include_comments=False, include_tables=False)
    return text.strip() if text else None


def page_text(html: str, url: str) -> tuple[str | None, str]:
    """(the page's main text, "ok"), or (None, why not): nothing article-like, or a paywalled
    page, whose lead and subscription box are not the article (pure, CPU)."""
    signal, text = paywall.signal(html, lambda: extract(html, url))
    if signal:
        return None, f"paywalled: {signal}"
    return (text, "ok") if text else (None, "no article text found")


def _tidy(text: str, title: str) -> str:
    """Drop the page's headline when it repeats the item's title; cut over-long texts."""
    first, _, rest = text.partition("\n")
    if title and first.strip().casefold() == title.strip().casefold() and rest.strip():
        text = rest.strip()
    # Stored text is cut as a feed's is (ingest/parse.py): long reads reach 30,000 characters;
    # more is a page of many articles or a whole forum thread.
    text = capped(text, MAX_TEXT_CHARS)
    return text


class RobotsCache:
    """robots.txt per site (scheme://host:port), fetched once per run and obeyed for koll's agent.

    A missing robots.txt (404, 410) allows everything; any other failure (403, 5xx, timeouts)
    allows nothing, since a site we cannot ask has not said yes. Create one per run, next to the
    run's Fetcher.
    """

    def __init__(self, fetcher: Fetcher, user_agent: str | None = None):
        self.fetcher = fetcher
        self.agent = user_agent or fetcher.settings.user_agent
        self.rules: dict[str, RobotFileParser | None] = {}
        self._loading: dict[str, asyncio.Task] = {}

    async def allowed(self, url: str) -> bool:
        p = urlsplit(url)
        root = urlunsplit((p.scheme, p.netloc, "", "", ""))
        if root not in self.rules:
            task = self._loading.get(root)
            if task is None or task.get_loop() is not asyncio.get_running_loop():
                task = self._loading[root] = asyncio.ensure_future(self._load(root))
            # Shielded: one page giving up (its feed's time budget) must not cancel the fetch
            # that other pages of the same site are waiting for.
            await asyncio.shield(task)
        rp = self.rules[root]
        return rp is not None and rp.can_fetch(self.agent, url)

    def unread(self, url: str) -> bool:
        """Whether the site's robots.txt could not be read this run (`allowed` said no for
        that, not by a rule): a later run may read it."""
        p = urlsplit(url)
        return self.rules.get(urlunsplit((p.scheme, p.netloc, "", "", ""))) is None

    async def _load(self, root: str) -> None:
        res = await self.fetcher.fetch(FetchRequest(0, root + "/robots.txt"))
        rp: RobotFileParser | None
        rp = RobotFileParser()
        if res.outcome == "ok":
            rp.parse(res.body.decode("utf-8", "replace").splitlines())
        elif res.status in (404, 410):
            rp.parse([])  # no robots.txt: everything is allowed
        else:
            log.info("%s/robots.txt: %s; not fetching pages there", root, res.error or res.outcome)
            rp = None
        self.rules[root] = rp
        self._loading.pop(root, None)


_warned_unavailable = False


async def fill_teasers(
    fetcher: Fetcher,
    items: list[Item],
    settings: FetchSettings,
    robots: RobotsCache,
    *,
    run_cpu: RunCpu | None = None,
) -> list[Item]:
    """The same items, in order, with each teaser replaced by its page's main text where longer.

    Call it with one feed's new items and its stored items with an edited teaser (after dedup:
    an unchanged stored item is never fetched again).
    At most `settings.fulltext_max_pages` pages are fetched (newest items first) and all of them
    within `settings.feed_budget_s`; items over the cap or the budget keep their teaser.
    `run_cpu(fn, *args)` runs the extraction (default: a thread); pass the run's worker pool to
    keep the CPU off this process.
    """
    return (await _fill_pages(fetcher, items, settings, robots, run_cpu))[0]


async def _fill_pages(
    fetcher: Fetcher,
    items: list[Item],
    settings: FetchSettings,
    robots: RobotsCache,
    run_cpu: RunCpu | None,
    skip: Iterable[str] = (),
) -> tuple[list[Item], set[str]]:
    """fill_teasers, and the keys of the items whose page may be read on a later run; the items
    keyed in `skip` are left as they are, their pages not fetched."""
    global _warned_unavailable
    skip = set(skip)
    wanted = [(it, url) for it in items if it.key not in skip and (url := page_url(it))]
    if not wanted:
        return items, set()
    if not available():  # load_settings refuses `fulltext = true` without it; belt and braces
        if not _warned_unavailable:
            log.warning("full text skipped: pip install 'koll[fulltext]'")
            _warned_unavailable = True
        return items, set()
    run_cpu = run_cpu or asyncio.to_thread
    # Newest first: on a feed's first run the cap keeps the items people will look at.
    latest = datetime.max.replace(tzinfo=UTC)  # undated items are first seen now
    wanted.sort(key=lambda pair: pair[0].published or latest, reverse=True)
    urls = list(dict.fromkeys(url for _, url in wanted))
    fetch, over_cap = urls[: settings.fulltext_max_pages], urls[settings.fulltext_max_pages :]
    outcome = await _page_texts(fetch, fetcher, robots, run_cpu, settings.feed_budget_s)
    # Not asked for at all: a later run asks (a first run may list more teasers than the cap).
    outcome.update((u, _Page(None, "over the per-feed cap", again=True)) for u in over_cap)
    filled, again = _filled(wanted, outcome)
    return [replace(it, text=filled[it.key]) if it.key in filled else it for it in items], again


async def _page_texts(
    urls: list[str], fetcher: Fetcher, robots: RobotsCache, run_cpu: RunCpu, budget_s: float
) -> dict[str, _Page]:
    """url -> what its page gave, all fetched within `budget_s`."""
    tasks = {asyncio.ensure_future(_page_text(u, fetcher, robots, run_cpu)): u for u in urls}
    outcome: dict[str, _Page] = {}
    if not tasks:
        return outcome
    done, pending = await asyncio.wait(tasks, timeout=budget_s)
    for t in pending:
        t.cancel()
        outcome[tasks[t]] = _Page(None, f"not done within the {budget_s:.0f} s budget", True)
    for t in done:
        try:
            outcome[tasks[t]] = t.result()
        except Exception as e:  # one page's surprise keeps its teaser
            outcome[tasks[t]] = _Page(None, f"{e.__class__.__name__}: {e}")
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)
    return outcome


async def _page_text(url: str, fetcher: Fetcher, robots: RobotsCache, run_cpu: RunCpu) -> _Page:
    if not await robots.allowed(url):
        if robots.unread(url):
            return _Page(None, "robots.txt could not be read", again=True)
        return _Page(None, "disallowed by robots.txt")
    res = await fetcher.fetch(FetchRequest(0, url))
    if res.outcome != "ok":
        # The Fetcher's judgement, as for feeds: a 404, 429, 5xx, timeout or lost connection
        # may pass; a 403, a 410 Gone or a page over the size cap will not.
        return _Page(None, res.error or res.outcome, again=res.soft)
    if not is_html(res.content_type, res.body):
        return _Page(None, f"not an HTML page ({res.content_type or 'no Content-Type'})")
    if len(res.body) > MAX_PAGE_BYTES:
        return _Page(None, f"page over {MAX_PAGE_BYTES:,} bytes")
    return _Page(*await run_cpu(page_text, decode_page(res.body, res.content_type), url))


def _filled(
    wanted: list[tuple[Item, str]], outcome: dict[str, _Page]
) -> tuple[dict[str, str], set[str]]:
    """(item key -> its full text, for the items whose page text is longer than their teaser;
    the keys of the others whose page may be read on a later run); a log line counts why the
    others keep their teasers."""
    filled: dict[str, str] = {}
    again: set[str] = set()
    reasons: Counter = Counter()
    for it, url in wanted:
        page = outcome[url]
        text, reason = page.text, page.why
        if text is not None:
            text = _tidy(text, it.title)
            if len(text) <= len(it.text.strip()):
                text, reason = None, "page text not longer than the teaser"
        if text is None:
            log.debug("%s: keeps its teaser: %s", url, reason)
            reasons[reason.split(":")[0]] += 1
            if page.again:
                again.add(it.key)
        else:
            filled[it.key] = text
    if reasons:
        log.info(
            "full text: %d of %d teasers filled; kept: %s",
            len(filled),
            len(wanted),
            ", ".join(f"{r} ({n})" for r, n in reasons.most_common()),
        )
    return filled, again


def stored_pages(
    database_url: str, keys: list[str], reconnect_s: float = 0.0
) -> dict[str, tuple[str, datetime]]:
    """key -> (stored content hash, first seen) of these stored items, read on a worker as the
    run's other look-ups are (item_edits.stored_pages)."""
    from ingest import work  # work imports the store; keep this module light to import

    return work._read(database_url, reconnect_s, partial(item_edits.stored_pages, keys=keys))


class _Waits:
    """Which of a feed's teaser items may wait for their page (PAGE_RETRY_DAYS): new items, and
    edited ones first stored since `since`; `stored`: key -> (stored hash, first seen) of the
    edited ones."""

    def __init__(self, stored: dict[str, tuple[str, datetime]], now: datetime):
        self.stored = stored
        self.since = now - timedelta(days=PAGE_RETRY_DAYS)

    def same(self, it: Item) -> bool:
        """Stored as this version already, its page pending."""
        stored = self.stored.get(it.key)
        return stored is not None and stored[0] == page_pending(it.content_hash)

    def may_wait(self, it: Item) -> bool:
        stored = self.stored.get(it.key)
        return stored is None or from_db(stored[1]) >= self.since

    def over(self, items: list[Item]) -> set[str]:
        """The keys of the items stored as this version whose page is no longer waited for:
        not asked for again, they keep what is stored and lose the mark."""
        return {it.key for it in items if self.same(it) and not self.may_wait(it)}


async def _waits(
    fresh: list[Item],
    edited: frozenset[str],
    database_url: str | None,
    reconnect_s: float,
    in_pool: RunCpu,
    now: datetime | None,
) -> _Waits:
    keys = [it.key for it in fresh if it.key in edited and page_url(it)]
    stored = {}
    if keys and database_url is not None:
        stored = await in_pool(stored_pages, database_url, keys, reconnect_s)
    return _Waits(stored, now or utcnow())


def _mark_waiting(filled: list[Item], again: set[str], waits: _Waits, scored: tuple) -> tuple:
    """`scored` (fill_scored's result) with the items whose page may be read on a later run
    stored with their hash marked pending (item_edits.page_pending); those stored so already
    lose their scores, so that the store leaves them as they are (items.save_feeds)."""
    _, mentions_of, item_scores, mention_scores = scored
    out: list[Item] = []
    idle: set[str] = set()
    for it in filled:
        if it.key in again and waits.may_wait(it):
            if waits.same(it):
                idle.add(it.key)
            it = replace(it, content_hash=page_pending(it.content_hash))
        out.append(it)
    if again:
        log.info(
            "full text: %d pages to be asked for again on a later run",
            sum(is_page_pending(it.content_hash) for it in out),
        )
    if idle:
        mentions_of = {k: v for k, v in mentions_of.items() if k not in idle}
        item_scores = {k: v for k, v in item_scores.items() if k not in idle}
        mention_scores = {k: v for k, v in mention_scores.items() if k[0] not in idle}
    return out, mentions_of, item_scores, mention_scores


def waiting(items: Iterable[Item]) -> int:
    """How many of these items (fill_scored's) are stored with their page still to be read:
    their feed's next run must read its document again, whole (ingest/run.py)."""
    return sum(is_page_pending(it.content_hash) for it in items)


async def fill_scored(
    scored: tuple,
    owner: str | None,
    fetcher: Fetcher,
    settings: FetchSettings,
    robots: RobotsCache,
    in_pool: RunCpu,
    *,
    edited: frozenset[str] = frozenset(),
    database_url: str | None = None,
    reconnect_s: float = 0.0,
    now: datetime | None = None,
) -> tuple:
    """fill_teasers for the result of work.feed_job / work.score_job, rescoring what changed.

    `scored` is (new items, mentions, item scores, mention scores); the items whose text became
    the full text are matched and scored again on a worker (`in_pool(fn, *args)`), so mentions
    and sentiment come from the article, not the teaser. The others keep their scores. Teasers
    are short, so scoring them first costs little, and the run's one worker trip per feed stays.
    The `edited` keys are stored items the feed edited: one whose page could not be read again
    takes its stored article (in `database_url`) as its text, so that its new title is matched
    and scored with the article and the edit keeps the article (koll/store/item_edits.py).
    An item whose page may be read on a later run (see the module) comes back with its hash
    marked pending; one stored so already, and still not read, without scores (nothing to
    store); one whose wait is over (`now` - PAGE_RETRY_DAYS) is not fetched, and comes back as
    the feed has it, for the store to drop the mark.

    Wiring in ingest/run.py: `_run_batch` keeps `batch.fetcher, batch.robots = fetcher,
    fulltext.RobotsCache(fetcher)`, and `_Batch._parse`, right after the worker's parse, does
    `if scored and feed.config_url in self.settings.fulltext_feeds: scored = await
    fulltext.fill_scored(scored, feed.owner, self.fetcher, self.settings.fetch, self.robots,
    self._in_pool)` for a real run: a dry run only counts new items, so it fetches no pages.
    """
    from ingest import work  # work imports the store; keep this module light to import

    fresh, mentions_of, item_scores, mention_scores = scored
    waits = await _waits(fresh, edited, database_url, reconnect_s, in_pool, now)
    filled, again = await _fill_pages(
        fetcher, fresh, settings, robots, in_pool, skip=waits.over(fresh)
    )
    kept = {
        it.key: it.text
        for old, it in zip(fresh, filled, strict=True)
        # One stored as this version already keeps what is stored (a read article too).
        if it is old and it.key in edited and page_url(it) and not waits.same(it)
    }
    if kept and database_url is not None:
        articles = await in_pool(work.stored_articles, database_url, kept, reconnect_s)
        if articles:
            log.info(
                "%d edited teasers keep their stored article (the page was not read)", len(articles)
            )
        filled = [replace(it, text=articles[it.key]) if it.key in articles else it for it in filled]
    changed = [new for old, new in zip(fresh, filled, strict=True) if new is not old]
    if changed:
        rescored, mentions2, item_scores2, mention_scores2 = await in_pool(
            work.score_job, changed, owner
        )
        keys = {it.key for it in changed}
        by_key = {it.key: it for it in rescored}
        mentions_of = {k: v for k, v in mentions_of.items() if k not in keys} | mentions2
        item_scores = {k: v for k, v in item_scores.items() if k not in keys} | item_scores2
        mention_scores = {
            k: v for k, v in mention_scores.items() if k[0] not in keys
        } | mention_scores2
        filled = [by_key.get(it.key, it) for it in filled]
    return _mark_waiting(filled, again, waits, (filled, mentions_of, item_scores, mention_scores))


async def _fetch_texts(urls: list[str], settings: FetchSettings) -> dict[str, str]:
    out: dict[str, str] = {}
    async with Fetcher(settings) as fetcher:
        robots = RobotsCache(fetcher)

        async def one(url: str) -> None:
            if not await robots.allowed(url):
                return
            res = await fetcher.fetch(FetchRequest(0, url))
            if res.outcome == "ok" and is_html(res.content_type, res.body):
                html = decode_page(res.body, res.content_type)
                text, _ = await asyncio.to_thread(page_text, html, url)
                if text:
                    out[url] = text

        await asyncio.gather(*(one(u) for u in urls))
    return out


def fetch_full_texts(urls: list[str], settings: FetchSettings | None = None) -> dict[str, str]:
    """{url: article text} for the pages robots.txt lets koll fetch and that have a main text
    (not a paywalled stub)."""
    _extractor()  # fail early and clearly when the extra is missing
    return asyncio.run(_fetch_texts(list(dict.fromkeys(urls)), settings or FetchSettings()))
