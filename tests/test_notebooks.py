"""Every analyst notebook runs top to bottom against a freshly built demo workspace.

The demo is built once per session (the real path: local HTTP server, ingest, analyse; the
`demo_workspace` fixture) in a temporary folder; the notebooks run on a copy of it with
KOLL_CONFIG pointing there, exactly as the notebooks tell analysts to do.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import koll
from tests.conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
# Held-out test sets: a notebook may report their scores, never show their texts (reading them
# invites tuning on them). A text is recognised by its first characters: a DataFrame cell shows
# at least the first 50.
HELD_OUT = sorted(p for p in (REPO / "data" / "eval").glob("*test*.csv"))
PREFIX = 30
# Each cell may take this long; the slowest (the sentiment model's first use) takes seconds.
CELL_TIMEOUT_S = 180


@pytest.fixture(scope="session")
def demo_config(demo_workspace, tmp_path_factory) -> Path:
    """A copy of the session's demo workspace (tests/conftest.py builds it once, read-only)."""
    directory = tmp_path_factory.mktemp("notebooks") / "koll-demo"
    # The config's SQLite path is relative to its folder, so a copy of the folder is a workspace.
    shutil.copytree(demo_workspace.parent, directory, ignore=shutil.ignore_patterns("*.lock"))
    config = directory / demo_workspace.name
    # An analyst has corrected a few of the least confident tones in the dashboard, so notebook
    # 2's corrections section has something to show (flip each to a different label).
    with koll.open_workspace(config) as ws:
        assert ws.store.url.startswith(f"sqlite:///{directory.resolve()}")
        unsure = ws.mentions(owned=False, columns=["item_id", "brand", "label", "confidence"])
        unsure = unsure[unsure["label"].notna()].nsmallest(3, "confidence")
        flip = {"pos": "neu", "neu": "neg", "neg": "neu"}
        for row in unsure.itertuples():
            ws.correct(row.item_id, row.brand, flip[row.label], author="test")
    return config


def test_there_are_four_notebooks():
    assert [p.name for p in NOTEBOOKS] == [
        "01_kom_igang.ipynb",
        "02_tonlage.ipynb",
        "03_kontroll.ipynb",
        "04_amnen_och_berattelser.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_clean_and_says_its_question(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    nb = nbformat.reads(json.dumps(raw), as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "a notebook without code"
    assert all(c.outputs == [] and c.execution_count is None for c in code), "stored with outputs"
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert "**Frågan:**" in first.source
    # Notebooks use the API, not the database.
    source = "\n".join(c.source for c in code)
    for forbidden in ("sqlalchemy", "sqlite3", "SELECT ", "read_sql", "koll.store"):
        assert forbidden not in source, f"{path.name} uses {forbidden!r}; use koll's API"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom(path, demo_config, monkeypatch, tmp_path):
    monkeypatch.setenv("KOLL_CONFIG", str(demo_config))
    monkeypatch.delenv("KOLL_DATABASE_URL", raising=False)
    nb = nbformat.read(path, as_version=4)
    # The kernel is the test's own Python (the venv): "python3" resolves to sys.executable.
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},  # run outside the repo
    )
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    # Every figure made it out as a plotly figure, and the workspace was the demo's.
    figures = [o for o in outputs if "application/vnd.plotly.v1+json" in o.get("data", {})]
    assert figures, f"{path.name} drew no plotly figure"
    untitled = [
        u for f in figures for u in _untitled_axes(f["data"]["application/vnd.plotly.v1+json"])
    ]
    assert not untitled, f"{path.name}: axes without a title: {untitled}"
    # Net tone (-1 to 1) is no share: an axis titled "andel" over it said it was.
    for f in figures:
        fig = f["data"]["application/vnd.plotly.v1+json"]
        if any("nettoton" in t["x"] for t in fig["data"] if isinstance(t.get("x"), list)):
            assert "nettoton" in fig["layout"]["yaxis"]["title"]["text"]
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert not re.search(r"\d%", printed), f"{path.name}: '88%' where Swedish writes '88 %'"
    first = nb.cells[1].outputs[0]["data"]["text/plain"]
    assert str(demo_config) in first
    assert os.environ["KOLL_CONFIG"] == str(demo_config)
    shown = _held_out_texts_shown(outputs)
    assert shown == 0, f"{path.name} shows texts of a held-out test set (data/eval/*test*)"
    if path.stem == "02_tonlage":  # the fixture's corrections reached the notebook
        printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
        assert "Inga rättelser" not in printed
        assert "modellen håller med människan i" in printed


@pytest.mark.slow
def test_tone_notebook_says_in_swedish_when_there_is_nothing_to_show(
    demo_workspace, monkeypatch, tmp_path
):
    """Without corrections notebook 02 printed "Inga rättelser" above an empty frame and then
    showed a 3×3 table of zeros, and the demo's mentions (all Swedish or English) gave an empty
    frame of unscored ones: each empty case is a Swedish sentence, no table."""
    directory = tmp_path / "koll-demo"
    shutil.copytree(demo_workspace.parent, directory, ignore=shutil.ignore_patterns("*.lock"))
    monkeypatch.setenv("KOLL_CONFIG", str(directory / demo_workspace.name))
    monkeypatch.delenv("KOLL_DATABASE_URL", raising=False)
    nb = nbformat.read(REPO / "notebooks" / "02_tonlage.ipynb", as_version=4)
    # The sections that read the workspace; the labelled files after them do not depend on it.
    end = next(i for i, c in enumerate(nb.cells) if c.source.startswith("## Modellen mot"))
    nb.cells = nb.cells[:end]
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    with koll.open_workspace(directory / demo_workspace.name) as ws:
        assert ws.corrections().empty
    client.execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    printed = "".join(
        o.get("text", "") for c in code for o in c.outputs if o.output_type == "stream"
    )
    assert "Inga rättelser ännu" in printed
    assert "Ingen jämförelse mellan modellen och människan ännu" in printed
    for c in code:
        if "corrections" in c.source:  # nothing to show but the sentences
            assert all(o.output_type == "stream" for o in c.outputs), c.source
    tables = [o["data"].get("text/plain", "") for c in code for o in c.outputs if "data" in o]
    assert not [t for t in tables if t.startswith("Empty DataFrame")]


def _numeric(values) -> bool:
    """Whether a trace's x or y holds numbers (plotly writes a numeric array as base64 `bdata`)."""
    if isinstance(values, dict):
        return "bdata" in values
    return bool(values) and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in values if v is not None
    )


def _untitled_axes(figure: dict) -> list[str]:
    """'title: yaxis' for each axis of `figure` that carries numbers, or a heatmap's rows or
    columns, and has no title: a reader cannot tell a count from a share from an index."""
    layout = figure.get("layout", {})
    missing = set()
    for trace in figure.get("data", []):
        for axis in ("x", "y"):
            name = trace.get(f"{axis}axis", axis).replace(axis, f"{axis}axis", 1)
            # A histogram counts along the axis it is not given: that axis holds numbers too.
            counted = trace.get("type") == "histogram" and axis not in trace
            needs = trace.get("type") == "heatmap" or counted or _numeric(trace.get(axis))
            title = (layout.get(name, {}).get("title") or {}).get("text")
            if needs and not title:
                missing.add(f"{(layout.get('title') or {}).get('text')}: {name}")
    return sorted(missing)


def _held_out_texts_shown(outputs) -> int:
    """How many texts of the held-out test sets appear in the notebook's outputs (a count:
    the texts themselves are never printed, not even by a failing test)."""
    parts = []
    for o in outputs:
        parts.append(o.get("text", ""))
        for value in o.get("data", {}).values():
            parts.append(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    shown = "\n".join(parts)
    prefixes = set()
    for path in HELD_OUT:
        with path.open(encoding="utf-8", newline="") as fh:
            texts = [row["text"].strip() for row in csv.DictReader(fh)]
        prefixes |= {t[:PREFIX] for t in texts if len(t) >= PREFIX}
    return sum(p in shown for p in prefixes)
