"""A write to standard output that fails (a full disk, /dev/full) is one line and exit 1, for
every command, from koll.cli.main; a reader that closed the pipe ends the command quietly.

Run as cron runs koll: a process of its own (python -m koll.cli) with its standard output on
/dev/full or on a pipe whose reader is gone, over a real SQLite workspace.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from koll.cli import EXIT_CLOSED_PIPE
from tests.browser.workspace import make_workspace
from tests.test_cli_output import _koll

WINDOW = ["--since", "2026-11-14", "--until", "2026-11-20"]
FULL = "koll: writing to standard output failed (No space left on device)\n"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return make_workspace(tmp_path_factory.mktemp("stdout"))


def _commands(workspace, tmp_path) -> dict[str, list[str]]:
    cfg = ["--config", str(workspace.config_path)]
    texts = tmp_path / "in.csv"
    texts.write_text("text\nFjällkraft är bra\n", encoding="utf-8")
    return {
        "feeds table": ["feeds", *cfg],
        "feeds json": ["feeds", *cfg, "--format", "json"],
        "export csv": ["export", "items", *cfg],
        "export jsonl": ["export", "mentions", *cfg, "--format", "jsonl"],
        "control": ["control", *cfg, "--brand", "Fjällkraft", *WINDOW],
        "control json": ["control", *cfg, "--brand", "Fjällkraft", *WINDOW, "--json"],
        "alerts json": ["alerts", *cfg, "--format", "json", *WINDOW],
        "sentiment": ["sentiment", str(texts)],
        "sentiment -": ["sentiment", str(texts), "--output", "-"],
    }


COMMANDS = [
    "feeds table",
    "feeds json",
    "export csv",
    "export jsonl",
    "control",
    "control json",
    "alerts json",
    "sentiment",
    "sentiment -",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_full_standard_output_is_one_line_and_exit_1(workspace, tmp_path, command):
    args = _commands(workspace, tmp_path)[command]
    with open("/dev/full", "w") as full:
        run = _koll(*args, stdout=full)
    assert (run.returncode, run.stderr) == (1, FULL)


def test_the_same_commands_write_when_there_is_room(workspace, tmp_path):
    for command, args in _commands(workspace, tmp_path).items():
        run = _koll(*args, stdout=subprocess.PIPE)
        assert run.returncode == 0 and run.stdout and not run.stderr, (command, run.stderr)


@pytest.mark.parametrize("command", ["export csv", "feeds json"])
def test_a_closed_pipe_ends_the_command_quietly(workspace, tmp_path, command):
    """`koll export items | head -1`: the reader is gone before koll writes (deterministic, unlike
    a race with head), so every write meets EPIPE. No message, and the status of a Unix tool
    that SIGPIPE ended (as `seq 1 100000 | head -1`), so `set -o pipefail` sees the cut."""
    read, write = os.pipe()
    os.close(read)
    try:
        run = _koll(*_commands(workspace, tmp_path)[command], stdout=write)
    finally:
        os.close(write)
    assert (run.returncode, run.stderr) == (EXIT_CLOSED_PIPE, "")
    assert EXIT_CLOSED_PIPE == 128 + 13


@pytest.mark.parametrize("command", ["sentiment", "export csv"])
def test_a_closed_pipe_behind_output_dev_stdout_ends_the_command_quietly(
    workspace, tmp_path, command
):
    """`koll sentiment in.csv --output /dev/stdout | head -c1`: the same pipe, written through
    --output, said "koll: --output /dev/stdout: writing failed (Broken pipe)" with exit 1."""
    read, write = os.pipe()
    os.close(read)
    try:
        args = [*_commands(workspace, tmp_path)[command], "--output", "/dev/stdout"]
        run = _koll(*args, stdout=write)
    finally:
        os.close(write)
    assert (run.returncode, run.stderr) == (EXIT_CLOSED_PIPE, "")
