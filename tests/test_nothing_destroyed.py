"""Nothing already stored is destroyed: `koll demo` writes only where it built before, and an
interrupted `koll copy` leaves its target as empty as it found it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from koll.cli import main
from koll.jobs import demo
from koll.store import Store, schema
from tests.test_store_engines import _seed


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def koll(argv: list[str]) -> int:
    """main(argv), with argparse's exit (a usage error) as its code."""
    try:
        return main(argv)
    except SystemExit as e:
        return e.code


def _one_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


@pytest.fixture
def workspace(tmp_path):
    """Somebody's real workspace: a koll.toml and a database with feeds and items."""
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "koll.toml").write_text('[[brands]]\nname = "Fjällkraft"\n', encoding="utf-8")
    with Store(f"sqlite:///{folder / 'koll.db'}") as store:
        _seed(store, n_feeds=2, n_items=5)
    return folder


def test_demo_refuses_a_workspace_it_did_not_build(workspace, capsys):
    before = _snapshot(workspace)
    assert koll(["demo", "--no-serve", "--dir", str(workspace)]) == 2
    assert "is not empty and was not made by koll demo" in _one_line(capsys)
    assert _snapshot(workspace) == before


def test_demo_refuses_a_folder_with_anything_in_it(tmp_path, capsys):
    (tmp_path / "anteckningar.txt").write_text("mina", encoding="utf-8")
    before = _snapshot(tmp_path)
    assert koll(["demo", "--no-serve", "--dir", str(tmp_path)]) == 2
    _one_line(capsys)
    assert _snapshot(tmp_path) == before
    assert koll(["demo", "--no-serve", "--dir", str(tmp_path / "anteckningar.txt")]) == 2
    assert "is a file, not a folder" in _one_line(capsys)


def test_demo_refuses_another_database_with_data(workspace, tmp_path, capsys, monkeypatch):
    """--db and $KOLL_DATABASE_URL are honoured, and so a database with real data is refused."""
    url = f"sqlite:///{workspace / 'koll.db'}"
    before = _snapshot(workspace)
    assert koll(["demo", "--no-serve", "--dir", str(tmp_path / "new"), "--db", url]) == 2
    assert "already holds feeds and items (7 rows) that koll demo did not make" in _one_line(capsys)
    monkeypatch.setenv("KOLL_DATABASE_URL", url)
    assert koll(["demo", "--no-serve", "--dir", str(tmp_path / "new")]) == 2
    _one_line(capsys)
    assert _snapshot(workspace) == before and not (tmp_path / "new").exists()


def test_a_folder_from_before_the_marker_counts_as_the_demos(tmp_path):
    # Its koll.toml is the template with the port of the build that wrote it.
    (tmp_path / "koll.toml").write_text(
        demo._template().replace("{base}", "http://127.0.0.1:40123"), encoding="utf-8"
    )
    (tmp_path / "koll.db").write_bytes(b"")
    demo.check_folder(tmp_path)  # no DemoRefused
    (tmp_path / "koll.toml").write_text(
        demo._template().replace("{base}", "http://127.0.0.1:40123") + "\n[[brands]]\n",
        encoding="utf-8",
    )
    with pytest.raises(demo.DemoRefused):
        demo.check_folder(tmp_path)


def test_demo_flags_are_checked_before_building(tmp_path, capsys):
    d = str(tmp_path / "d")
    for args, message in [
        (["--dir", d, "--port", "0"], "argument --port: expected 1 to 65535, got 0"),
        (["--dir", d, "--host", ""], "--host: expected an address"),
        (["--dir", d, "--host", "nosuchhost.invalid"], "--host nosuchhost.invalid: not an"),
        (["--config", str(tmp_path / "a" / "k.toml"), "--dir", d], "--dir and --config name"),
    ]:
        assert koll(["demo", *args]) == 2, args
        assert message in _one_line(capsys)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_demo_builds_where_config_and_db_say_and_rebuilds_only_its_own(tmp_path, capsys):
    config = tmp_path / "ws" / "demo.toml"
    db = tmp_path / "data" / "demo.db"
    db.parent.mkdir()
    args = ["demo", "--no-serve", "--config", str(config), "--db", f"sqlite:///{db}"]
    assert koll(args) == 0
    capsys.readouterr()
    assert f'url = "sqlite:///{db}"' in config.read_text(encoding="utf-8")
    assert (config.parent / demo.MARKER).is_file() and not (config.parent / "koll.db").exists()
    from koll.store import meta as store_meta

    with Store(f"sqlite:///{db}") as store, store.connect() as conn:
        assert store_meta.get(conn, "built_by") == "koll demo"
        items = conn.execute(select(func.count()).select_from(schema.items)).scalar_one()
    assert items > 100
    # The printed commands work as they are: the config names the database.
    assert koll(["export", "items", "--config", str(config), "--format", "jsonl"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == items
    # A rebuild is allowed (its own folder and database) and does not double anything.
    assert koll(args) == 0
    capsys.readouterr()
    with Store(f"sqlite:///{db}") as store, store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.items)).scalar_one() == items


# --- koll copy --------------------------------------------------------------------------------


def _counts(url: str) -> dict[str, int]:
    with Store(url) as store, store.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in schema.metadata.sorted_tables
            if t.name != "meta"
        }


def test_an_interrupted_copy_leaves_the_target_empty(tmp_path, database_url):
    from koll.store.copy import copy_store

    src = Store(f"sqlite:///{tmp_path / 'src.db'}")
    _seed(src, n_feeds=2, n_items=7)
    dst = Store(database_url)

    def interrupt(table: str, n: int) -> None:
        if table == "mentions":  # feeds and items are written by then
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        copy_store(src, dst, chunk=3, progress=interrupt)
    assert set(_counts(database_url).values()) == {0}
    counts = copy_store(src, dst)  # the retry needs nothing cleaned up
    assert counts["items"] == 7 and counts["mentions"] == 7
    src.close()
    dst.close()


def test_koll_copy_interrupted_says_how_to_retry(tmp_path, capsys, monkeypatch):
    from koll.store import copy as store_copy

    source = tmp_path / "koll.toml"
    source.write_text('[storage]\nurl = "sqlite:///koll.db"\n', encoding="utf-8")
    with Store(f"sqlite:///{tmp_path / 'koll.db'}") as store:
        _seed(store, n_feeds=2, n_items=7)
    target = f"sqlite:///{tmp_path / 'copy.db'}"
    real = store_copy._copy_table

    def cut_short(src, dst, d, t, chunk, progress):
        if t.name == "mentions":
            raise KeyboardInterrupt  # Ctrl-C half-way through
        return real(src, dst, d, t, chunk, progress)

    monkeypatch.setattr(store_copy, "_copy_table", cut_short)
    assert koll(["copy", "--config", str(source), "--to", target]) == 130
    err = _one_line(capsys)
    assert "nothing was written" in err and "run the same command again" in err
    assert set(_counts(target).values()) == {0}
    monkeypatch.setattr(store_copy, "_copy_table", real)
    assert koll(["copy", "--config", str(source), "--to", target]) == 0
    assert _counts(target)["items"] == 7


@pytest.mark.parametrize("to", ["mongodb://x", "http://x/y", "sqlite://", "0", ""])
def test_koll_copy_to_a_url_that_is_no_database_is_exit_2(tmp_path, capsys, to):
    source = tmp_path / "koll.toml"
    source.write_text("", encoding="utf-8")
    assert koll(["copy", "--config", str(source), "--to", to]) == 2
    assert "--to" in _one_line(capsys)


def test_koll_copy_keeps_the_sources_notes_so_old_tones_are_still_rescored(tmp_path, capsys):
    """The copy had got today's brand-rules revision, so tones the source scored with older
    rules were never rescored in the copy (`koll analyse` on the source would have)."""
    from koll.store import meta

    source = tmp_path / "koll.toml"
    source.write_text('[storage]\nurl = "sqlite:///koll.db"\n', encoding="utf-8")
    with Store(f"sqlite:///{tmp_path / 'koll.db'}") as store:
        _seed(store, n_feeds=1, n_items=3)
        with store.begin() as conn:
            meta.put(conn, "brand_rules_revision", "5")
            meta.put(conn, "built_by", "test")
    assert koll(["copy", "--config", str(source), "--to", "sqlite:///copy.db"]) == 0
    # relative to the config's folder, as [storage] url and --db are
    copied = tmp_path / "copy.db"
    assert copied.is_file()
    with Store(f"sqlite:///{copied}") as store, store.connect() as conn:
        assert meta.get(conn, "brand_rules_revision") == "5"
        assert meta.get(conn, "built_by") == "test"
        assert meta.get(conn, "schema_version") == str(schema.SCHEMA_VERSION)


def test_koll_copy_from_a_missing_file_copies_nothing_and_says_so(tmp_path, capsys):
    source = tmp_path / "koll.toml"
    source.write_text('[storage]\nurl = "sqlite:///kol.db"\n', encoding="utf-8")
    assert koll(["copy", "--config", str(source), "--to", f"sqlite:///{tmp_path / 'c.db'}"]) == 1
    assert "kol.db does not exist" in _one_line(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["koll.toml"]


def test_koll_copy_to_the_source_by_another_spelling_is_refused_as_such(tmp_path, capsys):
    """It had been refused as a non-empty target, with advice to delete that file (the source)."""
    source = tmp_path / "koll.toml"
    source.write_text('[storage]\nurl = "sqlite:///koll.db"\n', encoding="utf-8")
    with Store(f"sqlite:///{tmp_path / 'koll.db'}") as store:
        _seed(store, n_feeds=1, n_items=2)
    (tmp_path / "link.db").symlink_to(tmp_path / "koll.db")
    for to in (f"sqlite:///{tmp_path}/./koll.db", f"sqlite:///{tmp_path / 'link.db'}"):
        assert koll(["copy", "--config", str(source), "--to", to]) == 2
        assert _one_line(capsys) == "koll: --to names the store being copied"


@pytest.mark.parametrize(
    "argv",
    [
        ["control", "--brand", "X"],
        ["report", "--brand", "X", "--output", "r.html"],
        ["export", "items"],
        ["alerts"],
        ["topics", "--brand", "X"],
    ],
)
def test_a_read_command_on_a_missing_database_says_so_and_creates_nothing(
    tmp_path, capsys, monkeypatch, argv
):
    """A mistyped path had become a new, empty database, read like a quiet week."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "koll.toml").write_text(
        '[storage]\nurl = "sqlite:///kol.db"\n[[brands]]\nname = "X"\n', encoding="utf-8"
    )
    assert koll([*argv, "--config", "koll.toml"]) == 1
    assert "kol.db does not exist" in _one_line(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["koll.toml"]
