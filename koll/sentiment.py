"""Classify arbitrary texts with koll's Swedish sentiment model, as a DataFrame."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

from analysis.sentiment import builtin_model, classify_many
from analysis.sentiment_model import Model
from koll import frames


def classify(texts: str | Iterable[str]) -> pd.DataFrame:
    """Tone of each text: columns text, label (neg < neu < pos), score (-1..1), confidence, lang, model.

    Always the shipped model, whatever a workspace uses (its `ws.classify` scores with the
    model `koll train` stored for it). Texts not in Swedish or English, and empty, blank or
    missing ones (None, NaN), get no label, score or confidence (NaN). A pandas Series keeps
    its index, so results join back onto the source frame.
    """
    return classify_with(texts, builtin_model())


def blank(text: str) -> bool:
    """Whether `text` is empty or only whitespace and characters that show nothing (a zero-width
    space, a BOM), which koll leaves unscored (koll.classify and `koll sentiment` alike): it has
    no tone to find, and the model would call it neutral with some confidence, a label of
    nothing."""
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)


# Half of a surrogate pair (an emoji cut in two by a truncated JSON string): no character, and
# not writable as UTF-8, so the result's text column could not be built and the whole batch
# failed. Each is read as U+FFFD, the replacement character.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def classify_with(texts: str | Iterable[str], model: Model) -> pd.DataFrame:
    """classify() with `model` (a workspace's), which is not installed for the process."""
    values, index = _texts(texts)
    results = classify_many(values, model=model)
    scored = [not blank(v) for v in values]
    df = pd.DataFrame(
        {
            "text": values,
            "label": [r.label if ok else None for r, ok in zip(results, scored, strict=True)],
            "score": [r.score if ok else None for r, ok in zip(results, scored, strict=True)],
            "confidence": [
                r.confidence if ok else None for r, ok in zip(results, scored, strict=True)
            ],
            "lang": [r.lang for r in results],
            "model": [r.model for r in results],
        },
        index=index,
    )
    if df.empty:
        return frames.empty(frames.CLASSIFIED)
    return frames.typed(df, frames.CLASSIFIED)


def _texts(texts: object) -> tuple[list[str], pd.Index | None]:
    """The texts as strings ('' for None and NaN) and a Series' index; TypeError for what is not
    a text or a list of texts (a DataFrame would give its column names, bytes their numbers)."""
    if isinstance(texts, str):
        return [texts], None
    if isinstance(texts, pd.DataFrame):
        raise TypeError(
            "texts: expected a str, a list of str or a Series, got a DataFrame; "
            "pass one column, e.g. df['text']"
        )
    if isinstance(texts, bytes | bytearray | dict) or not isinstance(texts, Iterable):
        raise TypeError(f"texts: expected a str, a list of str or a Series, got {texts!r}")
    index = texts.index if isinstance(texts, pd.Series) else None
    values = []
    for i, t in enumerate(texts):
        if t is None or (isinstance(t, float) and pd.isna(t)) or t is pd.NA:
            values.append("")
        elif isinstance(t, str):
            values.append(_LONE_SURROGATE.sub("\ufffd", t))
        else:
            raise TypeError(f"texts: expected str (or None for no text), got {t!r} at position {i}")
    return values, index
