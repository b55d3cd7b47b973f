"""A window's --until after today (Europe/Stockholm) is a usage error for koll control and koll
report, as it was for koll digest: `koll report --until 2027-01-01` was accepted, and `koll
control --since D --until D` with D tomorrow exited 0 while `--since D` alone exited 2."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from koll.cli import main
from koll.store import local_day, utcnow
from tests.helpers import one_brand_config


def _days() -> tuple[date, str]:
    """(today, tomorrow) in Stockholm, read when a test runs, not when the module is imported:
    a run passing midnight between the two had made "tomorrow" today."""
    today = date.fromisoformat(local_day(utcnow()))
    return today, (today + timedelta(days=1)).isoformat()


@pytest.fixture
def config(tmp_path):
    return one_brand_config(tmp_path)


@pytest.mark.parametrize(
    "window",
    [
        ["--until", "TOMORROW"],
        ["--since", "TOMORROW", "--until", "TOMORROW"],
        ["--until", "2999-12-31"],
    ],
)
@pytest.mark.parametrize("command", ["control", "report", "topics"])
def test_an_until_after_today_is_a_usage_error(config, tmp_path, capsys, command, window):
    TODAY, TOMORROW = _days()
    window = [TOMORROW if w == "TOMORROW" else w for w in window]
    argv = [command, "--config", config, "--brand", "Fjällkraft", *window]
    if command == "report":
        argv += ["--output", str(tmp_path / "r.html")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    until = window[-1]
    assert err == (
        f"koll: --until {until} is after today {TODAY}; a window covers days up to today\n"
    )
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("command", ["control", "report"])
def test_today_is_a_windows_last_day(config, tmp_path, capsys, command):
    TODAY, _ = _days()
    argv = [command, "--config", config, "--brand", "Fjällkraft", "--until", TODAY.isoformat()]
    if command == "report":
        argv += ["--output", str(tmp_path / "r.html")]
    assert main(argv) == 0


def test_topics_since_alone_ends_today_and_a_since_after_today_is_refused(config, capsys):
    # `koll topics --since` after today printed "Inga ämnen" (exit 0), where ws.topics() and
    # koll control refuse it; with a --since alone its window had no end.
    import json

    TODAY, TOMORROW = _days()
    base = ["topics", "--config", config, "--brand", "Fjällkraft"]
    assert main([*base, "--since", TOMORROW]) == 2
    assert f"--since {TOMORROW} is after today {TODAY}" in capsys.readouterr().err
    assert main([*base, "--since", TODAY.isoformat(), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["until"] == TODAY.isoformat()
