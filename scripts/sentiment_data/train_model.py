#!/usr/bin/env python3
"""Train the shipped Swedish sentiment model and write it to data/sentiment/model_sv.bin.

Run after changing the training data, the lexicons or the scoring code (CODE_REVISION): koll
checks the file's version against a hash of those inputs and trains anew (half a minute) when it
is stale, and tests/test_sentiment_quality.py fails until the file is rebuilt. Deterministic: the
same inputs give the same bytes. Usage (repo root): python scripts/sentiment_data/train_model.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from analysis import sentiment  # noqa: E402


def main() -> None:
    t0 = time.perf_counter()
    model = sentiment.train_model()
    out = ROOT / "data" / Path(*sentiment.MODEL_FILE)
    out.write_bytes(model.dumps())
    print(
        f"{out.relative_to(ROOT)}: {model.version}, {len(model.vocab)} grams, "
        f"calibration {model.metrics}, {time.perf_counter() - t0:.1f} s"
    )


if __name__ == "__main__":
    main()
