"""Dashboard defects from a QA pass in headless Chromium, each pinned by a unit test of the page,
figure or export function (the browser-visible parts also in tests/browser)."""

from __future__ import annotations

from pathlib import Path

from dashboard.components import graph_config

REPO = Path(__file__).resolve().parent.parent


def test_every_chart_uses_the_shared_config_without_a_cloud_button():
    # Each page had its own config, and plotly.js 4 shows "Share chart..." unless told not to.
    config = graph_config("x")
    assert config["showSendToCloud"] is False and config["plotlyServerURL"] == ""
    assert config["locale"] == "sv" and "Zoom" in config["locales"]["sv"]["dictionary"]
    assert "locale" not in graph_config("x", "en")
    own = [
        p.relative_to(REPO).as_posix()
        for p in (REPO / "dashboard").rglob("*.py")
        if "dcc.Graph(" in p.read_text(encoding="utf-8") and p.name != "components.py"
    ]
    assert own == [], f"charts built without components.graph: {own}"
