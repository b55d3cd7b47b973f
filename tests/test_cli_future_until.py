"""A window's --until after today (Europe/Stockholm) is a usage error for koll control, koll
report, koll topics, koll export and koll alerts, as it was for koll digest: `koll report --until
2027-01-01` was accepted, `koll control --since D --until D` with D tomorrow exited 0 while
`--since D` alone exited 2, and `koll export`/`koll alerts --until <tomorrow>` exited 0."""

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
@pytest.mark.parametrize("command", ["control", "report", "topics", "export", "alerts"])
def test_an_until_after_today_is_a_usage_error(config, tmp_path, capsys, command, window):
    TODAY, TOMORROW = _days()
    window = [TOMORROW if w == "TOMORROW" else w for w in window]
    assert main([*_argv(command, config, tmp_path), *window]) == 2
    captured = capsys.readouterr()
    until = window[-1]
    assert captured.err == (
        f"koll: --until {until} is after today {TODAY}; a window covers days up to today\n"
    )
    assert captured.out == ""  # nothing exported or listed
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("command", ["control", "report", "export", "alerts"])
def test_today_is_a_windows_last_day(config, tmp_path, capsys, command):
    TODAY, _ = _days()
    assert main([*_argv(command, config, tmp_path), "--until", TODAY.isoformat()]) == 0


def _argv(command: str, config: str, tmp_path) -> list[str]:
    """`command` over the one-brand workspace, writing any file into tmp_path."""
    argv = {"export": ["export", "mentions"], "alerts": ["alerts"]}.get(command, [command])
    argv += ["--config", config, "--brand", "Fjällkraft"]
    if command == "report":
        argv += ["--output", str(tmp_path / "r.html")]
    return argv


def test_alerts_since_alone_ends_today_and_a_since_after_today_is_refused(config, capsys):
    # As koll control's and koll topics' windows: `koll alerts --since <tomorrow>` said "Inga
    # larm." (exit 0), a quiet period that has not begun.
    TODAY, TOMORROW = _days()
    base = ["alerts", "--config", config]
    assert main([*base, "--since", TOMORROW]) == 2
    assert capsys.readouterr().err == (
        f"koll: --since {TOMORROW} is after today {TODAY}, where a window without --until ends\n"
    )
    assert main([*base, "--since", TODAY.isoformat()]) == 0


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
