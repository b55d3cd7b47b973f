"""Dashboard defects from a second QA pass in headless Chromium, each pinned by a test of the
page, callback or data function (the browser-only parts in tests/browser/test_qa2_browser.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.components import excerpt
from dashboard.mention_rows import mention_row
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
