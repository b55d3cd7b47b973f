"""An alert's size when next to nothing was expected says it is new, without a ratio. QA: a term
in 40 mentions against 0 read "(väntat 0,0): ungefär 80 gånger så många" (the ratio over the
0.5 floor of the expectation)."""

from __future__ import annotations

import pytest

from analysis.alert_text import reason, size


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
    assert (
        text == "5 omnämnanden mot normalt 0,0 per dag de 28 dagarna innan: nytt, inga var väntade."
    )


@pytest.mark.parametrize(
    ("expected", "words"), [(2.0, "ungefär 20 gånger så många"), (25.0, "60\xa0% fler")]
)
def test_a_real_expectation_keeps_its_ratio(expected, words):
    text = size(_term(expected))
    assert f"(väntat {expected:.1f}".replace(".", ",") in text and words in text
