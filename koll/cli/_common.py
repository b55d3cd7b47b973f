"""What every command needs: settings from --config/--db, the store, dates and output files."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from koll.config import ConfigError, Settings, hide_credentials, load_settings

if TYPE_CHECKING:
    from koll.store import Store


def settings_from_args(args: argparse.Namespace) -> Settings:
    settings = load_settings(getattr(args, "config", None))
    db = getattr(args, "db", None)
    if db is not None:
        from dataclasses import replace

        from koll.config import _database_url, check_database_url

        check_database_url("(command line)", "--db", db)
        settings = replace(settings, database_url=_database_url(settings.config_path, db))
    return settings


def open_store(settings: Settings) -> Store:
    from koll.store import Store

    return Store(settings.database_url)


def iso_day(text: str | None, flag: str) -> str | None:
    """Validate a --since/--until value (YYYY-MM-DD, a year from 1900 to 2999: koll.args)."""
    from koll.args import iso_date

    if text is None:
        return None
    try:
        return iso_date(text)
    except ValueError as e:
        raise ConfigError("(command line)", flag, str(e)) from None


def bounded_int(low: int, high: int):
    """An argparse type: a whole number from `low` to `high` (a port, a limit), so that 0, -1
    or 10**30 is a usage error (exit 2) instead of a hang, an SQL error or an overflow."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected {low} to {high}, got {value}")
        return value

    return parse


def check_shared_options(args: argparse.Namespace) -> None:
    """Options many commands share: --config not blank; --since and --until dates, in order.

    main() calls this before any command runs, so a new command with a window gets the check
    without asking (a window that ends before it starts used to select nothing, silently).
    """
    if getattr(args, "config", None) is not None and not args.config.strip():
        # An empty --config used to mean "the default file" for some commands and "not found"
        # for others; a blank value in a script is a mistake either way.
        raise CommandError(f"--config: expected the path of a koll.toml, got {args.config!r}")
    since = iso_day(getattr(args, "since", None), "--since")
    until = iso_day(getattr(args, "until", None), "--until")
    if since and until and since > until:
        raise CommandError(f"--since {since} is after --until {until}")


class CommandError(Exception):
    """A mistake or failure a command reports in one line (`koll: <message>`) with `code`:
    2 for the command line's own mistakes, 1 for what went wrong while doing the work."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def shown(text: str, limit: int = 80) -> str:
    """A value for a one-line message: a pasted 5,000-character argument stays readable."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def output_target(path: str) -> Path:
    """--output's file, or a CommandError when it cannot be one (checked before any work)."""
    if not path.strip():
        raise CommandError(f"--output: expected a file name (or - for the screen), got {path!r}")
    target = Path(path)
    try:
        if target.is_dir():
            raise CommandError(f"--output {shown(path)}: is a folder; name a file in it")
        real = Path(os.path.realpath(target))
        if not real.parent.is_dir():  # of a link's target too, where the file will be written
            raise CommandError(
                f"--output {shown(path)}: the folder {shown(str(real.parent))} does not exist"
            )
    except OSError as e:  # a name too long for the file system, a loop of links
        raise CommandError(f"--output {shown(path)}: cannot be a file ({e.strerror})") from None
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


@contextlib.contextmanager
def output(path: str | None, binary: bool = False):
    """Write to --output PATH, or to stdout.

    A regular file is written atomically (a temp file, then renamed over it); a symbolic link is
    followed first, so its target is what gets replaced and the link stays. Anything else that
    exists (a FIFO, a device, /dev/stdout) is written straight into, opened for appending so
    that a `>>` redirection behind /dev/stdout keeps what it holds.

    A path that cannot be a file (a folder, a missing folder, /proc) is a CommandError (exit 2)
    before anything is written; a write that fails half-way (a full disk) one with exit 1. Either
    way neither a new file nor its temporary twin is left behind.
    """
    if path is None or path == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    target = output_target(path)
    in_place = written_in_place(target)
    real = target if in_place else Path(os.path.realpath(target))
    tmp = real if in_place else real.with_name(f".{real.name}.tmp")
    mode = ("a" if in_place else "w") + ("b" if binary else "")
    kwargs: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
    try:
        fh = open(tmp, mode, **kwargs)  # noqa: SIM115 -- closed below, before the rename
    except OSError as e:
        raise CommandError(f"--output {shown(path)}: cannot be written ({e.strerror})") from None
    try:
        with fh:
            yield fh
        if not in_place:
            tmp.replace(real)
    except OSError as e:
        if not in_place:
            tmp.unlink(missing_ok=True)
        raise CommandError(
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


# A pasted value of thousands of characters (a whole document in --brand, a runaway path) made
# a one-line message a screenful; the first 100 characters identify it.
_LONG_WORD = re.compile(r"\S{300,}")


def error_line(message: str) -> str:
    """`koll: message` for stderr, masking URL passwords and cutting absurdly long values."""
    text = _LONG_WORD.sub(lambda m: f"{m[0][:100]}… ({len(m[0])} characters)", message)
    return f"koll: {hide_credentials(text)}"


def fail(message: str, code: int = 1) -> int:
    print(error_line(message), file=sys.stderr)
    return code
