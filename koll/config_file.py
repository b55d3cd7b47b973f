"""Reading koll.toml from a file or a pipe, decoding it and naming its TOML syntax errors.

Also where the file's relative paths start (config_folder), which depends on what the file is.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path

from koll.config_values import ConfigError


def default_config_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    return Path(env.get("KOLL_CONFIG") or "koll.toml")


def _not_found(file: Path, source: str | None) -> str:
    """Why a config file was not found: the absolute path tried and, for a relative path, the
    working folder it was resolved from (Jupyter starts a kernel in the notebook's folder, so a
    KOLL_CONFIG relative to the folder jupyter was started in misses there)."""
    hint = "pass --config PATH (in Python: open_workspace(PATH)) or set KOLL_CONFIG"
    if file.is_absolute():  # named by KOLL_CONFIG: said, or the path seems to come from nowhere
        return (
            f"not found{' (the path KOLL_CONFIG names)' if source == 'KOLL_CONFIG' else ''}; {hint}"
        )
    why = f"{source} is relative, so it is" if source else "it is"
    return (
        f"not found at {os.path.abspath(file)} ({why} resolved from the working folder "
        f"{os.getcwd()}; an absolute path works from any folder); {hint}"
    )


_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


# A pipe (`--config <(sops -d koll.toml)`, `--config /dev/stdin`) is read when its writer
# writes within this time and at most this much: a decrypting writer starts within a second, a
# koll.toml is a few kilobytes.
PIPE_WAIT_S = 10.0
PIPE_MAX_BYTES = 1024 * 1024


def _read_file(file: Path) -> tuple[bytes, bool]:
    """The bytes of koll.toml, a regular file (or a link to one) or a pipe with a writer, and
    whether it was a pipe: a named pipe without a writer waited for one for ever, a device
    could give bytes without end. Opened without blocking and checked on the open file, so
    nothing can be swapped in between."""
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISFIFO(mode):
            return _read_pipe(file, fd), True
        if not stat.S_ISREG(mode):
            kind = next((k for test, k in _FILE_KINDS if test(mode)), "something else")
            raise ConfigError(
                file.resolve(), "(file)", f"is {kind}, not a regular file; give a koll.toml file"
            )
        with os.fdopen(os.dup(fd), "rb") as f:
            return f.read(), False
    finally:
        os.close(fd)


def _read_pipe(file: Path, fd: int) -> bytes:
    """What a pipe's writer writes, to its end: ConfigError when the pipe has no writer (a read
    ends at once, empty), when nothing comes within PIPE_WAIT_S, or beyond PIPE_MAX_BYTES."""
    import select
    import time

    chunks: list[bytes] = []
    size, deadline = 0, time.monotonic() + PIPE_WAIT_S
    while True:
        if not select.select([fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
            raise ConfigError(
                file.resolve(), "(file)", f"is a pipe nothing was written to in {PIPE_WAIT_S:g} s"
            )
        try:
            data = os.read(fd, 65536)
        except BlockingIOError:
            continue
        if not data:
            if not chunks:
                raise ConfigError(
                    file.resolve(), "(file)", "is a named pipe (FIFO) with nothing written to it"
                )
            return b"".join(chunks)
        chunks.append(data)
        size += len(data)
        if size > PIPE_MAX_BYTES:
            raise ConfigError(file.resolve(), "(file)", f"holds over {PIPE_MAX_BYTES} bytes")


# The first 16 bytes of every SQLite database file (sqlite.org/fileformat.html).
SQLITE_HEADER = b"SQLite format 3\x00"


def _not_a_database(file: Path, raw: bytes) -> None:
    """ConfigError for the workspace's database given where its koll.toml belongs (the two lie
    side by side): the decoder had said only "is not UTF-8 (byte 31)"."""
    if not raw.startswith(SQLITE_HEADER):
        return
    beside = file.parent / "koll.toml"
    hint = f" ({beside} is beside it)" if beside != file and beside.is_file() else ""
    raise ConfigError(
        file,
        "(file)",
        f"is an SQLite database, not a koll.toml; pass the workspace's koll.toml{hint}",
    )


def _decoded(file: Path, raw: bytes) -> str:
    """The text of koll.toml's bytes: UTF-8, after a byte order mark if it starts with one
    (Windows editors save one; TOML's reader took it for a statement). ConfigError naming the
    byte and its line, in `file` (an absolute path), for anything else."""
    _not_a_database(file, raw)
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    body = raw[len(bom) :]
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        line = body[: e.start].count(b"\n") + 1
        raise ConfigError(
            file,
            "(file)",
            f"is not UTF-8 (byte {len(bom) + e.start}); save it as UTF-8",
            line,
        ) from None


_AT_LINE = re.compile(r" \(at line (\d+), column (\d+)\)$")


# Characters that look right on the line and are not TOML: what word processors and web pages
# paste. TOML's own message ("Invalid value", "Expected '=' after a key") then points at a line
# whose `=` and quotes the reader sees (QA, 2026-12-07).
_LOOKALIKES = {
    "\u201c": 'a curly quote “; write straight quotes "…"',
    "\u201d": 'a curly quote ”; write straight quotes "…"',
    "\u201e": 'a low quote „; write straight quotes "…"',
    "\u2018": "a curly quote ‘; write straight quotes",
    "\u2019": "a curly quote ’; write straight quotes",
    "\u00a0": "a no-break space (U+00A0); retype it as a plain space",
    "\u3000": "a wide space (U+3000); retype it as a plain space",
    "\ufeff": "a byte order mark (U+FEFF), as where two files saved on Windows were joined; "
    "delete it",
    "\u200b": "an invisible zero-width space (U+200B); retype the text around it",
}


def _syntax_error(message: str, text: str = "") -> tuple[str, int | None]:
    """TOML's reader's message, its "(at line L, column C)" as the error's line and a column,
    and what on that line looks right but is not TOML (a curly quote, a no-break space)."""
    m = _AT_LINE.search(message)
    if m is None:
        return message, None
    line = int(m[1])
    shown = f"{message[: m.start()]} (column {m[2]})"
    lines = text.split("\n")
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    odd = next((c for c in here if c in _LOOKALIKES), None)
    if odd is not None:
        shown += f"; the line holds {_LOOKALIKES[odd]}"
    return shown, line


def config_folder(file: Path) -> Path:
    """The folder a relative path in the config `file` is relative to: the file's own folder,
    or the working folder for a config read from a pipe (`--config <(sops -d koll.toml)`,
    `--config /dev/stdin`) or a device, whose folder (/dev/fd, /proc/<pid>/fd) means nothing
    to the user. A path that is not there (yet: koll demo names its config before writing it)
    is taken for a file's."""
    try:
        mode = os.stat(file).st_mode
    except OSError:
        return file.parent
    return file.parent if stat.S_ISREG(mode) else Path.cwd()


def _database_url(file: Path, url: str) -> str:
    """A relative SQLite path is relative to the config's folder (config_folder), with a
    driver suffix too (`sqlite+pysqlite:///koll.db` had made a new file in the current folder)."""
    scheme, sep, rest = url.partition(":///")
    relative = rest not in ("", ":memory:") and not Path(rest).is_absolute()
    if sep and scheme.split("+")[0] == "sqlite" and relative:
        return f"{scheme}:///" + str((config_folder(file) / rest).resolve())
    return url
