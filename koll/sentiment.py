"""Classify arbitrary texts with koll's Swedish sentiment model, as a DataFrame."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.sentiment import classify_many
from koll import frames


def classify(texts: str | Iterable[str]) -> pd.DataFrame:
    """Tone of each text: columns text, label (neg < neu < pos), score (-1..1), confidence, lang, model.

    The same model `koll sentiment` and ingestion use. Texts not in Swedish or English get no
    label (NaN). A pandas Series keeps its index, so results join back onto the source frame.
    """
    if isinstance(texts, str):
        texts = [texts]
    index = texts.index if isinstance(texts, pd.Series) else None
    values = ["" if t is None or (isinstance(t, float) and pd.isna(t)) else str(t) for t in texts]
    results = classify_many(values)
    df = pd.DataFrame(
        {
            "text": values,
            "label": [r.label for r in results],
            "score": [r.score for r in results],
            "confidence": [r.confidence for r in results],
            "lang": [r.lang for r in results],
            "model": [r.model for r in results],
        },
        index=index,
    )
    if df.empty:
        return frames.empty(frames.CLASSIFIED)
    return frames.typed(df, frames.CLASSIFIED)
