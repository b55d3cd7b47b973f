"""Rising terms' ratio is what docs/api.md and analysis/trends.py say: current / max(expected, 0.5)."""

from __future__ import annotations

import pytest

from analysis.text import stem
from analysis.trends import RATIO_FLOOR, day_counts, rising
from tests.conftest import REPO


def test_ratio_is_current_over_expected_floored_at_half_a_mention_as_documented():
    # QA: current 43, baseline 0, expected 0.0 had ratio 86.0, "apparently smoothed" and nowhere
    # said how; it is the floor of the expected count, nothing else.
    out = rising({"ny": 43, "pris": 6, "el": 30}, {"ny": 0, "pris": 1, "el": 10}, 100, 1000)
    assert set(out["key"]) == {"ny", "pris", "el"}
    for r in out.itertuples():
        assert r.expected == pytest.approx(r.baseline * 100 / 1000)
        assert r.ratio == pytest.approx(r.current / max(r.expected, RATIO_FLOOR))
    rows = out.set_index("key")
    assert rows.loc["ny", "ratio"] == 86.0  # 43 / 0.5: a lower bound, the term is new
    assert rows.loc["pris", "ratio"] == 12.0  # expected 0.1, floored: a lower bound of 60
    assert rows.loc["el", "ratio"] == pytest.approx(30.0)  # expected 1.0: the measured rise
    api = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    section = api.split("### `ws.rising_terms(", 1)[1].split("\n### ", 1)[0]
    assert RATIO_FLOOR == 0.5 and "`current / max(expected, 0.5)`" in section
    assert "`baseline × mentions in the window / mentions in the baseline`" in section


def test_an_english_post_s_function_words_are_no_rising_term():
    """Six English posts about a brand made "have", "you", "will" and "from" term alerts (of the
    five a day), pushing its Swedish terms out; topics dropped them, day counts did not (QA,
    2026-12-07). The language comes with the text (analysis.topics.with_langs)."""
    import pandas as pd

    from analysis.topics import doc_texts

    docs = pd.DataFrame(
        {
            "title": ["Kustel", "Kustel"],
            "text": ["You will have news from Kustel about the winter deals",
                     "Kustel ändrar avtalet, och du kommer att se från vilken dag"],
            "lang": ["en", "sv"],
        }
    )  # fmt: skip
    counts, _ = day_counts(doc_texts(docs).tolist())
    for word in ("have", "you", "will", "from"):
        assert stem(word) not in counts, word
    assert stem("winter") in counts and stem("avtalet") in counts
