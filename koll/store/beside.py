"""One read run on a second connection in a thread while the caller reads on with its own.

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
    """`fn(conn)` started at once on a connection of its own; result() waits for it and gives
    its value or raises its error. A private in-memory SQLite database is one connection's
    alone, so there it runs at once in the caller's thread instead."""

    def __init__(self, store: Store, fn: Callable[[Connection], T]):
        self._box: dict = {}
        self._thread: threading.Thread | None = None
        url = store.engine.url
        if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
            self._run(store, fn)
            return
        self._thread = threading.Thread(
            target=self._run, args=(store, fn), name="koll-read-beside", daemon=True
        )
        self._thread.start()

    def _run(self, store: Store, fn: Callable[[Connection], T]) -> None:
        try:
            with store.connect() as conn:
                self._box["value"] = fn(conn)
        except BaseException as e:  # handed to result()
            self._box["error"] = e

    def result(self) -> T:
        if self._thread is not None:
            self._thread.join()
        if "error" in self._box:
            raise self._box["error"]
        return self._box["value"]
