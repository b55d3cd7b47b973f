"""Dashboard defects from a second QA pass in headless Chromium, each pinned by a test of the
page, callback or data function (the browser-only parts in tests/browser/test_qa2_browser.py)."""

from __future__ import annotations

import json
import os
import sqlite3

import pandas as pd
import pytest

from dashboard import data
from dashboard.components import excerpt
from dashboard.mention_rows import mention_row
from dashboard.params import Params
from tests.test_dashboard import find, texts

WORDS = "Nordvind har tillfälligt stängt kundtjänsten efter stormen och många väntar "


def test_an_excerpt_is_cut_at_a_word_boundary_and_says_so():
    # text(r.snippet).strip()[:200] cut mid-word ("…många vänt") without a "…".
    long = WORDS * 5
    cut = excerpt(long)
    assert len(cut) <= 200 and cut.endswith("…"), cut
    kept = cut.removesuffix("…").split()
    assert kept == long.split()[: len(kept)], cut  # whole words, in order
    assert len(cut) > 185  # ... as many as fit
    assert excerpt("  Kort text.  ") == "Kort text."  # not cut: no "…"
    assert excerpt(WORDS[:150]) == WORDS[:150].strip()
    # One word longer than the excerpt (a pasted link) is cut where it must be.
    link = "https://example.se/" + "a" * 300
    assert excerpt(link) == link[:199] + "…"
    # A cut just after a word keeps it; punctuation before the "…" is dropped.
    assert excerpt("ord, " * 60, 20) == "ord, ord, ord, ord…"
    assert excerpt(None) == ""


def test_a_mention_rows_snippet_is_an_excerpt():
    row = pd.DataFrame(
        [
            {
                "item_id": 1, "brand": "Nordvind", "title": "Rubrik", "owned": False,
                "model": "m", "published": None, "source": "forum.example.se", "author": "a",
                "kind": "forum", "url": None, "snippet": WORDS * 5, "label": "neg",
                "confidence": 0.9, "triage": None,
            }
        ]
    )  # fmt: skip
    tr = mention_row(next(row.itertuples(index=False)), "sv")
    (snippet,) = find(tr, lambda c: getattr(c, "className", None) == "snippet")
    assert snippet.children == excerpt(WORDS * 5) and snippet.children.endswith("…")


def _with_silent_rival(folder):
    """The browser tests' workspace with a third brand, Solkraft, which no mention names, as
    Fjällkraft's competitor beside Nordvind."""
    from koll.config import load_settings
    from tests.browser.workspace import make_workspace

    path = make_workspace(folder, '\n[[brands]]\nname = "Solkraft"\n').config_path
    config = path.read_text(encoding="utf-8")
    path.write_text(
        config.replace('competitors = ["Nordvind"]', 'competitors = ["Nordvind", "Solkraft"]'),
        encoding="utf-8",
    )
    return load_settings(path, env={})


def _rows(component) -> list[list[str]]:
    return [texts(tr) for tr in find(component, lambda c: type(c).__name__ == "Tr")]


@pytest.mark.parametrize("owned", ["all", "earned"])
def test_a_competitor_without_mentions_keeps_its_row_and_its_series(tmp_path, owned):
    # /compare?since=2026-11-26&until=2026-11-28: a competitor with no mention in the period
    # vanished from the Jämför table and charts, as if it were not compared.
    from dashboard import data
    from dashboard.pages import compare
    from dashboard.params import Params

    data.configure(_with_silent_rival(tmp_path))
    try:
        p = data.resolve(Params(brand="Fjällkraft", since="2026-11-10", until="2026-11-20",
                                owned=owned))  # fmt: skip
        out = compare.body(p)
    finally:
        data.store().close()
    rows = _rows(out)
    assert rows[-1] == ["Solkraft", "0", "0\u00a0%", "kan inte mätas", "kan inte mätas"], rows
    assert [r[0] for r in rows[1:]] == ["Fjällkraft", "Nordvind", "Solkraft"]
    (sov,) = find(out, lambda c: getattr(c, "id", None) == "compare-sov")
    solkraft = [tr for tr in sov.figure["data"] if tr["name"] == "Solkraft"]
    assert solkraft and solkraft[0]["y"] and set(solkraft[0]["y"]) == {0}, sov.figure["data"]
    (tones,) = find(out, lambda c: getattr(c, "id", None) == "compare-tone-shares")
    assert "Solkraft" in tones.figure["data"][0]["y"]


def _earned_mention(brand: str = "Fjällkraft") -> tuple[int, str]:
    """(item id, stored tone) of one earned mention of `brand`."""
    from dashboard import data

    with data.store().connect() as conn:
        item_id, label = conn.exec_driver_sql(
            "SELECT item_id, label FROM mentions WHERE brand = ? AND NOT owned "
            "ORDER BY item_id LIMIT 1",
            (brand,),
        ).one()
    return int(item_id), label


def _choose(item_id: int, tone: str, mark: str):
    """What the page shows after choosing `tone` and `mark` in the row of `item_id`:
    (status line, marker, tone picker's value), (status line, mark picker's value)."""
    from tests.test_dashboard import choose

    return choose("m-tone", item_id, "Fjällkraft", tone), choose(
        "m-triage", item_id, "Fjällkraft", mark
    )


def _written(db) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        return (
            conn.execute("SELECT count(*) FROM corrections").fetchone()[0],
            conn.execute("SELECT count(*) FROM triage_marks").fetchone()[0],
        )


@pytest.fixture
def busy_ws(tmp_path, monkeypatch):
    """The browser tests' workspace as the dashboard's store, which waits 0.2 s for a lock
    (30 s in use: BUSY_TIMEOUT_S)."""
    from dashboard import data
    from tests.browser.workspace import make_workspace

    monkeypatch.setattr("koll.store.BUSY_TIMEOUT_S", 0.2)
    settings = make_workspace(tmp_path)
    data.configure(settings)
    yield tmp_path / "koll.db"
    data.store().close()


def test_a_choice_made_while_another_process_writes_is_not_saved_and_says_busy(busy_ws):
    # A correction or triage mark made while another process held the write lock failed with
    # HTTP 500 after 30 s ('database is locked' in the server log); the page said nothing and
    # the picker stayed on the choice, as if saved.
    from dash import no_update

    from dashboard import data

    item_id, label = _earned_mention()
    tone = "pos" if label != "pos" else "neg"
    writer = sqlite3.connect(busy_ws, isolation_level=None)
    try:
        writer.execute("BEGIN EXCLUSIVE")  # another process's write lock, held
        (message, markers, tones), (mark_message, marks) = _choose(item_id, tone, "todo")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    busy = "Inte sparat: databasen är upptagen (en annan koll-process skriver till den), "
    assert message.children.startswith(busy) and mark_message.children.startswith(busy)
    assert "försök igen" in message.children
    assert tones == label and marks == "none"  # the pickers show what is stored
    assert markers is no_update  # not "rättad"
    assert _written(busy_ws) == (0, 0)
    assert data.current_label(item_id, "Fjällkraft") == label
    # Once the other writer is done, the same choices are saved.
    (message, markers, tones), (mark_message, marks) = _choose(item_id, tone, "todo")
    assert message.startswith("Sparat") and mark_message.startswith("Sparat")
    assert markers == "rättad" and tones is no_update and marks is no_update
    assert _written(busy_ws) == (1, 1)


def test_a_choice_after_the_database_file_was_replaced_is_not_saved_and_says_so(busy_ws, tmp_path):
    # Since be3bb87 the store refuses a change to a file replaced under it (koll demo rebuilds
    # it) with a StoreError, which dashboard/data.py let through: HTTP 500 and nothing said.
    from dashboard import data
    from tests.browser.workspace import make_workspace

    item_id, label = _earned_mention()
    (tmp_path / "new").mkdir()
    make_workspace(tmp_path / "new")
    data.store().engine.dispose()  # its WAL checkpointed: the file alone is the database
    os.replace(tmp_path / "new" / "koll.db", busy_ws)
    tone = "pos" if label != "pos" else "neg"
    (message, _markers, _tones), (mark_message, _marks) = _choose(item_id, tone, "todo")
    assert message.children.startswith("Inte sparat: databasfilen har bytts ut sedan koll serve")
    assert mark_message.children == message.children
    assert _written(busy_ws) == (0, 0)


def test_a_choice_the_database_fails_on_otherwise_is_not_saved_and_logged(busy_ws, caplog):
    from dashboard import data

    item_id, label = _earned_mention()
    with data.store().begin() as conn:  # a table another version of koll knows by another name
        conn.exec_driver_sql("ALTER TABLE triage_marks RENAME TO triage_marks_old")
    _, (mark_message, marks) = _choose(item_id, "neu" if label != "neu" else "pos", "todo")
    assert mark_message.children.startswith("Inte sparat: databasen tog inte emot ändringen.")
    assert "serverloggen" in mark_message.children and marks == "none"
    assert "triage mark not saved" in caplog.text and "triage_marks" in caplog.text


def _render(client, page: str, params: dict, referrer: str = "http://127.0.0.1/") -> dict:
    """Dash's request for a page's body (skeleton's `{page}-params` store -> `{page}-body`)."""
    res = client.post(
        "/_dash-update-component",
        json={
            "output": f"{page}-body.children",
            "outputs": {"id": f"{page}-body", "property": "children"},
            "inputs": [
                {"id": f"{page}-params", "property": "data", "value": params},
                {"id": "data-version", "property": "data", "value": None},
            ],
            "changedPropIds": [f"{page}-params.data"],
            "state": [],
        },
        headers={"Referer": referrer},
    )
    assert res.status_code == 200, res.get_data(as_text=True)[:300]
    return res.get_json()


def test_a_failing_callback_says_so_in_the_page_and_logs_its_traceback(dashboard_ws, caplog):
    # A callback that failed (a table renamed) left its part of the page empty, with only an
    # HTTP 500 in the browser's console.
    from dashboard import data
    from dashboard.app import FAILED, create_app
    from dashboard.params import Params

    app = create_app(dashboard_ws)
    client = app.server.test_client()
    assert client.get("/compare").status_code == 200
    (banner,) = find(app.layout(), lambda c: getattr(c, "id", None) == "app-error")
    assert banner.hidden is True and banner.role == "alert"
    p = data.resolve(Params(brand="Fjällkraft")).as_dict()
    assert "compare-body" in _render(client, "compare", p)["response"]  # as it was, it works
    with data.store().begin() as conn:
        conn.exec_driver_sql("ALTER TABLE mentions RENAME TO mentions_old")
    answer = _render(client, "compare", p)
    assert answer["sideUpdate"] == {"app-error": {"children": FAILED[0], "hidden": False}}
    assert "compare-body" not in answer.get("response", {})  # left as it was
    shown = json.dumps(answer, ensure_ascii=False)
    assert "Traceback" not in shown and "mentions" not in shown and "sqlite" not in shown
    assert "dashboard callback for compare-body.children failed" in caplog.text
    assert "Traceback" in caplog.text and "no such table: mentions" in caplog.text
    english = _render(client, "compare", p, referrer="http://127.0.0.1/compare?ui=en")
    assert english["sideUpdate"]["app-error"]["children"] == FAILED[1]


def _sync(settings, trigger: str, search: str, since, until):
    """The filter bar's callback (app._sync_filters) as Dash calls it when `trigger` changed."""
    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    from dashboard.app import _sync_filters

    context_value.set(AttributeDict(triggered_inputs=[{"prop_id": trigger, "value": since}]))
    return _sync_filters(settings)(search, "Fjällkraft", since, until, "all", "sv")


def test_a_half_chosen_period_is_not_written_to_the_url(dashboard_ws):
    # Picking 22 Nov, then 28 Nov, pushed ?since=2026-11-22 (no until) into the browser's
    # history between the clicks: Back returned to a period nobody chose.
    from dash.exceptions import PreventUpdate

    search = "?brand=Fj%C3%A4llkraft&since=2026-11-01&until=2026-11-10"
    for since, until in (("2026-11-22", None), (None, "2026-11-28")):
        with pytest.raises(PreventUpdate):
            _sync(dashboard_ws, "f-period.start_date", search, since, until)
    out = _sync(dashboard_ws, "f-period.end_date", search, "2026-11-22", "2026-11-28")
    assert out[0] == "?brand=Fj%C3%A4llkraft&since=2026-11-22&until=2026-11-28"


def test_a_filter_value_is_taken_as_the_page_names_it_in_either_language():
    from dashboard.params import Params, unknown_values

    query = {"kind": "Kommentarer,sociala medier", "tone": "negativ,Positive", "mlang": "svenska",
             "triage": "behöver åtgärd,handled"}  # fmt: skip
    p = Params.from_query(query)
    assert (p.kinds, p.tones, p.mlangs, p.triage) == (
        ("comments", "social"), ("neg", "pos"), ("sv",), ("todo", "handled"),
    )  # fmt: skip
    assert unknown_values(query) == []
    assert p.query() == "?kind=comments%2Csocial&tone=neg%2Cpos&mlang=sv&triage=todo%2Chandled"


def test_a_bad_filter_value_is_noted_on_the_mentions_page_only_in_swedish(dashboard_ws):
    # /?kind=kommentarer said "(giltiga: blog, news, comments, forum, press, social)" on the
    # overview, where the filter does not apply; /mentions?kind=… is where it does.
    import dash
    from dash._pages import _parse_query_string

    from dashboard.app import create_app

    create_app(dashboard_ws)
    pages = {p["path"]: p["layout"] for p in dash.page_registry.values()}
    query = _parse_query_string("?kind=video&tone=arg&triage=kanske")
    notes = texts(pages["/mentions"](**query))[:3]
    assert notes == [
        "Okänt värde för typ i adressen: video (giltiga: blogg, nyheter, kommentarer, forum, "
        "press, sociala medier); det används inte i urvalet.",
        "Okänt värde för ton i adressen: arg (giltiga: Positiv, Neutral, Negativ, Ej bedömd); "
        "det används inte i urvalet.",
        "Okänt värde för åtgärd i adressen: kanske (giltiga: behöver åtgärd, hanterad, "
        "omarkerad); det används inte i urvalet.",
    ], notes
    english = texts(pages["/mentions"](**query, ui="en"))[0]
    assert english.endswith("(valid: blog, news, comments, forum, press, social); it is not used.")
    for path in ("/", "/compare", "/sources"):
        assert not any("Okänt värde" in x for x in texts(pages[path](**query))), path


def test_the_mentions_filters_rendering_from_the_url_do_not_rewrite_it(dashboard_ws):
    # /mentions?kind=kommentarer was rewritten to /mentions when the page's filters rendered
    # (kind was left out of the URL, and with it the note that said so).
    from dash.exceptions import PreventUpdate

    from dashboard.pages import mentions

    for search in ("?kind=video", "?src=okand.example.se", "?kind=kommentarer&tone=xx"):
        p = data.resolve(Params.from_search(search))
        shown = (p.q, list(p.sources), list(p.kinds), list(p.tones), list(p.triage),
                 list(p.mlangs), p.sort)  # fmt: skip
        with pytest.raises(PreventUpdate):
            mentions.filters_to_url(*shown, search)
    # A filter chosen writes the URL, without what it left out, from the first page, with the
    # brand and period shown: a link without them followed the default period, which moves
    # with every ingest (QA, 2026-12-07).
    out = mentions.filters_to_url("", [], ["forum"], [], [], [], "new", "?kind=video&page=3")
    shown = data.resolve(Params.from_search("?kind=video&page=3"))
    assert shown.brand and shown.since and shown.until
    assert (
        out
        == Params(brand=shown.brand, since=shown.since, until=shown.until, kinds=("forum",)).query()
    )


def test_a_change_the_store_gives_up_on_is_not_taken_for_a_replaced_file(busy_ws, monkeypatch):
    # koll.store.sentiment_store.set_mention raises a StoreError of its own ('… kept being made
    # anew while it was marked …; nothing saved, try again'): not the replaced file's sentence.
    from koll.store import StoreError

    def gives_up(*_a, **_kw):
        raise StoreError("the mention kept being made anew while it was marked; try again")

    monkeypatch.setattr("dashboard.data.add_correction", gives_up)
    item_id, label = _earned_mention()
    (message, _marker, tones), _ = _choose(item_id, "pos" if label != "pos" else "neg", "todo")
    assert message.children.startswith("Inte sparat: databasen tog inte emot ändringen.")
    assert tones == label


def test_a_new_brand_period_or_voice_starts_on_the_first_page(dashboard_ws):
    """Page 11 of one brand was kept for the next (QA, 2026-12-07): shown as its last page, 5,
    from which "‹ Föregående" went to 10, still past the end."""
    search = "?brand=Fj%C3%A4llkraft&since=2026-11-01&until=2026-11-10&page=11"
    for trigger in ("f-brand.value", "f-period.end_date", "f-owned.value"):
        out = _sync(dashboard_ws, trigger, search, "2026-11-02", "2026-11-10")
        assert "page=" not in out[0], (trigger, out[0])
    # Another language is the same mentions: their page is kept.
    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    from dashboard.app import _sync_filters

    context_value.set(AttributeDict(triggered_inputs=[{"prop_id": "f-ui.value", "value": "en"}]))
    out = _sync_filters(dashboard_ws)(search, "Fjällkraft", "2026-11-01", "2026-11-10", "all", "en")
    assert "page=11" in out[0]


def test_previous_counts_from_the_page_shown_not_the_bookmarked_one(dashboard_ws):
    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    from dashboard.pages.mentions import page_to_url
    from dashboard.params import Params

    search = "?brand=Fj%C3%A4llkraft&page=11"  # past the end: page 5 (index 4) is shown
    context_value.set(AttributeDict(triggered_inputs=[{"prop_id": "m-prev.n_clicks", "value": 1}]))
    assert Params.from_search(page_to_url(1, 0, search, 4)).page == 3
    assert Params.from_search(page_to_url(1, 0, search, None)).page == 9  # none known: the URL's
    context_value.set(AttributeDict(triggered_inputs=[{"prop_id": "m-next.n_clicks", "value": 1}]))
    assert Params.from_search(page_to_url(0, 1, "?page=3", 2)).page == 3
