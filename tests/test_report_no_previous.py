"""The printable report beside an empty window before: nothing to compare with, so no change is
written ("Omnämnanden 252 +252" and "Nya röster 11 +11" read as growth from a real zero)."""

from __future__ import annotations

from koll.store import Store
from koll.store.report import report_data
from koll.store.report_html import COLOURS, context
from tests.browser.workspace import make_workspace


def test_no_change_is_written_against_an_empty_window_before(tmp_path):
    settings = make_workspace(tmp_path)
    store = Store(settings.database_url)
    try:
        empty_before = report_data(store, settings, "Fjällkraft", "2026-10-01", "2026-11-20")
        with_before = report_data(store, settings, "Fjällkraft", "2026-11-11", "2026-11-20")
    finally:
        store.close()
    assert empty_before["before"]["mentions"] == 0 and empty_before["control"]["mentions"] > 0
    rows = {r["name"]: r for r in context(empty_before, "sv")["components"]}
    assert rows["Omnämnanden"]["change"] == "–" and rows["Nya röster"]["change"] == "–"
    assert all(r["change"] == "–" for r in rows.values()), rows
    assert {r["colour"] for r in rows.values()} == {COLOURS["neutral"]}
    # Beside a window with mentions the change is written.
    rows = {r["name"]: r for r in context(with_before, "sv")["components"]}
    assert with_before["before"]["mentions"] > 0 and rows["Omnämnanden"]["change"] != "–"
