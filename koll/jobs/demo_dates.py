"""The demo's dates moved to the present: a copy of the bundled feeds whose every date is shifted
by the same whole number of days, so that the newest post was published in the last 24 hours.

The bundled feeds tell a story of October and November 2026; a newcomer opening the demo on any
other day would see "last 7 days" empty and no period to compare with. Only the feeds' date
fields move (RFC 822 and ISO 8601, in their own style and offset); texts, links and GUIDs stay
as written, so every rebuild stores the same items.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

# "Tue, 10 Nov 2026 08:15:00 +0100" or "... GMT"; "2026-11-10T08:15:00+01:00" or "...Z".
RFC822 = re.compile(rb"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4} "
                    rb"\d{2}:\d{2}:\d{2} (?:[+-]\d{4}|GMT)")  # fmt: skip
ISO8601 = re.compile(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})")


def _rfc(raw: bytes) -> datetime:
    return parsedate_to_datetime(raw.decode("ascii"))


def _iso(raw: bytes) -> datetime:
    return datetime.fromisoformat(raw.decode("ascii").replace("Z", "+00:00"))


def newest_date(feeds: Path) -> datetime:
    """The latest date written in any feed of the folder (aware)."""
    found = []
    for path in sorted(feeds.glob("*.xml")):
        body = path.read_bytes()
        found += [_rfc(m) for m in RFC822.findall(body)]
        found += [_iso(m) for m in ISO8601.findall(body)]
    if not found:
        raise ValueError(f"no dates in the feeds in {feeds}")
    return max(found)


def shift_for(newest: datetime, now: datetime) -> timedelta:
    """Whole days that bring `newest` into the 24 hours before `now` (never after it)."""
    return timedelta(days=(now - newest) // timedelta(days=1))


def shift_document(body: bytes, shift: timedelta) -> bytes:
    """The feed document with every RFC 822 and ISO 8601 date moved by `shift`, same format.

    Works on bytes: a feed declared ISO-8859-1 stays byte for byte what it was, dates aside.
    """

    def rfc(m: re.Match) -> bytes:
        raw = m.group(0)
        moved = _rfc(raw) + shift
        return format_datetime(moved, usegmt=raw.endswith(b"GMT")).encode("ascii")

    def iso(m: re.Match) -> bytes:
        raw = m.group(0)
        moved = _iso(raw) + shift
        if raw.endswith(b"Z"):
            return moved.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
        return moved.isoformat().encode("ascii")

    return ISO8601.sub(iso, RFC822.sub(rfc, body))


@contextlib.contextmanager
def feeds_as_of(feeds: Path, now: datetime | None = None) -> Iterator[Path]:
    """A temporary copy of the feed folder with its dates moved to end just before `now`."""
    now = now or datetime.now(UTC)
    shift = shift_for(newest_date(feeds), now)
    with tempfile.TemporaryDirectory(prefix="koll-demo-feeds-") as tmp:
        out = Path(tmp)
        for path in feeds.iterdir():
            if path.suffix == ".xml":
                (out / path.name).write_bytes(shift_document(path.read_bytes(), shift))
            elif path.is_file():
                shutil.copyfile(path, out / path.name)
        yield out
