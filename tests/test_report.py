"""`koll report`: one self-contained HTML file with every component, its change and reading,
"what changed", the charts' data and plotly.js inline; nothing loaded from the network."""

from __future__ import annotations

import json
import re

import pytest

from koll.cli import main
from koll.jobs.report import default_window
from koll.store import Store
from koll.store.report import report_data
from koll.store.report_html import render_report
from tests.browser.workspace import make_workspace
from tests.threads import OTHER_QUESTION, OWN_QUESTION, add_threads

WINDOW = ["--since", "2026-11-07", "--until", "2026-11-20"]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    settings = make_workspace(tmp_path_factory.mktemp("report"))
    add_threads(settings)
    return settings


@pytest.fixture(scope="module")
def report(workspace, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "r.html"
    argv = ["report", "--config", str(workspace.config_path), "--brand", "fjällkraft"]
    assert main([*argv, *WINDOW, "--output", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def figures(html: str) -> dict:
    block = re.search(r"var figures = \{(.*?)\n  \};", html, re.S).group(1)
    return json.loads("{" + block + "}")


def test_the_report_is_one_file_that_needs_no_network(report):
    assert report.startswith("<!DOCTYPE html>") and "Fjällkraft, 7–20 november 2026" in report
    # No resource from elsewhere: no src/href on scripts, styles, images or frames.
    assert (
        re.findall(r"<(?:script|link|img|iframe|object|embed)\b[^>]*\b(?:src|href)=", report) == []
    )
    assert "Plotly.newPlot" in report and len(report) > 3_000_000  # plotly.js itself is inside
    assert "@page { size: A4" in report and "@media print" in report


def test_every_component_with_its_change_and_reading(report, workspace):
    with Store(workspace.database_url) as store:
        data = report_data(store, workspace, "Fjällkraft", "2026-11-07", "2026-11-20")
    rows = re.findall(r"<tr(?: class=\"index\")?><td>([^<]+)</td><td class=\"num\">([^<]+)</td>",
                      report)  # fmt: skip
    names = [n for n, _ in rows]
    assert names[0] == "Kontrollindex"
    for expected in ("Egen andel", "Eko av budskap", "Dialog", "Nettoton", "Andel av rösterna", "Först ute",
                     "Personlig röst", "Antal röster", "Nya röster", "Omnämnanden"):  # fmt: skip
        assert expected in names
    assert dict(rows)["Omnämnanden"] == str(data["control"]["mentions"])
    assert "av omnämnandena kom från varumärkets egna kanaler" in report
    assert "Kan inte mätas i perioden." in report or data["control"]["agenda_share"] is not None
    paragraph = re.search(r'<p class="summary">(.*?)</p>', report, re.S).group(1)
    assert paragraph.startswith("Kontrollindex ") and "Omnämnandena" in paragraph


def test_the_charts_carry_the_numbers(report, workspace):
    figs = figures(report)
    assert list(figs) == ["chart-volume", "chart-tone", "chart-sov", "chart-sources"]
    volume = figs["chart-volume"]["data"]
    with Store(workspace.database_url) as store:
        data = report_data(store, workspace, "Fjällkraft", "2026-11-07", "2026-11-20")
    assert sum(sum(t["y"]) for t in volume) == data["control"]["mentions"]
    sov = figs["chart-sov"]["data"]
    assert [t["name"] for t in sov] == ["Fjällkraft", "Nordvind"]
    assert all(abs(a + b - 100) < 0.2 for a, b in zip(sov[0]["y"], sov[1]["y"], strict=True))


def test_unanswered_threads_own_and_elsewhere(report):
    section = re.search(r'<section id="unanswered">(.*?)</section>', report, re.S).group(1)
    assert "Varumärket svarade i 1 av 3 kommentarstrådar (mediansvarstid 1 timme); " in section
    assert "2 väntar på svar, 1 av dem i egna kanaler." in section
    rows = re.findall(r"<tr><td>(.*?)</td></tr>", section, re.S)
    # Newest outside comment first; each with where it is, and the latest comment's time, tone
    # and words; the javascript: link is no link.
    assert len(rows) == 2 and OTHER_QUESTION in rows[0] and OWN_QUESTION in rows[1]
    assert rows[0].startswith("Länk med javascript Fjällkraft<br>") and "hos andra" in rows[0]
    assert (
        rows[1].startswith('<a href="https://blogg.fjallkraft.se/0">') and "egen kanal" in rows[1]
    )
    assert "Birgitta Östlund, 20 november 12:00" in rows[1] and "negativ" in rows[1]
    # The paragraph on what changed counts them too.
    paragraph = re.search(r'<p class="summary">(.*?)</p>', report, re.S).group(1)
    assert "2 väntar på svar, 1 av dem i egna kanaler." in paragraph


def test_hostile_text_stays_text(report):
    assert "<img src=x onerror" not in report and "<script>alert" not in report


def test_english_and_print_on_load(workspace):
    with Store(workspace.database_url) as store:
        data = report_data(store, workspace, "Fjällkraft", "2026-11-14", "2026-11-20")
    html = render_report(data, "en", "https://koll.example.se", print_on_load=True)
    assert "<h2>What changed</h2>" in html and "Control index" in html
    assert "2 wait for an answer, 1 of them on its own channels." in html
    assert (
        'href="https://koll.example.se/dialogue?brand=Fj%C3%A4llkraft&amp;since=2026-11-14' in html
    )
    assert "<th>Latest comment</th>" in html and "own channel" in html
    assert "Kontrollindex" not in html and "väntar på svar" not in html
    assert 'href="https://koll.example.se/?brand=Fj%C3%A4llkraft&amp;since=2026-11-14' in html
    assert "window.print(); }, 300)" in html
    assert "window.print(); }, 300)" not in render_report(data, "sv")


def test_default_window_is_the_week_up_to_yesterday():
    from datetime import UTC, datetime

    now = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
    assert default_window(None, None, now) == ("2026-11-16", "2026-11-22")
    assert default_window("2026-11-01", "2026-11-03", now) == ("2026-11-01", "2026-11-03")
    assert default_window(None, "2026-11-10", now) == ("2026-11-04", "2026-11-10")


def test_bad_arguments_are_one_line_errors(workspace, tmp_path, capsys):
    base = ["report", "--config", str(workspace.config_path), "--output", str(tmp_path / "x.html")]
    assert main([*base, "--brand", "Ikea"]) == 2
    assert "no brand called 'Ikea'" in capsys.readouterr().err
    assert main([*base, "--brand", "Fjällkraft", "--since", "11/11"]) == 2
    assert "--since: expected a date YYYY-MM-DD" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()
