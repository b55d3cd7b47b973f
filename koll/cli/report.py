"""`koll report`: one self-contained HTML report of a brand and period (opens offline, prints to A4)."""

from __future__ import annotations

from koll.cli._common import CommandError, iso_day, refuse_future_until, settings_from_args
from koll.files import output_target

HELP = "a self-contained HTML report of a brand's control, tone, stories and sources"
EXAMPLE = "koll report --brand Fjällkraft --since 2026-11-10 --until 2026-11-16 --output r.html"


def add_arguments(p) -> None:
    p.add_argument("--brand", required=True, help="brand name as in koll.toml")
    p.add_argument("--since", help="first day, YYYY-MM-DD (default: 6 days before --until)")
    p.add_argument(
        "--until", help="last day, YYYY-MM-DD (inclusive; default: yesterday; not after today)"
    )
    p.add_argument("--output", required=True, metavar="F.html", help="the HTML file to write")


def run(args) -> int:
    from analysis.windows import WindowError
    from koll.jobs.report import run as report

    output_target(args.output)  # a name that cannot be a file: one line before any work
    settings = settings_from_args(args)
    since, until = iso_day(args.since, "--since"), iso_day(args.until, "--until")
    refuse_future_until(until)
    brand = settings.brand(args.brand).name
    try:  # the job checks the window, defaults filled in, before it opens the database
        return report(settings=settings, brand=brand, since=since, until=until, output=args.output)
    except WindowError as e:
        raise CommandError(e.with_flags()) from None
