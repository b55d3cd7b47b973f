"""A search for a common word (koll/store/common_search.py) finds exactly the plain way's pages
and capped counts, on a real SQLite store with common, mid and rare words, prefixes that stand
for several indexed words, ties in time, and filters that leave a common word rare."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, update

from koll.store import Store, common_search, mention_pages
from koll.store.filters import Filter, fts_match
from koll.store.schema import items, mentions

N_ITEMS = 1200
START = datetime(2026, 1, 1, tzinfo=UTC)


def _text(rng: random.Random, i: int) -> str:
    words = ["brus"]
    if rng.random() < 0.9:
        words.append("vanlig")  # ~90 % of items
    if rng.random() < 0.3:
        words.append(rng.choice(["elpris", "elnät", "el"]))  # "el"* stands for three words
    if i % 97 == 0:
        words.append("sällsynt")
    if rng.random() < 0.5:
        words.append("vanligen")  # "vanlig"* also stands for this one
    rng.shuffle(words)
    return " ".join(words)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = Store(f"sqlite:///{tmp_path_factory.mktemp('common') / 'koll.db'}")
    rng = random.Random(18)
    item_rows, mention_rows = [], []
    for i in range(1, N_ITEMS + 1):
        # Item ids unrelated to time (as a store filled from many feeds), and several items
        # per minute, so the page order relies on its tie-breakers.
        at = START + timedelta(minutes=rng.randrange(0, 60 * 24 * 40, 7))
        day, source = at.date().isoformat(), f"kalla{i % 5}.se"
        item_rows.append({"id": i, "key": f"k{i}", "title": f"Inlägg {i}", "text": _text(rng, i),
                          "published": at, "day": day, "first_seen": at, "source": source,
                          "kind": "web", "content_hash": f"h{i}"})  # fmt: skip
        for brand in ("Fjällkraft", "Nordvind") if i % 3 else ("Fjällkraft",):
            mention_rows.append({"item_id": i, "brand": brand, "owned": i % 4 == 0, "day": day,
                                 "published": at, "source": source, "kind": "web"})  # fmt: skip
    with s.engine.begin() as conn:
        conn.execute(insert(items), item_rows)
        conn.execute(insert(mentions), mention_rows)
    yield s
    s.close()


FILTERS = [
    Filter(brands=("Fjällkraft",), text="vanlig"),
    Filter(brands=("Fjällkraft", "Nordvind"), text="Vanlig brus"),
    Filter(since="2026-01-10", until="2026-01-20", text="vanlig"),
    Filter(brands=("Nordvind",), owned="owned", text="el"),
    Filter(brands=("Fjällkraft",), sources=("kalla2.se",), text="vanligen"),
    Filter(brands=("Fjällkraft",), text="sällsynt"),  # common threshold met, few hits
    Filter(brands=("Fjällkraft",), text="elpr"),
    Filter(since="2026-02-08", text="vanlig"),  # the last days only: walks to the end
    # Counted by day words (common_search.in_days): one day, across a month's end, the most days.
    Filter(brands=("Nordvind",), since="2026-01-20", until="2026-01-20", text="vanlig"),
    Filter(since="2026-01-30", until="2026-02-02", text="el vanlig"),
    Filter(brands=("Fjällkraft",), since="2026-01-05", until="2026-02-04", text="vanlig"),
]


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: f"{f.text}-{','.join(f.brands)}")
@pytest.mark.parametrize("sort", ["new", "old"])
def test_walked_pages_and_counts_equal_the_plain_way(store, f, sort):
    with store.connect() as conn:
        common = common_search.plan(conn, f, common_hits=10)
        assert common is not None, "the test store must take the walking way"
        for offset, limit in [(0, 25), (25, 25), (0, 1), (300, 25), (0, 200)]:
            plain = mention_pages.mention_page(conn, f, sort=sort, offset=offset, limit=limit)
            walked_ids = common_search.page_ids(
                conn, f, common, mention_pages.SORTS[sort], offset, limit
            )
            assert walked_ids is not None
            assert walked_ids == list(plain["mention_id"])
            walked = mention_pages.mention_page(
                conn, f, sort=sort, offset=offset, limit=limit, common=common
            )
            assert walked.equals(plain)
        for cap in (5, 100, 10_000):
            assert mention_pages.mention_count(
                conn, f, at_most=cap, common=common
            ) == mention_pages.mention_count(conn, f, at_most=cap)


def test_the_plain_way_stays_for_rare_words_and_what_cannot_be_spelled_out(store):
    with store.connect() as conn:
        rare = Filter(text="sällsynt")
        assert common_search.plan(conn, rare) is None  # 13 hits, far below COMMON_HITS
        assert common_search.plan(conn, rare, common_hits=10) == '("sällsynt")'
        assert common_search.plan(conn, Filter(text="el"), common_hits=10) == (
            '("el" OR "elnät" OR "elpris")'
        )
        # "_" splits words in the search table: not spelled out, searched the plain way
        assert common_search.plan(conn, Filter(text="vanlig_brus"), common_hits=10) is None
        assert common_search.plan(conn, Filter(text=""), common_hits=10) is None


def test_a_walk_past_its_budget_falls_back(store, monkeypatch):
    f = Filter(brands=("Fjällkraft",), text="sällsynt")
    with store.connect() as conn:
        common = common_search.plan(conn, f, common_hits=10)
        order = mention_pages.SORTS["new"]
        monkeypatch.setattr(common_search, "WALK_BUDGET", 60)
        assert common_search.page_ids(conn, f, common, order, 0, 5) is None
        plain = mention_pages.mention_page(conn, f, limit=5)
        assert mention_pages.mention_page(conn, f, limit=5, common=common).equals(plain)
        assert len(plain) == 5


def test_a_filter_with_few_mentions_counts_the_plain_way(store, monkeypatch):
    """When the rollups say the filter holds no more mentions than the cap, the count needs
    every hit, so it is counted the plain way (a walk would join all ~1,000 hits one by one);
    past the cap the walk stays. A window of at most COMMON_DAY_WORDS days is walked by its
    day words either way. A rare word with fewer hits than the filter has mentions is walked hit
    by hit too. The counts are the plain way's in every case."""
    from koll.jobs.rollups import update_rollups

    update_rollups(store, datetime(2026, 3, 1, tzinfo=UTC))
    walked: list[Filter] = []
    real = common_search.count
    monkeypatch.setattr(
        common_search, "count", lambda conn, f, *a, **k: walked.append(f) or real(conn, f, *a, **k)
    )
    real_all = common_search.count_all
    monkeypatch.setattr(
        common_search,
        "count_all",
        lambda conn, f, *a, **k: walked.append(f) or real_all(conn, f, *a, **k),
    )
    week = Filter(brands=("Fjällkraft",), since="2026-01-10", until="2026-01-16", text="vanlig")
    year = Filter(brands=("Fjällkraft",), text="vanlig", since="2026-01-01", until="2026-12-31")
    # A rare word (13 hits) under a filter of ~1,000 mentions: its hits are walked instead.
    rare = year.replace(text="sällsynt")
    few = week.replace(text="el", brands=("Nordvind",))  # ~360 hits, ~140 mentions: plain
    # More days than COMMON_DAY_WORDS, and fewer mentions than the cap.
    season = week.replace(since="2026-01-01", until="2026-04-30")
    # A common word's 60 days: more than MAX_DAY_WORDS, still asked for by its day words.
    months = week.replace(since="2026-01-01", until="2026-03-01")
    cases = [(week, 10_000, True), (week, 5, True), (season, 10_000, False), (season, 5, True),
             (months, 10_000, True),
             (year, 100, True), (rare, 5, True), (rare, 10_000, True),
             (few, 10, False)]  # fmt: skip
    with store.connect() as conn:
        for f, cap, walks in cases:
            common = common_search.plan(conn, f, common_hits=10) if "vanlig" in f.text else None
            walked.clear()
            got = mention_pages.mention_count(conn, f, at_most=cap, common=common)
            assert got == mention_pages.mention_count(conn, f, at_most=cap), (f, cap)
            assert bool(walked) == walks, (f, cap)


def _frozen_indexed_words(conn, word: str) -> list[str]:
    """The old listing, kept as the oracle: every word of the 'row' vocabulary in the range."""
    conn.exec_driver_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.oracle_words "
        "USING fts5vocab(main, 'items_fts', 'row')"
    )
    upper = word[:-1] + chr(ord(word[-1]) + 1)
    return list(
        conn.exec_driver_sql(
            "SELECT term FROM temp.oracle_words WHERE term >= ? AND term < ?", (word, upper)
        ).scalars()
    )


@pytest.mark.parametrize(
    "word",
    [
        "el",
        "elp",
        "elpris",
        "elprisx",
        "v",
        "vanlig",
        "vanligen",
        "br",
        "s",
        "sä",
        "z",
        "ä",
        "1",
        "11",
        "inl",
    ],
)
def test_a_prefix_is_spelled_out_as_the_indexed_words_it_stands_for(store, word, monkeypatch):
    """The word-at-a-time listing gives the 'row' vocabulary's words in its order, stops past
    MAX_EXPANSION, and finds the words after one that is itself a common word ("vanlig")."""
    monkeypatch.setattr(common_search, "MAX_EXPANSION", 3)
    with store.connect() as conn:
        expected = _frozen_indexed_words(conn, word)
        got = common_search._indexed_words(conn, word)
    assert got == (expected if len(expected) <= 3 else None), word


def test_day_words_find_each_items_day_and_no_search_finds_them(store, monkeypatch):
    """The search table's day words (schema.SEARCH_DAY_MARK) select exactly the items of that
    day; a search for the day's digits, or a prefix of them, finds none of them."""
    from koll.store.schema import SEARCH_DAY_MARK

    with store.connect() as conn:
        by_day = conn.exec_driver_sql("SELECT day, count(*) FROM items GROUP BY day").all()
        for day, n in by_day[:5]:
            q = f'"{SEARCH_DAY_MARK}{day.replace("-", "")}"'
            assert len(conn.execute(fts_match(q)).all()) == n
        for text in ("2026", "20260110", "ue000", "e000"):
            assert mention_pages.mention_count(conn, Filter(text=text)) == 0, text
        # A prefix is spelled out as words without the mark ("2" stands for 2, 20, 200...).
        monkeypatch.setattr(common_search, "MAX_EXPANSION", 5000)
        for text in ("2", "1", "i"):
            spelled = common_search._indexed_words(conn, text) or []
            assert spelled and not any(SEARCH_DAY_MARK in w for w in spelled), text


def test_the_day_words_follow_an_items_insert_day_change_and_delete(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'koll.db'}")
    at = datetime(2026, 3, 2, 9, tzinfo=UTC)
    f = Filter(since="2026-03-01", until="2026-03-03", text="ovanlig")
    row = {"id": 7, "key": "k7", "title": "T", "text": "ovanlig", "published": at,
           "day": "2026-03-02", "first_seen": at, "source": "a.se", "kind": "web",
           "content_hash": "h"}  # fmt: skip

    def found(day: str) -> set[int]:
        with s.connect() as conn:
            exact = common_search._spelled_out(conn, f)
            q = common_search.in_days(exact, f.replace(since=day, until=day))
            return set(conn.execute(fts_match(q)).scalars())

    try:
        with s.begin() as conn:
            conn.execute(insert(items), [row])
        assert (found("2026-03-02"), found("2026-03-03")) == ({7}, set())
        with s.begin() as conn:
            conn.execute(update(items).where(items.c.id == 7).values(day="2026-03-03"))
        assert (found("2026-03-02"), found("2026-03-03")) == (set(), {7})
        with s.begin() as conn:
            conn.execute(items.delete().where(items.c.id == 7))
        assert found("2026-03-03") == set()
    finally:
        s.close()


def test_how_common_a_word_is_is_estimated_from_runs_spread_over_the_ids(tmp_path, monkeypatch):
    """plan's estimate: runs of ids spread over the store, so a burst of items of one kind at
    the end (here the newest 150 of 600, none with "vanlig") does not make a common word look
    rare, as the newest ids alone would."""
    s = Store(f"sqlite:///{tmp_path / 'koll.db'}")
    at = START
    rows = [{"id": i, "key": f"k{i}", "title": "", "text": "vanlig" if i <= 450 else "kommentar",
             "published": at, "day": "2026-01-01", "first_seen": at, "source": "a.se",
             "kind": "web", "content_hash": f"h{i}"} for i in range(1, 601)]  # fmt: skip
    monkeypatch.setattr(common_search, "SAMPLE_ITEMS", 200)
    try:
        with s.begin() as conn:
            conn.execute(insert(items), rows)
        with s.connect() as conn:
            spread = common_search._estimated_hits(conn, '"vanlig"')
            rare = common_search._estimated_hits(conn, '"kommentar"')
            monkeypatch.setattr(common_search, "SAMPLE_SLICES", 1)  # the newest 200 ids alone
            newest = common_search._estimated_hits(conn, '"vanlig"')
            monkeypatch.setattr(common_search, "SAMPLE_ITEMS", 1000)  # more than the store
            exact = common_search._estimated_hits(conn, '"vanlig"')
    finally:
        s.close()
    assert exact == 450
    assert 0.75 * 450 <= spread <= 1.25 * 450 and 0.5 * 150 <= rare <= 1.5 * 150
    assert newest < 0.75 * 450


def _frozen_share_out(df, terms, per_term):
    """examples_many's old sharing out with pandas' .str, kept as the oracle."""
    import re

    import pandas as pd

    haystack = (df["title"].fillna("") + " " + df["snippet"].fillna("")).str.casefold()
    out = {}
    for term in terms:
        words = re.findall(r"\w+", term.casefold())
        mask = pd.Series(bool(words), index=df.index)
        for w in words:
            mask &= haystack.str.contains(r"\b" + re.escape(w), regex=True)
        out[term] = df[mask].head(per_term)
    return out


def test_examples_for_many_terms_are_shared_out_as_before(store, monkeypatch):
    """The examples of each topic term: the pool's rows whose title or text opening has a word
    starting with each of the term's words, as the pandas version picked them."""
    terms = ["vanlig", "el", "elpris", "Inlägg 12", "sällsynt", "brus vanligen", "anlig", "..."]
    f = Filter(brands=("Fjällkraft",))
    pools = []
    real = mention_pages._newest_hits
    monkeypatch.setattr(
        mention_pages, "_newest_hits", lambda *a, **k: pools.append(real(*a, **k)) or pools[-1]
    )
    with store.connect() as conn:
        got = mention_pages.examples_many(conn, f, terms, per_term=3)
    (pool,) = pools
    pool.loc[pool.index[:5], "title"] = None  # a title missing: matched on the text alone
    expected = _frozen_share_out(pool, terms, 3)
    with store.connect() as conn:
        monkeypatch.setattr(mention_pages, "_newest_hits", lambda *a, **k: pool)
        got = mention_pages.examples_many(conn, f, terms, per_term=3)
    assert set(got) == set(expected)
    for term in terms:
        assert got[term].equals(expected[term]), term
    assert [len(got[t]) for t in ("vanlig", "el", "anlig")] == [3, 3, 0] and len(got["sällsynt"])
