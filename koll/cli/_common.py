"""What every command needs: settings from --config/--db, the store, dates and output files."""

from __future__ import annotations

import argparse
import contextlib
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from koll.config import ConfigError, Settings, load_settings

if TYPE_CHECKING:
    from koll.store import Store


def settings_from_args(args: argparse.Namespace) -> Settings:
    settings = load_settings(getattr(args, "config", None))
    db = getattr(args, "db", None)
    if db:
        from dataclasses import replace

        from koll.config import _database_url

        settings = replace(settings, database_url=_database_url(settings.config_path, db))
    return settings


def open_store(settings: Settings) -> Store:
    from koll.store import Store

    return Store(settings.database_url)


def iso_day(text: str | None, flag: str) -> str | None:
    """Validate a --since/--until value (YYYY-MM-DD)."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ConfigError(
            "(command line)", flag, f"expected a date YYYY-MM-DD, got {text!r}"
        ) from None


@contextlib.contextmanager
def output(path: str | None, binary: bool = False):
    """Write to --output PATH atomically (temp file then rename), or to stdout."""
    if not path or path == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp")
    mode = "wb" if binary else "w"
    kwargs: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
    try:
        with open(tmp, mode, **kwargs) as fh:
            yield fh
    except BaseException:
        tmp.unlink(missing_ok=True)  # a failed write leaves neither a half file nor its temp
        raise
    tmp.replace(target)


def fail(message: str, code: int = 1) -> int:
    print(f"koll: {message}", file=sys.stderr)
    return code
