"""Rules revision 37 (analysis/sentiment_pair_words.py, NAME): the words model reads any other
capitalised word inside a sentence as one word, a name, so that a town's name carries no tone
learnt from the probes (docs/sentiment_brand.md, "Rules revision 37"). The swap test fails on
revision 36's words model (20 and 28 of the 818 labels changed)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from analysis.sentiment_brand_eval import classify_targets
from koll.cli._sentiment_io import read_labels

PROBES = Path(__file__).resolve().parents[1] / "scripts" / "sentiment_data" / "probes"
TOWNS = [
    "Stockholm", "Göteborg", "Malmö", "Uppsala", "Umeå", "Kiruna", "Luleå", "Västerås", "Örebro",
    "Linköping", "Sundsvall", "Gävle", "Borås", "Jönköping", "Karlstad", "Växjö", "Östersund",
    "Halmstad", "Norrköping", "Helsingborg", "Lund", "Visby", "Falun", "Skövde",
]  # fmt: skip
_TOWN = re.compile(rf"\b({'|'.join(TOWNS)})\b")


def _rows() -> list[dict]:
    """The probes written after the ones the models are fitted on whose posts name a town
    outside a brand's own name ("Taxi Stockholm", "Göteborg Energi")."""
    rows = []
    for n in range(157, 197):
        found = read_labels(str(PROBES / f"probe{n}_sv.csv"), ("group", "text", "brand", "label"))
        brands = defaultdict(list)
        for r in found:
            brands[r["group"]].append(r["brand"])
        rows += [
            r
            for r in found
            if _TOWN.search(r["text"]) and not any(_TOWN.search(b) for b in brands[r["group"]])
        ]
    return rows


@pytest.mark.parametrize("shift", [5, 11])
def test_swapping_a_towns_name_changes_at_most_two_percent_of_labels(shift):
    rows = _rows()
    assert len(rows) > 800
    swap = lambda m: TOWNS[(TOWNS.index(m.group(1)) + shift) % len(TOWNS)]  # noqa: E731
    before = [s.label for s in classify_targets(rows)]
    after = [
        s.label for s in classify_targets([dict(r, text=_TOWN.sub(swap, r["text"])) for r in rows])
    ]
    flips = sum(a != b for a, b in zip(before, after, strict=True))
    assert flips <= 0.02 * len(rows), f"{flips} of {len(rows)} labels changed"
