"""The Dialogue page in real headless Chromium (issue 18): the Dialog card on the overview opens
the unanswered threads, own channels first, each with its latest outside comment, tone and link,
and the median response time; the page fits a phone."""

from __future__ import annotations

import subprocess
import time
from urllib.parse import urlsplit

import pytest

from tests.browser.dialogue_world import FORUM_POST, OWN_POST, add_threads
from tests.browser.test_answers_browser import phone  # noqa: F401 (fixture)
from tests.browser.test_dashboard_browser import (  # noqa: F401 (fixtures)
    _start_serve,
    browser,
    console_errors,
    css,
    open_page,
    wait_for,
)
from tests.browser.workspace import make_workspace

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dialogue")
    settings = make_workspace(folder)
    add_threads(settings)
    proc, base = _start_serve(settings.config_path, folder / "serve.log")
    yield {"base": base}
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_the_dialog_card_opens_the_unanswered_threads(server, browser):  # noqa: F811
    browser.get_log("browser")
    open_page(browser, server["base"] + "/", "overview")
    link = wait_for(browser, lambda d: css(d, "#kpi-dialogue-link"), what="the Dialog card link")
    assert link[0].text == "Dialog"
    link[0].click()
    threads = wait_for(browser, lambda d: css(d, "#dialogue-threads .thread"), what="the threads")
    assert urlsplit(browser.current_url).path == "/dialogue"
    assert len(threads) == 2
    own, forum = threads
    assert "thread-owned" in own.get_attribute("class").split()  # own channel first
    assert "Birgitta" in own.text and "Negativ" in own.text and "Egen kanal" in own.text
    assert "Lisa" in forum.text and "Positiv" in forum.text and "Andras kanal" in forum.text
    title = own.find_element("css selector", "a.thread-title")
    assert title.get_attribute("href") == OWN_POST and title.get_attribute("target") == "_blank"
    answer = forum.find_element("css selector", "a.thread-open")
    # It opens the latest outside comment itself (Lisa's), where the answer goes.
    assert answer.text == "Svara i tråden"
    assert answer.get_attribute("href") == f"{FORUM_POST}#comment-2"
    summary = css(browser, "#dialogue-summary")[0].text
    assert "Ni svarade i 2 av 4 kommentarstrådar" in summary
    assert "Mediantid till svar: 3 timmar." in summary
    # The nav marks the page, and it carries the filters of the overview.
    active = css(browser, ".nav-link.active")[0]
    assert active.text == "Dialog"
    assert console_errors(browser) == []


def test_the_dialogue_page_fits_a_phone(server, phone):  # noqa: F811
    open_page(phone, server["base"] + "/dialogue", "dialogue")
    wait_for(phone, lambda d: css(d, "#dialogue-threads .thread"), what="the threads")
    time.sleep(0.3)
    width, inner = phone.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert inner == 390 and width <= inner, width
    # Nor inside its card (a card scrolls a wide table): a long word in a comment wraps.
    inside = phone.execute_script(
        "const c = document.getElementById('dialogue-threads').closest('.card');"
        "return [c.scrollWidth, c.clientWidth]"
    )
    assert inside[0] <= inside[1], inside
    assert console_errors(phone) == []
