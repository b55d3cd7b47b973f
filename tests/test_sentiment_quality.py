"""Quality gate: macro-F1 on the held-out test set, the dev set and ABSAbank-Imm dev stays above
the floors pinned in data/sentiment/QUALITY.json (measured value minus 0.02)."""

from __future__ import annotations

import json

import pytest

from analysis.resources import data_path
from koll.cli.eval import evaluate

QUALITY = json.loads(data_path("sentiment", "QUALITY.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(QUALITY["floors"]))
def test_macro_f1_above_floor(name):
    spec = QUALITY["floors"][name]
    res = evaluate(str(data_path(*spec["file"].split("/"))))
    koll = res["systems"]["koll"]
    assert res["n"] >= spec["min_rows"], f"{name}: only {res['n']} labelled rows"
    assert koll["macro_f1"] >= spec["macro_f1"], (
        f"{name}: macro-F1 {koll['macro_f1']:.4f} fell below the pinned floor {spec['macro_f1']}"
    )
    # koll must keep beating the Swedish VADER port by a wide margin on every set.
    assert koll["macro_f1"] >= spec["vader_macro_f1"] + 0.08


def test_floors_are_measured_minus_margin():
    for spec in QUALITY["floors"].values():
        assert spec["macro_f1"] == pytest.approx(spec["measured_macro_f1"] - 0.02, abs=1e-6)
