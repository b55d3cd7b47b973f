"""`koll report`: a brand's report for a window, written as one self-contained HTML file."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta

from analysis.windows import FLAGS, WindowError
from koll.config import Settings
from koll.store import Store, local_day

DEFAULT_DAYS = 7  # the Monday meeting's week


def default_window(since: str | None, until: str | None, now: datetime) -> tuple[str, str]:
    """--until defaults to yesterday (today is not over), --since to a week ending there.

    A `since` after the (default) until is a WindowError naming both, as for an explicit
    --until: swapping them had reported on a window nobody asked for.
    """
    yesterday = date.fromisoformat(local_day(now)) - timedelta(days=1)
    u = date.fromisoformat(until) if until else yesterday
    s = date.fromisoformat(since) if since else u - timedelta(days=DEFAULT_DAYS - 1)
    if s > u:
        default = "" if until else " (the default: yesterday)"
        # Said in flags: only `koll report` leaves its window to this.
        raise WindowError(f"{{since}} {s} is after {{until}} {u}{default}", FLAGS)
    return s.isoformat(), u.isoformat()


def run(
    *,
    settings: Settings,
    brand: str,
    output: str,
    since: str | None = None,
    until: str | None = None,
    now: datetime | None = None,
) -> int:
    """Write the report of `brand` for [since, until] to `output`; 0 when written."""
    from koll.files import write_output
    from koll.store.report import report_data
    from koll.store.report_html import render_report

    since, until = default_window(since, until, now or datetime.now(UTC))
    # Not created: an empty report of a typo, or koll's tables in another application's database.
    with Store(settings.database_url, existing=True) as store:
        data = report_data(store, settings, brand, since, until)
    html = render_report(data, settings.dashboard.language, settings.notify.dashboard_url)
    # Atomically for a regular file (a link's target replaced, the link kept); straight into a
    # FIFO or /dev/stdout, which a rename would have replaced with a file.
    write_output(output, html)
    print(f"koll: report for {brand} {since}..{until} written to {output}", file=sys.stderr)
    return 0
