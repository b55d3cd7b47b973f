"""Rules revision 33 (analysis/sentiment_pair_words.py): both pair models fitted on 125 probes,
and the words model leaves out n-grams of how long something lasted, as it leaves out those of
where a name stands. Fitted on 125 probes with them, "t:12 år" and "t:3 år" (years with a brand
read as contentment) made "Har haft Telia i 10 år och Tele2 i 2 år." positive for Telia."""

from __future__ import annotations

from analysis import sentiment_pair as pair
from analysis import sentiment_pair_words as words
from tests.test_sentiment_brand import both, tone


def test_how_long_alone_is_no_verdict():
    g = words.grams("har haft tgt i 12 år.\noth i 3 år.")
    assert not {"12 år", "i 12 år", "år", "t:12 år", "t:år", "o:3 år", "år oth i"} & g.keys()
    # With a word of its own a time is kept: a delay is said by its verb.
    g = words.grams("tgt tog 3 veckor på sig\noth svarade på 2 dagar")
    assert g["tog 3 veckor"] == 1 and g["o:svarade"] == 1 and "3 veckor" not in g


def test_years_as_a_customer_are_no_praise_of_either(monkeypatch):
    assert tone("Har haft Telia i 10 år och Tele2 i 2 år.", "Telia", "Tele2") == "neu"
    assert both("Har haft Telia i 12 år. Tre i 3 år.", "Telia", "Tre") == ("neu", "neu")
    # Not by a gate: the pair model, let overrule anything, reads them neutral too.
    monkeypatch.setattr(pair, "OVERRULE_MIN", 0.0)
    monkeypatch.setattr(pair, "RULED_OVERRULE_MIN", 0.0)
    assert both("Har haft Telia i 12 år. Tre i 3 år.", "Telia", "Tre") == ("neu", "neu")


def test_a_delay_told_in_days_still_counts():
    text = "Var hos Specsavers för nya glas, 2 veckors leverans. Synsam fixade samma sak på 4 dagar"
    assert both(text, "Specsavers", "Synsam") == ("neg", "pos")
    text = "Postnord tog 9 dagar på sig, DHL kom nästa morgon. Aldrig mer Postnord."
    assert both(text, "Postnord", "DHL") == ("neg", "pos")
