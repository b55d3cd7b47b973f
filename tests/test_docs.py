"""The documentation keeps up with the code: settings, control fields, names, paths and examples.

Users read README.md and docs/; code, notebooks and the dashboard cite those, never the design
notes outside the repo. Each test derives what must be documented from the code itself, so a new
setting or output field fails here until its page says what it is.
"""

from __future__ import annotations

import ast
import csv
import importlib
import importlib.util
import json
import os
import re
import shlex
import shutil
import tomllib
from collections import Counter
from pathlib import Path

import pytest

import koll.config
from koll.cli import build_parser, main
from koll.config import ConfigError, settings_from_dict
from koll.store import Store
from koll.store.views import control_report
from tests.conftest import REPO

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
CONFIG_MD = REPO / "docs" / "config.md"
CONTROL_MD = REPO / "docs" / "control.md"

# --- no citations of the design notes ------------------------------------------------------------

# Spelt in two parts so that this file does not cite them itself.
DESIGN_NOTES = ("DESIGN" + ".md").encode()
# Tools' folders, not the project's files; the lexicons are third-party data used as shipped.
SKIP_DIRS = {".venv", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", "node_modules"}
SKIP_PATHS = {REPO / "data" / "lexicons"}


def _project_files():
    for root, dirs, files in os.walk(REPO):
        here = Path(root)
        dirs[:] = [
            d
            for d in dirs
            if d not in SKIP_DIRS and not d.endswith(".egg-info") and here / d not in SKIP_PATHS
        ]
        for name in files:
            yield here / name


def test_no_file_cites_the_design_notes():
    hits = [str(p.relative_to(REPO)) for p in _project_files() if DESIGN_NOTES in p.read_bytes()]
    assert not hits, f"cite docs/ instead of {DESIGN_NOTES.decode()}: {hits}"


def test_the_design_notes_check_sees_the_repo():
    # The walk must reach the places that cited the notes before (so the test above can fail).
    seen = {p.relative_to(REPO).as_posix() for p in _project_files()}
    assert {"analysis/control.py", "docs/api.md", "notebooks/03_kontroll.ipynb"} <= seen
    assert not any(s.startswith(("data/lexicons/", ".venv/")) for s in seen)


# --- every setting koll.toml accepts is in docs/config.md -----------------------------------------

PROBE = "zz_not_a_setting"
UNKNOWN_KEY = re.compile(r"unknown key \(expected one of: (.*)\)$")


def _doc_at(path: tuple[tuple[str, bool], ...], value) -> dict:
    """A koll.toml document with `value` at `path` ((name, is_array_of_tables) from the top)."""
    for name, array in reversed(path):
        value = {name: [value] if array else value}
    return value


def _accepted(path) -> set[str] | None:
    """The keys the table at `path` accepts, read from the error an unknown key gets; None when
    `path` is no table (koll answers a probe there with some other complaint)."""
    try:
        settings_from_dict(_doc_at(path, {PROBE: 1}), Path("probe.toml"), env={})
    except ConfigError as e:
        m = UNKNOWN_KEY.match(e.problem)
        if m and e.key.endswith(PROBE):
            return set(m.group(1).split(", "))
    except Exception:
        return None
    return None


def accepted_settings(path=()) -> dict[str, set[str]]:
    """{dotted table name: its keys} for every table koll.toml may have ("" is the top level)."""
    found: dict[str, set[str]] = {".".join(n for n, _ in path): set()}
    for key in sorted(_accepted(path) or ()):
        found[".".join(n for n, _ in path)].add(key)
        for array in (False, True):
            sub = (*path, (key, array))
            if _accepted(sub) is not None:
                found.update(accepted_settings(sub))
                break
    return found


def _literal_key_sets() -> set[str]:
    """Keys in the string sets that koll/config.py (and its parts, koll/config_*.py) hands to
    `only(...)`, straight from the source: a second route to the keys, for tables the probe above
    cannot reach."""
    source = Path(koll.config.__file__)
    if source.name == "__init__.py":
        files = sorted(source.parent.glob("*.py"))
    else:
        files = [source, *sorted(source.parent.glob("config_*.py"))]
    keys: set[str] = set()
    for f in files:
        tree = ast.parse(f.read_text(encoding="utf-8"))
        named = {}  # NAME = {"a", "b"} assignments, for only(NAME)
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Set):
                for t in node.targets:
                    if isinstance(t, ast.Name):
                        named[t.id] = node.value
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "only"
                and node.args
            ):
                continue
            arg = node.args[0]
            arg = named.get(arg.id, arg) if isinstance(arg, ast.Name) else arg
            if isinstance(arg, ast.Set):
                keys |= {e.value for e in arg.elts if isinstance(e, ast.Constant)}
    return keys


def _table_sections(markdown: str) -> dict[str, str]:
    """The text under each heading that names a table (`[fetch]`, `[[brands]]`), by dotted name;
    a section runs to the next heading of the same or a higher level."""
    sections: dict[str, str] = {}
    current, level = None, 0
    for line in markdown.splitlines():
        heading = re.match(r"(#+)\s", line)
        if heading:
            named = re.search(r"`\[\[?([\w.]+)\]\]?`", line)
            if named:
                current, level = named.group(1), len(heading.group(1))
                sections.setdefault(current, "")
                continue
            if current and len(heading.group(1)) <= level:
                current = None
        if current:
            sections[current] += line + "\n"
    return sections


def test_the_settings_probe_finds_what_config_py_accepts():
    tables = accepted_settings()
    # The probe must see the tables and keys we know of, or the next test could pass vacuously.
    assert {"storage", "brands", "feeds", "fetch", "dashboard", "control.weights"} <= set(tables)
    assert tables["fetch"] == set(koll.config.FetchSettings.__dataclass_fields__)
    assert {"name", "aliases", "people"} <= tables["brands"]
    assert {"url", "kind", "owner"} <= tables["feeds"]
    assert _literal_key_sets() <= set().union(*tables.values()), (
        "config.py accepts keys in a table the probe cannot reach; extend accepted_settings()"
    )


def test_every_setting_is_documented_in_config_md():
    text = CONFIG_MD.read_text(encoding="utf-8")
    sections = _table_sections(text)
    missing = []
    tables = accepted_settings()
    for table, keys in sorted(tables.items()):
        if table == "":
            for key in keys:
                if key in tables and key not in sections:
                    missing.append(f"a heading for [{key}] (or [[{key}]])")
                elif key not in tables and f"`{key}`" not in text:
                    missing.append(f"top-level `{key}`")
            continue
        # A table's keys belong in its own section, else in its nearest documented parent's.
        parts = table.split(".")
        home = next(
            (
                ".".join(parts[:i])
                for i in range(len(parts), 0, -1)
                if ".".join(parts[:i]) in sections
            ),
            None,
        )
        if home is None:
            missing.append(f"a heading for [{table}]")
            continue
        missing += [
            f"{table}.{k} (under [{home}])" for k in sorted(keys) if f"`{k}`" not in sections[home]
        ]
    # The keys read from the source are not tied to a table: named anywhere, as a key or a table.
    missing += [
        f"`{k}`" for k in sorted(_literal_key_sets()) if not re.search(rf"`{k}`|`\[\[?{k}\]", text)
    ]
    assert not missing, f"docs/config.md does not document: {', '.join(missing)}"


# --- every field of `koll control` is defined in docs/control.md --------------------------------


@pytest.fixture(scope="module")
def demo_copy(demo_workspace, tmp_path_factory) -> Path:
    """A folder holding `koll-demo/`, a copy of the session's demo workspace, as the docs assume."""
    root = tmp_path_factory.mktemp("docs")
    shutil.copytree(
        demo_workspace.parent, root / "koll-demo", ignore=shutil.ignore_patterns("*.lock")
    )
    (root / "koll-demo" / demo_workspace.name).rename(root / "koll-demo" / "koll.toml")
    return root


@pytest.fixture(scope="module")
def demo_report(demo_copy) -> dict:
    settings = koll.config.load_settings(demo_copy / "koll-demo" / "koll.toml", env={})
    store = Store(settings.database_url)
    try:
        return control_report(store, settings, "Fjällkraft", "2026-11-01", "2026-11-30")
    finally:
        store.close()


def test_every_control_field_is_defined_in_control_md(demo_report):
    text = CONTROL_MD.read_text(encoding="utf-8")
    headings = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    # brand, since and until repeat the question; every other field gets a section of its own.
    undefined = [
        k for k in demo_report if k not in ("brand", "since", "until") and f"`{k}`" not in headings
    ]
    assert not undefined, f"docs/control.md has no section for: {undefined}"


def test_control_md_example_has_the_fields_koll_prints(demo_report):
    blocks = [json.loads(code) for lang, code in _code_blocks(CONTROL_MD) if lang == "json"]
    assert blocks, "docs/control.md shows no example output"
    for example in blocks:
        assert set(example) <= set(demo_report), set(example) - set(demo_report)
        assert set(demo_report) <= set(example), set(demo_report) - set(example)


# --- names and paths the docs cite exist --------------------------------------------------------


def _code_blocks(path: Path) -> list[tuple[str, str]]:
    text = path.read_text(encoding="utf-8")
    return [
        (m.group(1), m.group(2)) for m in re.finditer(r"^```(\w*)\n(.*?)^```", text, re.S | re.M)
    ]


def _notebook_markdown() -> list[tuple[Path, str]]:
    out = []
    for nb in sorted((REPO / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        out += [(nb, "".join(c["source"])) for c in cells if c["cell_type"] == "markdown"]
    return out


def _prose() -> list[tuple[Path, str]]:
    return [(p, p.read_text(encoding="utf-8")) for p in DOCS] + _notebook_markdown()


TOP_DIRS = sorted(p.name for p in REPO.iterdir() if p.is_dir() and not p.name.startswith("."))


def test_cited_repo_paths_exist():
    tops = "|".join(map(re.escape, TOP_DIRS))
    pattern = re.compile(rf"`((?:{tops})/[\w./-]*)`")
    missing = [
        f"{src.name}: {m}"
        for src, text in _prose()
        for m in pattern.findall(text)
        if "NAME" not in m and not (REPO / m.rstrip("/")).exists()
    ]
    links = re.compile(r"\]\(([^)#\s:]+)(?:#[^)]*)?\)")
    missing += [
        f"{src.name}: link {m}"
        for src, text in _prose()
        if src.suffix == ".md"
        for m in links.findall(text)
        if not (src.parent / m).exists()
    ]
    assert not missing, missing


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        module = ".".join(parts[:i])
        try:
            obj = importlib.import_module(module)
        except ModuleNotFoundError:
            continue
        try:
            for attr in parts[i:]:
                obj = getattr(obj, attr)
        except AttributeError:
            return False
        return True
    return False


def test_cited_python_names_exist():
    names = re.compile(r"`((?:koll|ingest|analysis|dashboard|bench)(?:\.\w+)+)`")
    modules = re.compile(r"python -m ([\w.]+)")
    not_code = ("koll.toml",)  # the config file's name, not a module
    missing = [
        f"{src.name}: {n}"
        for src, text in _prose()
        for n in names.findall(text)
        if n not in not_code and not _resolves(n)
    ]
    missing += [
        f"{src.name}: python -m {m}"
        for src, text in _prose()
        for m in modules.findall(text)
        if "NAME" not in m and importlib.util.find_spec(m) is None
    ]
    assert not missing, missing


# --- the examples run -----------------------------------------------------------------------------


def test_toml_examples_are_valid_configs(tmp_path):
    examples = [(p, code) for p in DOCS for lang, code in _code_blocks(p) if lang == "toml"]
    assert len(examples) >= 10
    for path, code in examples:
        try:
            # A password comes from the environment, as the docs advise (a login needs both).
            env = {"KOLL_DASHBOARD_PASSWORD": "example"}
            settings_from_dict(tomllib.loads(code), tmp_path / "koll.toml", env=env)
        except (ConfigError, tomllib.TOMLDecodeError) as e:
            pytest.fail(f"{path.name}: example config {code[:60]!r}... is refused: {e}")


def _command_lines() -> list[tuple[Path, list[str]]]:
    out = []
    for path in DOCS:
        for lang, code in _code_blocks(path):
            if lang not in ("", "sh", "bash", "console"):
                continue
            for line in code.splitlines():
                if line.startswith("koll "):
                    out.append((path, shlex.split(line, comments=True)[1:]))
    return out


def _runs_here(argv: list[str]) -> bool:
    """Whether a documented command can run against the demo: not the long-running ones, and not
    those that name another machine's files or databases."""
    return argv[0] not in ("demo", "serve") and not any(
        a.startswith("/") or "://" in a for a in argv
    )


def test_command_examples_parse_and_run(demo_copy, monkeypatch, capsys):
    monkeypatch.chdir(demo_copy)
    monkeypatch.setenv("KOLL_CONFIG", "koll-demo/koll.toml")
    monkeypatch.delenv("KOLL_DATABASE_URL", raising=False)
    commands = _command_lines()
    assert sum(_runs_here(argv) for _, argv in commands) >= 2
    for path, argv in commands:
        try:
            build_parser().parse_args(argv)
        except SystemExit:
            pytest.fail(f"{path.name}: `koll {shlex.join(argv)}` is not a valid command line")
        if _runs_here(argv):
            code = main(argv)
            err = capsys.readouterr().err
            assert code == 0, f"{path.name}: `koll {shlex.join(argv)}` exited {code}: {err}"


def test_python_examples_run(demo_copy, monkeypatch):
    monkeypatch.chdir(demo_copy)
    monkeypatch.setenv("KOLL_CONFIG", "koll-demo/koll.toml")
    monkeypatch.delenv("KOLL_DATABASE_URL", raising=False)
    examples = [(p, code) for p in DOCS for lang, code in _code_blocks(p) if lang == "python"]
    assert examples
    for path, code in examples:
        namespace: dict = {}
        try:
            exec(compile(code, f"{path.name} example", "exec"), namespace)
        except Exception as e:
            pytest.fail(f"{path.name}: the example fails: {type(e).__name__}: {e}")
        finally:
            if "ws" in namespace:
                namespace["ws"].close()


def test_training_data_md_counts_the_shipped_rows():
    """data/sentiment/TRAINING_DATA.md's class counts are those of the shipped CSVs (they had
    gone stale: 2,662 train rows against 2,843 shipped)."""
    text = (REPO / "data" / "sentiment" / "TRAINING_DATA.md").read_text(encoding="utf-8")
    for name in ("train_sv.csv", "dev_sv.csv"):
        with (REPO / "data" / "sentiment" / name).open(encoding="utf-8", newline="") as fh:
            labels = Counter(r["label"] for r in csv.DictReader(fh))
        row = re.search(
            rf"^\| {re.escape(name)} \| (\d+) \| (\d+) .*?\| (\d+) .*?\| (\d+) ", text, re.M
        )
        assert row, f"TRAINING_DATA.md has no class-count row for {name}"
        want = [sum(labels.values()), labels["pos"], labels["neu"], labels["neg"]]
        assert [int(x) for x in row.groups()] == want, f"{name}: update TRAINING_DATA.md to {want}"
