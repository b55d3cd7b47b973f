"""`koll serve` serves an existing store only: a mistyped --db or [storage] url had become a new,
empty database and an empty dashboard, with nothing said. It now names the path, says how a
store is made (`koll ingest`, or `make demo`) and exits 2, creating nothing; `koll demo`, which
builds its store first, still serves."""

from __future__ import annotations

import socket

import pytest

from koll.cli import main
from tests.helpers import one_brand_config


@pytest.fixture
def served(monkeypatch):
    """What dashboard.app.serve was given, instead of serving (which would not return)."""
    import dashboard.app

    calls: list[dict] = []
    monkeypatch.setattr(dashboard.app, "serve", lambda *a, **k: calls.append({"args": a, **k}))
    monkeypatch.delenv("KOLL_DATABASE_URL", raising=False)
    return calls


def _port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return str(s.getsockname()[1])


def _config(tmp_path, url: str) -> str:
    path = tmp_path / "koll.toml"
    path.write_text(f'[storage]\nurl = "{url}"\n[[brands]]\nname = "X"\n', encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("where", ["config", "db", "db-in-a-missing-folder"])
def test_a_missing_database_is_named_with_how_to_make_one_and_nothing_is_created(
    tmp_path, capsys, served, where
):
    missing = tmp_path / ("nodir/koll.db" if where == "db-in-a-missing-folder" else "kol.db")
    if where == "config":
        argv = ["serve", "--config", _config(tmp_path, "sqlite:///kol.db")]
    else:
        argv = [
            "serve",
            "--config",
            _config(tmp_path, "sqlite:///koll.db"),
            "--db",
            f"sqlite:///{missing}",
        ]
    assert main([*argv, "--port", _port()]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("koll: "), err
    assert f"{missing}" in err and "does not exist" in err, err
    assert "`koll ingest`" in err and "`make demo`" in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["koll.toml"]
    assert served == []


def test_an_existing_store_is_served_from_the_store_serve_opened(tmp_path, capsys, served):
    config = one_brand_config(tmp_path)
    assert main(["serve", "--config", config, "--port", _port()]) == 0
    assert "dashboard on http://127.0.0.1:" in capsys.readouterr().out
    [call] = served
    # The dashboard reads the store serve checked, not one it opens (and would create) itself.
    assert call["store"].url == f"sqlite:///{tmp_path / 'koll.db'}"


def test_koll_demo_builds_its_store_and_then_serves_it(tmp_path, capsys, served, monkeypatch):
    """The demo's own build is test_demo.py's; here a stand-in builds a store, as it does."""
    import koll.jobs.demo
    from koll.config import load_settings
    from koll.store import Store

    def build(folder, *, database_url=None, config_name="koll.toml", write_database_url=False):
        folder.mkdir(parents=True, exist_ok=True)
        Store(f"sqlite:///{folder / 'koll.db'}").close()
        (folder / config_name).write_text('[[brands]]\nname = "X"\n', encoding="utf-8")
        return load_settings(folder / config_name, env={})

    monkeypatch.setattr(koll.jobs.demo, "build_demo", build)
    assert main(["demo", "--dir", str(tmp_path / "d"), "--port", _port()]) == 0
    assert len(served) == 1
