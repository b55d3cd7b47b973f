"""The dashboard in real headless Chromium: every page loads cleanly, filters, corrections, safety.

`koll serve` runs in a subprocess on a free 127.0.0.1 port over a small workspace. Screenshots
of each page go to $KOLL_SCREENSHOTS when that is set (for looking at the pages by eye).
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from koll.store.links import PAGES  # every page of the dashboard, as its links name them
from tests.browser.workspace import HOSTILE, make_workspace
from tests.conftest import REPO, skip_or_fail

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_serve(config: Path, log_path: Path) -> tuple[subprocess.Popen, str]:
    """`koll serve` on a free port; (process, base URL) once it answers on /.

    The port is probed free, then bound by the subprocess a few seconds later; a test running in
    parallel may take it in between, so a server that exits before answering is tried again on
    another port.
    """
    for _attempt in range(3):
        port = _free_port()
        with open(log_path, "w") as log:
            cmd = [sys.executable, "-m", "koll.cli", "serve", "--config", str(config)]
            proc = subprocess.Popen(
                [*cmd, "--port", str(port)], cwd=REPO, stdout=log, stderr=subprocess.STDOUT
            )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                return proc, base
            except OSError:
                time.sleep(0.3)
        proc.kill()
        proc.wait()
        if "Address already in use" not in log_path.read_text(errors="replace"):
            break
    pytest.fail("koll serve did not start:\n" + log_path.read_text(errors="replace"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dash")
    settings = make_workspace(folder)
    proc, base = _start_serve(settings.config_path, folder / "serve.log")
    yield {"base": base, "db": settings.database_url.removeprefix("sqlite:///"), "folder": folder}
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        skip_or_fail(
            "browser tests need Debian's chromium and chromium-driver "
            "(apt-get install chromium chromium-driver)"
        )
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        skip_or_fail("browser tests need selenium (pip install -e '.[dev]')")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    profile = tempfile.mkdtemp(prefix="koll-chromium-")
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1440,1800",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver, condition, timeout: float = 20, what: str = "condition"):
    """Poll `condition(driver)` until it returns something truthy; fail with `what` otherwise."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = condition(driver)
            if value:
                return value
        except Exception as e:  # elements come and go while Dash re-renders
            last_error = e
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what} (last error: {last_error})")


def css(driver, selector):
    return driver.find_elements("css selector", selector)


def page_ready(driver, page: str):
    """The page's body has been filled by its callback (not just the skeleton)."""
    body = css(driver, f"#{page}-body")
    return body and (body[0].text.strip() or css(driver, f"#{page}-body *"))


def charts_drawn(driver) -> bool:
    """Every chart on the page has been drawn: dcc.Graph loads plotly.js asynchronously, so a
    chart may still be empty after the callbacks that filled the page have finished."""
    return driver.execute_script(
        "return [...document.querySelectorAll('.dash-graph')].every(g => "
        "!g.classList.contains('dash-graph--pending') && g.querySelector('.main-svg') !== null)"
    )


def bar_traces(driver, graph_id: str) -> int:
    return driver.execute_script(
        f"return document.getElementById('{graph_id}').querySelectorAll('.trace.bars').length"
    )


def console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def open_page(driver, url: str, page: str) -> None:
    driver.get(url)
    wait_for(driver, lambda d: page_ready(d, page), what=f"{page} to render")
    # Let the remaining callbacks (filter bar, nav, control region) settle.
    wait_for(driver, lambda d: not css(d, "[data-dash-is-loading='true']"), what="callbacks")
    wait_for(driver, charts_drawn, what="the charts to be drawn")


@pytest.mark.parametrize("page", list(PAGES))
def test_page_loads_without_errors(server, browser, page):
    browser.get_log("browser")  # drop earlier pages' messages
    open_page(browser, server["base"] + PAGES[page], page)
    if page == "overview":
        wait_for(browser, lambda d: css(d, "#control-index-value"), what="the control index")
    time.sleep(0.5)
    assert console_errors(browser) == []
    assert not css(browser, ".dash-fe-error__title, .dash-error-card, .error")
    title = css(browser, "h1.page-title")[0].text
    assert (
        title
        == {
            "overview": "Översikt",
            "mentions": "Omnämnanden",
            "dialogue": "Dialog",
            "topics": "Ämnen",
            "sources": "Källor",
            "compare": "Jämför",
        }[page]
    )
    shots = os.environ.get("KOLL_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(Path(shots) / f"{page}.png"))


def test_changing_a_filter_changes_the_figures_and_the_url(server, browser):
    open_page(browser, server["base"] + "/", "overview")
    total = wait_for(browser, lambda d: css(d, "#overview-total")[0].text, what="the total")
    # Owned and earned; plotly draws the bars after the page's callbacks, so wait for them.
    wait_for(browser, lambda d: bar_traces(d, "overview-daily") == 2, what="owned and earned bars")
    browser.find_element(
        "xpath", "//div[@id='f-owned']//label[contains(., 'Andras röster')]"
    ).click()
    wait_for(browser, lambda d: "owned=earned" in d.current_url, what="the URL to carry the filter")
    new_total = wait_for(
        browser,
        lambda d: (t := css(d, "#overview-total")[0].text) != total and t,
        what="the total to change",
    )
    assert int(new_total.replace("\u202f", "")) < int(total.replace("\u202f", ""))
    wait_for(browser, lambda d: bar_traces(d, "overview-daily") == 1, what="the owned bars to go")
    # The filter follows to another page through the navigation, and survives a reload.
    browser.find_element("xpath", "//nav[@id='nav']//a[contains(., 'Källor')]").click()
    wait_for(
        browser,
        lambda d: "/sources" in d.current_url and "owned=earned" in d.current_url,
        what="navigation to keep the filter",
    )
    open_page(browser, browser.current_url, "sources")
    checked = browser.find_element("css selector", "#f-owned input:checked")
    assert checked.get_attribute("value") == "earned"


def test_a_bookmarked_view_opens_as_saved(server, browser):
    url = server["base"] + "/compare?brand=Nordvind&since=2026-11-01&until=2026-11-15"
    open_page(browser, url, "compare")
    brand = wait_for(browser, lambda d: css(d, "#f-brand")[0].text, what="the brand")
    assert "Nordvind" in brand
    start = wait_for(
        browser,
        lambda d: css(d, "input#f-period")[0].get_attribute("value"),
        what="the period picker",
    )
    assert start == "2026-11-01"
    assert css(browser, "input#f-period-end-date")[0].get_attribute("value") == "2026-11-15"


def test_tone_correction_persists(server, browser):
    open_page(browser, server["base"] + "/mentions?sort=old", "mentions")
    row = css(browser, ".mention-row")[0]
    picker = row.find_element("css selector", ".tone-pick")
    current = picker.find_element("css selector", "input:checked").get_attribute("value")
    target = "neg" if current != "neg" else "pos"
    label = {"neg": "Neg", "pos": "Pos"}[target]
    title = row.find_element("css selector", ".title").text
    picker.find_element("xpath", f".//label[contains(., '{label}')]").click()
    wait_for(browser, lambda d: "Sparat" in css(d, "#m-status")[0].text, what="the saved message")
    with sqlite3.connect(server["db"]) as conn:
        rows = conn.execute(
            "SELECT c.label, m.label, m.model FROM corrections c JOIN mentions m "
            "ON m.item_id = c.item_id AND m.brand = c.brand JOIN items i ON i.id = c.item_id "
            "WHERE i.title = ?",
            (title,),
        ).fetchall()
    assert rows and rows[-1] == (target, target, "manual")
    open_page(browser, server["base"] + "/mentions?sort=old", "mentions")
    row = css(browser, ".mention-row")[0]
    assert row.find_element("css selector", ".title").text == title
    checked = row.find_element("css selector", ".tone-pick input:checked")
    assert checked.get_attribute("value") == target
    assert "rättad" in row.text


def test_hostile_feed_markup_stays_inert(server, browser):
    from selenium.common.exceptions import NoAlertPresentException

    open_page(browser, server["base"] + "/mentions", "mentions")
    titles = [e.text for e in css(browser, ".mention-row .title")]
    assert HOSTILE in titles  # shown as text, angle brackets and all
    assert not css(browser, "img[src='x']") and not css(
        browser, ".mention-row img, .mention-row script"
    )
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 (raises when no alert is open)
    # The item whose link was javascript: is shown without a link.
    sneaky = [e for e in css(browser, ".mention-row .title") if "javascript" in e.text]
    assert sneaky and sneaky[0].tag_name == "span"
    assert all(
        not (a.get_attribute("href") or "").startswith("javascript") for a in css(browser, "a")
    )


def test_language_toggle_switches_to_english(server, browser):
    open_page(browser, server["base"] + "/", "overview")
    browser.find_element("xpath", "//div[@id='f-ui']//label[contains(., 'EN')]").click()
    wait_for(browser, lambda d: "ui=en" in d.current_url, what="the URL to carry the language")
    wait_for(browser, lambda d: "Overview" in css(d, "#nav")[0].text, what="English navigation")
    wait_for(browser, lambda d: css(d, "h1.page-title")[0].text == "Overview", what="English title")
    # The tab's title too (it stayed "koll – Översikt"), and on a page opened in English.
    wait_for(browser, lambda d: d.title == "koll – Overview", what="an English tab title")
    open_page(browser, server["base"] + "/compare?ui=en", "compare")
    wait_for(browser, lambda d: d.title == "koll – Compare", what="an English tab title")
    # The date fields' placeholders and the navigation's name for screen readers stayed in the
    # configured language ("från", "till", "sidor"; QA, 2026-12-07).
    hidden = "return [document.getElementById('nav').getAttribute('aria-label'),"
    hidden += (
        " ...[...document.querySelectorAll('input.dash-datepicker-input')].map(i => i.placeholder)]"
    )
    wait_for(
        browser,
        lambda d: d.execute_script(hidden) == ["pages", "from", "to"],
        what="English placeholders and navigation label",
    )


def test_previous_from_a_page_past_the_end_goes_back_one_page(server, browser):
    """An old bookmark's page past the end shows the last page; "‹ Föregående" went from the
    bookmark's page, still past the end, so it seemed to do nothing (QA, 2026-12-07)."""
    import re

    open_page(browser, server["base"] + "/mentions?page=99", "mentions")
    info = wait_for(
        browser,
        lambda d: re.fullmatch(r"Sida (\d+) av \1", css(d, "#m-pageinfo")[0].text),
        what="the last page",
    )
    last = int(info.group(1))
    assert last >= 2
    browser.find_element("css selector", "#m-prev").click()
    wait_for(
        browser,
        lambda d: css(d, "#m-pageinfo")[0].text == f"Sida {last - 1} av {last}",
        what="the page before the last",
    )
    url = browser.current_url
    assert f"page={last - 1}" in url if last > 2 else "page=" not in url, url  # page 1: none


def test_keyboard_focus_stays_with_the_control_that_redrew_the_page(server, browser):
    """Enter on "Nästa ›" or in the search box drew the page anew and focus fell back to the
    document: 85 Tab presses to reach the button again (QA, 2026-12-07)."""
    from selenium.webdriver.common.keys import Keys

    active = lambda d: d.execute_script("return document.activeElement.id")  # noqa: E731
    open_page(browser, server["base"] + "/mentions", "mentions")
    wait_for(browser, lambda d: css(d, "#m-pageinfo")[0].text.startswith("Sida 1 av 2"), what="1")
    browser.execute_script("document.getElementById('m-next').focus()")
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    wait_for(browser, lambda d: css(d, "#m-pageinfo")[0].text == "Sida 2 av 2", what="page 2")
    # The last page has no next one: its neighbour, "‹ Föregående", takes focus.
    wait_for(browser, lambda d: active(d) == "m-prev", what="focus on Föregående")
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    wait_for(browser, lambda d: css(d, "#m-pageinfo")[0].text == "Sida 1 av 2", what="page 1")
    wait_for(browser, lambda d: active(d) == "m-next", what="focus on Nästa")
    browser.execute_script("document.getElementById('m-q').focus()")
    browser.switch_to.active_element.send_keys("tråd", Keys.ENTER)
    wait_for(browser, lambda d: "q=tr%C3%A5d" in d.current_url, what="the search in the URL")
    wait_for(browser, lambda d: active(d) == "m-q", what="focus back in the search box")


def test_mentions_search_pages_and_export(server, browser):
    from selenium.webdriver.common.keys import Keys

    open_page(browser, server["base"] + "/mentions", "mentions")
    count = wait_for(browser, lambda d: css(d, "#m-count")[0].text, what="the count")
    assert css(browser, "#m-pageinfo")[0].text.startswith("Sida 1 av")
    browser.find_element("css selector", "#m-next").click()
    wait_for(
        browser,
        lambda d: css(d, "#m-pageinfo")[0].text.startswith("Sida 2 av"),
        what="the second page",
    )
    box = browser.find_element("css selector", "#m-q")
    box.send_keys("tråd 7", Keys.ENTER)
    wait_for(
        browser,
        lambda d: "q=tr%C3%A5d+7" in d.current_url or "q=tr%C3%A5d%207" in d.current_url,
        what="the search in the URL",
    )
    wait_for(
        browser, lambda d: css(d, "#m-count")[0].text not in ("", count), what="the count to change"
    )
    titles = [e.text for e in css(browser, ".mention-row .title")]
    assert titles and all("tråd 7" in x for x in titles)
    href = browser.find_element("css selector", "#m-export").get_attribute("href")
    assert "/export/mentions.csv?" in href and "q=" in href
    with urllib.request.urlopen(href, timeout=10) as res:
        lines = res.read().decode("utf-8-sig").strip().split("\r\n")
    assert len(lines) - 1 == len(titles)


def test_a_long_alert_reason_wraps_beside_its_day(demo_workspace, browser, tmp_path):
    # The demo's first volume alert has the longest reason; it had dropped below its row's day,
    # kind and subject as a block of its own (flex-wrap), unlike the other alerts.
    proc, base = _start_serve(demo_workspace, tmp_path / "serve.log")
    try:
        open_page(browser, base + "/", "overview")
        rows = wait_for(
            browser,
            lambda d: d.execute_script(
                "return [...document.querySelectorAll('#overview-alerts .alert-link')].map(a => {"
                " const day = a.querySelector('.alert-day').getBoundingClientRect();"
                " const why = a.querySelector('.alert-reason').getBoundingClientRect();"
                " return [a.textContent.slice(0, 40), Math.round(why.top - day.top)]; })"
            ),
            what="the demo's alerts",
        )
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert len(rows) >= 3, rows
    assert all(abs(dy) <= 3 for _, dy in rows), rows  # each reason begins on its day's line


def _modebar_titles(driver, graph_id: str) -> list[str]:
    return driver.execute_script(
        f"return [...document.querySelectorAll('#{graph_id} .modebar-btn')]"
        ".map(b => b.getAttribute('data-title'))"
    )


@pytest.mark.parametrize(
    ("path", "page", "graph_id"),
    [
        ("/", "overview", "overview-daily"),
        ("/compare", "compare", "compare-sov"),
        ("/sources", "sources", "sources-top"),
    ],  # fmt: skip
)
def test_charts_cannot_be_sent_to_the_cloud_and_speak_swedish(
    server, browser, path, page, graph_id
):
    # plotly.js 4 adds a "Share chart..." button that uploads the chart's data to
    # cloud.plotly.com; the mode bar's tooltips were English.
    open_page(browser, server["base"] + path, page)
    titles = wait_for(browser, lambda d: _modebar_titles(d, graph_id), what="the mode bar")
    assert "Ladda ner diagrammet som bild (PNG)" in titles, titles
    assert "Share chart..." not in titles and "Zoom" not in titles, titles
    assert not css(browser, f"#{graph_id} .modebar-btn[data-attr*='Cloud']")
    context = browser.execute_script(
        f"const c = document.querySelector('#{graph_id} .js-plotly-plot')._context;"
        " return [c.showSendToCloud, c.plotlyServerURL, c.locale];"
    )
    assert context == [False, "", "sv"]


def test_a_phone_sees_every_page_in_the_nav_whole_card_names_and_chart_titles(server, browser):
    # At 390 px the nav scrolled sideways with Ämnen, Källor and Jämför out of sight, the mode
    # bar covered chart titles and "Omnämnanden" broke as "Omnämnand/en".
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 1600, "deviceScaleFactor": 1, "mobile": True},
    )
    try:
        open_page(browser, server["base"] + "/", "overview")
        wait_for(browser, lambda d: css(d, "#control-index-value"), what="the control index")
        found = browser.execute_script(
            "const links = [...document.querySelectorAll('.nav-link')];"
            "const names = [...document.querySelectorAll('.kpi-name')];"
            "const line = names.find(n => n.textContent === 'Dialog').getBoundingClientRect().height;"
            "const whole = names.find(n => n.textContent === 'Omnämnanden');"
            "return {hidden: links.filter(a => a.getBoundingClientRect().right > innerWidth)"
            "                     .map(a => a.textContent),"
            " modebars: [...document.querySelectorAll('.modebar-container')]"
            "           .filter(m => getComputedStyle(m).display !== 'none').length,"
            " wrapped: whole.getBoundingClientRect().height > line * 1.5,"
            " wide: document.documentElement.scrollWidth > innerWidth};"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert found == {"hidden": [], "modebars": 0, "wrapped": False, "wide": False}
