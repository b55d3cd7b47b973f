"""Platforms' own politeness: a throttling host (Reddit) gets one request per gap, a run waits at
most a few turns for it (the rest are deferred, not failed), and a 429 holds the whole host.

A local server on 127.0.0.2 stands for the platform: the rules are the same HostRule as
koll/searches.py's, with gaps of a fraction of a second instead of a minute.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from ingest.fetch import Fetcher, FetchRequest
from ingest.run import ingest_once
from koll.config import FetchSettings, load_settings
from koll.searches import PLATFORM_HOSTS, HostRule, host_rule
from koll.store import Store, utcnow
from koll.store import feeds as store_feeds
from koll.store.schema import feeds
from tests.conftest import REPO
from tests.feedserver import FeedServer, rss

GAP = 0.4
RULE = {"127.0.0.2": HostRule(concurrency=1, gap_s=GAP, max_wait_s=1.0)}
FAST = FetchSettings(timeout_s=5, per_host_gap_s=0, per_host_concurrency=8)


@pytest.fixture
def platform():
    server = FeedServer("127.0.0.2").start()
    yield server
    server.stop()


def _doc(n: int) -> bytes:
    return rss([{"title": f"Inlägg {n}", "link": f"https://exempel.se/{n}"}])


def _fetch_all(urls: list[str], rules=RULE):
    async def go():
        async with Fetcher(FAST, rules) as f:
            return await asyncio.gather(*(f.fetch(FetchRequest(i, u)) for i, u in enumerate(urls)))

    return asyncio.run(go())


def test_reddit_and_google_news_have_rules():
    assert host_rule("www.reddit.com").gap_s == 60
    assert host_rule("old.reddit.com") is PLATFORM_HOSTS["reddit.com"]
    assert host_rule("news.google.com").min_interval_s == 15 * 60
    assert host_rule("notreddit.com") is None and host_rule("exempel.se") is None


def test_one_request_per_gap_and_the_rest_deferred(platform):
    urls = [platform.add(f"/r/{n}.rss", _doc(n)) for n in range(6)]
    results = _fetch_all(urls)
    outcomes = [r.outcome for r in results]
    # turns at 0, 0.4 and 0.8 s are within the 1 s a run waits; the others come later
    assert outcomes.count("ok") == 3
    assert outcomes.count("deferred") == 3
    starts = sorted(t for _, _, t in platform.requests)
    assert len(starts) == 3  # a deferred feed costs the platform nothing
    # Arrival times at the server: a request the loaded machine delays shrinks the next gap (a
    # run at load 2.4 saw one gap under 0.95 x GAP); unpaced requests would arrive together.
    assert all(b - a >= GAP * 0.75 for a, b in zip(starts, starts[1:], strict=False))
    for r in results:
        if r.outcome == "deferred":
            assert r.retry_after_s > 1.0


def test_other_hosts_wait_their_turn_as_before(platform):
    # without a rule the host's turns are [fetch]'s and every feed waits for its own
    urls = [platform.add(f"/f/{n}.rss", _doc(n)) for n in range(6)]
    assert [r.outcome for r in _fetch_all(urls, rules={})] == ["ok"] * 6


def test_a_429_holds_the_whole_host(platform):
    busy = platform.add("/r/busy.rss", b"", status=429, headers={"Retry-After": "300"})
    later = [platform.add(f"/r/{n}.rss", _doc(n)) for n in range(3)]

    async def go():
        async with Fetcher(FAST, RULE) as f:
            first = await f.fetch(FetchRequest(0, busy))
            rest = [await f.fetch(FetchRequest(i + 1, u)) for i, u in enumerate(later)]
            return first, rest

    first, rest = asyncio.run(go())
    assert (first.outcome, first.status, first.retry_after_s) == ("error", 429, 300)
    assert [r.outcome for r in rest] == ["deferred"] * 3
    assert all(295 < r.retry_after_s <= 300 for r in rest)
    assert platform.hits == {"/r/busy.rss": 1}


def test_a_run_defers_what_it_cannot_fetch_politely(platform, tmp_path):
    urls = [platform.add(f"/r/{n}.rss", _doc(n)) for n in range(5)]
    config = tmp_path / "koll.toml"
    config.write_text(
        '[storage]\nurl = "sqlite:///koll.db"\n'
        + "".join(f'[[feeds]]\nurl = "{u}"\nkind = "social"\n' for u in urls),
        encoding="utf-8",
    )
    settings = replace(load_settings(config, env={}), host_rules=RULE)
    report = ingest_once(settings=settings)
    assert (report.feeds_ok, report.deferred, report.feeds_failed) == (3, 2, 0)
    assert report.exit_code == 0
    store = Store(settings.database_url)
    with store.connect() as c:
        rows = list(c.execute(select(feeds).order_by(feeds.c.id)))
    store.close()
    deferred = [r for r in rows if r.status == "never"]
    assert len(deferred) == 2
    for r in deferred:  # not a failure: no error, no back-off, due again at its turn
        assert (r.failures, r.last_error) == (0, None)
        assert r.next_due <= (utcnow() + timedelta(seconds=10)).replace(tzinfo=None)
    # the next run (once they are due) fetches them
    later = ingest_once(settings=settings, now=utcnow() + timedelta(seconds=30))
    assert later.feeds_due == 2 and later.feeds_ok == 2


def test_any_hosts_named_pause_holds_its_other_feeds(platform):
    """A newspaper's section feeds on one host: a 429 or 503 with Retry-After holds them all
    (each had asked once more in the same run). Without a named pause only its own feed waits."""
    busy = platform.add("/busy.rss", b"", status=503, headers={"Retry-After": "120"})
    later = [platform.add(f"/sektion/{n}.rss", _doc(n)) for n in range(2)]
    plain = platform.add("/plain-429.rss", b"", status=429)

    async def go(first_url):
        async with Fetcher(FAST, {}) as f:  # no platform rule for this host
            first = await f.fetch(FetchRequest(0, first_url))
            return first, [await f.fetch(FetchRequest(i + 1, u)) for i, u in enumerate(later)]

    first, rest = asyncio.run(go(busy))
    assert (first.outcome, first.status, first.retry_after_s) == ("error", 503, 120)
    assert [r.outcome for r in rest] == ["deferred"] * 2
    assert all(115 < r.retry_after_s <= 120 for r in rest)
    assert set(platform.hits) == {"/busy.rss"}
    first, rest = asyncio.run(go(plain))
    assert first.status == 429 and [r.outcome for r in rest] == ["ok"] * 2


def test_requests_queued_behind_a_named_pause_are_deferred(platform):
    """Requests already waiting for the host's one slot (or for its gap) when the pause comes
    are deferred too: they used to go ahead as soon as the 429's request finished."""
    busy = platform.add("/busy.rss", b"", status=429, headers={"Retry-After": "120"})
    others = [platform.add(f"/sektion/{n}.rss", _doc(n)) for n in range(2)]

    def run(settings: FetchSettings):
        async def go():
            async with Fetcher(settings, {}) as f:
                reqs = [FetchRequest(i, u) for i, u in enumerate([busy, *others])]
                return await asyncio.gather(*(f.fetch(r) for r in reqs))

        return asyncio.run(go())

    one_slot = FetchSettings(timeout_s=5, per_host_gap_s=0, per_host_concurrency=1)
    wait_for_gap = FetchSettings(timeout_s=5, per_host_gap_s=0.5, per_host_concurrency=4)
    for settings in (one_slot, wait_for_gap):
        platform.hits.clear()
        first, *rest = run(settings)
        assert (first.outcome, first.status) == ("error", 429)
        assert [r.outcome for r in rest] == ["deferred"] * 2
        assert all(100 < r.retry_after_s <= 120 for r in rest)
        assert set(platform.hits) == {"/busy.rss"}


def _hold_settings(tmp_path, database_url: str, feeds_toml: str):
    config = tmp_path / "koll.toml"
    config.write_text(
        f'[storage]\nurl = "{database_url}"\n[fetch]\nper_host_concurrency = 1\n'
        "per_host_gap_s = 0\n" + feeds_toml,
        encoding="utf-8",
    )
    return replace(load_settings(config, env={}), host_rules={})


def test_a_named_pause_holds_the_hosts_feeds_in_later_runs(platform, tmp_path, database_url):
    """The next cron run a minute later must not fetch the host's other feeds within the pause
    it asked for: those that were deferred, and those that were not due in the run that was told."""
    busy = platform.add("/busy.rss", _doc(0))
    section = platform.add("/sektion.rss", _doc(1))
    weekly = platform.add("/vecka.rss", _doc(2))
    elsewhere = FeedServer().start()  # another host: not held
    try:
        other = elsewhere.add("/annan.rss", _doc(3))
        settings = _hold_settings(
            tmp_path,
            database_url,
            "".join(
                f'[[feeds]]\nurl = "{u}"\ninterval = "{i}"\n'
                for u, i in [(busy, "1m"), (section, "1m"), (weekly, "10m"), (other, "1m")]
            ),
        )
        t0 = utcnow()
        assert ingest_once(settings=settings, now=t0).feeds_ok == 4
        platform.add("/busy.rss", b"", status=503, headers={"Retry-After": "3600"})
        platform.hits.clear()
        report = ingest_once(settings=settings, now=t0 + timedelta(seconds=65))
        assert (report.feeds_ok, report.feeds_failed, report.deferred) == (1, 1, 1)
        assert set(platform.hits) == {"/busy.rss"}
        store = Store(settings.database_url)
        with store.connect() as c:
            rows = {r.url: r for r in store_feeds.all_feeds(c)}
        store.close()
        held_to = t0 + timedelta(seconds=65 + 3590)
        for url in (section, weekly):  # deferred in the run, and not due in it
            assert rows[url].next_due >= held_to
            assert (rows[url].status, rows[url].failures, rows[url].last_error) == ("ok", 0, None)
        assert rows[other].next_due < held_to
        # a minute later, and after the weekly feed's 10 minutes: the host is left alone
        for later in (130, 65 + 11 * 60):
            report = ingest_once(settings=settings, now=t0 + timedelta(seconds=later))
            assert report.feeds_due == 1 and report.feeds_ok == 1  # the other host's feed
        assert set(platform.hits) == {"/busy.rss"}
        assert elsewhere.hits["/annan.rss"] == 4
    finally:
        elsewhere.stop()


def test_known_limitation_all_asks_a_paused_host_again(platform, tmp_path, database_url):
    """A known limitation, pinned so that it stays documented, not a promise: `koll ingest --all`
    overrides the schedule, a host's Retry-After pause with it (the pause is kept only as its
    feeds' due times), so it asks the paused host again, and the 429 it meets counts as the
    feed's failure. README, docs/config.md and docs/team.md say so, and that --all is for a
    catch-up by hand.

    A fix (--all keeping a host's pause) is expected to change this test: the paused host is
    then not asked (no hit on /busy.rss), its feed is deferred rather than failed (failures
    stay 1), and the docs' sentences about --all and the 429 go, with this check of them."""
    busy = platform.add("/busy.rss", _doc(0))
    section = platform.add("/sektion.rss", _doc(1))
    settings = _hold_settings(
        tmp_path, database_url, "".join(f'[[feeds]]\nurl = "{u}"\n' for u in (busy, section))
    )
    t0 = utcnow()
    assert ingest_once(settings=settings, now=t0).feeds_ok == 2
    platform.add("/busy.rss", b"", status=429, headers={"Retry-After": "3600"})
    ingest_once(settings=settings, all_feeds=True, now=t0 + timedelta(seconds=60))
    platform.hits.clear()
    report = ingest_once(settings=settings, all_feeds=True, now=t0 + timedelta(seconds=120))
    assert platform.hits["/busy.rss"] == 1 and report.feeds_failed == 1
    with Store(settings.database_url) as store, store.connect() as c:
        (row,) = [r for r in store_feeds.all_feeds(c) if r.url == busy]
    assert (row.status, row.failures) == ("failing", 2)
    docs = {
        name: (REPO / name).read_text(encoding="utf-8")
        for name in ("README.md", "docs/config.md", "docs/team.md")
    }
    for name, text in docs.items():
        near = [text[max(0, i - 300) : i + 300] for i in _places(text, "--all")]
        assert any("429" in t and "by hand" in t for t in near), name


def _places(text: str, word: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(word, i)]
