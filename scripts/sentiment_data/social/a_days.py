"""Author A (training set): everyday posts that count, time and tell ("tre veckor kvar till jul").

Written by hand for koll after plain posts of no opinion came out as complaints: "svarade på
mejlet från hyresvärden nu" -0.78, "min telefon laddar, svarar när jag kommer hem" -0.71,
"tredje dagen på nya jobbet" -0.67, and, in the natural development set written the same day,
"tjugo minuter kvar på kokningen" -0.66 and "telefonen laddar, 34%" -0.65. Alone, "tre veckor"
scored -1.00, "mitt kort" -0.92 and "telefon" -0.92. In author A's other posts "veckor" stood in
158 complaints and no neutral post, "mitt" in 321 complaints, 26 praises and no neutral post,
"tredje" in 97 complaints: they count the days waited ("returen har tagit sex veckor", "… för
tredje dagen i rad") and the calls not answered ("ingen svarar i telefon"), never a plain count.
Here the same words stand mostly in posts of no opinion, and in praise and complaints alike, so
that the verdict has to come from the words that give it. Labels follow SOCIAL.md. Drawn with
their own seed (build.py), so the other posts stay as they were.
"""

from __future__ import annotations

import random

from a_noise import templated_post
from a_phrases import (
    FAILURES,
    NEG_ADJ,
    NEG_ADJ_T,
    NEG_FEEL,
    POS_ADJ,
    POS_ADJ_T,
    POS_FEEL,
    SUCCESSES,
)
from a_slots import SLOTS as NAMES

SLOTS = {
    **NAMES,
    "failure": FAILURES, "success": SUCCESSES, "pos_adj": POS_ADJ,
    # "… är hur bra som helst" is a five-word run of author B's test posts (build.py drops test
    # posts that share one with training, so it would have taken six of them away)
    "pos_adj_t": [a for a in POS_ADJ_T if a != "hur bra som helst"],
    "neg_adj": NEG_ADJ, "neg_adj_t": NEG_ADJ_T, "pos_feel": POS_FEEL, "neg_feel": NEG_FEEL,
    "num": ["två", "tre", "fyra", "fem", "sex", "sju", "åtta", "tio", "tolv", "tjugo", "{n}"],
    "unit": ["minuter", "timmar", "dagar", "veckor", "månader"],
    "long": ["veckor", "månader", "år"],
    "ord": ["andra", "tredje", "fjärde", "femte"],
    "mitt": ["mitt kort", "mitt tåg", "mitt paket", "mitt jobb", "mitt busskort", "mitt pass",
             "mitt nya jobb", "mitt rum", "mitt abonnemang"],
    "min": ["min telefon", "min mobil", "min cykel", "min dator", "min väska", "min lägenhet",
            "min nya jacka"],
    "kin": ["min syster", "min bror", "min chef", "mina barn", "mina föräldrar", "mina kollegor"],
    "mina": ["mina skor", "mina hörlurar", "mina nya glasögon", "mina vinterdäck"],
    "family": ["barnen", "ungarna", "mamma", "pappa", "farmor", "sambon", "min syster", "kidsen"],
    "told": ["säger", "sa", "skriver", "svarade", "berättade"],
    "fact": ["det blir snö till helgen", "middagen är klar om en kvart", "de kommer vid sju",
             "affären stänger sex på lördag", "bussen går från torget", "mötet flyttas till tisdag",
             "hon tar bilen", "det finns kaffe kvar", "de har flyttat till {place}"],
    "msg": ["mejlet", "sms:et", "enkäten", "lappen", "brevet", "meddelandet", "inbjudan"],
    "sender": ["hyresvärden", "skolan", "förskolan", "jobbet", "banken", "föreningen", "{brand}",
               "{person}"],
    "plan": ["blir det {food}", "ska jag laga middag", "åker vi till {place}", "ska jag sova",
             "blir det film i soffan", "ska vi ut och gå", "börjar {show}", "är det helg"],
    "course": ["nya jobbet", "kursen", "utbildningen", "praktiken", "skolan", "lägret"],
    "phone": ["telefonen", "mobilen", "surfplattan", "datorn"],
    # a failure that does not count days itself ("… för tredje dagen i rad")
    "failure1": [f for f in FAILURES if "i rad" not in f],
}  # fmt: skip

NEU = [
    "{num} {unit} kvar till {event}", "{num} {long} kvar till pensionen haha",
    "om {num} timmar landar vi i {place}", "{num} minuter kvar, sen {plan}",
    "{ord} dagen på {course}", "{ord} året i rad vi firar midsommar i {place}",
    "{ord} gången jag läser den boken", "{ord} veckan på {course}, vi går igenom excel",
    "har haft {mitt} i {num} {long}", "har bott i {place} i {num} år nu",
    "{mitt} ligger i jackan", "{phone} är på laddning", "{kin} är hos {person} {day}",
    "{family} {told} att {fact}", "{person} {told} att {fact}",
    "svarade på {msg} från {sender}", "svarar på {msg} från {sender} {day}",
    "fick {msg} från {sender} {day}", "nu {plan}", "nu är det {day} som gäller",
    "hela dagen med {family}, nu {plan}", "{food} till middag {day}",
    "tog {transport} till {place} {day}", "tog bilen till jobbet {day}",
    "kostar {n} kr på Lidl den här veckan", "{n} minuter tills {transport} går",
    "hur många timmar tar det att köra till {place}?", "vad ska vi äta {day}?",
    "sitter på {transport} mot {place}, {num} minuter kvar", "ringer igen när jag är framme",
    "vi ses igen {day}", "har inte hunnit kolla på det än", "fortfarande mörkt när jag går till jobbet",
    "{phone} ligger i bilen, ringer sen", "laddar {phone} och går och lägger mig",
    "{num} {unit} sedan vi flyttade hit", "om {num} dagar fyller {family} år",
    "sista veckan innan lovet", "jobbade hemifrån {day}", "kom hem från jobbet nyss",
    "väntar på {transport}, {num} minuter kvar", "hämtar {family} kvart i fem",
    "{ord} advent på söndag", "mitt första maraton blir i {place}",
    "satt i telefon med {family} i en timme", "{brand} nås på telefon vardagar {time}",
    "pratade i telefon med {person} om {event}", "ring {brand} på telefon om {msg}",
    "{kin} fyller {n} {day}", "{kin} kommer hem {day}", "igen en måndag, igen en matlåda",
]  # fmt: skip
POS = [
    "{num} {long} senare och cykeln rullar som ny, {pos_adj_t}",
    "{ord} gången vi bor där och lika {pos_adj_t} varje gång", "{min} är {pos_adj}",
    "{mitt} är {pos_adj_t}", "{mina} är {pos_adj}",
    "hela dagen med {family}, {pos_adj_t}", "{family} {told} att {success}, {pos_feel}",
    "{sender} svarade inom {num} minuter, {pos_adj_t}", "nu är jag {pos_feel}, {success}",
    "{success}, tog {num} minuter", "{food} till middag och det var {pos_adj_t}",
    "{num} timmar på {transport} och det gick {pos_adj_t}", "{pos_feel}! {mitt} är klart",
    "har haft {min} i {num} år och den funkar fortfarande {pos_adj_t}",
]  # fmt: skip
NEG = [
    "{num} {unit} och fortfarande inget svar", "{failure1} för {ord} gången",
    "{min} är {neg_adj}", "{mitt} är {neg_adj_t}", "{mina} är {neg_adj}",
    "hela dagen förstörd, {failure}", "{family} {told} att {failure}, {neg_feel}",
    "har väntat {num} {unit} på {sender}, {neg_adj_t}", "nu är jag {neg_feel}, {failure}",
    "{food} till middag och det var {neg_adj_t}", "{num} timmar på {transport}, {neg_adj_t}",
    "{neg_feel}. {failure}", "{ord} dagen i rad nu. {failure1}",
]  # fmt: skip
TEMPLATES = {"neu": NEU, "pos": POS, "neg": NEG}
# Mostly posts of no opinion: these words are in complaints enough elsewhere.
LABEL_SHARE = (("neu", 0.6), ("pos", 0.2), ("neg", 0.2))


def post(rng: random.Random) -> dict:
    """One labelled post: text, label, kind, shape, template."""
    kinds = ("tweet", "tweet", "comment", "forum")
    return templated_post(rng, LABEL_SHARE, TEMPLATES, SLOTS, kinds, "days")


def generate(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    return [post(rng) for _ in range(n)]
