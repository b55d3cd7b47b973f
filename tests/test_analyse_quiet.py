"""A scheduled `koll analyse` is quiet unless something is wrong (README, "Running on a
schedule"): its summary, eleven lines on every run, is printed only on a terminal or when asked
for (--json, -v)."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest

from koll.cli import main
from tests.helpers import one_brand_config, read_terminal


@pytest.fixture
def config(tmp_path):
    return one_brand_config(tmp_path)


def test_from_cron_analyse_prints_no_summary(config, capsys):
    assert main(["analyse", "--config", config]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("argv", [["analyse", "-v"], ["analyse", "--verbose"], ["-v", "analyse"]])
def test_asked_for_the_summary_is_printed(config, capsys, argv):
    assert main([*argv, "--config", config]) == 0
    out = capsys.readouterr().out
    assert out.startswith("rematch: ") and "\nalerts: " in out


def test_json_is_printed_when_asked_for(config, capsys):
    assert main(["analyse", "--config", config, "--json"]) == 0
    assert set(json.loads(capsys.readouterr().out)) >= {"rematch", "stories", "alerts"}


def test_on_a_terminal_the_summary_is_printed(config):
    main_fd, term = pty.openpty()
    try:
        subprocess.run(
            [sys.executable, "-m", "koll.cli", "analyse", "--config", config],
            stdout=term,
            stderr=subprocess.DEVNULL,
            check=True,
            timeout=300,
        )
        os.close(term)
        shown = read_terminal(main_fd)
    finally:
        os.close(main_fd)
    assert b"rematch: " in shown and b"alerts: " in shown
