"""Dashboard defects from a QA pass in headless Chromium, each pinned by a unit test of the page,
figure or export function (the browser-visible parts also in tests/browser)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import data
from dashboard.components import graph_config
from tests.browser.workspace import make_workspace

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


@pytest.fixture
def ws(tmp_path):
    """The small browser-test workspace on SQLite, ending on LAST_DAY (2026-11-20 10:00 UTC)."""
    settings = make_workspace(tmp_path)
    data.configure(settings)
    yield settings
    data.store().close()


def _csv(ws, query: str) -> tuple[list[list[str]], str]:
    from dashboard.app import create_app

    res = create_app(ws).server.test_client().get("/export/mentions.csv" + query)
    assert res.status_code == 200
    lines = [x for x in res.get_data(as_text=True).lstrip("\ufeff").split("\r\n") if x]
    return [x.split(";") for x in lines], res.headers["Content-Type"]


def test_the_csv_writes_negative_scores_as_numbers_and_says_utf8_once(ws):
    # "-0,500" got the formula guard (a leading ') and became text in Excel.
    rows, content_type = _csv(ws, "?brand=Nordvind&tone=neg")
    head, body = rows[0], rows[1:]
    scores = [r[head.index("poäng")] for r in body]
    assert body and all(s == "-0,500" for s in scores), scores
    assert content_type == "text/csv; charset=utf-8"


def test_the_csv_writes_stockholm_time_as_the_table_does(ws):
    # It wrote UTC ISO (2026-11-20T10:00:00Z) while the table showed 11:00.
    rows, _ = _csv(ws, "?brand=Nordvind&since=2026-11-20&until=2026-11-20")
    head, body = rows[0], rows[1:]
    assert head[3] == "publicerad (svensk tid)"
    assert "2026-11-20 11:00" in [r[3] for r in body], [r[3] for r in body]
    english, _ = _csv(ws, "?brand=Nordvind&since=2026-11-20&until=2026-11-20&ui=en")
    assert "2026-11-20T10:00:00Z" in [r[3] for r in english[1:]]  # the export contract's UTC
