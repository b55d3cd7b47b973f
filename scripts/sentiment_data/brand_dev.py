#!/usr/bin/env python3
"""Build the brand-targeted DEVELOPMENT set (author D): sentences naming one or two brands with a
gold tone per brand, to develop analysis/sentiment_brand.py's rules on.

Usage (from the repo root): python scripts/sentiment_data/brand_dev.py
Writes data/sentiment/brand_targets_dev_sv.csv (deterministic: fixed seed). Same columns as the
held-out test set data/eval/brand_targets_sv.csv (group,text,brand,label,brands,pattern) so that
one evaluation reads both, but written apart from it: other brands (the script refuses to build if
a brand is shared), other phrasings, predicates and fillers, written from the patterns the issue
names without reading the test set's rows. See data/sentiment/SOCIAL.md.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "data" / "sentiment" / "brand_targets_dev_sv.csv"
TEST = ROOT / "data" / "eval" / "brand_targets_sv.csv"
SEED = 4_041_915

BRANDS = [
    "Telia", "Tele2", "Lidl", "SJ", "Skånetrafiken", "Clas Ohlson", "Jula", "Foodora", "Wolt",
    "Handelsbanken", "SEB", "Budbee", "Stadium", "Zalando", "Klarna", "Ikea", "Systembolaget",
    "Vattenfall", "Ellevio", "Åhléns",
]  # fmt: skip
TOPICS = ["kundservice", "priser", "leveranser", "app", "sortiment", "öppettider", "villkor"]
PLACES = ["Umeå", "Västerås", "Borås", "Luleå", "Karlstad", "Visby"]

# Clause predicates with the brand as subject.
POS = [
    "är grymma", "har superbra service", "levererade inom ett dygn", "är helt fantastiska",
    "funkar klockrent", "har bäst priser just nu", "är riktigt trevliga", "löste allt direkt",
    "är värda varenda krona", "gör ett toppenjobb",
]  # fmt: skip
NEG = [
    "är värdelösa", "har usel kundtjänst", "tappade bort mitt paket igen", "är helt odugliga",
    "krånglar hela tiden", "borde skämmas", "tar ut sjuka avgifter", "svarar aldrig på mejl",
    "är ett skämt", "har kass täckning",
]  # fmt: skip
# Verbs with the brand as object.
VPOS = ["gillar", "diggar", "rekommenderar", "uppskattar verkligen", "är så nöjd med"]
VNEG = ["stör mig på", "står inte ut med", "avskyr", "orkar inte med", "är så trött på"]
COMP_POS = ["bättre", "billigare", "snabbare", "trevligare", "smidigare"]
COMP_NEG = ["sämre", "dyrare", "långsammare", "krångligare", "segare"]
NEXT_POS = [
    "Helt otrolig service, tack!", "Personalen var supertrevlig.", "Allt gick smidigt.",
    "Bästa upplevelsen på länge!", "Snabbt, billigt och trevligt bemötande.",
    "Rekommenderas varmt!", "de fixade allt på fem minuter 👏",
]  # fmt: skip
NEXT_NEG = [
    "Fyrtio minuter i kö och sen la de på.", "Allt var trasigt och ingen bryr sig.",
    "Aldrig mer, vilket elände.", "Otrevligt bemötande och fel vara.",
    "Vilken katastrof, pengarna borta.", "Total katastrof.", "de bara skiter i kunderna 😡",
]  # fmt: skip
FIRST = [
    "Handlade hos {a} i morse.", "Ringde {a} om fakturan.", "Var inne på {a} igår.",
    "Beställde från {a} förra veckan.", "Provade {a} för första gången.",
]  # fmt: skip


def _two(rng: random.Random) -> tuple[str, str]:
    a, b = rng.sample(BRANDS, 2)
    return a, b


def _comma(rng):
    a, b = _two(rng)
    shapes = [
        (f"{a} {rng.choice(POS)}, {b} {rng.choice(NEG)}", "pos", "neg"),
        (f"{a} {rng.choice(NEG)}, {b} {rng.choice(POS)}", "neg", "pos"),
        (f"{rng.choice(VPOS)} {a}, {rng.choice(VNEG)} {b}", "pos", "neg"),
        (f"{rng.choice(VNEG).capitalize()} {a}, {rng.choice(VPOS)} {b}", "neg", "pos"),
        (f"tummen upp för {a}, tummen ner för {b}", "pos", "neg"),
        (f"snabba leveranser från {a}, usel service från {b}", "pos", "neg"),
        (f"{a} {rng.choice(POS)} och {b} {rng.choice(NEG)}", "pos", "neg"),
        (f"{a} {rng.choice(NEG)} och {b} {rng.choice(POS)}!!", "neg", "pos"),
    ]
    return a, b, *rng.choice(shapes)


def _compare(rng):
    a, b = _two(rng)
    t = rng.choice(TOPICS)
    shapes = [
        (f"{a} har mycket {rng.choice(COMP_POS)} {t} än {b}", "pos", "neg"),
        (f"{a} är ju {rng.choice(COMP_NEG)} än {b} på {t}", "neg", "pos"),
        (f"{a} är klart {rng.choice(COMP_POS)} än {b}", "pos", "neg"),
        (f"ärligt talat är {a} {rng.choice(COMP_NEG)} än {b}", "neg", "pos"),
        (f"Föredrar {a} framför {b} alla dagar", "pos", "neg"),
        (f"tar hellre {a} än {b}", "pos", "neg"),
        (f"{a} är inte alls lika bra som {b}", "neg", "pos"),
        (f"{a} är lika usla som {b}", "neg", "neg"),
        (f"{a} är minst lika bra som {b}", "pos", "pos"),
    ]
    return a, b, *rng.choice(shapes)


def _switch(rng):
    a, b = _two(rng)  # a: left, b: joined
    shapes = [
        (f"gick över från {a} till {b} i våras och har inte ångrat mig en sekund", "neg", "pos"),
        (f"Har lämnat {a} för {b}, äntligen nåt som funkar", "neg", "pos"),
        (f"Bytte till {b} från {a} och det var det bästa jag gjort", "neg", "pos"),
        (f"har bytt från {a} till {b}, ångrar mig bittert", "pos", "neg"),
        (f"Flyttade allt från {a} till {b}, mycket nöjdare nu", "neg", "pos"),
        (f"bytt från {a} till {b} men det var ett misstag", "pos", "neg"),
        # No opinion stated: the switch itself is the choice (churn for the one left).
        (f"Har bytt från {a} till {b} i höstas", "neg", "pos"),
        (f"gick nyss över till {b} ifrån {a}", "neg", "pos"),
        (f"Har bytt till {b}, {a} var alldeles för dyra", "neg", "pos"),
        (f"Bytte ut {a} mot {b}, bästa beslutet i år", "neg", "pos"),
        (f"bytt från {a} till {b}, ångrar inte en sekund", "neg", "pos"),
        (f"Kör {b} nu istället för {a}", "neg", "pos"),
    ]
    return a, b, *rng.choice(shapes)


def _two_sent(rng):
    a, b = _two(rng)
    shapes = [
        (f"{a} {rng.choice(POS)}. {b} {rng.choice(NEG)}.", "pos", "neg"),
        (f"{a} {rng.choice(NEG)}. {b} {rng.choice(POS)}!", "neg", "pos"),
        (f"Testade {a} i helgen. {b} {rng.choice(NEG)}.", "neu", "neg"),
        (f"{a} {rng.choice(POS)}. Kan inte säga detsamma om {b}.", "pos", "neg"),
    ]
    return a, b, *rng.choice(shapes)


def _contrast(rng):
    a, b = _two(rng)
    shapes = [
        (f"{a} {rng.choice(POS)} medan {b} {rng.choice(NEG)}", "pos", "neg"),
        (f"{a} {rng.choice(NEG)}; {b} {rng.choice(POS)}", "neg", "pos"),
        (f"{a} {rng.choice(POS)}, däremot {b} {rng.choice(NEG)}", "pos", "neg"),
        (f"{a} {rng.choice(NEG)} men {b} {rng.choice(POS)}", "neg", "pos"),
        (f"{a} {rng.choice(POS)}, men inte {b}", "pos", "neg"),
        (f"{a} {rng.choice(NEG)}, till skillnad från {b}", "neg", "pos"),
        (f"{a} {rng.choice(POS)}, liksom {b}", "pos", "pos"),
    ]
    return a, b, *rng.choice(shapes)


def _neutral_two(rng):
    a, b = _two(rng)
    p = rng.choice(PLACES)
    shapes = [
        (f"Både {a} och {b} håller öppet på söndag", "neu", "neu"),
        (f"Någon som vet om {a} eller {b} finns i {p}?", "neu", "neu"),
        (f"{a} köper in sig i {b} enligt DI", "neu", "neu"),
    ]
    return a, b, *rng.choice(shapes)


def _one(rng):
    a = rng.choice(BRANDS)
    p = rng.choice(PLACES)
    shapes = [
        (f"{a} {rng.choice(POS)}", "pos", "plain"),
        (f"{a} {rng.choice(NEG)}", "neg", "plain"),
        (f"{a} öppnar ny butik i {p} på måndag", "neu", "plain"),
        (f"Vet nån när {a} stänger idag?", "neu", "plain"),
        (f"Leveransen tog mycket längre tid än {a} lovade", "neg", "plain"),
        (f"Funderar på att byta till {a}", "neu", "plain"),
        (f"{rng.choice(FIRST).format(a=a)} {rng.choice(NEXT_POS)}", "pos", "next_sent"),
        (f"{rng.choice(FIRST).format(a=a)} {rng.choice(NEXT_NEG)}", "neg", "next_sent"),
        (f"{rng.choice(FIRST).format(a=a)} Sen åkte vi hem.", "neu", "next_sent"),
    ]
    return a, *rng.choice(shapes)


def build() -> list[list[str]]:
    rng = random.Random(SEED)
    rows: list[list[str]] = []
    seen: set[str] = set()
    plan = [
        ("comma", _comma, 45), ("compare", _compare, 40), ("switch", _switch, 40),
        ("two_sent", _two_sent, 25), ("contrast", _contrast, 30), ("neutral", _neutral_two, 10),
    ]  # fmt: skip
    group = 0
    for pattern, make, n in plan:
        made = 0
        while made < n:
            a, b, text, la, lb = make(rng)
            if text in seen:
                continue
            seen.add(text)
            group += 1
            made += 1
            rows += [
                [str(group), text, a, la, "2", pattern],
                [str(group), text, b, lb, "2", pattern],
            ]
    made = 0
    while made < 50:
        a, text, label, pattern = _one(rng)
        if text in seen:
            continue
        seen.add(text)
        group += 1
        made += 1
        rows.append([str(group), text, a, label, "1", pattern])
    return rows


def main() -> int:
    with TEST.open(encoding="utf-8", newline="") as fh:
        shared = {r["brand"] for r in csv.DictReader(fh)} & set(BRANDS)
    if shared:
        print(f"brand_dev.py: brands shared with the test set: {sorted(shared)}", file=sys.stderr)
        return 1
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["group", "text", "brand", "label", "brands", "pattern"])
        w.writerows(rows)
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} labels, {rows[-1][0]} sentences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
