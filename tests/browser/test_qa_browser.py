"""Layout defects from a QA pass, in real headless Chromium: long unbroken words in the
Omnämnanden table on a wide screen, the filter summary on a phone."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest

from koll.store import Store
from koll.store.feeds import feed_ids_by_url
from koll.store.items import Score, save_items
from koll.store.records import Mention
from tests.browser.test_dashboard_browser import _start_serve, browser, css, open_page, wait_for
from tests.browser.workspace import LAST_DAY, _item, make_workspace

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the fixture, imported for these tests

LONG_TITLE = "Fjällkraft" + "Vindkraftsutbyggnadsplaneringsdokumentationen" * 6
LONG_AUTHOR = "användarnamnet_" + "x" * 120


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The browser tests' workspace plus, newest of all, a mention whose title and author are
    single words of hundreds of characters."""
    folder = tmp_path_factory.mktemp("qa")
    settings = make_workspace(folder)
    it = _item(777, "forum.example.se", "forum", LONG_TITLE, "Fjällkraft i forumet.",
               LAST_DAY + timedelta(minutes=5), LONG_AUTHOR)  # fmt: skip
    it = replace(it, content_hash="long-words")
    store = Store(settings.database_url)
    try:
        with store.begin() as conn:
            feed = feed_ids_by_url(conn)["https://forum.example.se/feed/"]
            save_items(conn, feed, [it], now=LAST_DAY, mentions_of={it.key: [Mention(it.key, "Fjällkraft", False, None, None)]},
                       mention_scores={(it.key, "Fjällkraft"): Score("neg", -0.5, 0.8, "sv", "t")})  # fmt: skip
    finally:
        store.close()
    proc, base = _start_serve(settings.config_path, folder / "serve.log")
    yield {"base": base}
    proc.terminate()
    proc.wait(timeout=10)


def _at_width(driver, width: int, mobile: bool = False) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 1200, "deviceScaleFactor": 1, "mobile": mobile},
    )


@pytest.mark.parametrize("width", [1600, 1366, 1024])
def test_long_unbroken_titles_and_authors_wrap_in_the_mentions_table(server, browser, width):
    # At 1600 px the title link and the source/author cell stretched the table past the page:
    # only the snippet could break inside a word.
    _at_width(browser, width)
    try:
        open_page(browser, server["base"] + "/mentions?brand=Fjällkraft", "mentions")
        wait_for(browser, lambda d: css(d, ".mention-row"), what="the mentions table")
        found = browser.execute_script(
            "const t = document.querySelector('.mentions-table');"
            "const box = t.parentElement.getBoundingClientRect();"
            "return {table: t.getBoundingClientRect().width <= box.width + 1,"
            " page: document.documentElement.scrollWidth <= innerWidth,"
            " title: [...document.querySelectorAll('.mention-row .title')]"
            "        .some(a => a.textContent.startsWith('FjällkraftVindkraft')),"
            " author: [...document.querySelectorAll('.m-source')]"
            "         .every(c => c.getBoundingClientRect().width < 400),"
            # ...and a usual site name stays whole on its line, not broken to fit.
            " sites: [...document.querySelectorAll('.m-source > div:first-child')]"
            "        .every(d => d.getBoundingClientRect().height"
            "                    < 1.5 * parseFloat(getComputedStyle(d).lineHeight))};"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert found == {"table": True, "page": True, "title": True, "author": True, "sites": True}


def _shown_ticks(driver, graph_id: str) -> list[str]:
    """The x-axis tick names plotly shows (it hides one that would stick out of the chart)."""
    return driver.execute_script(
        f"return [...document.querySelectorAll('#{graph_id} .xtick text')]"
        ".filter(t => getComputedStyle(t).display !== 'none' && t.getBBox().width > 0"
        "             && !t.closest('[display=\"none\"]') && t.getAttribute('display') !== 'none')"
        ".map(t => t.textContent)"
    )


def test_the_share_of_voice_chart_names_its_last_week_as_net_tone_does(server, browser):
    # "Andel av rösterna över tid" ended on its last week's tick at the plot's edge, and plotly
    # hid that week's name ("v. 49") while "Nettoton per vecka" beside it showed it.
    open_page(browser, server["base"] + "/compare?brand=Fjällkraft", "compare")
    sov = wait_for(browser, lambda d: _shown_ticks(d, "compare-sov"), what="the week ticks")
    tone = _shown_ticks(browser, "compare-tone")
    assert sov[-1] == tone[-1], (sov, tone)
    # In English both hid it: "week 49 (6 d)" is longer than the right margin left for "v. 49"
    # (QA, 2026-12-07); the margin is now made for the last week's name.
    open_page(browser, server["base"] + "/compare?brand=Fjällkraft&ui=en", "compare")
    en_sov = wait_for(
        browser,
        lambda d: (
            (ticks := _shown_ticks(d, "compare-sov")) and ticks[0].startswith("week") and ticks
        ),
        what="the English week ticks",
    )
    en_tone = _shown_ticks(browser, "compare-tone")
    last = re.search(r"\d+", sov[-1]).group()
    assert re.search(r"\d+", en_sov[-1]).group() == last, (en_sov, sov)
    assert re.search(r"\d+", en_tone[-1]).group() == last, (en_tone, sov)


def test_the_phones_filter_summary_is_shown_whole(server, browser):
    # At 390 px the one-line summary ended in "…": the voice ("Alla") and the ▾ were cut off.
    _at_width(browser, 390, mobile=True)
    try:
        open_page(browser, server["base"] + "/?brand=Fjällkraft", "overview")
        found = wait_for(
            browser,
            lambda d: d.execute_script(
                "const b = document.getElementById('f-toggle');"
                "return b.textContent.includes('Alla') && "
                " {text: b.textContent, whole: b.scrollWidth <= b.clientWidth,"
                "  inside: b.getBoundingClientRect().right <= innerWidth};"
            ),
            what="the filter summary",
        )
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert found["whole"] and found["inside"], found
