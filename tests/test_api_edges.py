"""The API at its edges, as a QA pass met them: empty results, huge numbers, odd characters,
windows at the ends of the calendar. Each answer is the documented one, the same on every engine.
"""

from __future__ import annotations

import pytest

import koll


@pytest.fixture(scope="module")
def demo(demo_workspace):
    with koll.open_workspace(demo_workspace) as ws:
        yield ws


def test_an_empty_rising_terms_table_has_the_full_one_s_dtypes(demo):
    """The empty table had `current` and `baseline` as float64, the full one int64."""
    full = demo.rising_terms("Fjällkraft")
    assert not full.empty  # else the comparison would prove nothing
    empty = demo.rising_terms("Fjällkraft", "2026-01-01", "2026-01-02")
    assert empty.empty
    assert empty.dtypes.astype(str).to_dict() == full.dtypes.astype(str).to_dict()
    assert str(full["current"].dtype) == str(full["baseline"].dtype) == "int64"
