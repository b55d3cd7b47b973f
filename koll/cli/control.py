"""`koll control`: a brand's control components for a window, as JSON."""

from __future__ import annotations

import json

from koll.cli._common import (
    CommandError,
    iso_day,
    local_minute,
    open_store,
    refuse_future_until,
    settings_from_args,
)

HELP = "the control components and index for a brand and period"
EXAMPLE = "koll control --brand Fjällkraft --since 2026-11-01 --until 2026-11-30 --json"


def add_arguments(p) -> None:
    p.add_argument("--brand", required=True, help="brand name as in koll.toml")
    p.add_argument(
        "--since",
        help="first day, YYYY-MM-DD (inclusive; default: all history, which has no previous "
        "window, so new_voices is null)",
    )
    p.add_argument(
        "--until", help="last day, YYYY-MM-DD (inclusive; default: today; not after today)"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object (default: a table)")


def _fmt(v) -> str:
    if v is None:
        return "– (kan inte mätas)"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def run(args) -> int:
    from analysis.windows import WindowError, window_end
    from koll.store import local_day, utcnow
    from koll.store.views import control_report

    settings = settings_from_args(args)
    since, until = iso_day(args.since, "--since"), iso_day(args.until, "--until")
    refuse_future_until(until)
    settings.brand(args.brand)  # unknown brand -> clear error before touching the database
    try:  # the window's end, as control_report would fill it in, before the database is opened
        until = window_end(since, until, local_day(utcnow()))
    except WindowError as e:
        raise CommandError(e.with_flags()) from None
    report = control_report(open_store(settings, existing=True), settings, args.brand, since, until)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    for k, v in report.items():
        if k == "unanswered":
            _print_unanswered(v)
        elif k in _OPEN_ENDS and v is None:  # all history, not a figure that cannot be measured
            print(f"{k:18} {_OPEN_ENDS[k]}")
        else:
            print(f"{k:18} {', '.join(v) if isinstance(v, list) else _fmt(v)}")
    return 0


# A window's open ends, as the table shows them (--json: null).
_OPEN_ENDS = {"since": "– (från första omnämnandet)", "until": "– (till det senaste)"}

# The table shows this many unanswered threads; --json lists them all (up to the report's cap).
SHOWN_THREADS = 5


def _print_unanswered(threads: list[dict]) -> None:
    """How many threads wait for an answer, and the newest few: time, source, title."""
    print(f"{'unanswered':18} {len(threads)}")
    for t in threads[:SHOWN_THREADS]:
        print(f"{'':18} {local_minute(t['latest_at']):16}  {t['source']}  {t['title']}")
