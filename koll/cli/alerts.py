"""`koll alerts`: stored alerts (volume and tone spikes, rising terms and topics) with their reasons."""

from __future__ import annotations

import json
from datetime import datetime

from koll.cli._common import (
    CommandError,
    bounded_int,
    iso_day,
    open_store,
    refuse_future_until,
    settings_from_args,
)

HELP = "alerts found by koll analyse: spikes in volume or negative tone, rising terms and topics"
EXAMPLE = "koll alerts --brand Fjällkraft --since 2026-11-01 --format json"


def add_arguments(p) -> None:
    p.add_argument("--brand", help="only this brand (default: all brands)")
    p.add_argument("--since", help="first day, YYYY-MM-DD; not after today")
    p.add_argument("--until", help="last day, YYYY-MM-DD (inclusive; default with --since: today)")
    p.add_argument(
        "--limit",
        type=bounded_int(1, 10_000),
        default=50,
        help="at most this many, newest first (50)",
    )
    p.add_argument("--format", choices=("table", "json"), default="table")


def _clean(v):
    if v is None or v != v:  # NaN, NaT
        return None
    if isinstance(v, datetime):
        from koll.store import to_db
        from koll.store.export import iso_utc

        # UTC, as stored, with its Z, as every other time koll writes in JSON
        return iso_utc(to_db(v))
    return v.isoformat() if hasattr(v, "isoformat") else v


def _status(r: dict) -> str:
    """Sent, or why the webhook has not taken it yet (blank when it was never tried: no
    webhook, too old to post, or held by the cooldown)."""
    if r["delivered_at"]:
        return "skickat"
    return f"ej skickat: {r['last_error']}" if r["last_error"] else ""


def run(args) -> int:
    from analysis.windows import WindowError, window_end
    from koll.store import local_day, utcnow
    from koll.store.views import alerts_list

    settings = settings_from_args(args)
    since, until = iso_day(args.since, "--since"), iso_day(args.until, "--until")
    brand = settings.brand(args.brand).name if args.brand is not None else None
    refuse_future_until(until)
    try:  # a window, as koll control's: a --since alone ends today ("Inga larm." for days to come)
        until = window_end(since, until, local_day(utcnow()))
    except WindowError as e:
        raise CommandError(e.with_flags()) from None
    # with the webhook's delivery columns: a webhook answering 500 had left the status blank
    df = alerts_list(
        open_store(settings, existing=True), brand, since, until, args.limit, delivery=True
    )
    rows = [{k: _clean(v) for k, v in r.items()} for r in df.to_dict("records")]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("Inga larm.")
        return 0
    for r in rows:
        print(f"{r['day']}  {r['brand']:<16} {r['kind']:<9} {r['reason']} {_status(r)}".rstrip())
    return 0
