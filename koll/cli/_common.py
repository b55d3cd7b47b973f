"""What every command needs: settings from --config/--db, the store, dates and output files."""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING

from koll.config import ConfigError, Settings, load_settings
from koll.config_values import hide_credentials

if TYPE_CHECKING:
    from koll.store import Store


def settings_from_args(args: argparse.Namespace) -> Settings:
    settings = load_settings(getattr(args, "config", None))
    db = getattr(args, "db", None)
    if db is not None:
        from dataclasses import replace

        from koll.config_file import _database_url
        from koll.config_values import check_database_url

        check_database_url("(command line)", "--db", db)
        settings = replace(settings, database_url=_database_url(settings.config_path, db))
    keep_workspace_files(settings)
    return settings


def keep_workspace_files(settings: Settings) -> None:
    """The workspace's koll.toml and SQLite files are no --output (koll.files.keep)."""
    from koll.files import keep
    from koll.store import sqlite_file

    keep(settings.config_path, f"this workspace's config ({settings.config_path.name})")
    db = sqlite_file(settings.database_url)
    if db is not None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            keep(
                db + suffix,
                "this workspace's database" + (f" ({suffix[1:]} file)" if suffix else ""),
            )


def open_store(settings: Settings, *, existing: bool = False) -> Store:
    """The workspace's store. With `existing` (commands that only read) an SQLite file that is
    not there, or a database without koll's tables, is an error: created, its empty tables read
    like a quiet week, and another application's database would get koll's tables."""
    from koll.store import Store

    return Store(settings.database_url, existing=existing)


def iso_day(text: str | None, flag: str) -> str | None:
    """Validate a --since/--until value (YYYY-MM-DD, a year from 1900 to 2999: koll.args)."""
    from koll.args import iso_date

    if text is None:
        return None
    try:
        return iso_date(text)
    except ValueError as e:
        raise ConfigError("(command line)", flag, str(e)) from None


def refuse_future_until(until: str | None) -> None:
    """CommandError (exit 2) for a window's --until after today in Europe/Stockholm
    (analysis.windows.until_not_after, as `koll digest`'s; a --since after today without
    --until is refused by analysis.windows.window_end)."""
    from analysis.windows import WindowError, until_not_after
    from koll.store import local_day, utcnow

    try:
        until_not_after(until, local_day(utcnow()))
    except WindowError as e:
        raise CommandError(e.with_flags()) from None


def local_minute(when) -> str:
    """A time as the command's tables show it: Stockholm time (koll.store.local_minute), "-"
    when there is none."""
    from koll.store import local_minute as stockholm_minute

    return stockholm_minute(when) or "-"


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
