"""Template filling shared by both authors' generators: `{slot}` markers replaced from slot lists.

Only the mechanism is shared; each author (a_*.py for training, b_*.py for the test set) brings
its own templates and its own slot vocabularies, so no phrasing or name crosses between them.
"""

from __future__ import annotations

import random
import re

_SLOT = re.compile(r"\{(\w+)\}")


def fill(template: str, rng: random.Random, slots: dict[str, list[str]]) -> str:
    """Replace each {name} with a random entry of slots[name] (each marker drawn anew)."""

    def pick(m: re.Match) -> str:
        name = m.group(1)
        if name not in slots:
            raise KeyError(f"template {template!r}: no slot list {name!r}")
        value = rng.choice(slots[name])
        # Slot values may themselves hold markers ({n} inside a price phrase).
        return fill(value, rng, slots) if "{" in value else value

    return _SLOT.sub(pick, template)


def draw_label(rng: random.Random, shares: tuple[tuple[str, float], ...]) -> str:
    """A label drawn with the given shares ((label, share), ...); what they leave is neutral."""
    r = rng.random()
    for label, share in shares:
        if r < share:
            return label
        r -= share
    return "neu"


def cap_first(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def norm(text: str) -> str:
    """Lower case, words only: what the duplicate and leakage checks compare."""
    return " ".join(re.findall(r"[^\W_]+", text.lower()))
