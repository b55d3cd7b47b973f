"""`koll copy`: copy the whole store into another, empty database (SQLite -> PostgreSQL)."""

from __future__ import annotations

import sys

from koll.cli._common import fail, open_store, settings_from_args

HELP = "copy every stored row into another, empty database (e.g. from SQLite to PostgreSQL)"
EXAMPLE = "koll copy --config koll.toml --to postgresql://koll@db.example.internal/koll"


def add_arguments(p) -> None:
    p.add_argument("--to", required=True, metavar="URL", help="the empty target database's URL")


def run(args) -> int:
    from koll.config import check_database_url
    from koll.store import Store, safe_url
    from koll.store.copy import copy_store

    settings = settings_from_args(args)
    check_database_url("(command line)", "--to", args.to)
    if args.to == settings.database_url:
        return fail("--to names the store being copied", 2)
    src = open_store(settings)
    dst = Store(args.to)  # creates the schema there; a StoreError exits 1 with one line

    def show(table: str, n: int) -> None:
        print(f"\rkoll copy: {table}: {n} rows ", end="", file=sys.stderr, flush=True)

    try:
        counts = copy_store(src, dst, progress=show if sys.stderr.isatty() else None)
    except KeyboardInterrupt:
        return fail(
            f"copy interrupted; nothing was written to {safe_url(args.to)} (the copy is one "
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
        f"koll copy: {total} rows copied to {safe_url(args.to)} "
        f"({counts.get('items', 0)} items, {counts.get('mentions', 0)} mentions)"
    )
    return 0
