"""koll's public Python API for analysts: open a workspace, load typed DataFrames, classify texts.

    import koll
    ws = koll.open_workspace("koll-demo/koll.toml")     # or set KOLL_CONFIG
    first, last = ws.day_range("Fjällkraft")           # the days it has mentions
    df = ws.mentions("Fjällkraft", since=first, until=last)
    ws.control("Fjällkraft", first, last)["control_index"]
    koll.classify(["Grym service!", "Helt värdelöst."])

See docs/api.md for the full reference. Names exported here are stable.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Loaded on first use (PEP 562): `koll` is also the parent of the CLI, the config and the store,
# and `import koll.store` in an ingest worker or `koll --help` must not pull in pandas.
_EXPORTS = {
    "LABEL": "koll.frames",
    "TZ": "koll.frames",
    "classify": "koll.sentiment",
    "Workspace": "koll.workspace",
    "open_workspace": "koll.workspace",
}

__all__ = ["LABEL", "TZ", "Workspace", "__version__", "classify", "open_workspace"]

if TYPE_CHECKING:
    from koll.frames import LABEL, TZ
    from koll.sentiment import classify
    from koll.workspace import Workspace, open_workspace


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'koll' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names once each (a loaded one is also a global) and the module's dunders,
    not this file's helpers (importlib, Any, TYPE_CHECKING) or the submodules loaded so far."""
    return sorted({*__all__, *(n for n in globals() if n.startswith("__") and n.endswith("__"))})
