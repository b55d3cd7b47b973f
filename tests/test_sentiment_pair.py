"""The pair model (analysis/sentiment_pair.py, rules revision 27; its words model,
analysis/sentiment_pair_words.py, revision 28): a brand named beside another configured party,
read by no rule of its own (since revision 29: a rule's reading too, but a short text's), is read
again by a small model fitted on the probes. Its behaviour on posts of the shapes it mends, the
limits it keeps (another reading only when more likely than not, a rule's reading or a short
text's only when 0.6 sure, the rules' own constructions only when 0.75 sure), the words model's
masking and n-grams, and the shipped files being what a fit gives now."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis import sentiment_pair as pair
from analysis.sentiment_brand import _read, pair_features
from analysis.sentiment_clauses import NAME_WORDS
from koll.cli._sentiment_io import InputError
from tests.helpers import script
from tests.test_sentiment_brand import _finder, _shipped_model, both, rules_only, tone  # noqa: F401

REPO = Path(__file__).resolve().parents[1]


def test_a_party_named_beside_an_outage_is_not_given_its_tone(monkeypatch):
    text = (
        "Fjällkraft-elen gick igen i natt, tredje gången i månaden. Grannen med Nordvind har "
        "haft ström hela tiden"
    )
    # Not the outage's tone: neutral with revision 27; with the words model (28) the praise
    # the contrast implies ("har haft ström hela tiden"), as the probes' writers read it.
    assert both(text, "Fjällkraft", "Nordvind") == ("neg", "pos")
    rules_only(monkeypatch)  # the rules alone gave the neighbour's supplier the outage
    assert tone(text, "Nordvind", "Fjällkraft") == "neg"


def test_a_mild_word_beside_a_question_about_another_party_is_no_verdict(monkeypatch):
    text = "Vad tycker ni om Nordvind? Har Fjällkraft idag och det funkar, men kanske kan spara nåt"
    assert tone(text, "Fjällkraft", "Nordvind") == "neu"
    rules_only(monkeypatch)
    assert tone(text, "Fjällkraft", "Nordvind") == "pos"


def test_a_cost_set_beside_another_partys_free_service_is_a_complaint(monkeypatch):
    text = "Fjällkraft tog 89 kr för frakten. Nordvind skickade gratis och det kom dagen efter."
    f, n = _finder("Fjällkraft"), _finder("Nordvind")
    from analysis.sentiment_brand import classify_for_brand

    assert classify_for_brand(text, f, lang="sv", others=n).score <= -0.5
    rules_only(monkeypatch)  # the rules read it as hardly a complaint
    assert classify_for_brand(text, f, lang="sv", others=n).score > -0.5


def test_a_verdict_the_rules_did_not_read_needs_the_model_more_sure_than_not(monkeypatch):
    # The development set's shape: a brand tried, another party's verdict after it. In a text
    # this short the model must be as sure as of a rule's reading (rules revision 30).
    # Ungated the model gives it a tone (positive, the other's turned round, fitted on 57
    # probes; negative, the verdict nearby, on 109).
    text = "Testade Fjällkraft i helgen. Nordvind är helt odugliga."
    assert tone(text, "Fjällkraft", "Nordvind") == "neu"
    monkeypatch.setattr(pair, "RULED_OVERRULE_MIN", 0.0)
    assert tone(text, "Fjällkraft", "Nordvind") != "neu"


def test_the_model_is_wary_of_a_rules_reading_of_a_short_text_and_surer_of_a_construction():
    nine = "Fjällkraft har supersnabb support, Nordvind svarar aldrig på mejl"
    ten = nine + " ens"
    assert len(nine.split()) == 9
    assert pair.overrule_min(set(), nine) == pair.RULED_OVERRULE_MIN == 0.6
    assert pair.overrule_min(set(), ten) == pair.OVERRULE_MIN == 0.55
    assert pair.overrule_min({"follows"}, ten) == 0.6
    assert pair.overrule_min({"reading", "alike"}, ten) == pair.ALIKE_OVERRULE_MIN == 0.6
    assert pair.overrule_min({"reading", "structure"}, ten) == 0.75
    assert pair.overrule_min({"alike", "structure"}, nine) == pair.STRUCTURE_OVERRULE_MIN


def _ruled(text: str, f, n) -> set[str]:
    """The notes of the rules that read the brand their own way (sentiment_brand._read)."""
    return _read(text, f, "sv", n, None)[2]


def test_the_model_is_asked_of_the_rules_constructions_in_a_longer_text_only():
    text = "Fjällkraft kom i tid igår. Nordvind tog två timmar och ingen sa nåt"
    f, n = _finder("Fjällkraft"), _finder("Nordvind")
    assert len(pair_features(text, f, n)) == len(pair.FEATURES)
    assert pair_features("Fjällkraft kom i tid igår.", f, n) is None
    assert pair_features(text, f, n, lang="en") is None  # fitted on Swedish posts
    # The rules' own constructions (a comparison, a switch, envy read as praise) and "också"
    # (the same side, not set against) are asked since revision 34 in a text of fifteen words
    # or more; in a shorter one they stand (pair.RULES_STAND_WORDS). A defence is none of the
    # model's.
    for text in (
        "Fjällkraft är betydligt billigare än Nordvind i år, inget snack",
        "Bytte från Nordvind till Fjällkraft i våras och ångrar inget",
        "Varför kan inte Nordvind ha en lika smidig app som Fjällkraft?",
    ):
        assert "structure" in _ruled(text, f, n), text
        assert pair_features(text, f, n) is None, text
        longer = text + " och det är så det är med den saken just nu"
        assert "structure" in _ruled(longer, f, n), longer
        assert pair_features(longer, f, n) is not None, longer
    text = "Nordvind strulade hela vintern. Fjällkraft har också haft sina problem i år."
    assert "alike" in _ruled(text, f, n) and pair_features(text, f, n) is None
    text += " Det är inte lätt att vara elbolag i ett land som vårt."
    assert "alike" in _ruled(text, f, n) and pair_features(text, f, n) is not None
    text = "Sluta gnälla på Fjällkraft, det är inte deras fel. Nordvind är inte bättre."
    assert pair_features(text, f, n) is None
    # Nor any rule's reading of a short text (pair.RULED_MIN_WORDS), though one no rule read is.
    assert pair_features("Fjällkraft 👎👎 Nordvind 👍👍", f, n) is None
    assert pair_features("Fjällkraft kom i tid. Nordvind inte.", f, n) is not None
    # Other rules' readings it is asked of, and told which (irony after the brand's complaint).
    text = "Fjällkraft stod still i två timmar. Snyggt Fjällkraft. Nordvind hade varit snabbare."
    x = pair_features(text, f, n)
    assert x is not None and x[pair.FEATURES.index("ruled_other")] == 1.0
    assert tone(text, "Fjällkraft", "Nordvind") == "neg"


def test_the_writers_words_joined_or_read_with_the_sentence_before_are_no_construction():
    f, n = _finder("Fjällkraft"), _finder("Nordvind")
    # The brand's clauses joined ("… snabbt personalen var trevlig") are a rule's reading of
    # the writer's words: asked, as without the second clause.
    text = "Fjällkraft levererade snabbt och personalen var trevlig, men Nordvind tog tre veckor"
    x = pair_features(text, f, n)
    assert x is not None and x[pair.FEATURES.index("ruled_reading")] == 1.0
    assert "structure" not in _ruled(text, f, n)
    # Shares named beside a contrast are no figures said to make no difference ...
    text = "Nordvind är segt att logga in på, Fjällkraft har en app som bara funkar. Köpte aktier."
    assert "structure" not in _ruled(text, f, n)
    # ... but figures that lean, said to make none, are the rules' own construction.
    text = "Fjällkraft tog 512 kr för månaden, Nordvind 498 kr. Skillnaden är ingenting för oss."
    assert "structure" in _ruled(text, f, n)
    # Ten words are enough, nine are not, for a rule's reading (a foil here).
    text = "Fjällkraft har supersnabb support, Nordvind svarar aldrig på mejl"
    assert len(text.split()) == 9 and pair_features(text, f, n) is None
    assert pair_features(text + " ens", f, n) is not None


def test_a_rules_reading_is_reread_as_one(monkeypatch):
    seen = []
    real = pair.reread

    def spy(rules, x, fitted=None, least=pair.OVERRULE_MIN):
        seen.append(least)
        return real(rules, x, fitted, least)

    monkeypatch.setattr(pair, "reread", spy)
    text = (
        "Fjällkraft levererade snabbt och personalen var trevlig, men Nordvind tog tre veckor "
        "på sig förra gången"
    )
    tone(text, "Fjällkraft", "Nordvind")
    tone(
        "Fjällkraft kom i tid igår. Nordvind tog två timmar och ingen sa nåt",
        "Fjällkraft",
        "Nordvind",
    )
    assert seen == [pair.RULED_OVERRULE_MIN, pair.OVERRULE_MIN]


def test_a_rules_reading_of_the_context_is_overruled_only_surer(monkeypatch):
    # The opinion after the brand's sentence read as hers (`follows`): the model is asked,
    # told which rule read it, and keeps the reading here.
    text = (
        "Ringde Fjällkraft om fakturan i morse. Helt otroligt snabbt svar, två minuter i kö. "
        "Nordvind har jag aldrig ens kommit fram till"
    )
    f, n = _finder("Fjällkraft"), _finder("Nordvind")
    x = pair_features(text, f, n)
    assert x is not None and x[pair.FEATURES.index("ruled_follows")] == 1.0
    assert both(text, "Fjällkraft", "Nordvind")[0] == "pos"
    rules_pos = (0.2, 0.2, 0.6)
    unsure_neu = {"coef": [[0.0] * 2] * 3, "intercept": [0.0, 0.5, 0.0]}  # p(neu) 0.45
    sure_neu = {"coef": [[0.0] * 2] * 3, "intercept": [0.0, 1.0, 0.0]}  # p(neu) 0.58
    surer_neu = {"coef": [[0.0] * 2] * 3, "intercept": [0.0, 1.2, 0.0]}  # p(neu) 0.62
    assert pair.reread(rules_pos, [0, 0], sure_neu) != rules_pos  # no rule of its own: 0.55
    assert pair.reread(rules_pos, [0, 0], sure_neu, least=0.6) == rules_pos
    assert pair.reread(rules_pos, [0, 0], surer_neu, least=0.6)[1] > 0.6
    assert pair.reread(rules_pos, [0, 0], unsure_neu) == rules_pos


def test_reread_keeps_the_rules_where_it_should():
    sure_pos = {"coef": [[0.0] * 2] * 3, "intercept": [0.0, 0.0, 3.0]}  # p(pos) 0.91
    unsure_pos = {"coef": [[0.0] * 2] * 3, "intercept": [0.0, 0.1, 0.3]}  # p(pos) 0.39
    neutral, unsure = (0.1, 0.8, 0.1), (0.3, 0.3, 0.4)
    assert pair.reread(neutral, [0, 0], sure_pos)[2] > 0.9
    assert pair.reread(neutral, [0, 0], unsure_pos) == neutral
    assert pair.reread(unsure, [0, 0], unsure_pos)[2] == pytest.approx(0.3907, abs=1e-4)
    # A reading the rules are sure of stands in a text under fifteen words (pair.stands), and
    # since revision 34 in no longer one.
    fourteen = (
        "Fjällkraft har supersnabb support, Nordvind svarar aldrig på mejl, inte ens på jobbet alls"
    )
    assert len(fourteen.split()) == 14
    assert pair.stands((0.96, 0.03, 0.01), fourteen)
    assert not pair.stands((0.96, 0.03, 0.01), fourteen + " heller")
    assert not pair.stands((0.9, 0.05, 0.05), fourteen)
    assert pair.reread((0.96, 0.03, 0.01), [0, 0], sure_pos)[2] > 0.9
    # A verdict of the rules' turned round or made neutral only when more likely than not.
    rules_neg = (0.6, 0.2, 0.2)
    assert pair.reread(rules_neg, [0, 0], unsure_pos) == rules_neg
    assert pair.reread(rules_neg, [0, 0], sure_pos)[2] > 0.9
    unsure_neu = {"coef": [[0.0] * 2] * 3, "intercept": [0.0, 0.3, 0.1]}  # p(neu) 0.39
    assert pair.reread(rules_neg, [0, 0], unsure_neu) == rules_neg


def test_a_word_far_into_a_long_sentence_is_found_in_linear_time():
    calls = []

    def named(s: str) -> bool:
        calls.append(s)
        return s.endswith("Nordvind")

    sentence = " ".join(["ord"] * 5000 + ["Nordvind"])
    assert pair._word_at(sentence, named) == 5000
    assert len(calls) <= 5001 + NAME_WORDS
    assert max(len(c.split()) for c in calls) == NAME_WORDS


def test_a_name_of_several_words_is_where_it_begins():
    assert pair._word_at("Handlade hos Clas Ohlson igår", _finder("Clas Ohlson")) == 2
    assert pair._word_at("Clas Ohlson har bra grejer", _finder("Clas Ohlson")) == 0
    assert pair._word_at("Köpte den på ICA", _finder("ICA")) == 3


def test_a_file_fitted_for_other_features_is_refused_by_name():
    good = pair._shipped()
    pair._checked(good)
    with pytest.raises(ValueError, match="brand_pair_sv.json.*refit"):
        pair._checked({**good, "features": good["features"][:-1]})


def test_fit_needs_every_label():
    xs = [[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]] * 4
    fitted = pair.fit(xs, ["neg", "pos", "neu"] * 4)
    assert fitted["labels"] == ["neg", "neu", "pos"] and len(fitted["coef"]) == 3
    with pytest.raises(ValueError, match="labels"):
        pair.fit(xs[:2], ["neg", "pos"])


def _fit_script():
    return script("scripts/sentiment_data/fit_pair.py")


def test_the_fit_script_names_a_bad_probe_file_and_line(tmp_path, monkeypatch, capsys):
    mod = _fit_script()
    head = "group,text,brand,label,brands,pattern\n"
    (tmp_path / "probe1_sv.csv").write_text(
        head + "1,Fjällkraft är bra,Fjällkraft,bra,2,x\n", encoding="utf-8"
    )
    with pytest.raises(
        InputError, match=r"probe1_sv\.csv: line 2: field 'label' must be pos/neu/neg, got 'bra'"
    ):
        mod.training_rows((1,), tmp_path)
    (tmp_path / "probe2_sv.csv").write_text("group,text\n1,x\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"probe2_sv\.csv: no column 'brand', 'label'"):
        mod.training_rows((2,), tmp_path)
    monkeypatch.setattr(mod, "PROBES", tmp_path / "missing")
    assert mod.main(["--check"]) == 1
    assert "probe16_sv.csv" in capsys.readouterr().err


def test_shipped_pair_model_was_fitted_on_what_the_probes_and_rules_give_now():
    # Fails when the builtin model, the rules or the probes fitted on changed without
    # scripts/sentiment_data/fit_pair.py being run (whose --check fits again and compares the
    # weights; the fits are deterministic in what the digest covers).
    mod = _fit_script()
    shipped = json.loads((REPO / "data/sentiment/brand_pair_sv.json").read_text(encoding="utf-8"))
    words = json.loads(
        (REPO / "data/sentiment/brand_pair_words_sv.json").read_text(encoding="utf-8")
    )
    assert shipped["fitted_on"]["inputs"] == mod.inputs_digest(), (
        "refit: python scripts/sentiment_data/fit_pair.py"
    )
    assert {k: v for k, v in shipped["fitted_on"].items() if k not in ("rows", "c", "inputs")} == {
        k: v for k, v in words["fitted_on"].items() if k not in ("rows", "c")
    }  # both fitted together
    assert shipped["fitted_on"]["rows"] >= 4500 and words["fitted_on"]["rows"] >= 11000
    # The check tells a refit apart: one weight moved past the tolerance, one n-gram fewer.
    moved = json.loads(json.dumps(words))
    assert mod._same_words(words, moved)
    gram = next(iter(moved["grams"]))
    moved["grams"][gram][1] += 10 * mod.TOLERANCE
    assert not mod._same_words(words, moved)
    del moved["grams"][gram]
    assert not mod._same_words(words, moved)


def test_the_digest_of_what_a_fit_is_made_from_changes_with_any_of_it(tmp_path, monkeypatch):
    mod = _fit_script()
    head = "group,text,brand,label,brands,pattern\n"
    rows = [
        "1,Bytte från Telia till Tre. Bästa beslutet.,Telia,neg,2,switch",
        "1,Bytte från Telia till Tre. Bästa beslutet.,Tre,pos,2,switch",
        "2,Har haft Telia i 12 år. Tre i 3 år.,Telia,neu,2,x",
        "2,Har haft Telia i 12 år. Tre i 3 år.,Tre,neu,2,x",
    ]

    def digest(lines: list[str]) -> str:
        (tmp_path / "probe1_sv.csv").write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
        return mod.inputs_digest((1,), tmp_path)

    first = digest(rows)
    assert digest(rows) == first
    assert digest([*rows[:3], rows[3].replace(",neu,", ",pos,")]) != first  # a label
    assert digest([*(r.replace("Bästa", "Sämsta") for r in rows[:2]), *rows[2:]]) != first  # a text
    monkeypatch.setattr(mod.pair_words, "MIN_TEXTS", 2)  # a setting of the fit
    assert digest(rows) != first
