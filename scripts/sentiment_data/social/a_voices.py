"""Author A (training set): what customers write to and about a company, and what it answers.

Written by hand for koll after the first model read short, curt complaints as neutral ("Girigt.",
"säger upp mitt avtal"): the main templates (a_templates.py) had few customer actions (cancelling,
switching, leaving), price verdicts, thanks for a fix, or a company's own polite replies, so
words such as `avtal`, `säger upp` or `byter` carried no tone and a reply that mentions a
customer's disappointment read as a complaint. Labels follow SOCIAL.md: the writer's own
opinion or feeling is polar; information, plans, questions and a company's factual answers are
neutral. Posts are drawn from these templates with their own seed (build.py), so adding them
leaves the posts of a_posts.py unchanged.
"""

from __future__ import annotations

import random

from a_noise import messy, templated_post
from a_phrases import FAILURES, SUCCESSES
from a_slots import SLOTS as NAMES
from fill import fill

SLOTS = {
    **NAMES,
    "failure": FAILURES, "success": SUCCESSES,     "contract": ["avtalet", "abonnemanget", "medlemskapet", "kortet", "elavtalet", "bredbandet"],
    "price": ["{n} kronor", "{n} procent", "{n} kr i månaden", "{n} öre", "{n} kr/mån"],
}  # fmt: skip

NEG = [
    # curt verdicts on a price or a decision
    "girigt.", "{brand} har blivit girigt", "rent girigt av {brand}", "snålt och girigt",
    "ren stöld", "ockerpriser", "{price} dyrare över en natt. inte ok", "oförskämt av {brand}",
    "fräckt", "fräckt av {brand} att höja nu", "skäms {brand}", "skäms ni inte?",
    "{brand}, skäms ni inte?", "vilket skämt till prishöjning", "dålig timing {brand}",
    "pinsamt av {brand}", "det är principen som gör mig arg", "det här var inte okej",
    "ni tar oss kunder för givna", "kunderna tas för givna", "vi kunder blir blåsta igen",
    "känner mig blåst av {brand}", "{brand} blåser sina kunder", "helt orimligt pris",
    "höja {price} mitt i vintern, allvarligt?", "{brand} bryr sig bara om pengarna",
    # customer actions that say the verdict
    "säger upp {contract} hos {brand} {day}", "jag säger upp mitt avtal med {brand}",
    "nu säger jag upp mig hos {brand}", "har sagt upp {contract}. räcker nu.",
    "byter bolag {day}. orkar inte mer med {brand}", "lämnar {brand} efter {n} år. hejdå",
    "har varit kund hos {brand} i {n} år. inte längre.", "sista månaden med {brand}, sen är jag borta",
    "{brand} har tappat en kund idag", "flyttar allt från {brand} så fort avtalet går ut",
    "först {failure} och nu det här. jag säger upp mig", "det var sista gången jag handlade av {brand}",
    # no answer, no information
    "fortfarande inget svar från {brand}", "{n} timmar utan besked från {brand}",
    "ingen information från {brand} sen i morse", "ingen svarar. tystnad.",
    "{n} dagar sen jag mejlade. noll svar", "{person}, vänta bara tills du behöver ringa dem",
    "lycka till med kundtjänsten där", "får se om de nånsin svarar lol",
    # ironic thanks and praise after a failure
    "{failure}. toppen.", "{failure}. kul dag.", "{failure}. perfekt.", "jaha, {failure}. toppen.",
    "{failure}. så proffsigt 👏", "{failure}. tack {brand}, verkligen.", "{failure}. rekord? 🏆",
    "bra att ni svarar, men svaren ändrar ingenting", "fint med ursäkt men {failure}",
]  # fmt: skip

POS = [
    # thanks for a fix or an answer
    "tack!", "{person}, tack!", "tack {person}, det uppskattas", "uppskattar att ni svarar här",
    "tack till alla på {brand} som jobbade i helgen", "bra jobbat {brand}, {success}", "bra jobbat {person}!",
    "nu funkar allt igen, tack {brand}!", "{success}. tack!", "{success}. tack {person}.",
    "respekt till {brand} för att de svarar", "snällt av {brand} att höra av sig", "tack för hjälpen {brand}",
    "äntligen! {success}", "{success}, bra där {brand} 👍", "{brand} fixade det, bra",
    # loyalty and trust
    "jag stannar hos {brand}", "blir kvar hos {brand}, de har alltid skött sig",
    "stannar hos {brand}. det är värt {price}", "{brand} fick tillbaka lite av mitt förtroende",
    "tog fast pris hos {brand}, sover gott nu", "{brand} har varit bra för oss. det får kosta",
    "servicen hos {brand} har alltid funkat, därför stannar jag", "skönt att {brand} svarar så snabbt",
]  # fmt: skip

NEU = [
    # a company's factual answers
    "Hej {person}! Vi har skickat ditt ärende vidare, du hör av oss {day}.",
    "{person}, ditt avtal gäller tills det löper ut. Priset ändras inte.",
    "Hej {person}, {person} från {brand} här. Vi tittar på det och återkommer.",
    "{person}, fakturan skickas ut {day}. Skriv i chatten om något är oklart.",
    "{person}, vi har tekniker på plats i {place}. Nästa uppdatering kommer {time}.",
    "Hej {person}, om du vill prata om ditt avtal kan du boka ett samtal i appen.",
    "{person}, avgiften ska täcka kundtjänst och fakturor. Mer om det på vår blogg.",
    "{person}, jag förstår att du är besviken. Ring oss gärna så går vi igenom det.",
    "{person}, montörerna är på väg men vägen är avstängd. Vi räknar med att det är klart {day}.",
    # customers' plain statements and questions
    "bytte till {brand} {day}", "har fast pris till {n}", "påverkas jag av höjningen?",
    "{brand} höjer avgiften med {price} från {day}", "läste att {brand} ska bygga i {place}",
    "ersättningen kommer automatiskt enligt {brand}", "{brand} skriver att de jobbar på det",
    "hur säger man upp {contract} hos {brand}?", "vad kostar {contract} hos {brand} nu?",
    "jämför {brand} och {brand} inför {day}, nån som har koll?", "ringde {brand} om {contract} {day}",
    "{brand} har fått {n} nya kunder i {place}", "funderar på att byta till {brand}. tips?",
    "när kommer nya priserna från {brand}?", "avtalet med {brand} går ut {day}",
]  # fmt: skip

# Service and topic nouns in all three classes alike, so that none of them carries a tone of its
# own: in the hand-written training texts `nätavgiften`, `servicen` and `kunderna` occur almost
# only in complaints, and "Kunderna i Kiruna hyllar Fjällkraft för nätavgiften och säger att
# servicen är fantastisk" came out negative. The same for the sector's own nouns: `elbolagen`
# made the headline 'Nordvind och Fjällkraft, "elbolagen i norr"' negative.
TOPIC_SLOTS = {
    "topic": [
        "nätavgiften", "servicen", "kundtjänsten", "appen", "priset", "avtalet", "fakturan",
        "leveransen", "supporten", "elpriset", "abonnemanget", "informationen", "uppkopplingen",
        "täckningen", "elräkningen", "hemsidan", "månadsavgiften", "räntan", "kundservicen",
        "bemötandet", "sortimentet", "öppettiderna", "tidtabellen", "bokningen", "returen",
    ],
    "sector": [
        "elbolagen", "bankerna", "teleoperatörerna", "försäkringsbolagen", "flygbolagen",
        "tågbolagen", "nätbolagen", "matkedjorna", "bolagen", "elbolaget", "banken", "operatören",
    ],
    "crowd": [
        "kunderna", "användarna", "resenärerna", "medlemmarna", "hyresgästerna", "abonnenterna",
        "kunder", "många kunder", "folk", "alla vi kunder",
    ],
}  # fmt: skip
TOPIC = {
    "pos": [
        "{crowd} hyllar {brand} för {topic}", "{crowd} i {place} är nöjda med {topic}",
        "{topic} hos {brand} har blivit mycket bättre", "äntligen funkar {topic} som det ska",
        "gillar {topic} hos {brand} skarpt", "{crowd} säger att {topic} är det bästa med {brand}",
        "stort plus för {topic} hos {brand}", "{crowd} berömmer {topic} och personalen",
        "{sector} i norr får beröm för {topic}", "{brand} är bäst av {sector} på {topic}",
    ],
    "neu": [
        "{crowd} får information om {topic} via mejl {day}", "{brand} ändrar {topic} från {day}",
        "{crowd} i {place} kan läsa mer om {topic} på hemsidan", "frågor om {topic}? ring {brand}",
        "{topic} tas upp på stämman {day}", "hur funkar {topic} hos {brand}?",
        "{brand} berättar om {topic} i ett nytt inlägg", "{crowd} i {place} har frågat om {topic}",
        "{brand} och {brand}, \"{sector} i {place}\"", "{sector} jämförs: {topic} och priser",
        "så gör {sector} med {topic} i vinter", "{sector} ska redovisa {topic} senast {day}",
    ],
    "neg": [
        "{crowd} klagar på {topic} hos {brand}", "{topic} hos {brand} har blivit mycket sämre",
        "{crowd} i {place} är trötta på {topic}", "varför krånglar {topic} hela tiden?",
        "{crowd} är arga över {topic}", "stort minus för {topic} hos {brand}",
        "{crowd} säger att {topic} är det sämsta med {brand}", "{topic} är ett skämt, {brand}",
        "{sector} får kritik för {topic}", "{brand} är sämst av {sector} på {topic}",
    ],
}  # fmt: skip
TOPIC_SHARE = 0.3  # of the posts; their labels split evenly
TEMPLATES = {"neg": NEG, "pos": POS, "neu": NEU}
LABEL_SHARE = (("neu", 0.4), ("pos", 0.25), ("neg", 0.35))


def post(rng: random.Random) -> dict:
    """One labelled post: text, label, kind, shape, template."""
    if rng.random() < TOPIC_SHARE:
        label = rng.choice(("pos", "neu", "neg"))
        template = rng.choice(TOPIC[label])
        text = messy(fill(template, rng, {**SLOTS, **TOPIC_SLOTS}), label, rng, SLOTS)
        return {
            "text": text,
            "label": label,
            "kind": "comment",
            "shape": "voice",
            "template": template,
        }
    kinds = ("comment", "comment", "forum", "tweet")
    return templated_post(rng, LABEL_SHARE, TEMPLATES, SLOTS, kinds, "voice")


def generate(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    return [post(rng) for _ in range(n)]
