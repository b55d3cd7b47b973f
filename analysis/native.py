"""Which of koll's modules run compiled (mypyc, see setup.py), and a guard against stale builds.

An editable install (`pip install -e .`, which `make` runs) puts the compiled modules next to
their source, and Python prefers them to the .py files. After a module is edited, or a branch
checked out, its compiled self would still run the old code, so install() (run when the
`analysis` package is imported) has Python load the source of every module whose source no
longer matches the one it was compiled from (setup.py records that in analysis/native.json).
`KOLL_PURE_PYTHON=1` in the environment does the same for all of them, for comparing the two.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from pathlib import Path

#: The scoring modules setup.py compiles: tokens, rule features, language and the model's
#: scores, where a short post spends nearly all its time (docs/sentiment.md, "Speed").
NATIVE = ("lang", "sentiment_lexicon", "sentiment_model", "sentiment_score")
PURE_ENV = "KOLL_PURE_PYTHON"  # "1": run them as Python even when compiled
_HERE = Path(__file__).resolve().parent
_SUFFIXES = tuple(importlib.machinery.EXTENSION_SUFFIXES)


class _SourceFirst(importlib.abc.MetaPathFinder):
    """Finds the listed modules of this package as their .py source, past a compiled file."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self.names:
            return None
        return importlib.util.spec_from_file_location(
            fullname, _HERE / (fullname.rpartition(".")[2] + ".py")
        )


def _built(name: str) -> bool:
    return any((_HERE / (name + s)).exists() for s in _SUFFIXES)


def _stale(names: tuple[str, ...]) -> list[str]:
    """The compiled modules whose source changed since they were compiled."""
    try:
        stamp = json.loads((_HERE / "native.json").read_text())
    except (OSError, ValueError):
        stamp = {}
    return [
        n
        for n in names
        if stamp.get(n) != hashlib.sha256((_HERE / (n + ".py")).read_bytes()).hexdigest()
    ]


def install(pure: bool) -> list[str]:
    """Have Python load the source of the compiled modules when any of them is stale (or
    `pure`); returns the modules that now run as Python.

    All or none: compiled modules call each other directly, so one stale module run as Python
    beside its compiled neighbours would leave them calling its old compiled code.
    """
    built = tuple(n for n in NATIVE if _built(n))
    if not built:
        return []
    stale = [] if pure else _stale(built)
    if not pure and not stale:
        return []
    sys.meta_path.insert(0, _SourceFirst({f"{__package__}.{n}" for n in built}))
    if stale:
        warnings.warn(
            f"analysis: {', '.join(n + '.py' for n in stale)} changed since compiled (or the "
            "build left no record); scoring runs as Python (slower) until reinstalled "
            "(`make test`, or `pip install -e .`)",
            stacklevel=2,
        )
    return list(built)


def compiled() -> list[str]:
    """The modules of NATIVE that run compiled in this process."""
    out = []
    for n in NATIVE:
        mod = sys.modules.get(f"{__package__}.{n}")
        if mod is None:
            mod = __import__(f"{__package__}.{n}", fromlist=["_"])
        if str(getattr(mod, "__file__", "")).endswith(_SUFFIXES):
            out.append(n)
    return out


STALE = install(os.environ.get(PURE_ENV) == "1")
