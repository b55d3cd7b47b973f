"""What a wheel carries and what an install without the optional parts says (see scripts/check_wheel.sh)."""

from __future__ import annotations

import fnmatch
import sys
import tomllib

import pytest

from analysis.resources import data_path
from koll.cli import main
from tests.conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def _packaged(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pat) for pat in SETUPTOOLS["package-data"]["*"])


@pytest.mark.parametrize("folder", ["data", "dashboard/assets"])
def test_every_shipped_file_is_package_data(folder):
    """A file added to data/ (or a stylesheet) with a new suffix would be missing from the wheel."""
    files = [
        p
        for p in (REPO / folder).rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    assert files
    missing = [str(p.relative_to(REPO)) for p in files if not _packaged(p.name)]
    assert missing == [], f"not in [tool.setuptools.package-data]: {missing}"


def test_bench_and_tests_are_not_packaged():
    include = SETUPTOOLS["packages"]["find"]["include"]
    for name in ("bench", "tests", "scripts", "data", "koll"):
        found = any(fnmatch.fnmatch(name, pat) for pat in include)
        assert found == (name in ("data", "koll")), name


def test_data_is_found_through_importlib_resources():
    assert "Kralj Novak" in data_path("LICENSES.md").read_text(encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="data/lexicons/nope.csv"):
        data_path("lexicons", "nope.csv")


def test_postgres_without_psycopg_names_the_extra(monkeypatch, tmp_path, capsys):
    # None in sys.modules makes `import psycopg` fail as it does where the extra is not installed.
    monkeypatch.setitem(sys.modules, "psycopg", None)
    config = tmp_path / "koll.toml"
    config.write_text("", encoding="utf-8")
    url = "postgresql://koll:hemligt@127.0.0.1:1/koll"
    assert main(["feeds", "--config", str(config), "--db", url]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    assert "needs the PostgreSQL driver psycopg" in lines[0]
    assert lines[0].endswith("pip install 'koll[postgres]'")
    assert "hemligt" not in lines[0]
