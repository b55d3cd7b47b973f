"""`koll digest`: build the e-mail digests that are due and send each once per period, or write
one to a file.

A daily digest is due from 07:00 Europe/Stockholm and is about yesterday (compared with the day
before); a weekly one from Monday 07:00, about last week (Monday to Sunday, compared with the
week before). The store records each digest and period it sent (koll/store/digests.py).
"""

from __future__ import annotations

import logging
import sys
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from koll.config import DigestSettings, Settings
from koll.store import STOCKHOLM, Store
from koll.store import digests as store_digests

log = logging.getLogger("koll.digest")

SEND_AT = time(7, 0)  # mornings are when communication staff read their inbox
# A digest that missed its 07:00 (machine off, mail server down) still goes out this long after;
# later it would arrive next to the following one, so that period is skipped instead.
GRACE = {"day": timedelta(hours=12), "week": timedelta(days=3)}
# A run that claimed a digest and died lets another run send it after this long (a send takes
# seconds; the SMTP timeout is 30 s per step).
CLAIM_TIMEOUT = timedelta(minutes=10)


@dataclass(frozen=True)
class Period:
    """One digest's period: when it was due, and the days it covers."""

    every: str
    due: datetime  # aware, 07:00 Stockholm
    since: str
    until: str

    @property
    def key(self) -> str:
        return self.due.astimezone(STOCKHOLM).date().isoformat()


def latest_period(every: str, now: datetime) -> Period:
    """The most recent period whose 07:00 has passed at `now`."""
    local = now.astimezone(STOCKHOLM)
    day = local.date() if local.time() >= SEND_AT else local.date() - timedelta(days=1)
    if every == "week":
        day -= timedelta(days=day.weekday())  # back to Monday
        if day == local.date() and local.time() < SEND_AT:
            day -= timedelta(days=7)
        since, until = day - timedelta(days=7), day - timedelta(days=1)
    else:
        since = until = day - timedelta(days=1)
    due = datetime.combine(day, SEND_AT, tzinfo=STOCKHOLM)
    return Period(every, due, since.isoformat(), until.isoformat())


def window_period(since: str | None, until: str | None, now: datetime) -> Period:
    """An ad hoc window (--since/--until): yesterday unless given; a --since alone runs to
    yesterday (the last whole day), or is that one day when it is today. WindowError for a
    --since after today without --until, as `koll control` says, and for an --until after
    today: their zeros would read as silence."""
    from analysis.windows import until_not_after, window_end

    today = now.astimezone(STOCKHOLM).date()
    yesterday = (today - timedelta(days=1)).isoformat()
    window_end(since, until, today.isoformat())  # raises for a first day after today
    until_not_after(until, today.isoformat())
    u = until or max(since or yesterday, yesterday)
    s = since or u
    every = "day" if s == u else "week"
    return Period(every, now, s, u)


def _output_paths(output: str, n: int) -> list[Path]:
    """F.html for one digest; F.html, F-2.html, … for several."""
    p = Path(output)
    return [p] + [p.with_name(f"{p.stem}-{i}{p.suffix}") for i in range(2, n + 1)]


def _write(path: Path, html: str) -> None:
    # As every --output: atomically for a regular file (a link's target replaced, the link
    # kept), straight into a FIFO or /dev/stdout, which a rename would have replaced.
    from koll.files import write_output

    write_output(str(path), html)


def run(
    *,
    settings: Settings,
    now: datetime | None = None,
    brand: str | None = None,
    since: str | None = None,
    until: str | None = None,
    to: tuple[str, ...] = (),
    output: str | None = None,
    store: Store | None = None,
) -> int:
    """Send the due digests (or the one asked for); 0 sent, written or nothing due, 1 the mail
    server refused, 2 nothing to send it with (no [notify] smtp_url / from, no recipients)."""
    from koll.jobs.digest_mail import build

    now = now or datetime.now(UTC)
    ad_hoc = bool(brand or since or until or to)
    jobs = _ad_hoc(settings, now, brand, since, until, to) if ad_hoc else _scheduled(settings, now)
    if jobs is None:
        return 2
    own_store = store is None
    store = store or Store(settings.database_url, existing=True)  # a mistyped URL sends nothing
    try:
        if output:
            for (digest, period), path in zip(jobs, _output_paths(output, len(jobs)), strict=True):
                _write(path, build(store, settings, digest, period).html)
                print(f"koll: digest written to {path}", file=sys.stderr)
            return 0
        if not _can_send(settings, jobs):
            return 2
        refused = 0
        for digest, period in jobs:
            if not ad_hoc and now > period.due + GRACE[period.every]:
                log.info("digest %s for %s: too late to send, skipped", digest.key, period.key)
                continue
            refused += not _send(store, settings, digest, period, now=now, record=not ad_hoc)
        return 1 if refused else 0
    finally:
        if own_store:
            store.close()


def _scheduled(settings: Settings, now: datetime) -> list | None:
    digests = settings.notify.digests
    if not digests:
        print(
            f"koll: no [[notify.digests]] in {settings.config_path}: add one, or pass --brand",
            file=sys.stderr,
        )
        return None
    return [(d, latest_period(d.every, now)) for d in digests]


def _ad_hoc(settings: Settings, now: datetime, brand, since, until, to) -> list:
    """One digest for --brand (else the configured digests' brands) and the window, to --to
    (else the configured recipients of those brands)."""
    configured = settings.notify.digests
    brands: tuple[str, ...]
    if brand:
        brands = (settings.brand(brand).name,)
    else:
        brands = tuple(dict.fromkeys(b for d in configured for b in d.brands)) or tuple(
            b.name for b in settings.brands
        )
    recipients = tuple(to) or tuple(
        dict.fromkeys(a for d in configured if set(brands) & set(d.brands) for a in d.to)
    )
    period = window_period(since, until, now)
    return [(DigestSettings(to=recipients, brands=brands, every=period.every), period)]


def _can_send(settings: Settings, jobs: list) -> bool:
    n = settings.notify
    missing = [k for k, v in (("smtp_url", n.smtp_url), ("from", n.sender)) if not v]
    if missing:
        from koll.config_lines import key_place

        print(
            f"koll: config error: {key_place(settings, f'notify.{missing[0]}')}: sending a "
            f"digest needs [notify] {' and '.join(missing)} (or write it with --output F.html)",
            file=sys.stderr,
        )
        return False
    if any(not d.to for d, _ in jobs):
        print("koll: no recipients: pass --to ADDRESS or add [[notify.digests]]", file=sys.stderr)
        return False
    return True


def _send(
    store: Store,
    settings: Settings,
    digest: DigestSettings,
    period: Period,
    *,
    now: datetime,
    record: bool,
) -> bool:
    """Send one digest, once per period when `record`; False only when the server refused."""
    from koll.jobs.digest_mail import build
    from koll.jobs.mail import MailError, PartlySent, message, send

    token = uuid.uuid4().hex
    if record:
        with store.begin() as conn:
            mine = store_digests.claim(
                conn,
                digest.key,
                period.key,
                token,
                now=now,
                stale_before=now - CLAIM_TIMEOUT,
                recipients=", ".join(digest.to),
            )
        if not mine:
            _note_claimed(store, digest, period)
            return True
    n = settings.notify
    assert n.sender and n.smtp_url  # run() checked them (_can_send) before sending any
    built = build(store, settings, digest, period)
    msg = message(
        sender=n.sender,
        to=digest.to,
        subject=built.subject,
        text=built.text,
        html=built.html,
        now=now,
    )
    reached = digest.to
    try:
        send(msg, n.smtp_url, timeout_s=n.smtp_timeout_s)
    except PartlySent as e:  # delivered to the others: it counts as sent
        log.warning("%s", e)
        reached = _accepted(digest.to, e.refused)
    except MailError as e:
        if record:  # nothing is recorded as sent that was not
            with store.begin() as conn:
                store_digests.release(conn, digest.key, period.key, token)
        print(f"koll: digest not sent: {e}", file=sys.stderr)
        return False
    if record:
        with store.begin() as conn:
            store_digests.mark_sent(conn, digest.key, period.key, token, now, ", ".join(reached))
    print(
        f"koll: digest sent to {', '.join(reached)} ({period.since}..{period.until})",
        file=sys.stderr,
    )
    return True


def _note_claimed(store: Store, digest: DigestSettings, period: Period) -> None:
    """One line when another run holds the digest (it is sending it, or died mid-send): the
    next run exited 0 and said nothing for up to CLAIM_TIMEOUT, which looked like a lost digest."""
    with store.connect() as conn:
        at = store_digests.claimed_at(conn, digest.key, period.key)
    if at is None:
        log.debug("digest %s for %s: sent already", digest.key, period.key)
        return
    until = (at + CLAIM_TIMEOUT).astimezone(STOCKHOLM)
    print(
        f"koll: digest to {', '.join(digest.to)} ({period.since}..{period.until}) is claimed "
        f"by another run until {until:%Y-%m-%d %H:%M} (Stockholm time); if that run died, "
        "a run after then sends it",
        file=sys.stderr,
    )


def _accepted(to: tuple[str, ...], refused: tuple[str, ...]) -> tuple[str, ...]:
    """The recipients a partly refused digest reached: those whose bare address (as smtplib
    sent it) is not among koll.jobs.mail.PartlySent's `refused`."""
    from email.utils import parseaddr

    gone = {a.casefold() for a in refused}
    return tuple(r for r in to if (parseaddr(r)[1] or r).casefold() not in gone)
