"""Wordings the brand rules put in plain words before they read a sentence: idioms of praise and
blame, and comparisons said without "bättre/sämre än".

analysis/sentiment_brand.py finds the sides of a comparison at "än" and scores each brand's part
with the model, which reads word by word; these wordings came out neutral or backwards. The
lexicon (analysis/sentiment_lexicon.py) would be the home of a wording that is the same for every
scorer; these are about a party and another, which only the brand rules know.
"""

from __future__ import annotations

import re

# A party's name ahead: a capitalised word, handle or hashtag (case matters here, only the
# wording around it ignores case).
_NAME_AHEAD = r"(?=[@#]?[A-ZÅÄÖ])"
_NAME = r"[@#]?[A-ZÅÄÖ][\w&.'-]*(?:\s+[A-ZÅÄÖ][\w&.'-]*){0,2}"
# What a party said would happen ("än Jula lovade", "än utlovat", "än beräknat").
_PROMISED = r"(?:lovade|lovat|utlovat|utlovade|sa|sagt|angav|angett|uppgav|beräknat|väntat)\b"
_SOME = r"(?:\s+(?:ett och annat|en hel del|en del|mycket|något|nåt))?"

# Comparisons said with a verb or an idiom, put as "är bättre/sämre än" so that the comparison
# rule finds the sides. All from the natural development set's misses
# (data/sentiment/brand_targets_natural_dev_sv.csv): "Tibber slår Fortum på allt" and "Kronans
# Apotek vinner över Apotek Hjärtat" gave the loser the praise, "Viaplays app är ingenting mot
# HBO Max", "Citygross har inget på Lidl", "Mathem når inte upp till Citygross nivå", "Mediamarkt kunde lära sig ett och annat"
# and "Wolt any day" were neutral. Hinting criticism needs a party as subject: "här kan man lära
# sig ett och annat" is praise.
COMPARISONS = (
    (
        re.compile(
            r"\b(?i:slår|slog|klår|klådde|spöar|spöade|krossar|vinner över|vann över)\s+"
            + _NAME_AHEAD,
            re.U,
        ),
        "är bättre än ",
    ),
    (
        re.compile(
            r"\b(?:är|var)\s+(?:ingenting|inget|ingen match|skit|ett skämt)\s+"
            r"(?:mot|jämfört med|i jämförelse med)\s+",
            re.I | re.U,
        ),
        "är sämre än ",
    ),
    (re.compile(r"\bnår\s+inte\s+(?:ens\s+)?upp\s+till\s+", re.I | re.U), "är sämre än "),
    (
        re.compile(
            r"\b(?i:har\s+(?:inget|ingenting|inte en chans)\s+(?:på|mot))\s+" + _NAME_AHEAD, re.U
        ),
        "är sämre än ",
    ),
    (
        re.compile(
            r"(?P<who>" + _NAME + r"|\b(?i:ni|de|dom))\s+(?i:kan|kunde|borde|skulle kunna)\s+"
            r"(?i:lära sig|ta efter)(?i:" + _SOME + r")(?P<of>\s+(?i:av)\s+)?",
            re.U,
        ),
        lambda m: m.group("who") + (" är sämre än " if m.group("of") else " är sämre "),
    ),
    (
        re.compile(
            r"(?P<who>" + _NAME + r")\s+(?i:(?:är|var|kommer|kom)\s+)?(?i:inte ens i närheten)\b",
            re.U,
        ),
        r"\g<who> är mycket sämre",
    ),
    (re.compile(r"\b(?:kan|får)\s+(?:slänga|kasta)\s+sig\s+i\s+väggen\b", re.I | re.U), "är usla"),
    (re.compile(r"\b(?:any day|alla dagar i veckan)\b", re.I | re.U), "är bäst"),
)
_COMPARISON_HINT = re.compile(
    r"slå|slog|klå|spö|kross|vinn|vann|mot|jämför|upp till|lära sig|ta efter|närheten|väggen|"
    r"inget på|ingenting på|"
    r"any day|alla dagar",
    re.I | re.U,
)

# Idioms the model reads word by word, put in the words it reads: "tummen upp/ner för X" came
# out neutral, "diggar" is unknown, "superjobb" has a mere intensifier on a word without value,
# "det var ett misstag" is neutral. All from the template development set's misses
# (data/sentiment/brand_targets_dev_sv.csv). "toppenjobb"/"kanonjobb" were here until the
# lexicon read them (model revision 6).
IDIOMS = (
    (re.compile(r"\btummen upp\b", re.I | re.U), "toppen"),
    (re.compile(r"\btummen ne[dr]\b", re.I | re.U), "uselt"),
    (re.compile(r"\bdigga(?:r|de|t)?\b", re.I | re.U), "gillar"),
    (re.compile(r"\b(super|grymt?)(jobb)\b", re.I | re.U), r"\1 \2"),
    # The verdict on a switch, as "ångrar inget" is ("bytte från A till B men det var ett
    # misstag"): the model reads "misstag" as neutral.
    (re.compile(r"\bett (?:stort |rejält |jätte)?misstag\b", re.I | re.U), "dumt"),
    # "står inte ut med X" (cannot stand X) reads as a negated neutral verb: neutral since model
    # revision 6 ("Står inte ut med SJ, uppskattar verkligen Zalando" in the development set).
    (re.compile(r"\b(?:står|stod) inte ut med\b", re.I | re.U), "avskyr"),
    # A broken promise of time: "tog längre tid än X lovade" read as neutral or positive (the
    # development set's "Leveransen tog mycket längre tid än Jula lovade"; "utlovat" leans
    # positive in the training texts), "blev försenad, senare än X lovade" as the complaint.
    (
        re.compile(
            r"\bt(?:og|ar|agit)\s+(?:(?:mycket|betydligt|långt|lite|ännu)\s+)?längre tid än\b"
            r"(?=[^.!?]{0,40}?\b" + _PROMISED + r")",
            re.I | re.U,
        ),
        "blev försenad, senare än",
    ),
    # A blunder and a last straw, from the natural development set: "Citygross har skjutit sig
    # själv i foten med nya appen" and "Nordnets nya app var droppen" were neutral and positive.
    (
        re.compile(r"\b(?:skjut\w*|sköt)\s+sig\s+själv\w*\s+i\s+foten\b", re.I | re.U),
        "gjort bort sig",
    ),
    (re.compile(r"\b(?:var|blev)\s+(?:den\s+)?(?:sista\s+)?droppen\b", re.I | re.U), "var uselt"),
)
_IDIOM_HINT = re.compile(r"tumm|digga|jobb|misstag|inte ut|längre tid|foten|droppen", re.I | re.U)


def plain_comparison(sentence: str) -> str:
    """The sentence with its comparison wordings put as "är bättre/sämre än"."""
    if _COMPARISON_HINT.search(sentence) is None:  # one scan rules out most sentences
        return sentence
    for rx, words in COMPARISONS:
        sentence = rx.sub(words, sentence)
    return sentence


def plain_idioms(text: str) -> str:
    """The text with its idioms in the words the model reads."""
    if _IDIOM_HINT.search(text) is None:
        return text
    for rx, words in IDIOMS:
        text = rx.sub(words, text)
    return text
