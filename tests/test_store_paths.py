"""An SQLite path that is a folder, or in a folder that does not exist, is said so by every
command. QA: `--db sqlite:////x/dbdir` (a folder) gave "the file … does not exist" from control
and export and a bare "OperationalError: unable to open database file" from ingest, analyse,
feeds and `koll copy --to`; a path in a missing folder gave the same bare message."""

from __future__ import annotations

import pytest

from koll.cli import main
from tests.browser.workspace import make_workspace

COMMANDS = [
    ["control", "--brand", "Fjällkraft", "--json"],
    ["export", "items"],
    ["ingest"],
    ["ingest", "--dry-run"],  # it had previewed against an empty store, as if none existed yet
    ["analyse"],
    ["feeds"],
]


@pytest.fixture
def config(tmp_path):
    (tmp_path / "ws").mkdir()
    return str(make_workspace(tmp_path / "ws").config_path)


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: "_".join(a[:2]))
def test_a_folder_is_no_database_file(tmp_path, config, capsys, argv):
    folder = tmp_path / "dbdir"
    folder.mkdir()
    url = f"sqlite:///{folder}"
    assert main([*argv, "--config", config, "--db", url]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        f"koll: database error: cannot open database {url}: {folder} is a folder, not a "
        "database file (name a file in it, e.g. koll.db)"
    )
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: "_".join(a[:2]))
def test_a_missing_folder_is_named(tmp_path, config, capsys, argv):
    url = f"sqlite:///{tmp_path}/nodir/k.db"
    assert main([*argv, "--config", config, "--db", url]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        f"koll: database error: cannot open database {url}: the folder {tmp_path}/nodir does "
        "not exist"
    )


def test_copy_to_a_folder_or_a_missing_folder(tmp_path, config, capsys):
    folder = tmp_path / "dbdir"
    folder.mkdir()
    assert main(["copy", "--config", config, "--to", f"sqlite:///{folder}"]) == 1
    assert f"{folder} is a folder, not a database file" in capsys.readouterr().err
    assert main(["copy", "--config", config, "--to", f"sqlite:///{tmp_path}/nodir/k.db"]) == 1
    assert f"the folder {tmp_path}/nodir does not exist" in capsys.readouterr().err
