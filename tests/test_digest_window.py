"""`koll digest --since D` without --until: its help and what it does agree (D to yesterday, as
the code always did; the help said "default: --since"), and a --since after today is refused
as `koll control` refuses it (QA: accepted silently, exit 0, a digest of zeros)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from analysis.windows import WindowError
from koll.cli import main
from koll.jobs.digest import window_period
from tests.browser.workspace import make_workspace

STHLM = ZoneInfo("Europe/Stockholm")
MORNING = datetime(2026, 11, 21, 7, 5, tzinfo=STHLM)


@pytest.mark.parametrize(
    ("since", "until", "window"),
    [
        ("2026-11-14", None, ("2026-11-14", "2026-11-20")),  # to yesterday
        ("2026-11-20", None, ("2026-11-20", "2026-11-20")),
        ("2026-11-21", None, ("2026-11-21", "2026-11-21")),  # today: that day
        (None, None, ("2026-11-20", "2026-11-20")),
        ("2026-11-14", "2026-11-16", ("2026-11-14", "2026-11-16")),
    ],
)
def test_a_window_without_until(since, until, window):
    p = window_period(since, until, MORNING)
    assert (p.since, p.until) == window


def test_the_help_says_what_until_defaults_to(capsys):
    with pytest.raises(SystemExit):
        main(["digest", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "default: yesterday, or --since when that is today" in text
    assert "default: --since)" not in text


def test_a_since_after_today_is_refused(tmp_path, capsys):
    with pytest.raises(WindowError):
        window_period("2026-11-22", None, MORNING)
    settings = make_workspace(tmp_path)
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    out = tmp_path / "d.html"
    argv = ["digest", "--config", str(settings.config_path), "--brand", "Fjällkraft"]
    assert main([*argv, "--since", tomorrow, "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"--since {tomorrow} is after today" in err and "--until" in err
    assert len(err.strip().splitlines()) == 1 and not out.exists()


def test_an_until_after_today_is_refused(tmp_path, capsys):
    # --until alone gave a digest of that one day to come, an empty one, exit 0.
    with pytest.raises(WindowError):
        window_period(None, "2026-11-22", MORNING)
    with pytest.raises(WindowError):
        window_period("2026-11-14", "2026-11-22", MORNING)
    assert window_period(None, "2026-11-21", MORNING).until == "2026-11-21"  # today is fine
    settings = make_workspace(tmp_path)
    later = (date.today() + timedelta(days=2)).isoformat()
    out = tmp_path / "d.html"
    argv = ["digest", "--config", str(settings.config_path), "--brand", "Fjällkraft"]
    assert main([*argv, "--until", later, "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"--until {later} is after today" in err
    assert len(err.strip().splitlines()) == 1 and not out.exists()
