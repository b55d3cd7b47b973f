"""A reporting window's ends: their names, the days they may be (one rule for the command line,
the API and the dashboard), the error for a window that ends before it starts, and where a
window with a first day and no last one ends. Where one with neither ends by default is a
question for the store (koll.store.items.newest_mention_day).

Here, below the store and the jobs, so that the library, the jobs and the command line raise
and catch one error type (the layers, tests/test_layout.py).
"""

from __future__ import annotations

import re
from datetime import date

# A window's ends as the API names them and as the command line does.
ARGS = ("since", "until")
FLAGS = ("--since", "--until")

# The days a window may start or end on. Windows are shifted back by their own length (the
# window before, for new voices and rising terms) and open ends become today, so a day near year
# 1 or 9999 ended in an OverflowError deep inside a report. No mention is dated outside these
# years, and from 1900 even a window of all these years still has a window before it.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def in_range(day: date, shown: object) -> str:
    """`day` as 'YYYY-MM-DD'; ValueError when it lies outside FIRST_DAY..LAST_DAY."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"expected a day from {FIRST_DAY} to {LAST_DAY}, got {shown!r}")
    return day.isoformat()


def iso_date(text: str) -> str:
    """`text`, written YYYY-MM-DD, as a day; ValueError saying what was expected (callers name
    the argument). Only that form: 20261101 and 2026-W45, which Python also reads as dates,
    are refused, so a typo is not quietly read as some other day."""
    try:
        if not _ISO_DAY.fullmatch(text):
            raise ValueError
        day = date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(f"expected a date YYYY-MM-DD, got {text!r}") from None
    return in_range(day, text)


class WindowError(ValueError):
    """A window that ends before it starts. Its own ValueError so that a command can tell it
    from any other (a fault inside a report is not the user's window) and say it in flags.

    `words` names the window's ends {since} and {until}: the message says them as `names`,
    `with_flags()` as the command line's options.
    """

    def __init__(self, words: str, names: tuple[str, str] = ARGS):
        self.words = words
        super().__init__(words.format(since=names[0], until=names[1]))

    def with_flags(self) -> str:
        """The message as the command line says it: --since and --until."""
        return self.words.format(since=FLAGS[0], until=FLAGS[1])


def window_end(since: str | None, until: str | None, today: str) -> str | None:
    """The last day of the window [since, until]: `until`, or `today` for a window with a first
    day and no last. WindowError when that first day is after today: a window from a future day
    to today is inverted, and its zeros would read as silence."""
    if not since or until:
        return until
    if since > today:
        raise WindowError(
            f"{{since}} {since} is after today {today}, where a window without {{until}} ends"
        )
    return today


def until_not_after(until: str | None, today: str) -> None:
    """WindowError when a window's last day `until` is after `today`: days still to come have
    no mentions yet, so their zeros would read as silence (the command line's windows, the
    digest's)."""
    if until is not None and until > today:
        raise WindowError(
            f"{{until}} {until} is after today {today}; a window covers days up to today"
        )
