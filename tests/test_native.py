"""The compiled scoring modules (setup.py, analysis/native.py): built, equal to the Python
source in every output, and never used once their source has changed."""

from __future__ import annotations

import ast
import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import native
from tests.conftest import REPO, skip_or_fail

# What the comparison scores: the development sets' texts and a few built to reach the rarer
# paths (emoticons, capitals, long texts split into sentences, other languages).
_SETS = (
    "data/sentiment/dev_sv.csv",
    "data/sentiment/social_dev_sv.csv",
    "data/sentiment/brand_targets_natural_dev_sv.csv",
)
_EXTRA = [
    "",
    "👍",
    "Inte dåligt alls, men Telia är sämre än Tele2 😡😡",
    "FRUKTANSVÄRT usel service!!! Tack för inget @SJ 🙄",
    "Bytte från ICA till Coop och ångrar inget. Hellre Lidl än Willys, ärligt.",
    "Varken bra eller dåligt. Kunde inte vara nöjdare, aldrig varit mer nöjd :)",
    "The support was great but the app crashes all the time",
    "Det här är en lång text. " * 30 + "Men slutet var fantastiskt bra!",
    "Hyvää päivää, kiitos paljon! Tämä on hyvä.",
    "Σ ΣΑΣ :D ;) =( <3 x" * 3,
]

# Runs in a subprocess: every output the compiled modules feed, one JSON line per text.
_DUMP = """
import json, sys
from analysis import native, sentiment
from analysis.sentiment_brand import classify_for_brand
from analysis.sentiment_lexicon import analyse, swedish, tokenize
from analysis.sentiment_model import model_tokens
from analysis import lang
model = sentiment.current_model()
print(json.dumps(native.compiled()))
for text in json.load(sys.stdin):
    toks = tokenize(text)
    feats = analyse(text, swedish(), toks)
    print(json.dumps([
        repr(sentiment.classify(text)), repr(classify_for_brand(text, lambda s: "Telia" in s, others=lambda s: "Tele2" in s)),
        lang.detect(text), [repr(f) for f in feats],
        [repr(p) for p in model.proba_tokens(model_tokens(toks), feats)],
    ], ensure_ascii=False))
"""


def _texts() -> list[str]:
    out = list(_EXTRA)
    for name in _SETS:
        with (REPO / name).open(encoding="utf-8", newline="") as fh:
            out += [r["text"] for r in csv.DictReader(fh)]
    return out


def _dump(texts: list[str], env: dict[str, str], cwd: Path = REPO) -> tuple[list, list, str]:
    """(the modules that ran compiled, one output row per text, stderr) of _DUMP."""
    done = subprocess.run(
        [sys.executable, "-c", _DUMP],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=cwd,
        check=True,
    )
    first, *rest = done.stdout.splitlines()
    return json.loads(first), [json.loads(line) for line in rest], done.stderr


def _need_build() -> None:
    if native.compiled() != list(native.NATIVE):
        skip_or_fail(
            "the scoring modules are not compiled (setup.py needs a C compiler and Python's "
            f"headers; compiled here: {native.compiled()}, stale: {native.STALE})"
        )


def test_setup_compiles_the_modules_native_guards():
    tree = ast.parse((REPO / "setup.py").read_text(encoding="utf-8"))
    assigned = {
        t.id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name) and t.id == "NATIVE"
    }
    assert assigned["NATIVE"] == native.NATIVE
    for name in native.NATIVE:
        assert (REPO / "analysis" / f"{name}.py").is_file()


def test_the_scoring_modules_run_compiled():
    """CI (KOLL_REQUIRE_ALL=1) fails here when `make test`'s install could not compile them."""
    _need_build()
    assert native.STALE == []


@pytest.mark.slow
def test_compiled_and_python_give_the_same_outputs():
    _need_build()
    texts = _texts()
    assert len(texts) > 3000
    built, compiled, _ = _dump(texts, {})
    pure, python, _ = _dump(texts, {native.PURE_ENV: "1"})
    assert built == list(native.NATIVE) and pure == []
    assert len(compiled) == len(python) == len(texts)
    for text, a, b in zip(texts, compiled, python, strict=True):
        assert a == b, text


def _copy_package(dest: Path) -> Path:
    """The analysis package with its compiled files, as installed, in `dest`."""
    shutil.copytree(
        REPO / "analysis", dest / "analysis", ignore=shutil.ignore_patterns("__pycache__")
    )
    for lib in REPO.glob("koll_native__mypyc.*"):
        shutil.copy2(lib, dest / lib.name)
    return dest / "analysis"


def test_a_module_changed_after_compiling_runs_all_of_them_as_python(tmp_path):
    _need_build()
    copy = _copy_package(tmp_path)
    env = {"PYTHONPATH": f"{tmp_path}{os.pathsep}{REPO}"}
    texts = ["Usel service från Telia, men appen är toppen 👍"]
    built, before, _ = _dump(texts, env, cwd=tmp_path)
    assert built == list(native.NATIVE)
    # An edit that changes what lang.detect() answers, so the test sees which code ran.
    lang = copy / "lang.py"
    lang.write_text(
        lang.read_text(encoding="utf-8").replace(
            "def detect(text: str, tokens: list[str] | None = None) -> str:\n",
            "def detect(text: str, tokens: list[str] | None = None) -> str:\n    return 'xx'\n",
        ),
        encoding="utf-8",
    )
    built, after, stderr = _dump(texts, env, cwd=tmp_path)
    assert built == []  # none compiled: all three run as Python
    assert after[0][2] == "xx"  # the edited source is what runs
    assert "lang.py changed since compiled" in stderr
    assert before[0][2] == "sv"


def test_without_a_build_record_compiled_files_are_not_trusted(tmp_path):
    """A failed or interrupted build leaves no analysis/native.json (setup.py writes it last)."""
    _need_build()
    copy = _copy_package(tmp_path)
    (copy / "native.json").unlink()
    env = {"PYTHONPATH": f"{tmp_path}{os.pathsep}{REPO}"}
    built, _, _ = _dump(["Bra!"], env, cwd=tmp_path)
    assert built == []
