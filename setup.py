"""Builds koll: pyproject.toml says what; this file compiles the sentiment scorer's hot modules.

The modules in analysis/native.py's NATIVE are compiled with mypyc (the same source, which mypy
checks anyway) when a C compiler and Python's headers are at hand; scoring a short post then
takes about a third less time (docs/sentiment.md, "Speed"). Without them, or with
KOLL_PURE_PYTHON=1, the build leaves them as Python: the same results, slower. A failed
compile never fails the install.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
# Kept equal to analysis/native.py's NATIVE (setup.py cannot import the package it builds;
# tests/test_native.py checks the two lists).
NATIVE = ("lang", "sentiment_lexicon", "sentiment_model", "sentiment_score")
STAMP = ROOT / "analysis" / "native.json"


def _say(msg: str) -> None:
    print(f"koll setup: {msg}", file=sys.stderr)


class OptionalBuildExt(build_ext):
    """build_ext that leaves koll pure Python when compiling fails, instead of failing, and
    records which source the compiled modules were built from."""

    digests: dict[str, str] = {}  # module -> sha256 of the source mypyc compiled

    def run(self) -> None:
        # No record until the build succeeded: compiled files left from an earlier build then
        # count as stale, and analysis/native.py runs the modules as Python.
        STAMP.unlink(missing_ok=True)
        try:
            super().run()
        except Exception as e:  # no compiler, no headers, ...: Python it is
            for ext in self.extensions:
                Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)
            _forget()  # and an earlier build's files in the checkout
            _say(f"compiling the sentiment modules failed ({e}); they stay Python (slower)")
            return
        if self.digests:
            text = json.dumps(self.digests, indent=1) + "\n"
            for folder in {ROOT / "analysis", Path(self.build_lib) / "analysis"}:
                if folder.is_dir():
                    (folder / STAMP.name).write_text(text)


# The setup.py commands that build (pip also runs it only to read the metadata).
_BUILDS = {"build", "build_ext", "bdist_wheel", "editable_wheel", "develop", "install"}


def _forget() -> None:
    """No compiled modules: removes those an earlier build left in the checkout."""
    STAMP.unlink(missing_ok=True)
    for suffix in EXTENSION_SUFFIXES:
        (ROOT / f"koll_native__mypyc{suffix}").unlink(missing_ok=True)
        for name in NATIVE:
            (ROOT / "analysis" / f"{name}{suffix}").unlink(missing_ok=True)


def _extensions() -> list:
    if not _BUILDS & set(sys.argv[1:]):
        return []
    if os.environ.get("KOLL_PURE_PYTHON") == "1":
        _say("KOLL_PURE_PYTHON=1: the sentiment modules stay Python")
        _forget()
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _say("mypyc is not installed: the sentiment modules stay Python (slower)")
        _forget()
        return []
    paths = [f"analysis/{name}.py" for name in NATIVE]
    # The source each compiled module is built from, so that a module edited since runs as
    # Python, not as its stale compiled self (analysis/native.py reads this).
    OptionalBuildExt.digests = {
        n: hashlib.sha256((ROOT / p).read_bytes()).hexdigest()
        for n, p in zip(NATIVE, paths, strict=True)
    }
    try:
        # numpy and scipy are not in the build's environment; the compiled code imports them
        # the way Python does, so their types do not matter here.
        return mypycify(
            ["--ignore-missing-imports", *paths], group_name="koll_native", opt_level="3"
        )
    except BaseException as e:  # mypy's errors end in SystemExit
        _say(f"mypyc could not compile the sentiment modules ({e!r}); they stay Python")
        _forget()
        return []


setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
