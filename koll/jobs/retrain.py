"""`koll train` as a library call: retrain the learned sentiment model with analyst corrections.

The new model is trained on the shipped training texts plus every latest correction (the part of
the item about the corrected brand), checked on the shipped dev set, and stored as a new version
`sv-YYYY.MM.DD-N`, which the workspace then uses; the next `koll analyse` rescores what other
models scored. Without corrections nothing is trained (the model would be the shipped one under
a new name, and every mention would be rescored for nothing). use_version() goes back to the
shipped model or an earlier stored version.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, datetime

from analysis import sentiment, sentiment_brand
from analysis.brands import BrandMatcher
from analysis.item_text import scored_text
from analysis.resources import data_path
from analysis.sentiment_eval import report
from analysis.sentiment_model import Model
from koll.config import Settings
from koll.store import Store
from koll.store import sentiment_store as ss


@dataclass(frozen=True)
class TrainResult:
    version: str | None  # None: no corrections, nothing trained
    corrections: int
    dev: dict | None  # accuracy, macro_f1 on data/sentiment/dev_sv.csv; None when not trained
    stored: bool


def correction_examples(store: Store, settings: Settings) -> tuple[list[str], list[str]]:
    """(texts, labels) from the latest correction of each (item, brand)."""
    matchers = {b.name: BrandMatcher.for_brand(b) for b in settings.brands}
    with store.connect() as conn:
        frame = ss.corrections_frame(conn)
    texts, labels = [], []
    for row in frame.itertuples(index=False):
        text = scored_text(row.title, row.text)
        bm = matchers.get(row.brand)
        texts.append(sentiment_brand.brand_text(text, bm.mentions) if bm else text)
        labels.append(row.label)
    return texts, labels


def dev_report(model) -> dict:
    """accuracy and macro-F1 of a model on the shipped dev set (Swedish texts only)."""
    path = data_path("sentiment", "dev_sv.csv")
    # Traversable.open's stub has no newline=; the Path or zipfile.Path behind it takes it.
    with path.open(encoding="utf-8", newline="") as fh:  # type: ignore[call-overload]
        rows = list(csv.DictReader(fh))
    gold = [r["label"] for r in rows]
    pred = [sentiment.classify(r["text"], lang="sv", model=model).label for r in rows]
    rep = report(gold, pred)
    return {"n": rep["n"], "accuracy": rep["accuracy"], "macro_f1": rep["macro_f1"]}


def train_and_store(store: Store, settings: Settings, dry_run: bool = False) -> TrainResult:
    """Train with the stored corrections and, unless `dry_run`, store the model and use it."""
    texts, labels = correction_examples(store, settings)
    if not texts:
        return TrainResult(None, 0, None, False)
    day = datetime.now(UTC).strftime("%Y.%m.%d")
    with store.connect() as conn:
        n = ss.versions_today(conn, f"sv-{day}-")
    version = f"sv-{day}-{n + 1}"
    model = sentiment.train_model(texts, labels, version=version)
    dev = dev_report(model)
    model.metrics = {"dev": dev, "corrections": len(texts), "base": sentiment.MODEL_VERSION}
    if not dry_run:
        with store.begin() as conn:
            ss.save_model(conn, version, model.dumps(), model.metrics)
            ss.use_model(conn, version)  # also after `--use` chose another one
    return TrainResult(version, len(texts), dev, not dry_run)


def use_version(store: Store, version: str) -> str:
    """Score with an earlier stored model version, or the shipped model ("shipped"), from now on;
    the next `koll analyse` rescores what other models scored. Returns the model's version.

    KeyError (listing the stored versions) for a version not stored, ValueError for a stored
    model that cannot be read.
    """
    with store.begin() as conn:
        if version != ss.SHIPPED and (stored := ss.load_model(conn, version)) is not None:
            try:  # refuse a model the scorers would silently replace by the shipped one
                Model.loads(stored.blob)
            except ValueError as e:
                raise ValueError(f"stored model {version!r} cannot be read: {e}") from e
        ss.use_model(conn, version)
    return sentiment.MODEL_VERSION if version == ss.SHIPPED else version
