"""The API refuses a window whose `until` is after today, as the command line does
(analysis.windows.until_not_after): `ws.control(until=<tomorrow>)` counted the days to come as
zeros, quiet days that had not happened, where `koll control --until <tomorrow>` exits 2.

The methods that count over a window refuse it; those that return stored rows (mentions(),
items(), stories(), alerts(), key_messages()) do not: an item a feed dated ahead is stored, and
an analyst may read it.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest

from analysis.windows import WindowError
from tests.api_world import build_world

NOW = datetime(2026, 11, 15, 12, tzinfo=UTC)  # Nordvind's n4 is dated 2026-11-20, after it
REFUSED = "^until 2026-11-16 is after today 2026-11-15; a window covers days up to today$"

COUNTING = {
    "control": lambda ws, s, u: ws.control("Fjällkraft", s, u),
    "unanswered": lambda ws, s, u: ws.unanswered("Fjällkraft", s, u),
    "daily": lambda ws, s, u: ws.daily("Fjällkraft", s, u),
    "control_over_time": lambda ws, s, u: ws.control_over_time("Fjällkraft", "D", s, u),
    "rising_terms": lambda ws, s, u: ws.rising_terms("Fjällkraft", s, u),
    "topics": lambda ws, s, u: ws.topics("Fjällkraft", s, u),
}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("future") / "ws")


@pytest.fixture
def ws(world, monkeypatch):
    import koll.insights
    import koll.store.views
    import koll.workspace

    for module in (koll.insights, koll.store.views, koll.workspace):  # the API's clocks
        monkeypatch.setattr(module, "utcnow", lambda: NOW)
    with koll.open_workspace(world.config) as w:
        yield w


@pytest.mark.parametrize("method", sorted(COUNTING))
@pytest.mark.parametrize("since", [None, "2026-11-10", "2026-11-16"])
def test_a_window_ending_after_today_is_refused_naming_the_day_and_today(ws, method, since):
    with pytest.raises(WindowError, match=REFUSED):
        COUNTING[method](ws, since, "2026-11-16")


@pytest.mark.parametrize("method", sorted(COUNTING))
def test_a_window_ending_today_is_taken(ws, method):
    COUNTING[method](ws, "2026-11-10", "2026-11-15")
    COUNTING[method](ws, None, "2026-11-15")


def test_the_error_takes_every_spelling_of_a_day(ws):
    for until in (
        datetime(2026, 11, 16).date(),
        pd.Timestamp("2026-11-16"),
        np.datetime64("2026-11-16"),
        datetime(2026, 11, 16, 0, 30, tzinfo=UTC),  # 01:30 in Stockholm: the 16th
    ):
        with pytest.raises(WindowError, match=REFUSED):
            ws.control("Fjällkraft", until=until)
    # 23:30 UTC on the 15th is 00:30 on the 16th in Stockholm: after today there.
    with pytest.raises(WindowError, match=REFUSED):
        ws.daily(until=datetime(2026, 11, 15, 23, 30, tzinfo=UTC))


def test_stored_rows_are_read_whatever_their_date(ws):
    # Nordvind's n4 is dated 2026-11-20, after "today": mentions() returns what is stored.
    rows = ws.mentions("Nordvind", until="2026-12-31")
    assert rows["day"].max() == pd.Timestamp("2026-11-20")
    assert not ws.items(since="2026-11-16").empty
    ws.stories("Fjällkraft", until="2026-12-31")
    ws.alerts(until="2026-12-31")
    ws.key_messages("Fjällkraft", until="2026-12-31")


def test_day_range_ends_today_so_its_window_is_taken(ws):
    # An item dated ahead (Nordvind's n4, 2026-11-20) had made day_range end then, and the
    # README's `ws.control(b, *ws.day_range(b))` raise (a QA pass).
    first, last = ws.day_range("Nordvind")
    assert last is not None and last.isoformat() <= "2026-11-15"
    ws.control("Nordvind", first, last)
    first, last = ws.day_range()
    assert last is not None and last.isoformat() <= "2026-11-15"
