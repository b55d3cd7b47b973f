"""--config (or KOLL_CONFIG) must name a regular file or a pipe with a writer: a named pipe had
hung the command for ever (`mkfifo f.toml; koll control --config f.toml …`), waiting for a
writer, while `--config <(sops -d koll.toml)` and `--config /dev/stdin` are real uses."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from koll.cli import main


def test_a_named_pipe_without_a_writer_is_refused_in_bounded_time(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("koll.config_file.PIPE_WAIT_S", 0.5)
    fifo = tmp_path / "f.toml"
    os.mkfifo(fifo)
    assert main(["control", "--config", str(fifo), "--brand", "X"]) == 2
    assert capsys.readouterr().err == (
        f"koll: config error: {fifo}: (file): is a pipe nothing was written to in 0.5 s\n"
    )


def test_a_pipe_with_a_writer_is_read(tmp_path, capsys):
    # --config <(sops -d koll.toml): the shell hands over a pipe its writer fills.
    fifo = tmp_path / "f.toml"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "w", encoding="utf-8") as fh:
            fh.write("[[brands]]\nname = 'X'\n")

    writer = threading.Thread(target=write)
    writer.start()
    assert main(["control", "--config", str(fifo), "--brand", "Y"]) == 2
    writer.join(10)
    assert "'Y'" in capsys.readouterr().err  # read: the brand it names is not Y
    run = subprocess.run(
        [sys.executable, "-m", "koll.cli", "control", "--config", "/dev/stdin", "--brand", "Y"],
        input="[[brands]]\nname = 'X'\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2 and "'Y'" in run.stderr


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
