"""open_workspace's `config` argument: a path given as str or Path (`~` is the home folder, as
in pandas), anything else a TypeError naming `config`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import koll


def test_a_config_that_is_no_path_is_a_type_error_naming_config():
    # pathlib's TypeError said "expected str, bytes or os.PathLike object, not int".
    for bad in (5, b"koll.toml", ["koll.toml"]):
        with pytest.raises(TypeError) as e:
            koll.open_workspace(bad)  # type: ignore[arg-type]
        assert str(e.value) == (
            f"config: expected the path of a koll.toml (str or pathlib.Path) or None, got {bad!r}"
        )


def test_a_config_under_the_home_folder_is_found_with_a_tilde(
    demo_workspace, tmp_path, monkeypatch
):
    # "~/koll-demo/koll.toml" was looked for in a folder named "~" under the working folder.
    home = tmp_path / "home"
    (home / "koll-demo").mkdir(parents=True)
    config = Path(shutil.copy(demo_workspace, home / "koll-demo" / "koll.toml"))
    database = Path(demo_workspace).parent / "koll.db"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    for given in ("~/koll-demo/koll.toml", Path("~") / "koll-demo" / "koll.toml"):
        with koll.open_workspace(given, database_url=f"sqlite:///{database}") as ws:
            assert ws.config_path == config
            assert len(ws.mentions(columns="item_id")) > 0
