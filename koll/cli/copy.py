"""`koll copy`: copy the whole store into another, empty database (SQLite -> PostgreSQL)."""

from __future__ import annotations

import sys

from koll.cli._common import fail, open_store, settings_from_args

HELP = "copy every stored row into another, empty database (e.g. from SQLite to PostgreSQL)"
EXAMPLE = "koll copy --config koll.toml --to postgresql://koll@db.example.internal/koll"


def add_arguments(p) -> None:
    p.add_argument("--to", required=True, metavar="URL", help="the empty target database's URL")


def _same_file(a: str, b: str) -> bool:
    """Two SQLite URLs naming one file by different spellings (/x/./k.db, a link): the copy
    was refused as a non-empty target, with advice to delete that file, the source."""
    import os

    from koll.store import sqlite_file

    first, second = sqlite_file(a), sqlite_file(b)
    if first is None or second is None:
        return False
    try:
        return os.path.samefile(first, second)
    except OSError:  # the target does not exist yet
        return False


def run(args) -> int:
    from koll.config_file import _database_url
    from koll.config_values import check_database_url
    from koll.store import Store, safe_url
    from koll.store.copy import TargetNotEmpty, copy_store

    settings = settings_from_args(args)
    check_database_url("(command line)", "--to", args.to)
    # A relative SQLite path is the config's folder's, as for [storage] url and --db: taken
    # from the current folder, the copy went where the config, pointed at it, would not look.
    to = _database_url(settings.config_path, args.to)
    if to == settings.database_url or _same_file(to, settings.database_url):
        return fail("--to names the store being copied", 2)
    # A missing source file would be created empty and "copied": a typo looking like success.
    src = open_store(settings, existing=True)
    dst = Store(to)  # creates the schema there; a StoreError exits 1 with one line

    def show(table: str, n: int) -> None:
        print(f"\rkoll copy: {table}: {n} rows ", end="", file=sys.stderr, flush=True)

    try:
        counts = copy_store(src, dst, progress=show if sys.stderr.isatty() else None)
    except TargetNotEmpty as e:  # the wrong database named: a usage mistake, nothing written
        return fail(f"database error: {e}", 2)
    except KeyboardInterrupt:
        return fail(
            f"copy interrupted; nothing was written to {safe_url(to)} (the copy is one "
            "transaction), so run the same command again to copy",
            130,
        )
    finally:
        src.close()
        dst.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    total = sum(counts.values())
    print(
        f"koll copy: {total} rows copied to {safe_url(to)} "
        f"({counts.get('items', 0)} items, {counts.get('mentions', 0)} mentions)"
    )
    return 0
