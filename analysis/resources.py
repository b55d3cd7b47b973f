"""Locate the data files shipped with koll (lexicons, training texts); reading them is the only I/O here."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

# data/ is a package of its own (package data in the wheel), so importlib.resources finds it
# wherever koll is installed; a path relative to this file only worked inside a checkout.
DATA_PACKAGE = "data"


def data_path(*parts: str) -> Traversable:
    """The shipped file data/<parts...>; open it with .open(), .read_text() or .read_bytes()."""
    path = files(DATA_PACKAGE).joinpath(*parts)
    if not path.is_file():
        raise FileNotFoundError(
            f"koll data file missing: data/{'/'.join(parts)} (a broken koll installation?)"
        )
    return path
