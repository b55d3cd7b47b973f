"""Where a key of koll.toml stands in the file, so that a config error can name its line.

Python's TOML reader gives values, not positions: this finds a key such as `brands[1].aliases`
or `storage.url` by walking the file's table headers ([storage], the second [[brands]]) and the
keys under them. A key it cannot place (a dotted key, an inline table, a value from the
environment) gives the line of its table, or none.
"""

from __future__ import annotations

import re

_PART = re.compile(r"([A-Za-z0-9_-]+)(?:\[(\d+)\])?$")
_HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""\s*["']?([A-Za-z0-9_-]+)["']?\s*=""")


def _parts(key: str) -> list[tuple[str, int | None]] | None:
    """`brands[1].aliases` as [("brands", 1), ("aliases", None)]; None for what is no key."""
    out = []
    for part in key.split("."):
        m = _PART.match(part)
        if m is None:
            return None
        out.append((m[1], int(m[2]) if m[2] is not None else None))
    return out


def _header(lines: list[str], name: str, index: int | None) -> int | None:
    """The line number (0-based) of [name], or of the index-th [[name]]."""
    seen = 0
    for i, line in enumerate(lines):
        m = _HEADER.match(line)
        if m is None or m[2] != name or (m[1] == "[[") != (index is not None):
            continue
        if index is None or seen == index:
            return i
        seen += 1
    return None


def _key_below(lines: list[str], start: int, name: str) -> int | None:
    """The line number (0-based) of `name = …` from lines[start] to the next table header."""
    for i in range(start, len(lines)):
        if _HEADER.match(lines[i]):
            return None
        m = _KEY.match(lines[i])
        if m is not None and m[1] == name:
            return i
    return None


def key_line(text: str, key: str) -> int | None:
    """The line (1-based) of koll.toml's `text` where `key` (as ConfigError names it) is set:
    its own line, or its table's header when the key itself is not written (a missing name)."""
    parts = _parts(key)
    if not parts:
        return None
    lines = text.splitlines()
    (first, index), rest = parts[0], parts[1:]
    at = _header(lines, first, index)
    if at is None:
        # A key outside any table (before the first header), or nothing koll.toml holds.
        found = _key_below(lines, 0, first) if index is None else None
        return None if found is None else found + 1
    if rest:
        found = _key_below(lines, at + 1, rest[0][0])
        if found is not None:
            return found + 1
    return at + 1
