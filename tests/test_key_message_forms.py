"""Key messages: which forms of a message's words carry it, and where the message must sit (one sentence)."""

from __future__ import annotations

import unicodedata

import pandas as pd

from analysis.keymessages import carries_key_message, key_message_flags

FORNYBAR = ["förnybar el till alla"]


def test_a_message_does_not_run_across_a_sentence_end():
    # Found by a QA pass: each of these carried "förnybar el till alla".
    assert not carries_key_message(
        "Priset steg för förnybar el. Till alla kunder skickas ett brev.", FORNYBAR
    )
    assert not carries_key_message("Vi säljer förnybar el\n\nTill alla som undrar: nej.", FORNYBAR)
    assert not carries_key_message("Förnybar el? Till alla!", FORNYBAR)
    # A comma inside a sentence is punctuation like any other, as docs/control.md says.
    assert carries_key_message("Förnybar el, till alla.", FORNYBAR)
    assert carries_key_message("Vi säljer förnybar el till alla. Punkt.", FORNYBAR)


def test_title_and_text_are_separate_sentences():
    mentions = pd.DataFrame(
        {
            "title": ["Fjällkraft höjer priset på förnybar el", "Förnybar el till alla"],
            "text": ["Till alla kunder skickas ett brev.", "Fjällkraft lovar."],
        }
    )
    assert key_message_flags(mentions, FORNYBAR).tolist() == [False, True]


def test_a_message_with_a_sentence_end_of_its_own_still_matches_itself():
    assert carries_key_message("Vår devis: Förnybar el. Till alla!", ["Förnybar el. Till alla."])


def test_a_word_is_not_a_shorter_word_that_shares_its_stem():
    # Snowball stems "billig" to "bil" and "trygghet" to "trygg": these carried the messages.
    assert not carries_key_message("Kostnaderna för bil, el och mat ökar", ["billig el"])
    assert carries_key_message("Fjällkraft säljer billiga el i vinter", ["billig el"])
    assert not carries_key_message("trygghet elförsörjning", ["trygg elförsörjning"])
    assert carries_key_message("en tryggare elförsörjning", ["trygg elförsörjning"])
    # Stripping endings only once each way keeps "inte" from becoming "in".
    assert not carries_key_message("kliv inte på", ["kliv in"])


def test_short_definite_and_neuter_forms_carry_a_message():
    assert carries_key_message("Vi ger den förnybara elen till alla", FORNYBAR)
    assert carries_key_message("Köp den gröna elen nu", ["grön el"])
    assert carries_key_message("Ett lägre elpriset", ["lägre elpris"])
    assert carries_key_message("Elpriserna ska vara rättvisa", ["Elpriset ska vara rättvist"])
    assert carries_key_message("Vi bygger det stabila elnätet", ["ett stabilt elnät"])
    assert carries_key_message("lokala vindkraften växer", ["lokal vindkraft"])
    assert not carries_key_message("lokala vindkraftverk byggs", ["lokal vindkraft"])
    assert not carries_key_message("gröna eld", ["grön el"])
    # "lokaler, vindkraft och sol" still carries "lokal vindkraft": the noun "lokal" is spelled
    # like the adjective, so its endings cannot be told from the adjective's by spelling.


def test_a_decomposed_letter_is_one_letter_but_a_is_not_a_with_ring():
    decomposed = unicodedata.normalize("NFD", "Förnybar el till alla")
    assert carries_key_message(decomposed, FORNYBAR)
    assert not carries_key_message("Fornybar el till alla", FORNYBAR)
