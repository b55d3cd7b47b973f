"""What the dashboard makes of a hand-edited address: a parameter given twice, and filter values
it does not know; it says in Swedish what it shows instead, never in Python's words."""

from __future__ import annotations

import pytest
from dash._pages import _parse_query_string

from dashboard import data
from dashboard.params import Params
from tests.test_dashboard import texts


@pytest.fixture
def ws(dashboard_ws):
    return dashboard_ws


def _page(ws, search: str, path: str = "/") -> list[str]:
    """The texts of the page at `path` + `search`, its query parsed as Dash parses it."""
    import dash

    from dashboard.app import create_app

    create_app(ws)
    layout = next(p["layout"] for p in dash.page_registry.values() if p["path"] == path)
    return texts(layout(**_parse_query_string(search)))


def test_a_day_given_twice_takes_the_first_and_says_so(ws):
    # /?since=2026-11-01&since=2026-11-05 said: Ogiltigt startdatum ”['2026-11-01', '2026-11-05']”.
    shown = _page(ws, "?since=2026-11-01&since=2026-11-05&until=2026-11-20")
    assert shown[0] == (
        "Adressen anger flera värden för startdatum (2026-11-01, 2026-11-05); använder det "
        "första, 2026-11-01."
    ), shown[:3]
    assert not any("[" in x or "Ogiltigt" in x for x in shown[:3]), shown[:3]
    p = Params.from_query(_parse_query_string("?since=2026-11-01&since=2026-11-05"))
    assert p.since == "2026-11-01"
    # The first given twice is not a repetition to speak of.
    assert not any("flera värden" in x for x in _page(ws, "?since=2026-11-01&since=2026-11-01"))


def test_a_brand_given_twice_takes_the_first_and_says_so(ws):
    # /?brand=Fjällkraft&brand=Nordvind silently showed Fjällkraft.
    shown = _page(ws, "?brand=Nordvind&brand=Fjällkraft")
    assert shown[0] == (
        "Adressen anger flera värden för varumärke (Nordvind, Fjällkraft); använder det första, "
        "Nordvind."
    ), shown[:3]
    assert (
        data.resolve(Params.from_query({"brand": ["Nordvind", "Fjällkraft"]})).brand == "Nordvind"
    )
    # An unknown first brand is named as such, in words, not as a list.
    shown = _page(ws, "?brand=Okänd&brand=Nordvind")
    assert "Okänt varumärke ”Okänd”; visar Fjällkraft." in shown[:3], shown[:3]
    assert not any("[" in x for x in shown[:3]), shown[:3]


def _dropdown(ws, search: str, dropdown_id: str):
    from dashboard.pages import mentions
    from tests.test_dashboard import find

    layout = mentions.layout(**_parse_query_string(search))
    (dropdown,) = find(layout, lambda c: getattr(c, "id", None) == dropdown_id)
    return dropdown


def test_unknown_filter_values_are_dropped_and_named(ws):
    # /mentions?kind=video showed "Typer: video" and 0 mentions as if chosen; src= and mlang=
    # likewise. The valid values are named as the page names them (they were the URL's
    # English identifiers), and a value written so is taken (kind=kommentarer had been refused
    # while the note listed "comments").
    search = "?kind=video,forum,kommentarer&src=okand.example.se,forum.example.se&mlang=xx"
    shown = _page(ws, search, "/mentions")
    assert shown[:3] == [
        "Okänt värde för källa i adressen: okand.example.se; det används inte i urvalet.",
        "Okänt värde för typ i adressen: video (giltiga: blogg, nyheter, kommentarer, forum, "
        "press, sociala medier); det används inte i urvalet.",
        "Okänt värde för språk i adressen: xx (giltiga: svenska, engelska, norska, danska, "
        "tyska, finska, franska, spanska, nl, pt, it, okänt, norska (bokmål), nynorska, none); "
        "det används inte i urvalet.",
    ], shown[:4]
    assert _dropdown(ws, search, "m-kind").value == ["forum", "comments"]
    assert _dropdown(ws, search, "m-src").value == ["forum.example.se"]
    assert _dropdown(ws, search, "m-lang").value == []
    p = data.resolve(Params.from_query(_parse_query_string(search)))
    assert (p.kinds, p.sources, p.mlangs) == (("forum", "comments"), ("forum.example.se",), ())
    assert data.count(p) > 0
    # Known values (a source of the brand on another day than the period's too) say nothing.
    fine = "?kind=forum&src=blogg.fjallkraft.se&mlang=sv&since=2026-11-19&until=2026-11-19"
    assert not any("Okän" in x for x in _page(ws, fine, "/mentions"))
    # A source of another brand only is unknown for this one.
    assert data.unknown_sources("Nordvind", "blogg.fjallkraft.se") == ["blogg.fjallkraft.se"]


def test_an_unknown_voice_or_order_in_the_url_is_named(ws):
    # ?owned=qq and ?sort=xyz fell back to "Alla" and "Nyast först" without a word, where an
    # unknown tone was named (QA in headless Chromium, 2026-12-07).
    shown = _page(ws, "?owned=qq&sort=xyz", "/mentions")
    assert shown[:2] == [
        "Okänt värde för Vems röst i adressen: qq (giltiga: Alla, Egna kanaler, Andras röster); "
        "det används inte i urvalet.",
        "Okänt värde för sortering i adressen: xyz (giltiga: Nyast först, Äldst först, Källa A–Ö, "
        "Mest negativa, Mest positiva); det används inte i urvalet.",
    ], shown[:3]
    # The order is the mentions' list's own: another page names only the voice.
    overview = _page(ws, "?owned=qq&sort=xyz", "/")
    assert any("Vems röst" in x for x in overview)
    assert not any("sortering" in x for x in overview)
    assert not any("Okän" in x for x in _page(ws, "?owned=earned&sort=neg", "/mentions"))


def _routed_title(client, path: str, search: str) -> str:
    """The tab title Dash's page router sets (document.title) for `path` + `search`."""
    res = client.post(
        "/_dash-update-component",
        json={
            "output": ".._pages_content.children..._pages_store.data..",
            "outputs": [
                {"id": "_pages_content", "property": "children"},
                {"id": "_pages_store", "property": "data"},
            ],
            "inputs": [
                {"id": "_pages_location", "property": "pathname", "value": path},
                {"id": "_pages_location", "property": "search", "value": search},
            ],
            "changedPropIds": ["_pages_location.search"],
            "state": [],
        },
    )
    assert res.status_code == 200, res.get_data(as_text=True)[:300]
    return res.get_json()["response"]["_pages_store"]["data"]["title"]


def test_the_tab_title_follows_the_ui_language(ws):
    # /?ui=en kept document.title "koll – Översikt": pages were registered with Swedish titles.
    from dashboard.app import create_app

    client = create_app(ws).server.test_client()
    assert client.get("/?ui=en").status_code == 200  # the first request installs the router
    assert _routed_title(client, "/", "?ui=en") == "koll – Overview"
    assert _routed_title(client, "/compare", "?brand=Nordvind&ui=en") == "koll – Compare"
    assert _routed_title(client, "/", "") == "koll – Översikt"
    assert _routed_title(client, "/nowhere", "?ui=en") == "koll – Page not found"
    # The page's own HTML names it too (its og:title), from the address's query.
    assert 'content="koll – Overview"' in client.get("/?ui=en").get_data(as_text=True)


def test_a_subreddit_source_in_the_url_is_kept():
    # `src=reddit.com/r/sweden` was dropped silently: the URL's token rule refused "/", and the
    # notice for unknown values saw only what was left (review).
    from dashboard.params import Params

    p = Params.from_query({"src": "reddit.com/r/sweden,svd.se"})
    assert p.sources == ("reddit.com/r/sweden", "svd.se")
