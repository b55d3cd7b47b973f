"""Defects from a second QA pass, in real headless Chromium: what the keyboard stores in the
mentions table, the period picker and the browser's history, and a page whose data fails."""

from __future__ import annotations

import sqlite3
import subprocess
import time

import pytest

from tests.browser.test_dashboard_browser import _start_serve, browser, css, open_page, wait_for
from tests.browser.workspace import make_workspace

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the fixture, imported for these tests


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("qa2")
    settings = make_workspace(folder)
    proc, base = _start_serve(settings.config_path, folder / "serve.log")
    yield {"base": base, "db": folder / "koll.db"}
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _stored(db) -> list[tuple]:
    """Every correction and triage mark: (table, item, value), in the order they were made."""
    with sqlite3.connect(db) as conn:
        return [
            *conn.execute("SELECT 'tone', item_id, label FROM corrections ORDER BY id"),
            *conn.execute("SELECT 'mark', item_id, status FROM triage_marks ORDER BY id"),
        ]


def _keys(driver, *keys) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    for key in keys:
        ActionChains(driver).send_keys(key).perform()
        time.sleep(0.3)


def _focus_picker(driver, row, picker: str = ".tone-pick") -> str:
    """Focus the row's picker on its chosen value, as Tab does; that value."""
    chosen = row.find_element("css selector", f"{picker} input:checked")
    driver.execute_script("arguments[0].focus()", chosen)
    return chosen.get_attribute("value")


def _item(row) -> int:
    import json

    return json.loads(row.find_element("css selector", ".tone-pick").get_attribute("id"))["item"]


def test_arrow_keys_move_the_tone_and_only_a_deliberate_choice_stores_it(server, browser):
    # → then ← twice in a row's tone picker stored three corrections: Dash's RadioItems
    # reports each arrow-key step as a new value.
    from selenium.webdriver.common.keys import Keys

    db = server["db"]
    before = _stored(db)
    open_page(browser, server["base"] + "/mentions?sort=old", "mentions")
    rows = css(browser, ".mention-row")
    first, second, third = rows[0], rows[1], rows[2]
    stored = _focus_picker(browser, first)
    _keys(browser, Keys.ARROW_RIGHT, Keys.ARROW_LEFT, Keys.ARROW_LEFT)
    shown = first.find_element("css selector", ".tone-pick input:checked").get_attribute("value")
    assert shown != stored  # the picker moved...
    time.sleep(1.5)
    assert _stored(db) == before  # ...and nothing was stored
    _keys(browser, Keys.ENTER)  # Enter chooses it
    wait_for(browser, lambda d: "Sparat" in css(d, "#m-status")[0].text, what="the saved message")
    assert _stored(db) == [*before, ("tone", _item(first), shown)]
    assert "rättad" in first.text
    # Arrow keys away and back, then on: the stored tone again, nothing stored.
    _focus_picker(browser, second)
    _keys(browser, Keys.ARROW_RIGHT, Keys.ARROW_LEFT, Keys.TAB)
    time.sleep(1.5)
    assert len(_stored(db)) == len(before) + 1
    # Arrow keys, then leaving the picker (Tab): the tone it was left on is stored.
    _focus_picker(browser, third)
    _keys(browser, Keys.ARROW_LEFT, Keys.TAB)
    left_on = third.find_element("css selector", ".tone-pick input:checked").get_attribute("value")
    wait_for(browser, lambda d: len(_stored(db)) == len(before) + 2, what="the correction")
    assert _stored(db)[-1] == ("tone", _item(third), left_on)


def test_a_triage_mark_is_stored_on_space_after_arrow_keys_not_at_each_step(server, browser):
    from selenium.webdriver.common.keys import Keys

    db = server["db"]
    open_page(browser, server["base"] + "/mentions?sort=old", "mentions")
    row = css(browser, ".mention-row")[3]
    before = _stored(db)
    assert _focus_picker(browser, row, ".triage-pick") == "none"
    _keys(browser, Keys.ARROW_LEFT, Keys.ARROW_LEFT)  # none, handled, todo
    time.sleep(1.5)
    assert _stored(db) == before
    _keys(browser, " ")
    wait_for(browser, lambda d: "behöver åtgärd" in css(d, "#m-status")[0].text, what="saved")
    assert _stored(db) == [*before, ("mark", _item(row), "todo")]


def test_a_failing_callback_shows_a_message_not_a_half_empty_page(server, browser):
    # A callback that failed (here: the alerts table renamed under the running dashboard) left
    # its region empty, with only an HTTP 500 in the console.
    db = server["db"]
    with sqlite3.connect(db) as conn:
        conn.execute("ALTER TABLE alerts RENAME TO alerts_elsewhere")
    try:
        browser.get_log("browser")
        browser.get(server["base"] + "/")
        banner = wait_for(
            browser, lambda d: [e for e in css(d, "#app-error") if e.is_displayed()], what="banner"
        )[0]
    finally:
        with sqlite3.connect(db) as conn:
            conn.execute("ALTER TABLE alerts_elsewhere RENAME TO alerts")
    assert banner.text == (
        "Något gick fel när sidan hämtade data. Ladda om sidan; kvarstår felet, se serverloggen."
    )
    assert banner.get_attribute("role") == "alert"
    assert "Traceback" not in browser.page_source and "alerts" not in banner.text
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    # Once the table is back, a reload shows the page without it.
    open_page(browser, server["base"] + "/", "overview")
    assert not [e for e in css(browser, "#app-error") if e.is_displayed()]


def test_picking_a_period_puts_one_step_in_the_history_and_back_returns_before_it(server, browser):
    # Clicking a first and a last day pushed the half-chosen period (?since=… without until)
    # into the history: Back went to a period from that day to today that nobody chose.
    start = server["base"] + "/mentions?brand=Fj%C3%A4llkraft&since=2026-11-01&until=2026-11-10"
    open_page(browser, start, "mentions")
    count = wait_for(browser, lambda d: css(d, "#m-count")[0].text, what="the count")
    steps = browser.execute_script("return history.length")
    css(browser, "#f-period")[0].click()
    days = wait_for(
        browser,
        lambda d: [
            td
            for td in css(d, ".dash-datepicker-calendar td")
            if "inside" in (td.get_attribute("class") or "")
            and td.get_attribute("aria-disabled") != "true"
        ],
        what="the calendar's days",
    )
    days[4].click()  # the 5th day of the first month shown
    time.sleep(1.0)
    assert browser.current_url == start  # nothing written yet
    days = [td for td in css(browser, ".dash-datepicker-calendar td")
            if "inside" in (td.get_attribute("class") or "")]  # fmt: skip
    days[9].click()  # ...to its 10th
    wait_for(browser, lambda d: d.current_url != start, what="the new period in the URL")
    chosen = browser.current_url
    assert "since=" in chosen and "until=" in chosen, chosen
    assert browser.execute_script("return history.length") == steps + 1
    browser.back()
    wait_for(browser, lambda d: d.current_url == start, what="Back to the period before")
    wait_for(browser, lambda d: css(d, "#m-count")[0].text == count, what="its count again")


def test_a_bad_filter_value_in_the_url_stays_and_is_noted_on_the_mentions_page(server, browser):
    # /mentions?kind=kommentarer was rewritten to /mentions as the page's filters rendered,
    # and the note that the value was not used went with it.
    url = server["base"] + "/mentions?kind=video"
    open_page(browser, url, "mentions")
    time.sleep(1.0)  # the filters' callbacks have run
    assert browser.current_url == url
    notes = [e.text for e in css(browser, ".note-warn") if e.is_displayed()]
    assert any(
        n.startswith("Okänt värde för typ i adressen: video (giltiga: blogg,") for n in notes
    )
    # A value written as the page names it is taken.
    open_page(browser, server["base"] + "/mentions?kind=kommentarer,forum", "mentions")
    assert css(browser, "#m-kind")[0].text.startswith("kommentarerforum")
    assert not [e for e in css(browser, ".note-warn") if e.is_displayed()]
