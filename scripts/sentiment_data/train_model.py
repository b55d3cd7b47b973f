#!/usr/bin/env python3
"""Train the shipped Swedish sentiment model and write it to data/sentiment/model_sv.bin.

Run after changing the training data, the lexicons or the scoring code (CODE_REVISION): koll
checks the file's version against a hash of those inputs and trains anew (half a minute) when it
is stale, and tests/test_sentiment_quality.py fails until the file is rebuilt. Deterministic: the
same inputs give the same bytes (on one set of BLAS kernels: see BLAS_KERNELS).
Usage (repo root): python scripts/sentiment_data/train_model.py [--check]

`--check` writes nothing: exit 0 when training gives the shipped file's bytes, else 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# OpenBLAS picks its kernels by CPU at load time, and the fit's optimum is flat enough that
# kernels round it differently: on a machine with AVX-512 (2026-12-05) the weights came out up
# to 1e-3 apart from the shipped file's, trained with the AVX2 ("Haswell") kernels, which that
# machine also gives the shipped bytes with. Pinned where the CPU has AVX2; elsewhere left alone
# (forcing AVX2 kernels on a CPU without it would crash).
BLAS_KERNELS = {"OPENBLAS_CORETYPE": "Haswell"}


def _has_avx2() -> bool:
    try:
        return " avx2 " in Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False


def _pinned() -> bool:
    """Whether this process already runs with BLAS_KERNELS (or may not pin them)."""
    return all(os.environ.get(k) == v for k, v in BLAS_KERNELS.items()) or not _has_avx2()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="Train the shipped Swedish sentiment model (data/sentiment/model_sv.bin).",
        epilog="example: python scripts/sentiment_data/train_model.py --check",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 unless training gives the shipped bytes",
    )
    check = parser.parse_args(argv).check
    if not _pinned():
        # OpenBLAS reads its kernel choice when numpy loads it: start again with it set.
        env = {**os.environ, **BLAS_KERNELS}
        os.execve(sys.executable, [sys.executable, __file__, *argv], env)
    sys.path.insert(0, str(ROOT))
    from analysis import sentiment

    t0 = time.perf_counter()
    model = sentiment.train_model()
    out = ROOT / "data" / Path(*sentiment.MODEL_FILE)
    if check:
        same = model.dumps() == out.read_bytes()
        print(f"{out.relative_to(ROOT)}: {'the same bytes' if same else 'DIFFERENT bytes'}")
        return 0 if same else 1
    out.write_bytes(model.dumps())
    print(
        f"{out.relative_to(ROOT)}: {model.version}, {len(model.vocab)} grams, "
        f"calibration {model.metrics}, {time.perf_counter() - t0:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
