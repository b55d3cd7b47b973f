"""Validating the API's arguments: days for windows, one-or-many names, limits and choices."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeAlias

from analysis.windows import WindowError, in_range, iso_date

if TYPE_CHECKING:
    import pandas as pd

# An explicit alias: pandas has no type information here, so mypy cannot infer one. A string,
# so that the command line can import this module (for iso_date) without loading pandas.
DateLike: TypeAlias = "str | date | datetime | pd.Timestamp | None"
Names = str | Iterable[str] | None


def day_arg(value: DateLike, name: str) -> str | None:
    """since/until as an inclusive Europe/Stockholm day, 'YYYY-MM-DD'; None, NaT and NaN (what a
    frame holds where a value is missing) mean no bound, as None does."""
    import numpy as np
    import pandas as pd

    try:
        if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
            return None
        if isinstance(value, str):
            return iso_date(value.strip())
        if isinstance(value, np.datetime64):  # its day; .item() is an int beyond Python's dates
            day = value.astype("datetime64[D]").item()
            return in_range(day, value) if isinstance(day, date) else in_range(date.max, value)
        if isinstance(value, datetime):  # includes pd.Timestamp: its calendar day in Stockholm
            in_range(value.date(), value)  # first: converting overflows near year 1 or 9999
            if value.tzinfo is not None:
                from zoneinfo import ZoneInfo

                from koll.frames import TZ

                value = value.astimezone(ZoneInfo(TZ))
            return in_range(value.date(), value)
        if isinstance(value, date):
            return in_range(value, value)
    except ValueError as e:
        raise ValueError(f"{name}: {e}") from None
    raise ValueError(f"{name}: expected a date YYYY-MM-DD, got {value!r}")


def window_arg(since: DateLike, until: DateLike) -> tuple[str | None, str | None]:
    """(since, until) as days (see day_arg); WindowError when since comes after until, which
    would otherwise quietly select nothing."""
    first, last = day_arg(since, "since"), day_arg(until, "until")
    if first and last and first > last:
        raise WindowError(f"{{since}} {first} is after {{until}} {last}")
    return first, last


def names_arg(value: Names, name: str) -> list[str] | None:
    """A name or a list of names as a list (None: no filter). An empty list is refused: it
    would select everything, the opposite of what an empty selection says."""
    if value is None:
        return None
    if isinstance(value, str):
        return [no_nul(value, name)]
    if isinstance(value, bytes | dict) or not isinstance(value, Iterable):
        raise TypeError(f"{name}: expected a name or a list of names, got {value!r}")
    names = list(value)
    bad = [v for v in names if not isinstance(v, str)]
    if bad:
        raise TypeError(f"{name}: expected names (str), got {bad[0]!r} in {names!r}")
    if not names:
        raise ValueError(f"{name}: expected a name or a list of names, got an empty list")
    return [no_nul(v, name) for v in names]


def no_nul(text: str, name: str) -> str:
    """`text`, which must hold no NUL character: PostgreSQL refuses one in any text it is sent
    (a pandas DatabaseError from a filter, a DataError from a write) where SQLite took it and
    matched nothing, so the same call failed on one engine and was empty on the other. No
    name, site, language or author contains one."""
    if "\x00" in text:
        raise ValueError(f"{name}: expected text without NUL characters (\\x00), got {text!r}")
    return text


def choices_arg(value: Names, name: str, valid: Iterable[str]) -> list[str] | None:
    """names_arg, each of them one of `valid` (lower case), in any case: a misspelt label or
    kind selected nothing."""
    names = names_arg(value, name)
    if names is None:
        return None
    allowed = list(valid)
    for v in names:
        if v.strip().lower() not in allowed:
            raise ValueError(f"{name}: expected one of {', '.join(allowed)}, got {v!r}")
    return [v.strip().lower() for v in names]


def one_name(value: object, name: str) -> str:
    """A single name (one brand): a list or None is a TypeError that says so."""
    if not isinstance(value, str):
        raise TypeError(f"{name}: expected one name (str), got {value!r}")
    return value


def flag_arg(value: object, name: str) -> bool | None:
    """True, False or None. The string 'False' is true to Python and selected the opposite."""
    import numpy as np

    if value is None or isinstance(value, bool | np.bool_):
        return None if value is None else bool(value)
    raise TypeError(f"{name}: expected True, False or None, got {value!r}")


def bool_arg(value: object, name: str) -> bool:
    """True or False (a switch such as with_topics): the string 'False' is true to Python."""
    import numpy as np

    if isinstance(value, bool | np.bool_):
        return bool(value)
    raise TypeError(f"{name}: expected True or False, got {value!r}")


# The largest id a row can have, and so the most rows a table can hold: ids are INTEGER
# columns, 32-bit on PostgreSQL (koll/store/schema.py). Larger numbers reached the drivers,
# which failed each in its own way: OverflowError on SQLite beyond 64 bits, "integer out of
# range" or a syntax error on PostgreSQL.
MAX_ROWS = 2**31 - 1


def count_arg(value: object, name: str, least: int) -> int:
    """A whole number of at least `least` (a chunk size, a limit, a number of days)."""
    import numpy as np

    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"{name}: expected a whole number, got {value!r}")
    if value < least:
        raise ValueError(f"{name}: expected a whole number of at least {least}, got {value!r}")
    return int(value)


def rows_arg(value: object, name: str, least: int) -> int:
    """count_arg for a number of rows (a limit, a chunk size), at most MAX_ROWS: a larger one
    (`limit=sys.maxsize` for "all") selects no more, since no table holds more rows."""
    return min(count_arg(value, name, least), MAX_ROWS)


def id_arg(value: object, name: str) -> int:
    """A row's id: an int or a numpy integer, or a float with a whole value (an id column read
    with NaN in it is float64), from 1 to MAX_ROWS. int() quietly made 12.7 item 12 and True
    item 1."""
    import numpy as np

    if isinstance(value, float | np.floating):
        if not float(value).is_integer():
            raise ValueError(f"{name}: expected a whole number (an id), got {value!r}")
    elif isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
        raise TypeError(f"{name}: expected a whole number (an id), got {value!r}")
    if not 1 <= value <= MAX_ROWS:  # no row has such an id, on either engine
        raise ValueError(f"{name}: expected an id from 1 to {MAX_ROWS}, got {value!r}")
    return int(value)


def optional_str(value: object, name: str) -> str | None:
    """A text or None (an author's name): a number is a mistake, not a name to store."""
    if value is None or isinstance(value, str):
        return value if value is None else no_nul(value, name)
    raise TypeError(f"{name}: expected a str or None, got {value!r}")


def columns_arg(value: str | Sequence[str] | None, name: str = "columns") -> list[str] | None:
    """Column names: one name (a str) or a list of them; an empty list selects no column, which
    SQL cannot say."""
    if value is None:
        return None
    names = names_arg(value, name)
    if not names:  # names_arg refuses an empty list; this keeps mypy sure of the type
        raise ValueError(f"{name}: expected at least one column")
    return names
