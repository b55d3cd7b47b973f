"""A config read from a pipe has its relative paths in the working folder: the documented
default `sqlite:///koll.db` had become /proc/<pid>/fd/koll.db (the pipe's "folder") for
`koll feeds --config <(cat koll.toml)` and `cat koll.toml | koll feeds --config /dev/stdin`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from argparse import Namespace

import pytest

from koll.cli._common import settings_from_args
from koll.config import load_settings
from koll.config_file import _database_url
from koll.store import Store

CONFIG = "[[brands]]\nname = 'X'\n"  # no [storage]: the default sqlite:///koll.db


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A working folder holding a koll database, and the command run from there."""
    folder = tmp_path / "work"
    folder.mkdir()
    Store(f"sqlite:///{folder / 'koll.db'}")
    monkeypatch.chdir(folder)
    return folder


def _koll(args: list[str], cwd, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=120, env=os.environ, **kw
    )


def test_dev_stdin_from_a_pipe_finds_the_database_in_the_working_folder(work):
    run = _koll(
        [sys.executable, "-m", "koll.cli", "feeds", "--config", "/dev/stdin"], work, input=CONFIG
    )
    assert (run.returncode, run.stderr) == (0, "")


@pytest.mark.skipif(shutil.which("bash") is None, reason="process substitution needs bash")
def test_process_substitution_finds_the_database_in_the_working_folder(work):
    (work.parent / "koll.toml").write_text(CONFIG, encoding="utf-8")
    line = f"{sys.executable} -m koll.cli feeds --config <(cat ../koll.toml) --db sqlite:///koll.db"
    run = _koll(["bash", "-c", line], work)
    assert (run.returncode, run.stderr) == (0, "")


def test_a_named_pipe_resolves_storage_url_db_and_the_api_in_the_working_folder(work, tmp_path):
    fifo = tmp_path / "f.toml"
    os.mkfifo(fifo)

    def write(text: str) -> None:
        with open(fifo, "w", encoding="utf-8") as fh:
            fh.write(text)

    cases = [
        (CONFIG + "[storage]\nurl = 'sqlite:///data/k.db'\n", None, work / "data" / "k.db"),
        (CONFIG, "sqlite:///other.db", work / "other.db"),
    ]
    for text, db, expected in cases:
        writer = threading.Thread(target=write, args=(text,))
        writer.start()
        settings = settings_from_args(Namespace(config=str(fifo), db=db))
        writer.join(10)
        assert settings.database_url == f"sqlite:///{expected}"
    # as koll.open_workspace(database_url=…) and koll copy --to resolve theirs
    assert _database_url(settings.config_path, "sqlite:///api.db") == f"sqlite:///{work / 'api.db'}"


def test_a_regular_file_keeps_its_own_folder(work, tmp_path):
    (tmp_path / "koll.toml").write_text(CONFIG, encoding="utf-8")
    settings = load_settings(tmp_path / "koll.toml")
    assert settings.database_url == f"sqlite:///{tmp_path / 'koll.db'}"
    assert _database_url(settings.config_path, "sqlite:///a.db") == f"sqlite:///{tmp_path / 'a.db'}"
