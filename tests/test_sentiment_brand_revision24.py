"""Rules revision 24 (analysis/sentiment_brand.py …): one test per rule, on sentences of the
shapes fresh two-brand probes (2026-12-05) and the demo's "Mest negativa" showed misread, and the
sentences each must leave alone."""

from __future__ import annotations

from tests.test_sentiment_brand import _shipped_model, tone  # noqa: F401


def test_a_cost_weighed_against_a_worse_one_after_a_choice_is_no_verdict():
    # The demo's "Byter till Nordvind idag. Hellre dålig kundtjänst än att bli blåst." was
    # -0.36 for the party chosen: the model reads the second sentence as -0.997.
    text = "Bytte till Tele2 igår. Hellre sämre täckning än att bli blåst varje månad."
    assert tone(text, "Tele2") == "pos"
    text = "Går över till Hallon. Hellre lite långsammare surf än dubbla priset."
    assert tone(text, "Hallon") == "pos"
    # A threat to leave after a complaint stays the complaint's.
    assert tone("Telia har höjt igen. Hellre byter jag än betalar det.", "Telia") == "neg"
