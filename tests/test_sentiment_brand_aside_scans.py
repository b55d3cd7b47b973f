"""The aside rules (analysis/sentiment_aside.py) look at the whole sentence a bounded number of
times, however many places in it could name the brand aside: each such place had scanned the
sentence again ("via Telia " 4,000 times: 16 s; "Köpte på Elgiganten i " and "Telia i " 5,000
times: 27 s; a review)."""

from __future__ import annotations

import pytest

from analysis.sentiment_aside import _means, _place_of_other
from tests.test_sentiment_brand import _finder, _shipped_model  # noqa: F401 (an autouse fixture)


def _counting(name: str):
    """A brand finder that counts the calls given more than 1,000 characters."""
    found = _finder(name)
    calls = [0]

    def mentions(text: str) -> bool:
        calls[0] += len(text) > 1000
        return found(text)

    return mentions, calls


@pytest.mark.parametrize("times", [200, 500])
def test_the_services_named_aside_scan_the_sentence_at_most_once(times):
    mentions, calls = _counting("Telia")
    assert not _means("via Telia " * times + "från Elgiganten", "", mentions, _finder("Elgiganten"))
    assert calls[0] <= 1


@pytest.mark.parametrize("times", [200, 500])
def test_a_place_named_after_another_party_is_looked_for_once(times):
    mentions, calls = _counting("Telia")
    text = "Köpte på Elgiganten i " + "Telia i " * times
    assert not _place_of_other(text, mentions, _finder("Elgiganten"))
    assert calls[0] <= 1
    # And it is still found where it is named once.
    assert _place_of_other(
        "Köpte en tv på Elgiganten i Telia Center", _finder("Telia Center"), _finder("Elgiganten")
    )
