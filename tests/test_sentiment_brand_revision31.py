"""Rules revision 31 (analysis/sentiment_facts.py, sentiment_brand.py): a rise denied is good news
told as a plain fact, and the rules' reading of it stands. Sentences of the shapes the demo's
"Mest negativa" and the probes showed, and the ones the rule must leave alone; the first test
fails on revision 30."""

from __future__ import annotations

from analysis.sentiment_facts import rise
from tests.test_sentiment_brand import _shipped_model, both, tone  # noqa: F401


def test_a_rise_denied_is_good_news_for_the_party_not_raising():
    # The demo's press note, in "Mest negativa" for Nordvind at -0.64: the pair model read
    # "höjer" and "avgifter" as a complaint.
    text = (
        "Nordvind meddelar att bolaget inte höjer sina avgifter i vinter. Beskedet kom samma dag "
        "som konkurrenten Fjällkraft höjde sin månadsavgift."
    )
    assert tone(text, "Nordvind", "Fjällkraft") == "pos"
    text = "Telenor höjer priset från mars. Hallon höjer inte, sa kundtjänsten när jag ringde."
    assert both(text, "Hallon", "Telenor") == ("pos", "neg")
    text = "Comviq höjer igen med 20 kr i månaden. Vimla har inte höjt sedan jag gick med 2021."
    assert both(text, "Vimla", "Comviq") == ("pos", "neg")


def test_what_is_no_rise_denied():
    def telia(s: str) -> bool:
        return "Telia" in s

    assert rise("Telia höjer inte i vinter", telia) == 1
    assert rise("Telia har inte höjt på tre år", telia) == 1
    assert rise("Telia: Vi höjer inte", telia) == 1  # its own "vi" is no other party
    assert rise("Telia: Vi höjer med 30 kr", telia) == -1
    # A rise and more, a question, pay not raised, a promise broken, another party's rise.
    assert rise("Telia höjer inte bara priset utan tar bort rabatten", telia) == 0
    assert rise("Varför höjer inte Telia priset för nya kunder?", telia) == 0
    assert rise("Telia höjer inte lönerna i år", telia) == 0
    assert rise("Telia lovade att inte höja men gjorde det ändå", telia) == 0
    assert rise("Telia sa att Tele2 inte höjer", telia) == 0
    assert rise("Telia inte ensamma om att höja", telia) == -1  # a rise still (a headline)
    assert rise("Telia var inte först att höja", telia) == -1
    assert rise("Telia var inte först att höja lönerna", telia) == 0  # pay, as any rise of it
    text = "Telia höjer inte bara priset utan tar bort rabatten också, Tele2 är inte bättre"
    assert tone(text, "Telia", "Tele2") == "neg"
