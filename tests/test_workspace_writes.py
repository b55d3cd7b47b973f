"""Workspace.correct, the API's one write, when the database cannot take it: busy with another
writer, or read-only for this user on a server. One StoreError line naming the database."""

from __future__ import annotations

import sqlite3
from urllib.parse import quote

import pytest

import koll
from koll.store import StoreError
from tests.api_world import build_world


def _one_mention(ws) -> int:
    return int(ws.mentions("Fjällkraft", columns="item_id").item_id.iloc[0])


def test_a_correction_while_another_process_writes_says_the_database_is_busy(tmp_path, monkeypatch):
    # It waited 30 s and raised sqlalchemy's raw "database is locked".
    monkeypatch.setattr("koll.store.BUSY_TIMEOUT_S", 0.2)
    world = build_world(tmp_path / "ws")
    db = tmp_path / "ws" / "koll.db"
    with koll.open_workspace(world.config) as ws:
        item_id = _one_mention(ws)
        writer = sqlite3.connect(db, isolation_level=None)
        try:
            writer.execute("BEGIN IMMEDIATE")  # another process's write lock, held
            with pytest.raises(StoreError) as e:
                ws.correct(item_id, "Fjällkraft", "neg")
        finally:
            writer.execute("ROLLBACK")
            writer.close()
        assert str(e.value) == (
            f"database sqlite:///{db} is busy: another koll process is writing to it; "
            "correction not saved, try again"
        )
        assert e.value.__cause__ is None and e.value.__suppress_context__  # no driver error
        # Once the other writer is done, the same call is saved.
        ws.correct(item_id, "Fjällkraft", "neg")
        assert ws.corrections().label.tolist() == ["neg"]


@pytest.mark.postgres
def test_a_correction_on_a_read_only_server_connection_is_refused_in_one_line(pg_url, tmp_path):
    # A standby or a read-only role refuses with SQLSTATE 25006; it came out as a raw
    # sqlalchemy error.
    world = build_world(tmp_path / "ws", database_url=pg_url)
    read_only = pg_url + "?options=" + quote("-c default_transaction_read_only=on")
    with koll.open_workspace(world.config, database_url=read_only) as ws:
        with pytest.raises(StoreError) as e:
            ws.correct(_one_mention(ws), "Fjällkraft", "neg")
        assert str(e.value).endswith("is read-only for this user: correction not saved")
        assert str(e.value).startswith("database postgresql+psycopg://")
        assert ws.corrections().empty
