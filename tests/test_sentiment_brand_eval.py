"""How a brand-targeted set's rows name their brand and the set's other brands
(analysis/sentiment_brand_eval.parties): what koll eval reads and the pair model is fitted on."""

from __future__ import annotations

import re

from analysis.sentiment_brand_eval import parties

BRANDS = ["ICA", "ICA Banken", "Telia", "Tele2", "H&M"]
TEXTS = [
    "Handlar på ICA varje dag",
    "ICA Banken har bäst ränta",
    "Telias kundtjänst svarade aldrig, Tele2 svarade direkt",
    "Tele2:s täckning är sämre än Telias",
    "Köpte jackan på H&M",
    "ICAs och H&M:s reklam",
    "Telia2 finns inte",  # no name as a word
    "Ingen nämns här",
]


def _others_as_one_regex(brand: str):
    # The oracle: one regex of every other brand's name, as each a word, perhaps with a
    # genitive s (how parties() found them before it found a text's names once).
    names = sorted((b for b in BRANDS if b != brand), key=len, reverse=True)
    rx = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")s?(?!\w)")
    return lambda s: rx.search(s) is not None


def test_each_brands_others_are_every_other_brand_named_as_a_word():
    rows = [{"brand": b, "text": t} for b in BRANDS for t in TEXTS]
    found = parties(rows)
    for row, (_, others) in zip(rows, found, strict=True):
        oracle = _others_as_one_regex(row["brand"])
        assert others(row["text"]) == oracle(row["text"]), row
    by = {r["brand"]: f for r, f in zip(rows, found, strict=True)}
    # "ICA" in "ICA Banken" is a name of its own for ICA Banken's others, and the longer name is
    # another party for ICA.
    assert by["ICA Banken"][1]("ICA Banken har bäst ränta")
    assert by["ICA"][1]("ICA Banken har bäst ränta")
    assert not by["ICA"][1]("Handlar på ICA varje dag")
    assert by["Telia"][0]("Telias kundtjänst") and not by["Telia"][0]("Telia2 finns inte")
