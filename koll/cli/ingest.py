"""`koll ingest`: one scheduled run."""

from __future__ import annotations

from koll.cli._common import settings_from_args

HELP = (
    "fetch due feeds, store new items, match brands and score them (one run, for cron); "
    "exit 0 ok (failed feeds are recorded), 1 nothing could be fetched or stored, "
    "2 bad config, 75 another run holds the lock"
)
EXAMPLE = "koll ingest --config /etc/koll/koll.toml        # from cron: */15 * * * *"


def add_arguments(p) -> None:
    p.add_argument("--dry-run", action="store_true", help="fetch and parse, store nothing")
    p.add_argument("--all", action="store_true", help="fetch every active feed, due or not")


def run(args) -> int:
    from ingest import run as ingest_run

    settings = settings_from_args(args)
    return ingest_run.run(settings=settings, dry_run=args.dry_run, all_feeds=args.all)
