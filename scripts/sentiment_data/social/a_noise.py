"""Author A (training set): make a clean template sentence look like a real post.

Lower case, missing full stops, typos, spoken spellings (ja, de, va, o, nån, mkt), split slang
boosters (skit snyggt), emoji runs that do or do not agree with the words, hashtags, @handles,
RT prefixes, English fillers and links. Emoji are chosen so that each occurs in all three
classes: the model must learn them in context, not as verdicts.
"""

from __future__ import annotations

import random
import re

from fill import draw_label, fill

SPOKEN = {
    "jag": "ja", "det": "de", "och": "o", "vad": "va", "mycket": "mkt", "någon": "nån",
    "något": "nåt", "är": "e", "med": "me", "dem": "dom", "också": "oxå", "sedan": "sen",
    "bara": "ba", "inte": "inte", "kanske": "kanske", "själv": "själv", "för att": "föratt",
    "jättebra": "jätte bra", "skitsnyggt": "skit snyggt", "asbra": "as bra",
}  # fmt: skip
# Emoji by the label of the words they are added to. The ambiguous ones (AMBIGUOUS) appear with
# every label, as in real posts: 😭 for "so cute", 😂 after a complaint, a heart on a greeting;
# a strongly polar face is never put on words of another label (annotators would follow it).
EMOJI = {
    "neu": ["☀️", "☕", "🚆", "😴", "👀", "🤷‍♀️", "😅", "😂", "🙈", "📦", "🍕", "👋", "🎄", "😊"],
    "pos": [
        "😍",
        "❤️",
        "🥰",
        "🔥",
        "👏",
        "🙌",
        "😊",
        "✨",
        "😭",
        "😂",
        "💯",
        "👍",
        "🥳",
        "💕",
        "😁",
    ],
    "neg": [
        "😡",
        "🙄",
        "😤",
        "😩",
        "😭",
        "😢",
        "💀",
        "🤦‍♂️",
        "😂",
        "😐",
        "👎",
        "😒",
        "🤬",
        "😞",
        "🙃",
    ],
}
AMBIGUOUS = ["😂", "😭", "😅", "🙈", "💀", "❤️", "😐", "👀"]
ENGLISH = {
    "neu": ["lol", "anyway", "btw", "tbh", "same", "idk", "ok so"],
    "pos": ["love it", "so good", "omg", "yes!!", "best", "amazing", "literally obsessed"],
    "neg": ["ugh", "wtf", "so annoying", "fml", "seriously", "smh", "worst"],
}
_WORD = re.compile(r"[^\W\d_]+", re.U)


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.4:  # swap two letters
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind < 0.7:  # drop one
        return word[:i] + word[i + 1 :]
    if kind < 0.9:  # double one
        return word[:i] + word[i] + word[i:]
    return word.replace("ä", "a").replace("ö", "o").replace("å", "a")  # no Swedish keyboard


def _words(text: str, rng: random.Random, spoken: float, typos: float) -> str:
    def sub(m: re.Match) -> str:
        w = m.group()
        low = w.lower()
        if low in SPOKEN and rng.random() < spoken:
            return SPOKEN[low]
        if rng.random() < typos:
            return _typo(w, rng)
        return w

    return _WORD.sub(sub, text)


def messy(text: str, label: str, rng: random.Random, slots: dict) -> str:
    """One post: the template text with this writer's habits applied at random."""
    spoken = rng.choice([0.0, 0.2, 0.6])
    text = _words(text, rng, spoken, rng.choice([0.0, 0.0, 0.02, 0.05]))
    if rng.random() < 0.5:
        text = text.lower()
    if rng.random() < 0.6:
        text = text.rstrip(".")
    r = rng.random()
    if r < 0.12:
        text = text.rstrip(".!?") + "!!" + "!" * rng.randrange(3)
    elif r < 0.18:
        text = text.rstrip(".") + "..."
    if rng.random() < 0.03:
        text = text.upper()
    if rng.random() < 0.4:
        pool = EMOJI[label] if rng.random() < 0.6 else AMBIGUOUS
        e = rng.choice(pool)
        text += " " + e * rng.choice((1, 1, 2, 3))
        if rng.random() < 0.25:
            text += rng.choice(pool)
    if rng.random() < 0.08:
        eng = rng.choice(ENGLISH[label] if rng.random() < 0.7 else ENGLISH["neu"])
        text = f"{eng} {text}" if rng.random() < 0.5 else f"{text} {eng}"
    if rng.random() < 0.2:
        text += " " + " ".join(rng.sample(slots["hashtag"], rng.choice((1, 1, 2, 3))))
    r = rng.random()
    if r < 0.2:
        text = rng.choice(slots["handle"]) + " " + text
    elif r < 0.23:
        text = "RT " + rng.choice(slots["handle"]) + ": " + text
    if rng.random() < 0.05:
        text += " " + rng.choice(slots["url"])
    return " ".join(text.split())


def templated_post(
    rng: random.Random,
    shares: tuple[tuple[str, float], ...],
    templates: dict[str, list[str]],
    slots: dict,
    kinds: tuple[str, ...],
    shape: str,
) -> dict:
    """One labelled post: a label drawn with `shares`, one of its templates filled from `slots`
    and made messy, a kind drawn from `kinds` (draws in that order, which the shipped sets rest
    on)."""
    label = draw_label(rng, shares)
    template = rng.choice(templates[label])
    text = messy(fill(template, rng, slots), label, rng, slots)
    kind = rng.choice(kinds)
    return {"text": text, "label": label, "kind": kind, "shape": shape, "template": template}
