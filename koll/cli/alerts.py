"""`koll alerts`: stored alerts (volume and tone spikes, rising terms and topics) with their reasons."""

from __future__ import annotations

import json
import math

from koll.cli._common import bounded_int, iso_day, open_store, settings_from_args

HELP = "alerts found by koll analyse: spikes in volume or negative tone, rising terms and topics"
EXAMPLE = "koll alerts --brand Fjällkraft --since 2026-11-01 --format json"


def add_arguments(p) -> None:
    p.add_argument("--brand", help="only this brand (default: all brands)")
    p.add_argument("--since", help="first day, YYYY-MM-DD")
    p.add_argument("--until", help="last day, YYYY-MM-DD (inclusive)")
    p.add_argument(
        "--limit",
        type=bounded_int(1, 10_000),
        default=50,
        help="at most this many, newest first (50)",
    )
    p.add_argument("--format", choices=("table", "json"), default="table")


def _clean(v):
    if isinstance(v, float) and math.isnan(v):
        return None
    return v.isoformat() if hasattr(v, "isoformat") else v


def run(args) -> int:
    from koll.store.views import alerts_list

    settings = settings_from_args(args)
    since, until = iso_day(args.since, "--since"), iso_day(args.until, "--until")
    brand = settings.brand(args.brand).name if args.brand is not None else None
    df = alerts_list(open_store(settings), brand, since, until, args.limit)
    rows = [{k: _clean(v) for k, v in r.items()} for r in df.to_dict("records")]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("Inga larm.")
        return 0
    for r in rows:
        sent = "skickat" if r["delivered_at"] else ""
        print(f"{r['day']}  {r['brand']:<16} {r['kind']:<9} {r['reason']} {sent}".rstrip())
    return 0
