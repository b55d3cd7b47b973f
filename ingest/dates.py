"""Feed dates as Swedish sites write them, which feedparser misreads or cannot read at all.

feedparser reads RFC 822 dates with English names and North American or numeric zones. Swedish
CMSs also write "ons, 02 dec 2026 12:00:00 +0100" (Swedish day and month names: no date at
all, so the item got its first-seen time) and "Wed, 02 Dec 2026 12:00:00 CEST" (a zone name
feedparser does not know, read as UTC: two hours late, so items near midnight fell on the wrong
day). A time without a zone feedparser read as UTC ("2026-12-03T23:45:00", "03 Dec 2026
23:40"), or not at all ("Thu, 03 Dec 2026 23:40:00"); here it is Stockholm time in every form.
`register()` puts `parse` first among feedparser's date handlers, so both parsers (the fast path
uses feedparser's date parser too) read these forms; anything else it leaves to feedparser.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import feedparser

STOCKHOLM = ZoneInfo("Europe/Stockholm")

_MONTHS = {
    **dict.fromkeys(("jan", "januari", "january"), 1),
    **dict.fromkeys(("feb", "februari", "february"), 2),
    **dict.fromkeys(("mar", "mars", "march"), 3),
    **dict.fromkeys(("apr", "april"), 4),
    **dict.fromkeys(("maj", "may"), 5),
    **dict.fromkeys(("jun", "juni", "june"), 6),
    **dict.fromkeys(("jul", "juli", "july"), 7),
    **dict.fromkeys(("aug", "augusti", "august"), 8),
    **dict.fromkeys(("sep", "sept", "september"), 9),
    **dict.fromkeys(("okt", "oct", "oktober", "october"), 10),
    **dict.fromkeys(("nov", "november"), 11),
    **dict.fromkeys(("dec", "december"), 12),
}
# The names only Swedish uses (the rest, "dec", "april", are English too).
_SWEDISH_MONTHS = frozenset(
    ("januari", "februari", "mars", "maj", "juni", "juli", "augusti", "okt", "oktober")
)
# Every Swedish month name and abbreviation. Written in lower case, as Swedish writes month
# names (English capitalises them), "2 december 2026" is Swedish too: it had been left to
# feedparser, which read it as UTC or not at all (docs/config.md's own example, "2 december
# 2026 kl. 12:00", got its first-seen time).
_SWEDISH_LOWER = _SWEDISH_MONTHS | frozenset(
    ("jan", "feb", "mar", "apr", "april", "jun", "jul", "aug", "sep", "sept", "september")
    + ("nov", "november", "dec", "december")
)
_SWEDISH_DAYS = re.compile(r"^(mån|tis|ons|tors?|fre|lör|sön)(dag)?$", re.I)
# Central and Eastern European zone names (German-language ones too: MEZ/MESZ); feedparser knows
# none of them and reads the time as UTC.
_ZONES = {"CET": 1, "CEST": 2, "MEZ": 1, "MESZ": 2, "EET": 2, "EEST": 3, "WET": 0, "WEST": 1}
_UTC = frozenset(("UT", "UTC", "GMT", "Z"))
_DATE = re.compile(
    r"""^\s*(?:(?P<wday>[^\W\d]+)\.?,?\s+)?
    (?P<day>\d{1,2})\.?\s+(?P<month>[^\W\d]+)\.?\s+(?P<year>\d{4}),?
    (?:\s+(?P<kl>kl\.?\s*)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?)?
    (?:\s*(?P<zone>[+-]\d{2}:?\d{2}|[A-Za-z]{2,5}))?\s*$""",
    re.X,
)
# ISO 8601, extended or basic ("2026-12-03T23:45:00", "20261203T234500"), and the forms
# databases and scripts print for it: a space for the T, and a zone as an offset of hours alone
# ("2026-12-03 23:45:00+01", PostgreSQL's timestamptz) or a name ("… 23:45:00 UTC", Ruby's
# Time#to_s; "… 23:45 CET"). feedparser read those last ones as the day alone, at midnight UTC:
# every item of such a feed lost its time and an evening one its day (QA, 2026-12-07).
_ISO = re.compile(
    r"""^\s*(?P<year>\d{4})(?P<sep>-?)(?P<month>\d{2})(?P=sep)(?P<day>\d{2})
    (?:[T\s](?P<hour>\d{2}):?(?P<minute>\d{2})(?::?(?P<second>\d{2})(?:[.,]\d+)?)?
    (?:\s*(?P<zone>[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,5}))?)?\s*$""",
    re.X,
)
# The zone names an ISO time may carry besides _ZONES and _UTC: feedparser's North American
# ones (as it reads them in RFC 822 dates) and British Summer Time, which it read as UTC.
_ISO_ZONES = {
    **_ZONES,
    **{"BST": 1, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5},
    **{"MST": -7, "MDT": -6, "PST": -8, "PDT": -7},
}
# asctime ("Thu Dec  3 23:40:00 2026"), which has no zone.
_ASCTIME = re.compile(
    r"""^\s*[A-Za-z]{3}\s+(?P<month>[A-Za-z]{3})\s+(?P<day>\d{1,2})
    \s+(?P<hour>\d{2}):(?P<minute>\d{2}):(?P<second>\d{2})\s+(?P<year>\d{4})\s*$""",
    re.X,
)


# A numeric zone after a time ("… 10:00:00 +9999", "…T10:00:00+25:00"): feedparser's own
# handlers took any four digits, and an offset of 99 hours 99 minutes moved the date four days
# without a word (QA, 2026-12-07). Real offsets are under 24 hours with minutes under 60.
# An ISO offset of hours alone ("+25") is one too.
_OFFSET = re.compile(r"\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*[+-](?P<h>\d{2})(?::?(?P<m>\d{2}))?\s*$")
# What parse answers for a date that cannot be: a time before any feed (ingest.parse._date takes
# it for no date), so that feedparser's handlers, which would read it, are not asked.
NO_DATE = time.struct_time((1, 1, 1, 0, 0, 0, 0, 1, 0))


def parse(value: str) -> time.struct_time | None:
    """A UTC struct_time for a date with Swedish names, a European zone name or no zone at all,
    else None (for feedparser's own handlers); NO_DATE for an impossible zone offset. A date
    without a zone is Stockholm time."""
    off = _OFFSET.search(value)
    if off is not None and (int(off["h"]) >= 24 or int(off["m"] or 0) >= 60):
        return NO_DATE
    m = _ISO.match(value)
    if m is not None:
        zone = m["zone"]
        if zone is None or zone[0] in "+-" or zone.upper() in _UTC or zone.upper() in _ISO_ZONES:
            return _utc(m, int(m["month"]), zone)
        return None  # a zone name this module does not know: feedparser's call
    m = _ASCTIME.match(value)
    if m is not None:
        month = _MONTHS.get(m["month"].lower())
        return None if month is None else _utc(m, month, None)
    return _rfc822(value)


def _rfc822(value: str) -> time.struct_time | None:
    m = _DATE.match(value)
    if m is None:
        return None
    month = _MONTHS.get(m["month"].lower())
    wday = m["wday"]
    zone = m["zone"]
    name = m["month"]
    swedish = (
        name.lower() in _SWEDISH_MONTHS
        or (name.islower() and name in _SWEDISH_LOWER)
        or m["kl"] is not None  # "kl." (klockan) before the time
        or (wday is not None and _SWEDISH_DAYS.match(wday) is not None)
    )
    named_zone = zone is not None and zone.upper() in _ZONES
    if month is None or not (swedish or named_zone or zone is None):
        return None
    if zone is not None and not named_zone and zone[0] not in "+-" and zone.upper() not in _UTC:
        return None  # a zone name this module does not know: feedparser's call
    return _utc(m, month, zone)


def _utc(m: re.Match, month: int, zone: str | None) -> time.struct_time | None:
    """The match's date and time, in `zone` (a name, an offset or None), as UTC."""
    try:
        local = datetime(
            int(m["year"]),
            month,
            int(m["day"]),
            int(m["hour"] or 0),
            int(m["minute"] or 0),
            int(m["second"] or 0),
        )
    except ValueError:
        return None
    if zone is None:
        # koll reads Swedish sources: a feed that gives no zone writes the time its readers
        # see on the clock, Stockholm time, not UTC.
        aware = local.replace(tzinfo=STOCKHOLM)
    elif zone.upper() in _ISO_ZONES:
        aware = local.replace(tzinfo=timezone(timedelta(hours=_ISO_ZONES[zone.upper()])))
    elif zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))  # parse checked
        aware = local.replace(tzinfo=timezone(-offset if zone[0] == "-" else offset))
    else:
        aware = local.replace(tzinfo=UTC)
    return aware.astimezone(UTC).timetuple()


def register() -> None:
    """Put `parse` first among feedparser's date handlers (once)."""
    from feedparser import datetimes

    if parse not in datetimes._date_handlers:
        feedparser.registerDateHandler(parse)
