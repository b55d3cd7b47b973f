"""`koll report`: a --since after the default --until (yesterday) is a usage error, as after an
explicit one, instead of a report on the two dates swapped."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from koll.cli import main
from koll.jobs.report import default_window
from koll.store import local_day
from tests.browser.workspace import make_workspace


def test_a_since_after_yesterday_is_refused_before_any_work(tmp_path, capsys):
    settings = make_workspace(tmp_path)
    out = tmp_path / "r.html"
    yesterday = date.fromisoformat(local_day(datetime.now(UTC))) - timedelta(days=1)
    argv = ["report", "--config", str(settings.config_path), "--brand", "Fjällkraft"]
    assert main([*argv, "--since", "2999-01-01", "--output", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"koll: --since 2999-01-01 is after --until {yesterday} (the default: yesterday)"
    assert not out.exists()
    # An explicit --until says the same, without the note.
    assert (
        main([*argv, "--since", "2026-11-20", "--until", "2026-11-14", "--output", str(out)]) == 2
    )
    assert capsys.readouterr().err.strip() == "koll: --since 2026-11-20 is after --until 2026-11-14"


def test_the_default_window_never_swaps_its_ends():
    now = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
    with pytest.raises(ValueError, match=r"--since 2026-11-25 is after --until 2026-11-22"):
        default_window("2026-11-25", None, now)
    assert default_window("2026-11-22", None, now) == ("2026-11-22", "2026-11-22")
