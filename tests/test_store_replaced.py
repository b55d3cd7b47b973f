"""An open store whose SQLite file is replaced (`koll demo` deletes its database and builds a new
one) or removed: reads follow the file now at the path, a change is refused in one line.

An open workspace went on reading, and writing, the deleted file: a correction made after a
rebuild succeeded and was in neither database.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

import koll
from koll.store import Store, StoreError
from koll.store import meta as store_meta

REPLACED = "was replaced since it was opened (`koll demo` rebuilds it, for one), so nothing "


def _store_with(path, value: str) -> None:
    """A koll store at `path` (made by Store itself) whose meta row 'mark' is `value`."""
    with Store(f"sqlite:///{path}") as store, store.begin() as conn:
        store_meta.put(conn, "mark", value)


def _mark(store: Store) -> str | None:
    with store.connect() as conn:
        return store_meta.get(conn, "mark")


def test_a_workspace_open_across_a_demo_rebuild_reads_the_new_one_and_refuses_a_correction(
    tmp_path,
):
    folder = tmp_path / "demo"

    def demo() -> None:
        # The command a user runs beside an open notebook, in a process of its own.
        subprocess.run(
            [sys.executable, "-m", "koll.cli", "demo", "--no-serve", "--dir", str(folder)],
            check=True,
            capture_output=True,
        )

    demo()
    with koll.open_workspace(folder / "koll.toml") as ws:
        item_id = int(ws.mentions("Fjällkraft", columns="item_id").item_id.iloc[0])
        ws.correct(item_id, "Fjällkraft", "neg")
        assert len(ws.corrections()) == 1
        demo()
        assert ws.corrections().empty  # the rebuilt database's, not the deleted file's
        assert len(ws.mentions("Fjällkraft")) > 0
        with pytest.raises(StoreError) as e:
            ws.correct(item_id, "Fjällkraft", "pos")
        assert REPLACED in str(e.value) and str(e.value).endswith("reopen the workspace")
    with koll.open_workspace(folder / "koll.toml") as again:
        assert again.corrections().empty  # nothing went into the new file either
        again.correct(item_id, "Fjällkraft", "pos")  # reopened, it is saved
        assert again.corrections().label.tolist() == ["pos"]


def test_a_store_follows_a_file_put_in_its_place_for_reads_but_not_for_writes(tmp_path):
    db, new = tmp_path / "koll.db", tmp_path / "new.db"
    _store_with(db, "old")
    store = Store(f"sqlite:///{db}")
    try:
        assert _mark(store) == "old"
        _store_with(new, "new")
        os.replace(new, db)
        assert _mark(store) == "new"
        for write in (
            lambda: store.retry(lambda conn: store_meta.put(conn, "mark", "written")),
            lambda: store.writing("correction").__enter__(),
        ):
            with pytest.raises(StoreError, match=re.escape(REPLACED)):
                write()
        assert _mark(store) == "new"
    finally:
        store.close()


def test_a_change_made_while_the_file_is_replaced_is_not_committed(tmp_path):
    db, new = tmp_path / "koll.db", tmp_path / "new.db"
    _store_with(db, "old")
    _store_with(new, "new")
    store = Store(f"sqlite:///{db}")
    try:
        with pytest.raises(StoreError, match=re.escape(REPLACED)), store.begin() as conn:
            store_meta.put(conn, "mark", "written")
            os.replace(new, db)  # between the change and its commit
        assert _mark(store) == "new"
    finally:
        store.close()


def test_a_removed_file_is_named_and_not_made_again_empty(tmp_path):
    db = tmp_path / "koll.db"
    _store_with(db, "old")
    store = Store(f"sqlite:///{db}")
    try:
        assert _mark(store) == "old"
        db.unlink()
        for use in (lambda: _mark(store), lambda: store.begin().__enter__()):
            with pytest.raises(StoreError, match=f"its file {db} was removed since it was opened"):
                use()
        store.engine.dispose()  # no pooled connection left: a new one would have made the file
        with pytest.raises(StoreError, match="was removed"):
            _mark(store)
        assert not db.exists()
    finally:
        store.close()
