"""The package layout's import rules (README.md, "Contributing"): imports only go downwards.

Read from the source with `ast`, so a rule broken in a module no test imports still fails here.
Module-level imports count; imports inside functions (the CLI's lazy ones) and under
`if TYPE_CHECKING:` do not create a runtime dependency and are left out of the cycle check.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("analysis", "ingest", "koll", "dashboard")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.Module, module: str, *, top_level_only: bool) -> set[str]:
    """Project modules imported by `tree` (absolute names; `from a import b` counts a.b if a
    module of that name exists, else a)."""
    found: set[str] = set()

    def visit(nodes, top: bool) -> None:
        for node in nodes:
            if isinstance(node, ast.Import):
                if top or not top_level_only:
                    found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                if not (top or not top_level_only) or node.level:
                    continue
                base = node.module or ""
                for a in node.names:
                    found.add(f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base)
            elif isinstance(node, ast.If) and _is_type_checking(node):
                if not top_level_only:
                    visit(node.body, top)
                visit(node.orelse, top)
            elif isinstance(node, ast.If | ast.Try | ast.With):
                for field in ("body", "orelse", "finalbody", "handlers"):
                    for child in getattr(node, field, []):
                        visit(child.body if isinstance(child, ast.ExceptHandler) else [child], top)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                visit(node.body, False)

    visit(tree.body, True)
    return {m for m in found if m.split(".")[0] in PACKAGES}


SOURCES = {_module_name(p): p for pkg in PACKAGES for p in sorted((REPO / pkg).rglob("*.py"))}
MODULES = set(SOURCES)
TREES = {m: ast.parse(p.read_text(encoding="utf-8")) for m, p in SOURCES.items()}


def _all_imports(module: str) -> set[str]:
    return _imports(TREES[module], module, top_level_only=False)


def _under(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


# The settings layer: koll.toml's reader, its [[searches]] part (search types, platforms'
# politeness), reading the file, checking one value, the [[brands]] tables and where a key
# stands in the file (for errors), which import nothing of koll.
CONFIG = (
    "koll.config",
    "koll.searches",
    "koll.config_file",
    "koll.config_values",
    "koll.config_brands",
    "koll.config_lines",
)
# What each layer may import (besides itself), per the README's layout.
RULES = [
    ("analysis", ("analysis",)),
    ("koll.config", ("analysis", *CONFIG)),
    ("koll.searches", ("analysis", "koll.searches")),
    ("koll.config_values", ("koll.config_values",)),
    ("koll.config_file", ("koll.config_file", "koll.config_values")),
    ("koll.config_brands", ("analysis", "koll.config_brands", "koll.config_values")),
    ("koll.store", ("analysis", "koll.store")),
    # What every scheduled run shares (its lock, exit 75, SIGTERM as Ctrl-C): beside the store,
    # whose StoreError it raises for a lock file it cannot open.
    ("koll.run_lock", ("koll.run_lock", "koll.store")),
    ("ingest", ("analysis", *CONFIG, "koll.store", "koll.run_lock", "ingest")),
    ("koll.files", ("koll.files",)),
    (
        "koll.jobs",
        ("analysis", *CONFIG, "koll.store", "koll.files", "koll.run_lock", "ingest", "koll.jobs"),
    ),
    ("dashboard", ("analysis", *CONFIG, "koll.store", "dashboard")),
]


@pytest.mark.parametrize(("layer", "allowed"), RULES, ids=[r[0] for r in RULES])
def test_imports_go_downwards(layer, allowed):
    wrong = {
        f"{m} imports {i}"
        for m in MODULES
        if _under(m, layer)
        for i in _all_imports(m)
        if not _under(i, *allowed) and i != "koll"
    }
    assert not wrong, sorted(wrong)


def test_no_module_level_import_cycle():
    graph = {m: _imports(TREES[m], m, top_level_only=True) & MODULES for m in MODULES}
    # A package's __init__ is imported before any of its modules: that edge is implied.
    for m in MODULES:
        parent = m.rpartition(".")[0]
        if parent in MODULES:
            graph[m].add(parent)
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if n == m.rpartition(".")[0] and n in stack:
                continue  # a module imported from its own package's __init__ (the lazy API)
            if state.get(n) == 1:
                return stack[stack.index(n) :] + [n]
            if n not in state and (cycle := walk(n)):
                return cycle
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(MODULES):
        if m not in state and (cycle := walk(m)):
            pytest.fail("import cycle: " + " -> ".join(cycle))


def test_no_old_core_paths_left():
    old = ("ingest.store", "ingest.config", "ingest.cli", "ingest.commands")
    hits = [
        f"{p.relative_to(REPO)}"
        for p in [*REPO.glob("*/**/*.py"), *REPO.glob("*.py")]
        if ".venv" not in p.parts and p.name != "test_layout.py"
        for o in old
        if o in p.read_text(encoding="utf-8")
    ]
    assert not hits, hits


def test_make_test_type_checks_every_package_before_the_tests():
    """`make test` runs mypy over all four packages (README.md, "Contributing"), before pytest."""
    import tomllib

    mypy = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert sorted(mypy["files"]) == sorted(PACKAGES)
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    steps = [line.strip() for line in recipe.splitlines()[1:]]
    assert "$(BIN)/mypy" in steps
    assert steps.index("$(BIN)/mypy") < next(i for i, s in enumerate(steps) if "PYTEST" in s)
