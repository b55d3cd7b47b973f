"""Validating the API's arguments: days for windows, and one-or-many names."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TypeAlias

import pandas as pd

from koll.frames import TZ

# An explicit alias: pandas has no type information here, so mypy cannot infer one.
DateLike: TypeAlias = str | date | datetime | pd.Timestamp | None
Names = str | Iterable[str] | None


def day_arg(value: DateLike, name: str) -> str | None:
    """since/until as an inclusive Europe/Stockholm day, 'YYYY-MM-DD'."""
    if value is None:
        return None
    if isinstance(value, datetime):  # includes pd.Timestamp: its calendar day in Stockholm
        if value.tzinfo is not None:
            return pd.Timestamp(value).tz_convert(TZ).date().isoformat()
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise ValueError(f"{name}: expected a date YYYY-MM-DD, got {value!r}")


def window_arg(since: DateLike, until: DateLike) -> tuple[str | None, str | None]:
    """(since, until) as days (see day_arg); ValueError when since comes after until, which
    would otherwise quietly select nothing."""
    first, last = day_arg(since, "since"), day_arg(until, "until")
    if first and last and first > last:
        raise ValueError(f"since {first} is after until {last}")
    return first, last


def names_arg(value: Names) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)
