"""An alert's size when next to nothing was expected says it is new, without a ratio. QA: a term
in 40 mentions against 0 read "(väntat 0,0): ungefär 80 gånger så många" (the ratio over the
0.5 floor of the expectation)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from analysis.alert_text import reason, size
from analysis.alerts import spikes


def _term(expected: float, current: int = 40, baseline: int = 0) -> dict:
    size = {"current": current, "baseline": baseline, "expected": expected, "days": 14}
    return {"kind": "term", "brand": "Fjällkraft", "subject": "avbrott", "details": {"size": size}}


def test_a_term_nothing_was_expected_of_is_new_not_80_times():
    text = size(_term(0.0))
    assert text == "”avbrott” i 40 omnämnanden mot 0 de 14 dagarna innan: nytt, inga var väntade."
    assert "gånger" not in text and "0,0" not in text
    assert reason(_term(0.01)).startswith("Ordet ”avbrott” ökar: ”avbrott” i 40 omnämnanden")
    assert size(_term(0.0), "en") == (
        "“avbrott” in 40 mentions against 0 in the previous 14 days: new, none were expected."
    )


def test_a_volume_alert_from_no_usual_mentions():
    s = {"mentions": 5, "usual": 0.0, "expected": 0.0, "days": 28}
    text = size({"kind": "volume", "brand": "F", "details": {"size": s}})
    assert text == "5 omnämnanden; inga de 28 dagarna innan."


def test_a_volume_alert_after_days_without_mentions_says_there_were_none():
    """QA: "6 omnämnanden mot normalt 0,0 per dag de 14 dagarna innan: ungefär 12 gånger så
    många" (12 times the 0.5 floor, not the 0 it named); with the floor named it still said
    "normalt 0,0" and a ratio. The days before had no mentions: it says so, with no ratio."""
    d0 = date(2026, 10, 1)
    df = pd.DataFrame(
        {
            "day": [(d0 + timedelta(days=i)).isoformat() for i in range(15)],
            "mentions": [0] * 14 + [6],
            "earned": [0] * 14 + [6],
            "negative": [0] * 15,
        }
    )
    (alert,) = spikes("Fjällkraft", df, ["2026-10-15"])
    assert alert["kind"] == "volume" and alert["baseline"] == 0.5  # the test's floor is kept
    assert alert["reason"] == "Ovanligt många omnämnanden: 6 omnämnanden; inga de 14 dagarna innan."
    assert size(alert, "en") == "6 mentions; none in the previous 14 days."
    for words in ("normalt", "0,0", "gånger", "räknat som"):
        assert words not in alert["reason"]


@pytest.mark.parametrize(
    ("expected", "words"), [(2.0, "ungefär 20 gånger så många"), (25.0, "60\xa0% fler")]
)
def test_a_real_expectation_keeps_its_ratio(expected, words):
    text = size(_term(expected))
    assert f"(väntat {expected:.1f}".replace(".", ",") in text and words in text


@pytest.mark.parametrize(
    ("ratio", "lang", "words"),
    [
        (3.5, "sv", "ungefär 3,5 gånger så många"),  # said "ungefär 4" (QA, 2026-12-07)
        (2.5, "sv", "ungefär 2,5 gånger så många"),  # said "ungefär 2": rounded to even
        (4.0, "sv", "ungefär 4 gånger så många"),
        (12.4, "sv", "ungefär 12 gånger så många"),
        (3.5, "en", "about 3.5 times as many"),
    ],
)
def test_a_ratio_under_ten_is_said_to_a_tenth(ratio, lang, words):
    from analysis.alert_text import _times

    assert _times(ratio, lang) == words
