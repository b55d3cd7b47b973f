"""koll's public Python API for analysts: open a workspace, load typed DataFrames, classify texts.

    import koll
    ws = koll.open_workspace("koll-demo/koll.toml")     # or set KOLL_CONFIG
    df = ws.mentions("Fjällkraft", since="2026-11-01")
    ws.control("Fjällkraft", since="2026-11-01", until="2026-11-30")["control_index"]
    koll.classify(["Grym service!", "Helt värdelöst."])

See docs/api.md for the full reference. Names exported here are stable.
"""

from __future__ import annotations

from koll.frames import LABEL, TZ
from koll.sentiment import classify
from koll.workspace import Workspace, open_workspace

__version__ = "0.1.0"

__all__ = ["LABEL", "TZ", "Workspace", "__version__", "classify", "open_workspace"]
