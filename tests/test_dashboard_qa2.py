"""Dashboard defects from a second QA pass in headless Chromium, each pinned by a test of the
page, callback or data function (the browser-only parts in tests/browser/test_qa2_browser.py)."""

from __future__ import annotations

import pandas as pd

from dashboard.components import excerpt
from dashboard.mention_rows import mention_row
from tests.test_dashboard import find

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
