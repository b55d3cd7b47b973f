"""The report's charts span its window: days without mentions are drawn as 0 up to the last day
asked for, and a window without mentions says so instead of drawing empty axes."""

from __future__ import annotations

import json
import re

import pytest

from koll.store import Store
from koll.store.report import report_data
from koll.store.report_html import render_report
from tests.browser.workspace import make_workspace


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return make_workspace(tmp_path_factory.mktemp("window"))


def _report(settings, since: str, until: str, lang: str = "sv") -> tuple[str, dict]:
    with Store(settings.database_url) as store:
        html = render_report(report_data(store, settings, "Fjällkraft", since, until), lang)
    block = re.search(r"var figures = \{(.*?)\n  \};", html, re.S).group(1)
    return html, json.loads("{" + block + "}")


def test_the_time_axis_is_the_window_with_empty_days_as_zero(settings):
    # The workspace's last mention is on 20 November; the window runs four days beyond it.
    html, figs = _report(settings, "2026-11-18", "2026-11-24")
    days = [f"2026-11-{d}" for d in range(18, 25)]
    for chart in ("chart-volume", "chart-tone"):
        fig = figs[chart]
        assert all(t["x"] == days for t in fig["data"])
        assert [sum(t["y"][i] for t in fig["data"]) for i in range(4, 7)] == [0, 0, 0]
        assert fig["layout"]["xaxis"]["range"] == ["2026-11-17 12:00", "2026-11-24 12:00"]
    assert sum(figs["chart-volume"]["data"][0]["y"][:3]) > 0
    assert figs["chart-sov"]["layout"]["xaxis"]["range"] == ["2026-11-17 12:00", "2026-11-24 12:00"]
    assert "Inga omnämnanden i perioden." not in html


def test_a_window_without_mentions_says_so(settings):
    html, figs = _report(settings, "2025-01-01", "2025-01-07")
    section = re.search(r'<section id="charts">(.*?)</section>', html, re.S).group(1)
    assert '<p class="note">Inga omnämnanden i perioden.</p>' in section
    assert figs == {} and 'class="chart"' not in section
    html, _ = _report(settings, "2025-01-01", "2025-01-07", "en")
    assert '<p class="note">No mentions in the period.</p>' in html
