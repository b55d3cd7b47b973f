"""Author A (training set): reactions made of emoji or emoticons alone ("❤️❤️", "@anna 😍", ":(").

Written after the model scored "❤️" alone as slightly negative and "❤️❤️❤️" and "😊" as
neutral: every training post had words, so for a post without words nothing was learnt (and the
model capped the emoji, EMOJI_CAP, which it no longer does for emoji alone). A reply that is only
a heart is the writer's approval; with no words there is nothing for the emoji to outvote.
Labels are by hand, read against the shipped emoji ranking (Kralj Novak et al., positive minus
negative share): the POS emoji found there all lean positive (❤ +0.75, 😂 +0.22, 🔥 +0.14), the
NEG ones negative (😕 -0.40 .. 💔 -0.12) except 😢 (+0.01 there; labelled by its face here).
😐 (-0.39) and 😑 (-0.31) are neutral: a flat face, as the issue reads them. Some are not in the
ranking at all (🥰, 🤣, 🤩, 🤬, 🤮, 🙄, 🤢, 🧐, the shrug). Emoji whose
meaning alone is a guess (😭: "so cute" or grief; 🙈, 😅) are left out rather than labelled.
Drawn with their own seed (build.py).
"""

from __future__ import annotations

import random

from a_slots import SLOTS as NAMES
from fill import draw_label

EMOJI = {
    "pos": [
        "❤️", "❤", "😍", "🥰", "😊", "☺️", "👍", "🙌", "👏", "😘", "💕", "💖", "💙", "💛", "💚",
        "💜", "🎉", "😁", "😀", "😂", "🤣", "😆", "🔥", "💯", "🙏", "🤩", "😻",
    ],
    "neg": [
        "😡", "😠", "🤬", "👎", "🤮", "😤", "😒", "😩", "😞", "😔", "💔", "😢", "😕", "🙄",
        "😖", "😫", "🤢",
    ],
    "neu": ["🤔", "👀", "🤷", "🤷‍♀️", "🤷‍♂️", "😶", "😐", "😑", "🧐", "📍", "📸", "☕"],
}  # fmt: skip
EMOTICONS = {
    "pos": [":)", ":-)", ":D", ":-D", "<3", ";)", "=)", "xD"],
    "neg": [":(", ":-(", ":/", ":'(", ">:("],
    "neu": [":o", ":O", ":|", "?", "??"],
}
# Real replies are about half approval; the rest split between displeasure and a shrug.
LABEL_SHARE = (("pos", 0.45), ("neg", 0.35), ("neu", 0.2))


def post(rng: random.Random) -> dict:
    """One reaction: one to four emoji of one class (or an emoticon), sometimes to a handle."""
    label = draw_label(rng, LABEL_SHARE)
    if rng.random() < 0.15:
        first = rng.choice(EMOTICONS[label])
        text = first
    else:
        first = rng.choice(EMOJI[label])
        run = [first] * rng.choice((1, 1, 2, 3, 4))
        if rng.random() < 0.3:
            run.append(rng.choice(EMOJI[label]))
        text = ("" if rng.random() < 0.6 else " ").join(run)
    if rng.random() < 0.25:
        text = f"{rng.choice(NAMES['handle'])} {text}"
    # The first emoji names the template: build.py holds some emoji out of training as dev.
    return {
        "text": text,
        "label": label,
        "kind": "tweet",
        "shape": "bare",
        "template": f"bare {first}",
    }


def generate(n: int, seed: int) -> list[dict]:
    """n draws, each distinct text kept once (the space of reactions is small)."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out = []
    for _ in range(n):
        p = post(rng)
        if p["text"] not in seen:
            seen.add(p["text"])
            out.append(p)
    return out
