"""`koll topics`: what a brand's conversation is about, as topics labelled by their top terms."""

from __future__ import annotations

import json

from koll.cli._common import (
    CommandError,
    iso_day,
    open_store,
    refuse_future_until,
    settings_from_args,
)

HELP = "topics of a brand's mentions (top terms and a representative mention per topic)"
EXAMPLE = "koll topics --brand Fjällkraft --since 2026-11-01 --until 2026-11-30"


def add_arguments(p) -> None:
    p.add_argument("--brand", required=True, help="brand name as in koll.toml")
    p.add_argument(
        "--since",
        help="first day, YYYY-MM-DD (default: the last 30 days analysed); not after today",
    )
    p.add_argument("--until", help="last day, YYYY-MM-DD (inclusive; default with --since: today)")
    p.add_argument("--json", action="store_true", help="print one JSON object")


def run(args) -> int:
    from analysis.windows import WindowError, window_end
    from koll.store import local_day, utcnow
    from koll.store.views import topics_for

    settings = settings_from_args(args)
    since, until = iso_day(args.since, "--since"), iso_day(args.until, "--until")
    b = settings.brand(args.brand)
    refuse_future_until(until)
    try:  # a window, as koll control's and ws.topics()'s: a --since alone ends today
        until = window_end(since, until, local_day(utcnow()))
    except WindowError as e:
        raise CommandError(e.with_flags()) from None
    df = topics_for(open_store(settings, existing=True), b.name, since, until, settings=settings)
    rows = [
        {
            "topic": int(r.topic_no),
            "label": r.label,
            "terms": list(r.terms),
            "size": int(r.size),
            "share": float(r.share),
            "representative_item_id": None
            if r.representative_item_id is None
            else int(r.representative_item_id),
            "representative_title": r.representative_title,
        }
        for r in df.itertuples(index=False)
    ]
    if args.json:
        print(
            json.dumps(
                {"brand": b.name, "since": since, "until": until, "topics": rows},
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not rows:
        print(f"Inga ämnen för {b.name} (kör koll analyse, eller välj en period med omnämnanden).")
        return 0
    for t in rows:
        print(f"{t['topic']:>2}. {t['label']}  ({t['size']} omnämnanden, {100 * t['share']:.0f} %)")
        print(f"    ord: {', '.join(t['terms'])}")
        if t["representative_title"]:
            print(f"    till exempel: {t['representative_title']}")
    return 0
