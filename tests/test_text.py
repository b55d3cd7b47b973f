"""Swedish text utilities: sentences, tokens, folding, stems, HTML to text."""

import pytest

from analysis.text import fold, html_to_text, normalize, sentences, stems, title_text, tokens


def test_sentences_respect_abbreviations():
    text = "Fjällkraft är bra, t.ex. appen. Men Nordvind är usel! Vad tycker ni?\nNy rad"
    assert sentences(text) == [
        "Fjällkraft är bra, t.ex. appen.",
        "Men Nordvind är usel!",
        "Vad tycker ni?",
        "Ny rad",
    ]


def test_a_sentence_may_begin_in_lower_case_after_a_full_stop():
    # Posts written in lower case: "tog flixbus hem" had been part of the complaint before it.
    assert sentences("sj stod still en timme. tog flixbus hem istället. så.") == [
        "sj stod still en timme.",
        "tog flixbus hem istället.",
        "så.",
    ]
    # Not after an abbreviation, a unit, a single letter or a number ...
    assert sentences("kom efter 5 min. sen gick den") == ["kom efter 5 min. sen gick den"]
    assert sentences("punkt a. och b. gäller, den 3. maj") == ["punkt a. och b. gäller, den 3. maj"]
    # ... nor after ? ! or an ellipsis, mostly said in the same breath.
    assert sentences("Ryanair? nej tack") == ["Ryanair? nej tack"]
    assert sentences("KappAhl däremot… samma trista grejer") == [
        "KappAhl däremot… samma trista grejer"
    ]
    assert sentences("bra... typ") == ["bra... typ"]
    # A line break still ends a sentence.
    assert sentences("bra.\nsämre") == ["bra.", "sämre"]


def test_tokens_keep_genitive_and_hyphen():
    assert tokens("IKEA:s IKEA-möbler, Volvoägare!") == ["ikea:s", "ikea-möbler", "volvoägare"]


def test_fold_keeps_positions():
    s = "FJÄLLKRAFT Ökar"
    assert fold(s) == "fjallkraft okar" and len(fold(s)) == len(s)


def test_stems_inflection():
    assert stems("kunderna kunder kund")[0] == stems("kund")[0]


def test_html_to_text():
    assert html_to_text("<p>Hej &amp; hå</p><script>x()</script><p>Ny</p>") == "Hej & hå\nNy"


def test_table_cells_and_definitions_are_not_run_together():
    """`<td>Pris</td><td>Billig</td>` had read "PrisBillig", a word nothing matches."""
    assert html_to_text("<table><tr><td>Pris</td><td>Billig</td></tr></table>") == "Pris\nBillig"
    assert html_to_text("<tr><th>Vara</th><th>Pris</th></tr>") == "Vara\nPris"
    assert html_to_text("<dl><dt>Pris</dt><dd>Billig</dd></dl>") == "Pris\nBillig"
    assert html_to_text("<p>Ett <thead-ish>ord</p>") == "Ett ord"  # only whole tag names


def test_normalize():
    assert normalize("Förnybar el – till ALLA!") == "förnybar el till alla"


def test_title_keeps_markup_as_text_but_drops_formatting():
    from analysis.text import title_text

    assert (
        title_text("<img src=x onerror=alert(1)> Fjällkraft")
        == "<img src=x onerror=alert(1)> Fjällkraft"
    )
    assert title_text("<b>Fjällkraft</b> &amp; Nordvind") == "Fjällkraft & Nordvind"
    assert title_text("&lt;script&gt;x&lt;/script&gt;") == "<script>x</script>"


@pytest.mark.slow
def test_stemmer_port_matches_nltk_on_every_word_koll_stems():
    """analysis/stem_sv.py gives NLTK's SwedishStemmer stems on every lexicon entry and every
    word of the training, dev, eval and ABSAbank data, the real feed corpus and bench items."""
    import csv
    import re

    from nltk.stem.snowball import SwedishStemmer

    from analysis.resources import data_path
    from analysis.sentiment_lexicon import swedish, tokenize
    from analysis.stem_sv import stem as stem_sv
    from tests.sentiment_corpus import bench_items, dataset, item_text, real_items

    words: set[str] = set()
    for name, column in (
        ("sentimentlex.csv", "word"),
        ("koll_sv.csv", "entry"),
        ("koll_sv_rules.csv", "entry"),
    ):
        with data_path("lexicons", name).open(encoding="utf-8") as fh:
            rows = csv.DictReader(line for line in fh if not line.startswith("#"))
            words.update(w for r in rows for w in r[column].lower().split())
    texts = [t for n in ("train", "dev", "eval", "absa_dev", "absa_train") for t in dataset(n)]
    texts += [item_text(it) for it in (*real_items(), *bench_items())]
    for t in texts:
        for tok in set(tokens(t)) | set(tokenize(t).lows):
            words.add(tok)
            words.update(p for p in re.split(r"[-:'’]", tok) if p)
    # Compounds with an intensifying prefix are stemmed without it (jättebra -> bra).
    prefixes = tuple(swedish().prefixes)
    words |= {w[len(p) :] for w in list(words) for p in prefixes if w.startswith(p)}
    nltk = SwedishStemmer()
    differ = [(w, nltk.stem(w), stem_sv(w)) for w in sorted(words) if nltk.stem(w) != stem_sv(w)]
    assert len(words) > 50_000
    assert not differ, differ[:10]


def test_invisible_characters_and_decomposed_letters_are_made_plain():
    """Swedish news sites hyphenate long headline words softly (`Fjäll&shy;kraft`), and some
    feeds write ö as o and a combining diaeresis: neither matched the brand or a key message."""
    import unicodedata

    from analysis.brands import BrandMatcher

    fk = BrandMatcher.build("Fjällkraft", ["Fjällkraft"])
    title = title_text("Fjäll&shy;kraft höjer priset")
    assert title == "Fjällkraft höjer priset" and fk.mentions(title)
    assert html_to_text("<p>förny&shy;bar el\u200b till alla\ufeff</p>") == "förnybar el till alla"
    decomposed = unicodedata.normalize("NFD", "Förnybar el från Fjällkraft")
    assert html_to_text(decomposed) == "Förnybar el från Fjällkraft"
    assert title_text(decomposed) == "Förnybar el från Fjällkraft"
    # emoji sequences keep their zero-width joiners
    assert title_text("👨\u200d👩\u200d👧 på fjället") == "👨\u200d👩\u200d👧 på fjället"
