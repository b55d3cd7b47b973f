"""Uncertain tone in real headless Chromium (issue 15): a tone the model was unsure of says
"osäker" in the mentions table, and "Mest negativa" puts the surest negative mentions first
(score × confidence), not the ones with the largest score alone."""

from __future__ import annotations

import subprocess
from datetime import timedelta

import pytest

from koll.store import Store
from koll.store.feeds import feed_ids_by_url
from koll.store.items import Score, save_items
from koll.store.records import Mention
from tests.browser.test_dashboard_browser import (  # noqa: F401 (fixtures)
    _start_serve,
    browser,
    css,
    open_page,
    wait_for,
)
from tests.browser.workspace import LAST_DAY, _item, make_workspace

pytestmark = pytest.mark.browser

# (title, label, score, confidence). By score alone the order would be unsure, leaning, sure.
TONED = [
    ("Tveksam kritik av Fjällkraft", "neg", -0.62, 0.45),  # score × confidence −0.28
    ("Säker kritik av Fjällkraft", "neg", -0.55, 0.92),  # −0.51
    ("Neutral men lutar negativt om Fjällkraft", "neu", -0.6, 0.5),  # −0.30, not labelled neg
]


def add_toned(settings) -> None:
    store = Store(settings.database_url)
    with store.begin() as conn:
        forum = feed_ids_by_url(conn)["https://forum.example.se/feed/"]
        batch, mentions, scores = [], {}, {}
        for i, (title, label, score, conf) in enumerate(TONED):
            it = _item(500 + i, "forum.example.se", "forum", title, title + ".",
                       LAST_DAY - timedelta(days=2, hours=i), "tester")  # fmt: skip
            batch.append(it)
            mentions[it.key] = [Mention(it.key, "Fjällkraft", False, None, None)]
            scores[(it.key, "Fjällkraft")] = Score(label, score, conf, "sv", "test")
        save_items(conn, forum, batch, now=LAST_DAY, mentions_of=mentions, mention_scores=scores)
    store.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tone")
    settings = make_workspace(folder)
    add_toned(settings)
    proc, base = _start_serve(settings.config_path, folder / "serve.log")
    yield {"base": base}
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _rows(driver) -> list[tuple[str, str]]:
    """(title, tone marker) of each row of the table."""
    return [
        (
            r.find_element("css selector", ".title").text,
            r.find_element("css selector", ".corrected-marker").text,
        )
        for r in css(driver, ".mention-row")
    ]


def test_most_negative_puts_the_surest_negative_first_and_marks_the_unsure(server, browser):  # noqa: F811
    open_page(browser, server["base"] + "/mentions?brand=Fj%C3%A4llkraft&sort=neg", "mentions")
    rows = wait_for(browser, _rows, what="the mentions table")
    titles = [title for title, _ in rows]
    assert titles[:2] == ["Säker kritik av Fjällkraft", "Tveksam kritik av Fjällkraft"]
    # Every mention labelled negative comes before the neutral one that leans negative.
    lean = titles.index("Neutral men lutar negativt om Fjällkraft")
    negatives = [t for t, _ in rows if "kritik" in t]
    assert all(titles.index(t) < lean for t in negatives)
    marks = dict(rows)
    assert marks["Tveksam kritik av Fjällkraft"] == "osäker"
    assert marks["Säker kritik av Fjällkraft"] == ""
    unsure = css(browser, ".mention-row .unsure")[0]
    assert "70 %" in unsure.get_attribute("title")


def test_a_corrected_tone_is_no_longer_unsure(server, browser):  # noqa: F811
    open_page(browser, server["base"] + "/mentions?brand=Fj%C3%A4llkraft&sort=neg", "mentions")
    row = next(
        r
        for r in css(browser, ".mention-row")
        if r.find_element("css selector", ".title").text == "Tveksam kritik av Fjällkraft"
    )
    row.find_element("xpath", ".//label[contains(., 'Pos')]").click()
    wait_for(browser, lambda d: "Sparat" in css(d, "#m-status")[0].text, what="the saved message")
    open_page(browser, server["base"] + "/mentions?brand=Fj%C3%A4llkraft&sort=pos", "mentions")
    marks = dict(wait_for(browser, _rows, what="the mentions table"))
    assert marks["Tveksam kritik av Fjällkraft"] == "rättad"
