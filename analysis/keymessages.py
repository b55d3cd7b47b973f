"""Key messages: does a text carry one of a brand's key phrases, or copy an earlier owned item?

A key message is carried when its words appear in order, next to each other, within one sentence
of the text, after Swedish normalisation: case (Å Ä Ö too, but å ä ö are not folded to a a o),
punctuation inside a sentence, inflection, and the articles en/ett/den/det, so "Förnybar el, till
alla!" and "den förnybara elen till alla" carry "förnybar el till alla", while "lokala
vindkraftverk" does not carry "lokal vindkraft" (a different word, not an inflection).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.item_text import joined_texts
from analysis.stem_sv import inflection_stem
from analysis.text import tokens

# A message must sit within one sentence: "...förnybar el. Till alla kunder..." and a title
# ending "förnybar el" above a body opening "Till alla" had carried "förnybar el till alla".
# A sentence ends at . ! ? … (with any closing quotes) before white space or the end, and at a
# line break (title and text are joined by one). A decimal point or a domain's dot is no end.
_SENTENCE_END = re.compile(r"[.!?…]+[\"”»')\]]*(?=\s|$)|\n")
_BREAK = "|"  # stands for a sentence end among the words; no word contains it
# "ett stabilt elnät" is "det stabila elnätet" in the definite form: the singular articles are
# one word here. Plural "de" is not among them: it is also "they".
_ARTICLE = "en/ett/den/det"
_ARTICLES = frozenset(("en", "ett", "den", "det"))


@lru_cache(maxsize=200_000)
def _word(token: str) -> tuple[str, str]:
    """A word as (word, inflection stem); the articles as one."""
    if token in _ARTICLES:
        return (_ARTICLE, _ARTICLE)
    return (token, inflection_stem(token))


def message_words(text: str) -> list[tuple[str, str]]:
    """The text's words as (word, inflection stem), with _BREAK between sentences."""
    if not text.isascii():
        # Decomposed "ö" (o + U+0308) splits the word in two: "Förnybar" did not carry "förnybar".
        text = unicodedata.normalize("NFC", text)
    out: list[tuple[str, str]] = []
    for sentence in _SENTENCE_END.split(text):
        if out and out[-1][0] != _BREAK:
            out.append((_BREAK, _BREAK))
        for t in tokens(sentence):
            out.extend(_word(part) for part in re.split(r"[-:'’]", t) if part)
    while out and out[-1][0] == _BREAK:
        out.pop()
    return out


def message_stems(messages: Iterable[str]) -> list[tuple[tuple[str, str], ...]]:
    """Each key message as its (word, inflection stem) sequence (empty messages dropped)."""
    return [s for s in (tuple(message_words(m)) for m in messages) if s]


def _same_word(t: tuple[str, str], m: tuple[str, str]) -> bool:
    # Both directions of one stripped ending, not stems stripped until they stop changing:
    # "förnybara" -> "förnybar" meets "förnybar" -> "förnyb" this way, where repeated
    # stripping had joined "billig" with "bil" and "inte" with "in".
    return t[1] == m[1] or t[1] == m[0] or t[0] == m[1]


def _contains(seq: Sequence[tuple[str, str]], sub: tuple[tuple[str, str], ...]) -> bool:
    n = len(sub)
    return any(
        all(_same_word(seq[i + j], sub[j]) for j in range(n)) for i in range(len(seq) - n + 1)
    )


@lru_cache(maxsize=10_000)
def _needles(message: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    return tuple(stem for word, stem in message if word not in (_BREAK, _ARTICLE))


def carried_messages(text: str, messages: Sequence[tuple[tuple[str, str], ...]]) -> list[int]:
    """Indexes of the key messages (as from message_stems) that the text carries."""
    if not text or not messages:
        return []
    # Only endings are stripped, so a carried message's stems all occur in the lower-cased text
    # (each is a prefix of its word there): a C-speed test that skips most texts.
    low = (text if text.isascii() else unicodedata.normalize("NFC", text)).lower()
    maybe = [i for i, m in enumerate(messages) if all(x in low for x in _needles(m))]
    if not maybe:
        return []
    seq = message_words(text)
    return [i for i in maybe if _contains(seq, messages[i])]


def carries_key_message(text: str, messages: Iterable[str]) -> bool:
    """True when the text carries at least one of the key messages."""
    return bool(carried_messages(text, message_stems(messages)))


def first_owned(mentions: pd.DataFrame) -> pd.Series:
    """The earliest publication time (UTC) of an owned mention in each story, by story id.

    `mentions` needs `story_id` (nullable), `owned` (nullable) and `published`.
    """
    owned = mentions[mentions["owned"].fillna(False).astype(bool) & mentions["story_id"].notna()]
    pub = pd.to_datetime(owned["published"], utc=True)
    return pub.groupby(owned["story_id"].to_numpy()).min()


def copies_of(rows: pd.DataFrame, first: pd.Series) -> pd.Series:
    """For each row (story_id, published): is it in a story whose first owned item (`first`, as
    from first_owned) was published strictly earlier? Index-aligned bool Series."""
    if rows.empty:
        return pd.Series([], index=rows.index, dtype=bool)
    fo = pd.to_datetime(rows["story_id"].map(first.to_dict()), utc=True)
    res = rows["story_id"].notna().to_numpy() & fo.notna().to_numpy()
    res &= np.asarray(fo.lt(pd.to_datetime(rows["published"], utc=True)).to_numpy(), dtype=bool)
    return pd.Series(res, index=rows.index, dtype=bool)


def copies_owned(mentions: pd.DataFrame) -> pd.Series:
    """For each row: is it in the same story as an owned item published strictly earlier?

    `mentions` needs `story_id` (nullable), `owned` and `published`; index-aligned bool Series.
    """
    return copies_of(mentions, first_owned(mentions))


def carry_flags(mentions: pd.DataFrame, messages: Iterable[str]) -> np.ndarray:
    """Per mention (title, text): does it carry one of the key messages in its words?"""
    msgs = message_stems(messages)
    text = joined_texts(mentions["title"], mentions["text"])
    return np.array([bool(carried_messages(t, msgs)) for t in text], dtype=bool)


def key_message_flags(mentions: pd.DataFrame, messages: Iterable[str]) -> pd.Series:
    """Per mention: carries a key message in its text, or closely copies an earlier owned item."""
    by_text = carry_flags(mentions, messages)
    if "story_id" in mentions.columns:
        by_text |= copies_owned(mentions).to_numpy()
    return pd.Series(by_text, index=mentions.index, dtype=bool)
