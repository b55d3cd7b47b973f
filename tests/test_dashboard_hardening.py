"""The dashboard under hostile or partial data: rows without links, feeds never fetched beside
feeds that were, and many clients asking for the same expensive view at once (issue 14)."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import timedelta

import pandas as pd
import pytest

from dashboard import data
from dashboard.components import safe_href
from dashboard.i18n import local_time
from dashboard.pages import mentions, sources
from dashboard.params import Params
from koll.store.feeds import feed_ids_by_url, record_success
from koll.store.items import Score, save_items
from koll.store.records import Mention
from tests.browser.workspace import LAST_DAY, _item, make_workspace
from tests.test_dashboard import find, texts


@pytest.fixture
def ws(tmp_path, database_url):
    settings = make_workspace(tmp_path, database_url=database_url)
    data.configure(settings)
    yield settings
    data.store().close()


def _add_linkless_item(title: str) -> None:
    """An item stored without a link (its feed's `javascript:` link was dropped), newest of all."""
    it = _item(555, "forum.example.se", "forum", title, "Fjällkraft utan länk",
               LAST_DAY + timedelta(minutes=5), None)  # fmt: skip
    it = replace(it, url=None, key="guid:utan-lank")
    with data.store().begin() as conn:
        feed = feed_ids_by_url(conn)["https://forum.example.se/feed/"]
        save_items(conn, feed, [it], now=LAST_DAY, mentions_of={it.key: [Mention(it.key, "Fjällkraft", False, None, None)]},
                   mention_scores={(it.key, "Fjällkraft"): Score("neg", -0.5, 0.8, "sv", "t")})  # fmt: skip


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"q": "Fjällkraft"},  # a search that brings the row in with others
        {"since": "2026-11-19", "until": "2026-11-20"},  # a date filter that does
        {"tones": ("neg",)},
    ],
)
def test_mentions_page_mixing_rows_with_and_without_a_link(ws, extra):
    """pandas 3 reads the missing link as NaN; the page used to fail in safe_href (a 500)."""
    _add_linkless_item("Fjällkraft utan länk")
    p = data.resolve(Params(**extra))
    children, total, _page = mentions.table(p, 0)
    rows = find(children, lambda c: getattr(c, "className", None) == "mention-row")
    assert total >= 2 and len(rows) >= 2
    shown = texts(children)
    assert "Fjällkraft utan länk" in shown and "nan" not in shown
    links = find(children, lambda c: c.__class__.__name__ == "A")
    assert links and all(str(a.href).startswith("https://") for a in links)
    no_link = [s for s in find(children, lambda c: c.__class__.__name__ == "Span")
               if s.children == "Fjällkraft utan länk"]  # fmt: skip
    assert no_link, "the row without a link shows its title as plain text"


def test_safe_href_takes_missing_values_for_no_link():
    assert safe_href(float("nan")) is None and safe_href(None) is None and safe_href(3) is None
    assert safe_href("javascript:alert(1)") is None
    assert safe_href("https://a.se/x") == "https://a.se/x"


def test_feed_health_with_feeds_fetched_and_never_fetched(ws):
    """One feed has a last success, the others none: pandas makes that column datetime with
    NaT, which the panel used to hand to astimezone (a 500)."""
    with data.store().begin() as conn:
        feed = feed_ids_by_url(conn)["https://blogg.fjallkraft.se/feed/"]
        record_success(conn, feed, now=LAST_DAY, next_due=LAST_DAY + timedelta(hours=1),
                       etag=None, last_modified=None, body_hash="x")  # fmt: skip
    p = data.resolve(Params()).as_dict()
    panel = texts(sources.render_channels(p, None))
    assert "2026-11-20 11:00" in panel  # the fetched feed, in Stockholm time
    assert panel.count("–") >= 2  # the feeds never fetched say so


def test_local_time_of_missing_values():
    assert local_time(pd.NaT) == "–" and local_time(None) == "–" and local_time(float("nan")) == "–"


def test_concurrent_requests_for_one_data_version_compute_once(ws, monkeypatch):
    """Twelve clients ask for the rising terms of the same view at once: one computation, every
    client gets its result; a new data version computes once more."""
    from koll.store import views

    calls = []
    real = views.rising_terms

    def slow_rising(*args, **kw):
        calls.append(threading.get_ident())
        time.sleep(0.3)  # long enough for every client to arrive while it runs
        return real(*args, **kw)

    monkeypatch.setattr(views, "rising_terms", slow_rising)
    p = data.resolve(Params())
    results: list = []
    errors: list = []

    def client():
        try:
            results.append(data.rising_terms(p.brand, p.since, p.until))
        except Exception as e:  # collected: an assertion in a thread would be lost
            errors.append(e)

    threads = [threading.Thread(target=client) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(calls) == 1 and len(results) == 12
    assert all(r is results[0] for r in results)
    _add_linkless_item("Ny data")  # a new data version
    data.rising_terms(p.brand, p.since, p.until)
    assert len(calls) == 2


def test_a_failed_shared_computation_reaches_every_waiter_and_is_retried(ws, monkeypatch):
    from koll.store import views

    calls = []

    def failing(*args, **kw):
        calls.append(1)
        time.sleep(0.2)
        raise RuntimeError("trasig")

    monkeypatch.setattr(views, "rising_terms", failing)
    p = data.resolve(Params())
    errors: list = []

    def client():
        try:
            data.rising_terms(p.brand, p.since, p.until)
        except RuntimeError as e:
            errors.append(e)

    threads = [threading.Thread(target=client) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(errors) == 4 and len(calls) == 1
    with pytest.raises(RuntimeError):
        data.rising_terms(p.brand, p.since, p.until)
    assert len(calls) == 2  # an error is not cached


def test_an_estimated_date_is_marked_in_the_mentions_table(ws):
    """An item whose feed gave no date is stored with the time koll first saw it; the table says
    "datum uppskattat" beside that time, and only there (issue 13)."""
    it = _item(556, "forum.example.se", "forum", "Fjällkraft utan datum", "Fjällkraft, odaterat",
               LAST_DAY + timedelta(minutes=6), None)  # fmt: skip
    it = replace(it, published_estimated=True)
    with data.store().begin() as conn:
        feed = feed_ids_by_url(conn)["https://forum.example.se/feed/"]
        save_items(conn, feed, [it], now=LAST_DAY, mentions_of={it.key: [Mention(it.key, "Fjällkraft", False, None, None)]},
                   mention_scores={(it.key, "Fjällkraft"): Score("neu", 0.0, 0.8, "sv", "t")})  # fmt: skip
    children, _total, _page = mentions.table(data.resolve(Params()), 0)
    rows = find(children, lambda c: getattr(c, "className", None) == "mention-row")
    marked = [r for r in rows if "datum uppskattat" in texts(r)]
    assert len(marked) == 1 and "Fjällkraft utan datum" in texts(marked[0])
