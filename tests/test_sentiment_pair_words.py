"""The pair model's words model (analysis/sentiment_pair_words.py, rules revision 28): the text
with the brand and the other parties masked, its n-grams plain and marked with whose sentence
they are in, the shipped file's probabilities, refusing a file fitted otherwise, and posts whose
brand it reads right where the pair model without it did not."""

from __future__ import annotations

import math

import pytest

from analysis import sentiment_pair_words as words
from tests.test_sentiment_brand import _finder, _shipped_model, tone  # noqa: F401


def _without_words(monkeypatch):
    # The pair model as if the words said nothing: a third for each label.
    monkeypatch.setattr(words, "probs", lambda text, fitted=None: (1 / 3, 1 / 3, 1 / 3))


def test_names_are_masked_one_word_each_a_sentence_a_line():
    text = "Bytte från Telia:s usla nät till Clas Ohlson. De är bäst! Hmm #Telia"
    got = words.masked(text, _finder("Clas Ohlson"), _finder("Telia"))
    assert got == "bytte från oth usla nät till tgt\nde är bäst!\nhmm oth"
    # The brand is the brand whoever else is named; a text naming neither is only lower-cased.
    got = words.masked("Fjällkraft och Nordvind", _finder("Nordvind"), _finder("Fjällkraft"))
    assert got == "oth och tgt"
    assert words.masked("Inget Namn Här", _finder("Nordvind"), _finder("Fjällkraft")) == (
        "inget namn här"
    )


def test_ngrams_are_plain_across_the_text_and_marked_by_whose_sentence():
    g = words.grams("tgt är bra\nde svarar\noth är dålig\nvädret är fint\ntgt och oth")
    # plain: up to three words, across sentences
    assert g["är"] == 3 and g["bra de svarar"] == 1 and "är bra de svarar" not in g
    # marked: one or two words, each sentence's scope
    assert g["t:tgt är"] == 1  # the brand's
    assert g["a:de svarar"] == 1  # the one after the brand's, naming none
    assert g["o:är dålig"] == 1  # the other party's
    assert g["n:vädret"] == 1  # naming none, not after the brand's
    assert g["b:tgt och"] == 1  # naming both
    assert not any(k.startswith(("t:", "a:", "o:", "n:", "b:")) and len(k.split()) > 2 for k in g)


def test_shipped_model_gives_probabilities_and_its_prior_for_unknown_words():
    p = words.probs("tgt är bäst\noth är sämst")
    assert sum(p) == pytest.approx(1.0) and all(0 < x < 1 for x in p)
    prior = [math.exp(b) for b in words._shipped()["intercept"]]
    assert words.probs("qqqx zzzy") == pytest.approx(tuple(x / sum(prior) for x in prior))


def test_a_file_fitted_for_other_ngrams_is_refused_by_name():
    good = words._shipped()
    words.checked(good)
    with pytest.raises(ValueError, match=r"brand_pair_words_sv\.json.*refit"):
        words.checked({**good, "ngrams": words.NGRAMS + 1})
    with pytest.raises(ValueError, match="refit"):
        words.checked({k: v for k, v in good.items() if k != "grams"})


def test_fit_keeps_ngrams_of_enough_texts_and_learns_their_side():
    texts = ["tgt är bra", "tgt är super", "tgt är fin", "oth är bra och tgt usel"] * 3
    texts += ["tgt är usel", "tgt är kass", "tgt är dålig", "tgt finns", "tgt fanns", "tgt sa"]
    labels = ["pos", "pos", "pos", "neg"] * 3 + ["neg", "neg", "neg", "neu", "neu", "neu"]
    fitted = words.fit(texts, labels)
    assert fitted["labels"] == ["neg", "neu", "pos"]
    assert "t:tgt är" in fitted["grams"] and "tgt sa" not in fitted["grams"]  # in one text
    assert words.probs("tgt är bra", fitted)[2] > words.probs("tgt är usel", fitted)[2]
    with pytest.raises(ValueError, match="labels"):
        words.fit(["tgt är bra", "tgt är usel"] * 3, ["pos", "neg"] * 3)


@pytest.mark.parametrize(
    ("text", "brand", "other", "label"),
    [
        # Both charge a fee and the writer will fetch it himself: leaving both.
        ("Fjällkraft och Nordvind tar typ 49 kr i avgift nu. byter själv framöver", "Fjällkraft",
         "Nordvind", "neg"),
        # Asking about another party, the mild "det funkar" is no praise of one's own.
        ("Vad tycker ni om Nordvind? Har Fjällkraft idag och det funkar, men kanske kan spara "
         "nåt", "Fjällkraft", "Nordvind", "neu"),
        # Leaving one for the other, and freedom: the other chosen.
        ("äntligen lämnat Nordvind!!! 2 år bindningstid i helvetet. nu Fjällkraft och frihet 🕊️",
         "Fjällkraft", "Nordvind", "pos"),
    ],
)  # fmt: skip
def test_the_words_read_what_the_pair_model_without_them_did_not(
    monkeypatch, text, brand, other, label
):
    # Shapes of the probes the model is fitted on, with the test's brands.
    assert tone(text, brand, other) == label
    _without_words(monkeypatch)
    assert tone(text, brand, other) != label
