"""Where a key of koll.toml stands in the file, so that a config error can name its line.

Python's TOML reader gives values, not positions: this finds a key such as `brands[1].aliases`
or `storage.url` by walking the file's table headers ([storage], the second [[brands]]) and the
keys under them. A key it cannot place (a dotted key, an inline table, a value from the
environment) gives the line of its table, or none. feed_key and feed_place name a configured
feed's entry the same way, for the warnings about a feed (ingest/feed_sync.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from koll.config import Settings

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


def _key_below(lines: list[str], start: int, name: str) -> int | None:
    """The line number (0-based) of `name = …` from lines[start] to the next table header."""
    for i in range(start, len(lines)):
        if _HEADER.match(lines[i]):
            return None
        m = _KEY.match(lines[i])
        if m is not None and m[1] == name:
            return i
    return None


def _headers(lines: list[str]) -> list[tuple[int, str, bool]]:
    """Every table header as (line number 0-based, dotted name, is an [[array]] header)."""
    out = []
    for i, line in enumerate(lines):
        m = _HEADER.match(line)
        if m is not None:
            out.append((i, m[2], m[1] == "[["))
    return out


def _table(
    headers: list[tuple[int, str, bool]], name: str, index: int | None, within: tuple[int, int]
) -> tuple[int, tuple[int, int]] | None:
    """The header line of [name], or of the index-th [[name]] between lines within[0] and
    within[1], and the lines its own tables may stand on (an [[array]] entry's run to its next
    entry or to a header outside it; a plain table: anywhere, TOML lets its parts be apart)."""
    found = _header(headers, name, index, within)
    if found is None and index is None:
        # A key named without an index that stands as an [[array]]: a misspelt table ([[feed]]
        # for [[feeds]]) or one under the wrong parent ([[fetch.feeds]]), which the reader
        # refuses by its name. Its first header is where it is written (it had no line, or
        # its parent's).
        found = _header(headers, name, 0, within)
    return found


def _header(
    headers: list[tuple[int, str, bool]], name: str, index: int | None, within: tuple[int, int]
) -> tuple[int, tuple[int, int]] | None:
    """_table's search for one kind of header: [name] when index is None, else [[name]]'s."""
    seen = 0
    for n, (i, got, array) in enumerate(headers):
        if not within[0] <= i < within[1] or got != name or array != (index is not None):
            continue
        if index is None:
            return i, within
        if seen == index:
            end = next(
                (j for j, h, _ in headers[n + 1 :] if h == name or not h.startswith(name + ".")),
                within[1],
            )
            return i, (i + 1, min(end, within[1]))
        seen += 1
    return None


def key_line(text: str, key: str) -> int | None:
    """The line (1-based) of koll.toml's `text` where `key` (as ConfigError names it) is set:
    its own line, or its table's header when the key itself is not written (a missing name).

    `notify.digests[1].every` is looked up as the second [[notify.digests]] and `every` below
    it, whether or not a [notify] header is written; `control.weights.echo_rate` under
    [control.weights] (or under [control] as `weights = …`)."""
    parts = _parts(key)
    if not parts:
        return None
    lines = text.splitlines()
    headers = _headers(lines)
    within, at, used = (0, len(lines)), None, 0
    for k in range(1, len(parts) + 1):
        found = _table(headers, ".".join(p for p, _ in parts[:k]), parts[k - 1][1], within)
        if found is not None:
            (at, within), used = found, k
    if at is None:
        # A key outside any table (before the first header), or nothing koll.toml holds.
        top = _key_below(lines, 0, parts[0][0])  # `brands = [{…}]`: where the list opens
        return None if top is None else top + 1
    if used < len(parts):
        below = _key_below(lines, at + 1, parts[used][0])
        if below is not None:
            return below + 1
    return at + 1


def feed_key(settings: Settings, url: str) -> str | None:
    """The key that configures the feed `url` in settings' feeds (searches expanded), as a
    config error names it: `feeds[3].url`, or `searches[1]` for a search's feed."""
    entries = [f.url for f in settings.feeds if f.search is None]
    searches = [f.url for f in settings.feeds if f.search is not None]
    if url in entries:
        return f"feeds[{entries.index(url)}].url"
    if url in searches:
        return f"searches[{searches.index(url)}]"
    return None


def feed_place(settings: Settings, url: str) -> str:
    """Where koll.toml configures the feed `url`, as a config error says it:
    `/path/koll.toml:12: feeds[3].url` (no line when the file cannot be read again)."""
    key = feed_key(settings, url)
    if key is None:
        return str(settings.config_path)
    return key_place(settings, key)


def key_place(settings: Settings, key: str) -> str:
    """Where koll.toml has `key` (or, when it is missing, its table), as a config error says it:
    `/path/koll.toml:12: notify.smtp_url` (no line when the file cannot be read again)."""
    line = settings_line(settings, key)
    return f"{settings.config_path}{'' if line is None else f':{line}'}: {key}"


def settings_line(settings: Settings, key: str) -> int | None:
    """key_line in the file `settings` were read from, read again; None when it cannot be."""
    try:  # a regular file only: a pipe (--config /dev/stdin) was read once and is gone
        if settings.config_path.is_file():
            return key_line(settings.config_path.read_text(encoding="utf-8"), key)
    except (OSError, UnicodeDecodeError):
        pass
    return None
