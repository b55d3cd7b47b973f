"""`koll analyse` as a library call: recompute whatever derived data is missing or stale."""

from __future__ import annotations

import logging

from ingest.config import Settings

log = logging.getLogger("koll.analyse")


def analyse_all(*, settings: Settings) -> dict:
    """Run each analysis step that exists; returns a summary per step."""
    summary: dict = {}
    return summary
