"""The Snowball Swedish stemmer, ported from NLTK's SwedishStemmer so that stemming imports nothing heavy.

Importing `nltk.stem.snowball` runs NLTK's package __init__, which imports scipy and
scikit-learn: about a second and 100 MB in every process that stems (each ingest worker). The
algorithm itself is three short suffix steps, so koll keeps this faithful port of NLTK 3.x's
implementation (Apache License 2.0, (c) the NLTK Project; algorithm by Martin Porter,
https://snowballstem.org/algorithms/swedish/stemmer.html). The snowballstemmer and PyStemmer
packages were not used: they implement Snowball 3, whose Swedish stemmer also strips `-et`
(`taket` -> `tak`), so their stems differ from NLTK's on about 1 % of koll's words and would
change every score. tests/test_text.py checks this port against NLTK on every word of the
shipped lexicons, training and evaluation data and the real feed corpus. `inflection_stem`
below is a gentler variant for key messages, which must not join different words.
"""

from __future__ import annotations

_VOWELS = frozenset("aeiouyäåö")
_S_ENDING = frozenset("bcdfghjklmnoprtvy")  # letters that may stand before a final `s`
_STEP1 = (
    "heterna", "hetens", "heter", "heten", "anden", "arnas", "ernas", "ornas", "andes", "andet",
    "arens", "arna", "erna", "orna", "ande", "arne", "aste", "aren", "ades", "erns", "ade", "are",
    "ern", "ens", "het", "ast", "ad", "en", "ar", "er", "or", "as", "es", "at", "a", "e", "s",
)  # fmt: skip
_STEP2 = ("dd", "gd", "nn", "dt", "gt", "kt", "tt")
_STEP3 = ("fullt", "löst", "els", "lig", "ig")


def _r1(word: str) -> str:
    """R1: the part after the first non-vowel that follows a vowel, leaving at least 3 letters before it."""
    for i in range(1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            return word[max(i + 1, 3) :]
    return ""


def stem(word: str) -> str:
    """The Snowball Swedish stem of a word, exactly as NLTK's SwedishStemmer().stem(word)."""
    word = word.lower()
    r1 = _r1(word)
    for suffix in _STEP1:
        if r1.endswith(suffix):
            if suffix == "s":
                if word[-2] in _S_ENDING:
                    word, r1 = word[:-1], r1[:-1]
            else:
                word, r1 = word[: -len(suffix)], r1[: -len(suffix)]
            break
    for suffix in _STEP2:
        if r1.endswith(suffix):
            word, r1 = word[:-1], r1[:-1]
            break
    for suffix in _STEP3:
        if r1.endswith(suffix):
            word = word[: -len(suffix)] if suffix in ("els", "lig", "ig") else word[:-1]
            break
    return word


# Key messages match forms of the same word, not words that share a root: Snowball's step 3
# (`billig` -> `bil`, `viktig` -> `vikt`, `rörelse` -> `rör`) and its `-het` endings
# (`trygghet` -> `trygg`) join different words, so the inflection stem leaves them out. It adds
# two endings NLTK's Snowball keeps: the definite neuter `-et` (`elpriset`, `elnätet`) and the
# neuter adjective's `-t` (`stabilt`, `grönt`, `lokalt`).
_INFLECTION = tuple(sorted([s for s in _STEP1 if "het" not in s] + ["et"], key=len, reverse=True))


def inflection_stem(word: str) -> str:
    """The word without one Swedish inflection ending: Snowball's steps 1 and 2, adjusted.

    For key messages (analysis/keymessages.py), which compare words in both directions rather
    than stemming repeatedly: repeated stripping joined `fortsatt` with `for` and `inte` with `in`.
    """
    word = word.lower()
    # R1 may start after two letters, not three: Snowball keeps `elen` and `isen` whole, so
    # they never met `el` and `is`. Only words that open with a vowel and a consonant differ.
    r1 = ""
    for i in range(1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            r1 = word[max(i + 1, 2) :]
            break
    for suffix in _INFLECTION:
        if r1.endswith(suffix):
            if suffix == "s" and word[-2] not in _S_ENDING:
                break
            if suffix == "et" and word[-3] in _VOWELS:  # `diet`, `poet` keep theirs
                break
            word, r1 = word[: -len(suffix)], r1[: -len(suffix)]
            return word[:-1] if r1.endswith(_STEP2) else word
    if r1.endswith(_STEP2):
        return word[:-1]
    # A bare `-t` after a consonant: only when no other ending went (`inte` -> `int`, not `in`).
    if r1.endswith("t") and word[-2] not in _VOWELS:
        return word[:-1]
    return word
