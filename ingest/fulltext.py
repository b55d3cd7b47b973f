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
fetches an unchanged item's page again, unless that page waits (below). Whatever goes wrong
with a page (robots.txt, HTTP errors, not HTML, too large, nothing article-like, a
subscriber-only stub behind a paywall (ingest/paywall.py), shorter than the teaser), the item
keeps its teaser: it is never lost, and the reason is logged.

A page that failed in a way that may pass (a 404, 408, 425, 429 or 5xx: RETRIED_STATUSES; a
timeout, a lost, refused or unresolved connection, a TLS error, an answer that is not HTTP, a
redirect without Location: _may_pass; a robots.txt that could not be read for such a reason; the
per-feed cap, the time budget) waits: its item is stored with its teaser and a wait of
page_retries.PAGE_RETRY_DAYS (koll/store/page_retries.py), and every later run of the feed that
reads its document (changed, unchanged or a 304; a run whose feed fails or is deferred asks for
no page) asks for some of its waiting pages again (read_again) with what this run's new pages
left of the cap (one slot held for them when any waits: Pages.hold_one) and the budget: those whose next try is due (page_retries.next_try_gap), and
none more of a site that answered as if down on the run (_asked_again). A page read then
replaces the text as an edit would, matched and scored again, under a first read's rules: longer
than a stored teaser, and at least half as long as a stored article (one read before the feed
edited the item: _replaces_article, the rule a page read on the edit itself passes too). A 401, 403 or 410 (any other 4xx), a robots.txt answering
401 or 403, a robots rule, a paywall, a page that is not HTML, too large or refused by those
rules is not asked for again.
"""

from __future__ import annotations

import asyncio
import codecs
import logging
import re
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import NamedTuple
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from ingest import paywall
from ingest.fetch import Fetcher, FetchRequest, FetchResult
from ingest.parse import MAX_TEXT_CHARS, capped
from koll.config import FetchSettings
from koll.store.item_edits import Edit
from koll.store.page_retries import Retried, Waiting
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

# The HTTP statuses after which a page may be read later, and is asked for again, besides any
# 5xx: a 404 before the site publishes, a 408 or 425 (too early), a 429 (too many requests). The
# one list: README.md, docs/config.md and the docstrings name it as "404, 408, 425, 429 or 5xx"
# (tests/test_fulltext_statuses.py holds them and the fetched pages to it).
RETRIED_STATUSES = (404, 408, 425, 429)

RunCpu = Callable[..., Awaitable]


class _Page(NamedTuple):
    """What asking for one item's page gave: its main text, or None and why not."""

    text: str | None
    why: str = "ok"
    again: bool = False  # the failure may pass: the page waits (koll/store/page_retries.py)
    tried: bool = True  # it had its turn (not left over the cap or the budget)


@dataclass
class Pages:
    """One feed's full-text pages on one run: what is left of its cap (`left`) and of its time
    budget (one feed_budget_s for all its pages, from the first), and the keys of its new and
    edited items whose page waits (key -> it was asked for this time)."""

    left: int
    budget: float
    waits: dict[str, bool] = field(default_factory=dict)
    deadline: float | None = None
    held: int = 0  # slots of `left` the new items may not take (hold_one)
    # The feed's waiting pages as read for this run (batch.py), once read: None before.
    waiting: list[Waiting] | None = None

    @classmethod
    def of(cls, settings: FetchSettings) -> Pages:
        return cls(settings.fulltext_max_pages, settings.feed_budget_s)

    def hold_one(self) -> None:
        """Keep one slot of the cap for the waiting pages (`waiting`, read before the new items'
        pages are fetched: ingest/batch.py), when any waits and the cap is 2 or more, and put the
        longest-waiting first, to take it."""
        # New items' pages go first, but not all the way: a feed that lists as many new items
        # as the cap on every run left no slot for a page that failed once and came back, which
        # went unread for its two days. One slot, given to the longest-waiting page (page_retries
        # pending), reads it within a run or two; a cap of 1 stays the new items'.
        self.held = 1 if self.left >= 2 else 0
        if self.held and self.waiting:
            far = datetime.max.replace(tzinfo=UTC)
            first = min(self.waiting, key=lambda w: (w.until or far, w.item_id))
            self.waiting.sort(key=lambda w: w is not first)  # stable: the others in turn

    def take(self, urls: list[str], waiting: bool = False) -> tuple[list[str], list[str], float]:
        """(the urls to fetch now, those over the cap, the seconds left of the budget); new
        items' urls may not take the held slot, `waiting` pages' may."""
        if self.deadline is None:
            self.deadline = time.monotonic() + self.budget
        free = self.left if waiting else max(0, self.left - self.held)
        now, over = urls[:free], urls[free:]
        self.left -= len(now)
        return now, over, max(0.0, self.deadline - time.monotonic())


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


def _replaces_article(text: str, article: str) -> bool:
    """Whether a page read again, `text`, may replace the item's stored `article` (read before
    its feed edited the item; the page failed then, so the item waited), and whether a page read
    on the edit itself may (fill_scored): the one rule for both, as a consent wall answering 200
    is no article whichever run reads it.

    A first read takes a page only when longer than the teaser, so that an error or consent page
    served with a 200 never replaces the feed's text. The edited teaser is not stored (the item
    kept the article and the teaser's hash), so the retry holds the page to the stored article
    instead: the same article revised keeps most of its text, while a page that says it cannot
    be found, a consent wall or a "removed" notice answering 200 is a line or two. Not shorter
    at all would refuse every revision that cuts a paragraph and keep the wrong text for good; at
    least half lets those in. The stored article was longer than the teaser its first read
    replaced, so this is a teaser's length or more for all but the shortest articles.

    And as when the page is read on the edit itself (item_edits: a text short enough to be a
    teaser, is_teaser, does not replace a longer stored article), a page of teaser length must be
    longer than a stored article: half of a short article is no more than a teaser. A page
    refused here ends the wait and leaves the article, its mentions, corrections and triage (on
    the edit, the item keeps its article and takes the new title, as when the page failed)."""
    stored = len(article.strip())
    return len(text) * 2 >= stored and (len(text) > stored or not is_teaser(text))


class RobotsCache:
    """robots.txt per site (scheme://host:port), fetched once per run and obeyed for koll's agent.

    A missing robots.txt (404, 410) allows everything; any other failure (403, 5xx, timeouts)
    allows nothing, since a site we cannot ask has not said yes. Those that may pass (5xx,
    timeouts, lost connections: _may_pass) are kept in `unread`, so that the
    pages they kept from being fetched wait; a 401 or 403 is the site's answer, not asked again.
    Create one per run, next to the run's Fetcher.

    It also keeps the sites that answered as if down on this run (`down`: a page or robots.txt
    answering 5xx, 408 or 429, a timeout, a lost or refused connection, a pause the host asked
    for), so that the run asks them for no more waiting pages (read_again).
    """

    def __init__(self, fetcher: Fetcher, user_agent: str | None = None):
        self.fetcher = fetcher
        self.agent = user_agent or fetcher.settings.user_agent
        self.rules: dict[str, RobotFileParser | None] = {}
        self.unread: set[str] = set()  # sites whose robots.txt failed in a way that may pass
        self.down: set[str] = set()  # sites that answered as if down (_down) on this run
        self._loading: dict[str, asyncio.Task] = {}

    async def allowed(self, url: str) -> bool:
        root = _root(url)
        if root not in self.rules:
            task = self._loading.get(root)
            if task is None or task.get_loop() is not asyncio.get_running_loop():
                task = self._loading[root] = asyncio.ensure_future(self._load(root))
            # Shielded: one page giving up (its feed's time budget) must not cancel the fetch
            # that other pages of the same site are waiting for.
            await asyncio.shield(task)
        rp = self.rules[root]
        return rp is not None and rp.can_fetch(self.agent, url)

    def may_pass(self, url: str) -> bool:
        """Whether `allowed(url)` said no because robots.txt could not be read this run for a
        reason that may pass (not by its rules, nor by a 401 or 403)."""
        return _root(url) in self.unread

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
            if _may_pass(res):
                self.unread.add(root)
            if _down(res):
                self.down.add(root)
        self.rules[root] = rp
        self._loading.pop(root, None)


def _root(url: str) -> str:
    p = urlsplit(url)
    return urlunsplit((p.scheme, p.netloc, "", "", ""))


def _may_pass(res: FetchResult) -> bool:
    """Whether a request that failed may succeed later: an HTTP error in RETRIED_STATUSES or a
    5xx; without such a status, the Fetcher's judgement (its `soft`, as for feeds): a timeout, a
    lost, refused or unresolved (DNS) connection, a TLS error, an answer that is not HTTP, a
    redirect without Location, a pause the host asked for may pass; a URL it cannot ask for, a
    redirect loop and a body over the size cap do not."""
    if res.status is not None and res.status >= 400:
        return res.status in RETRIED_STATUSES or res.status >= 500
    return res.soft


def _down(res: FetchResult) -> bool:
    """Whether a failed request says its site is down or wants fewer requests (a 5xx, 408 or
    429; a timeout, a lost, refused or unresolved connection, a pause the host asked for:
    failures without a status that may pass), not only that this page is missing (404)."""
    if res.outcome == "ok":
        return False
    if res.status is None:
        return res.soft
    return res.status >= 500 or res.status in (408, 429)


_warned_unavailable = False


async def fill_teasers(
    fetcher: Fetcher,
    items: list[Item],
    settings: FetchSettings,
    robots: RobotsCache,
    *,
    run_cpu: RunCpu | None = None,
    pages: Pages | None = None,
    articles: Mapping[str, str] | None = None,
) -> list[Item]:
    """The same items, in order, with each teaser replaced by its page's main text where longer.

    Call it with one feed's new items and its stored items with an edited teaser (after dedup:
    an unchanged stored item is never fetched again here; read_again asks for waiting pages).
    At most `settings.fulltext_max_pages` pages are fetched (newest items first) and all of them
    within `settings.feed_budget_s` (`pages`: what is left of both, shared with read_again);
    items over the cap or the budget keep their teaser, and `pages.waits` has the keys of those
    whose page may be read later. `run_cpu(fn, *args)` runs the extraction (default: a thread);
    pass the run's worker pool to keep the CPU off this process. `articles`: key -> the stored
    article of edited items whose stored text is one; their page must pass _replaces_article.
    """
    global _warned_unavailable
    pages = pages or Pages.of(settings)
    wanted = [(it, url) for it in items if (url := page_url(it))]
    if not wanted:
        return items
    if not available():  # load_settings refuses `fulltext = true` without it; belt and braces
        if not _warned_unavailable:
            log.warning("full text skipped: pip install 'koll[fulltext]'")
            _warned_unavailable = True
        return items
    run_cpu = run_cpu or asyncio.to_thread
    # Newest first: on a feed's first run the cap keeps the items people will look at.
    latest = datetime.max.replace(tzinfo=UTC)  # undated items are first seen now
    wanted.sort(key=lambda pair: pair[0].published or latest, reverse=True)
    fetch, over_cap, budget_s = pages.take(list(dict.fromkeys(url for _, url in wanted)))
    outcome = await _page_texts(fetch, fetcher, robots, run_cpu, budget_s)
    # Not asked for at all: they wait, and a later run asks first (a first run may list more
    # teasers than the cap). A cap of 0 asks for no page, now or later.
    later = settings.fulltext_max_pages > 0
    outcome.update(
        (u, _Page(None, "over the per-feed cap", again=later, tried=False)) for u in over_cap
    )
    filled, waits = _filled(wanted, outcome, articles=articles or {})
    pages.waits.update(waits)
    return [replace(it, text=filled[it.key]) if it.key in filled else it for it in items]


async def _page_texts(
    urls: list[str], fetcher: Fetcher, robots: RobotsCache, run_cpu: RunCpu, budget_s: float
) -> dict[str, _Page]:
    """url -> what its page gave, all fetched within `budget_s`."""
    if budget_s <= 0:  # the feed's pages spent it all: these wait, not asked for
        return {u: _Page(None, "no time left of the budget", again=True, tried=False) for u in urls}
    tasks = {asyncio.ensure_future(_page_text(u, fetcher, robots, run_cpu)): u for u in urls}
    outcome: dict[str, _Page] = {}
    if not tasks:
        return outcome
    done, pending = await asyncio.wait(tasks, timeout=budget_s)
    for t in pending:
        t.cancel()
        outcome[tasks[t]] = _Page(None, f"not done within the {budget_s:.0f} s budget", again=True)
    for t in done:
        try:
            outcome[tasks[t]] = t.result()
        except Exception as e:  # one page's surprise keeps its teaser
            outcome[tasks[t]] = _Page(None, f"{e.__class__.__name__}: {e}")
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)
    return outcome


async def _asked_again(
    urls: list[str], fetcher: Fetcher, robots: RobotsCache, run_cpu: RunCpu, budget_s: float
) -> dict[str, _Page]:
    """url -> what its waiting page gave, as _page_texts, but one page at a time per site, and no
    more of a site once it answered as if down on this run (RobotsCache.down: a new item's page
    or robots.txt too): those keep their place for the next run, not counted as tried. In an
    outage a run costs the site one request, not one per waiting page (20 on every run)."""
    if budget_s <= 0:
        return {u: _Page(None, "no time left of the budget", again=True, tried=False) for u in urls}
    by_site: dict[str, list[str]] = {}
    for u in urls:
        by_site.setdefault(_root(u), []).append(u)
    outcome: dict[str, _Page] = {}
    asking: set[str] = set()  # the pages being asked for now

    async def site(root: str, its: list[str]) -> None:
        for u in its:
            if root in robots.down:
                outcome[u] = _Page(None, "site down on this run", again=True, tried=False)
                continue
            asking.add(u)
            try:
                outcome[u] = await _page_text(u, fetcher, robots, run_cpu)
            except Exception as e:  # one page's surprise keeps its teaser
                outcome[u] = _Page(None, f"{e.__class__.__name__}: {e}")
            asking.discard(u)

    tasks = [asyncio.ensure_future(site(r, its)) for r, its in by_site.items()]
    _, pending = await asyncio.wait(tasks, timeout=budget_s)
    for t in pending:
        t.cancel()
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)
    for u in urls:
        if u in asking:
            outcome[u] = _Page(None, f"not done within the {budget_s:.0f} s budget", again=True)
        elif u not in outcome:  # its site's earlier pages took the budget: not asked
            outcome[u] = _Page(None, "no time left of the budget", again=True, tried=False)
    return outcome


async def _page_text(url: str, fetcher: Fetcher, robots: RobotsCache, run_cpu: RunCpu) -> _Page:
    if not await robots.allowed(url):
        if robots.may_pass(url):
            return _Page(None, "robots.txt could not be read", again=True)
        return _Page(None, "disallowed by robots.txt")
    res = await fetcher.fetch(FetchRequest(0, url))
    if _down(res):
        robots.down.add(_root(url))
    if res.outcome != "ok":
        # _may_pass: a 401, 403, 410 or a page over the size cap will not. A page deferred for
        # its host's turn (a pause it asked for) counts as a try too, or a site that keeps
        # asking would keep its pages first in the feed's turn for good.
        return _Page(None, res.error or res.outcome, again=_may_pass(res))
    if not is_html(res.content_type, res.body):
        return _Page(None, f"not an HTML page ({res.content_type or 'no Content-Type'})")
    if len(res.body) > MAX_PAGE_BYTES:
        return _Page(None, f"page over {MAX_PAGE_BYTES:,} bytes")
    return _Page(*await run_cpu(page_text, decode_page(res.body, res.content_type), url))


def _filled(
    wanted: list[tuple[Item, str]],
    outcome: dict[str, _Page],
    what: str = "teasers filled",
    articles: Mapping[str, str] | None = None,
) -> tuple[dict[str, str], dict[str, bool]]:
    """(item key -> its full text, for the items whose page text is longer than their teaser;
    item key -> whether its page was asked for, for the others whose page may be read later);
    a log line counts why the others keep their teasers. `articles`: key -> the stored text of
    items whose stored text is their page's article already (read_again, and an edit's first
    read in fill_teasers): their page must pass _replaces_article against it."""
    articles = articles or {}
    filled: dict[str, str] = {}
    waits: dict[str, bool] = {}
    reasons: Counter = Counter()
    for it, url in wanted:
        page = outcome[url]
        text, reason = page.text, page.why
        if text is not None:
            text = _tidy(text, it.title)
            if it.key in articles:
                if not _replaces_article(text, articles[it.key]):
                    text, reason = None, "page text too short to replace the stored article"
            elif len(text) <= len(it.text.strip()):
                text, reason = None, "page text not longer than the teaser"
        if text is None:
            log.debug("%s: keeps its teaser: %s", url, reason)
            reasons[reason.split(":")[0]] += 1
            if page.again:
                waits[it.key] = page.tried
        else:
            filled[it.key] = text
    if reasons:
        log.info(
            "full text: %d of %d %s; kept: %s%s",
            len(filled),
            len(wanted),
            what,
            ", ".join(f"{r} ({n})" for r, n in reasons.most_common()),
            f"; {len(waits)} to be asked for again on a later run" if waits else "",
        )
    return filled, waits


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
    pages: Pages | None = None,
) -> tuple:
    """fill_teasers for the result of work.feed_job / work.score_job, rescoring what changed.

    `scored` is (new items, mentions, item scores, mention scores); the items whose text became
    the full text are matched and scored again on a worker (`in_pool(fn, *args)`), so mentions
    and sentiment come from the article, not the teaser. The others keep their scores. Teasers
    are short, so scoring them first costs little, and the run's one worker trip per feed stays.
    The `edited` keys are stored items the feed edited: one whose page could not be read again,
    or whose page _replaces_article refuses, takes its stored article (in `database_url`) as its text, so that its new title is matched
    and scored with the article and the edit keeps the article (koll/store/item_edits.py).
    `pages` (fill_teasers) gets the keys of the items whose page waits, for the store.

    Called by ingest/batch.py `Batch._full_text`, right after the worker's parse, for a real
    run of a `fulltext = true` feed: a dry run only counts new items, so it fetches no pages.
    """
    from ingest import work  # work imports the store; keep this module light to import

    fresh, mentions_of, item_scores, mention_scores = scored
    # Read before the pages, not only for those that fail: a page read on the edit must pass the
    # retry's rule against the stored article (_replaces_article), or a consent wall or an error
    # page answering 200, longer than the new teaser, replaced the article and its mentions.
    teasers = {it.key: it.text for it in fresh if it.key in edited and page_url(it)}
    articles: dict[str, str] = {}
    if teasers and database_url is not None:
        articles = await in_pool(work.stored_articles, database_url, teasers, reconnect_s)
    filled = await fill_teasers(
        fetcher, fresh, settings, robots, run_cpu=in_pool, pages=pages, articles=articles
    )
    kept = {
        it.key for old, it in zip(fresh, filled, strict=True) if it is old and it.key in articles
    }
    if kept:
        log.info(
            "%d edited teasers keep their stored article (the page was not read, or refused)",
            len(kept),
        )
        filled = [replace(it, text=articles[it.key]) if it.key in kept else it for it in filled]
    changed = [new for old, new in zip(fresh, filled, strict=True) if new is not old]
    if not changed:
        return scored
    again, mentions2, item_scores2, mention_scores2 = await in_pool(work.score_job, changed, owner)
    keys = {it.key for it in changed}
    by_key = {it.key: it for it in again}
    mentions_of = {k: v for k, v in mentions_of.items() if k not in keys} | mentions2
    item_scores = {k: v for k, v in item_scores.items() if k not in keys} | item_scores2
    mention_scores = {k: v for k, v in mention_scores.items() if k[0] not in keys} | mention_scores2
    return [by_key.get(it.key, it) for it in filled], mentions_of, item_scores, mention_scores


async def read_again(
    feed_id: int,
    waiting: list[Waiting],
    owner: str | None,
    fetcher: Fetcher,
    robots: RobotsCache,
    in_pool: RunCpu,
    pages: Pages,
) -> Retried:
    """Ask again for the pages of a feed's `waiting` items (koll/store/page_retries.py pending),
    within what is left of the feed's `pages` cap and budget on this run: the items whose page is
    read now are matched and scored on it (`in_pool(work.score_job, ...)`), each an edit of the
    stored item with its title and hash as stored, for page_retries.record to store in the
    feed's transaction; the others count a try, or wait no more. A dry run does not call this."""
    from ingest import work  # work imports the store; keep this module light to import

    found = Retried(feed_id, hashes={w.item_id: w.item.content_hash for w in waiting})
    # A page replaces a stored teaser when longer, as on a first read; a stored article (an edit
    # whose page failed kept the one read before) by _replaces_article. Its url is that of the
    # item as a teaser: the stored article is no teaser, but its page is the one to read.
    urls = {
        w.item.key: page_url(replace(w.item, text="") if w.article else w.item) for w in waiting
    }
    wanted = [(w.item, url) for w in waiting if (url := urls[w.item.key])]
    by_key = {w.item.key: w for w in waiting}
    found.given_up = [w.item_id for w in waiting if not urls[w.item.key]]
    if not wanted or not available():
        return found
    fetch, over_cap, budget_s = pages.take(list(dict.fromkeys(url for _, url in wanted)), True)
    outcome = await _asked_again(fetch, fetcher, robots, in_pool, budget_s)
    outcome.update(
        (u, _Page(None, "over the per-feed cap", again=True, tried=False)) for u in over_cap
    )
    articles = {w.item.key: w.item.text for w in waiting if w.article}
    filled, waits = _filled(wanted, outcome, "waiting pages read", articles)
    for it, _url in wanted:
        w = by_key[it.key]
        if it.key in waits:
            if waits[it.key]:
                found.failed.append(w.item_id)
        elif it.key not in filled:
            found.given_up.append(w.item_id)
    changed = [replace(by_key[k].item, text=text) for k, text in filled.items()]
    if not changed:
        return found
    again, mentions_of, item_scores, mention_scores = await in_pool(work.score_job, changed, owner)
    for it in again:
        found.read.append(
            Edit(
                by_key[it.key].item_id,
                it,
                mentions_of.get(it.key, ()),
                item_scores[it.key],
                {b: sc for (k, b), sc in mention_scores.items() if k == it.key},
            )
        )
    return found


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
