"""Work run in a thread of its own while the caller goes on, such as one read on a second
connection.

The database works on that statement while Python (or the first connection) works on the
rest: on two cores a long statement costs no wall time beside the caller's other reads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from sqlalchemy.engine import Connection

from koll.store import Store

T = TypeVar("T")


class Beside(Generic[T]):
    """`fn()` started at once in a thread of its own (or, `inline`, run at once in the
    caller's); result() waits for it and gives its value or raises its error."""

    def __init__(self, fn: Callable[[], T], *, inline: bool = False):
        self._box: dict = {}
        self._thread: threading.Thread | None = None
        if inline:
            self._run(fn)
            return
        self._thread = threading.Thread(
            target=self._run, args=(fn,), name="koll-read-beside", daemon=True
        )
        self._thread.start()

    def _run(self, fn: Callable[[], T]) -> None:
        try:
            self._box["value"] = fn()
        except BaseException as e:  # handed to result()
            self._box["error"] = e

    def result(self) -> T:
        if self._thread is not None:
            self._thread.join()
        if "error" in self._box:
            raise self._box["error"]
        return self._box["value"]


def read_beside(store: Store, fn: Callable[[Connection], T]) -> Beside[T]:
    """`fn(conn)` on a connection of its own, beside the caller's reads. A private in-memory
    SQLite database is one connection's alone, so there it runs at once in the caller's
    thread instead."""
    url = store.engine.url
    memory = url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")

    def run() -> T:
        with store.connect() as conn:
            return fn(conn)

    return Beside(run, inline=memory)
