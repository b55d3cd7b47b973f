"""Writing an output file (--output of every command, a job's report or digest) safely: a regular
file atomically, a link through to its target, a FIFO or /dev/stdout straight into."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import sys
from pathlib import Path
from typing import Any


class OutputError(Exception):
    """A file that cannot be written, in one line; `code` 2 when the name cannot be a file
    (checked before any work), 1 when writing failed half-way."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


# The status of a Unix tool that SIGPIPE ended (128 + 13), which koll gives when a reader closed
# the pipe it wrote to, so that a script with `set -o pipefail` sees the output was cut.
EXIT_CLOSED_PIPE = 141


class ClosedPipe(OutputError):
    """--output is a pipe whose reader has gone (`--output /dev/stdout | head -c1`, a FIFO): the
    reader wants no more, which is no failure to report. koll.cli ends the command without a
    word and with EXIT_CLOSED_PIPE, as when the same happens on standard output."""

    def __init__(self, path: str):
        super().__init__(f"--output {shown(path)}: the reader closed the pipe", EXIT_CLOSED_PIPE)


def shown(text: str, limit: int = 80) -> str:
    """A value for a one-line message: a pasted 5,000-character argument stays readable."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# The files of the workspace a command runs in, which --output never replaces: `koll export
# --output koll.db` had replaced the whole store with CSV, exit 0, and `koll report --output
# koll.toml` the config (QA, 2026-12-07). koll.cli registers them as it loads the settings
# (keep_workspace_files); any SQLite database is refused as well (_is_database).
_KEPT: dict[str, str] = {}
_SQLITE_HEADER = b"SQLite format 3\x00"


def keep(path: str | os.PathLike, what: str) -> None:
    """Refuse `path` as --output from now on in this process; `what` names it in the message."""
    _KEPT[os.path.realpath(path)] = what


def _is_database(real: Path) -> bool:
    """Whether `real` is an SQLite database file (by its first bytes): no output of koll's is.
    Only a regular file is opened: opening a FIFO to read waits for a writer (its reader is
    the one --output writes for)."""
    try:
        if not stat.S_ISREG(real.stat().st_mode):
            return False
        with open(real, "rb") as fh:
            return fh.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:  # not there yet, or not a readable file: nothing to lose
        return False


def output_target(path: str) -> Path:
    """--output's file, or an OutputError when it cannot be one (checked before any work)."""
    if not path.strip():
        raise OutputError(f"--output: expected a file name (or - for the screen), got {path!r}")
    target = Path(path)
    try:
        if target.is_dir():
            raise OutputError(f"--output {shown(path)}: is a folder; name a file in it")
        if path.endswith(("/", os.sep)):  # Path() drops the slash: "nd/" had become a file "nd"
            raise OutputError(
                f"--output {shown(path)}: names a folder, which does not exist; name a file"
            )
        real = Path(os.path.realpath(target))
        if not real.parent.is_dir():  # of a link's target too, where the file will be written
            raise OutputError(
                f"--output {shown(path)}: the folder {shown(str(real.parent))} does not exist"
            )
        what = _KEPT.get(str(real)) or ("an SQLite database" if _is_database(real) else None)
        if what:
            raise OutputError(
                f"--output {shown(path)}: is {what}, which koll does not write over; "
                "name another file"
            )
    except OSError as e:  # a name too long for the file system, a loop of links
        raise OutputError(f"--output {shown(path)}: cannot be a file ({e.strerror})") from None
    return target


# This process's own descriptors by name (--output /dev/stdout). They can name a regular file
# (`> out.csv`, `>> all.csv`), which is the shell's to truncate or append to, not koll's to
# replace.
_OWN_DESCRIPTOR = re.compile(r"/dev/(stdout|stderr|fd/\d+)|/proc/[^/]+/fd/\d+")


def written_in_place(target: Path) -> bool:
    """Whether --output must be written straight into `target` rather than replaced: a FIFO, a
    device or /dev/stdout would be swapped for a regular file (its reader getting nothing)."""
    if _OWN_DESCRIPTOR.fullmatch(os.path.abspath(target)):
        return True
    try:
        return not stat.S_ISREG(target.stat().st_mode)  # stat follows links, opens nothing
    except OSError:  # not there yet (or a dangling link): a new regular file
        return False


def _temp_beside(real: Path, mode: str, kwargs: dict[str, Any]):
    """(path, open file) of a new temporary file in `real`'s folder, made with O_EXCL under a
    name nobody can guess, and with the permissions of the file it will replace (a new one's
    as the umask says). A fixed name (`.NAME.tmp`) was opened through a symbolic link planted
    there, overwriting its target, and the renamed file made a private (0600) export readable
    by all (QA, 2026-12-07)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    while True:
        tmp = real.with_name(f".{real.name}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(tmp, flags, 0o666)  # the umask applies, as for open()
            break
        except FileExistsError:  # taken (by chance, or planted): another name
            continue
    try:
        with contextlib.suppress(FileNotFoundError):
            os.fchmod(fd, stat.S_IMODE(os.stat(real).st_mode))
        return tmp, os.fdopen(fd, mode, **kwargs)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def output(path: str | None, binary: bool = False):
    """Write to --output PATH, or to stdout.

    A regular file is written atomically (a temp file, then renamed over it); a symbolic link is
    followed first, so its target is what gets replaced and the link stays. Anything else that
    exists (a FIFO, a device, /dev/stdout) is written straight into, opened for appending so
    that a `>>` redirection behind /dev/stdout keeps what it holds.

    A path that cannot be a file (a folder, a missing folder, /proc) is an OutputError (code 2)
    before anything is written; a write that fails half-way (a full disk) one with code 1; a pipe
    whose reader has gone a ClosedPipe. Either way neither a new file nor its temporary twin is
    left behind.
    """
    if path is None or path == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    target = output_target(path)
    in_place = written_in_place(target)
    real = target if in_place else Path(os.path.realpath(target))
    mode = ("a" if in_place else "w") + ("b" if binary else "")
    kwargs: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
    try:
        if in_place:
            tmp = real
            fh = open(tmp, mode, **kwargs)  # noqa: SIM115 -- closed below
        else:
            tmp, fh = _temp_beside(real, mode, kwargs)
    except OSError as e:
        raise OutputError(f"--output {shown(path)}: cannot be written ({e.strerror})") from None
    try:
        with fh:
            yield fh
        if not in_place:
            tmp.replace(real)
    except OSError as e:
        if not in_place:
            tmp.unlink(missing_ok=True)
        if isinstance(e, BrokenPipeError):  # a pipe written in place, whose reader has gone
            raise ClosedPipe(path) from None
        raise OutputError(
            f"--output {shown(path)}: writing failed ({e.strerror or e})", 1
        ) from None
    except BaseException:
        if not in_place:
            tmp.unlink(missing_ok=True)  # a failed write leaves neither a half file nor its temp
        raise


def write_output(path: str, text: str) -> None:
    """Write `text` to --output PATH as output() does (atomically, or straight into a FIFO)."""
    with output(path) as fh:
        fh.write(text)
