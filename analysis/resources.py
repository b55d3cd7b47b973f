"""Locate the data files shipped with koll (lexicons, training texts); reading them is the only I/O here."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_path(*parts: str) -> Path:
    path = DATA_DIR.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(
            f"koll data file missing: {path} (is koll installed from a full checkout?)"
        )
    return path
