""" "Mest negativa" and "Mest positiva" list the mentions of that tone first, then the others by
tone (koll/store/mention_pages.py): the page marks where the tone's mentions end, on the page
where they do, so neutral and positive posts do not read as negative ones."""

from __future__ import annotations

import pytest

from dashboard import data
from dashboard.pages import mentions
from dashboard.params import Params
from koll.store import mention_pages
from tests.test_dashboard import find


@pytest.fixture
def ws(dashboard_ws):
    return dashboard_ws


def _rows(component) -> list:
    """The table's rows in order: a label for each mention, 'END' for the divider."""
    out = []
    for tr in find(
        component, lambda c: getattr(c, "className", None) in ("mention-row", "divider-row")
    ):
        out.append("END" if tr.className == "divider-row" else tr)
    return out


def _labels(p: Params, page: int) -> list[str]:
    rows, _ = data.mention_page(p, page, mentions.PER_PAGE)
    return [str(x) for x in rows["label"]]


@pytest.mark.parametrize("sort", ["neg", "pos"])
def test_the_divider_stands_where_the_tone_ends_on_that_page_only(ws, sort):
    p = data.resolve(Params(brand="Fjällkraft", sort=sort))
    first = data.tone_first_count(p)
    total = data.count(p)
    assert first is not None and 0 < first < total, (first, total)
    pages = -(-total // mentions.PER_PAGE)
    shown = []
    for page in range(pages):
        children, _, _ = mentions.table(p, page)
        rows = _rows(children)
        labels = _labels(p, page)
        if "END" in rows:
            at = rows.index("END")
            shown.append(page * mentions.PER_PAGE + at)
            # The order contract: that tone before the divider, none after it.
            assert set(labels[:at]) == {sort} and sort not in labels[at:], labels
            words = "negativa" if sort == "neg" else "positiva"
            divider = find(children, lambda c: getattr(c, "id", None) == "m-tone-end")[0]
            assert divider.children.children == (
                f"Inga fler {words} omnämnanden – därefter övriga efter ton"
            )
    assert shown == [first]


def test_no_divider_for_other_orders_or_a_single_tone(ws):
    for kw in ({"sort": "new"}, {"sort": "neg", "tones": ("neg",)}):
        p = data.resolve(Params(brand="Fjällkraft", **kw))
        assert data.tone_first_count(p) is None
        assert "END" not in _rows(mentions.table(p, 0)[0])
    # No mention of that tone in the selection: said at the top of the first page.
    p = data.resolve(Params(brand="Fjällkraft", sort="neg", tones=("pos",)))
    assert data.tone_first_count(p) == 0
    children = mentions.table(p, 0)[0]
    assert _rows(children)[0] == "END"
    divider = find(children, lambda c: getattr(c, "id", None) == "m-tone-end")[0]
    assert divider.children.children == "Inga negativa omnämnanden i urvalet – övriga efter ton"


def test_the_count_is_the_filters_mentions_of_that_tone(ws):
    with data.store().connect() as conn:
        f = data.mention_filter(data.resolve(Params(brand="Nordvind")))
        negs = mention_pages.mention_count(conn, f.replace(labels=("neg",)))
        assert mention_pages.tone_first_count(conn, f, "neg") == negs
        assert mention_pages.tone_first_count(conn, f, "new") is None
