"""Key messages: does a text carry one of a brand's key phrases, or copy an earlier owned item?

A key message is carried when its words appear in order, next to each other, in the text after
Swedish normalisation: case, å/ä/ö in any case, punctuation and inflection (Snowball stems), so
"Förnybar el till alla!" and "förnybara el till alla" carry "förnybar el till alla", while
"lokala vindkraftverk" does not carry "lokal vindkraft" (a different word, not an inflection).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.text import stem, stems


@lru_cache(maxsize=200_000)
def _deep(word: str) -> str:
    # Snowball strips one suffix layer: "förnybara" -> "förnybar" but "förnybar" -> "förnyb".
    # Stemming to a fixed point makes both inflections meet.
    for _ in range(3):
        s = stem(word)
        if s == word:
            break
        word = s
    return word


def deep_stems(text: str) -> list[str]:
    """Stems of a text, each stemmed until it no longer changes."""
    return [_deep(s) for s in stems(text)]


def message_stems(messages: Iterable[str]) -> list[tuple[str, ...]]:
    """Each key message as its stem sequence (empty messages dropped)."""
    return [s for s in (tuple(deep_stems(m)) for m in messages) if s]


def _contains(seq: Sequence[str], sub: tuple[str, ...]) -> bool:
    n = len(sub)
    first = sub[0]
    return any(seq[i] == first and tuple(seq[i : i + n]) == sub for i in range(len(seq) - n + 1))


def carried_messages(text: str, messages: Sequence[tuple[str, ...]]) -> list[int]:
    """Indexes of the key messages (as from message_stems) that the text carries."""
    if not text or not messages:
        return []
    # Snowball only strips suffixes, so every stem is a prefix of its word: a text lacking one
    # of a message's stems as a substring cannot carry it (a C-speed test that skips most texts).
    low = text.lower()
    maybe = [i for i, m in enumerate(messages) if all(x in low for x in m)]
    if not maybe:
        return []
    seq = deep_stems(text)
    return [i for i in maybe if _contains(seq, messages[i])]


def carries_key_message(text: str, messages: Iterable[str]) -> bool:
    """True when the text carries at least one of the key messages."""
    return bool(carried_messages(text, message_stems(messages)))


def copies_owned(mentions: pd.DataFrame) -> pd.Series:
    """For each row: is it in the same story as an owned item published strictly earlier?

    `mentions` needs `story_id` (nullable), `owned` and `published`; index-aligned bool Series.
    """
    if mentions.empty:
        return pd.Series([], index=mentions.index, dtype=bool)
    owned = mentions["owned"].astype(bool).to_numpy()
    story = mentions["story_id"]
    pub = pd.to_datetime(mentions["published"], utc=True)
    first_owned = (
        pd.Series(pub.where(owned)).groupby(story.to_numpy()).transform("min")
        if story.notna().any()
        else pd.Series(pd.NaT, index=mentions.index)
    )
    # A group with no owned item gives NaT, and pandas drops the time zone of an all-NaT result.
    first_owned = pd.to_datetime(first_owned, utc=True)
    res = story.notna().to_numpy() & (first_owned.notna().to_numpy())
    res &= np.asarray(first_owned.lt(pub).to_numpy(), dtype=bool)
    return pd.Series(res, index=mentions.index, dtype=bool)


def key_message_flags(mentions: pd.DataFrame, messages: Iterable[str]) -> pd.Series:
    """Per mention: carries a key message in its text, or closely copies an earlier owned item."""
    msgs = message_stems(messages)
    text = (mentions["title"].fillna("") + "\n" + mentions["text"].fillna("")).tolist()
    by_text = np.array([bool(carried_messages(t, msgs)) for t in text], dtype=bool)
    if "story_id" in mentions.columns:
        by_text |= copies_owned(mentions).to_numpy()
    return pd.Series(by_text, index=mentions.index, dtype=bool)
