"""docs/control.md's worked example has the shape `koll control --json` prints: the same keys,
and every field of an unanswered thread (the field table lists them)."""

from __future__ import annotations

import json

from koll import frames
from koll.store import Store
from koll.store.views import control_report
from tests.api_world import build_world
from tests.conftest import REPO


def _example() -> dict:
    text = (REPO / "docs" / "control.md").read_text(encoding="utf-8")
    return json.loads(text.split("```json\n", 1)[1].split("```", 1)[0])


def test_the_worked_example_has_the_keys_of_the_real_output(tmp_path):
    world = build_world(tmp_path / "ws")
    store = Store(world.settings.database_url)
    try:
        real = control_report(store, world.settings, "Fjällkraft", "2026-11-01", "2026-11-30")
    finally:
        store.close()
    example = _example()
    assert list(example) == list(real)
    assert example["unanswered"], "the example should show what a thread looks like"
    for thread in example["unanswered"]:
        assert list(thread) == list(frames.UNANSWERED)
    # The figures come from a dated demo build, and the text says so.
    text = (REPO / "docs" / "control.md").read_text(encoding="utf-8")
    assert "demo built on" in text


def test_the_worked_formula_gives_the_examples_index():
    """The index worked out under "The control index" from the example's own components: the
    example had been updated after a model change and the formula line not."""
    import re

    ex = _example()
    parts = [ex["owned_share"], ex["echo_rate"], ex["agenda_share"], ex["dialogue_rate"]]
    index = 100 * (sum(parts) + (ex["net_sentiment"] + 1) / 2) / 5
    # The parts are shown to three places: each off by at most 0.0005, the index by 0.05.
    assert abs(index - ex["control_index"]) <= 0.05
    text = (REPO / "docs" / "control.md").read_text(encoding="utf-8")
    line = re.search(r"100 × \((.*)\) / 5 = ([\d.]+)\.", text)
    assert line is not None
    shown = [float(x.replace("−", "-")) for x in re.findall(r"−?[\d.]+", line.group(1))]
    assert shown[:4] == parts and shown[4] == ex["net_sentiment"]
    assert float(line.group(2)) == round(ex["control_index"], 1)
