"""Rules revision 37 (analysis/sentiment_pair_words.py, NAME): the words model reads any other
capitalised word inside a sentence as one word, a name, so that a town's name carries no tone
learnt from the probes (docs/sentiment_brand.md, "Rules revision 37"). The swap test fails on
revision 36's words model (20 and 28 of the 818 labels of probes 157-196 changed, which it read
until revision 38 fitted the models on those up to the 188th; on probes 189-204, 7 and 7 of 292)."""

from __future__ import annotations

import re

import pytest

from tests.helpers import labels_changed, probe_rows

TOWNS = [
    "Stockholm", "Göteborg", "Malmö", "Uppsala", "Umeå", "Kiruna", "Luleå", "Västerås", "Örebro",
    "Linköping", "Sundsvall", "Gävle", "Borås", "Jönköping", "Karlstad", "Växjö", "Östersund",
    "Halmstad", "Norrköping", "Helsingborg", "Lund", "Visby", "Falun", "Skövde",
]  # fmt: skip
_TOWN = re.compile(rf"\b({'|'.join(TOWNS)})\b")


@pytest.mark.parametrize("shift", [5, 11])
def test_swapping_a_towns_name_changes_at_most_two_percent_of_labels(shift):
    # Posts naming a town outside a brand's own name ("Taxi Stockholm", "Göteborg Energi").
    rows = probe_rows(
        range(189, 205),
        lambda text, brands: bool(_TOWN.search(text)) and not any(_TOWN.search(b) for b in brands),
    )
    assert len(rows) >= 290
    swap = lambda m: TOWNS[(TOWNS.index(m.group(1)) + shift) % len(TOWNS)]  # noqa: E731
    flips = labels_changed(rows, lambda text: _TOWN.sub(swap, text))
    assert flips <= 0.02 * len(rows), f"{flips} of {len(rows)} labels changed"
