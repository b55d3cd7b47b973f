"""`koll analyse`: (re)compute scores, stories, topics and alerts that are missing or stale."""

from __future__ import annotations

import argparse
import json
import sys

from koll.cli._common import settings_from_args

HELP = (
    "recompute scores, stories, topics and alerts that are missing or stale; prints its "
    "summary only on a terminal or with --json or -v, so a scheduled run's output is its log "
    "lines on stderr (KOLL_LOG_LEVEL=WARNING: only problems); exit 0 ok, 75 another koll "
    "analyse run holds the lock (it exits at once, nothing changed)"
)
EXAMPLE = "koll analyse --config koll.toml       # after koll ingest, e.g. in the same cron line"


def add_arguments(p) -> None:
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        # SUPPRESS: `koll -v analyse` (the global flag) is not reset by this one's default
        default=argparse.SUPPRESS,
        help="print the summary as lines, also when not on a terminal (and log debug messages)",
    )
    p.add_argument(
        "--full",
        action="store_true",
        help="rework all history, not only the last 30 days (e.g. after changing key messages), "
        "and re-match every brand",
    )


def _progress(done: int, total: int, brands: list[str]) -> None:
    """One line on a terminal, rewritten as a re-match goes through the stored items."""
    end = "\n" if done >= total else ""
    print(
        f"\rre-matching {', '.join(brands)}: {done:,} of {total:,} items ({done / total:.0%})",
        end=end,
        file=sys.stderr,
        flush=True,
    )


def run(args) -> int:
    from koll.jobs.analyse import run as analyse

    def show(summary: dict) -> None:
        # From cron the summary, every 10 minutes, is mail or log noise: asked for, or seen.
        if not (args.json or getattr(args, "verbose", False) or sys.stdout.isatty()):
            return
        if args.json:
            print(json.dumps(summary, ensure_ascii=False))
        else:
            for step, result in summary.items():
                print(f"{step}: {result}")

    progress = _progress if sys.stderr.isatty() else None
    return analyse(settings=settings_from_args(args), full=args.full, progress=progress, show=show)
