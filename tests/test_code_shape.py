"""Code shape: no function in koll/, ingest/, analysis/ or dashboard/ grows past LIMIT lines.

Our rule is functions under about 60 lines, split into named steps; LIMIT leaves room for
"about". A function is measured from its `def` line to its last line, nested functions and
docstrings included, as a reader meets it.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("koll", "ingest", "analysis", "dashboard")
LIMIT = 80

# Modules excused from the limit, each with its reason. Do not add to it: split the function.
ALLOWED: set[str] = set()


def long_functions(source: str, limit: int) -> list[tuple[str, int, int]]:
    """(qualified name, first line, length) of each function in `source` over `limit` lines."""
    out = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    length = child.end_lineno - child.lineno + 1
                    if length > limit:
                        out.append((name, child.lineno, length))
                visit(child, name + ".")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return out


def _modules() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (REPO / pkg).rglob("*.py"))


def test_no_function_is_longer_than_the_limit():
    found = []
    for path in _modules():
        rel = path.relative_to(REPO).as_posix()
        if rel in ALLOWED:
            continue
        for name, line, length in long_functions(path.read_text(encoding="utf-8"), LIMIT):
            found.append(f"{rel}:{line} {name} ({length} lines)")
    assert not found, f"functions over {LIMIT} lines (split them into named steps): {found}"


def test_allowed_modules_exist():
    # A renamed or removed module must leave the list too, or it would excuse nothing forever.
    assert all((REPO / rel).is_file() for rel in ALLOWED), ALLOWED


def test_measure_counts_lines_and_finds_nested_and_methods():
    body = "\n".join(f"    x{i} = {i}" for i in range(79))
    source = (
        f"def short():\n{body}\n\n"  # 80 lines: at the limit
        f"def long():\n{body}\n    y = 0\n\n"  # 81 lines
        f"class C:\n    def method(self):\n    {body.replace(chr(10), chr(10) + '    ')}\n"
        f"        y = 0\n\n"
        f"def outer():\n    def inner():\n    {body.replace(chr(10), chr(10) + '    ')}\n"
        f"        y = 0\n    return inner\n"
    )
    found = long_functions(source, LIMIT)
    assert [(name, length) for name, _, length in found] == [
        ("long", 81),
        ("C.method", 81),
        ("outer", 83),
        ("outer.inner", 81),
    ]
