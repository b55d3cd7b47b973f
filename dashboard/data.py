"""The dashboard's only window on the store: counts (koll/store/aggregates.py), the mentions
table (koll/store/mention_pages.py) and the reports every front end shares (koll/store/views.py).

Pages call these functions with resolved filter parameters; each opens a short connection, so a
page always shows what is in the database when it renders. Results of the expensive library
reports (control components, topics) are cached per data version: a new ingest, analysis run or
correction changes the version and so invalidates them.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from analysis.topics import MAX_FIT_DOCS
from analysis.windows import WindowError, window_end
from dashboard.params import Params, tokens
from koll.config import Settings
from koll.store import (
    Store,
    StoreError,
    is_busy,
    local_day,
    mention_pages,
    rollups,
    utcnow,
    views,
    write_refused,
)
from koll.store import aggregates as agg
from koll.store import items as store_items
from koll.store import topics as store_topics
from koll.store import triage as store_triage
from koll.store.beside import Beside
from koll.store.filters import Filter
from koll.store.sentiment_store import add_correction

log = logging.getLogger("koll.dashboard")

#: The default period: this many days ending at the newest day with mentions, not after today.
DEFAULT_DAYS = 30


@dataclass
class _Context:
    settings: Settings | None = None
    store: Store | None = None
    # Part of every cache key: a computation started before configure() (a background topic
    # search still running) must not fill the cache of the store configured after it.
    generation: int = 0


_ctx = _Context()
_cache: OrderedDict = OrderedDict()
_cache_lock = threading.Lock()
_pending: dict[tuple, Future] = {}  # computations under way, by cache key (see _cached)
_CACHE_SIZE = 64


def configure(settings: Settings, store: Store | None = None) -> None:
    """Called once by create_app; pages read through the functions below."""
    _ctx.settings = settings
    _ctx.store = store or Store(settings.database_url)
    with _cache_lock:
        _ctx.generation += 1
        _cache.clear()


def settings() -> Settings:
    if _ctx.settings is None:
        raise RuntimeError("dashboard.data.configure(settings) has not been called")
    return _ctx.settings


def store() -> Store:
    if _ctx.store is None:
        raise RuntimeError("dashboard.data.configure(settings) has not been called")
    return _ctx.store


def brand_names() -> list[str]:
    return [b.name for b in settings().brands]


def competitors(brand: str) -> list[str]:
    try:
        return list(settings().brand(brand).competitors)
    except KeyError:
        return []


def data_version() -> str:
    with store().connect() as conn:
        return agg.data_version(conn)


def _full_key(key: tuple) -> tuple:
    """The cache key of a question: it, the configuration it is asked under, the data version."""
    return (*key, _ctx.generation, data_version())


def _cached(key: tuple, compute: Callable):
    """compute() once per (key, data version), shared by every caller; a small LRU keeps memory
    flat.

    Callers that ask while the value is being computed wait for that computation instead of
    starting their own: under write load every new data version used to be computed by each of
    20 clients at once (rising terms: p95 26 s, 1.13 GB at 65 k items).
    """
    full = _full_key(key)
    with _cache_lock:
        if full in _cache:
            _cache.move_to_end(full)
            return _cache[full]
        pending = _pending.get(full)
        owner = pending is None
        if pending is None:  # (owner)
            pending = _pending[full] = Future()
    if not owner:
        return pending.result()
    try:
        value = compute()
    except BaseException as e:
        with _cache_lock:
            _pending.pop(full, None)
        pending.set_exception(e)  # the waiters see the same error; the next caller tries again
        raise
    _put(full, value)  # cached before it stops being pending, so nobody starts a second run
    with _cache_lock:
        _pending.pop(full, None)
    pending.set_result(value)
    return value


def _put(full: tuple, value) -> None:
    with _cache_lock:
        _cache[full] = value
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)


def day_range(brands: list[str] | None = None) -> tuple[str | None, str | None]:
    """First and last day with mentions of the configured brands."""
    with store().connect() as conn:
        return agg.day_range(conn, brands or brand_names())


def newest_day(today_: str) -> str | None:
    """The newest day with mentions of the configured brands, not after today: where the
    default period ends, as the API's default windows and the day `koll analyse`'s alerts refer
    to (koll.store.items.newest_mention_day, one rule)."""
    with store().connect() as conn:
        return store_items.newest_mention_day(conn, brand_names(), today_)


def resolve(p: Params) -> Params:
    """Fill in defaults: the first brand, and the last 30 days ending at the newest day with
    mentions that is not after today (newest_day)."""
    names = brand_names()
    brand = p.brand if p.brand in names else (names[0] if names else None)
    since, until, _notes = _period(p.since, p.until)
    sources = p.sources
    if sources:  # only sources the brand has: url_notes names the others
        known = known_sources(brand)
        sources = tuple(s for s in sources if s in known)
    return p.replace(brand=brand, since=since, until=until, sources=sources)


def known_sources(brand: str | None) -> frozenset[str]:
    """Every source with a mention of the brand, on any day (from the stored per-source counts).

    A source filter is checked against these, not the period's: a source chosen on the mentions
    page stays chosen when the period changes, even to one it has no mentions in."""
    if not brand:
        return frozenset()
    f = Filter(brands=(brand,))
    return _cached(
        ("known-sources", brand),
        lambda: frozenset(s for s, _owned, n in _with_conn(rollups.source_rows, f) if n),
    )


def unknown_sources(brand: str | None, asked) -> list[str]:
    """The sources a URL's `src` names that the brand has no mention from (resolve drops them),
    as written."""
    known = known_sources(brand)
    return [s[:40] for s in tokens(asked) if s not in known]


def period_notes(p: Params) -> list[tuple[str, dict[str, str]]]:
    """What resolve() changed in the URL's period, as i18n keys and their values: a start after
    the end (the ends swapped) and a start after today (the default period), which the command
    line refuses, and an end after today (cut at today); the page says so rather than show
    another period silently."""
    return _period(p.since, p.until)[2]


def today() -> str:
    """Today in Stockholm: the last day a period may reach (the date picker's last day too)."""
    return local_day(utcnow())


def _period(since: str | None, until: str | None):
    """(since, until, notes) for resolve() and period_notes()."""
    notes: list[tuple[str, dict[str, str]]] = []
    today_ = today()
    if since and until and since > until:
        notes.append(("period.swapped", {"since": since, "until": until}))
        since, until = until, since
    if since and until and since > today_:
        # Wholly to come: no day of it can be shown, so the default period, as for a start alone.
        notes.append(("period.future", {"since": since, "today": today_}))
        since = until = None
    elif until and until > today_:
        # Days still to come hold no mentions yet: counted, they would read as silence, and the
        # period before (as long) would be compared with a partly empty one.
        notes.append(("period.until_future", {"until": until, "today": today_}))
        until = today_
    if since and not until:
        try:  # a start alone ends today, as the command line's window does
            until = window_end(since, until, today_)
        except WindowError:
            notes.append(("period.future", {"since": since, "today": today_}))
            since = None
    if not since:
        until = until or newest_day(today_)
        if until:
            since = (date.fromisoformat(until) - timedelta(days=DEFAULT_DAYS - 1)).isoformat()
    return since, until, notes


def unknown_brand(asked) -> str | None:
    """The brand a URL asks for when it is not configured (resolve() shows the first instead);
    of a brand given twice, the first, which Params takes."""
    if isinstance(asked, list | tuple):
        asked = asked[0] if asked else None
    return asked if isinstance(asked, str) and asked and asked not in brand_names() else None


def previous_window(since: str, until: str) -> tuple[str, str]:
    """views.previous_window of a dashboard period, which always has one: Params takes days
    from 1900 only (views returns None only for a window reaching back before year 1)."""
    before = views.previous_window(since, until)
    assert before is not None
    return before


def _filter(p: Params, brands: list[str] | None = None, **kw) -> Filter:
    return Filter(
        brands=tuple(brands if brands is not None else ([p.brand] if p.brand else [])),
        since=p.since,
        until=p.until,
        owned=p.owned,
        **kw,
    )


def daily(p: Params, brands: list[str] | None = None, *, owned: str | None = None) -> pd.DataFrame:
    f = _filter(p, brands)
    if owned is not None:
        f = f.window().replace(owned=owned)
    with store().connect() as conn:
        return agg.daily(conn, f)


def count(p: Params) -> int:
    """Mentions selected by the shared filters (brand, period, owned)."""
    with store().connect() as conn:
        return mention_pages.mention_count(conn, _filter(p))


def compare_counts(p: Params, brands: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """daily(p, brands) and two totals per brand for the Jämför page: the days' sums, which
    follow the owned/earned filter as the charts do, and the totals over all mentions, for the
    control measures (share of voice, owned share, net tone), which never follow it, as on the
    overview. One frame twice when no filter is set.

    A compared brand without mentions in the period has rows of zeros (on each of the period's
    days with mentions, in the daily frame): it had vanished from the table and the charts, as
    if it were not compared at all, where its share of voice is 0 %."""
    d = _every_brand(daily(p, brands), brands)
    shown = _every_brand(agg.totals_of(d), brands)
    if p.owned == "all":
        return d, shown, shown
    with store().connect() as conn:
        everything = agg.totals(conn, _filter(p.replace(owned="all"), brands))
    return d, shown, _every_brand(everything, brands)


def _every_brand(frame: pd.DataFrame, brands: list[str]) -> pd.DataFrame:
    """`frame` (agg.daily's or agg.totals' columns) with a row of zeros for each of `brands` it
    lacks, on each of its days when it has days; ordered as agg orders it (day, brand). An
    empty frame stays empty: no brand has a mention, which the page says instead."""
    missing = [b for b in brands if b not in set(frame["brand"])]
    if frame.empty or not missing:
        return frame
    keys = ["day"] if "day" in frame.columns else []
    base = frame[keys].drop_duplicates() if keys else pd.DataFrame(index=[0])
    zeros = base.merge(pd.DataFrame({"brand": missing}), how="cross").assign(
        **dict.fromkeys(agg.COUNT_COLUMNS, 0)
    )
    both = pd.concat([frame, zeros[frame.columns]], ignore_index=True)
    return both.sort_values([*keys, "brand"], ignore_index=True).astype(
        dict.fromkeys(agg.COUNT_COLUMNS, "int64")
    )


def sources(p: Params, limit: int = 15) -> tuple[pd.DataFrame, dict]:
    """The top sources and their summary (agg.sources); `before_empty` in the summary says
    whether the period before has no mentions of the brand at all, when there are new voices:
    then every source counts as new, which the page must say."""
    before = previous_window(p.since, p.until) if p.since and p.until else None
    with store().connect() as conn:
        top, summary = agg.sources(conn, _filter(p), limit, before=before)
        if before and summary.get("new_voices"):
            f = _filter(p).window().replace(since=before[0], until=before[1])
            summary["before_empty"] = mention_pages.mention_count(conn, f) == 0
    return top, summary


def authors(p: Params, limit: int = 15) -> pd.DataFrame:
    with store().connect() as conn:
        return agg.authors(conn, _filter(p), limit)


def owned_activity(p: Params) -> pd.DataFrame:
    with store().connect() as conn:
        return agg.owned_activity(conn, _filter(p))


def feed_health() -> pd.DataFrame:
    with store().connect() as conn:
        return agg.feed_health(conn)


def mention_filter(p: Params) -> Filter:
    return _filter(
        p,
        sources=p.sources,
        kinds=p.kinds,
        labels=p.tones,
        langs=p.mlangs,
        text=p.q,
        story=p.story,
        triage=p.triage,
    )


# A search's hits are counted up to this many; past it the page says "more than 10 000" (a word
# in 90 % of a year's posts took 1.8 s to count exactly at a million mentions, the page 0.8 s).
COUNT_CAP = 10_000


def mention_page(p: Params, page: int, per_page: int = 25) -> tuple[pd.DataFrame, int]:
    """One page of the filtered mentions and the total count (for a search, at most COUNT_CAP
    + 1, meaning more than COUNT_CAP)."""
    f = mention_filter(p)
    with store().connect() as conn:
        common = mention_pages.search_plan(conn, f)
        total = mention_pages.mention_count(
            conn, f, at_most=COUNT_CAP if f.search else None, common=common
        )
        rows = mention_pages.mention_page(
            conn, f, sort=p.sort, offset=page * per_page, limit=per_page, common=common
        )
    return rows, total


def tone_first_count(p: Params) -> int | None:
    """For "Mest negativa"/"Mest positiva": how many mentions have that tone and come first
    (mention_pages.tone_first_count); None for the other orders."""
    if p.sort not in ("neg", "pos"):
        return None
    with store().connect() as conn:
        return mention_pages.tone_first_count(conn, mention_filter(p), p.sort)


def examples(p: Params, words: str, limit: int = 3) -> pd.DataFrame:
    """Recent mentions containing `words` under the shared filters (topic and term examples)."""
    with store().connect() as conn:
        return mention_pages.examples(conn, _filter(p), words, limit)


def examples_many(p: Params, terms: list[str], per_term: int = 3) -> dict[str, pd.DataFrame]:
    with store().connect() as conn:
        return mention_pages.examples_many(conn, _filter(p), terms, per_term)


def mention_rows(p: Params) -> Iterator:
    """Every filtered mention, streamed (CSV export); the connection closes when exhausted."""
    with store().connect() as conn:
        yield from mention_pages.mention_rows(conn, mention_filter(p), sort=p.sort)


def mention_options(p: Params) -> dict[str, list[str]]:
    return _cached(
        ("options", p.brand, p.since, p.until),
        lambda: _with_conn(mention_pages.options, _filter(p)),
    )


def _with_conn(fn, *args, **kw):
    with store().connect() as conn:
        return fn(conn, *args, **kw)


class NotSaved(StoreError):
    """The database did not take a change (Store.writing's one line, the message), and why,
    for the page's sentence: `reason` is "readonly" (this user may only read it), "busy"
    (another process held its write lock past the busy timeout), "replaced" (its SQLite file
    was replaced or removed since the dashboard opened it: `koll demo` rebuilds it) or "failed"
    (any other database error; the message says which). The page says so instead of showing a
    choice that was never stored."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


@contextlib.contextmanager
def _writing(what: str) -> Iterator:
    """store().writing(what), its StoreError made a NotSaved with the reason; KeyError and
    ValueError from the body pass unchanged."""
    try:
        with store().writing(what) as conn:
            yield conn
    except StoreError as e:
        raise NotSaved(str(e), _why(e)) from None


def _why(e: StoreError) -> str:
    """NotSaved.reason of a StoreError from Store.writing or its body."""
    # Store.writing raises its line `from None` while handling the driver's error, so that
    # error is its __context__. Without one the store refused by itself: opened read-only, its
    # file replaced or removed (Store.begin), or the change gave up (a mention made anew by
    # the ingest writer while it was marked, koll.store.sentiment_store.set_mention).
    driver = e.__context__
    if store().readonly or (driver is not None and write_refused(driver)):
        return "readonly"
    if driver is not None and is_busy(driver):
        return "busy"
    return "replaced" if store().file_replaced() else "failed"


def correct_tone(item_id: int, brand: str, label: str, author: str | None = None) -> None:
    """Store an analyst's tone correction (KeyError, ValueError: see add_correction; NotSaved)."""
    with _writing("tone correction") as conn:
        add_correction(conn, int(item_id), brand, label, author=author)


def set_triage(item_id: int, brand: str, status: str | None, author: str | None = None) -> None:
    """Store a triage mark (KeyError, ValueError: see koll.store.triage.set_triage; NotSaved)."""
    with _writing("triage mark") as conn:
        store_triage.set_triage(conn, int(item_id), brand, status, author=author)


def current_triage(item_id: int, brand: str) -> str | None:
    with store().connect() as conn:
        return store_triage.triage_of(conn, int(item_id), brand)


def current_label(item_id: int, brand: str) -> str | None:
    with store().connect() as conn:
        return mention_pages.mention_label(conn, int(item_id), brand)


def item_title(item_id: int) -> str:
    with store().connect() as conn:
        return mention_pages.item_title(conn, int(item_id))


# --- the reports every front end shares (koll/store/views.py), cached per data version ---


_prewarm_lock = threading.Lock()


def prewarm() -> threading.Thread | None:
    """Compute the control reports and rising terms of every brand's default view in the background.

    The control library reads a window's mentions in full, which takes seconds on a large store;
    doing it once after each data change means the overview most people open is instant. A run
    already in progress is not doubled.
    """
    if not _prewarm_lock.acquire(blocking=False):
        return None

    def work():
        try:
            for name in brand_names():
                p = resolve(Params(brand=name))
                if p.since and p.until:
                    control(name, p.since, p.until)
                    control_numbers(name, *previous_window(p.since, p.until))
                    rising_terms(name, p.since, p.until)
        except Exception:  # a failure here only costs speed; the page computes on demand
            log.warning("prewarming the control reports failed", exc_info=True)
        finally:
            _prewarm_lock.release()

    thread = threading.Thread(target=work, name="koll-prewarm", daemon=True)
    thread.start()
    return thread


def control(brand: str, since: str, until: str) -> dict:
    """The control report for the window (views.control_report), its unanswered threads listed."""

    def compute():
        # The control cards always show the previous window beside this one: compute its
        # numbers at the same time on a second connection (the database works while Python
        # waits), and cache them.
        ps, pu = previous_window(since, until)
        keys = _numbers_keys(brand, ps, pu)
        with _cache_lock:
            have_previous = any(k in _cache for k in keys)
        if have_previous:
            return views.control_report(store(), settings(), brand, since, until)
        previous = Beside(lambda: _numbers(brand, ps, pu))
        try:
            return views.control_report(store(), settings(), brand, since, until)
        finally:
            # An error is raised again where the previous window is asked for.
            with contextlib.suppress(Exception):
                _put(keys[-1], previous.result())

    return _cached(("control", brand, since, until), compute)


# The cached reports control_numbers answers from: a full one, else one without threads.
_NUMBERS = ("control", "control-numbers")


def control_numbers(brand: str, since: str, until: str) -> dict:
    """The window's control report without its unanswered threads (`unanswered` is empty), as
    the cards show the previous window; the full report instead when that is cached.

    Listing the threads (picking them, then reading their posts and latest comments) was about
    a quarter of a report's statements, and the cards never show the previous window's.
    """
    keys = _numbers_keys(brand, since, until)
    with _cache_lock:
        for k in keys:
            if k in _cache:
                return _cache[k]
    return _cached(("control-numbers", brand, since, until), lambda: _numbers(brand, since, until))


def _numbers_keys(brand: str, since: str, until: str) -> list[tuple]:
    """The cache keys of the full report and of the numbers, in that order (one version read)."""
    version = (_ctx.generation, data_version())
    return [(k, brand, since, until, *version) for k in _NUMBERS]


def _numbers(brand: str, since: str, until: str) -> dict:
    return views.control_report(store(), settings(), brand, since, until, unanswered_limit=0)


def dialogue(brand: str, since: str, until: str | None, limit: int = 50) -> dict:
    """The report's dialogue part (views.dialogue_report) with the first `limit` unanswered
    threads in the Dialogue page's order: the brand's own channels first, then the newest
    outside comment (an older thread on the brand's blog comes before a newer one elsewhere).
    Only those threads' details are read: a year may hold thousands."""

    def compute() -> dict:
        # The overview's report already lists them all when no more than 50 wait (most weeks).
        key = _full_key(("control", brand, since, until))
        with _cache_lock:
            shown = _cache.get(key)
        if shown is not None and len(shown.get("unanswered") or []) == _waiting(shown):
            # The same order unanswered(owned_first=True) gives: sorted() is stable.
            waiting = sorted(shown["unanswered"], key=lambda w: not w.get("owned"))
            return {**shown, "unanswered": waiting[:limit]}
        # Only the dialogue part: the page shows nothing else of the report.
        return views.dialogue_report(
            store(),
            settings(),
            brand,
            since,
            until,
            unanswered_limit=limit,
            unanswered_owned_first=True,
        )

    return _cached(("dialogue", brand, since, until, limit), compute)


def _waiting(report: dict) -> int:
    """How many threads wait for an answer (the report lists at most 50 of them)."""
    return int(report.get("dialogue_threads") or 0) - int(report.get("dialogue_answered") or 0)


def topics(brand: str, since: str | None, until: str | None) -> pd.DataFrame:
    """Topics `koll analyse` stored for exactly this period (empty when it stored none).

    Only stored topics are read: computing them on the fly takes seconds, too slow for a page.
    """
    return _cached(
        ("topics", brand, since, until),
        lambda: _with_conn(store_topics.load_topics, brand, since, until),
    )


# Topics of a period `koll analyse` did not store are found in the background from a sample of
# this many of its mentions (the topic model fits on 5 000 anyway): ~3-5 s at a million mentions.
TOPIC_SAMPLE = MAX_FIT_DOCS
_topic_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="koll-topics")
_topic_jobs: dict[tuple, Future] = {}


def period_topics(brand: str, since: str, until: str) -> tuple[pd.DataFrame | None, int]:
    """(topics, sample size) for exactly the period: stored ones (sample 0) or ones found for it
    in the background; (None, 0) while they are being found. Cached per data version."""
    stored = topics(brand, since, until)
    if not stored.empty:
        return stored, 0
    full = _full_key(("period_topics", brand, since, until))
    with _cache_lock:
        if full in _cache:
            return _cache[full]
        if full not in _topic_jobs:
            _topic_jobs[full] = _topic_pool.submit(_find_period_topics, full)
    return None, 0


def settle(timeout: float | None = 60) -> None:
    """Wait for the topic searches under way in the background to end (a benchmark times each
    callback alone; a test reads what they stored)."""
    with _cache_lock:
        jobs = list(_topic_jobs.values())
    for job in jobs:
        job.result(timeout=timeout)


def _find_period_topics(full: tuple) -> None:
    _kind, brand, since, until, _generation, _version = full
    try:
        b = settings().brand(brand)
        with store().connect() as conn:
            names = store_items.brand_names(conn, b.name)
            docs, total = store_topics.sample_texts(conn, names, since, until, TOPIC_SAMPLE)
        found = views.brand_topics(docs, b, brand).topics
        df = pd.DataFrame(found, columns=views.TOPIC_COLUMNS)
        if len(docs) and total > len(docs):  # sizes of the whole period, from the sample's shares
            df["size"] = (df["share"] * total).round().astype(int)
        _put(full, (df, len(docs) if total > len(docs) else 0))
    except Exception:  # the page says "not computed"; the next data version tries again
        log.warning("topics for %s %s..%s failed", brand, since, until, exc_info=True)
        _put(full, (pd.DataFrame(columns=views.TOPIC_COLUMNS), 0))
    finally:
        with _cache_lock:
            _topic_jobs.pop(full, None)


def rising_terms(brand: str, since: str, until: str) -> pd.DataFrame:
    """Terms rising in the window against the one before (views.rising_terms)."""

    def compute() -> pd.DataFrame:
        return views.rising_terms(store(), brand, since, until, settings=settings())

    return _cached(("rising", brand, since, until), compute)


def stories(brand: str, since: str, until: str, limit: int = 8) -> pd.DataFrame:
    """The largest stories with mentions of the brand in the window (agg.stories)."""
    f = Filter(brands=(brand,), since=since, until=until)
    return _cached(
        ("stories", brand, since, until, limit), lambda: _with_conn(agg.stories, f, limit)
    )


def alerts(brand: str | None, since: str | None, until: str | None, limit: int = 8) -> pd.DataFrame:
    """Stored alerts of the window, newest first (views.alerts_list)."""
    return views.alerts_list(store(), brand, since, until, limit)
