"""`koll demo --db` with a database it cannot open names that database and writes nothing to
the demo's folder (it had left a marker and a koll.toml behind, half-made)."""

from __future__ import annotations

from koll.cli import main


def _demo(tmp_path, url: str, capsys) -> tuple[int, str]:
    rc = main(["demo", "--dir", str(tmp_path / "demo"), "--no-serve", "--db", url])
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    return rc, err


def test_a_file_that_is_no_database_is_named(tmp_path, capsys):
    notdb = tmp_path / "notdb.db"
    notdb.write_text("minutes of the Monday meeting, not a database\n" * 20, encoding="utf-8")
    rc, err = _demo(tmp_path, f"sqlite:///{notdb}", capsys)
    assert rc == 2  # not the demo's to use: refused as any other database it did not build
    assert err == (
        f"koll: sqlite:///{notdb} names a file that is not an SQLite database, so the demo will "
        "not use it (nothing was changed); give it a new or empty database"
    )
    assert not (tmp_path / "demo").exists()
    assert notdb.read_text(encoding="utf-8").startswith("minutes")


def test_a_database_in_a_missing_folder_leaves_no_half_made_demo(tmp_path, capsys):
    url = f"sqlite:///{tmp_path}/nodir/x.db"
    rc, err = _demo(tmp_path, url, capsys)
    assert rc == 1
    assert err == (
        f"koll: database error: cannot open database {url}: the folder {tmp_path}/nodir does not "
        "exist"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == []
