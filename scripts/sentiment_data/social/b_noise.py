"""Author B (test set): another writer's messiness, implemented apart from a_noise.py.

Keyboard-neighbour typos, stretched vowels (sååå), åäö typed as aa/ae/oe, abbreviations (ngn,
ngt, iaf, pga, mkt, nåt), missing spaces after commas, ".." endings, Facebook-style name tags,
emoji clusters with skin tones and 💀/🥹, and hashtags or handles from b_slots.py.
"""

from __future__ import annotations

import random
import re

ABBREV = {
    "någon": "ngn", "något": "ngt", "i alla fall": "iaf", "på grund av": "pga", "mycket": "mkt",
    "och": "å", "jag": "jag", "är": "e", "det": "d", "vad": "vad", "varför": "vafför",
    "också": "med", "inte": "inte", "nu": "nu", "ska": "ska", "skulle": "sku", "kommer": "kmr",
    "sjukt": "sjukt", "vet": "vet", "tycker": "tycker", "igen": "igen", "alltså": "alltså",
}  # fmt: skip
NEIGHBOURS = dict(
    zip("qwertyuiopåasdfghjklöäzxcvbnm", "wertyuioåpsadfghjklöäxzcvbnmn", strict=True)
)
EMOJI = {
    "neu": ["🙂", "👍🏼", "🤔", "😬", "🫠", "😮‍💨", "🏃‍♀️", "🌧", "💀", "😂", "🙏", "📸", "🚌"],
    "pos": ["🥹", "💖", "😻", "🤩", "🙏", "💪🏽", "🌞", "😂", "💀", "🫶", "🤗", "⭐️", "😭"],
    "neg": ["😫", "😠", "🫤", "😑", "💔", "🤮", "😖", "😂", "😬", "🥲", "😓", "🫠", "🙄"],
}
# Emoji that any post may carry whatever it says (laughter, cringe, a prayer): the only ones put
# on words of another label, since a strongly polar face would change what a reader hears.
LOOSE = ["😂", "💀", "😬", "🫠", "🙏", "🥹", "🤔"]
_WORD = re.compile(r"[^\W\d_]+", re.U)


def _slip(word: str, rng: random.Random) -> str:
    """One typo: a neighbouring key, a stretched vowel or a lost capital."""
    letters = [i for i, c in enumerate(word) if c.lower() in NEIGHBOURS]
    if len(word) < 3 or not letters:
        return word
    i = rng.choice(letters)
    if rng.random() < 0.6:
        c = NEIGHBOURS[word[i].lower()]
        return word[:i] + c + word[i + 1 :]
    vowels = [k for k, c in enumerate(word) if c in "aeiouyåäö"]
    if vowels:
        k = rng.choice(vowels)
        return word[: k + 1] + word[k] * rng.randint(2, 4) + word[k + 1 :]
    return word


def _foreign_keyboard(text: str) -> str:
    return text.replace("å", "aa").replace("ä", "ae").replace("ö", "oe")


def _shorten(text: str, rng: random.Random, p: float) -> str:
    for long, short in ABBREV.items():
        if long != short and rng.random() < p:
            text = re.sub(rf"\b{long}\b", short, text)
    return text


def scruffy(text: str, label: str, rng: random.Random, slots: dict) -> str:
    """One post in author B's habits."""
    text = _shorten(text, rng, rng.choice((0.0, 0.3, 0.7)))
    p = rng.choice((0.0, 0.01, 0.04))
    text = _WORD.sub(lambda m: _slip(m.group(), rng) if rng.random() < p else m.group(), text)
    if rng.random() < 0.04:
        text = _foreign_keyboard(text)
    if rng.random() < 0.6:
        text = text[:1].lower() + text[1:] if rng.random() < 0.5 else text.lower()
    if rng.random() < 0.3:
        text = text.replace(", ", ",")
    if rng.random() < 0.5:
        text = text.rstrip(".") + rng.choice(("", "", "..", " .", "!", "?!"))
    if rng.random() < 0.45:
        pool = EMOJI[label] if rng.random() < 0.55 else LOOSE
        text += " " + "".join(rng.choice(pool) for _ in range(rng.choice((1, 2, 2, 3, 4))))
    if rng.random() < 0.12:
        text = f"{rng.choice(slots['person'])} {text}"  # a Facebook tag in front
    if rng.random() < 0.15:
        text += " " + " ".join(rng.sample(slots["hashtag"], rng.choice((1, 2))))
    if rng.random() < 0.15 and not text.startswith("@"):
        text = rng.choice(slots["handle"]) + " " + text
    if rng.random() < 0.04:
        text += " " + rng.choice(slots["url"])
    return text.strip()
