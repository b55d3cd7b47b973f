"""A post addressed to a party ("Hej Foodora! …", "Hej Uber Eats, …", "@Comviq …", "Fråga till
Trygg-Hansa: …"): what follows the address is said to that party, and another party named as
where an order came from or was made is aside.

Part of the brand rules (analysis/sentiment_brand.py, docs/sentiment_brand.md). In a fresh
probe of 180 two-brand posts (2026-12-05), questions to customer service gave the restaurant an
order came from the complaint meant for the delivery service addressed, and the service only its
greeting ("Hej Foodora!"), neutral.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis.sentiment_aside import _CHANNEL, _name_end, _only_there
from analysis.sentiment_clauses import Reading, _names_other

# A post addressed to a party ("Hej Foodora! …", "@Comviq …", "Fråga till Trygg-Hansa: …"): a
# greeting or a handle opening it, then the name and "!", "," or ":" (a handle needs none).
_ADDRESS = re.compile(
    r"^\W*(?:(?:hej|hejsan|hallå|tjena|kära|fråga\s+till|till)\s+(?P<name>[@#]?\w[\w&.'-]*"
    r"(?:\s+[\w&.'-]+){0,2}?)\s*[!,:]|@(?P<handle>\w[\w&.-]*))",
    re.I | re.U,
)


def addressed_elsewhere(
    first: str, sentence: str, mentions: Callable[[str], bool], others
) -> Reading | None:
    """A neutral reading when the post (its first sentence `first`) is addressed to another
    party and `sentence` names the brand only as where an order came from or was made ("Hej
    Foodora! Min beställning från Burger King levererades till fel adress …", "Hej Uber Eats,
    jag fick fel meny från Max …": a fresh two-brand probe, 2026-12-05, whose writer meant the
    complaint for the party addressed; koll had given it to the restaurant)."""
    m = _ADDRESS.match(first)
    if m is None:
        return None
    name = m.group("name") or m.group("handle")
    if mentions(name) or not (others(name) if others is not None else _names_other(name, None)):
        return None
    for c in _CHANNEL.finditer(sentence):
        end = _name_end(sentence, c.end(), mentions)
        if end is not None and _only_there(sentence, c.end(), end, mentions):
            return Reading("", aside=True)
    return None


def addressed_to(first: str, mentions: Callable[[str], bool]) -> bool:
    """Whether the post (its first sentence `first`) is addressed to the brand (_ADDRESS)."""
    m = _ADDRESS.match(first)
    return m is not None and mentions(m.group("name") or m.group("handle"))


# Where an order came from or was made, the party's name after it, and the place it is in:
# "från Burger King i Sundsvall".
_CAP_NAME = r"[@#]?(?-i:[A-ZÅÄÖ])[\w&.'-]*"
_CHANNEL_NAME = re.compile(
    r"\b(?:på|hos|från|via|genom)\s+" + _CAP_NAME + r"(?:\s+" + _CAP_NAME + r"){0,2}"
    r"(?:\s+i\s+" + _CAP_NAME + r")?",
    re.I | re.U,
)


def names_other_beyond_channel(sentence: str, others) -> bool:
    """Whether the sentence names another party other than as where an order came from or was
    made (_CHANNEL_NAME): "Min beställning från Burger King levererades till fel adress" in a
    post addressed to the brand is said to the brand."""
    return _names_other(_CHANNEL_NAME.sub(" ", sentence), others, sentence_case=True)


def address_end(first: str) -> int:
    """Where the address opening the post ends (_ADDRESS), else 0."""
    m = _ADDRESS.match(first)
    return 0 if m is None else m.end()
