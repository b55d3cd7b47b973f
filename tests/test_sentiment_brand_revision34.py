"""Rules revision 34 (analysis/sentiment_pair.py): in a post of fifteen words or more the pair
model, fitted on 141 probes, reads the brands the rules' own constructions read (a switch, a
comparative's side) and overrules them 0.7 sure (0.72 since revision 36); in a shorter one they
stand. Sentences of the shapes the probes that chose it hold (docs/sentiment_brand.md, "Rules
revision 34"); each test fails with revision 33's limits, where the constructions stood in any
text."""

from __future__ import annotations

import pytest

from analysis import sentiment_pair as pair
from tests.test_sentiment_brand import _shipped_model, both, rules_only, tone  # noqa: F401


def test_a_switch_told_with_irony_at_oneself_is_no_complaint_of_the_party_joined(monkeypatch):
    # The 🙃 is at the writer's own years of paying too much: the rules read it as a complaint
    # of the sentence before, the model as the switch it is.
    text = (
        "bytte från Nordvind till Fjällkraft förra veckan, samma täckning typ halva priset. "
        "varför betalade jag så länge 🙃"
    )
    assert len(text.split()) >= pair.RULES_STAND_WORDS
    assert both(text, "Fjällkraft", "Nordvind") == ("pos", "neg")
    rules_only(monkeypatch)
    assert tone(text, "Fjällkraft", "Nordvind") == "neg"


def test_a_switch_for_a_practical_reason_asked_about_is_no_choice(monkeypatch):
    text = (
        "Är kund hos Nordvind nu men ska byta till Fjällkraft efter flytten eftersom vi hamnar "
        "i deras nät. Nån som vet om man kan ta med sig avtalet?"
    )
    assert both(text, "Fjällkraft", "Nordvind") == ("neu", "neu")
    rules_only(monkeypatch)
    assert tone(text, "Fjällkraft", "Nordvind") == "pos"


def test_a_price_told_as_a_tip_is_no_complaint_of_the_dearer(monkeypatch):
    text = "Bor i Umeå och Fjällkraft har lägre elpris än Nordvind just nu om nån undrar"
    assert len(text.split()) == pair.RULES_STAND_WORDS
    assert tone(text, "Nordvind", "Fjällkraft") == "neu"
    rules_only(monkeypatch)
    assert tone(text, "Nordvind", "Fjällkraft") == "neg"


@pytest.mark.parametrize("words", [pair.RULES_STAND_WORDS - 1, pair.RULES_STAND_WORDS])
def test_a_construction_stands_in_a_text_under_fifteen_words(words):
    # The same tip one word shorter is one of the clear sentences the rules were written from.
    text = "Bor i Umeå och Fjällkraft har lägre elpris än Nordvind just nu om nån undrar"
    text = " ".join(text.split()[:words])
    assert tone(text, "Nordvind", "Fjällkraft") == ("neg" if words < 15 else "neu")
