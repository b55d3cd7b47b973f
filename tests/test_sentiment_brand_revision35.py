"""Rules revision 35 (analysis/sentiment_reported.py): a voice quoted in a news item after it
reported opinions split is one of the sides the writer reports, no verdict of the writer's
(docs/sentiment_brand.md, "Rules revision 35"). The first two tests fail on revision 34; the third
checks what the rule must leave alone."""

from __future__ import annotations

from analysis.sentiment_reported import split_voice
from tests.test_sentiment_brand import _shipped_model, both, tone  # noqa: F401


def test_a_voice_quoted_after_a_split_is_reported():
    # The demo's "Storberget delar byn" was -0.78 for Fjällkraft, from the first voice's "men
    # ingen kan köpa tillbaka utsikten"; its reader calls it neutral, sure.
    text = (
        "I Storsele, närmast Vattenfalls planerade vindpark, är åsikterna delade. En del ser nya "
        "jobb, andra fruktar buller och ett förstört landskap.\n"
        "- Vattenfall lovar pengar till bygden, men ingen kan köpa tillbaka utsikten, säger "
        "Gunnar Åström.\n"
        "- Vi behöver jobben. Utan dem dör byn, säger grannen Lisa Markström."
    )
    assert tone(text, "Vattenfall") == "neu"
    text = (
        "Åsikterna går isär om Swish nya app.\n"
        "- Swish lovar enklare betalningar, men appen har blivit sämre och krånglar hela tiden, "
        "säger Anna.\n"
        "- Jag tycker den är smidig, säger Per."
    )
    assert tone(text, "Swish") == "neu"
    # A voice in quotation marks, its speaker after the closing mark.
    text = (
        "Åsikterna går isär om Swish nya app.\n"
        "”Swish har gjort appen sämre och den krånglar hela tiden”, säger Anna.\n"
        "”Jag tycker den är smidig”, säger Per."
    )
    assert tone(text, "Swish") == "neu"


def test_a_voice_with_no_split_before_it_or_the_writers_own_verdict_stays():
    # Without a split the quoted voice is read as before: the news is what the voice says.
    text = (
        "- Vattenfall lovar pengar till bygden, men ingen kan köpa tillbaka utsikten, säger Gunnar."
    )
    assert tone(text, "Vattenfall") == "neg"
    # After a split, the writer's own verdict is no voice.
    assert tone("Åsikterna är delade. Själv tycker jag att Telia är värdelösa.", "Telia") == "neg"
    text = "Åsikterna går isär i familjen.\n- Telia är helt värdelösa, sa jag till dem."
    assert tone(text, "Telia") == "neg"
    # A voice before the split is not one of its sides.
    sents = ["- Telia är värdelösa, säger Anna.", "Åsikterna är delade."]
    assert split_voice(sents, 0) is None
    assert split_voice(list(reversed(sents)), 1) is not None


def test_a_split_voice_leaves_the_other_party_of_a_two_brand_post_to_its_own_sentences():
    text = (
        "I Kiruna är åsikterna delade om Telias nya mast.\n"
        "- Telia lovar snabbare nät, men ingen kan köpa tillbaka utsikten, säger Anna Berg.\n"
        "- Vi behöver masten, säger Per.\n"
        "Tele2 har redan byggt ut och det funkar klockrent."
    )
    assert both(text, "Telia", "Tele2") == ("neu", "pos")
