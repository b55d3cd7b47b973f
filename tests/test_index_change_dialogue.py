"""Dialogue's two halves are coloured the way dialogue is in change displays (report, digest)."""

from __future__ import annotations

import pytest

from analysis.index_change import judgement


@pytest.mark.parametrize("component", ["dialogue_rate", "dialogue_own", "dialogue_others"])
def test_dialogue_and_its_halves_are_judged_alike(component):
    # A drop of 50 percentage points had been grey ("neutral") for the two halves.
    assert judgement(component, 0.6, 0.1) == "bad"
    assert judgement(component, 0.1, 0.6) == "good"
