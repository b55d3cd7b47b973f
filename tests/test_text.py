"""Swedish text utilities: sentences, tokens, folding, stems, HTML to text."""

from analysis.text import fold, html_to_text, normalize, sentences, stems, tokens


def test_sentences_respect_abbreviations():
    text = "Fjällkraft är bra, t.ex. appen. Men Nordvind är usel! Vad tycker ni?\nNy rad"
    assert sentences(text) == [
        "Fjällkraft är bra, t.ex. appen.",
        "Men Nordvind är usel!",
        "Vad tycker ni?",
        "Ny rad",
    ]


def test_tokens_keep_genitive_and_hyphen():
    assert tokens("IKEA:s IKEA-möbler, Volvoägare!") == ["ikea:s", "ikea-möbler", "volvoägare"]


def test_fold_keeps_positions():
    s = "FJÄLLKRAFT Ökar"
    assert fold(s) == "fjallkraft okar" and len(fold(s)) == len(s)


def test_stems_inflection():
    assert stems("kunderna kunder kund")[0] == stems("kund")[0]


def test_html_to_text():
    assert html_to_text("<p>Hej &amp; hå</p><script>x()</script><p>Ny</p>") == "Hej & hå\nNy"


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
