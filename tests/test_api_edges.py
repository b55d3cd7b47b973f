"""The API at its edges, as a QA pass met them: empty results, huge numbers, odd characters,
windows at the ends of the calendar. Each answer is the documented one, the same on every engine.
"""

from __future__ import annotations

import sys

import pandas as pd
import pytest

import koll


@pytest.fixture(scope="module")
def demo(demo_workspace):
    with koll.open_workspace(demo_workspace) as ws:
        yield ws


def test_an_empty_rising_terms_table_has_the_full_one_s_dtypes(demo):
    """The empty table had `current` and `baseline` as float64, the full one int64."""
    full = demo.rising_terms("Fjällkraft")
    assert not full.empty  # else the comparison would prove nothing
    empty = demo.rising_terms("Fjällkraft", "2026-01-01", "2026-01-02")
    assert empty.empty
    assert empty.dtypes.astype(str).to_dict() == full.dtypes.astype(str).to_dict()
    assert str(full["current"].dtype) == str(full["baseline"].dtype) == "int64"


def test_rising_terms_are_the_dashboard_s_for_the_same_window(demo):
    """A notebook's rising terms are the dashboard's (koll/analyses.py says so). They were not:
    the analysts' path read a comment's title, the post it comments, so every comment on
    "Fjällkraft höjer månadsavgiften" counted `höjer`, and `höjer` rose in 58 of the last two
    weeks' mentions in a notebook and in none on the dashboard. Fourteen days against the
    fourteen before, the baseline both take for such a window (koll.store.views.rising_terms).
    """
    from datetime import timedelta

    from koll.store import views

    compared = 0
    for brand in ("Fjällkraft", "Nordvind"):
        last = demo.day_range(brand)[1]
        for back in range(0, 28, 3):
            until = last - timedelta(days=back)
            since = (until - timedelta(days=13)).isoformat()
            api = demo.rising_terms(brand, since, until.isoformat(), baseline_days=14)
            shown = views.rising_terms(
                demo.store, brand, since, until.isoformat(), settings=demo.settings
            )
            pd.testing.assert_frame_equal(api, shown, check_exact=False, rtol=1e-9)
            compared += len(api)
    assert compared  # some window has rising terms, or equal empty tables would prove nothing


# -- numbers beyond what a store holds ----------------------------------------------------------


@pytest.fixture
def world_ws(database_url, tmp_path):
    """The API test world on each engine (tests/conftest.py runs a test once per engine)."""
    from tests.api_world import build_world

    world = build_world(tmp_path / "ws", database_url)
    with koll.open_workspace(world.config) as ws:
        yield ws


HUGE = [2**31, sys.maxsize, 2**63, 2**70]


def test_a_huge_limit_or_chunk_size_is_all_the_rows_on_either_engine(world_ws):
    """limit=sys.maxsize gave an OverflowError on SQLite and chunksize=2**63 a syntax error
    on PostgreSQL, stories and alerts from 2**63 a pandas DatabaseError there: no table holds
    more than 2**31 - 1 rows, so a larger number means all of them."""
    ws = world_ws
    everything = ws.mentions("Fjällkraft")
    for n in HUGE:
        assert ws.unanswered("Fjällkraft", limit=n).equals(ws.unanswered("Fjällkraft"))
        assert ws.stories("Fjällkraft", limit=n).equals(ws.stories("Fjällkraft"))
        assert ws.alerts(limit=n).equals(ws.alerts())
        chunks = list(ws.iter_mentions("Fjällkraft", chunksize=n))
        assert len(chunks) == 1
        pd.testing.assert_frame_equal(chunks[0], everything)
        assert len(next(ws.iter_items(chunksize=n))) == len(ws.items())


def test_an_id_no_row_can_have_is_a_value_error_naming_it_on_either_engine(world_ws):
    """correct(2**70, ...) was an OverflowError on SQLite, and from 2**31 "integer out of
    range" on PostgreSQL, whose ids are 32-bit."""
    ws = world_ws
    for bad in (*HUGE, float(2**31), 0, -1, -(2**70)):
        with pytest.raises(
            ValueError, match=rf"^item_id: expected an id from 1 to 2147483647, got {bad!r}$"
        ):
            ws.correct(bad, "Fjällkraft", "neu")
    assert ws.corrections().empty  # nothing was written
    # The largest id there can be is an id: not stored, so no mention of the brand.
    with pytest.raises(KeyError, match="2147483647"):
        ws.correct(2**31 - 1, "Fjällkraft", "neu")


# -- text PostgreSQL cannot take ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda w: w.mentions(source="norrlandsposten.se\x00"), "source"),
        (lambda w: w.mentions(source=["norrlandsposten.se", "\x00"]), "source"),
        (lambda w: w.items(source="norrlandsposten.se\x00"), "source"),
        (lambda w: w.items(lang="SV\x00"), "lang"),
        (lambda w: next(w.iter_items(lang=["sv\x00"])), "lang"),
        (lambda w: w.mentions("Fjällkraft\x00"), "brand"),
        (lambda w: w.correct(1, "Fjällkraft", "neu", author="Eva\x00"), "author"),
    ],
)
def test_a_nul_character_is_a_value_error_naming_the_argument_on_either_engine(
    world_ws, call, name
):
    """SQLite matched nothing (an empty frame) and stored an author with it, PostgreSQL raised
    a pandas DatabaseError or a DataError: the same call answered differently by engine."""
    with pytest.raises(ValueError, match=rf"^{name}: expected text without NUL characters"):
        call(world_ws)
    assert world_ws.corrections().empty  # nothing was written


# -- windows at the start of the calendar -------------------------------------------------------


def test_rising_terms_baseline_starts_no_earlier_than_1900(demo, monkeypatch):
    """rising_terms(F, "1900-01-01", "1900-01-03") raised "since: expected a day from
    1900-01-01 … got '1899-12-29'": its baseline, a day the caller never gave."""
    table = demo.rising_terms("Fjällkraft", "1900-01-01", "1900-01-03")
    assert table.empty
    assert table.dtypes.astype(str).to_dict() == {
        "term": "str",
        "current": "int64",
        "baseline": "int64",
        "expected": "float64",
        "ratio": "float64",
        "p_value": "float64",
    }
    asked = []
    real = demo.mentions
    monkeypatch.setattr(demo, "mentions", lambda *a, **k: asked.append(a[1:3]) or real(*a, **k))
    demo.rising_terms("Fjällkraft", "1900-01-01", "1900-01-03")
    assert asked == [("1900-01-01", "1900-01-03")]  # no baseline: no day before 1900
    asked.clear()
    demo.rising_terms("Fjällkraft", "1900-01-02", "1900-01-05")
    assert asked == [("1900-01-02", "1900-01-05"), ("1900-01-01", "1900-01-01")]  # shorter
    # The default window (the newest day with mentions and the 6 before) starts in 1900 too.
    asked.clear()
    monkeypatch.setattr(demo, "_newest_day", lambda today: "1900-01-03")
    demo.rising_terms("Fjällkraft")
    assert asked == [("1900-01-01", "1900-01-03")]


# -- labels -------------------------------------------------------------------------------------


def test_correct_takes_a_label_in_any_case_as_the_label_filter_does(world_ws):
    """correct(item, brand, "POS") was refused ("label must be one of pos, neu, neg") where
    mentions(label="NEG") was taken; the label is stored lower case."""
    ws = world_ws
    item = int(ws.mentions("Fjällkraft", label="neg").iloc[0]["item_id"])
    assert ws.correct(item, "Fjällkraft", "POS") >= 1
    assert ws.correct(item, "Fjällkraft", " Neu ") >= 1
    assert ws.corrections()["label"].tolist() == ["pos", "neu"]
    mention = ws.mentions("Fjällkraft", label="NEU")
    assert item in mention["item_id"].tolist()
    assert mention.set_index("item_id").loc[item, "model"] == "manual"
    for bad in ("positive", "POSITIVE", "", None, 1):
        with pytest.raises(
            ValueError, match=rf"^label: expected one of pos, neu, neg, got {bad!r}$"
        ):
            ws.correct(item, "Fjällkraft", bad)
    assert len(ws.corrections()) == 2


def test_topics_with_a_since_after_today_is_a_window_error_as_control_s(demo, monkeypatch):
    """topics(F, "2027-01-01") was a silent empty frame where control(), daily(),
    rising_terms() and unanswered() raise WindowError; with `since` alone the window ends today
    as theirs does."""
    from datetime import UTC, datetime

    import koll.insights
    import koll.store.views
    from analysis.windows import WindowError

    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    for module in (koll.insights, koll.store.views):  # topics()' clock, and control()'s
        monkeypatch.setattr(module, "utcnow", lambda: now, raising=False)
    with pytest.raises(WindowError, match="^since 2026-11-21 is after today 2026-11-20"):
        demo.topics("Fjällkraft", "2026-11-21")
    with pytest.raises(WindowError, match="^since 2026-11-21 is after today 2026-11-20"):
        demo.control("Fjällkraft", "2026-11-21")
    since_only = demo.topics("Fjällkraft", "2026-11-10")
    assert not since_only.empty
    pd.testing.assert_frame_equal(since_only, demo.topics("Fjällkraft", "2026-11-10", "2026-11-20"))


def test_stories_limit_none_is_no_limit_as_in_unanswered_and_alerts(demo):
    """stories(F, limit=None) raised TypeError while unanswered() and alerts() take None as
    no limit."""
    every = demo.stories("Fjällkraft", limit=None)
    assert len(every) > 2  # else the comparison would prove nothing
    pd.testing.assert_frame_equal(every, demo.stories("Fjällkraft", limit=sys.maxsize))
    assert len(demo.stories("Fjällkraft", limit=2)) == 2
    assert demo.stories("Fjällkraft", "2030-01-01", "2030-01-02", limit=None).empty
