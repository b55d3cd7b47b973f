"""A reporting window's ends: their names, the error for a window that ends before it starts,
and where a window with a first day and no last one ends.

Here, below the store and the jobs, so that the library, the jobs and the command line raise
and catch one error type (the layers, tests/test_layout.py).
"""

from __future__ import annotations

# A window's ends as the API names them and as the command line does.
ARGS = ("since", "until")
FLAGS = ("--since", "--until")


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
