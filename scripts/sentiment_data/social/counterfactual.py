"""The counterfactual set: sentences whose tone must not move when a name or topic noun changes.

Written by hand for koll (author C). Each template has {place}, {person} and/or {topic} slots and
a gold label set by its words alone. The base sentence is filled with one choice; each variant
swaps one kind of slot (place, person or topic) for another value from the SWAP lists, which mix
names from both authors' vocabularies with ones neither uses, so a name the model learned
something about shows up as a flip.
"""

from __future__ import annotations

import random

SWAP = {
    "place": [
        "Kiruna", "Göteborg", "Malmö", "Stockholm", "Haparanda", "Rinkeby", "Danderyd", "Ystad",
        "Gällivare", "Borås", "Jokkmokk", "Simrishamn", "Tranås", "Sollentuna", "Kiruna centrum",
    ],
    "person": [
        "Anna", "Mohammed", "Astrid", "Jonas", "Fatima", "Sven", "Aisha", "Kalle", "Ingrid",
        "Ali", "Maja", "Dragan", "Birgitta", "Yusuf", "Elsa",
    ],
    "topic": [
        "nätavgiften", "leveransen", "fakturan", "appen", "abonnemanget", "elavtalet",
        "kundtjänsten", "hemsidan", "bokningen", "ombyggnaden", "bredbandet", "parkeringen",
        "tidtabellen", "försäkringen", "medlemsprogrammet",
    ],
}  # fmt: skip
TEMPLATES = [
    ("Kunderna i {place} hyllar Fjällkraft för {topic} och säger att servicen är fantastisk", "pos"),
    ("{person} i {place} är supernöjd med {topic}", "pos"),
    ("Tack {person} för hjälpen med {topic}, du är bäst!", "pos"),
    ("Äntligen fungerar {topic} i {place} som det ska", "pos"),
    ("{person} fixade {topic} på fem minuter, grymt", "pos"),
    ("Så glad att vi fick ordning på {topic} innan vi flyttade till {place}", "pos"),
    ("Vilken härlig dag i {place} med {person}", "pos"),
    ("Riktigt bra jobbat med {topic}, {person}!", "pos"),
    ("Personalen i {place} var supertrevlig när jag frågade om {topic}", "pos"),
    ("{person} säger att {topic} är det bästa som hänt på länge", "pos"),
    ("Stort tack till alla i {place} som hjälpte till", "pos"),
    ("{topic} i {place} har blivit mycket bättre i år", "pos"),
    ("Inte dåligt alls, {topic} fixades samma dag i {place}", "pos"),
    ("Kunderna i {place} rasar mot Fjällkraft för {topic}", "neg"),
    ("{person} i {place} är helt förbannad över {topic}", "neg"),
    ("{topic} har strulat i tre veckor nu, {person} har gett upp", "neg"),
    ("Hur svårt kan det vara att få ordning på {topic} i {place}?", "neg"),
    ("Snyggt jobbat, {topic} ligger nere igen i {place} 🙄", "neg"),
    ("{person} fick vänta två timmar på besked om {topic}", "neg"),
    ("Usel hantering av {topic}, och ingen i {place} svarar", "neg"),
    ("Tack för inget, {topic} är fortfarande fel", "neg"),
    ("Så trött på att {topic} aldrig fungerar här i {place}", "neg"),
    ("{person} har ångest över {topic} inför flytten till {place}", "neg"),
    ("Lite obehagligt att ingen i {place} kan förklara {topic}", "neg"),
    ("Katastrof med {topic} igen, {person} är rasande", "neg"),
    ("{person} flyttar till {place} i maj", "neu"),
    ("Fjällkraft informerar om {topic} på ett möte i {place} på torsdag", "neu"),
    ("Vet någon hur {topic} fungerar i {place}?", "neu"),
    ("{person} skriver om {topic} i dagens lokaltidning", "neu"),
    ("Mötet om {topic} hålls i {place} klockan 18", "neu"),
    ("{topic} ändras från och med 1 april för kunder i {place}", "neu"),
    ("{person} och jag åker till {place} i helgen", "neu"),
    ("Har {person} fått brevet om {topic}?", "neu"),
    ("Nu finns information om {topic} på hemsidan", "neu"),
    ("{person} ringde kundservice om {topic} i morse", "neu"),
    ("I {place} gäller nya regler för {topic} från januari", "neu"),
    ("Fjällkraft öppnar kontor i {place} och anställer {person} som chef", "neu"),
    ("{person} har frågor om {topic}, vem ska hen kontakta?", "neu"),
    ("Läs mer om {topic} i {place} på vår sida", "neu"),
    ("God morgon {place}! {person} här med dagens nyheter", "neu"),
]  # fmt: skip


def _slots(template: str) -> list[str]:
    return [k for k in SWAP if "{" + k + "}" in template]


def generate(seed: int = 15, per_template: int = 6) -> list[dict]:
    """Rows of group, text, label, swapped ('' for the base, else the kind of slot swapped)."""
    rng = random.Random(seed)
    rows = []
    group = 0
    for template, gold in TEMPLATES:
        for _ in range(per_template):
            group += 1
            base = {k: rng.choice(SWAP[k]) for k in _slots(template)}
            rows.append(
                {"group": group, "text": template.format(**base), "label": gold, "swapped": ""}
            )
            for k in base:
                other = rng.choice([v for v in SWAP[k] if v != base[k]])
                text = template.format(**{**base, k: other})
                rows.append({"group": group, "text": text, "label": gold, "swapped": k})
    return rows
