"""Imports every store module that defines tables beyond schema.py, so migrate() creates them."""

from koll.store import (
    analysis_store,  # noqa: F401  (stories, topics, alerts)
    term_store,  # noqa: F401  (per-day term counts)
)
