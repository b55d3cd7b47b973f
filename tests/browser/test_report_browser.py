"""The report file in real headless Chromium with the network off: opened from disk, every chart
drawn by the inlined plotly.js, nothing fetched, no console errors, and it prints to A4."""

from __future__ import annotations

import base64
import shutil
import tempfile

import pytest

from koll.cli import main
from tests.browser.test_dashboard_browser import (  # noqa: F401 (browser is a fixture)
    _start_serve,
    browser,
    console_errors,
    css,
    open_page,
    wait_for,
)
from tests.browser.workspace import make_workspace
from tests.conftest import skip_or_fail
from tests.threads import add_threads

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_browser():
    """Chromium that cannot reach any network: every host name fails to resolve, requests go to
    a dead proxy, and DevTools' network emulation is set offline."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        skip_or_fail("browser tests need chromium and chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    profile = tempfile.mkdtemp(prefix="koll-chromium-")
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1600",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=http://127.0.0.1:9",
        "--allow-file-access-from-files",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_network_conditions(
        offline=True, latency=0, download_throughput=0, upload_throughput=0
    )
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report-browser")
    settings = make_workspace(folder, '[notify]\ndashboard_url = "https://koll.example.se"\n')
    add_threads(settings)
    out = folder / "rapport.html"
    argv = ["report", "--config", str(settings.config_path), "--brand", "Fjällkraft",
            "--since", "2026-11-07", "--until", "2026-11-20", "--output", str(out)]  # fmt: skip
    assert main(argv) == 0
    return out


DRAWN = """
return [...document.querySelectorAll('[data-chart]')].map(d => ({
  id: d.id,
  svg: d.querySelector('.main-svg') !== null,
  traces: d.querySelectorAll('.trace').length,
  marks: d.querySelectorAll('.trace path, .trace .point').length,
}));
"""


def test_every_chart_renders_offline(offline_browser, report_file):
    b = offline_browser
    b.get_log("browser")
    b.get(report_file.as_uri())
    charts = wait_for(
        b,
        lambda d: (c := d.execute_script(DRAWN)) and all(x["svg"] and x["traces"] for x in c) and c,
        what="every chart to be drawn",
    )
    assert [c["id"] for c in charts] == ["chart-volume", "chart-tone", "chart-sov", "chart-sources"]
    assert all(c["marks"] > 0 for c in charts), charts  # bars and areas, not empty axes
    # Nothing was fetched: the only resource is the file itself.
    fetched = b.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert [u for u in fetched if not u.startswith("file:")] == []
    assert console_errors(b) == []
    assert b.execute_script("return navigator.onLine") is False  # the network really was off
    assert css(b, "#components tbody tr") and "Vad förändrades" in b.page_source
    assert len(css(b, "#unanswered tbody tr")) == 2  # the threads waiting for an answer


def test_it_prints_to_a4(offline_browser, report_file):
    from selenium.webdriver.common.print_page_options import PrintOptions

    b = offline_browser
    b.get(report_file.as_uri())
    wait_for(b, lambda d: all(x["svg"] for x in d.execute_script(DRAWN)), what="the charts")
    b.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    # The print button is for the screen only; the charts stay.
    assert (
        b.execute_script("return getComputedStyle(document.querySelector('.print-button')).display")
        == "none"
    )
    assert all(x["svg"] for x in b.execute_script(DRAWN))
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7  # A4 in centimetres
    pdf = base64.b64decode(b.print_page(options))
    assert pdf.startswith(b"%PDF")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 2 <= pages <= 8
    b.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_skriv_ut_opens_the_report_of_the_view(tmp_path, browser):  # noqa: F811 (the fixture)
    """The overview's "Skriv ut" opens the printable report of the brand and period in view."""
    settings = make_workspace(tmp_path)
    proc, base = _start_serve(settings.config_path, tmp_path / "serve.log")
    try:
        query = "?brand=Nordvind&since=2026-11-14&until=2026-11-20"
        open_page(browser, base + "/" + query, "overview")
        first = browser.current_window_handle
        css(browser, "#overview-print")[0].click()
        wait_for(browser, lambda d: len(d.window_handles) == 2, what="a new tab")
        browser.switch_to.window([h for h in browser.window_handles if h != first][0])
        wait_for(browser, lambda d: "/report.html" in d.current_url, what="the report's URL")
        assert browser.current_url == f"{base}/report.html{query}&print=1"
        wait_for(browser, lambda d: all(x["svg"] for x in d.execute_script(DRAWN) or [{}]),
                 what="the report's charts")  # fmt: skip
        assert browser.title == "koll – Rapport: Nordvind, 14–20 november 2026"
        browser.close()
        browser.switch_to.window(first)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_charts_take_the_printed_width_and_sections_may_break(offline_browser, report_file):
    """Printed, the charts had kept their screen width (half the page: Plotly.Plots.resize
    redraws after a delay, after the print layout) and a section that would not fit left page 1
    three quarters blank."""
    b = offline_browser
    b.set_window_size(800, 1200)  # a narrow window: two charts side by side, each half as wide
    try:
        b.get(report_file.as_uri())
        wait_for(b, lambda d: all(x["svg"] for x in d.execute_script(DRAWN)), what="the charts")
        b.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        b.execute_script("window.dispatchEvent(new Event('beforeprint'))")
        widths = b.execute_script(
            "return [...document.querySelectorAll('.chart .main-svg')]"
            ".map(s => s.getBoundingClientRect().width)"
        )
        assert widths and all(w == 680 for w in widths), widths
        breaks = b.execute_script(
            "return [...document.querySelectorAll('section')]"
            ".map(s => getComputedStyle(s).breakInside)"
        )
        assert breaks and "avoid" not in breaks
        b.execute_script("window.dispatchEvent(new Event('afterprint'))")
    finally:
        b.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        b.set_window_size(1280, 1600)
