"""`koll analyse`: (re)compute scores, stories, topics and alerts that are missing or stale."""

from __future__ import annotations

import json

from koll.cli._common import settings_from_args

HELP = "recompute scores, stories, topics and alerts that are missing or stale"
EXAMPLE = "koll analyse --config koll.toml       # after koll ingest, e.g. in the same cron line"


def add_arguments(p) -> None:
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument(
        "--full",
        action="store_true",
        help="rework all history, not only the last 30 days (e.g. after changing key messages)",
    )


def run(args) -> int:
    from koll.jobs.analyse import analyse_all

    summary = analyse_all(settings=settings_from_args(args), full=args.full)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        for step, result in summary.items():
            print(f"{step}: {result}")
    return 0
