"""--output writes through a symbolic link, a FIFO or /dev/stdout instead of replacing it.

Every command's --output used to write a temporary file and rename it over the name given, which
turned a link into a regular file (its target left stale), and a FIFO, /dev/stdout or (as root)
/dev/null into a file nobody reads.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from koll.cli import main
from tests.browser.workspace import make_workspace
from tests.conftest import REPO

SOURCE = "id,text\n1,Bra service\n2,Dålig kundtjänst\n"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return make_workspace(tmp_path_factory.mktemp("output"))


def _source(tmp_path: Path) -> Path:
    src = tmp_path / "in.csv"
    src.write_text(SOURCE, encoding="utf-8")
    return src


def _commands(workspace, src: Path) -> dict[str, list[str]]:
    cfg = ["--config", str(workspace.config_path)]
    window = ["--since", "2026-11-14", "--until", "2026-11-20"]
    return {
        "sentiment": ["sentiment", str(src)],
        "export": ["export", "mentions", *cfg],
        "report": ["report", *cfg, "--brand", "Fjällkraft", *window],
        "digest": ["digest", *cfg, "--brand", "Fjällkraft", *window],
    }


@pytest.mark.parametrize("command", ["sentiment", "export", "report", "digest"])
def test_a_link_is_kept_and_its_target_replaced(workspace, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    real = tmp_path / "real" / "target.txt"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.out"
    link.symlink_to(Path("real") / "target.txt")
    assert main([*_commands(workspace, _source(tmp_path))[command], "--output", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "target.txt")
    assert real.read_text(encoding="utf-8") not in ("", "old\n")
    # The temporary file went next to the target and is gone.
    assert sorted(p.name for p in real.parent.iterdir()) == ["target.txt"]


@pytest.mark.parametrize("command", ["sentiment", "export", "report", "digest"])
def test_a_fifo_is_written_into(workspace, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert main([*_commands(workspace, _source(tmp_path))[command], "--output", str(fifo)]) == 0
    reader.join(timeout=30)
    assert not reader.is_alive() and got and got[0]
    assert fifo.is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "pipe"]


def _koll(*args: str, stdout) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "koll.cli", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        cwd=REPO,
        text=True,
        timeout=120,
    )


# /dev/fd/1 rather than /dev/stdout: the same descriptor by name, and with a koll that renames
# over it (run as root), /dev/stdout itself would be replaced for the whole machine.
def test_the_own_stdout_by_name_reaches_a_pipe(tmp_path):
    run = _koll(
        "sentiment", str(_source(tmp_path)), "--output", "/dev/fd/1", stdout=subprocess.PIPE
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == "id,text,label,score,confidence,lang"
    assert len(run.stdout.splitlines()) == 3


def test_the_own_stdout_by_name_appends_where_the_shell_appends(tmp_path):
    # `koll sentiment in.csv --output /dev/stdout >> all.csv` keeps what all.csv held.
    out = tmp_path / "all.csv"
    out.write_text("earlier\n", encoding="utf-8")
    with out.open("a", encoding="utf-8") as fh:
        run = _koll("sentiment", str(_source(tmp_path)), "--output", "/dev/fd/1", stdout=fh)
    assert run.returncode == 0, run.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "earlier" and lines[1].startswith("id,text,label") and len(lines) == 4


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/stderr", "/dev/fd/1", "/proc/self/fd/1"])
def test_the_own_descriptors_are_written_in_place(name):
    from koll.files import written_in_place

    assert written_in_place(Path(name))


def test_a_failed_write_through_a_link_leaves_the_target_as_it_was(tmp_path):
    from koll.files import OutputError, output

    real = tmp_path / "target.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with pytest.raises(OutputError, match="writing failed"), output(str(link)) as fh:
        fh.write("half")
        raise OSError(28, "No space left on device")
    assert real.read_text(encoding="utf-8") == "old\n" and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "target.csv"]


@pytest.fixture(scope="module")
def kept(tmp_path_factory):
    """A workspace of its own: a test that fails here has overwritten its files."""
    return make_workspace(tmp_path_factory.mktemp("kept"))


@pytest.mark.parametrize("command", ["sentiment", "export", "report", "digest"])
@pytest.mark.parametrize("which", ["database", "config", "link to the database", "a database"])
def test_the_workspace_s_own_files_and_any_database_are_no_output(
    kept, tmp_path, monkeypatch, capsys, command, which
):
    """`koll export items --output koll.db` replaced the whole store with CSV and exited 0;
    `koll report --output koll.toml` replaced the config (QA, 2026-12-07)."""
    import sqlite3

    import koll.files

    monkeypatch.setattr(koll.files, "_KEPT", {}, raising=False)  # as in a command's own process
    monkeypatch.chdir(kept.config_path.parent)  # koll sentiment finds ./koll.toml there
    db = Path(kept.database_url.removeprefix("sqlite:///"))
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.close()
    (tmp_path / "link.db").symlink_to(db)
    target = {
        "database": db,
        "config": kept.config_path,
        "link to the database": tmp_path / "link.db",
        "a database": other,
    }[which]
    before = {p: p.read_bytes() for p in (db, kept.config_path, other)}
    argv = [*_commands(kept, _source(tmp_path))[command], "--output", str(target)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"--output {koll.files.shown(str(target))}: is " in err, err
    assert "which koll does not write over" in err, err
    assert {p: p.read_bytes() for p in before} == before
    assert not list(db.parent.glob(".*.tmp")) and not list(tmp_path.glob(".*.tmp"))
    assert sorted(p.name for p in db.parent.iterdir() if p.suffix not in (".lock",)) == sorted(
        {db.name, kept.config_path.name, *(p.name for p in db.parent.glob(db.name + "-*"))}
    )


def test_the_temporary_file_is_new_and_the_output_keeps_its_permissions(tmp_path, monkeypatch):
    """The temporary file had a fixed name (`.NAME.tmp`), opened through a symbolic link planted
    there: koll overwrote the link's target. And the renamed file made a private export readable
    by all (QA, 2026-12-07)."""
    from koll.files import write_output

    monkeypatch.chdir(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("IMPORTANT\n", encoding="utf-8")
    (tmp_path / ".out.csv.tmp").symlink_to(victim)
    private = tmp_path / "out.csv"
    private.write_text("old\n", encoding="utf-8")
    private.chmod(0o600)
    write_output("out.csv", "new\n")
    assert victim.read_text(encoding="utf-8") == "IMPORTANT\n"
    assert private.read_text(encoding="utf-8") == "new\n" and not private.is_symlink()
    assert (private.stat().st_mode & 0o777) == 0o600
    old = os.umask(0o027)
    try:
        write_output("fresh.csv", "x\n")
    finally:
        os.umask(old)
    assert ((tmp_path / "fresh.csv").stat().st_mode & 0o777) == 0o640  # as the umask says
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".out.csv.tmp", "fresh.csv", "out.csv", "victim.txt"
    ]  # no temporary file left  # fmt: skip
