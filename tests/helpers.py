"""Small helpers several test files share: a database's tables, what a program wrote to a
terminal, and a workspace of one brand and an empty store for the command line."""

from __future__ import annotations

import os
from pathlib import Path


def table_names(url: str) -> set[str]:
    """The tables of the database at `url` (its default schema), read without koll's Store."""
    from sqlalchemy import create_engine, inspect

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def read_terminal(main_fd: int) -> bytes:
    """All a program wrote to a pseudo-terminal whose other end it has closed (pty.openpty)."""
    shown = b""
    while True:
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:  # the terminal's other end is closed: all was read
            break
        if not chunk:
            break
        shown += chunk
    return shown


def one_brand_config(tmp_path: Path) -> str:
    """A koll.toml naming one brand (Fjällkraft) beside an empty SQLite store; its path."""
    from koll.store import Store

    path = tmp_path / "koll.toml"
    path.write_text('[[brands]]\nname = "Fjällkraft"\n', encoding="utf-8")
    Store(f"sqlite:///{tmp_path / 'koll.db'}").close()
    return str(path)
