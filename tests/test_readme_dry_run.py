"""README's `--dry-run` says what a dry run does on a store from an older koll: it changes
nothing, so it stops (exit 1) and asks for `koll analyse` to be run once. README had said only
that it changes nothing, and the refusal surprised the tester."""

from __future__ import annotations

import gzip

from koll.cli import main
from tests.conftest import REPO


def test_a_dry_run_on_an_old_store_stops_as_readme_says(tmp_path, write_config, capsys):
    db = tmp_path / "koll.db"
    db.write_bytes(gzip.decompress((REPO / "tests/fixtures/store_v2/koll.db.gz").read_bytes()))
    path = write_config(
        f'[storage]\nurl = "sqlite:///{db}"\n[[brands]]\nname = "X"\n'
        '[[feeds]]\nurl = "http://127.0.0.1:9/x.xml"\n'
    )
    assert main(["ingest", "--config", str(path), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "run `koll analyse` once" in err
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert (
        "on a store from an older koll it stops with exit 1 and one line asking for "
        "`koll analyse` to be run once" in readme
    )
