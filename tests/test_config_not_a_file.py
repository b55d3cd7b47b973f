"""--config (or KOLL_CONFIG) must name a regular file: a named pipe had hung the command for ever
(`mkfifo f.toml; koll control --config f.toml …`), waiting for a writer."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from koll.cli import main


def test_a_named_pipe_is_refused_at_once(tmp_path):
    fifo = tmp_path / "f.toml"
    os.mkfifo(fifo)
    run = subprocess.run(
        [sys.executable, "-m", "koll.cli", "control", "--config", str(fifo), "--brand", "X"],
        capture_output=True,
        text=True,
        timeout=60,  # it hung: without a writer a read of the pipe never ends
    )
    assert run.returncode == 2
    assert run.stderr == (
        f"koll: config error: {fifo}: (file): is a named pipe (FIFO), not a regular file; "
        "give a koll.toml file\n"
    )


@pytest.mark.parametrize(("path", "kind"), [(".", "a folder"), ("/dev/null", "a character device")])
def test_a_folder_or_a_device_is_refused(tmp_path, monkeypatch, capsys, path, kind):
    monkeypatch.chdir(tmp_path)
    assert main(["feeds", "--config", path]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"(file): is {kind}, not a regular file" in err


def test_a_link_to_a_file_is_read(tmp_path, capsys):
    (tmp_path / "real.toml").write_text("[[brands]]\nname = 'X'\n", encoding="utf-8")
    (tmp_path / "koll.toml").symlink_to(tmp_path / "real.toml")
    assert main(["control", "--config", str(tmp_path / "koll.toml"), "--brand", "Y"]) == 2
    assert "'Y'" in capsys.readouterr().err  # read: the brand it names is not Y
