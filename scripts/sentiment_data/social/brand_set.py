"""The brand-targeted test set: sentences naming one or two brands, with the tone towards each.

Written by hand for koll (author C, apart from the training templates). Each template lists the
gold label for the brand in each slot: {A} and {B} are two different brands from BRANDS. The
patterns are the ones koll must get right (see data/eval/README.md): clauses split at commas
when each side names a different party, contrast (men, medan, till skillnad från), comparisons
(the other side gets the opposite tone), switching from one to the other, an opinion in the
sentence after the brand is named, and neutral mentions that must stay neutral.
"""

from __future__ import annotations

import random

from fill import fill

BRANDS = [
    "ICA", "Coop", "Willys", "Hemköp", "Netonnet", "Elgiganten", "Bolt", "Voi", "Tier", "Comviq",
    "Hallon", "Nordea", "Swedbank", "Apotea", "Lyko", "Fjällkraft", "Nordvind", "Postnord",
]  # fmt: skip
SLOTS = {
    "place": ["Kiruna", "Ystad", "Borås", "Luleå", "Visby", "Sundsvall"],
    "aspect": ["service", "priser", "personal", "leveranser", "kundtjänst", "app"],
}
# (pattern, template, gold for A, gold for B or None)
TWO = [
    ("comma", "Älskar {A}, hatar {B}", "pos", "neg"),
    ("comma", "Hatar {A}, älskar {B}", "neg", "pos"),
    ("comma", "{A} är asbra, {B} är kass", "pos", "neg"),
    ("comma", "{A} är kass, {B} är asbra", "neg", "pos"),
    ("comma", "{A} svarar direkt, {B} svarar aldrig", "pos", "neg"),
    ("comma", "{A} strular jämt, {B} funkar bara", "neg", "pos"),
    ("comma", "{A} levererade på en dag, {B} har inte ens skickat än", "pos", "neg"),
    ("comma", "{A}: toppen. {B}: katastrof.", "pos", "neg"),
    ("comma", "{A} fick tummen upp, {B} tummen ner", "pos", "neg"),
    ("comma", "{A} har öppet till 22, {B} till 20", "neu", "neu"),
    ("comma", "{A} ligger i centrum, {B} ute vid motorvägen", "neu", "neu"),
    ("contrast", "{A} är bra men {B} är usel", "pos", "neg"),
    ("contrast", "{A} är usel men {B} är bra", "neg", "pos"),
    ("contrast", "{A} svarade på en timme medan {B} aldrig hörde av sig", "pos", "neg"),
    ("contrast", "{A} höjde priset igen, däremot har {B} sänkt sina", "neg", "pos"),
    ("contrast", "Till skillnad från {B} är {A} riktigt smidiga", "pos", "neg"),
    ("compare", "Bättre {aspect} hos {A} än hos {B}", "pos", "neg"),
    ("compare", "Sämre {aspect} hos {A} än hos {B}", "neg", "pos"),
    ("compare", "{A} är dyrare än {B}", "neg", "pos"),
    ("compare", "{A} är billigare än {B}", "pos", "neg"),
    ("compare", "{A} är mycket bättre än {B}", "pos", "neg"),
    ("compare", "{A} är sämre än {B} på allt", "neg", "pos"),
    ("compare", "{A} har snabbare leveranser än {B}", "pos", "neg"),
    ("compare", "Hellre {A} än {B}", "pos", "neg"),
    ("compare", "{B} kan inte mäta sig med {A}", "pos", "neg"),
    ("switch", "Bytte från {A} till {B} och ångrar inget", "neg", "pos"),
    ("switch", "bytte från {A} till {B} förra året, bästa beslutet", "neg", "pos"),
    ("switch", "Bytte från {A} till {B}, stort misstag", "pos", "neg"),
    ("switch", "Lämnade {A} för {B} och har inte saknat dem en sekund", "neg", "pos"),
    ("switch", "Gick över till {B} från {A}, aldrig varit nöjdare", "neg", "pos"),
    ("switch", "Har gått tillbaka till {A} efter ett år med {B}, vilken lättnad", "pos", "neg"),
    ("two_sent", "{A} fixade det direkt. {B} har inte ens svarat.", "pos", "neg"),
    ("two_sent", "Ringde {A} och {B} idag. {A} var supertrevliga.", "pos", "neu"),
    ("two_sent", "Testade både {A} och {B}. {B} var klart bäst.", "neu", "pos"),
    ("two_sent", "{A} köper {B}. Affären väntas bli klar i vår.", "neu", "neu"),
    ("two_sent", "{A} och {B} har båda öppet på söndag.", "neu", "neu"),
    ("two_sent", "{A} vann upphandlingen före {B}.", "neu", "neu"),
]  # fmt: skip
ONE = [
    ("next_sent", "Var på {A} idag. Helt fantastisk personal!", "pos"),
    ("next_sent", "Ringde {A} i morse. Fick vänta i 40 minuter och sen lade de på.", "neg"),
    ("next_sent", "Testade {A} för första gången. Kommer aldrig tillbaka.", "neg"),
    ("next_sent", "Provade {A} i helgen. Klart godkänt!", "pos"),
    ("next_sent", "Beställde från {A} i tisdags. Allt kom dagen efter, så smidigt.", "pos"),
    ("next_sent", "Har haft {A} i tre år nu. Aldrig haft ett enda problem.", "pos"),
    ("next_sent", "Hämtade paketet hos {A}. Tog två minuter.", "neu"),
    ("plain", "{A}s montörer får beröm", "pos"),
    ("plain", "Kunderna i {place} hyllar {A} för nätavgiften och säger att servicen är fantastisk", "pos"),
    ("plain", "{A} har öppet till 21 ikväll", "neu"),
    ("plain", "{A} inför nya priser från 1 mars", "neu"),
    ("plain", "Snyggt jobbat {A}, tredje gången appen kraschar den här veckan 🙄", "neg"),
    ("plain", "Hur svårt kan det vara för {A} att leverera i tid?", "neg"),
    ("plain", "Inte dåligt {A}, inte dåligt alls", "pos"),
    ("plain", "Tack för inget {A}", "neg"),
    ("plain", "Funderar på att byta tillbaka till {A}", "neu"),
]  # fmt: skip


def genitive(name: str) -> str:
    """ICA:s, Coops, Willys (a name ending in s takes no extra s)."""
    if name.isupper():
        return name + ":s"
    return name if name[-1] in "sxz" else name + "s"


def _put(template: str, a: str, b: str = "") -> str:
    return template.replace("{A}s ", genitive(a) + " ").replace("{A}", a).replace("{B}", b)


def generate(seed: int = 15) -> list[dict]:
    """Rows of text, brand, label, brands (how many the text names), pattern, group."""
    rng = random.Random(seed)
    rows = []
    group = 0
    for pattern, template, gold_a, gold_b in TWO:
        for _ in range(4):
            a, b = rng.sample(BRANDS, 2)
            text = fill(_put(template, a, b), rng, SLOTS)
            group += 1
            for brand, gold in ((a, gold_a), (b, gold_b)):
                rows.append({"group": group, "text": text, "brand": brand, "label": gold,
                             "brands": 2, "pattern": pattern})  # fmt: skip
    for pattern, template, gold in ONE:
        for _ in range(3):
            a = rng.choice(BRANDS)
            group += 1
            text = fill(_put(template, a), rng, SLOTS)
            rows.append({"group": group, "text": text, "brand": a, "label": gold, "brands": 1,
                         "pattern": pattern})  # fmt: skip
    return rows
