"""`koll digest`: send the e-mail digests that are due (or one for a brand and window), or write
one to a file."""

from __future__ import annotations

from koll.cli._common import CommandError, iso_day, settings_from_args
from koll.files import output_target, shown

HELP = "e-mail the digests of [[notify.digests]] that are due, once per period (or write one)"
EXAMPLE = (
    "koll digest                 # from cron, every 10 minutes: sends each digest once a period\n"
    "  koll digest --output d.html  # the current digest as a file, nothing sent\n"
    "  koll digest --brand Fjällkraft --since 2026-11-10 --until 2026-11-16 --to me@example.se"
)


def add_arguments(p) -> None:
    p.add_argument("--brand", help="one brand's digest now, due or not (default: the due digests)")
    p.add_argument(
        "--since",
        help="first day, YYYY-MM-DD (default: yesterday, or --until when only that is given)",
    )
    p.add_argument(
        "--until",
        help="last day, YYYY-MM-DD (inclusive; default: yesterday, or --since when that is today)",
    )
    p.add_argument(
        "--to",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="send to this address instead (repeatable); not recorded as the period's digest",
    )
    p.add_argument(
        "--output",
        metavar="F.html",
        help="write the digest's HTML to this file instead of sending it (several: F-2.html, …)",
    )


def run(args) -> int:
    from analysis.windows import WindowError
    from koll.config_values import is_address
    from koll.jobs.digest import run as digest

    for address in args.to:  # checked whether the digest is sent or written (--output)
        if not is_address(address):
            raise CommandError(f"--to: expected an e-mail address, got {shown(address)!r}")
    if args.output is not None:
        output_target(args.output)  # a name that cannot be a file: one line before any work
    settings = settings_from_args(args)
    since, until = iso_day(args.since, "--since"), iso_day(args.until, "--until")
    if args.brand:
        settings.brand(args.brand)  # an unknown brand is a usage error before any work
    try:
        return digest(
            settings=settings,
            brand=args.brand,
            since=since,
            until=until,
            to=tuple(args.to),
            output=args.output,
        )
    except WindowError as e:  # a --since or --until after today: one line, exit 2, nothing sent
        raise CommandError(e.with_flags()) from None
