"""Rules revision 32 (analysis/sentiment_pair_words.py, sentiment_aside.py): the words model
leaves out n-grams of where a name stands, and a party said to gain from another's doing is
named aside. The pair models are fitted on 109 probes; the sentences here are those a fit on
more probes had read wrongly and surely, and the gain fails on revision 31's rules with the
model let overrule anything."""

from __future__ import annotations

from analysis import sentiment_pair as pair
from analysis import sentiment_pair_words as words
from analysis.sentiment_aside import _gains
from tests.test_sentiment_brand import _finder, _shipped_model, both, tone  # noqa: F401


def test_gaining_from_another_partys_doing_is_no_praise(monkeypatch):
    text = "Telia vinner på att Tele2 höjer priset."
    assert both(text, "Telia", "Tele2") == ("neu", "neg")
    # The rules' reading stands (structural): the pair model, fitted on 109 probes, reads "tgt
    # vinner" as praise (0.87), as the probes' "Circle K är ok men Preem vinner" is.
    monkeypatch.setattr(pair, "OVERRULE_MIN", 0.0)
    monkeypatch.setattr(pair, "RULED_OVERRULE_MIN", 0.0)
    assert tone(text, "Telia", "Tele2") == "neu"


def test_what_is_no_gain():
    telia, tele2 = _finder("Telia"), _finder("Tele2")
    assert _gains("Telia vinner på att Tele2 höjer priset", telia, tele2)
    assert _gains("Telia vinner nog stort på det, Tele2 har höjt igen", telia, tele2)
    # Winning at something is praise; another party gaining; no other party's doing named.
    assert not _gains("Telia vinner på nätet, Tele2 på priset", telia, tele2)
    assert not _gains("Tele2 vinner på att Telia höjer priset", telia, tele2)
    assert not _gains("Telia vinner på att priserna stiger", telia, tele2)
    assert not _gains("Telia vinner på att Telia höjer priset", telia, tele2)


def test_a_place_or_a_source_beside_the_brand_gives_the_words_model_no_verdict():
    # Fitted on eighty-nine probes with these n-grams, "tgt i" and "på tgt" read the shop's
    # broken coffee maker as praise of the shop (0.55), and the pair model followed it.
    text = (
        "köpte en kaffebryggare på Elgiganten i Mall of Scandinavia, den gick sönder efter en vecka"
    )
    assert both(text, "Mall of Scandinavia", "Elgiganten") == ("neu", "neg")
    masked = "köpte en kaffebryggare på tgt i oth, den gick sönder efter en vecka"
    assert not {"på tgt", "tgt i", "på tgt i", "b:på tgt", "b:tgt i"} & words.grams(masked).keys()
    text = "Enligt Aftonbladet har Northvolt varslat 1000 personer till. Så jävla tragiskt"
    assert both(text, "Aftonbladet", "Northvolt") == ("neu", "neg")
