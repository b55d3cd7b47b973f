"""'Vad förändrades' when a component leaves the control index or comes back to it: the index
moved because the component could not be measured, not by points the component scored."""

from __future__ import annotations

from dataclasses import asdict

from analysis.control import control_index
from analysis.index_change import index_drivers
from analysis.what_changed import what_changed

# Först ute (agenda_share) at 100 % in one window and not measurable in the other.
WITH = {"owned_share": 0.3, "echo_rate": 0.2, "agenda_share": 1.0, "mentions": 20}
WITHOUT = {"owned_share": 0.3, "echo_rate": 0.2, "agenda_share": None, "mentions": 20}


def _summary(now: dict, before: dict) -> dict:
    now, before = {**now, **control_index(now)}, {**before, **control_index(before)}
    drivers = [asdict(d) for d in index_drivers(now, before)]
    return {"control": now, "before": before, "drivers": drivers}


def test_a_component_that_could_not_be_measured_is_named_as_such():
    s = _summary(WITHOUT, WITH)
    assert s["drivers"][0]["component"] == "agenda_share"  # it moved the index, by leaving it
    assert what_changed(s)[0] == (
        "Kontrollindex sjönk från 50 till 25 (−25), mest för att ”Först ute” inte kunde mätas."
    )
    assert what_changed(s, "en")[0] == (
        "Control index fell from 50 to 25 (−25), mostly because “Agenda setting” could not be measured."
    )


def test_a_component_measured_again_says_it_was_not_before():
    s = _summary(WITH, WITHOUT)
    assert what_changed(s)[0] == (
        "Kontrollindex steg från 25 till 50 (+25), mest genom ”Först ute” (+33,3 poäng), "
        "som inte kunde mätas perioden innan."
    )
