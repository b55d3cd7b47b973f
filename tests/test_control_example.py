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
