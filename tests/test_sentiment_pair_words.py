"""The pair model's words model (analysis/sentiment_pair_words.py, rules revision 28): the text
with the brand and the other parties masked (against an oracle too), its n-grams plain and
marked with whose sentence they are in, the shipped file's probabilities, refusing a file fitted
otherwise, and what it learnt reaching the tone."""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pytest

from analysis import sentiment_pair_words as words
from analysis.sentiment_brand import brand_sentences
from tests.test_sentiment_brand import _finder, _shipped_model, tone  # noqa: F401


def _without_words(monkeypatch):
    # The pair model as if the words said nothing: a third for each label.
    monkeypatch.setattr(words, "probs", lambda text, fitted=None: (1 / 3, 1 / 3, 1 / 3))


def _masked(text: str, brand: str, *others: str) -> str:
    rest = [_finder(o) for o in others]
    return words.masked(brand_sentences(text), _finder(brand), lambda s: any(f(s) for f in rest))


def test_names_are_masked_one_word_each_a_sentence_a_line():
    text = "Bytte från Telia:s usla nät till Clas Ohlson. De är bäst! Hmm #Telia"
    got = _masked(text, "Clas Ohlson", "Telia")
    assert got == "bytte från oth usla nät till tgt\nde är bäst!\nhmm oth"
    # The brand is the brand whoever else is named; a text naming neither is only lower-cased.
    assert _masked("Fjällkraft och Nordvind", "Nordvind", "Fjällkraft") == "oth och tgt"
    assert _masked("inget namn här", "Nordvind", "Fjällkraft") == "inget namn här"
    # Any other name (a capital inside a sentence) is one word NAME (rules revision 37), but not
    # a word in capitals nor one opening a quotation or what follows a colon.
    text = 'Stängt i Kiruna och Malmö. Köpte "Bästa köpet" enligt SvD: Bra. SJ INTE kul'
    got = _masked(text, "Nordvind", "Fjällkraft")
    assert got == 'stängt i nme och nme\nköpte "bästa köpet" enligt nme bra.\nsj inte kul'


def test_of_two_names_beginning_at_one_word_the_longer_is_masked():
    text = "Bytte från Nordea till ICA Banken, bäst"
    assert _masked(text, "ICA Banken", "ICA", "Nordea") == "bytte från oth till tgt bäst"
    assert _masked(text, "ICA", "ICA Banken", "Nordea") == "bytte från oth till oth bäst"
    assert _masked("Tittar på HBO Max och äter Max", "Max", "HBO Max") == (
        "tittar på oth och äter tgt"
    )
    # One word holding both names keeps both.
    assert _masked("Nordvind/Fjällkraft är bra", "Nordvind", "Fjällkraft") == "tgt oth är bra"


def test_a_matchers_exclusion_holds_for_the_words_after_a_name():
    # A matcher of ICA that excludes ICA Banken (koll.toml's exclude): no name here.
    ica = lambda s: "ICA" in s and "ICA Banken" not in s  # noqa: E731
    got = words.masked(["ICA Banken är bäst, Nordea sämst"], ica, _finder("Nordea"))
    assert got == "ica nme är bäst, oth sämst"  # "Banken" inside the sentence: a name


def _oracle(sentence: str, brand: str, others: list[str]) -> str:
    """masked() by another road, from regex matches, for names none of which holds another
    (those the tests above take): at each word where a name begins, the brand's or another
    party's, the one of more words one mark, both if they are as long; another word with a
    capital inside a sentence "nme"."""
    words_at = [(w.start(), w.end()) for w in re.finditer(r"\S+", sentence)]

    def starts(names: list[str]) -> dict[int, int]:
        rx = re.compile("|".join(rf"(?<!\w){re.escape(n)}s?(?!\w)" for n in names))
        out = {}
        for m in rx.finditer(sentence):
            touched = [k for k, (a, b) in enumerate(words_at) if a < m.end() and b > m.start()]
            out.setdefault(touched[0], len(touched))
        return out

    mine, theirs = starts([brand]), starts(others)
    out: list[str] = []
    k = 0
    while k < len(words_at):
        b, o = mine.get(k, 0), theirs.get(k, 0)
        if not b and not o:
            w = sentence[slice(*words_at[k])]
            before = sentence[slice(*words_at[k - 1])][-1] if k else "."
            name = w[:1] != w[:1].lower() and w != w.upper() and before not in ".!?:…\"'“”«»„"
            out.append("nme" if name else w.lower())
            k += 1
            continue
        out += (["tgt"] if b >= o else []) + (["oth"] if o >= b else [])
        k += max(b, o)
    return " ".join(out)


@pytest.mark.parametrize("probe", [16, 17, 20])
def test_masking_agrees_with_an_oracle_on_the_probes(probe):
    path = Path(__file__).parents[1] / f"scripts/sentiment_data/probes/probe{probe}_sv.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    find = {b: _finder(b) for b in sorted({r["brand"] for r in rows})}
    checked = 0
    for r in rows:
        others = [b for b in find if b != r["brand"]]
        named = [b for b in find if find[b](r["text"])]
        if any(a != b and find[a](b) for a in named for b in named):
            continue  # "ICA" and "ICA Banken": the tests above
        checked += 1
        sents = brand_sentences(r["text"])
        rest = [find[o] for o in others]
        got = words.masked(sents, find[r["brand"]], lambda s, rest=rest: any(f(s) for f in rest))
        want = "\n".join(_oracle(s, r["brand"], others) for s in sents)
        assert got == want, r["text"]
    assert checked > 300


def test_ngrams_are_plain_across_the_text_and_marked_by_whose_sentence():
    g = words.grams("tgt är bra\nde svarar\noth är dålig\nvädret är fint\ntgt och oth")
    # plain: up to three words, across sentences
    assert g["bra"] == 1 and g["bra de svarar"] == 1 and "är bra de svarar" not in g
    assert "är" not in g and "tgt och" not in g and g["fint tgt och"] == 1  # _FRAME's alone: none
    # marked: one or two words, each sentence's scope
    assert g["t:är bra"] == 1  # the brand's
    assert g["a:de svarar"] == 1  # the one after the brand's, naming none
    assert g["o:är dålig"] == 1  # the other party's
    assert g["n:vädret"] == 1  # naming none, not after the brand's
    assert g["b:och"] == 0 and g["b:tgt och"] == 0  # naming both, with no word of its own
    assert not any(k.startswith(("t:", "a:", "o:", "n:", "b:")) and len(k.split()) > 2 for k in g)


def test_ngrams_of_where_a_name_stands_are_left_out():
    # Prepositions, pronouns, the plainest verbs, the names and figures say where a name stands,
    # not what is said of it (the pair model's features): "tgt i" and "t:haft" had read "Har haft
    # Telia i 12 år. Tre i 3 år." as praise (rules revision 32); nor does how long (revision 33:
    # "t:12 år" and "t:3 år" read years with a brand as contentment).
    g = words.grams("har haft tgt i 12 år nöjd\noth i 3 år")
    assert {"tgt", "i", "har haft tgt", "tgt i 12", "12", "t:haft", "o:oth i", "o:3"}.isdisjoint(g)
    assert {"år", "i 12 år", "t:12 år", "o:3 år", "o:år"}.isdisjoint(g)
    assert g["nöjd"] == 1 and g["12 år nöjd"] == 1 and g["t:år nöjd"] == 1


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
    assert "t:är bra" in fitted["grams"] and "tgt sa" not in fitted["grams"]  # in one text
    assert "t:tgt är" not in fitted["grams"]  # no word of its own (_FRAME)
    assert words.probs("tgt är bra", fitted)[2] > words.probs("tgt är usel", fitted)[2]
    with pytest.raises(ValueError, match="labels"):
        words.fit(["tgt är bra", "tgt är usel"] * 3, ["pos", "neg"] * 3)


@pytest.mark.parametrize(
    ("text", "brand", "other", "label"),
    [
        ("Wolt och Uber Eats tar typ 49 kr i leveransavgift nu. hämtar själv framöver", "Wolt",
         "Uber Eats", "neg"),
        ("Instabox-skåpet vid jobbet är alltid fullt. Budbee-boxen funkar varje gång. tyst "
         "applåd", "Instabox", "Budbee", "neg"),
        ("äntligen lämnat Telenor!!! 2 år bindningstid i helvetet. nu Comviq kontantkort och "
         "frihet 🕊️", "Comviq", "Telenor", "pos"),
        ("Spotify och Storytel i samma abonnemang hade varit drömmen. vet nån om det finns nåt "
         "sånt", "Spotify", "Storytel", "neu"),
    ],
)  # fmt: skip
def test_the_words_it_was_fitted_on_are_wired_in(monkeypatch, text, brand, other, label):
    # Rows of probes the model is fitted on, verbatim: what it learnt reaches the tone (the
    # probes never read measure what it does on new posts; docs/sentiment_brand.md). With the
    # words saying nothing, the pair model gets each wrong.
    assert tone(text, brand, other) == label
    _without_words(monkeypatch)
    assert tone(text, brand, other) != label
