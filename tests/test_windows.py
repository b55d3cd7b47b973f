"""A window whose --since comes after its --until is a usage error in every command (exit 2, one
line) and a ValueError in every API call, instead of an empty answer that looks like "nothing
was said"."""

from __future__ import annotations

import inspect
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from koll.workspace import Workspace
from tests import cli_args
from tests.api_world import build_world

WINDOWED = sorted(
    name
    for name in cli_args.commands()
    if {o.dest for o in cli_args.value_options(name)} >= {"since", "until"}
)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("windows") / "ws")


@pytest.fixture(scope="module")
def ws(world):
    texts = world.config.parent / "texts.csv"
    texts.write_text("text,label\nbra,pos\n", encoding="utf-8")
    return cli_args.Workspace(world.config, "Fjällkraft", world.news_url, texts)


def test_the_commands_with_a_window_are_found():
    assert {"alerts", "control", "export", "topics"} <= set(WINDOWED)


@pytest.mark.parametrize("command", WINDOWED)
def test_since_after_until_is_exit_2_with_one_line(ws, command):
    argv = cli_args.valid_argv(command, ws)
    code, out, err = cli_args.run([*argv, "--since", "2026-11-30", "--until", "2026-11-01"])
    assert code == 2
    assert err.strip() == "koll: --since 2026-11-30 is after --until 2026-11-01"
    # The same window the right way round is fine.
    code, out, err = cli_args.run([*argv, "--since", "2026-11-01", "--until", "2026-11-30"])
    assert code == 0, err


API = sorted(
    name
    for name, fn in inspect.getmembers(Workspace, inspect.isfunction)
    if not name.startswith("_") and {"since", "until"} <= set(inspect.signature(fn).parameters)
)


def test_the_api_calls_with_a_window_are_found():
    assert {"mentions", "items", "daily", "control", "topics", "rising_terms"} <= set(API)


@pytest.mark.parametrize("method", API)
def test_since_after_until_is_a_value_error_in_the_api(world, method):
    import koll

    with koll.open_workspace(world.config) as w:
        fn = getattr(w, method)
        params = inspect.signature(fn).parameters
        args = ["Fjällkraft"] if "brand" in params and list(params)[0] == "brand" else []
        with pytest.raises(ValueError, match="since 2026-11-30 is after until 2026-11-01"):
            result = fn(*args, since="2026-11-30", until="2026-11-01")
            if inspect.isgenerator(result):
                next(result)
        fn(*args, since="2026-11-01", until="2026-11-30")  # the right way round works


def test_a_window_error_says_the_ends_as_the_api_names_them_or_as_flags():
    """One exception for a window that ends before it starts, which the commands tell from any
    other ValueError and say with their flags."""
    from analysis.windows import WindowError, window_end
    from koll.args import window_arg

    assert window_end(None, None, "2026-11-01") is None  # all history
    assert window_end("2026-11-01", None, "2026-11-01") == "2026-11-01"
    assert window_end("2026-11-05", "2026-11-03", "2026-11-01") == "2026-11-03"  # left to others
    with pytest.raises(WindowError) as raised:
        window_end("2026-11-02", None, "2026-11-01")
    assert isinstance(raised.value, ValueError)
    assert str(raised.value) == (
        "since 2026-11-02 is after today 2026-11-01, where a window without until ends"
    )
    assert raised.value.with_flags() == (
        "--since 2026-11-02 is after today 2026-11-01, where a window without --until ends"
    )
    with pytest.raises(WindowError) as raised:
        window_arg("2026-11-30", "2026-11-01")
    assert raised.value.with_flags() == "--since 2026-11-30 is after --until 2026-11-01"


@pytest.mark.parametrize("url", ["mongodb://x", "http://x/y", "sqlite://", ""])
def test_the_api_refuses_a_database_url_koll_cannot_use(world, url):
    import koll
    from koll.config import ConfigError

    with pytest.raises(ConfigError, match="database_url"):
        koll.open_workspace(world.config, database_url=url)


# -- what a day may be -------------------------------------------------------------------------

DATED = sorted(
    name
    for name in cli_args.commands()
    if {o.dest for o in cli_args.value_options(name)} & {"since", "until"}
)

# Valid calendar days far enough out that shifting a window by its length (the window before,
# a report's week) overflowed Python's dates deep inside a command or an API call.
EXTREME = ["0001-01-01", "1000-01-01", "9999-12-31"]
# Read as dates by Python 3.11's date.fromisoformat, though the documented form is YYYY-MM-DD.
NOT_ISO_DAYS = ["20261101", "2026-W45", "2026-W45-1"]


@pytest.mark.parametrize("command", DATED)
@pytest.mark.parametrize("flag", ["--since", "--until"])
@pytest.mark.parametrize("value", EXTREME + NOT_ISO_DAYS)
def test_a_day_out_of_range_or_not_yyyy_mm_dd_is_exit_2_with_one_line(ws, command, flag, value):
    if flag.lstrip("-") not in {o.dest for o in cli_args.value_options(command)}:
        pytest.skip(f"koll {command} has no {flag}")
    code, out, err = cli_args.run([*cli_args.valid_argv(command, ws), flag, value])
    assert code == 2, err
    expected = (
        "expected a day from 1900-01-01 to 2999-12-31"
        if value in EXTREME
        else "expected a date YYYY-MM-DD"
    )
    assert err.strip() == f"koll: config error: (command line): {flag}: {expected}, got {value!r}"


def test_the_range_ends_are_days_like_any_other(ws):
    argv = cli_args.valid_argv("control", ws)
    code, out, err = cli_args.run([*argv, "--since", "1900-01-01"])
    assert code == 0, err
    # The last one is after today: a usage error in one line (koll control's windows end by
    # today, as koll digest's and koll report's do), not an overflow.
    code, out, err = cli_args.run([*argv, "--since", "1900-01-01", "--until", "2999-12-31"])
    assert code == 2 and err.startswith("koll: --until 2999-12-31 is after today "), err


@pytest.mark.parametrize("method", API)
@pytest.mark.parametrize(
    "value",
    [*EXTREME, *NOT_ISO_DAYS, date(1, 1, 1), datetime(9999, 12, 31, 23, tzinfo=UTC)],
)
def test_a_day_out_of_range_or_not_yyyy_mm_dd_is_a_value_error_in_the_api(world, method, value):
    import koll

    with koll.open_workspace(world.config) as w:
        fn = getattr(w, method)
        params = inspect.signature(fn).parameters
        args = ["Fjällkraft"] if "brand" in params and list(params)[0] == "brand" else []
        for name in ("since", "until"):
            with pytest.raises(ValueError, match=f"^{name}: expected a d"):
                result = fn(*args, **{name: value})
                if inspect.isgenerator(result):
                    next(result)


@pytest.mark.parametrize("missing", [pd.NaT, float("nan"), np.nan, pd.NA, np.datetime64("NaT")])
def test_a_missing_day_is_no_bound_like_none(world, missing):
    # What a frame holds where a day is missing, passed on from a notebook cell.
    import koll

    with koll.open_workspace(world.config) as w:
        pd.testing.assert_frame_equal(
            w.mentions("Fjällkraft", since=missing), w.mentions("Fjällkraft")
        )
        pd.testing.assert_frame_equal(w.items(until=missing), w.items())
        pd.testing.assert_frame_equal(w.daily(since=missing, until=missing), w.daily())
        assert w.control("Fjällkraft", since=missing) == w.control("Fjällkraft")


def test_since_without_until_ends_today_and_since_after_today_is_refused(world):
    import koll
    from koll.store import local_day, utcnow

    with koll.open_workspace(world.config) as w:
        today = date.fromisoformat(local_day(utcnow()))
        report = w.control("Fjällkraft", since="2026-11-01")
        # The window's end is said, not left null: the JSON shows the window that was counted.
        assert (report["since"], report["until"]) == ("2026-11-01", today.isoformat())
        assert report == w.control("Fjällkraft", "2026-11-01", today)
        tomorrow = (today + timedelta(days=1)).isoformat()
        with pytest.raises(ValueError, match=f"since {tomorrow} is after today {today}"):
            w.control("Fjällkraft", since=tomorrow)
        with pytest.raises(ValueError, match=f"since {tomorrow} is after today {today}"):
            w.unanswered("Fjällkraft", since=tomorrow)


def test_koll_control_since_after_today_is_exit_2_with_one_line(ws):
    """A window from a future day to today (no --until) had ended in a traceback."""
    from koll.store import local_day, utcnow

    today = local_day(utcnow())
    tomorrow = (date.fromisoformat(today) + timedelta(days=1)).isoformat()
    argv = cli_args.valid_argv("control", ws)
    code, out, err = cli_args.run([*argv, "--since", tomorrow])
    assert code == 2
    assert err.strip() == (
        f"koll: --since {tomorrow} is after today {today}, where a window without --until ends"
    )


def test_koll_control_table_says_an_open_window_runs_over_all_history(ws):
    """Without --since/--until the table said "– (kan inte mätas)" for both ends, the words
    for a figure with nothing to measure."""
    argv = cli_args.valid_argv("control", ws)
    code, out, _ = cli_args.run(argv)
    assert code == 0
    lines = {ln.split()[0]: ln for ln in out.splitlines() if ln.strip()}
    assert lines["since"].endswith("– (från första omnämnandet)")
    assert lines["until"].endswith("– (till det senaste)")
