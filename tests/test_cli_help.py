"""`koll --help` and each command's `--help` load no heavy library, so they answer at once.

Each runs in a fresh interpreter (this test process has imported everything already) and reports
which of the heavy packages ended up in sys.modules. No timing is asserted: the import list is
what makes help fast or slow, and it does not depend on the machine's load.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from koll.cli import COMMANDS
from tests.conftest import REPO

HEAVY = (
    "pandas",
    "sklearn",
    "scipy",
    "sqlalchemy",
    "dash",
    "numpy",
    "pyarrow",
    "plotly",
    "aiohttp",
    "feedparser",
)
CHILD = """
import contextlib, io, json, sys
from koll.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        main(json.loads(sys.argv[1]))
    except SystemExit as e:
        code = e.code
heavy = json.loads(sys.argv[2])
print(json.dumps({"code": code, "help": out.getvalue(),
                  "loaded": sorted({m.split(".")[0] for m in sys.modules} & set(heavy))}))
"""


def _help(argv: list[str]) -> dict:
    res = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(argv), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


@pytest.mark.parametrize("argv", [["--help"]] + [[c, "--help"] for c in COMMANDS], ids=" ".join)
def test_help_loads_no_heavy_library(argv):
    res = _help(argv)
    assert res["code"] == 0
    assert res["loaded"] == [], f"koll {' '.join(argv)} imported {res['loaded']}"
    if len(argv) == 2:
        assert "Example:\n  koll " in res["help"]  # every command documents one
