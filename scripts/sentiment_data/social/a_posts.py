"""Author A (training set): draw labelled posts from a_templates.py, composed and made messy.

Post shapes: one template (most), an opinion after a neutral sentence, a long rambling comment
with one opinion in it (or none), a contrast (`men`: the second clause decides), a quoted line
with the writer's own reaction, and a forum reply quoting the post it answers.
"""

from __future__ import annotations

import random

from a_noise import messy
from a_phrases import (
    FAILURES,
    IRONY,
    LITOTES_POS,
    MILD_NEG,
    NEG_ADJ,
    NEG_ADJ_T,
    NEG_FEEL,
    NEG_STATE,
    POS_ADJ,
    POS_ADJ_T,
    POS_FEEL,
    RHETORICAL,
    SUCCESSES,
)  # fmt: skip
from a_slots import SLOTS as NAMES
from a_templates import FILLER, NEG, NEU, POS
from fill import cap_first, draw_label, fill

SLOTS = {
    **NAMES,
    "pos_adj": POS_ADJ, "pos_adj_t": POS_ADJ_T, "neg_adj": NEG_ADJ, "neg_adj_t": NEG_ADJ_T,
    "failure": FAILURES, "success": SUCCESSES, "pos_feel": POS_FEEL, "neg_feel": NEG_FEEL,
    "neg_state": NEG_STATE, "mild_neg": MILD_NEG, "litotes": LITOTES_POS,
    "rhetorical": RHETORICAL, "irony": IRONY,
}  # fmt: skip
TEMPLATES = {"neu": NEU, "pos": POS, "neg": NEG}
# Half of real posts carry no opinion at all (see SOCIAL.md); the rest split evenly.
LABEL_SHARE = (("neu", 0.5), ("pos", 0.25), ("neg", 0.25))


class _Core:
    """The template that carries a post's label (its id decides train or dev in build.py)."""

    template = ""


def _one(label: str, rng: random.Random, inline: bool = False, core: bool = True) -> str:
    """A filled template; `inline`: one that can stand inside a longer text (no reply handle)."""
    pool = TEMPLATES[label]
    if inline:
        pool = [t for t in pool if "{handle}" not in t and not t.startswith("RT")]
    template = rng.choice(pool)
    if core:
        _Core.template = template
    return fill(template, rng, SLOTS)


def _sentence(s: str) -> str:
    s = cap_first(s.strip())
    return s if s[-1:] in ".!?…" or not s[-1:].isalnum() else s + "."


def _rambling(label: str, rng: random.Random) -> str:
    parts = [fill(rng.choice(FILLER), rng, SLOTS) for _ in range(rng.randint(2, 6))]
    core = _sentence(_one(label, rng, inline=True))
    parts.insert(rng.randint(1, len(parts)), core)
    return " ".join(parts)


CONTRAST = {
    # (first clause, second clause): the second one decides the label.
    "neg": [
        ("{thing} är {pos_adj}", "{failure}"), ("{success}", "{failure}"),
        ("personalen var trevlig", "{failure}"), ("{brand} brukar vara {pos_adj}", "{failure}"),
        ("snygg design", "{thing} är {neg_adj}"),
    ],
    "pos": [
        ("{failure}", "{success}"), ("{failure}", "personalen fixade allt, {pos_adj_t}"),
        ("lite dyrt", "{thing} är {pos_adj}"), ("{mild_neg}", "{success}"),
        ("trodde det skulle strula", "{success}"),
    ],
}  # fmt: skip


def _contrast(label: str, rng: random.Random) -> str:
    a, b = rng.choice(CONTRAST[label])
    _Core.template = f"{a} men {b}"
    return fill(f"{a} men {b}", rng, SLOTS)


def _quote(label: str, rng: random.Random) -> str:
    quoted = _one("neu", rng, inline=True, core=False)
    reaction = _one(label, rng, inline=True)
    if rng.random() < 0.5:
        return f'"{quoted}" {reaction}'
    return f"> {quoted}\n{reaction}"


def post(rng: random.Random) -> dict:
    """One labelled post: text, label, kind, shape."""
    label = draw_label(rng, LABEL_SHARE)
    shape = rng.choices(("one", "two", "rambling", "contrast", "quote"), weights=(70, 10, 8, 6, 6))[
        0
    ]
    kind = "tweet"
    if shape == "one":
        text = _one(label, rng)
    elif shape == "two":
        text = _sentence(fill(rng.choice(FILLER), rng, SLOTS)) + " " + _one(label, rng, inline=True)
        kind = "comment"
    elif shape == "rambling":
        text, kind = _rambling(label, rng), rng.choice(("forum", "blog", "comment"))
    elif shape == "contrast":
        text = _contrast(label, rng) if label != "neu" else _one("neu", rng)
        kind = "comment"
    else:
        text, kind = _quote(label, rng), "forum"
    text = messy(text, label, rng, SLOTS)
    return {"text": text, "label": label, "kind": kind, "shape": shape, "template": _Core.template}


def generate(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    return [post(rng) for _ in range(n)]
