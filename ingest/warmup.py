"""Have the sentiment model ready in a worker process: load it from a local cache, else train it.

The shipped model is trained at first use (a few seconds of CPU). `koll ingest` runs every few
minutes and starts fresh worker processes each time, so the trained model is kept in a cache file
named after MODEL_VERSION (a hash of the training inputs): a stale file can never be used for a
newer model, and a missing or unreadable one only costs the training again.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from analysis import sentiment
from analysis.sentiment_model import Model

log = logging.getLogger("koll.ingest")


def cache_dir() -> Path:
    """$KOLL_CACHE_DIR as it is, else $XDG_CACHE_HOME/koll, else ~/.cache/koll."""
    if os.environ.get("KOLL_CACHE_DIR"):
        return Path(os.environ["KOLL_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "koll" if base else Path.home() / ".cache" / "koll"


def ensure_model() -> None:
    """Install the cached shipped model, or train it once and cache it (best effort)."""
    path = cache_dir() / f"sentiment-{sentiment.MODEL_VERSION}.model"
    try:
        model = Model.loads(path.read_bytes())
        if model.version == sentiment.MODEL_VERSION:
            sentiment.set_model(model)
            return
    except (OSError, ValueError, KeyError):
        pass
    model = sentiment.current_model()
    if model.version != sentiment.MODEL_VERSION:
        return  # an installed (retrained) model: not ours to cache
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(model.dumps())
        tmp.replace(path)  # atomic: concurrent workers never read half a file
