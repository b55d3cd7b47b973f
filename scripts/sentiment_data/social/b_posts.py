"""Author B (test set): draw labelled posts from b_templates.py, composed and made scruffy.

Shapes: a single post, a Flashback-style reply that quotes another post and answers it, a long
comment with background sentences around one opinion (or none), a two-part post whose second
sentence carries the opinion, and a post mixing Swedish with an English tag line.
"""

from __future__ import annotations

import random

from b_noise import scruffy
from b_slots import SLOTS as NAMES
from b_templates import ASIDES, BAD, GOOD, MISHAPS, NEG, NEU, POS, WINS
from fill import cap_first, fill

SLOTS = {**NAMES, "good": GOOD, "bad": BAD, "mishap": MISHAPS, "wins": WINS}
TEMPLATES = {"neu": NEU, "pos": POS, "neg": NEG}
# Real posts: most carry no opinion (SOCIAL.md); B's mix is a little more neutral than A's.
SHARES = {"neu": 0.52, "pos": 0.23, "neg": 0.25}
ENGLISH_TAGS = {
    "neu": ["just saying", "fyi", "anyways"],
    "pos": ["so happy", "love this"],
    "neg": ["so done", "not ok"],
}


def _pick(label: str, rng: random.Random, standalone: bool = True) -> str:
    pool = TEMPLATES[label]
    if not standalone:  # inside a longer post: no reply handles, tags or quotes
        pool = [t for t in pool if "{handle}" not in t and ">" not in t and "http" not in t]
    return fill(rng.choice(pool), rng, SLOTS)


def _full_stop(s: str) -> str:
    s = cap_first(s.strip())
    return s if not s[-1:].isalnum() else s + "."


def post(rng: random.Random) -> dict:
    label = rng.choices(list(SHARES), weights=list(SHARES.values()))[0]
    shape = rng.choices(("single", "reply", "long", "two", "english"), weights=(68, 8, 10, 9, 5))[0]
    kind = "comment"
    if shape == "single":
        text, kind = _pick(label, rng), rng.choice(("tweet", "comment", "comment"))
    elif shape == "reply":
        quoted = _pick("neu", rng, standalone=False)
        text, kind = f'Citat: "{quoted}"\n{_pick(label, rng, standalone=False)}', "forum"
    elif shape == "long":
        asides = [fill(rng.choice(ASIDES), rng, SLOTS) for _ in range(rng.randint(2, 5))]
        asides.insert(rng.randint(0, len(asides)), _full_stop(_pick(label, rng, standalone=False)))
        text, kind = " ".join(asides), rng.choice(("forum", "blog"))
    elif shape == "two":
        first = _full_stop(_pick("neu", rng, standalone=False))
        text = f"{first} {_pick(label, rng, standalone=False)}"
    else:
        tag = rng.choice(ENGLISH_TAGS[label])
        text, kind = f"{_pick(label, rng)} {tag}", "tweet"
    return {"text": scruffy(text, label, rng, SLOTS), "label": label, "kind": kind, "shape": shape}


def generate(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    return [post(rng) for _ in range(n)]
