"""Standard output that remembers a failed write, so that main() reports it in one line.

A command prints its table, JSON or CSV with print() or through koll.files.output; a write to a
full disk, /dev/full or a closed pipe raised OSError out of whichever line wrote, and ended in a
traceback. main() cannot tell that OSError from any other by its type, so standard output's
writes go through _Stdout, which keeps the first error: main() then knows it was the output.
"""

from __future__ import annotations

import contextlib
import io
import sys


class _Stdout(io.FileIO):
    """The process's standard output descriptor; `failed` is the first write's error, after
    which output is dropped (what is left in the buffers would otherwise fail again at exit,
    where Python prints it as "Exception ignored")."""

    failed: OSError | None = None

    def write(self, b) -> int | None:  # type: ignore[override]
        if self.failed is not None:
            return len(b)
        try:
            return super().write(b)
        except BlockingIOError:  # a non-blocking descriptor that is full for now: not lost
            raise
        except OSError as e:
            self.failed = e
            raise


class Watched:
    """sys.stdout through _Stdout while main() runs a command (a no-op when sys.stdout is not
    the process's own: a test's capture, a host application that set its own)."""

    def __init__(self) -> None:
        self.raw: _Stdout | None = None
        self._saved = sys.stdout

    def __enter__(self) -> Watched:
        out = sys.stdout
        if out is None or out is not sys.__stdout__ or not isinstance(out, io.TextIOWrapper):
            return self
        try:
            fd = out.fileno()
            out.flush()
        except (OSError, ValueError):
            return self
        self.raw = _Stdout(fd, "w", closefd=False)
        sys.stdout = io.TextIOWrapper(
            io.BufferedWriter(self.raw),
            encoding=out.encoding,
            errors=out.errors,
            line_buffering=out.line_buffering,
            write_through=out.write_through,
        )
        return self

    @property
    def failed(self) -> OSError | None:
        return self.raw.failed if self.raw is not None else None

    def __exit__(self, *exc) -> None:
        if self.raw is not None:
            with contextlib.suppress(OSError):  # main() flushed and reported; this drops
                sys.stdout.flush()
            sys.stdout = self._saved
